"""How often a person appears on the page ("金峻亨在分析里出现了几次？", "How many times is
Yang Xiyu quoted?"): every passage naming them, in page order.

A count or list of someone's appearances asks for no kind of event and no period: the
person is the whole topic, so no relevance cut applies (a cut keeps only the passages
closest to the question's wording, and "quoted" is close to none of them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summit_qa.page.events import Event
from summit_qa.page.names import Glossary

# Words that ask where or how often someone appears, is quoted or mentioned, per language.
APPEARS = re.compile(
    r"出现|出場|出场|提到|提及|引用|引述|露面|被引|"
    r"\b(?:quoted|cited|mentioned|appears?|appeared|shows? up|comes? up|named)\b|"
    r"등장|언급|인용|나오|"
    r"登場|言及|出てく|出て来|"
    r"xuất hiện|được nhắc|nhắc đến|nhắc tới|trích dẫn|được dẫn",
    re.I,
)


def asks_appearances(question: str) -> bool:
    """Whether ``question`` asks where or how often someone appears on the page."""
    return bool(APPEARS.search(question))


def appearances(question: str, glossary: Glossary, events: Sequence[Event]) -> list[int]:
    """The passages of ``events`` naming every person ``question`` names, when it asks where
    or how often they appear; else [].  A body named beside the person ("韩东大学学者…") is
    the person's affiliation, not a second topic."""
    persons = glossary.names(question, ("person",))
    if not persons or not asks_appearances(question):
        return []
    return [e.passage for e in events if all(p in e.names for p in persons)]
