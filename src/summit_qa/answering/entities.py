"""Names a question writes that the page never mentions ("Xi Jinping", "文在寅", "プーチン").

A question about a set of events involving someone the page does not name is
refused like any other off-page question, not answered with the page's other
events.  Found three ways, each a general class: a proper noun that jieba tags
in Chinese (person, place, organisation) absent from the page; a capitalised
Latin word outside every glossary name that the dictionaries do not know as an
English word; a katakana word outside every glossary name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from summit_qa.page.names import Glossary
from summit_qa.readers.dictionary_sources import cedict_tables
from summit_qa.readers.english import common_english, stem
from summit_qa.readers.proper_names import korean_titled

_PROPER = ("nr", "ns", "nt", "nrfg", "nrt")
_CAPITALISED = re.compile(r"(?<![\w'’\-–])[A-Z][a-z]+(?:-[A-Za-z]+)*")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun".split()
)
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
# Loanwords a reader writes about a page and its stories, not names: a katakana word the
# glossary does not hold is a name the page never prints unless it is one of these.
_LOANWORDS = frozenset(
    "コメント リスト リストアップ ポイント ニュース テーマ トピック メディア サミット イベント スケジュール "
    "メンバー タイミング タイトル ページ レポート データ アップ ツアー ルート プラン スピーチ メッセージ "
    "インタビュー コラム キーワード ストーリー テキスト ソース".split()
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def _posseg():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def _misread_phrase(before: str, word: str) -> bool:
    """A "name" cut across a phrase: its first character closes a word of the dictionary with
    the one before it and the rest is a word ("这段时间" cut as 这 / 段时间, read as a
    surname 段): jieba's tag, not a name."""
    freq = _posseg().dt.tokenizer.FREQ
    return bool(before) and bool(freq.get(before + word[0])) and bool(freq.get(word[1:]))


# Modifiers jieba folds into a "name" with the noun after them ("新进展" tagged nt).
_MODIFIERS = re.compile(r"^(?:最新|新|最|大|小|其他|其它|更多|主要|重大|具体)")


def _modified_page_word(word: str, page_text: str) -> bool:
    """``word`` is a modifier and a word the page prints ("新进展": new 进展), not a name."""
    m = _MODIFIERS.match(word)
    rest = word[m.end() :] if m else ""
    return len(rest) >= 2 and rest in page_text


def _covered(question: str, glossary: Glossary) -> list[tuple[int, int]]:
    """The spans of every glossary name the question writes."""
    return [m.span() for pattern, _ in glossary.aliases for m in pattern.finditer(question)]


def _outside(span: tuple[int, int], covered: Iterable[tuple[int, int]]) -> bool:
    return not any(a <= span[0] and span[1] <= b for a, b in covered)


def _same_name(word: str, page_names: frozenset[str]) -> bool:
    """The dictionary's name for ``word`` is one the page's own words carry too (an
    abbreviation: 中情局 is "CIA", as 中央情报局 is)."""
    name = cedict_tables().names.get(word, frozenset())
    return bool(name) and name <= page_names


def _abbreviates(word: str, glossary: Glossary) -> bool:
    """``word`` joins the first characters of the page's places ("美韩" is 美国 and 韩国,
    "朝美" 朝鲜 and 美国): a short form of names the page writes in full."""
    places = [n for n, kind in glossary.types.items() if kind == "place" and len(n) >= 2]
    return len(word) <= 4 and all(any(p.startswith(c) for p in places) for c in word)


