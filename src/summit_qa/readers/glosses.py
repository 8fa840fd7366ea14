"""Glosses: a quoted passage explained word by word in the reader's language.

The passage stays verbatim (it is the evidence); beside it a reader without
Chinese gets what a popup dictionary gives a learner: its names, dates and key
terms, each with its pinyin and meaning.  Names come from the glossary (the
reader's own spelling: Kim Jong Un, 김정은, キム・ジョンウン); dates from the
resolver (ISO); terms from CC-CEDICT through the page lexicon, with the
Korean reading where hanja.txt knows the word (제재 for 制裁), the Hán-Việt
reading for Vietnamese readers (hội đàm for 会谈) and the traditional form for
Japanese readers (會談), each followed by the English meaning.

A term is the longest dictionary word that covers it in the passage (where
CC-CEDICT has 最高领导人 it is glossed whole).  Its senses are CC-CEDICT's,
compactly, the ones its place points to first: a sense whose English words the
question uses, or the dictionary entries of the words beside it in the same
clause (最高 beside 金正恩, "supreme leader of North Korea", reads "supreme";
"tallest" and "highest" follow).  Where nothing points, every common sense is
listed, so the one the page means is among them (进行: "to advance, conduct,
carry out…").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summit_qa.page.dates import DateContext, resolve
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage
from summit_qa.readers.dictionaries import MAX_WORD, PageLexicon, Word
from summit_qa.readers.english import STOP_EN, english_words, stem

MOST_ITEMS = 12  # per passage: a gloss is a help, not a second text
COMMON = 6  # a word printed in more passages than this is too common to explain
MOST_SENSES = 6  # senses listed for one term
NEIGHBOURS = 2  # words on each side, in the same clause, whose entries point to a sense
_CLAUSE = re.compile(r"[，。；：、！？“”‘’《》（）「」,.;:!?()]")
# A sense naming a place, a person or a dynasty ("Youhao district of Yichun city"), or a
# regional pronunciation: shown only when the word has no common sense.
_PROPER = re.compile(r"(?:^|\s)[A-Z]|\[|\bpr\.")


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
    passage: Passage,
    language: str,
    lexicon: PageLexicon,
    glossary: Glossary,
    frequency: dict[str, int],
    question: str = "",
) -> list[GlossItem]:
    """The names, dates and key terms of ``passage`` for a reader of ``language``, in the order
    they stand in the text.  ``frequency``: in how many passages of the page each word stands;
    ``question``: what the reader asked (its English words point to a term's sense)."""
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
    words = longest_words(text, lexicon)
    asked = sense_words(question)
    for k, (start, word) in enumerate(words):
        end = start + len(word.zh)
        if not free(start, end) or frequency.get(word.zh, 0) > COMMON:
            continue
        meaning = term_meaning(word.zh, language, lexicon, asked | _context(text, words, k))
        if meaning:
            found.append((start, GlossItem(word.zh, word.pinyin, meaning, "term")))
            taken.append((start, end))
    found.sort(key=lambda item: item[0])
    names_and_dates = [item for _, item in found if item.kind != "term"]
    terms = [item for _, item in found if item.kind == "term"][: max(0, MOST_ITEMS - len(names_and_dates))]
    keep = {id(item) for item in names_and_dates + terms}
    return [item for _, item in found if id(item) in keep]


def longest_words(text: str, lexicon: PageLexicon) -> list[tuple[int, Word]]:
    """The dictionary words of ``text`` (two characters or more), each place taken by the
    longest word that covers it (在华盛顿: 华盛顿, not 在华), in the order they stand."""
    found = [
        (start, lexicon.words[text[start : start + n]])
        for start in range(len(text))
        for n in range(2, min(MAX_WORD, len(text) - start) + 1)
        if text[start : start + n] in lexicon.words
    ]
    found.sort(key=lambda item: (-len(item[1].zh), item[0]))
    taken: list[tuple[int, Word]] = []
    for start, word in found:
        end = start + len(word.zh)
        if all(end <= s or start >= s + len(w.zh) for s, w in taken):
            taken.append((start, word))
    return sorted(taken, key=lambda item: item[0])


def sense_words(english: str) -> set[str]:
    """The content words of an English text or gloss, stemmed (notes in brackets left out)."""
    english = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", english)
    return {stem(w) for w in english_words(english) if w not in STOP_EN and len(w) >= 3}


def _context(text: str, words: list[tuple[int, Word]], k: int) -> set[str]:
    """The English of the dictionary entries of the words beside word ``k`` in its clause."""
    start = words[k][0]
    near: list[Word] = []
    for side in (range(k + 1, len(words)), range(k - 1, -1, -1)):
        for j in list(side)[:NEIGHBOURS]:
            a, b = sorted((start, words[j][0]))
            if _CLAUSE.search(text[a:b]):
                break
            near.append(words[j][1])
    return {w for word in near for gloss in word.english for w in sense_words(gloss)}


def senses(word: Word) -> list[str]:
    """The word's senses as a reader wants them: CC-CEDICT's glosses cut at their semicolons,
    without classifiers and cross-references; names of places and the like only where the
    word has no common sense."""
    every = list(
        dict.fromkeys(part.strip() for g in word.meanings(20) for part in g.split(";") if part.strip())
    )
    common = [s for s in every if not _PROPER.search(s)]
    return common or every[:2]


def _compact(listed: list[str]) -> str:
    """Senses in a line: the verbs after one "to" ("to advance, conduct, carry out"), the
    rest as they are, at most ``MOST_SENSES``."""
    parts: list[str | list[str]] = []
    verbs: list[str] | None = None
    for sense in listed[:MOST_SENSES]:
        if sense.startswith("to "):
            if verbs is None:
                verbs = []
                parts.append(verbs)
            verbs.append(sense[3:])
        else:
            parts.append(sense)
    line = "; ".join(f"to {', '.join(p)}" if isinstance(p, list) else p for p in parts)
    return line + ("…" if len(listed) > MOST_SENSES else "")


def english_meaning(word: Word, evidence: set[str] = frozenset()) -> str:
    """The English line of a term: its senses compactly, those ``evidence`` (stemmed English
    words of the question and of the entries beside it) points to first."""
    listed = senses(word)
    if len(listed) > 1:  # a note in brackets belongs to one use ("supreme (court etc)")
        listed = list(dict.fromkeys(re.sub(r"\s*\([^)]*\)", "", s).strip() or s for s in listed))
    fits = [s for s in listed if sense_words(s) & evidence]
    if fits and len(fits) < len(listed):
        rest = [s for s in listed if s not in fits]
        return f"{_compact(fits)} (also {_compact(rest)})"
    return _compact(listed)


def term_meaning(zh: str, language: str, lexicon: PageLexicon, evidence: set[str] = frozenset()) -> str:
    """A common word's meaning for a reader of ``language``: English from CC-CEDICT (see
    :func:`english_meaning`), with the Korean word written with its hanja, its Hán-Việt
    reading, or its traditional form."""
    word = lexicon.words[zh]
    english = english_meaning(word, evidence)
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
