"""Late interaction: a question's tokens matched one by one against a passage's.

ColBERT's MaxSim, zero-shot on the encoder's penultimate-layer token vectors:
each question token takes its best cosine among a passage's tokens and the
passage scores the mean.  Tokens match across scripts ("Singapore" finds
"新加坡") where one pooled vector per text blurs them.  The same mean taken
within each sentence, best sentence kept, rewards a passage that says all the
question asks in one sentence over one that spreads it over several.

Stored as two ``.npy`` arrays: token vectors (float16) and their
``(passage, sentence)`` rows, grouped by passage then sentence.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TokenIndex:
    """Every passage's content-token vectors, in passage then sentence order."""

    vectors: np.ndarray  # [tokens, dim] float16, normalised
    rows: np.ndarray  # [tokens, 2] int32: passage index, sentence ordinal
    passages: int

    @classmethod
    def build(
        cls,
        tokens: list[np.ndarray],
        spans: list[np.ndarray],
        sentence_starts: list[list[int]],
        dimension: int,
    ) -> TokenIndex:
        """From each passage's token vectors, their character spans (in text order) and
        its sentences' starts."""
        rows = [
            (p, max(0, bisect.bisect_right(starts, int(start)) - 1))
            for p, (spn, starts) in enumerate(zip(spans, sentence_starts, strict=True))
            for start, _end in spn
        ]
        vectors = np.concatenate([np.zeros((0, dimension)), *tokens]).astype(np.float16)
        index = cls(vectors, np.array(rows, np.int32).reshape(-1, 2), len(tokens))
        index.check()
        return index

    def check(self) -> None:
        """Raise ``ValueError`` if the arrays cannot be this index (a damaged file)."""
        if self.rows.ndim != 2 or self.rows.shape[1] != 2 or self.rows.shape[0] != self.vectors.shape[0]:
            raise ValueError("token arrays disagree in shape")
        if len(self.rows) and (self.rows[:, 0].min() < 0 or self.rows[:, 0].max() >= self.passages):
            raise ValueError("token rows name passages outside the corpus")
        if np.any(np.diff(self._group_keys) < 0):
            raise ValueError("token rows are out of order")

    @functools.cached_property
    def _group_keys(self) -> np.ndarray:
        """One number per token, equal within a (passage, sentence) and rising with it."""
        return self.rows[:, 0].astype(np.int64) * (1 << 20) + self.rows[:, 1]

    @functools.cached_property
    def _columns(self) -> np.ndarray:
        """The token vectors as float32 columns ``[dim, tokens]``, contiguous: a question's
        tokens times this is one BLAS product over the page."""
        return np.ascontiguousarray(self.vectors.T, dtype=np.float32)

    @functools.cached_property
    def _segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Fixed per index: where each passage's tokens start, where each sentence's
        start, where each passage's first sentence stands among those, and which
        passages have tokens at all."""
        passage_of = self.rows[:, 0]
        passage_starts = np.flatnonzero(np.r_[True, passage_of[1:] != passage_of[:-1]])
        keys = self._group_keys
        group_starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        group_passage = passage_of[group_starts]
        first_group = np.flatnonzero(np.r_[True, group_passage[1:] != group_passage[:-1]])
        return passage_starts, group_starts, first_group, passage_of[passage_starts]

    def scores(self, query_tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: MaxSim over the whole passage, and over its best sentence.

        A passage without tokens, or a question without any, scores 0.
        """
        whole = np.zeros(self.passages, np.float32)
        sentence = np.zeros(self.passages, np.float32)
        if not len(query_tokens) or not len(self.vectors):
            return whole, sentence
        sims = _similarities(np.asarray(query_tokens, np.float32), self._columns)  # [q, tokens]
        passage_starts, group_starts, first_group, present = self._segments
        whole[present] = np.maximum.reduceat(sims, passage_starts, axis=1).mean(axis=0)
        per_group = np.maximum.reduceat(sims, group_starts, axis=1).mean(axis=0)
        sentence[present] = np.maximum.reduceat(per_group, first_group)
        return whole, sentence


def _similarities(query: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """``query @ columns``: one BLAS product, ~0.5 ms for a question's ~15 tokens
    against the page's ~1,600 (``np.einsum`` on the same arrays runs its own
    unvectorised loop, ~1.5 ms).

    The chat and the CLI run numpy's BLAS on one thread (:func:`one_blas_thread`):
    its worker threads keep spinning after a product and, on two cores, slowed
    the model's next forward pass (torch's from ~15 to ~40 ms).
    """
    return query @ columns


def one_blas_thread() -> None:
    """Run numpy's BLAS on the calling process's one thread from now on.

    For processes this package owns (``app.py``, ``summit-qa``), called once at
    start; a Python caller of :func:`summit_qa.answer` keeps its own setting.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
