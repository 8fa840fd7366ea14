"""Names a question writes that the page never prints, as CC-CEDICT knows them.

A question about Putin, Abe or Beijing is not about this page, however close its
words come to a passage ("金正恩 普京 会面 时间" is near the page's meetings).
CC-CEDICT writes a proper noun's pinyin capitalised (普京 [Pu3 jing1] "Vladimir
Putin"), so its proper nouns find the people, places and bodies a question names:

* in Chinese, traditional characters or Japanese kanji, as headwords (longest
  first, after the question is turned into the page's simplified forms; a word the
  page prints is read as itself, so "这篇报道里" holds no 道里);
* in Latin letters (English, Vietnamese), as a capitalised word of a proper
  noun's gloss ("Putin", "Jinping"), when the word is no common English word,
  no word of the glossary's names, no month or weekday, and no single Vietnamese
  syllable ("Cho", "dinh": a Vietnamese word, typed with or without its marks).

A name is on the page when its Chinese form is printed there, the glossary knows
it, or its gloss names someone the page names (川普 is "surname Trump").  A
three-character name typed with one character of its given name swapped for one
that sounds the same ("文在音" for 文在寅) is that name; other typos, Korean and
katakana spellings leave the question to the refusal floors.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from summit_qa.page.names import Glossary
from summit_qa.readers.dictionaries import PageLexicon
from summit_qa.readers.english import common_english

LONGEST = 8  # characters of the longest headword looked for
_WORD = re.compile(r"[^\W\d_]+")
# Month and weekday names the dictionaries file as proper nouns ("十月", "一月", "周一",
# "星期日"): a reader's date, not a name.
_HAN_CALENDAR = re.compile(
    r"[〇零一二三四五六七八九十两]{1,3}月|腊月|冬月|正月|(?:周|星期|礼拜)[一二三四五六日天]"
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# One Vietnamese syllable written without marks: an onset, a vowel group, an ending.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|tr|th|ph|kh|gh|gi|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


def _bare(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class PageNames:
    """The proper nouns the page's lexicon keeps (built with the index, so a question reads
    no dictionary file), and the glossary's names."""

    printed: frozenset[str]  # proper nouns printed on the page
    foreign: frozenset[str]  # proper nouns it never prints, nor another name of someone it prints
    foreign_words: frozenset[str]  # capitalised gloss words that name only such ("Putin")
    glossary: Glossary
    alias_words: frozenset[str]  # every Latin word of the glossary's names, lower case
    bylines: tuple[str, ...] = ()  # names the page prints outside its paragraphs: agencies (中新社)
    page_words: frozenset[str] = frozenset()  # the page's own words: "报道里" is 报道, not 道里

    @classmethod
    def of(cls, lexicon: PageLexicon, glossary: Glossary, bylines: tuple[str, ...] = ()) -> PageNames:
        found = (lexicon.printed_names, lexicon.foreign_names, lexicon.foreign_name_words)
        return cls(
            *found,
            glossary,
            glossary.latin_words(),
            tuple(sorted(set(bylines), key=len, reverse=True)),
            frozenset(w for w in lexicon.words if len(w) >= 2),
        )

    def off_page(self, question: str, language: str) -> tuple[str, ...]:
        """The names ``question`` writes that the page never prints, as written."""
        from summit_qa.readers.normalize import to_simplified  # OpenCC loads on first use

        text = to_simplified(self.glossary.page_forms(question))
        for byline in self.bylines:  # "新社" inside 中新社 is no name of its own
            text = text.replace(byline, "|")
        for name in self.glossary.names(text):  # "亨氏" across "金峻亨氏" is no name of its own
            text = text.replace(name, "|")
        found = self._han(text)
        found += sound_alike_names(text, self.foreign, self.page_words) if not found else []
        found += [name for name in han_titled(text) if name not in self.page_words] if not found else []
        found += self._latin(question, language)
        found += [name for name, _ in korean_titled(question, self.glossary)]
        return tuple(dict.fromkeys(found))

    def _han(self, text: str) -> list[str]:
        found, i = [], 0
        while i < len(text):
            for n in range(min(LONGEST, len(text) - i), 1, -1):
                word = text[i : i + n]
                if word in self.printed or word in self.foreign or word in self.page_words:
                    if (
                        word in self.foreign
                        and not self.glossary.names(word)
                        and not _HAN_CALENDAR.fullmatch(word)
                    ):
                        found.append(word)
                    i += n
                    break
            else:
                i += 1
        return found

    def _latin(self, question: str, language: str) -> list[str]:
        found = []
        for word in _WORD.findall(question):
            lower = word.lower()
            if len(word) < 3 or not word.isascii() or lower in _CALENDAR or lower in self.alias_words:
                continue
            title = word[:1].upper() + word[1:].lower()
            if title not in self.foreign_words and word not in self.foreign_words:
                continue
            # one Vietnamese syllable: a Vietnamese word, typed with or without its marks in a
            # question of any detected language ("hoi nghi thuong dinh …" reads as English)
            if lower in common_english() or _SYLLABLE.fullmatch(_bare(lower)):
                continue
            found.append(word)
        return found


