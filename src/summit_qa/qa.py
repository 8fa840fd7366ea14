"""``answer()``: the facade the chat, the CLI, the eval and Python callers share.

:class:`SummitQA` holds an encoder, an index, a glossary and a ranking config
and puts the parts together; each part has its own module:

* fusion.py: six signals per passage on comparable scales, fused by weight
  (dense cosine of passage and best sentence; the glossary translation's
  cosine; late interaction over passage and best sentence; BM25; dates);
* scope.py: the refusal floors and the outcome rule;
* highlight.py: the sentence to mark;
* glossary.py, language.py, messages.py: names across scripts, the question's
  language, and what to say in it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields, replace

import numpy as np

from summit_qa.config import RankingConfig
from summit_qa.corpus import Passage
from summit_qa.dates import question_dates
from summit_qa.fusion import SIGNALS, SignalTable, date_scores, dense_mix, rank_order, zscore
from summit_qa.glossary import Glossary
from summit_qa.highlight import best_sentence
from summit_qa.index import Encoder, SearchIndex, load_or_build
from summit_qa.language import clean_question, detect_language
from summit_qa.lexical import BM25
from summit_qa.messages import say as message
from summit_qa.scope import ScopePolicy
from summit_qa.settings import Settings


@dataclass(frozen=True)
class ScoredPassage(Passage):
    """A corpus passage plus how it ranked for one question."""

    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    date_match: bool = False
    highlight: tuple[int, int] = (0, 0)  # the best-answering sentence, as a span of .text

    @property
    def highlighted_sentence(self) -> str:
        return self.text[self.highlight[0] : self.highlight[1]]


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    passages: list[ScoredPassage]
    language: str
    message: str = ""  # why nothing is shown, in the question's language


@dataclass(frozen=True)
class QueryEncoding:
    """A question's vectors: itself (row 0) and its glossary translation (row 1, if any),
    plus the question's token vectors for late interaction."""

    vectors: np.ndarray
    tokens: np.ndarray


@dataclass(frozen=True)
class Ranking:
    """Every passage's scores for one question, best first in ``order``."""

    order: np.ndarray
    score: np.ndarray  # = signals.fused(config.weights())
    signals: SignalTable
    dense: np.ndarray  # the raw cosine mix, before z-scoring: refusal reads it
    best_unit: np.ndarray
    terms: tuple[str, ...]
    answered: bool
    after_page: bool = False  # refused: asks how an event the page only announces turned out
    dated: bool = False  # names a month or day some passage carries: in scope whatever its cosine

    @property
    def lexical(self) -> np.ndarray:
        return self.signals["lexical"]

    @property
    def dates(self) -> np.ndarray:
        return self.signals["dates"]


