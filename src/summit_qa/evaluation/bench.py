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

from summit_qa.evaluation.sets import load_pairs
from summit_qa.settings import DEFAULT_MODEL, EVAL_DIR, RUNTIMES, Settings

RUNTIME_NAMES = {"torch": "torch fp32 (sentence-transformers)", "onnx": "ONNX Runtime int8"}

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


def synthetic(n: int, dim: int, rng: np.random.Generator, clusters: int = 2000) -> np.ndarray:
    """Clustered unit vectors: real embeddings cluster by topic; uniform noise would not."""
    centers = rng.standard_normal((clusters, dim)).astype(np.float32)
    out = np.empty((n, dim), np.float32)
    step = 100_000
    for start in range(0, n, step):
        m = min(step, n - start)
        block = centers[rng.integers(0, clusters, m)] + 0.6 * rng.standard_normal((m, dim)).astype(np.float32)
        out[start : start + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def scale(sizes: list[int], dim: int = 384, queries: int = 200) -> list[dict]:
    import faiss

    from summit_qa.retrieval.index import EXACT_SEARCH_LIMIT, make_faiss_index

    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        vectors = synthetic(n, dim, rng)
        q = vectors[rng.integers(0, n, queries)] + 0.3 * rng.standard_normal((queries, dim)).astype(
            np.float32
        )
        q /= np.linalg.norm(q, axis=1, keepdims=True)
        t = time.perf_counter()
        index = make_faiss_index(vectors)
        build = time.perf_counter() - t
        times = []
        for i in range(queries):
            t = time.perf_counter()
            index.search(q[i : i + 1], 10)
            times.append(time.perf_counter() - t)
        _, found = index.search(q, 10)
        exact = faiss.IndexFlatIP(dim)
        exact.add(vectors)
        _, truth = exact.search(q, 10)
        recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, found, strict=True)]))
        rows.append(
            {
                "passages": n,
                "index": type(index).__name__,
                "exact_below": EXACT_SEARCH_LIMIT,
                "build_s": build,
                "query_p50_ms": float(np.median(times) * 1000),
                "query_p95_ms": float(np.percentile(times, 95) * 1000),
                "index_mb": len(faiss.serialize_index(index)) / 2**20,
                "recall_at_10": recall,
            }
        )
        del vectors, index, exact
    return rows


def scale_in_new_process(sizes: list[int], settings: Settings) -> list[dict]:
    """:func:`scale` in a fresh interpreter: FAISS's OpenMP threads compete with the thread
    pools of the models this process has loaded (the 1M build took 5x as long here)."""
    if not sizes:
        return []
    code = (
        "import json, sys; from summit_qa.evaluation.bench import scale; "
        f"print('SCALE', json.dumps(scale({sizes!r})))"
    )
    env = {**os.environ, **settings.as_env()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr[-2000:]}")
    line = next(x for x in out.stdout.splitlines() if x.startswith("SCALE "))
    return json.loads(line[len("SCALE ") :])


def _ms(d: dict) -> str:
    return f"{d['p50_ms']:.1f} / {d['p95_ms']:.1f} ms"


def _wait(d: dict) -> str:
    return f"p50 {d.get('p50_s', 0):.2f} s, p95 {d.get('p95_s', 0):.2f} s, worst {d.get('worst_s', 0):.2f} s"


def _build(b: dict) -> str:
    return (
        f"{b['index_build_s']:.2f} s, {b['vectors']} vectors "
        f"(model load {b['model_load_s']:.2f} s, peak RSS {b['peak_rss_mb']:.0f} MB)"
    )


