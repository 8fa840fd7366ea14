"""``answer()``: the facade the chat, the CLI, the eval and Python callers share.

:class:`SummitQA` opens the encoder, the index and the glossary and reads a
question with the conversation before it; each part has its own module:

* ranking.py: every passage's fused signals (retrieval/fusion.py names them) and
  whether the page answers the question (scope.py: refusal floors, the outcome rule);
* memory.py: earlier turns as they were read, bounded and shared by threads;
* followups.py, identity.py, smalltalk.py: follow-ups, "who is X?", greetings and the like;
* several.py: whether the page has the set a list, count or period question asks for;
* answer.py: the :class:`Answer` every caller gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from summit_qa.answering import smalltalk
from summit_qa.answering.actions import asked_actions
from summit_qa.answering.actors import capitals
from summit_qa.answering.anchors import bounded_by_events
from summit_qa.answering.answer import KINDS, SERIES, SEVERAL, Answer, Reply, ScoredPassage
from summit_qa.answering.attributes import asked as asked_attribute
from summit_qa.answering.beside import beside_named
from summit_qa.answering.compose import compose, told_day
from summit_qa.answering.described import described
from summit_qa.answering.followups import ConversationPolicy, Resolution, Turn, resolve
from summit_qa.answering.history import has_script, language_of, user_questions
from summit_qa.answering.identity import with_identity
from summit_qa.answering.items import asks_item, names_label, section_points
from summit_qa.answering.long_messages import asked_part, focus, unchecked
from summit_qa.answering.memory import WINDOW, ConversationMemory, kept
from summit_qa.answering.operations import Operation, carry_out, event_topic, read_operation
from summit_qa.answering.ranking import QueryEncoding, Ranker, Ranking
from summit_qa.answering.reasons import unexplained
from summit_qa.answering.selection import Selection, summit_days
from summit_qa.answering.several import several_passages
from summit_qa.answering.shape import Shape, read_shape
from summit_qa.answering.steps import step_in_time
from summit_qa.answering.suggestions import Suggester
from summit_qa.encoders import open_encoder
from summit_qa.page.events import page_events
from summit_qa.page.language import clean_question, detect_language, valid_text
from summit_qa.page.names import Glossary
from summit_qa.readers.messages import say as message
from summit_qa.readers.messages import small_talk as small_talk_reply
from summit_qa.readers.normalize import is_gibberish, read_typed
from summit_qa.retrieval.bm25 import BM25
from summit_qa.retrieval.fusion import SIGNALS
from summit_qa.retrieval.index import Encoder, SearchIndex, lexical_text, load_or_build
from summit_qa.retrieval.weights import RankingConfig
from summit_qa.settings import Settings


def _plain(kind: str, cleaned: str, voice: str, text: str, language: str | None = None) -> tuple[Reply, Turn]:
    """A reply with no ranking (nothing typed, small talk, a keyboard mash) and its turn."""
    reply = Reply(kind, voice, cleaned, None, text)
    return reply, Turn(cleaned, cleaned, (), None, None, language or voice, cleaned)


class SummitQA:
    """The question-answering facade: a :class:`Ranker` over the page, the conversation's
    memory, and the rules that read a question with the turns before it."""

    def __init__(self, encoder: Encoder, index: SearchIndex, glossary: Glossary, config: RankingConfig):
        self.ranker = Ranker(encoder, index, glossary, config)
        self.encoder, self.index, self.glossary, self.config = encoder, index, glossary, config
        self.memory = ConversationMemory(WINDOW)
        self.events = page_events(index.passages, glossary)
        self.summits = summit_days(self.events)
        self.capitals = capitals(glossary, lambda zh: w.english if (w := index.lexicon.words.get(zh)) else ())
        self.suggester = Suggester(index.passages, self.events, glossary, self._similar)
        self._text = [p.text for p in index.passages].__getitem__  # a passage's text by its index
        self.page_text = "\n".join([p.text for p in index.passages] + [p.title for p in index.passages])
        self.english_words = frozenset(index.lexicon.english)
        self.page_names = frozenset(
            n
            for w in index.lexicon.words.values()
            for g in w.english
            for n in re.findall(r"\b[A-Z][A-Za-z-]+\b", g)
        )
        # Each passage's neighbours in its article: follow-ups move by them ("then what?").
        self._sequence: dict[int, tuple[int | None, int | None]] = {}
        for i, p in enumerate(index.passages):
            same = [j for j, q in enumerate(index.passages) if q.article == p.article]
            at = same.index(i)
            self._sequence[i] = (same[at - 1] if at else None, same[at + 1] if at + 1 < len(same) else None)

    @property
    def scope(self):
        return self.ranker.scope

    @property
    def published(self):
        return self.ranker.published

    # The ranking's surface, for the eval and the tests.
    def rank(self, *args, **kwargs) -> Ranking:
        return self.ranker.rank(*args, **kwargs)

    def encode_questions(self, questions: list[str]) -> list[QueryEncoding]:
        return self.ranker.encode_questions(questions)

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
        where = (s.data_dir, s.index_root, s.home, s.lexical_tokenizer)
        index = load_or_build(encoder, *where, rebuild, say, exemplars=smalltalk.exemplar_texts())
        if not index.manifest.ranking_calibrated:
            say(
                f"warning: no calibrated ranking settings for model {encoder.info.model_id!r}: its refusal "
                "floors are e5-small's and may refuse too much or too little; run `summit-qa calibrate`"
            )
        page_text = "".join(p.text for p in index.passages)
        glossary = Glossary.load(s.data_dir / "glossary.json").with_family_names(page_text)
        return cls(encoder, index, glossary, config or RankingConfig().calibrated(index.manifest.ranking))

    def with_config(self, config: RankingConfig) -> SummitQA:
        """The same engine ranking by another config (an in-memory BM25 if it names another tokenizer)."""
        index = self.index
        if config.lexical_tokenizer and config.lexical_tokenizer != index.lexical.tokenizer:
            lexical = BM25.build([lexical_text(p) for p in index.passages], config.lexical_tokenizer)
            index = replace(index, lexical=lexical)
        return SummitQA(self.encoder, index, self.glossary, config)

    def forget(self) -> None:
        """Drop the remembered encodings and conversation turns (the bench times fresh questions)."""
        self.ranker.forget()
        self.memory.forget()

    def respond(self, question: object, history: object = None, query: QueryEncoding | None = None) -> Reply:
        """What to do with a question: its ranking and the kind of reply it gets.

        ``history`` (see :meth:`answer`) is capped to its newest turns (memory.py) and
        read turn by turn, each earlier question with the ones before it, so a
        follow-up of a follow-up keeps its subject.  ``query``: the question's own
        encoding, used when it is not a follow-up.
        """
        text = question if isinstance(question, str) else ""
        cleaned = clean_question(text)
        everything = user_questions(history)
        questions = kept(everything)
        earlier = self.memory.earlier(questions, self._turn, language_of)
        reply, turn = self._read(cleaned, earlier, query, language_of(questions[-WINDOW:]))
        self.memory.remember((*questions, cleaned), turn)
        res = reply.resolution
        if res is not None and res.context_turn is not None:  # counted among all the user's turns
            res = replace(res, context_turn=res.context_turn + len(everything) - len(earlier))
            reply = replace(reply, resolution=res)
        return reply

    def _turn(self, question: str, earlier: list[Turn], language: str) -> Turn:
        return self._read(question, earlier, None, language)[1]

    def _read(
        self, cleaned: str, earlier: list[Turn], query: QueryEncoding | None, fallback_language: str
    ) -> tuple[Reply, Turn]:
        """One question read with the turns before it: the reply, and the turn to remember."""
        language = detect_language(cleaned) if has_script(cleaned) else fallback_language
        if not cleaned:
            return _plain("empty", cleaned, language, message("empty_question", language))
        reading = read_typed(cleaned, self.glossary, language, self.english_words)
        voice = reading.language  # the reply's language: "zh-Hant" for traditional characters
        language = "zh" if voice == "zh-Hant" else language
        if reading.text != cleaned:  # ranked as the page would write it
            cleaned, query = reading.text, None
        if person := described(cleaned, language, self.index.passages, self.glossary, self.ranker.terms):
            cleaned, query = f"{cleaned}（{person}）", None  # "那韩国学者呢？": the one so introduced
        names = self.glossary.names(cleaned)
        asked = asked_part(cleaned)  # a long message's own question gives the shape
        shape = read_shape(asked, language, self.published, self.summits, names, asked_actions(asked))
        day = lambda words: self._day_told(words, language)  # noqa: E731
        shape = bounded_by_events(asked, language, shape, self.published, self.summits, self.glossary, day)
        talk = smalltalk.classify(cleaned)
        if talk and shape.kind not in ("page", "overview"):
            return _plain("small_talk", cleaned, voice, small_talk_reply(talk, voice), language)
        if not names and is_gibberish(cleaned, self.glossary):
            return _plain("small_talk", cleaned, voice, small_talk_reply("noise", voice), language)
        cleaned = unchecked(smalltalk.strip_greeting(cleaned))  # "…, right?" is no question
        if (focused := focus(cleaned)) != cleaned:
            cleaned, query = f"{focused} {cleaned}", None
        resolution = self._resolve(cleaned, language, earlier)
        known = (self.glossary, self.index.passages, self.config.identity_weight)
        resolution = with_identity(cleaned, language, earlier, resolution, *known)
        if resolution.query != cleaned or resolution.prior or resolution.dates or resolution.in_scope:
            r = self.rank(cleaned, None, resolution, language)
        else:
            r = self.rank(cleaned, query, language=language)
        reply = self._decide(shape, cleaned, language, voice, resolution, r, query)
        page = (self.events, self.index.passages, self.glossary)
        op = read_operation(cleaned, language, resolution, earlier, *page, r.order, r.lexical, self.capitals)
        op = self._own_step(op, cleaned, language, earlier[resolution.context_turn] if op else None)
        written = self.ranker.names_label(cleaned, language)
        labelled = names_label(cleaned, language, r.signals["label"], written, r.terms, self.index.passages)
        held = op is not None and op.pin is not None and self._holds_asked(op.pin, cleaned, language)
        # "三大障碍的第三个？": an item of a section the follow-up names in its own words
        own = self.ranker.terms(cleaned, language)
        points = section_points(cleaned, language, own, self.index.passages) if op is not None else None
        reply, pinned = carry_out(op, reply, labelled, asks_item(cleaned, language), held, points)
        if (
            op is None
            and shape.kind in ("single", "list")
            and reply.selection is None
            and not resolution.follow_up
        ):
            reply = self._beside(cleaned, language, reply)
        if reply.selection is not None:
            best = reply.selection.passages[0]
        else:
            shows = reply.kind == "answer" or (r.answered and reply.kind != "refused")
            best = int(r.order[0]) if shows else None
        # the day the answer's header showed: "the next day" steps from it
        date = (
            None if best is None else told_day(self.index, r, cleaned, best) or self.index.passages[best].date
        )
        topic = event_topic(self.index.passages[best].text) if pinned else resolution.topic
        listed = reply.selection.passages if reply.selection and reply.selection.kind in SERIES else ()
        turn = Turn(cleaned, resolution.query, resolution.names, best, date, language, topic, listed)
        return reply, turn

    def _decide(
        self,
        shape: Shape,
        cleaned: str,
        language: str,
        voice: str,
        resolution: Resolution,
        r: Ranking,
        query: QueryEncoding | None,
    ) -> Reply:
        """The kind of reply a ranked question gets, in the reader's language ``voice``."""
        selection = several_passages(self, shape, cleaned, language, resolution, r)
        if selection is not None and not selection.passages:  # a set the page does not have
            return Reply("refused", voice, cleaned, r, message("not_in_article", voice), resolution)
        if selection is not None:
            selection = replace(selection, counted=shape.counted)
            kind = "answer" if selection.kind == "ordinal" else selection.kind  # one passage answers
            return Reply(kind, voice, cleaned, r, "", resolution, selection, shape.span)
        if self._chat_in_meaning(cleaned, resolution, r, query):
            return Reply("small_talk", voice, cleaned, r, small_talk_reply("chat", voice), resolution)
        short = not r.after_page and not resolution.follow_up and smalltalk.chatty(cleaned, language)
        # A bare name of the page ("谅山省", "pompeo pyongyang") is a keyword query, in scope.
        best = self.index.passages[int(r.order[0])].text
        if r.answered and not resolution.follow_up and unexplained(cleaned, language, best):
            return Reply("refused", voice, cleaned, r, message("not_in_article", voice), resolution)
        if r.answered or (short and smalltalk.names_only(cleaned, self.glossary)):
            return Reply("answer", voice, cleaned, r, "", resolution)
        if short:
            return Reply("small_talk", voice, cleaned, r, small_talk_reply("chat", voice), resolution)
        key = "after_the_page" if r.after_page else "not_in_article"
        return Reply("refused", voice, cleaned, r, message(key, voice, date=self.published), resolution)

    def _day_told(self, words: str, language: str) -> str | None:
        """The day of the event the page tells for ``words`` (a period's bound), if it answers."""
        reply = self._read(words, [], None, language)[0]
        if reply.kind not in ("answer", "ordinal") or reply.ranking is None:
            return None
        first = reply.selection.passages[0] if reply.selection else int(reply.ranking.order[0])
        return told_day(self.index, reply.ranking, words, first)

    def _own_step(
        self, op: Operation | None, question: str, language: str, before: Turn | None
    ) -> Operation | None:
        """A step asking a question of its own about someone it names ("在那之前，金正恩是哪天
        从平壤出发的？"): the event it asks about, when read alone the page answers it with
        an event on the step's side of the one before; else the step as found."""
        if op is None or op.name not in ("next", "previous") or before is None or before.date is None:
            return op
        own = self.glossary.names(question, ("person", "body"))
        if not own or not asked_attribute(question, language):
            return op
        alone = self.rank(question, language=language)
        top = int(alone.order[0])
        day = self.index.passages[top].date
        side = day and (day >= before.date if op.name == "next" else day <= before.date)
        return replace(op, pin=top) if alone.answered and side and top != before.answer else op

    def _beside(self, question: str, language: str, reply: Reply) -> Reply:
        """ "板门店会谈之前发生了什么？": the event beside the one it names (beside.py), found
        as a question of its own, shown first."""
        if reply.kind not in ("answer", "refused") or (b := beside_named(question, language)) is None:
            return reply
        named = self.rank(b.words, language=language)
        if not named.answered:
            return reply
        texts = [p.text for p in self.index.passages]
        at = step_in_time(self.events, int(named.order[0]), b.step, texts)
        if at is None:
            return reply
        return replace(reply, kind="answer", message="", selection=Selection("ordinal", (at,)))

    def _holds_asked(self, passage: int, question: str, language: str) -> bool:
        """Passage ``passage`` holds a word of the page the question asks about (not a name)."""
        words = [w for w in self.ranker.terms(question, language) if not self.glossary.names(w)]
        return any(w in self.index.passages[passage].text for w in words)

    def _chat_in_meaning(
        self, question: str, resolution: Resolution, r: Ranking, query: QueryEncoding | None
    ) -> bool:
        """Small talk the phrase lists missed: a new question (no follow-up, no identity
        question, no date) naming nothing of the page, close in meaning to an exemplar and
        closer to it than to the page."""
        if resolution.follow_up or resolution.in_scope or r.dated or r.after_page or r.terms:
            return False
        if self.glossary.names(question) or not len(self.index.smalltalk):
            return False
        vector = (query or self.ranker.encode_query(question)).vectors[0]
        chat, c = float((self.index.smalltalk @ vector).max()), self.config
        return chat >= c.smalltalk_floor and chat - float(r.dense.max()) >= c.smalltalk_margin

    def _resolve(self, question: str, language: str, earlier: list[Turn]) -> Resolution:
        c = self.config
        policy = ConversationPolicy(
            c.follow_same_passage, c.follow_next, c.follow_neighbour, c.follow_same_event
        )
        return resolve(
            question, language, earlier, self.glossary, self._sequence, policy, self.ranker.covers, self._text
        )

    def answer(
        self,
        question: object,
        top_k: int = 3,
        history: object = None,
        query: QueryEncoding | None = None,
        pick: str | None = None,
    ) -> Answer:
        """The best ``top_k`` passages for ``question``, verbatim and dated, or why there are none.

        ``history`` holds the earlier turns, oldest first, in Gradio's messages format
        (``[{"role": "user" | "assistant", "content": str}, ...]``) or as plain strings
        (earlier user questions).  ``pick``: the id of the passage a reader chose among the
        answer's choices, shown first.
        """
        reply = self.respond(question, history, query)
        ids = [p.id for p in self.index.passages]
        if pick in ids and reply.kind == "answer":
            reply = replace(reply, selection=Selection("ordinal", (ids.index(pick),)))
        text = valid_text(question) if isinstance(question, str) else ""
        context: dict[str, object] = {}
        res = reply.resolution
        if res is not None and res.follow_up and res.context_turn is not None:
            context = {
                "context_turn": res.context_turn,
                "context_question": user_questions(history)[res.context_turn],
                "operation": reply.operation,
            }
        if reply.kind not in ("answer", *SEVERAL):
            return self.suggester.add(
                Answer(text, False, [], reply.language, reply.message, reply.kind, **context)
            )
        shown = (reply.question, reply.language, top_k, reply.selection, reply.span)
        dates = res.dates if res is not None else ()
        return self.suggester.add(compose(self.index, reply.ranking, text, *shown, dates, **context))

    def _similar(self, question: str, candidates) -> np.ndarray:
        """The cosine of ``question`` with each of ``candidates`` (example questions)."""
        vectors = [q.vectors[0] for q in self.encode_questions([question, *candidates])]
        return np.array([float(vectors[0] @ v) for v in vectors[1:]])


__all__ = [
    "KINDS",
    "SIGNALS",
    "Answer",
    "QueryEncoding",
    "RankingConfig",
    "ScoredPassage",
    "SummitQA",
    "clean_question",
]
