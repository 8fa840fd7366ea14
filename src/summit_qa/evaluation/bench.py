"""Speed and scale benchmarks: a script that prints a table and writes eval/bench.json.

Each runtime of the default model (torch fp32 through sentence-transformers,
int8 through ONNX Runtime) is measured side by side in one run:

* cold start: a new process from start to its first answer (imports, model
  load, index load), median of three, with the index already built, and its
  peak RSS;
* warm ``answer()`` p50/p95 over the eval questions next to the bare query
  encode (``encoder.encode([q], "query")``) of the same questions;
* the same on a busy machine (two processes spinning on the two cores), with
  ONNX Runtime on one thread and on two: what ``onnx_encoder.THREADS`` is set from;
* index build time and peak memory for the page (a fresh process);
* scale: clustered synthetic vectors of 10k, 100k and 1M passages, with the
  FAISS index type ``make_faiss_index`` picks for that size: build time, query
  p50 and memory, recall@10 against exact search; plus the real encode
  throughput on the page's passages, to price embedding such a corpus.

Timings are measurements on this machine, never assertions in tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from summit_qa.evaluation.bench_scale import scale_in_new_process
from summit_qa.evaluation.bench_table import RUNTIME_NAMES, table
from summit_qa.evaluation.sets import load_pairs
from summit_qa.settings import DEFAULT_MODEL, EVAL_DIR, RUNTIMES, Settings

# Peak RSS of the new process itself: VmHWM (its own memory's high-water mark).  Not
# ru_maxrss, which after fork + exec also counts the parent's memory at the fork.
_PEAK = """
def peak_kb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_COLD = (
    _PEAK
    + """
import time
t0 = time.perf_counter()
from summit_qa import answer
res = answer("金正恩哪天抵达越南？")
t1 = time.perf_counter()
assert res.answered and res.passages[0].date == "2019-02-26", res
print(time.time(), t1 - t0, peak_kb())
"""
)

_BUILD = (
    _PEAK
    + """
import time, sys, tempfile
from pathlib import Path
from summit_qa.settings import Settings
s = Settings.from_env()
from summit_qa.answering.engine import open_encoder
t0 = time.perf_counter()
encoder = open_encoder(s, say=lambda *_: None)
t1 = time.perf_counter()
from summit_qa.answering.smalltalk import exemplar_texts
from summit_qa.retrieval.index import load_or_build
index = load_or_build(
    encoder, s.data_dir, Path(tempfile.mkdtemp()), s.home, say=lambda *_: None, exemplars=exemplar_texts()
)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, index.manifest.units, peak_kb())
"""
)


def _python(code: str, settings: Settings) -> tuple[float, list[str]]:
    """Run ``code`` in a new interpreter with ``settings``: (launch time.time(), its printed words)."""
    env = {**os.environ, **settings.as_env()}
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr[-2000:]}")
    return start, out.stdout.split()


def cold_start(engine, settings: Settings, runs: int = 3) -> dict:
    """``engine`` was opened on ``settings``: the index exists before anything is timed."""
    walls, insides, rss = [], [], []
    for _ in range(runs):
        launched, (answered_at, inside, maxrss) = _python(_COLD, settings)
        walls.append(float(answered_at) - launched)  # launch → first answer, not exit
        insides.append(float(inside))
        rss.append(int(maxrss) / 1024)
    return {
        "process_to_first_answer_s": statistics.median(walls),
        "import_load_answer_s": statistics.median(insides),
        "runs_s": [round(w, 3) for w in walls],
        "peak_rss_mb": max(rss),
    }


def page_build(settings: Settings) -> dict:
    _, (load_s, build_s, units, maxrss) = _python(_BUILD, settings)
    return {
        "model_load_s": float(load_s),
        "index_build_s": float(build_s),
        "vectors": int(units),
        "peak_rss_mb": int(maxrss) / 1024,
    }


def _percentiles(samples: list[float]) -> dict:
    a = np.array(samples) * 1000
    return {"p50_ms": float(np.percentile(a, 50)), "p95_ms": float(np.percentile(a, 95))}


def _bare_encode(engine, question: str) -> None:
    engine.encoder.encode([question], "query")