# Words that make an office, not a person ("국가 주석", "국방 장관").
_OFFICE_WORDS = frozenset(
    "국가 국무 국방 외교 재무 재정 행정 통일 법무 상무 정부 내각 최고 대외 당 부 전 현 공동 특별 대변인".split()
)
# A Korean name (2–4 syllables, as a word of its own) before the title it holds.
_KOREAN_TITLED = re.compile(
    r"(?<![\uac00-\ud7a3])(?P<name>[\uac00-\ud7a3]{2,4})\s*"
    r"(?:총리|주석|대통령|국무장관|장관|부위원장|위원장|여사|특사|외무상|국왕|수상|총서기)(?![\uac00-\ud7a3]{2})"
)


def korean_titled(question: str, glossary) -> list[tuple[str, tuple[int, int]]]:
    """Korean names before the title they hold ("아베 총리", "문재인 대통령"; not an office,
    "국가 주석") that the glossary does not know, with where they stand."""
    found = []
    for m in _KOREAN_TITLED.finditer(question):
        name = m.group("name")
        if not glossary.names(name) and name not in _OFFICE_WORDS:
            found.append((name, m.span("name")))
    return found


# A Chinese name after the title it holds ("外相李勇浩", "部长王毅说"): a common surname, then one
# or two characters of a given name, then a word that follows a name (说, 对, 在 …) or the end.
_HAN_TITLED = re.compile(
    r"(?:外相|外长|外交部长|外务相|总统|总理|首相|主席|国务卿|部长|大使|发言人|委员长|特使|议员|国王|"
    r"总书记|室长|局长|顾问|司令|将军|学者|研究员|教授|分析师)"
    r"(?P<name>[李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢"
    r"蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷"
    r"钱汤尹黎易常武乔贺赖龚文朴申权安柳洪全裴南卢河成车具禹辛闵玄]"
    r"[^\s\W\d说对在和与的是也曾将就称会表访到去了吗呢跟同及等有认觉谈讲做怎为何哪]{1,2})"
    # and a word that may follow a name, or the end: "总统高度评价" holds no name
    r"(?=[说对在和与的是也曾将就称会表访到去了吗呢跟同及等有认觉谈讲做怎为何哪，。？！?!、,\s]|$)"
)


def han_titled(text: str) -> list[str]:
    """Chinese names after the title they hold: whoever the page never prints is not its."""
    return [m.group("name") for m in _HAN_TITLED.finditer(text)]


@functools.lru_cache(maxsize=2)
def _by_surname(foreign: frozenset[str]) -> dict[tuple[str, int, str], tuple[str, ...]]:
    """The three-character names the page never prints, by surname, a position of the given
    name and the character at the other position."""
    index: dict[tuple[str, int, str], list[str]] = {}
    for name in foreign:
        if len(name) == 3 and all("\u4e00" <= c <= "\u9fff" for c in name):
            index.setdefault((name[0], 1, name[2]), []).append(name)
            index.setdefault((name[0], 2, name[1]), []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def sound_alike_names(text: str, foreign: frozenset[str], page_words: frozenset[str]) -> list[str]:
    """Three characters typed for a name the page never prints, one character of the given
    name swapped for another that sounds the same, as a pinyin keyboard does ("文在音" for 文在寅):
    the name it was meant to be.  Surname and the other character must be the name's own; a
    run the page prints is itself."""
    from summit_qa.readers.normalize import sounds_alike  # the readings load on first use

    index = _by_surname(foreign)
    found = []
    for i in range(len(text) - 2):
        run = text[i : i + 3]
        if not all("\u4e00" <= c <= "\u9fff" for c in run):
            continue
        for k in (1, 2):
            for name in index.get((run[0], k, run[3 - k]), ()):
                typo = name[k] != run[k] and sounds_alike(name[k], run[k])
                if typo and not any(run in w for w in page_words):
                    found.append(name)
    return list(dict.fromkeys(found))