class SummitQA:
    """The question-answering facade over an encoder, an index and a glossary."""

    def __init__(self, encoder: Encoder, index: SearchIndex, glossary: Glossary, config: RankingConfig):
        self.encoder = encoder
        self.index = index
        self.glossary = glossary
        self.config = config
        self.scope = ScopePolicy.for_page(config, index.passages)
        self.published = dt.date.fromisoformat(index.passages[0].published) if index.passages else None
        self._passage_dates = [(p.date, *p.dates) for p in index.passages]

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        rebuild: bool = False,
        config: RankingConfig | None = None,
        say: Callable[[str], None] = print,
    ) -> SummitQA:
        """The engine for ``settings`` (default: the environment's): model, index, glossary,
        and the ranking settings the index carries for that model."""
        from summit_qa.embedding import Embedder

        s = settings or Settings.from_env()
        encoder = Embedder.shared(s.model, s.home, progress=say)
        return cls.for_encoder(encoder, s, rebuild, config, say)

    @classmethod
    def for_encoder(
        cls,
        encoder: Encoder,
        settings: Settings,
        rebuild: bool = False,
        config: RankingConfig | None = None,
        say: Callable[[str], None] = print,
    ) -> SummitQA:
        """:meth:`open` with an encoder already loaded (or a test's fake one)."""
        s = settings
        index = load_or_build(encoder, s.data_dir, s.index_root, s.home, s.lexical_tokenizer, rebuild, say)
        if not index.manifest.ranking_calibrated:
            say(
                f"warning: no calibrated ranking settings for model {encoder.info.model_id!r}: its refusal "
                "floors are e5-small's and may refuse too much or too little; run `summit-qa calibrate`"
            )
        glossary = Glossary.load(s.data_dir / "glossary.json")
        return cls(encoder, index, glossary, config or RankingConfig().calibrated(index.manifest.ranking))

    def with_config(self, config: RankingConfig) -> SummitQA:
        """The same engine ranking by another config (an in-memory BM25 if it names another tokenizer)."""
        index = self.index
        if config.lexical_tokenizer and config.lexical_tokenizer != index.lexical.tokenizer:
            lexical = BM25.build([p.text for p in index.passages], config.lexical_tokenizer)
            index = replace(index, lexical=lexical)
        return SummitQA(self.encoder, index, self.glossary, config)

    def query_texts(self, question: str) -> list[str]:
        """The question, plus its glossary translation when it is not in Chinese.

        e5's cross-lingual similarities are compressed; the Chinese names and
        terms of a foreign question, embedded as a second query, are compared
        with the Chinese passages in their own language.
        """
        texts = [question]
        c = self.config
        if c.use_dense and c.use_glossary and c.translated_weight > 0 and detect_language(question) != "zh":
            terms = self.glossary.chinese_terms(question)
            if terms:
                texts.append(" ".join(terms))
        return texts

    def encode_questions(self, questions: list[str]) -> list[QueryEncoding]:
        """Query vectors and tokens for many questions in one pass (rows as in :meth:`query_texts`)."""
        texts = [self.query_texts(q) for q in questions]
        encoded = self.encoder.encode([t for group in texts for t in group], "query", batch_size=32)
        out, start = [], 0
        for group in texts:
            end = start + len(group)
            out.append(QueryEncoding(encoded.vectors[start:end], encoded.tokens[start]))
            start += len(group)
        return out

    def rank(self, question: str, query: QueryEncoding | None = None) -> Ranking:
        """Score every passage for a cleaned, non-empty question."""
        c = self.config
        passages = self.index.passages
        n = len(passages)
        columns: dict[str, np.ndarray] = {}
        dense = np.zeros(n, np.float32)
        best_unit = np.full(n, -1, np.int64)
        if not (c.use_dense or c.use_late):
            query = None  # a lexical-only ranking refuses on lexical grounds too
        elif query is None:
            query = self.encode_questions([question])[0]
        if query is not None:  # the dense cosine also decides refusal
            dense, best_unit = self._dense(query.vectors[0])
        if c.use_dense:
            columns["dense"] = zscore(dense)
            if len(query.vectors) > 1 and c.use_glossary:
                columns["translated"] = zscore(self._dense(query.vectors[1])[0])
        if c.use_late:
            whole, sentence = self.index.tokens.scores(query.tokens)
            columns["late"] = zscore(whole)
            columns["late_sentence"] = zscore(sentence)
        terms = self.glossary.chinese_terms(question) if c.use_glossary else ()
        if c.use_lexical:
            columns["lexical"] = self.index.lexical.scores(question, extra_terms=terms)
        dated = False
        if c.use_dates and self.published:
            wanted = question_dates(question, self.published)
            columns["dates"] = date_scores(self._passage_dates, wanted)
            specific = [q for q in wanted if q.month is not None or q.day is not None]
            dated = bool(specific) and date_scores(self._passage_dates, specific).max() >= 1.0
        signals = SignalTable.of(n, columns)
        score = signals.fused(c.weights())
        order = rank_order(score)
        answered = self.scope.in_scope(
            detect_language(question),
            float(dense.max()) if query is not None else None,
            len(terms),
            dated,
            lexical_match=query is None and (bool(terms) or bool(self.index.lexical.query_terms(question))),
        )
        top = [passages[int(i)] for i in order[:3]]
        after_page = answered and self.scope.asks_after_the_page(question, top)
        return Ranking(
            order, score, signals, dense, best_unit, terms, answered and not after_page, after_page, dated
        )

    def _dense(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: the whole-passage / best-sentence cosine mix, and the best unit."""
        whole, sentence, best_unit = self.index.dense_scores(query_vector)
        return dense_mix(whole, sentence, self.config.sentence_weight), best_unit

    def answer(self, question: str, top_k: int = 3, query: QueryEncoding | None = None) -> Answer:
        question = question if isinstance(question, str) else ""
        language = detect_language(question)
        cleaned = clean_question(question)
        if not any(ch.isalnum() for ch in cleaned):
            return Answer(question, False, [], language, message("empty_question", language))
        r = self.rank(cleaned, query)
        if not r.answered:
            key = "after_the_page" if r.after_page else "not_in_article"
            return Answer(question, False, [], language, message(key, language, date=self.published))
        terms_of = self.index.lexical.query_terms
        wanted = set(terms_of(cleaned + " " + " ".join(r.terms)))
        results = []
        for i in r.order[: max(1, int(top_k))]:
            p = self.index.passages[i]
            base = {f.name: getattr(p, f.name) for f in fields(Passage)}
            span = self.index.sentence_span(int(r.best_unit[i]))
            results.append(
                ScoredPassage(
                    **base,
                    score=float(r.score[i]),
                    dense=float(r.dense[i]),
                    lexical=float(r.lexical[i]),
                    date_match=bool(r.dates[i] > 0),
                    highlight=best_sentence(p, span, wanted, terms_of),
                )
            )
        return Answer(question, True, results, language)


_default: SummitQA | None = None
_default_lock = threading.Lock()


def default_engine(say: Callable[[str], None] = print) -> SummitQA:
    """The process-wide engine on the environment's settings, opened once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SummitQA.open(say=say)
        return _default


def answer(question: str, top_k: int = 3) -> Answer:
    """Answer a question about the page with its best passages, verbatim and dated."""
    return default_engine().answer(question, top_k=top_k)


__all__ = [
    "SIGNALS",
    "Answer",
    "QueryEncoding",
    "RankingConfig",
    "ScoredPassage",
    "SummitQA",
    "answer",
    "clean_question",
]
