"""Late interaction (MaxSim): the vectorised scores against a plain reference."""

import numpy as np
import pytest
from reference import reference_maxsim

from summit_qa.retrieval.late_interaction import TokenIndex


def _unit(rng, n, dim=16):
    x = rng.normal(size=(n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _random_index(rng, passages=7, dim=16):
    tokens, spans, starts = [], [], []
    for p in range(passages):
        n = int(rng.integers(0, 9)) if p else 0  # passage 0 has no tokens at all
        tokens.append(_unit(rng, n, dim))
        positions = np.sort(rng.choice(200, size=n, replace=False)) if n else np.zeros(0, int)
        spans.append(np.stack([positions, positions + 1], 1).astype(np.int32).reshape(-1, 2))
        starts.append([0, 50, 120])
    return tokens, spans, starts


@pytest.mark.parametrize("seed", range(5))
def test_scores_match_the_reference(seed):
    rng = np.random.default_rng(seed)
    tokens, spans, starts = _random_index(rng)
    index = TokenIndex.build(tokens, spans, starts, 16)
    index.check()
    query = _unit(rng, 5)
    whole, sentence = index.scores(query)
    for p, (vecs, spn) in enumerate(zip(tokens, spans, strict=True)):
        stored = vecs.astype(np.float16).astype(np.float32)  # the index keeps float16
        assert whole[p] == pytest.approx(reference_maxsim(query, stored), abs=1e-5)
        by_sentence = {}
        for vec, (start, _) in zip(stored, spn, strict=True):
            s = max(i for i, first in enumerate(starts[p]) if first <= start)
            by_sentence.setdefault(s, []).append(vec)
        best = max((reference_maxsim(query, np.array(v)) for v in by_sentence.values()), default=0.0)
        assert sentence[p] == pytest.approx(best, abs=1e-5)
        assert sentence[p] <= whole[p] + 1e-6  # a sentence never beats its passage


def test_a_question_without_tokens_scores_nothing():
    rng = np.random.default_rng(0)
    index = TokenIndex.build(*_random_index(rng), 16)
    whole, sentence = index.scores(np.zeros((0, 16), np.float32))
    assert not whole.any() and not sentence.any() and whole.shape == (7,)


def test_damaged_arrays_are_refused():
    rng = np.random.default_rng(1)
    index = TokenIndex.build(*_random_index(rng), 16)
    with pytest.raises(ValueError, match="shape"):
        TokenIndex(index.vectors[:-1], index.rows, index.passages).check()
    with pytest.raises(ValueError, match="order"):
        TokenIndex(index.vectors, index.rows[::-1].copy(), index.passages).check()
    with pytest.raises(ValueError, match="outside"):
        TokenIndex(index.vectors, index.rows, 2).check()


def test_the_packages_processes_run_blas_on_one_thread():
    """``app.py`` and ``summit-qa`` set numpy's BLAS to one thread at start (late.py says why)."""
    import subprocess
    import sys

    code = """
import numpy
from threadpoolctl import threadpool_info, threadpool_limits
threadpool_limits(limits=2, user_api="blas")
from summit_qa.retrieval.late_interaction import one_blas_thread
one_blas_thread()
print(sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[1]"
