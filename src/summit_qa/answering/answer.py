"""What an answer is: the passages shown, verbatim and dated, or why there are none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from summit_qa.page.passages import Passage

if TYPE_CHECKING:  # what a reply carries, read by the eval: no import at run time
    from summit_qa.answering.followups import Resolution
    from summit_qa.answering.ranking import Ranking
    from summit_qa.answering.selection import Selection


@dataclass(frozen=True)
class ScoredPassage(Passage):
    """A page passage plus how it ranked for one question."""

    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    date_match: bool = False
    highlight: tuple[int, int] = (0, 0)  # the best-answering sentence, as a span of .text
    answer_date: str | None = None  # ISO: the date this passage gives for what was asked

    @property
    def highlighted_sentence(self) -> str:
        return self.text[self.highlight[0] : self.highlight[1]]

    def to_dict(self) -> dict:
        """The passage as JSON-safe data: verbatim text, dates, where it is printed, the mark."""
        return {
            "id": self.id,
            "text": self.text,
            "date": self.date,
            "answer_date": self.answer_date,
            "dates": list(self.dates),
            "headline": self.title,
            "agency": self.source,
            "section": self.section,
            "article": self.article,
            "highlight": list(self.highlight),
            "highlighted_sentence": self.highlighted_sentence,
            "score": round(self.score, 4),
        }


# What an answer is: passages ("answer"), "not in this article" ("refused"), a reply to
# small talk or a non-question ("small_talk"), or nothing typed at all ("empty"); and the
# answers of several passages: a list, a count, a date range, a heading's items, an
# overview, a comparison, or the page itself.
SEVERAL = ("list", "count", "range", "enumeration", "overview", "compare", "page")
# The kinds whose items a follow-up walks by number ("第二个呢？" after a list: its second item).
SERIES = ("list", "count", "range", "enumeration")
KINDS = ("answer", "refused", "small_talk", "empty", *SEVERAL)


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
    lead: str = ""  # several passages: the line before them, saying what follows
    count: int | None = None  # a count question: how many passages of the page it found
    operation: str | None = None  # a follow-up: next, previous, nth, actor, why, attribute
    suggestions: tuple[str, ...] = ()  # questions to ask next, each one the page answers
    choices: tuple[tuple[str, str], ...] = ()  # (passage id, label): two close readings to pick from

    @property
    def several(self) -> bool:
        return self.kind in SEVERAL

    def to_dict(self) -> dict:
        """The answer as JSON-safe data (the JSON API, the MCP tool, ``summit-qa ask --json``)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "kind": self.kind,
            "language": self.language,
            "message": self.message,
            "lead": self.lead,
            "count": self.count,
            "context_turn": self.context_turn,
            "context_question": self.context_question,
            "operation": self.operation,
            "suggestions": list(self.suggestions),
            "choices": [{"passage": pid, "label": label} for pid, label in self.choices],
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass(frozen=True)
class Reply:
    """A question's outcome before it is dressed as an :class:`Answer` (the eval reads it)."""

    kind: str  # one of KINDS
    language: str
    question: str  # cleaned
    ranking: Ranking | None
    message: str = ""
    resolution: Resolution | None = None  # how the conversation was read
    selection: Selection | None = None  # the passages of a several-passage answer
    span: tuple[str | None, str | None] | None = None  # the period a range question names
    operation: str | None = None  # a follow-up's operation (operations.py)