def off_page_names(
    question: str,
    language: str,
    page_text: str,
    glossary: Glossary,
    english: Iterable[str],
    page_names: frozenset[str] = frozenset(),
) -> list[str]:
    """The names ``question`` writes that the page never mentions; ``english``: the
    stemmed English words the dictionaries know for the page's words; ``page_names``: the
    capitalised words of their glosses.  jieba reads Chinese questions only."""
    covered = _covered(question, glossary)
    known = set(english) | _MONTHS | glossary.latin_words()
    found = []
    if language in ("zh", "zh-Hant") and _HAN.search(question):
        at = 0
        for word, flag in _posseg().cut(question):
            before, at = question[at - 1 : at] if at else "", at + len(word)
            if flag not in _PROPER or len(word) < 2 or word in page_text or glossary.names(word):
                continue
            if _misread_phrase(before, word):
                continue
            if _abbreviates(word, glossary) or _modified_page_word(word, page_text):
                continue
            if not _same_name(word, page_names):
                found.append(word)
    for m in _CAPITALISED.finditer(question):
        if m.start() == 0 or not _outside(m.span(), covered):
            continue  # the first word of a sentence is capitalised anyway
        word = m.group(0)
        lower = word.lower()
        if stem(lower) not in known and lower not in known and lower not in common_english():
            found.append(word)
    for m in _KATAKANA.finditer(question):
        if _outside(m.span(), covered) and m.group(0) not in _LOANWORDS:
            found.append(m.group(0))
    found += [n for n, span in korean_titled(question, glossary) if _outside(span, covered)]
    return found


def is_actor(name: str, glossary: Glossary, page: str) -> bool:
    """A person or body, or a country the page writes as a side acting ("朝方", "美国国防部"):
    "What was North Korea's reaction?" asks of an actor, "And Hanoi?" of a place."""
    return glossary.types.get(name) in ("person", "body") or name in acting_countries(glossary, page)


@functools.lru_cache(maxsize=8)
def acting_countries(glossary: Glossary, page: str) -> frozenset[str]:
    """The places ``page`` writes as a side (their first character and 方, "朝方") or as the
    owner of a body ("美国国防部"); read once per page."""
    bodies = [n for n, t in glossary.types.items() if t == "body"]
    places = [n for n, t in glossary.types.items() if t == "place"]
    return frozenset(n for n in places if f"{n[0]}方" in page or any(n + b in page for b in bodies))


# The leaders or officials of a country, written after the country's name ("越南领导人",
# "Vietnamese leaders", "베트남 지도자", "ベトナムの指導者") or, in Vietnamese, before it
# ("lãnh đạo Việt Nam").
_LEADERS_AFTER = re.compile(
    r"^(?:[a-z]*|'s)(?:的|の|의|\s)*(?:国家|政府|党政|政府の|국가|정부)?\s?"
    r"(?:领导人|领导|官员|高层|首脑|leaders?|officials?|지도자|정상|관리|指導者|首脳|高官|幹部)",
    re.I,
)
_LEADERS_BEFORE = re.compile(
    r"(?:lãnh đạo|quan chức|nguyên thủ)\s*(?:nước\s*)?$|\b(?:leaders?|officials?) of (?:the )?$", re.I
)


def leaders_of(question: str, glossary: Glossary, page: str) -> list[str]:
    """The countries whose leaders or officials the question asks about ("特朗普见了哪些越南
    领导人": 越南): a country the page writes as a side, with a word for its leaders beside it."""
    return [
        c
        for c in glossary.names(question, ("place",))
        if c in acting_countries(glossary, page)
        and any(
            _LEADERS_AFTER.search(question[end : end + 16])
            or _LEADERS_BEFORE.search(question[max(0, start - 16) : start])
            for start, end in glossary.spans(question, c)
        )
    ]


def of_country(text: str, country: str, glossary: Glossary, page: str) -> bool:
    """``text`` names one of ``country``'s people (see :func:`people_of`)."""
    return any(person in text for person in people_of(country, glossary, page))


@functools.lru_cache(maxsize=32)
def people_of(country: str, glossary: Glossary, page: str) -> frozenset[str]:
    """The people ``page`` writes after ``country``'s name, by a title or a body of it: the
    first person named after the country with no break and no other place between ("越南总理
    阮春福", "美国中央情报局局长蓬佩奥"; an institute named after a country counts too)."""
    people = sorted((n for n, t in glossary.types.items() if t == "person"), key=len, reverse=True)
    if not people:
        return frozenset()
    first = re.compile(f"{re.escape(country)}([^，。、；：“”]{{0,12}}?)({'|'.join(map(re.escape, people))})")
    places = [n for n, t in glossary.types.items() if t == "place" and n != country]
    # "越南与朝鲜最高领导人金正恩": another country between is that person's
    return frozenset(m.group(2) for m in first.finditer(page) if not any(p in m.group(1) for p in places))
