"""Two request-level figures of ``summit-qa bench --requests``, measured in process:

* a several-passage question (a list, a count, a period, an overview) against a single
  question: ``answer()`` p50 of each, warm, and their ratio;
* an ordinary question's wait alone, and while two requests carrying 3,000 distinct
  earlier turns each are answered on other threads (the history a request may carry is
  capped, and read in time linear in the turns kept).

Timings are measurements, never test assertions.
"""

from __future__ import annotations

import statistics
import threading
import time

SINGLE = [
    "金正恩哪天抵达越南？",
    "When did Trump arrive in Hanoi?",
    "美国财政部制裁了哪位朝鲜官员？",
    "트럼프는 언제 하노이에 도착하나요?",
]
SEVERAL = [
    "美军士兵遗骸的事提到了几次？",
    "What's on this page?",
    "2018年下半年发生了什么？",
    "三大议题是什么？",
]


def _p50(engine, questions: list[str], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        for q in questions:
            engine.forget()
            t = time.perf_counter()
            engine.answer(q)
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def several_vs_single(engine, rounds: int = 5) -> dict:
    for q in SINGLE + SEVERAL:  # warm: the dictionaries and jieba load on first use
        engine.answer(q)
    single, several = _p50(engine, SINGLE, rounds), _p50(engine, SEVERAL, rounds)
    return {
        "single_p50_ms": round(single, 1),
        "several_p50_ms": round(several, 1),
        "ratio": round(several / single, 2),
    }


def _long_history(seed: int) -> list[dict]:
    out = []
    for i in range(3000):
        out += [
            {"role": "user", "content": f"第{seed}-{i}个问题：金正恩哪天抵达越南？"},
            {"role": "assistant", "content": "…"},
        ]
    return out


def long_histories(engine, rounds: int = 9) -> dict:
    """The ordinary question's wait alone, then with two 3,000-turn requests running."""
    asked = iter(f"{q} ({n})" for n in range(2 * rounds) for q in SINGLE[:1])  # new each time
    alone = []
    for _ in range(rounds):
        question = next(asked)
        t = time.perf_counter()
        engine.answer(question)
        alone.append(time.perf_counter() - t)
    loaded, heavy = [], []

    def carry(seed: int) -> None:
        t = time.perf_counter()
        engine.answer("那特朗普呢？", history=_long_history(seed))
        heavy.append(time.perf_counter() - t)

    for r in range(rounds):
        threads = [threading.Thread(target=carry, args=(r * 2 + k,)) for k in range(2)]
        for th in threads:
            th.start()
        time.sleep(0.01)
        question = next(asked)
        t = time.perf_counter()
        engine.answer(question)
        loaded.append(time.perf_counter() - t)
        for th in threads:
            th.join()
    a, b = statistics.median(alone) * 1000, statistics.median(loaded) * 1000
    return {
        "alone_p50_ms": round(a, 1),
        "with_two_3000_turn_requests_p50_ms": round(b, 1),
        "ratio": round(b / a, 2),
        "3000_turn_request_p50_ms": round(statistics.median(heavy) * 1000, 1),
    }


def run(engine) -> dict:
    return {"several_vs_single": several_vs_single(engine), "long_histories": long_histories(engine)}


def main(settings) -> int:
    """Print the request figures as JSON (``summit-qa bench --requests``)."""
    import json

    from summit_qa.answering.engine import SummitQA
    from summit_qa.retrieval.late_interaction import one_blas_thread

    one_blas_thread()
    engine = SummitQA.open(settings, say=lambda *_: None)
    print(json.dumps(run(engine), indent=1))
    return 0
