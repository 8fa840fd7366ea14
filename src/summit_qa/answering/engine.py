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

from summit_qa.answering import smalltalk as smalltalk
from summit_qa.answering.followups import (
    ConversationPolicy,
    Resolution,
    Turn,
    find_ordinal,
    resolve,
    user_questions,
)
from summit_qa.answering.identity import Identity, identify, introduction, is_pronoun
from summit_qa.answering.identity import subject as identity_subject
from summit_qa.answering.scope import ScopePolicy, unanswerable_type
from summit_qa.page.dates import question_dates
from summit_qa.page.language import clean_question, detect_language, valid_text
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.messages import say as message
from summit_qa.readers.messages import small_talk as small_talk_reply
from summit_qa.retrieval.bm25 import BM25
from summit_qa.retrieval.fusion import (
    SIGNALS,
    PhraseIndex,
    SignalTable,
    date_scores,
    dense_mix,
    label_scores,
    rank_order,
    zscore,
)
from summit_qa.retrieval.highlight import best_sentence
from summit_qa.retrieval.index import Encoder, SearchIndex, lexical_text, load_or_build
from summit_qa.retrieval.weights import RankingConfig
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


# What an answer is: passages ("answer"), "not in this article" ("refused"), a reply to
# small talk or a non-question ("small_talk"), or nothing typed at all ("empty").
KINDS = ("answer", "refused", "small_talk", "empty")


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    passages: list[ScoredPassage]
    language: str
    message: str = ""  # why nothing is shown, in the question's language
    kind: str = "answer"
    context_turn: int | None = None  # the earlier user turn (index in history) a follow-up was read with
    context_question: str | None = None  # ... and its text


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


@dataclass(frozen=True)
class Reply:
    """A question's outcome before it is dressed as an :class:`Answer` (the eval reads it)."""

    kind: str  # one of KINDS
    language: str
    question: str  # cleaned
    ranking: Ranking | None
    message: str = ""
    resolution: Resolution | None = None  # how the conversation was read


# How many of the user's latest turns are read (a follow-up leans on the last few of them).
HISTORY_TURNS = 12


def _has_script(text: str) -> bool:
    """Letters of some script (not only digits, punctuation or emoji)."""
    return any(ch.isalpha() for ch in text)


def _language_of(questions: list[str]) -> str:
    """The language of the latest earlier question that has one (a reply to "👍" or "???"
    in the conversation's language), English without any."""
    for q in reversed(questions):
        if _has_script(q):
            return detect_language(q)
    return "en"


def _day(query, published: dt.date) -> str | None:
    """The ISO day a date query names, its year the page's when left out (None without a day)."""
    if query.month is None or query.day is None:
        return None
    try:
        return dt.date(query.year or published.year, query.month, query.day).isoformat()
    except ValueError:
        return None


def _passages_wanted(top_k: object, available: int) -> int:
    """``top_k`` as a count from 1 to ``available`` (None, NaN or junk: the default 3)."""
    try:
        k = int(top_k)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        k = 3
    return max(1, min(k, available))