def warm_latency(engine) -> dict:
    questions = [p.question for p in load_pairs(EVAL_DIR / "sets" / "qa.jsonl")]
    for q in questions[:5]:  # warm up both paths
        engine.answer(q)
        _bare_encode(engine, q)
    answer_times, encode_times = [], []
    for _ in range(3):
        for q in questions:
            t = time.perf_counter()
            _bare_encode(engine, q)
            encode_times.append(time.perf_counter() - t)
            engine.forget()  # a question not seen before: no remembered encoding
            t = time.perf_counter()
            engine.answer(q)
            answer_times.append(time.perf_counter() - t)
    answer, encode = _percentiles(answer_times), _percentiles(encode_times)
    return {
        "questions": len(questions),
        "answer": answer,
        "bare_encode": encode,
        "ratio_p50": answer["p50_ms"] / encode["p50_ms"],
        "ratio_p95": answer["p95_ms"] / encode["p95_ms"],
        "with_history": history_latency(engine),
    }


def history_latency(engine) -> dict:
    """``answer()`` of every follow-up turn of eval/sets/dialogues.jsonl with its history, asked in
    order as in a chat (each conversation starts with nothing remembered), next to the bare
    encode of the same questions."""
    from summit_qa.evaluation.sets import load_dialogues

    dialogues = load_dialogues(EVAL_DIR / "sets" / "dialogues.jsonl")
    answer_times, encode_times = [], []
    for _ in range(3):
        for dialogue in dialogues:
            engine.forget()
            asked: list[str] = []
            for turn in dialogue.turns:
                if asked:
                    t = time.perf_counter()
                    _bare_encode(engine, turn.question)
                    encode_times.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    engine.answer(turn.question, history=asked)
                    answer_times.append(time.perf_counter() - t)
                else:
                    engine.answer(turn.question)
                asked.append(turn.question)
    answer, encode = _percentiles(answer_times), _percentiles(encode_times)
    return {
        "turns": len(answer_times) // 3,
        "answer": answer,
        "bare_encode": encode,
        "ratio_p50": answer["p50_ms"] / encode["p50_ms"],
        "ratio_p95": answer["p95_ms"] / encode["p95_ms"],
    }


_SPIN = (
    "import numpy as np, time\n"
    "a = np.random.rand(400, 400)\n"
    "end = time.time() + {seconds}\n"
    "while time.time() < end:\n"
    "    a @ a\n"
)


@contextlib.contextmanager
def busy_machine(spinners: int = 2, seconds: int = 900):
    """``spinners`` processes keeping the cores busy (as other users' requests, or a
    neighbour, would) for the duration of the block."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SPIN.format(seconds=seconds)], env={**os.environ, "OMP_NUM_THREADS": "1"}
        )
        for _ in range(spinners)
    ]
    try:
        time.sleep(1.0)
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


def busy_latency(engines: dict[str, object], rounds: int = 2) -> dict:
    """``answer()`` p50/p95 over the eval questions for each engine on a busy machine."""
    questions = [p.question for p in load_pairs(EVAL_DIR / "sets" / "qa.jsonl")]
    out = {}
    with busy_machine():
        for name, engine in engines.items():
            times = []
            for _ in range(rounds):
                for q in questions:
                    engine.forget()
                    t = time.perf_counter()
                    engine.answer(q)
                    times.append(time.perf_counter() - t)
            out[name] = _percentiles(times)
    return out


def encode_throughput(engine) -> dict:
    texts = [p.text for p in engine.index.passages]
    engine.encoder.encode(texts[:8], "passage")
    t = time.perf_counter()
    engine.encoder.encode(texts, "passage")
    elapsed = time.perf_counter() - t
    rate = len(texts) / elapsed
    return {
        "passages": len(texts),
        "passages_per_s": rate,
        "hours_for_1m_passages": 1_000_000 / rate / 3600,
    }


def _runtimes(settings: Settings, args) -> list[str]:
    """The runtimes to compare: the default model's asked for (torch first in the tables), or
    the one another model runs on."""
    wanted = [r.strip() for r in str(getattr(args, "runtimes", "") or "").split(",") if r.strip()]
    unknown = [r for r in wanted if r not in RUNTIMES]
    if unknown:
        raise ValueError(f"unknown runtime {unknown[0]!r}: use {', '.join(RUNTIMES)}")
    return (wanted or ["torch", "onnx"]) if settings.model == DEFAULT_MODEL else [settings.runtime]


def _measure_runtimes(settings: Settings, runtimes: list[str]) -> tuple[dict, dict]:
    """Each runtime's engine, and its cold start, build, warm latency and encode throughput."""
    from summit_qa.answering.engine import SummitQA

    engines, measured = {}, {}
    # ONNX first: once torch is loaded its thread pools slow the other runtime in this
    # process (a user's process holds one runtime, never both).
    for runtime in sorted(runtimes, key=lambda r: r != "onnx"):
        s = settings.with_flags(runtime=runtime)
        print(f"bench: {RUNTIME_NAMES.get(runtime, runtime)}…", file=sys.stderr)
        engine = SummitQA.open(s, say=lambda *_: None)
        engines[runtime] = engine
        measured[runtime] = {
            "cold_start": cold_start(engine, s),
            "page_build": page_build(s),
            "warm": warm_latency(engine),
            "encode": encode_throughput(engine),
        }
    return engines, {r: measured[r] for r in runtimes}


