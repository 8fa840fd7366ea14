"""A chat conversation as the web page keeps it, and the chat's actions on it, free of Gradio.

The conversation is a list of turns (question as typed, reply, passages shown);
the chat shows them and the browser keeps them across reloads.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from summit_qa.answering.engine import SummitQA
from summit_qa.page.language import detect_language, valid_text
from summit_qa.readers.glosses import gloss, page_frequency
from summit_qa.readers.messages import say as message
from summit_qa.web.feedback import VERDICTS, Feedback, FeedbackStore
from summit_qa.web.pageview import page_html, timeline_html
from summit_qa.web.render import as_text, render_answer

log = logging.getLogger("summit_qa.web")

MAX_SAVED_TURNS = 50  # a conversation kept in the browser: the newest turns


@dataclass(frozen=True)
class Turn:
    """One question and its reply, as the chat keeps it (JSON-safe for the browser)."""

    question: str  # as typed
    reply: str  # the reply's Markdown
    shown: tuple[str, ...] = ()  # passage ids, best first
    language: str = "en"
    several: bool = False  # an answer of several passages: every one of them is the answer

    @classmethod
    def load(cls, raw: object) -> Turn | None:
        """A turn saved in the browser, or None when it is not one (never a crash on load)."""
        if not isinstance(raw, dict):
            return None
        question, reply, shown, language = (raw.get(k) for k in ("question", "reply", "shown", "language"))
        if not (isinstance(question, str) and isinstance(reply, str) and isinstance(language, str)):
            return None
        if not isinstance(shown, list | tuple) or not all(isinstance(s, str) for s in shown):
            return None
        return cls(question, reply, tuple(shown), language, raw.get("several") is True)


def load_turns(saved: object) -> list[Turn]:
    turns = [Turn.load(raw) for raw in saved] if isinstance(saved, list) else []
    return [t for t in turns if t is not None][-MAX_SAVED_TURNS:]


def dump_turns(turns: list[Turn]) -> list[dict]:
    return [asdict(t) | {"shown": list(t.shown)} for t in turns[-MAX_SAVED_TURNS:]]


def messages(turns: list[Turn], pending: str | None = None) -> list[dict]:
    """The chat's messages: each question shown as inert text, then its reply."""
    out = []
    for t in turns:
        out += [{"role": "user", "content": as_text(t.question)}, {"role": "assistant", "content": t.reply}]
    if pending is not None:
        out.append({"role": "user", "content": as_text(pending)})
    return out


def turn_of(index: object) -> int | None:
    """The turn a chat message index belongs to (Gradio gives an int or (message, part))."""
    if isinstance(index, list | tuple):
        index = index[0] if index else None
    return index // 2 if isinstance(index, int) and index >= 0 else None


class ChatSession:
    """The chat's actions on a conversation, free of Gradio: what the events call."""

    def __init__(self, engine: SummitQA, feedback: FeedbackStore):
        self.engine = engine
        self.feedback = feedback
        frequency = page_frequency(engine.index.passages, engine.index.lexicon)
        self._glosser = lambda p, lang: gloss(p, lang, engine.index.lexicon, engine.glossary, frequency)

    def ask(self, question: object, turns: list[Turn]) -> Turn:
        """The reply to ``question`` read after ``turns``: never an exception (a message instead)."""
        earlier = [t.question for t in turns]
        text = valid_text(question) if isinstance(question, str) else ""
        try:
            result = self.engine.answer(text, top_k=3, history=earlier)
            context = [earlier[result.context_turn]] if result.context_turn is not None else []
            reply = render_answer(result, self._glosser, earlier=context)
            shown = tuple(p.id for p in result.passages)
            return Turn(text, reply, shown, result.language, result.several)
        except Exception:  # never a traceback in the chat
            log.exception("answer failed")
            language = detect_language(text)
            return Turn(text, message("error", language), (), language)

    def page(self, turns: list[Turn]) -> str:
        shown = turns[-1].shown if turns else ()
        return page_html(self.engine.index.passages, shown[0] if shown else None, shown[1:])

    def timeline(self, turns: list[Turn]) -> str:
        shown = turns[-1].shown if turns else ()
        also = shown[1:] if turns and turns[-1].several else ()
        return timeline_html(self.engine.index.passages, shown[0] if shown else None, also)

    def rate(self, turns: list[Turn], at: int, verdict: str, right: str | None = None) -> bool:
        """Record a like or dislike of turn ``at`` (and the passage that was right)."""
        if not 0 <= at < len(turns):
            return False
        t = turns[at]
        self.feedback.add(Feedback(t.question, t.language, at, t.shown, verdict, right))
        return True

    def rate_question(self, question: str, history: list[str], verdict: str, right: int | None = None) -> str:
        """Feedback from an API client: the question is answered again (answers are
        deterministic) so the record holds the passages the reply really showed."""
        if verdict not in VERDICTS:
            return f"verdict must be one of {', '.join(VERDICTS)}"
        turns = [Turn(q, "", ()) for q in history if isinstance(q, str)]
        turn = self.ask(question, turns)
        chosen = None
        if right is not None:
            if not (isinstance(right, int) and 0 <= right < len(turn.shown)):
                return f"right must be the index of a shown passage (0-{len(turn.shown) - 1})"
            chosen = turn.shown[right]
        self.feedback.add(Feedback(turn.question, turn.language, len(turns), turn.shown, verdict, chosen))
        return "recorded"


def choice_label(engine: SummitQA, passage_id: str) -> str:
    p = next(p for p in engine.index.passages if p.id == passage_id)
    text = p.text if len(p.text) <= 48 else p.text[:46] + "…"
    return f"{p.date or ''} {text}".strip()