def open_encoder(settings: Settings, say: Callable[[str], None] = print) -> Encoder:
    """The model ``settings`` name on its runtime, loaded once per process: int8 ONNX
    (no torch imported) or sentence-transformers."""
    if settings.runtime == "onnx":
        from summit_qa.encoders.int8 import Int8Questions, OnnxEncoder

        return Int8Questions(OnnxEncoder.shared(settings.home, progress=say), settings.home, say)
    from summit_qa.encoders.e5 import Embedder

    return Embedder.shared(settings.model, settings.home, progress=say)


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
        self._encodings: dict[str, QueryEncoding] = {}
        self._turns: dict[tuple[str, ...], Turn] = {}  # earlier turns read, by the questions up to them
        self._phrases = PhraseIndex.build([p.text for p in index.passages])
        self._labels = [(p.label_word, p.label) if p.label else None for p in index.passages]
        # A label's word in other words ("第三个问题" for the paragraph labelled 议题三).
        self._label_words = {
            w: (w, *index.lexicon.near_synonyms(w)) for w in {lab[0] for lab in self._labels if lab}
        }
        # Each passage's neighbours in its article: follow-ups move by them ("then what?").
        self._sequence: dict[int, tuple[int | None, int | None]] = {}
        for i, p in enumerate(index.passages):
            same = [j for j, q in enumerate(index.passages) if q.article == p.article]
            at = same.index(i)
            self._sequence[i] = (same[at - 1] if at else None, same[at + 1] if at + 1 < len(same) else None)

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
        s = settings or Settings.from_env()
        return cls.for_encoder(open_encoder(s, say), s, rebuild, config, say)

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
        index = load_or_build(
            encoder,
            s.data_dir,
            s.index_root,
            s.home,
            s.lexical_tokenizer,
            rebuild,
            say,
            exemplars=smalltalk.exemplar_texts(),
        )
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
            lexical = BM25.build([lexical_text(p) for p in index.passages], config.lexical_tokenizer)
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
            terms = self.terms(question)
            if terms:
                texts.append(" ".join(terms))
        return texts

    def terms(self, text: str, language: str | None = None) -> tuple[str, ...]:
        """The page's Chinese words ``text`` names in another script: the glossary's names,
        and for a foreign question the dictionaries' words (lexicon.py)."""
        c = self.config
        if not c.use_glossary:
            return ()
        glossed = self.glossary.chinese_terms(text)
        language = language or detect_language(text)
        found = self.index.lexicon.terms(text, language) if c.use_lexicon and language != "zh" else ()
        return tuple(dict.fromkeys([*glossed, *found]))

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

    def rank(
        self,
        question: str,
        query: QueryEncoding | None = None,
        resolution: Resolution | None = None,
        language: str | None = None,
    ) -> Ranking:
        """Score every passage for a cleaned, non-empty question.

        ``resolution`` (a follow-up read with the conversation) supplies the text
        to rank, dates to add and passage bonuses; ``query`` is that text's
        encoding when already computed.  Refusal reads the floors of ``language``
        (default: the question's).
        """
        c = self.config
        text = resolution.query if resolution else question
        language = language or detect_language(question)
        passages = self.index.passages
        n = len(passages)
        columns: dict[str, np.ndarray] = {}
        dense = np.zeros(n, np.float32)
        best_unit = np.full(n, -1, np.int64)
        if not (c.use_dense or c.use_late):
            query = None  # a lexical-only ranking refuses on lexical grounds too
        elif query is None:
            query = self.encode_query(text)
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
        terms = self.terms(text, language)
        if c.use_lexical:
            columns["lexical"] = self.index.lexical.scores(text, extra_terms=terms)
        ordinal = find_ordinal(text, language)
        columns["label"] = label_scores(
            self._labels, ordinal.number if ordinal else None, text + "".join(terms), self._label_words
        )
        if c.use_phrases:
            # Names are not quotations: "特朗普与金正恩" shares "与金正恩" with a few passages.
            columns["phrase"] = self._phrases.scores(self.glossary.strip_names(text, sep="|"), n)
        dated = False
        wanted = []
        if c.use_dates and self.published:
            wanted = question_dates(text, self.published) + list(resolution.dates if resolution else ())
            columns["dates"] = date_scores(self._passage_dates, wanted)
            specific = [q for q in wanted if q.month is not None or q.day is not None]
            dated = bool(specific) and date_scores(self._passage_dates, specific).max() >= 1.0
        if resolution and resolution.prior:
            prior = np.zeros(n, np.float32)
            for i, bonus in resolution.prior.items():
                prior[i] += bonus
            columns["context"] = prior
        signals = SignalTable.of(n, columns)
        score = signals.fused(c.weights())
        order = rank_order(score)
        if resolution is not None and resolution.in_scope:
            answered = True  # a follow-up of an answered turn, or "who is X?" about X on the page
        else:
            answered = self.scope.in_scope(
                language,
                float(dense.max()) if query is not None else None,
                len(terms),
                dated,
                lexical_match=query is None and (bool(terms) or bool(self.index.lexical.query_terms(text))),
            )
        top = [passages[int(i)] for i in order[:3]]
        if answered and unanswerable_type(question, top):
            answered = False
        places = self.glossary.names(text, ("place",))
        named = [p for p in passages if places and all(name in p.text for name in places)]
        # An outcome question is told the page's date when answered, or when it names the
        # place of an event the page only announces (then it is about the page, whatever
        # the floors made of its wording).
        asked_days = [_day(q, self.published) for q in (wanted if c.use_dates and self.published else [])]
        days = [d for d in asked_days if d]
        after_page = (answered or bool(named) or bool(days)) and self.scope.asks_after_the_page(
            question, top, named, days
        )
        return Ranking(
            order, score, signals, dense, best_unit, terms, answered and not after_page, after_page, dated
        )

    def forget(self) -> None:
        """Drop the remembered encodings and conversation turns (the bench times fresh questions)."""
        self._encodings.clear()
        self._turns.clear()

    def encode_query(self, text: str) -> QueryEncoding:
        """One question's encoding, remembered: a conversation re-reads its earlier turns."""
        cached = self._encodings.get(text)
        if cached is None:
            cached = self.encode_questions([text])[0]
            self._encodings[text] = cached
            if len(self._encodings) > 512:
                self._encodings.pop(next(iter(self._encodings)))
        return cached

    def _dense(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: the whole-passage / best-sentence cosine mix, and the best unit."""
        whole, sentence, best_unit = self.index.dense_scores(query_vector)
        return dense_mix(whole, sentence, self.config.sentence_weight), best_unit

    def respond(self, question: object, history: object = None, query: QueryEncoding | None = None) -> Reply:
        """What to do with a question: its ranking and the kind of reply it gets.

        ``history`` (see :meth:`answer`) is read turn by turn: each earlier user
        question is resolved with the ones before it, so a follow-up of a
        follow-up keeps its subject.  Turns already read are remembered by the
        questions up to them, so a chat pays for its newest question only.
        ``query``: the question's own encoding, used when it is not a follow-up.
        """
        text = question if isinstance(question, str) else ""
        cleaned = clean_question(text)
        everything = user_questions(history)
        asked = everything[-HISTORY_TURNS:]
        earlier = self._earlier_turns(everything)
        reply, turn = self._read(cleaned, earlier, query, _language_of(asked))
        self._remember((*everything, cleaned), turn)
        res = reply.resolution
        if res is not None and res.context_turn is not None:  # counted among all the user's turns
            res = replace(res, context_turn=res.context_turn + len(everything) - len(asked))
            reply = replace(reply, resolution=res)
        return reply

    def _earlier_turns(self, everything: list[str]) -> list[Turn]:
        """The last ``HISTORY_TURNS`` questions as turns, each read as it was when asked
        (with the ``HISTORY_TURNS`` questions before it)."""
        start = max(0, len(everything) - HISTORY_TURNS)
        return [self._turn(everything[: i + 1]) for i in range(start, len(everything))]

    def _turn(self, prefix: list[str]) -> Turn:
        """The last question of ``prefix`` read after the ones before it; remembered by the
        whole conversation up to it, so a chat of any length pays for its newest question."""
        key = tuple(prefix)
        turn = self._turns.get(key)
        if turn is None:
            before = prefix[:-1]
            _, turn = self._read(
                prefix[-1], self._earlier_turns(before), None, _language_of(before[-HISTORY_TURNS:])
            )
            self._remember(key, turn)
        return turn

    def _remember(self, key: tuple[str, ...], turn: Turn) -> None:
        self._turns[key] = turn
        if len(self._turns) > 1024:
            self._turns.pop(next(iter(self._turns)))

    def _read(
        self, cleaned: str, earlier: list[Turn], query: QueryEncoding | None, fallback_language: str
    ) -> tuple[Reply, Turn]:
        """One question read with the turns before it: the reply, and the turn to remember."""
        language = detect_language(cleaned) if _has_script(cleaned) else fallback_language
        if not cleaned:
            reply = Reply("empty", language, cleaned, None, message("empty_question", language))
            return reply, Turn(cleaned, cleaned, (), None, None, language, cleaned)
        talk = smalltalk.classify(cleaned)
        if talk:
            reply = Reply("small_talk", language, cleaned, None, small_talk_reply(talk, language))
            return reply, Turn(cleaned, cleaned, (), None, None, language, cleaned)
        cleaned = smalltalk.strip_greeting(cleaned)
        resolution = self._resolve(cleaned, language, earlier)
        resolution = self._identity(cleaned, language, earlier, resolution)
        if resolution.query != cleaned or resolution.prior or resolution.dates or resolution.in_scope:
            r = self.rank(cleaned, None, resolution, language)
        else:
            r = self.rank(cleaned, query, language=language)
        if self._chat_in_meaning(cleaned, resolution, r, query):
            reply = Reply("small_talk", language, cleaned, r, small_talk_reply("chat", language), resolution)
        elif r.answered:
            reply = Reply("answer", language, cleaned, r, "", resolution)
        elif not r.after_page and not resolution.follow_up and smalltalk.chatty(cleaned, language):
            reply = Reply("small_talk", language, cleaned, r, small_talk_reply("chat", language), resolution)
        else:
            key = "after_the_page" if r.after_page else "not_in_article"
            reply = Reply(
                "refused", language, cleaned, r, message(key, language, date=self.published), resolution
            )
        best = int(r.order[0]) if r.answered else None
        date = self.index.passages[best].date if best is not None else None
        turn = Turn(cleaned, resolution.query, resolution.names, best, date, language, resolution.topic)
        return reply, turn

    def _identity(
        self, question: str, language: str, earlier: list[Turn], resolution: Resolution
    ) -> Resolution:
        """ "Who is X?" about a name of the page (or "Who is he?" about the turn before's)."""
        found = identify(question, language, self.glossary, self.index.passages)
        if found is None:
            x = identity_subject(question, language)
            people = [t for t in reversed(earlier) if self.glossary.names(t.query, ("person",))]
            if x is None or not is_pronoun(x) or not people:
                return resolution
            found = Identity(x, self.glossary.names(people[0].query, ("person",))[:1])
        intro = introduction(found.names, self.index.passages)
        if intro is None:
            return resolution
        bonus = {intro: self.config.identity_weight}
        query = f"{question} {' '.join(found.names)}"
        return replace(
            resolution, query=query, names=found.names, prior=bonus, in_scope=True, reason="identity"
        )

    def _chat_in_meaning(
        self, question: str, resolution: Resolution, r: Ranking, query: QueryEncoding | None
    ) -> bool:
        """Small talk the phrase lists missed: a new question (no follow-up, no identity
        question, no date) naming nothing of the page, close in meaning to an exemplar."""
        if resolution.follow_up or resolution.in_scope or r.dated or r.after_page or r.terms:
            return False
        if self.glossary.names(question) or not len(self.index.smalltalk):
            return False
        vector = (query or self.encode_query(question)).vectors[0]
        return float((self.index.smalltalk @ vector).max()) >= self.config.smalltalk_floor

    def _resolve(self, question: str, language: str, earlier: list[Turn]) -> Resolution:
        c = self.config
        policy = ConversationPolicy(c.follow_same_passage, c.follow_next, c.follow_neighbour)
        return resolve(question, language, earlier, self.glossary, self._sequence, policy)

    def answer(
        self, question: object, top_k: int = 3, history: object = None, query: QueryEncoding | None = None
    ) -> Answer:
        """The best ``top_k`` passages for ``question``, verbatim and dated, or why there are none.

        ``history`` holds the earlier turns, oldest first, in Gradio's messages format
        (``[{"role": "user" | "assistant", "content": str}, ...]``) or as plain strings
        (earlier user questions).
        """
        reply = self.respond(question, history, query)
        text = valid_text(question) if isinstance(question, str) else ""
        context: dict[str, object] = {}
        res = reply.resolution
        if res is not None and res.follow_up and res.context_turn is not None:
            context = {
                "context_turn": res.context_turn,
                "context_question": user_questions(history)[res.context_turn],
            }
        if reply.kind != "answer":
            return Answer(text, False, [], reply.language, reply.message, reply.kind, **context)
        r = reply.ranking
        cleaned = reply.question
        terms_of = self.index.lexical.query_terms
        wanted = set(terms_of(cleaned + " " + " ".join(r.terms)))
        results = []
        for i in r.order[: _passages_wanted(top_k, len(r.order))]:
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
        return Answer(text, True, results, reply.language, **context)


_default: SummitQA | None = None
_default_lock = threading.Lock()


def default_engine(say: Callable[[str], None] = print) -> SummitQA:
    """The process-wide engine on the environment's settings, opened once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SummitQA.open(say=say)
        return _default


def answer(question: str, top_k: int = 3, history: object = None) -> Answer:
    """Answer a question about the page with its best passages, verbatim and dated.

    ``history``: the earlier turns of a conversation, oldest first (see :meth:`SummitQA.answer`).
    """
    return default_engine().answer(question, top_k=top_k, history=history)


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
