"""How often a person appears on the page ("金峻亨在分析里出现了几次？", "How many times is
Yang Xiyu quoted?"): every passage naming them, in page order; and how often it mentions a
thing ("the joint statement"): every passage printing the page's word for it.

A count or list of someone's appearances asks for no kind of event and no period: the
person is the whole topic, so no relevance cut applies (a cut keeps only the passages
closest to the question's wording, and "quoted" is close to none of them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from summit_qa.answering.actions import asked_actions
from summit_qa.page.events import EVENT_NOUNS, Event
from summit_qa.page.names import Glossary
from summit_qa.retrieval.bm25 import jieba_tokens

# Words that ask where or how often someone appears, is quoted or mentioned, per language.
APPEARS = re.compile(
    r"出现|出場|出场|提到|提及|引用|引述|露面|被引|"
    r"\b(?:quoted|cited|mention(?:s|ed)?|appears?|appeared|shows? up|comes? up|named)\b|"
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


# Words that point at the page or ask how often, not what is mentioned ("文章里几次提到制裁").
_SCAFFOLD = re.compile(
    r"文章|报道|这版|本版|版面|页面|大事记|分析|一共|总共|几次|多少|提到|提及|出现|这篇|全文"
)


def mentioned_words(question: str, terms: Sequence[str], printed: Callable[[str], bool]) -> tuple[str, ...]:
    """The page's words for the thing a question asks the mentions of ("联合声明", "the joint
    statement" → 联合声明): the longest of its page ``terms`` and, in a Chinese question, of
    its own words the page prints (``printed``), none that only point at the page."""
    words = [t for t in terms if len(t) >= 2]
    if re.search(r"[\u4e00-\u9fff]", question):
        words += [w for w in jieba_tokens(question) if len(w) >= 2 and printed(w)]
    words = [w for w in dict.fromkeys(words) if not _SCAFFOLD.search(w)]
    longest = max((len(w) for w in words), default=0)
    return tuple(w for w in words if len(w) == longest)


def mentions(question: str, terms: Sequence[str], texts: Sequence[str], glossary: Glossary) -> list[int]:
    """Every passage printing the thing a question asks how often (or where) the page mentions,
    when it names no person (``appearances`` counts those); else []."""
    if glossary.names(question, ("person",)) or not asks_appearances(question):
        return []
    if set(asked_actions(question)) & set(EVENT_NOUNS):  # "联合军演提到几次": the drills, however written
        return []
    page = "".join(texts)
    words = mentioned_words(question, terms, lambda w: w in page)
    return [i for i, t in enumerate(texts) if words and all(w in t for w in words)]


def names_something(question: str, glossary: Glossary, terms: Sequence[str]) -> bool:
    """A set question about something the page names: a name of the glossary, or a word of
    the page asked the mentions of ("联合声明这版上出现了几次？")."""
    return bool(
        glossary.names(question, ("person", "body", "place")) or (asks_appearances(question) and terms)
    )
