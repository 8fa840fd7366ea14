"""Misspelt English words ("anounce", "leter", "sanctoins") as the dictionary writes them.

A word of an English question that no CC-CEDICT gloss writes (nor a form of one: "summits")
and that is no name of the glossary is read as the dictionary word one edit away (two from seven letters; a swap of
two letters is one edit).  When several are that close, the one that glosses a word of
the page wins ("leter": letter, not later or meter), after a word the typed one lacks one
letter of a pair of ("arive": arrive, not drive or arise) or has two letters of swapped
("exprets": experts, not express); when that still leaves more than
one, the word is left as typed.  Chat spellings too short for that ("wat", "abt") are
read from a table.  Names are
fix_spelling's (normalize.py); an unmarked Vietnamese syllable is left alone.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from summit_qa.page.names import Glossary
from summit_qa.readers.dictionary_sources import vietnamese_syllables
from summit_qa.readers.english import common_english, stem

SHORTEST = 4
_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
# Chat spellings of common words, too short for the edit distance to read ("wat did kim say",
# "wen did u arrive"); one that is also a Vietnamese syllable ("u", "tho") is left as typed.
CHAT = {
    **dict.fromkeys(("wat", "wut", "wot", "wht"), "what"),
    **dict.fromkeys(("wen", "whn"), "when"),
    **dict.fromkeys(("wer", "whr"), "where"),
    "hw": "how",
    "u": "you",
    "ur": "your",
    "r": "are",
    **dict.fromkeys(("abt", "bout"), "about"),
    "teh": "the",
    **dict.fromkeys(("pls", "plz"), "please"),
    **dict.fromkeys(("thx", "thnx"), "thanks"),
    **dict.fromkeys(("bc", "cuz", "coz"), "because"),
    "b4": "before",
}
_CHAT = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(CHAT, key=len, reverse=True)) + r")(?![\w'’-])")


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted(common_english()))


@functools.lru_cache(maxsize=1)
def _stems() -> frozenset[str]:
    """The stems of the dictionary's words: "summits" and "talked" are words, not typos."""
    return frozenset(stem(w) for w in common_english())


def correction(word: str, page_words: frozenset[str] = frozenset()) -> str | None:
    """The dictionary word ``word`` (lower case) is a misspelling of, or None."""
    allowed = 1 if len(word) < 7 else 2
    near = process.extract(word, _vocabulary(), scorer=OSA.distance, score_cutoff=allowed, limit=50)
    if not near:
        return None
    best = min(d for _, d, _ in near)
    closest = [w for w, d, _ in near if d == best]
    # one letter of a pair typed once ("arive", "comited"): the commonest slip of all
    doubled = [
        w for w in closest if any(w[:i] + w[i + 1 :] == word for i in range(1, len(w)) if w[i] == w[i - 1])
    ]
    # two letters typed in each other's place ("exprets"): the next commonest
    swapped = [w for w in closest if len(w) == len(word) and _swap_of(word, w)]
    likeliest = doubled or swapped or closest
    on_page = [w for w in likeliest if stem(w) in page_words]
    pick = on_page or likeliest
    return pick[0] if len({stem(w) for w in pick}) == 1 else None


def _swap_of(typed: str, word: str) -> bool:
    """``typed`` is ``word`` with two neighbouring letters swapped."""
    return any(typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] == word for i in range(len(typed) - 1))


def _compound(word: str) -> bool:
    """Two dictionary words of three letters or more written as one ("rundown", "showdown",
    "lineup"): an English word the dictionary's glosses do not write, not a typo."""
    known = common_english()
    return any(word[:i] in known and word[i:] in known for i in range(3, len(word) - 2))


def fix_english(text: str, glossary: Glossary, page_words: frozenset[str] = frozenset()) -> str:
    """``text`` with its misspelt lower-case English words corrected (see the module)."""
    known = common_english()
    names = glossary.latin_words()
    syllables = vietnamese_syllables()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in known or word in names or word in syllables or stem(word) in _stems():
            return word
        # "cancelled", "travelled": the dictionary's spelling with one letter of a pair
        single = [
            w
            for i in range(1, len(word))
            if word[i] == word[i - 1] and (w := word[:i] + word[i:][1:]) in known
        ]
        if single:
            return single[0]
        return word if _compound(word) else correction(word, page_words) or word

    text = _CHAT.sub(lambda m: m.group(0) if m.group(0) in syllables else CHAT[m.group(0)], text)
    return _WORD.sub(fix, text)
