"""A chat conversation as the web page keeps it, and the chat's actions on it, free of Gradio.

The conversation is a list of turns (question as typed, reply, passages shown);
the chat shows them and the browser keeps them across reloads.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace

from summit_qa.answering.engine import SummitQA
from summit_qa.files import StorageError
from summit_qa.page.language import detect_language, valid_text
from summit_qa.readers.glosses import gloss, page_frequency
from summit_qa.readers.messages import say as message
from summit_qa.web.feedback import VERDICTS, Feedback, FeedbackRefused, FeedbackStore
from summit_qa.web.labels import conversation_language, label
from summit_qa.web.pageview import page_html, timeline_html
from summit_qa.web.render import as_text, escape, render_answer

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
    superseded: bool = False  # its question was edited: kept in view, no longer read with the rest
    # Asked by editing an earlier question: the turns that edit superseded, as distances back
    # from this turn (1: the turn just before), so undoing it brings them back.
    supersedes: tuple[int, ...] = ()

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
        back = raw.get("supersedes")
        back = back if isinstance(back, list | tuple) else ()
        back = tuple(n for n in back if isinstance(n, int) and not isinstance(n, bool) and n > 0)
        return cls(
            question,
            reply,
            tuple(shown),
            language,
            raw.get("several") is True,
            raw.get("superseded") is True,
            back,
        )


def load_turns(saved: object) -> list[Turn]:
    turns = [Turn.load(raw) for raw in saved] if isinstance(saved, list) else []
    return [t for t in turns if t is not None][-MAX_SAVED_TURNS:]


def dump_turns(turns: list[Turn]) -> list[dict]:
    return [
        asdict(t) | {"shown": list(t.shown), "supersedes": list(t.supersedes)}
        for t in turns[-MAX_SAVED_TURNS:]
    ]


def live(turns: list[Turn]) -> list[Turn]:
    """The turns the conversation goes on from (the superseded ones only stay in view)."""
    return [t for t in turns if not t.superseded]


def supersede(turns: list[Turn], at: int) -> tuple[list[Turn], tuple[int, ...]]:
    """Question ``at`` edited: it and the live turns after it marked superseded (kept in view);
    with the distances back from the turn the edit will add, for undo."""
    marked, back = list(turns), []
    for i in range(at, len(turns)):
        if not turns[i].superseded:
            marked[i] = replace(turns[i], superseded=True)
            back.append(len(turns) - i)
    return marked, tuple(back)


def withdraw(turns: list[Turn]) -> tuple[list[Turn], str]:
    """Undo: the last turn removed (its question returned), and the turns its edit superseded
    brought back."""
    *kept, last = turns
    for n in last.supersedes:
        i = len(kept) - n
        if 0 <= i < len(kept):
            kept[i] = replace(kept[i], superseded=False)
    return kept, last.question


def messages(turns: list[Turn], pending: str | None = None) -> list[dict]:
    """The chat's messages: each question shown as inert text, then its reply; a superseded
    turn struck through and greyed, with a note in the conversation's language."""
    note = escape(label("superseded", conversation_language(turns)))
    out = []
    for t in turns:
        question, reply = as_text(t.question), t.reply
        if t.superseded:
            question = f"<del>{question}</del>"
            reply = (
                f'<p class="summit-superseded-note">{note}</p>\n\n'
                f'<div class="summit-superseded">\n\n{reply}\n\n</div>'
            )
        out += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
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
        self._glosser = lambda p, lang, question: gloss(
            p, lang, engine.index.lexicon, engine.glossary, frequency, question=question
        )

    def ask(self, question: object, turns: list[Turn], pick: str | None = None) -> Turn:
        """The reply to ``question`` read after ``turns`` (``pick``: the passage a reader chose
        among the answer's choices): never an exception (a message instead)."""
        earlier = [t.question for t in live(turns)]
        text = valid_text(question) if isinstance(question, str) else ""
        try:
            result = self.engine.answer(text, top_k=3, history=earlier, pick=pick)
            context = [earlier[result.context_turn]] if result.context_turn is not None else []
            reply = render_answer(result, self._glosser, earlier=context)
            shown = tuple(p.id for p in result.passages)
            return Turn(text, reply, shown, result.language, result.several)
        except Exception:  # never a traceback in the chat
            log.exception("answer failed")
            language = detect_language(text)
            return Turn(text, message("error", language), (), language)

    def page(self, turns: list[Turn]) -> str:
        current = live(turns)[-1:]
        shown = current[0].shown if current else ()
        return page_html(self.engine.index.passages, shown[0] if shown else None, shown[1:])

    def timeline(self, turns: list[Turn]) -> str:
        current = live(turns)[-1:]
        shown = current[0].shown if current else ()
        also = shown[1:] if current and current[0].several else ()
        return timeline_html(self.engine.index.passages, shown[0] if shown else None, also)

    def rate(self, turns: list[Turn], at: int, verdict: str, right: str | None = None) -> bool:
        """Record a like or dislike of turn ``at`` (and the passage that was right)."""
        if not 0 <= at < len(turns):
            return False
        t = turns[at]
        before = len(live(turns[:at]))  # the questions it was read with
        try:
            self.feedback.add(Feedback(t.question, t.language, before, t.shown, verdict, right))
        except (FeedbackRefused, StorageError):
            log.warning("feedback not recorded", exc_info=True)
            return False
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
        try:
            self.feedback.add(Feedback(turn.question, turn.language, len(turns), turn.shown, verdict, chosen))
        except (FeedbackRefused, StorageError) as exc:
            return str(exc)
        return "recorded"


def choice_label(engine: SummitQA, passage_id: str) -> str:
    p = next(p for p in engine.index.passages if p.id == passage_id)
    text = p.text if len(p.text) <= 48 else p.text[:46] + "…"
    return f"{p.date or ''} {text}".strip()
