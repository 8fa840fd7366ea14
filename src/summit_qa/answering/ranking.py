"""Ranking one question: every passage's fused signals, and whether the page answers it.

The signals (retrieval/fusion.py) are put on comparable scales and fused by the
ranking config's weights; refusal (scope.py) reads the raw dense cosine, the
glossary's terms and the question's dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from summit_qa.answering.actions import asked_actions
from summit_qa.answering.actors import announced_by, own_stance, says
from summit_qa.answering.day_parts import day_part_scores
from summit_qa.answering.followups import Resolution
from summit_qa.answering.items import section_points
from summit_qa.answering.long_messages import asked_alone
from summit_qa.answering.memory import LockedCache
from summit_qa.answering.ordinals import find_ordinal, label_numbers
from summit_qa.answering.overview import heading_statement
from summit_qa.answering.places import place_scores
from summit_qa.answering.scope import ScopePolicy, unanswerable_type
from summit_qa.answering.shape import asks_what_happened
from summit_qa.answering.summits import WHEN
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.dates import all_after, before_page, query_day, question_dates
from summit_qa.page.events import ACTIONS, EVENT_NOUNS
from summit_qa.page.language import detect_language
from summit_qa.page.names import Glossary
from summit_qa.readers.proper_names import PageNames
from summit_qa.retrieval.fusion import (
    PhraseIndex,
    SignalTable,
    date_scores,
    dense_mix,
    label_scores,
    rank_order,
    zscore,
)
from summit_qa.retrieval.index import Encoder, SearchIndex
from summit_qa.retrieval.weights import RankingConfig


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
    terms: tuple[str, ...]  # the page words that mark a passage's sentences (no event nouns)
    answered: bool
    after_page: bool = False  # refused: asks how an event the page only announces turned out
    dated: bool = False  # names a month or day some passage carries: in scope whatever its cosine

    @property
    def lexical(self) -> np.ndarray:
        return self.signals["lexical"]

    @property
    def dates(self) -> np.ndarray:
        return self.signals["dates"]


# "What time …": like "when", it asks of one event on the day it names, not what happened then.
TIME_OF_DAY = re.compile(r"几点|\bwhat time\b|몇 ?시|何時|mấy giờ|lúc nào", re.I)
# How few passages name someone for a question naming them to be about the page whatever its
# cosine: the experts the analysis quotes are named once or twice.
RARE_PERSON_PASSAGES = 2


class Ranker:
    """Scores the page's passages for a question: the encoder, the index, the glossary
    and one ranking config; question encodings are remembered (a conversation re-reads
    its earlier turns) in a cache threads may share."""

    def __init__(self, encoder: Encoder, index: SearchIndex, glossary: Glossary, config: RankingConfig):
        self.encoder = encoder
        self.index = index
        self.glossary = glossary
        self.config = config
        self.scope = ScopePolicy.for_page(config, index.passages)
        self.published = dt.date.fromisoformat(index.passages[0].published) if index.passages else None
        self._passage_dates = [(p.date, *p.dates) for p in index.passages]
        self._names = PageNames.of(
            index.lexicon, glossary, tuple(p.source for p in index.passages if p.source)
        )
        self._encodings: LockedCache[str, QueryEncoding] = LockedCache(512)
        self._texts = [p.text for p in index.passages]
        self._phrases = PhraseIndex.build(self._texts)
        self._labels = [(p.label_word, p.label) if p.label else None for p in index.passages]
        self._sections = {p.section for p in index.passages if p.section and len(p.section) > 2}
        # People the page names in one or two passages (the analysis' quoted experts, an envoy):
        # a question naming one asks about what the page says of them.
        people = {zh for zh, kind in glossary.types.items() if kind == "person"}
        held = {zh: sum(zh in p.text for p in index.passages) for zh in people}
        self._rare_people = frozenset(zh for zh, n in held.items() if 1 <= n <= RARE_PERSON_PASSAGES)
        # A label's word in other words ("第三个问题" for the paragraph labelled 议题三).
        self._label_words = {
            w: (w, *index.lexicon.near_synonyms(w)) for w in {lab[0] for lab in self._labels if lab}
        }
        # The page's own nouns for the kinds of event a foreign question names (훈련, drills → 演习)
        page = "".join(p.text for p in index.passages)
        self._event_words = {k: tuple(dict.fromkeys(ACTIONS[k].findall(page))) for k in EVENT_NOUNS}

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

    def terms(self, text: str, language: str | None = None, events: bool = True) -> tuple[str, ...]:
        """The page's Chinese words ``text`` names in another script: the glossary's names,
        and for a foreign question the dictionaries' words (lexicon.py) and, with ``events``, the
        page's nouns for the kinds of event it names (drills, 훈련, 演習 → 演习)."""
        c = self.config
        if not c.use_glossary:
            return ()
        glossed = self.glossary.chinese_terms(text)
        language = language or detect_language(text)
        found = self.index.lexicon.terms(text, language) if c.use_lexicon and language != "zh" else ()
        own = tuple(dict.fromkeys([*glossed, *found, *page_verbs(text, self.glossary)]))
        return self._with_event_nouns(own, text, language) if events else own

    def _with_event_nouns(self, terms: tuple[str, ...], text: str, language: str) -> tuple[str, ...]:
        """``terms`` and, for a foreign question, the page's nouns for the kinds of event it
        names: the dictionaries' words miss 훈련 for 演习."""
        if not self.config.use_lexicon or language == "zh":
            return terms
        nouns = [w for kind in asked_actions(text) for w in self._event_words.get(kind, ())]
        return tuple(dict.fromkeys([*terms, *nouns]))

    def _phrase_scores(self, text: str, terms: tuple[str, ...], unnumbered: bool) -> np.ndarray:
        """The phrases a question quotes from the page (names are not quotations: "特朗普与金正恩"
        shares "与金正恩" with a few passages), and the passage stating a heading it names."""
        passages = self.index.passages
        quoted = self._phrases.scores(self.glossary.strip_names(text, sep="|"), len(passages))
        if unnumbered and not self.glossary.names(text, ("person",)):  # "最大任务是什么？"
            return np.maximum(quoted, heading_statement(text, terms, passages))
        return quoted

    def off_page(self, question: str, language: str) -> tuple[str, ...]:
        """The names ``question`` writes that the page never prints (the dictionaries' proper
        nouns and capitalised words no page word glosses)."""
        return self._names.off_page(question, language)

    def covers(self, passage: int, question: str) -> bool:
        """Passage ``passage`` holds the question's own words of the page, in Chinese or, for a
        question in another language, the dictionaries' words for them (none: it may)."""
        terms_of, text = self.index.lexical.query_terms, self.index.passages[passage].text
        if own := set(terms_of(question)):
            return bool(own & set(terms_of(text)))
        words = [w for w in self.terms(question) if not self.glossary.names(w)]
        return not words or any(w in text for w in words)

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

        ``resolution`` (a follow-up read with the conversation) supplies the text to rank,
        dates to add and passage bonuses; ``query`` is that text's encoding when already
        computed.  Refusal reads the floors of ``language`` (default: the question's)."""
        c = self.config
        language = language or detect_language(question)
        if resolution and self.names_label(question, language):
            resolution = query = None  # "第三个议题呢？" names its paragraph: nothing to carry
        text = resolution.query if resolution else question
        n = len(self.index.passages)
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
        # the question's own page words mark a passage's sentences; the nouns for the kind of event
        # it names only rank ("when were the drills criticised?" is not told by 演习's sentence)
        shown = self.terms(text, language, events=False)
        terms = self._with_event_nouns(shown, text, language)
        if c.use_lexical:
            columns["lexical"] = self.index.lexical.scores(text, extra_terms=terms)
        ordinal = find_ordinal(text, language)
        # the label the latest question writes ("议题二呢？" after "议题一是什么？") comes first
        number = ordinal.number if ordinal else self._label_number(question, language)
        number = number or self._label_number(text, language)
        columns["label"] = label_scores(self._labels, number, text + "".join(terms), self._label_words)
        columns.update(self._narrowing(question, text, language))
        if c.use_phrases:
            columns["phrase"] = self._phrase_scores(text, terms, number is None)
        dated = False
        wanted = []
        if c.use_dates and self.published:
            own = question_dates(text, self.published)
            wanted = own + list(resolution.dates if resolution else ())
            # A past day's own report tells what happened on it ("ngày 12/6/2018 ký văn kiện gì?");
            # a day still to come is told by the passages that announce it, and a question
            # asking when, that gives a day, asks of another ("announced the 12 June summit when?").
            asks_when = WHEN.search(text) or TIME_OF_DAY.search(text)
            past = any(before_page(q, self.published) for q in own) and not asks_when
            on_the_day = any(q.day for q in wanted) and (asks_what_happened(text, language) or past)
            columns["dates"] = date_scores(self._passage_dates, wanted, own_first=on_the_day)
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
        # A follow-up of an answered turn, "who is X?" about X on the page, or a question naming
        # one of the page's labels ("두 번째 의제는 뭐였지?": 议题二, the label signal) is in scope.
        forced = (resolution is not None and resolution.in_scope) or self._names_part(
            text, language, columns, terms
        )
        answered, after_page = self._answered(
            question, text, language, query, dense, terms, dated, wanted, order, forced
        )
        return Ranking(order, score, signals, dense, best_unit, shown, answered, after_page, dated)

    def _narrowing(self, question: str, text: str, language: str) -> dict[str, np.ndarray]:
        """The signals of what narrows the event asked: the page's verb for it, the part of
        the day and the place the question names."""
        return {
            "verb": self._verb_column(question, text, language),
            "day_part": np.array(day_part_scores(text, language, self._texts, self.published), np.float32),
            "place": place_scores(question, language, self._texts, self.glossary),
        }

    def _verb_column(self, question: str, text: str, language: str) -> np.ndarray:
        """1 where a passage has the page's verb for what the question asks (its own verb, not one
        carried), or is where a side it asks the stance of states its part itself."""
        texts = self._texts
        verbs = page_verbs(question, self.glossary) or page_verbs(text, self.glossary)
        stance = own_stance(question, language, verbs, texts, self.glossary)
        # a date made known by someone the question names: where that one announces it
        by = announced_by(question, self.glossary) if "将于" in verbs else []
        told = [any(v in t for v in verbs) and (not by or says(t, by)) for t in texts]
        if by and not any(told):  # the one named is not shown saying it: as the verb reads
            told = [any(v in t for v in verbs) for t in texts]
        return np.maximum(np.array(told, np.float32), stance)

    def _answered(
        self,
        question: str,
        text: str,
        language: str,
        query: QueryEncoding | None,
        dense: np.ndarray,
        terms: tuple[str, ...],
        dated: bool,
        wanted: list,
        order: np.ndarray,
        forced: bool,
    ) -> tuple[bool, bool]:
        """Whether the page answers the question, and whether it asks how an event the page
        only announces turned out (refused with the page's date)."""
        # The floor of the language the question is written in, not of the page names it
        # quotes in Chinese characters ("what did 杨希雨 say…" is an English question).
        unquoted = self.glossary.strip_names(question)
        written = detect_language(unquoted) if unquoted.strip() and language == "zh" else language
        answered = forced or self.scope.in_scope(
            written,
            float(dense.max()) if query is not None else None,
            len(terms),
            dated,
            lexical_match=query is None and (bool(terms) or bool(self.index.lexical.query_terms(text))),
        )
        passages = self.index.passages
        top = [passages[int(i)] for i in order[:3]]
        if answered and unanswerable_type(question, top):
            answered = False
        # Someone the page never names (普京, "Xi Jinping") in what is asked: not about this page.
        if answered and self.off_page(asked_alone(question), language):
            answered = False
        places = self.glossary.names(text, ("place",))
        named = [p for p in passages if places and all(name in p.text for name in places)]
        # An outcome question is told the page's date when answered, or when it names the
        # place of an event the page only announces (then it is about the page, whatever
        # the floors made of its wording).
        days = [d for d in (query_day(q, self.published) for q in wanted) if d]
        after_page = (answered or bool(named) or bool(days)) and self.scope.asks_after_the_page(
            question, top, named, days
        )
        # A date after the page's own (March 2019 on a page of 27 February) is after the page.
        mentioned = any(q.matches(d) for q in wanted for own in self._passage_dates for d in own if d)
        after_page = after_page or (all_after(wanted, self.published) and not mentioned)
        # A year the page has no date in ("during 2017" on a page of 2018–19 events): not on it.
        years = {d[:4] for own in self._passage_dates for d in own if d}
        unheard = bool(wanted) and all(q.year is not None and str(q.year) not in years for q in wanted)
        # "Any news of 3 September 2018?" of a day no passage carries, naming nothing of the
        # page: the page reports nothing of that day.
        days_asked = [q for q in wanted if q.day is not None]
        unreported = (
            bool(days_asked)
            and not any(q.matches(d) for q in days_asked for own in self._passage_dates for d in own if d)
            and asks_what_happened(text, language)
            and not self.glossary.names(text)
        )
        return answered and not after_page and not unheard and not unreported, after_page

    def names_label(self, question: str, language: str) -> bool:
        """The question itself names one of the page's labels, by word and number."""
        ordinal = find_ordinal(question, language)
        number = ordinal.number if ordinal else self._label_number(question, language)
        words = question + "".join(self.terms(question, language))
        return bool(number) and label_scores(self._labels, number, words, self._label_words).any()

    def _names_part(
        self, text: str, language: str, columns: dict[str, np.ndarray], terms: tuple[str, ...] = ()
    ) -> bool:
        """A label of the page (the label signal), someone the page names in only a passage or
        two, one of its headings as printed, or the n-th item under one of its headings named by
        the heading's last word ("分析里说的第一个障碍": 三大障碍)."""
        if columns["label"].any():
            return True
        if set(self.glossary.names(text, ("person",))) & self._rare_people:
            return True
        if any(s in text for s in self._sections):  # a heading written as printed ("三大障碍指哪些")
            return True
        if find_ordinal(text, language) is not None and any(s[-2:] in text for s in self._sections):
            return True
        # in another language, by the dictionaries' words ("the third obstacle": 障碍), of an item it has
        return section_points(text, language, terms, self.index.passages) is not None

    def _label_number(self, text: str, language: str) -> int | None:
        """The number of a label the question writes as the page prints its labels, a
        label word then its number ("议题一", "issue one"): the word ends with one of the
        page's label words (or a near synonym), or reads as one through the dictionaries."""
        forms = {f for words in self._label_words.values() for f in words}
        for word, number in label_numbers(text):
            if any(word.endswith(f) for f in forms) or forms & set(self.terms(word.split()[-1], language)):
                return number
        return None

    def encode_query(self, text: str) -> QueryEncoding:
        """One question's encoding, remembered: a conversation re-reads its earlier turns."""
        return self._encodings.get_or_compute(text, lambda: self.encode_questions([text])[0])

    def forget(self) -> None:
        """Drop the remembered encodings (the bench times fresh questions)."""
        self._encodings.clear()

    def _dense(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per passage: the whole-passage / best-sentence cosine mix, and the best unit."""
        whole, sentence, best_unit = self.index.dense_scores(query_vector)
        return dense_mix(whole, sentence, self.config.sentence_weight), best_unit
