"""Glosses: a quoted passage explained word by word in the reader's language.

The passage stays verbatim (it is the evidence); beside it a reader without
Chinese gets what a popup dictionary gives a learner: its names, dates and key
terms, each with its pinyin and meaning.  Names come from the glossary (the
reader's own spelling: Kim Jong Un, 김정은, キム・ジョンウン); dates from the
resolver (ISO); terms from CC-CEDICT through the page lexicon, with the
Korean reading where hanja.txt knows the word (제재 for 制裁), the Hán-Việt
reading for Vietnamese readers (hội đàm for 会谈) and the traditional form for
Japanese readers (會談), each followed by the English meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summit_qa.page.dates import DateContext, resolve
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.dictionaries import PageLexicon

MOST_ITEMS = 12  # per passage: a gloss is a help, not a second text
COMMON = 6  # a word printed in more passages than this is too common to explain


@dataclass(frozen=True)
class GlossItem:
    text: str  # as printed in the passage
    reading: str  # pinyin ("" for a date)
    meaning: str  # in the reader's language
    kind: str  # "name", "date" or "term"

    def line(self) -> str:
        """The item as one line of plain text: ``金正恩 (Jīn Zhèng'ēn) — Kim Jong Un``."""
        reading = f" ({self.reading})" if self.reading else ""
        return f"{self.text}{reading} — {self.meaning}"


def gloss(
    passage: Passage, language: str, lexicon: PageLexicon, glossary: Glossary, frequency: dict[str, int]
) -> list[GlossItem]:
    """The names, dates and key terms of ``passage`` for a reader of ``language``, in the order
    they stand in the text.  ``frequency``: in how many passages of the page each word stands."""
    text = re.sub(r"\s+", "", passage.text)
    found: list[tuple[int, GlossItem]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for zh in glossary.names(text):
        start = text.find(zh)
        if start < 0 or not free(start, start + len(zh)):
            continue
        word = lexicon.words.get(zh)
        shown = glossary.display(zh, language) or (word.meanings(1)[0] if word and word.meanings(1) else None)
        if shown:
            found.append((start, GlossItem(zh, word.pinyin if word else "", shown, "name")))
            taken.append((start, start + len(zh)))
    year = int(passage.date[:4]) if passage.date else 0
    context = DateContext(reference=dt.date.fromisoformat(passage.published), year=year)
    for mention in resolve(text, context):
        if free(mention.start, mention.end) and len(mention.iso) >= 7:
            found.append((mention.start, GlossItem(mention.surface, "", mention.iso, "date")))
            taken.append((mention.start, mention.end))
    for start, word in lexicon.entries_in(text):
        end = start + len(word.zh)
        if len(word.zh) < 2 or not free(start, end) or frequency.get(word.zh, 0) > COMMON:
            continue
        meaning = term_meaning(word.zh, language, lexicon)
        if meaning:
            found.append((start, GlossItem(word.zh, word.pinyin, meaning, "term")))
            taken.append((start, end))
    found.sort(key=lambda item: item[0])
    names_and_dates = [item for _, item in found if item.kind != "term"]
    terms = [item for _, item in found if item.kind == "term"][: max(0, MOST_ITEMS - len(names_and_dates))]
    keep = {id(item) for item in names_and_dates + terms}
    return [item for _, item in found if id(item) in keep]


def term_meaning(zh: str, language: str, lexicon: PageLexicon) -> str:
    """A common word's meaning for a reader of ``language``: English from CC-CEDICT, with
    the Korean word written with its hanja, its Hán-Việt reading, or its traditional form."""
    word = lexicon.words[zh]
    english = "; ".join(word.meanings(2))
    if not english:
        return ""
    if language == "ko":
        korean = lexicon.korean_word(zh)
        return f"{korean} ({word.traditional}) · {english}" if korean else english
    if language == "vi" and word.vietnamese:
        return f"{word.vietnamese} · {english}"
    if language == "ja" and word.traditional != zh:
        return f"{word.traditional} · {english}"
    return english


def page_frequency(passages: list[Passage], lexicon: PageLexicon) -> dict[str, int]:
    """In how many passages each page word stands (the glosses skip the commonest)."""
    counts: dict[str, int] = {}
    for p in passages:
        for zh in {w.zh for _, w in lexicon.entries_in(re.sub(r"\s+", "", p.text))}:
            counts[zh] = counts.get(zh, 0) + 1
    return counts