def table(result: dict) -> str:
    runs = result["runtimes"]
    names = list(runs)
    cpus = result["machine"]["cpus"]

    def row(what: str, cell, target: str = "") -> str:
        return f"| {what} | " + " | ".join(cell(runs[n]) for n in names) + f" | {target} |"

    lines = [
        "| what | " + " | ".join(RUNTIME_NAMES.get(n, n) for n in names) + " | target |",
        "| --- | " + " | ".join("---" for _ in names) + " | --- |",
        row(
            "cold start, new process → first answer",
            lambda r: f"{r['cold_start']['process_to_first_answer_s']:.2f} s",
            "≤ 3.5 s",
        ),
        row("peak RSS of that process", lambda r: f"{r['cold_start']['peak_rss_mb']:.0f} MB", "≤ 700 MB"),
        row("warm answer() p50 / p95", lambda r: _ms(r["warm"]["answer"])),
        row("bare query encode p50 / p95", lambda r: _ms(r["warm"]["bare_encode"])),
        row(
            "answer / encode, p50 (p95)",
            lambda r: f"{r['warm']['ratio_p50']:.2f}x ({r['warm']['ratio_p95']:.2f}x)",
            "≤ 1.3x",
        ),
        row(
            "follow-up answer() with history p50 / p95",
            lambda r: (
                f"{_ms(r['warm']['with_history']['answer'])} ({r['warm']['with_history']['turns']} turns)"
            ),
        ),
        row(
            "page index build",
            lambda r: _build(r["page_build"]),
        ),
        row(
            "passage encode throughput (the runtime's session)",
            lambda r: (
                f"{r['encode']['passages_per_s']:.1f} passages/s "
                f"(1M ≈ {r['encode']['hours_for_1m_passages']:.1f} h on {cpus} cores)"
            ),
        ),
    ]
    if len(names) == 2:
        a, b = (runs[n] for n in names)
        speed = b["warm"]["answer"]["p50_ms"] / a["warm"]["answer"]["p50_ms"]
        start = b["cold_start"]["process_to_first_answer_s"] / a["cold_start"]["process_to_first_answer_s"]
        lines += [
            "",
            f"{RUNTIME_NAMES.get(names[1], names[1])} / {RUNTIME_NAMES.get(names[0], names[0])}: "
            f"answer() p50 {speed:.2f}x (target ≤ 0.4x), cold start {start:.2f}x (target ≤ 0.5x)",
        ]
    busy = result.get("busy")
    if busy:
        lines += ["", "| on a busy machine (2 spinning processes) | answer() p50 / p95 |", "| --- | --- |"]
        lines += [f"| {name} | {_ms(d)} |" for name, d in busy.items()]
    lines += [
        "",
        "| passages | FAISS index | build | query p50 / p95 | index size | recall@10 vs exact |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["scale"]:
        lines.append(
            f"| {r['passages']:,} | {r['index']} | {r['build_s']:.1f} s | {r['query_p50_ms']:.2f} / "
            f"{r['query_p95_ms']:.2f} ms | {r['index_mb']:.0f} MB | {r['recall_at_10']:.3f} |"
        )
    server = result.get("server")
    if server:
        lines += [
            "",
            "| chat server (app.py, HTTP API) | "
            + " | ".join(RUNTIME_NAMES.get(n, n) for n in server)
            + " |",
        ]
        lines += ["| --- | " + " | ".join("---" for _ in server) + " |"]
        first = next(iter(server.values()))
        c0, f0 = first["concurrent"], first["flood"]
        lines += [
            f"| {c0['clients']} clients asking at once | "
            + " | ".join(
                f"{_wait(v['concurrent']['wait'])}; {v['concurrent']['refused']} refused"
                for v in server.values()
            )
            + " |",
            f"| one address flooding for {f0['seconds']:.0f} s | "
            + " | ".join(
                f"{v['flood']['flood_posted']} posted: {v['flood']['flood_accepted']} accepted, "
                f"{v['flood']['flood_refused']} refused (429)"
                for v in server.values()
            )
            + " |",
            f"| {c0['clients']} clients at once, on a busy machine | "
            + " | ".join(
                f"{_wait(v['wait'])}; {v['refused']} refused" for v in result.get("server_busy", {}).values()
            )
            + " |",
            f"| {f0['users']} users asking once a second meanwhile | "
            + " | ".join(
                f"{_wait(v['flood']['user_wait'])} over {v['flood']['user_wait'].get('n', 0)} questions; "
                f"{v['flood']['user_refused']} refused"
                for v in server.values()
            )
            + " |",
        ]
    sweep = result.get("concurrency")
    if sweep:
        clients = next(iter(sweep.values()))[0]["clients"]
        lines += [
            "",
            f"| questions answered at once (default runtime) | {clients} clients at once, two runs |",
        ]
        lines += ["| --- | --- |"]
        lines += [
            f"| {n} | " + "; then ".join(f"{_wait(v['wait'])}, {v['refused']} refused" for v in runs) + " |"
            for n, runs in sweep.items()
        ]
    return "\n".join(lines)


def main(settings: Settings, args) -> int:
    from summit_qa.answering.engine import SummitQA

    if EVAL_DIR is None:
        raise ValueError("summit-qa bench runs in a source checkout: it times eval/sets/qa.jsonl's questions")
    wanted = [r.strip() for r in str(getattr(args, "runtimes", "") or "").split(",") if r.strip()]
    unknown = [r for r in wanted if r not in RUNTIMES]
    if unknown:
        raise ValueError(f"unknown runtime {unknown[0]!r}: use {', '.join(RUNTIMES)}")
    # Another model runs on torch only; the default is compared on both (tables: torch first).
    runtimes = (wanted or ["torch", "onnx"]) if settings.model == DEFAULT_MODEL else [settings.runtime]
    sizes = [int(s) for s in str(args.scales).split(",") if s.strip()]
    result: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    engines = {}
    measured = {}
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
    result["runtimes"] = {r: measured[r] for r in runtimes}
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
    print("bench: on a busy machine…", file=sys.stderr)
    result["busy"] = busy_latency(busy)
    result["scale"] = scale_in_new_process(sizes, settings)
    seconds = float(getattr(args, "load_seconds", 0) or 0)
    if seconds > 0:
        from summit_qa.evaluation.loadtest import run as load_run

        clients = int(getattr(args, "clients", 100))
        result["server"] = {
            r: load_run(settings.with_flags(runtime=r), seconds, clients, say=print) for r in runtimes
        }
        # The same clients while two processes keep both cores busy (where the encoder shows).
        with busy_machine():
            result["server_busy"] = {
                r: load_run(settings.with_flags(runtime=r), 0, clients, say=print)["concurrent"]
                for r in runtimes
            }
        # What the chat's concurrency is set from: the same clients, answered 1, 2 or 4 at once,
        # twice each, interleaved (one burst of 100 is a noisy figure).
        sweep: dict[int, list[dict]] = {1: [], 2: [], 4: []}
        for _ in range(2):
            for n in sweep:
                sweep[n].append(
                    load_run(settings.with_flags(concurrency=n), 0, clients, say=print)["concurrent"]
                )
        result["concurrency"] = sweep
    out_dir = Path(args.out) if getattr(args, "out", None) else EVAL_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result))
    print(f"written: {out_dir / 'bench.json'}")
    return 0
