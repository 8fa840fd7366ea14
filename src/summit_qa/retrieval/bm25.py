"""BM25 over Chinese-aware tokens, stored as a sparse term-by-document matrix.

Two tokenisers are offered and measured by the eval script: character
bigrams (plus single characters) and jieba words.  Latin words and numbers
are lower-cased whole words in both.  As in bm25s, the index stores each
document's per-term BM25 weight (Lucene's idf), so a query's scores are a sum
of a few sparse columns; ``save``/``load`` are plain ``.npy`` (compressed
sparse columns: ``data``, ``indices``, ``indptr``) plus JSON.  The tests check
the scores against bm25s itself.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from summit_qa.files import npy_array, npy_bytes
from summit_qa.page.language import CJK, HAN, LATIN

_RUNS = re.compile(rf"[{CJK}]+|[0-9{LATIN}]+")
_CJK_RUN = re.compile(rf"^[{CJK}]+$")
_HAN = re.compile(rf"[{HAN}]")
# Function words that carry no topic; kept short on purpose.  The index manifest
# records this list, so an edit to it rebuilds the index.
STOPWORDS = frozenset(
    "的 了 和 与 及 在 是 对 将 就 也 都 而 并 为 于 以 之 其 这 那 有 说 表示 认为 "
    "什么 哪 哪天 哪个 哪些 怎么 怎样 为什么 如何 谁 何时 吗 呢 what when where who which how why "
    "did does do is are was were the a an of in on to for and with at by from will".split()
)


def bigram_tokens(text: str) -> list[str]:
    """CJK runs as single characters and overlapping bigrams; other runs as words."""
    tokens: list[str] = []
    for run in _RUNS.findall(text.lower()):
        if _CJK_RUN.match(run):
            tokens.extend(ch for ch in run if ch not in STOPWORDS)
            tokens.extend(bg for bg in (run[i : i + 2] for i in range(len(run) - 1)) if bg not in STOPWORDS)
        elif run not in STOPWORDS:
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
        if word and word not in STOPWORDS and _RUNS.search(word):
            tokens.append(word)
    return tokens


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {"bigram": bigram_tokens, "jieba": jieba_tokens}


@dataclass
class BM25:
    """A BM25 index: vocabulary, idf, and each term's document weights as sparse columns."""

    tokenizer: str
    vocabulary: dict[str, int]
    idf: np.ndarray  # [terms] float32
    data: np.ndarray  # [nonzeros] float32: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg))
    indices: np.ndarray  # [nonzeros] int32: the document of each weight
    indptr: np.ndarray  # [terms + 1] int64: term j's weights are data[indptr[j]:indptr[j + 1]]
    documents: int
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
        postings: list[list[tuple[int, int]]] = [[] for _ in vocabulary]  # per term: (document, tf)
        for i, doc in enumerate(docs):
            for term, tf in doc.items():
                postings[vocabulary[term]].append((i, tf))
        df = np.array([len(p) for p in postings], np.float64)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))  # Lucene's, never negative
        lengths = np.array([sum(d.values()) for d in docs], np.float64)
        avg = lengths.mean() if n else 1.0
        data, indices, indptr = [], [], [0]
        for j, plist in enumerate(postings):
            for i, tf in plist:
                norm = k1 * (1 - b + b * lengths[i] / avg)
                data.append(idf[j] * tf * (k1 + 1) / (tf + norm))
                indices.append(i)
            indptr.append(len(data))
        return cls(
            tokenizer,
            vocabulary,
            idf.astype(np.float32),
            np.array(data, np.float32),
            np.array(indices, np.int32),
            np.array(indptr, np.int64),
            n,
            k1,
            b,
        )

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
        unseen_idf = math.log(1 + (self.documents + 0.5) / 0.5)
        ceiling = (float(self.idf[ids].sum()) + unseen * unseen_idf) * (self.k1 + 1)
        return ids, ceiling

    def _sum_columns(self, ids: list[int]) -> np.ndarray:
        out = np.zeros(self.documents, np.float32)
        for j in ids:
            start, end = self.indptr[j], self.indptr[j + 1]
            np.add.at(out, self.indices[start:end], self.data[start:end])
        return out

    def raw_scores(self, text: str, extra_terms: Iterable[str] = ()) -> np.ndarray:
        """Plain BM25 of every document."""
        ids, _ = self._query(text, extra_terms)
        return self._sum_columns(ids)

    def scores(self, text: str, extra_terms: Iterable[str] = ()) -> np.ndarray:
        """BM25 of every document, scaled to [0, 1] by the query's best possible score.

        Dividing by ``sum(idf) * (k1 + 1)`` over the query's terms keeps the scale
        comparable across questions; a question sharing no term with the page
        scores 0 everywhere instead of noise.
        """
        ids, ceiling = self._query(text, extra_terms)
        if not ids:
            return np.zeros(self.documents, np.float32)
        return (self._sum_columns(ids) / ceiling).astype(np.float32)

    def save(self, folder: Path, write: Callable[[Path, bytes], None]) -> None:
        meta = {
            "tokenizer": self.tokenizer,
            "k1": self.k1,
            "b": self.b,
            "documents": self.documents,
            "vocabulary": self.vocabulary,
        }
        write(folder / "lexical.json", json.dumps(meta, ensure_ascii=False).encode())
        write(folder / "lexical_idf.npy", npy_bytes(self.idf))
        write(folder / "lexical_data.npy", npy_bytes(self.data))
        write(folder / "lexical_indices.npy", npy_bytes(self.indices))
        write(folder / "lexical_indptr.npy", npy_bytes(self.indptr))

    @classmethod
    def load(cls, folder: Path, read: Callable[[Path], bytes] = Path.read_bytes) -> BM25:
        """The inverse of :meth:`save`; ``read`` may check each file's bytes on the way."""
        meta = json.loads(read(folder / "lexical.json").decode("utf-8"))
        idf = npy_array(read(folder / "lexical_idf.npy"))
        data = npy_array(read(folder / "lexical_data.npy"))
        indices = npy_array(read(folder / "lexical_indices.npy"))
        indptr = npy_array(read(folder / "lexical_indptr.npy"))
        terms, documents = len(meta["vocabulary"]), int(meta["documents"])
        if idf.shape != (terms,) or indptr.shape != (terms + 1,) or data.shape != indices.shape:
            raise ValueError("lexical index shapes disagree")
        if indptr[0] != 0 or indptr[-1] != len(data) or np.any(np.diff(indptr) < 0):
            raise ValueError("lexical index column pointers are damaged")
        if len(indices) and (indices.min() < 0 or indices.max() >= documents):
            raise ValueError("lexical index names documents outside the corpus")
        return cls(
            meta["tokenizer"],
            meta["vocabulary"],
            idf,
            data,
            indices,
            indptr,
            documents,
            meta["k1"],
            meta["b"],
        )
