"""The page's words in a reader's language, from real dictionaries.

The sources are read from the files their PyPI packages ship
(dictionary_sources.py).

:meth:`PageLexicon.build` keeps what the page needs: every CC-CEDICT headword
printed on the page, with its pinyin, English glosses, Korean reading (the
hanja.txt word written with the same hanja, else read character by character)
and Hán-Việt reading.  It is saved with the index (``lexicon.json``) and does
two jobs:

* cross-lingual search (:meth:`PageLexicon.terms`): the page's Chinese words an
  English, Korean, Japanese or Vietnamese question writes in its own language
  ("sanctions" → 制裁, "제재" → 制裁, "制裁" in Japanese, "trừng phạt"… only
  where the reading is Sino-Vietnamese: "chế tài" → 制裁);
* glosses (:meth:`PageLexicon.entries_in`): the words of a passage with their
  pinyin and meaning, for a reader who does not read Chinese.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from summit_qa.page.language import HAN, unmarked
from summit_qa.readers.dictionary_sources import (
    CEDICT,
    CEDICT_LINE,
    RULES_VERSION,
    SOURCES,
    LexiconError,
    by_character,
    hanja_pairs,
    package_file,
    proper_nouns,
    source_versions,
    unihan,
    vietnamese_readings,
)
from summit_qa.readers.english import STOP_EN, english_words, gloss_phrases, marked_pinyin, stem

_HAN_RUN = re.compile(f"[{HAN}]+")
# Particles and endings a Korean noun carries ("평양에서" → 평양, "제재를" → 제재).
_KOREAN_PARTICLES = re.compile(
    r"(?:에서는|에서|에게서|에게|께서|으로는|으로|로는|부터|까지|이라는|라는|이나|나|이랑|랑|과|와|은|는|이|가|을|를|의|에|도|만|로|요)$"
)
MAX_WORD = 8  # the longest headword looked for on the page, in characters


# ---------------------------------------------------------------- the lexicon
@dataclass(frozen=True)
class Word:
    """One CC-CEDICT headword printed on the page."""

    def meanings(self, most: int = 3) -> list[str]:
        """Its first English glosses, as a reader wants them (no classifiers or cross-references)."""
        out = []
        for gloss in self.english:
            if gloss.startswith(("CL:", "see ", "variant of", "old variant", "also written", "abbr. for")):
                continue
            out.append(re.sub(r"\s*\S*\|\S*\[[^\]]*\]", "", gloss).strip())
            if len(out) == most:
                break
        return out

    zh: str  # as printed (simplified)
    traditional: str
    pinyin: str  # tone marks: "huìtán"
    english: tuple[str, ...]  # the CC-CEDICT glosses
    korean: tuple[str, ...] = ()  # hangul: the hanja.txt word of the same hanja, else read by character
    vietnamese: str = ""  # Hán-Việt reading, by character ("hội đàm"); "" where a character has none


@dataclass
class PageLexicon:
    """The page's words with their readings and meanings, and the indexes that find them.

    Besides the page's own words, a foreign word may reach a page word through a
    dictionary word that means the same in English: Vietnamese "trừng phạt" is
    the Hán-Việt reading of 懲罰 (惩罚, "to punish; punishment"), which is what
    the page's 制裁 means too.  ``bridge`` holds such words (any CC-CEDICT word of
    2–4 characters whose English glosses lead to one to three page words), and
    the Korean and Vietnamese indexes are built through it as well.
    """

    words: dict[str, Word]
    simplified: dict[str, str] = field(
        default_factory=dict
    )  # a traditional / Japanese character → simplified
    bridge: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a dictionary word → page words
    korean_bridge: dict[str, tuple[str, ...]] = field(default_factory=dict)  # hangul → page words, via bridge
    korean_readings: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # hangul → page words, via hanja
    vietnamese_readings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Hán-Việt → page words
    english: dict[str, tuple[str, ...]] = field(default_factory=dict)  # stemmed phrase → page words
    # CC-CEDICT's proper nouns printed on the page, those it never prints (nor another name
    # of someone it prints), and their capitalised gloss words ("Putin"): proper_names.py.
    printed_names: frozenset[str] = frozenset()
    foreign_names: frozenset[str] = frozenset()
    foreign_name_words: frozenset[str] = frozenset()
    korean: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vietnamese: dict[str, tuple[str, ...]] = field(default_factory=dict)

    # A phrase or reading shared by more page words than this says too little (e.g. "to be").
    MAX_SENSES = 6
    MAX_BRIDGE = 3

    @classmethod
    def build(cls, page_text: str) -> PageLexicon:
        """The lexicon of ``page_text`` from the installed dictionaries (a few seconds, once
        per process and page: a rebuilt index with another model reuses it)."""
        return PageLexicon.from_json(_built(page_text))

    @classmethod
    def _build(cls, page_text: str) -> PageLexicon:
        flat = re.sub(r"\s+", "", page_text)
        candidates = {
            run[i : i + n]
            for run in _HAN_RUN.findall(flat)
            for n in range(1, MAX_WORD + 1)
            for i in range(len(run) - n + 1)
        }
        cedict: dict[str, list[tuple[str, str, list[str]]]] = {}
        with gzip.open(package_file(*CEDICT), "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                m = CEDICT_LINE.match(line)
                if m:
                    cedict.setdefault(m.group(2), []).append((m.group(1), m.group(3), m.group(4).split("/")))
        readings, simplified = unihan()
        words: dict[str, Word] = {}
        for zh in candidates & cedict.keys():
            # The common reading first: CC-CEDICT lists some proper nouns (capitalised pinyin)
            # before the word a reader meets.
            senses = sorted(cedict[zh], key=lambda sense: sense[1][:1].isupper())
            trad = senses[0][0]
            words[zh] = Word(
                zh=zh,
                traditional=trad,
                pinyin=marked_pinyin(senses[0][1]),
                english=tuple(dict.fromkeys(g for _, _, glosses in senses for g in glosses if g)),
                korean=by_character(trad, readings, "kHangul"),
                vietnamese=" ".join(by_character(trad, readings, "kVietnamese")),
            )
        lexicon = cls(words, simplified).indexed()
        # Dictionary words that mean what page words mean (through their English glosses).
        bridge: dict[str, tuple[str, ...]] = {}
        for zh, senses in cedict.items():
            if zh in words or not 2 <= len(zh) <= 4:
                continue
            reached = {
                page
                for _, _, glosses in senses
                for gloss in glosses
                for phrase in gloss_phrases(gloss)
                for page in lexicon.english.get(" ".join(stem(w) for w in phrase.split()), ())
            }
            if 1 <= len(reached) <= cls.MAX_BRIDGE:
                bridge[zh] = tuple(sorted(reached))
        lexicon.bridge = bridge

        def landing(zh: str) -> tuple[str, ...]:
            return (zh,) if zh in words and len(zh) >= 2 else bridge.get(zh, ())

        # Korean words through their hanja (simplified), Vietnamese through Hán-Việt readings.
        korean: dict[str, set[str]] = {}
        korean_bridge: dict[str, set[str]] = {}
        for hangul, hanja in hanja_pairs():
            if len(hanja) >= 2 and len(hangul) >= 2:
                zh = "".join(simplified.get(ch, ch) for ch in hanja)
                if zh in words:
                    korean.setdefault(hangul, set()).add(zh)
                for page in bridge.get(zh, ()):
                    korean_bridge.setdefault(hangul, set()).add(page)
        vietnamese: dict[str, set[str]] = {}
        traditional_of = {zh: senses[0][0] for zh, senses in cedict.items()}
        for zh in [*words, *bridge]:
            if len(zh) < 2:
                continue
            for reading in vietnamese_readings(traditional_of[zh], zh, readings):
                for page in landing(zh):
                    vietnamese.setdefault(reading, set()).add(page)
        lexicon.korean_readings = {k: tuple(sorted(v)) for k, v in korean.items()}
        lexicon.korean_bridge = {k: tuple(sorted(v)) for k, v in korean_bridge.items()}
        lexicon.vietnamese_readings = {k: tuple(sorted(v)) for k, v in vietnamese.items()}
        lexicon.printed_names, lexicon.foreign_names, lexicon.foreign_name_words = _proper_nouns(flat, cedict)
        return lexicon.indexed()

    def indexed(self) -> PageLexicon:
        """The lexicon with its English, Korean and Vietnamese indexes (re)built."""
        english: dict[str, set[str]] = {}
        korean: dict[str, set[str]] = {k: set(v) for k, v in self.korean_readings.items()}
        vietnamese: dict[str, set[str]] = {k: set(v) for k, v in self.vietnamese_readings.items()}
        for zh, word in self.words.items():
            if len(zh) < 2:
                continue  # one character is too many things at once
            for gloss in word.english:
                for phrase in gloss_phrases(gloss):
                    words = phrase.split()
                    english.setdefault(" ".join(stem(w) for w in words), set()).add(zh)
                    if len(words) > 1 and words[-1] not in STOP_EN:  # the head noun: "(human) remains"
                        english.setdefault(stem(words[-1]), set()).add(zh)
            for reading in word.korean:
                if len(reading) >= 2:
                    korean.setdefault(reading, set()).add(zh)
            if word.vietnamese and len(word.vietnamese.split()) == len(zh):
                vietnamese.setdefault(word.vietnamese.lower(), set()).add(zh)

        def keep(index: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
            return {k: tuple(sorted(v)) for k, v in index.items() if len(v) <= self.MAX_SENSES}

        self.english, self.korean, self.vietnamese = keep(english), keep(korean), keep(vietnamese)
        return self

    # ------------------------------------------------------------ search
    def terms(self, question: str, language: str) -> tuple[str, ...]:
        """The page's Chinese words ``question`` writes in its own language."""
        if language == "en":
            found = self._english_terms(question)
        elif language == "ko":
            found = self._korean_terms(question)
        elif language == "ja":
            found = self._han_terms(question)
        elif language == "vi":
            found = self._vietnamese_terms(question)
        else:
            found = []
        return tuple(dict.fromkeys(found))

    def _korean_terms(self, question: str) -> list[str]:
        """Korean words written with the page's hanja: a reading of three syllables or more
        anywhere in a word ("정상회담" holds 회담's reading... of two only at a word's start),
        a word reached through the bridge only as the whole word, its particles taken off."""
        found: list[str] = []
        for token in re.findall(r"[\uac00-\ud7af]+", question):
            stem_ = _KOREAN_PARTICLES.sub("", token) or token
            for reading, zhs in self.korean.items():
                if (
                    (len(reading) >= 3 and reading in token)
                    or token.startswith(reading)
                    or stem_.endswith(reading)
                ):
                    found.extend(zhs)
            found.extend(self.korean_bridge.get(stem_, ()))
        return found

    def _english_terms(self, question: str) -> list[str]:
        stems = [stem(w) for w in english_words(question)]
        used = [False] * len(stems)
        found: list[str] = []
        for n in (3, 2, 1):  # longest phrases first; a word serves one phrase
            for i in range(len(stems) - n + 1):
                if any(used[i : i + n]):
                    continue
                if n == 1 and english_words(question)[i] in STOP_EN:
                    continue
                zhs = self.english.get(" ".join(stems[i : i + n]))
                if zhs:
                    found.extend(zhs)
                    used[i : i + n] = [True] * n
        return found

    def _han_terms(self, question: str) -> list[str]:
        """Japanese kanji words printed on the page, in simplified form ("会談" → 会谈), or
        meaning what a page word means ("首脳会談" → 首脑会谈 → "summit" → 会晤)."""
        text = "".join(self.simplified.get(ch, ch) for ch in question)
        found = []
        for run in _HAN_RUN.findall(text):
            for n in range(min(MAX_WORD, len(run)), 1, -1):
                for i in range(len(run) - n + 1):
                    part = run[i : i + n]
                    found += [part] if part in self.words else list(self.bridge.get(part, ()))
        return found

    def _vietnamese_terms(self, question: str) -> list[str]:
        """Sino-Vietnamese readings of page words; typed without marks ("thuong dinh"), the
        readings without theirs (of two syllables or more: one alone is too many words)."""
        text = " " + " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", question.lower()))) + " "
        readings = self.vietnamese if text != unmarked(text) else self.unmarked_vietnamese
        return [zh for reading, zhs in readings.items() if f" {reading} " in text for zh in zhs]

    @functools.cached_property
    def unmarked_vietnamese(self) -> dict[str, tuple[str, ...]]:
        merged: dict[str, set[str]] = {}
        for reading, zhs in self.vietnamese.items():
            merged.setdefault(unmarked(reading) if " " in reading else reading, set()).update(zhs)
        return {k: tuple(sorted(v)) for k, v in merged.items() if len(v) <= self.MAX_SENSES}

    def near_synonyms(self, zh: str, shared: int = 2) -> tuple[str, ...]:
        """Page words meaning what ``zh`` means: sharing at least ``shared`` English gloss
        phrases with it (问题 and 议题 share "issue" and "topic"; 发表 shares only "issue",
        in another sense, so one shared phrase is not enough)."""
        word = self.words.get(zh)
        if word is None:
            return ()

        def phrases(w: Word) -> set[str]:
            return {" ".join(stem(x) for x in ph.split()) for g in w.english for ph in gloss_phrases(g)}

        mine = phrases(word)
        reached = {other for ph in mine for other in self.english.get(ph, ()) if other != zh}
        return tuple(sorted(o for o in reached if len(mine & phrases(self.words[o])) >= shared))

    # ------------------------------------------------------------ glosses
    @functools.cached_property
    def _korean_words(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for hangul, zhs in sorted(self.korean_readings.items()):
            for zh in zhs:
                out.setdefault(zh, hangul)
        return out

    def korean_word(self, zh: str) -> str | None:
        """The Korean word written with ``zh``'s hanja (hanja.txt), if there is one: 制裁 → 제재."""
        return self._korean_words.get(zh)

    def entries_in(self, text: str) -> list[tuple[int, Word]]:
        """The words of ``text`` by greedy longest match, with where each starts."""
        out: list[tuple[int, Word]] = []
        i = 0
        while i < len(text):
            for n in range(min(MAX_WORD, len(text) - i), 0, -1):
                word = self.words.get(text[i : i + n])
                if word:
                    out.append((i, word))
                    i += n
                    break
            else:
                i += 1
        return out

    # ------------------------------------------------------------ persistence
    def to_json(self) -> bytes:
        payload = {
            "words": [asdict(w) for w in self.words.values()],
            "simplified": self.simplified,
            "bridge": self.bridge,
            "korean_readings": self.korean_readings,
            "korean_bridge": self.korean_bridge,
            "vietnamese_readings": self.vietnamese_readings,
            "printed_names": sorted(self.printed_names),
            "foreign_names": sorted(self.foreign_names),
            "foreign_name_words": sorted(self.foreign_name_words),
        }
        return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> PageLexicon:
        raw = json.loads(data.decode("utf-8"))
        words = {}
        for w in raw["words"]:
            words[w["zh"]] = Word(
                w["zh"],
                w["traditional"],
                w["pinyin"],
                tuple(w["english"]),
                tuple(w["korean"]),
                w["vietnamese"],
            )
        lexicon = cls(
            words,
            dict(raw["simplified"]),
            {k: tuple(v) for k, v in raw["bridge"].items()},
            {k: tuple(v) for k, v in raw["korean_bridge"].items()},
            {k: tuple(v) for k, v in raw["korean_readings"].items()},
            {k: tuple(v) for k, v in raw["vietnamese_readings"].items()},
        )
        lexicon.printed_names = frozenset(raw.get("printed_names", ()))
        lexicon.foreign_names = frozenset(raw.get("foreign_names", ()))
        lexicon.foreign_name_words = frozenset(raw.get("foreign_name_words", ()))
        return lexicon.indexed()


def _proper_nouns(page_text: str, cedict: dict) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """CC-CEDICT's proper nouns the page prints; those it does not print and whose gloss
    names no one it prints (川普 is "surname Trump"); the gloss words that name only such."""
    proper = proper_nouns(cedict)
    printed = frozenset(zh for zh in proper if zh in page_text)
    page_words = {w for zh in printed for w in proper[zh]}
    foreign = frozenset(zh for zh, words in proper.items() if zh not in printed and not words & page_words)
    by_word: dict[str, set[str]] = {}
    for zh, words in proper.items():
        for w in words:
            by_word.setdefault(w, set()).add(zh)
    name_words = frozenset(w for w, heads in by_word.items() if w not in page_words and heads <= foreign)
    return printed, foreign, name_words


@functools.lru_cache(maxsize=4)
def _built(page_text: str) -> bytes:
    return PageLexicon._build(page_text).to_json()


__all__ = ["RULES_VERSION", "SOURCES", "LexiconError", "PageLexicon", "Word", "source_versions"]
