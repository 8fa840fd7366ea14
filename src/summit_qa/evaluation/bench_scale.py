"""The FAISS index at scale, for ``summit-qa bench``: clustered synthetic vectors of 10k, 100k
and 1M passages with the index type ``make_faiss_index`` picks for that size: build time,
query p50/p95, index size, and recall@10 against exact search."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np

from summit_qa.settings import Settings


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
        "import json, sys; from summit_qa.evaluation.bench_scale import scale; "
        f"print('SCALE', json.dumps(scale({sizes!r})))"
    )
    env = {**os.environ, **settings.as_env()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr[-2000:]}")
    line = next(x for x in out.stdout.splitlines() if x.startswith("SCALE "))
    return json.loads(line[len("SCALE ") :])
