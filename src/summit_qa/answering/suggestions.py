"""Questions to ask next, under each answer, in the reader's language: each one the page
answers (the tests ask every suggestion the page can give).

* after a dated passage with an event after it: "what happened next?", read as a
  follow-up of the answer (operations.py walks to that event);
* for a person the first passage names (the page introduces them): "who is X?";
* after a refusal or small talk: the example questions of the reader's language, the
  nearest in meaning first, so that a refusal is no dead end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from summit_qa.answering.answer import Answer
from summit_qa.answering.identity import introduction
from summit_qa.answering.operations import step_in_time
from summit_qa.page.events import Event
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.messages import EXAMPLES
from summit_qa.readers.normalize import to_traditional

MOST = 3
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

    def add(self, answer: Answer) -> Answer:
        return replace(answer, suggestions=self.suggest(answer))

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
        if not answer.several and step_in_time(self.events, at, 1) is not None:
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
