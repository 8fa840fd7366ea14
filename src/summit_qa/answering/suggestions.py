"""Questions to ask next, under each answer, in the reader's language: each one the page
answers (the tests ask every suggestion the page can give).

* after a dated passage with an event after it: "what happened next?", read as a
  follow-up of the answer (operations.py walks to that event);
* for a person the first passage names (the page introduces them): "who is X?";
* after a refusal or small talk: the example questions of the reader's language, the
  nearest in meaning first, so that a refusal is no dead end.

When the two best passages score within ``CLOSE`` of each other and give different
dates (the first and the second summit; an announcement and the event), the answer
also offers both as choices, the best shown meanwhile.  ``CLOSE`` was chosen on the
dev sets so that a question whose first passage is right is asked back at most ~3%
of the time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from summit_qa.answering.answer import Answer
from summit_qa.answering.identity import introduction
from summit_qa.answering.steps import step_in_time
from summit_qa.page.events import Event
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.messages import EXAMPLES
from summit_qa.readers.normalize import to_traditional

MOST = 3
CLOSE = 0.5  # fused-score gap under which two readings are offered as choices
NEXT = {
    "zh": "然后呢？",
    "en": "What happened next?",
    "ko": "그 다음은요?",
    "ja": "その後は？",
    "vi": "Sau đó thì sao?",
}
WHO = {
    "zh": "{x}是谁？",
    "en": "Who is {x}?",
    "ko": "{x}는 누구예요?",
    "ja": "{x}とは誰ですか？",
    "vi": "{x} là ai?",
}


def _in(table: dict[str, str], language: str, **values: str) -> str:
    if language == "zh-Hant":
        return to_traditional(table["zh"].format(**values))
    return table.get(language, table["en"]).format(**values)


def _examples(language: str) -> tuple[str, ...]:
    if language == "zh-Hant":
        return tuple(to_traditional(q) for q in EXAMPLES["zh"])
    return EXAMPLES.get(language, EXAMPLES["en"])


class Suggester:
    """Suggestions for an answer on this page; ``similar(question, candidates)`` orders
    candidate questions by meaning (the engine's encoder)."""

    def __init__(
        self,
        passages: Sequence[Passage],
        events: Sequence[Event],
        glossary: Glossary,
        similar: Callable[[str, Sequence[str]], np.ndarray],
    ):
        self.passages, self.events, self.glossary, self.similar = passages, events, glossary, similar
        self._texts = [p.text for p in passages]  # a step reads them as the follow-up's does

    def add(self, answer: Answer) -> Answer:
        return replace(answer, suggestions=self.suggest(answer), choices=self.choices(answer))

    def choices(self, answer: Answer) -> tuple[tuple[str, str], ...]:
        """The two best readings when they are close and differ in the date they give."""
        if answer.kind != "answer" or answer.operation or len(answer.passages) < 2:
            return ()
        first, second = answer.passages[:2]
        if first.score - second.score >= CLOSE or first.answer_date == second.answer_date:
            return ()
        return tuple((p.id, f"{p.answer_date or p.date or ''} · {p.text[:28]}…") for p in (first, second))

    def suggest(self, answer: Answer) -> tuple[str, ...]:
        language = answer.language
        if not answer.answered:
            examples = _examples(language)
            if answer.kind == "empty" or not answer.question.strip():
                return examples[:MOST]
            order = np.argsort(-self.similar(answer.question, examples), kind="stable")
            return tuple(examples[int(i)] for i in order[:MOST])
        out: list[str] = []
        first = answer.passages[0]
        at = next(i for i, p in enumerate(self.passages) if p.id == first.id)
        if not answer.several and step_in_time(self.events, at, 1, self._texts) is not None:
            out.append(_in(NEXT, language))
        asked = set(self.glossary.names(answer.question))
        for name in self.events[at].names:
            if self.glossary.types.get(name) != "person" or name in asked:
                continue
            if introduction((name,), self.passages) is None:
                continue
            shown = name if language in ("zh", "zh-Hant") else self.glossary.display(name, language) or name
            out.append(_in(WHO, language, x=shown))
            if len(out) >= MOST:
                break
        return tuple(out[:MOST])
