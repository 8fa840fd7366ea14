"""BM25 over Chinese-aware tokens, as pure functions over a sparse matrix.

Two tokenisers are offered and measured by the eval script: character
bigrams (plus single characters) and jieba words.  Latin words and numbers
are lower-cased whole words in both.  Scoring follows bm25s: the index stores
each document's per-term BM25 weight, so a query's scores are one sparse
matrix-vector product, and ``save``/``load`` are plain ``.npy`` plus JSON.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_RUNS = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Function words that carry no topic; kept short on purpose.
_STOP = frozenset(
    "的 了 和 与 及 在 是 对 将 就 也 都 而 并 为 于 以 之 其 这 那 有 说 表示 认为 "
    "什么 哪 哪天 哪个 哪些 怎么 怎样 为什么 如何 谁 何时 吗 呢 what when where who which how why "
    "did does do is are was were the a an of in on to for and with at by from will".split()
)


def bigram_tokens(text: str) -> list[str]:
    """CJK runs as single characters and overlapping bigrams; other runs as words."""
    tokens: list[str] = []
    for run in _RUNS.findall(text.lower()):
        if _CJK_RUN.match(run):
            tokens.extend(ch for ch in run if ch not in _STOP)
            tokens.extend(bg for bg in (run[i : i + 2] for i in range(len(run) - 1)) if bg not in _STOP)
        elif run not in _STOP:
            tokens.append(run)
    return tokens


_jieba = None


def jieba_tokens(text: str) -> list[str]:
    """jieba's search-mode words (loaded lazily: the dictionary takes ~1 s)."""
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    tokens = []
    for word in _jieba.lcut_for_search(text.lower()):
        word = word.strip()
        if word and word not in _STOP and _RUNS.search(word):
            tokens.append(word)
    return tokens


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {"bigram": bigram_tokens, "jieba": jieba_tokens}


@dataclass
class BM25:
    """A BM25 index: vocabulary, idf and a documents x terms weight matrix (CSC arrays)."""

    tokenizer: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # dense [n_docs, n_terms]: fine for a page, see bench for scale
    k1: float = 1.5
    b: float = 0.75

    @classmethod
    def build(cls, texts: Iterable[str], tokenizer: str = "bigram", k1: float = 1.5, b: float = 0.75):
        tokenize = TOKENIZERS[tokenizer]
        docs = [Counter(tokenize(t)) for t in texts]
        vocabulary: dict[str, int] = {}
        for doc in docs:
            for term in doc:
                vocabulary.setdefault(term, len(vocabulary))
        n = len(docs)
        df = np.zeros(len(vocabulary), np.float64)
        for doc in docs:
            for term in doc:
                df[vocabulary[term]] += 1
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))  # Lucene's, never negative
        lengths = np.array([sum(d.values()) for d in docs], np.float64)
        avg = lengths.mean() if n else 1.0
        weights = np.zeros((n, len(vocabulary)), np.float32)
        for i, doc in enumerate(docs):
            norm = k1 * (1 - b + b * lengths[i] / avg)
            for term, tf in doc.items():
                j = vocabulary[term]
                weights[i, j] = idf[j] * tf * (k1 + 1) / (tf + norm)
        return cls(tokenizer, vocabulary, idf.astype(np.float32), weights, k1, b)

    def query_terms(self, text: str) -> list[int]:
        return [self.vocabulary[t] for t in TOKENIZERS[self.tokenizer](text) if t in self.vocabulary]

    def _query(self, text: str, extra_terms: Iterable[str]) -> tuple[list[int], float]:
        """Matched term ids and the best score a document could reach for this query."""
        tokenize = TOKENIZERS[self.tokenizer]
        terms = set(tokenize(text))
        for extra in extra_terms:
            terms.update(tokenize(extra))
        ids = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        # A Chinese term the page never uses would have the highest idf, so it counts
        # in the ceiling; a word in another script (an English or Korean word) could
        # not have matched a Chinese page and does not.
        unseen = sum(1 for t in terms if t not in self.vocabulary and _HAN.search(t))
        unseen_idf = math.log(1 + (self.weights.shape[0] + 0.5) / 0.5)
        ceiling = (float(self.idf[ids].sum()) + unseen * unseen_idf) * (self.k1 + 1)
        return ids, ceiling

    def raw_scores(self, text: str, extra_terms: Iterable[str] = ()) -> np.ndarray:
        """Plain BM25 of every document."""
        ids, _ = self._query(text, extra_terms)
        return self.weights[:, ids].sum(axis=1) if ids else np.zeros(self.weights.shape[0], np.float32)

    def scores(self, text: str, extra_terms: Iterable[str] = ()) -> np.ndarray:
        """BM25 of every document, scaled to [0, 1] by the query's best possible score.

        Dividing by ``sum(idf) * (k1 + 1)`` over the query's terms keeps the scale
        comparable across questions; a question sharing no term with the page
        scores 0 everywhere instead of noise.
        """
        ids, ceiling = self._query(text, extra_terms)
        if not ids:
            return np.zeros(self.weights.shape[0], np.float32)
        return (self.weights[:, ids].sum(axis=1) / ceiling).astype(np.float32)

    def save(self, folder: Path, write: Callable[[Path, bytes], None]) -> None:
        meta = {"tokenizer": self.tokenizer, "k1": self.k1, "b": self.b, "vocabulary": self.vocabulary}
        write(folder / "lexical.json", json.dumps(meta, ensure_ascii=False).encode())
        write(folder / "lexical_idf.npy", npy_bytes(self.idf))
        write(folder / "lexical_weights.npy", npy_bytes(self.weights))

    @classmethod
    def load(cls, folder: Path, read: Callable[[Path], bytes] = Path.read_bytes) -> BM25:
        """The inverse of :meth:`save`; ``read`` may check each file's bytes on the way."""
        meta = json.loads(read(folder / "lexical.json").decode("utf-8"))
        idf = npy_array(read(folder / "lexical_idf.npy"))
        weights = npy_array(read(folder / "lexical_weights.npy"))
        if weights.shape[1] != len(meta["vocabulary"]) or idf.shape[0] != weights.shape[1]:
            raise ValueError("lexical index shapes disagree")
        return cls(meta["tokenizer"], meta["vocabulary"], idf, weights, meta["k1"], meta["b"])


def npy_bytes(array: np.ndarray) -> bytes:
    """An array as ``.npy`` bytes (no pickle), for writing through a temp file."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npy_array(data: bytes) -> np.ndarray:
    """The inverse of :func:`npy_bytes` (no pickle)."""
    return np.load(io.BytesIO(data), allow_pickle=False)


def reference_bm25(docs: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75) -> list[float]:
    """Textbook BM25 (Lucene idf), written plainly for differential tests."""
    n = len(docs)
    avg = sum(len(d) for d in docs) / n
    out = []
    for d in docs:
        score = 0.0
        for term in set(query):
            df = sum(1 for x in docs if term in x)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = d.count(term)
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(d) / avg))
        out.append(score)
    return out