def _busy_engines(settings: Settings, engines: dict) -> dict:
    """The engines to time on a busy machine: each runtime's, and the int8 encoder on the
    number of threads it does not ship with."""
    from summit_qa.answering.engine import SummitQA
    from summit_qa.encoders.int8 import THREADS, Int8Questions, OnnxEncoder, int8_dir  # no torch

    busy = {}
    for runtime, engine in engines.items():
        shipped = f", {THREADS} thread(s) (shipped)" if runtime == "onnx" else ""
        busy[RUNTIME_NAMES.get(runtime, runtime) + shipped] = engine
    if "onnx" in engines:
        other = 2 if THREADS == 1 else 1
        s = settings.with_flags(runtime="onnx")
        # The shipped encoder but for its threads: the same questions over the same index.
        questions = Int8Questions(OnnxEncoder(int8_dir(s.home), other), s.home, lambda *_: None)
        other_threads = SummitQA.for_encoder(questions, s, say=lambda *_: None)
        busy[f"ONNX Runtime int8, {other} thread(s)"] = other_threads
    return busy


def _server(settings: Settings, runtimes: list[str], seconds: float, clients: int) -> dict:
    """The chat server under load: per runtime, then on a busy machine, then the concurrency sweep."""
    from summit_qa.evaluation.loadtest import run as load_run

    out: dict = {
        "server": {r: load_run(settings.with_flags(runtime=r), seconds, clients, say=print) for r in runtimes}
    }
    # The same clients while two processes keep both cores busy (where the encoder shows).
    with busy_machine():
        out["server_busy"] = {
            r: load_run(settings.with_flags(runtime=r), 0, clients, say=print)["concurrent"] for r in runtimes
        }
    # What the chat's concurrency is set from: the same clients, answered 1, 2 or 4 at once,
    # twice each, interleaved (one burst of 100 is a noisy figure).
    sweep: dict[int, list[dict]] = {1: [], 2: [], 4: []}
    for _ in range(2):
        for n in sweep:
            sweep[n].append(load_run(settings.with_flags(concurrency=n), 0, clients, say=print)["concurrent"])
    out["concurrency"] = sweep
    return out


def main(settings: Settings, args) -> int:
    if getattr(args, "requests", False):  # the request figures alone (evaluation/bench_requests.py)
        from summit_qa.evaluation.bench_requests import main as requests_main

        return requests_main(settings)
    if getattr(args, "api", False):  # the JSON API's load test alone (evaluation/bench_api.py)
        from summit_qa.evaluation.bench_api import main as api_main

        return api_main(settings, args)
    if EVAL_DIR is None:
        raise ValueError("summit-qa bench runs in a source checkout: it times eval/sets/qa.jsonl's questions")
    runtimes = _runtimes(settings, args)
    sizes = [int(s) for s in str(args.scales).split(",") if s.strip()]
    result: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    engines, result["runtimes"] = _measure_runtimes(settings, runtimes)
    busy = _busy_engines(settings, engines)
    print("bench: on a busy machine…", file=sys.stderr)
    result["busy"] = busy_latency(busy)
    result["scale"] = scale_in_new_process(sizes, settings)
    seconds = float(getattr(args, "load_seconds", 0) or 0)
    if seconds > 0:
        result.update(_server(settings, runtimes, seconds, int(getattr(args, "clients", 100))))
    out_dir = Path(args.out) if getattr(args, "out", None) else EVAL_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result))
    print(f"written: {out_dir / 'bench.json'}")
    return 0
