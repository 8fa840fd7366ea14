"""Speed and scale benchmarks: a script that prints a table and writes eval/bench.json.

* cold start: a new process from start to its first answer (imports, model
  load, index load), median of three, with the index already built;
* warm ``answer()`` p50/p95 over the eval questions next to the bare
  ``model.encode(query)`` of the same questions;
* index build time and peak memory for the page (a fresh process);
* scale: clustered synthetic vectors of 10k, 100k and 1M passages, with the
  FAISS index type ``make_faiss_index`` picks for that size: build time, query
  p50 and memory, recall@10 against exact search; plus the real encode
  throughput on the page's passages, to price embedding such a corpus.

Timings are measurements on this machine, never assertions in tests.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from summit_qa.evaluate import load_pairs
from summit_qa.settings import EVAL_DIR, Settings

_COLD = """
import time, resource
t0 = time.perf_counter()
from summit_qa import answer
res = answer("金正恩哪天抵达越南？")
t1 = time.perf_counter()
assert res.answered and res.passages[0].date == "2019-02-26", res
print(time.time(), t1 - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_BUILD = """
import time, resource, sys, tempfile
from pathlib import Path
from summit_qa.settings import Settings
s = Settings.from_env()
from summit_qa.embedding import Embedder
t0 = time.perf_counter()
encoder = Embedder(s.model, s.home, progress=lambda *_: None)
t1 = time.perf_counter()
from summit_qa.index import load_or_build
index = load_or_build(encoder, s.data_dir, Path(tempfile.mkdtemp()), s.home, say=lambda *_: None)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, index.manifest.units, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


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


def warm_latency(engine) -> dict:
    questions = [p.question for p in load_pairs(EVAL_DIR / "qa.jsonl")]
    model = engine.encoder.model
    prompt = engine.encoder.prompts["query"]
    for q in questions[:5]:  # warm up both paths
        engine.answer(q)
        model.encode([q], prompt=prompt)
    answer_times, encode_times = [], []
    for _ in range(3):
        for q in questions:
            t = time.perf_counter()
            model.encode([q], prompt=prompt, normalize_embeddings=True)
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
    """``answer()`` of every follow-up turn of eval/dialogues.jsonl with its history, asked in
    order as in a chat (each conversation starts with nothing remembered), next to the bare
    encode of the same questions."""
    from summit_qa.evaluate import load_dialogues

    dialogues = load_dialogues(EVAL_DIR / "dialogues.jsonl")
    model, prompt = engine.encoder.model, engine.encoder.prompts["query"]
    answer_times, encode_times = [], []
    for _ in range(3):
        for dialogue in dialogues:
            engine.forget()
            asked: list[str] = []
            for turn in dialogue.turns:
                if asked:
                    t = time.perf_counter()
                    model.encode([turn.question], prompt=prompt, normalize_embeddings=True)
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

    from summit_qa.index import EXACT_SEARCH_LIMIT, make_faiss_index

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


def table(result: dict) -> str:
    c, w, b, e = result["cold_start"], result["warm"], result["page_build"], result["encode"]
    h = w["with_history"]
    lines = [
        "| what | figure | target |",
        "| --- | --- | --- |",
        f"| cold start, new process → first answer | {c['process_to_first_answer_s']:.2f} s "
        f"(peak RSS {c['peak_rss_mb']:.0f} MB) | < 8 s |",
        f"| warm answer() p50 / p95 | {w['answer']['p50_ms']:.1f} / {w['answer']['p95_ms']:.1f} ms | |",
        f"| bare model.encode(query) p50 / p95 | {w['bare_encode']['p50_ms']:.1f} / "
        f"{w['bare_encode']['p95_ms']:.1f} ms | |",
        f"| answer / encode, p50 (p95) | {w['ratio_p50']:.2f}x ({w['ratio_p95']:.2f}x) | ≤ 1.3x |",
        f"| follow-up answer() with history p50 / p95 ({h['turns']} turns) | {h['answer']['p50_ms']:.1f} / "
        f"{h['answer']['p95_ms']:.1f} ms, {h['ratio_p50']:.2f}x ({h['ratio_p95']:.2f}x) the bare encode "
        "| ≤ 1.3x |",
        f"| page index build ({b['vectors']} vectors) | {b['index_build_s']:.2f} s, peak RSS "
        f"{b['peak_rss_mb']:.0f} MB (model load {b['model_load_s']:.2f} s) | |",
        f"| encode throughput | {e['passages_per_s']:.1f} passages/s "
        f"(1M passages ≈ {e['hours_for_1m_passages']:.1f} h on {result['machine']['cpus']} cores) | |",
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
        c, f = server["concurrent"], server["flood"]
        cw, uw = c["wait"], f["user_wait"]
        lines += [
            "",
            "| chat server (app.py, HTTP API) | figure |",
            "| --- | --- |",
            f"| {c['clients']} clients asking at once | wait p50 {cw.get('p50_s', 0):.2f} s, p95 "
            f"{cw.get('p95_s', 0):.2f} s, worst {cw.get('worst_s', 0):.2f} s; {c['refused']} refused |",
            f"| one address flooding for {f['seconds']:.0f} s | {f['flood_posted']} posted: "
            f"{f['flood_accepted']} accepted, {f['flood_refused']} refused (429) |",
            f"| {f['users']} users asking once a second meanwhile | wait p50 {uw.get('p50_s', 0):.2f} s, "
            f"p95 {uw.get('p95_s', 0):.2f} s, worst {uw.get('worst_s', 0):.2f} s over {uw.get('n', 0)} "
            f"questions; {f['user_refused']} refused |",
        ]
    return "\n".join(lines)


def main(settings: Settings, args) -> int:
    from summit_qa.qa import SummitQA

    if EVAL_DIR is None:
        raise ValueError("summit-qa bench runs in a source checkout: it times the questions of eval/qa.jsonl")
    engine = SummitQA.open(settings, say=lambda *_: None)
    sizes = [int(s) for s in str(args.scales).split(",") if s.strip()]
    result = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "cold_start": cold_start(engine, settings),
        "page_build": page_build(settings),
        "warm": warm_latency(engine),
        "encode": encode_throughput(engine),
        "scale": scale(sizes),
    }
    seconds = float(getattr(args, "load_seconds", 0) or 0)
    if seconds > 0:
        from summit_qa.loadtest import run as load_run

        result["server"] = load_run(settings, seconds, int(getattr(args, "clients", 100)), say=print)
    out_dir = Path(args.out) if getattr(args, "out", None) else EVAL_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result))
    print(f"written: {out_dir / 'bench.json'}")
    return 0
