"""A question as the page would write it, whatever the reader typed.

Each step is one general class of typing:

* **traditional characters** (Taiwan, Hong Kong) become simplified through OpenCC's
  phrase tables (``tw2sp``: 軟體 → 软件, not only character by character), and the
  names Taiwan and Hong Kong write otherwise (川普, 北韓, 龐佩奧) become the page's
  (the glossary's ``zh-Hant`` forms); the reader is answered in traditional characters;
* **full-width** letters and digits (ｊｋｌ, １２) become ASCII (NFKC);
* **misspelt or romanised names** in Latin script ("pompeio", "Hannoi", "Kim Jong Um",
  "Nyongbyon") become the glossary's spelling when one is close (edit distance,
  rapidfuzz; two letters swapped count as one edit), so every signal sees the name;
  misspelt English words ("anounce") become the dictionary's (spelling.py);
* in a Chinese question, names written in another script ("Kim Jong Un 哪天到的") become
  the page's Chinese form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from summit_qa.page.language import HAN, LATIN, detect_language, unmarked
from summit_qa.page.names import Glossary, alias_text
from summit_qa.readers.dictionary_sources import cedict_tables, vietnamese_syllables
from summit_qa.readers.english import common_english
from summit_qa.readers.spelling import fix_english

# How many edits a typed word may be from a glossary spelling to be read as it: one for a
# word of four to six letters, two from seven; shorter words are left alone.
SHORTEST = 4


def _edits_allowed(length: int) -> int:
    return 0 if length < SHORTEST else 1 if length < 7 else 2


_HAN = re.compile(f"[{HAN}]")
# Full-width letters and digits (ｊｋｌ, １２) as ASCII; full-width punctuation stays.
_FULL_WIDTH = {
    c: c - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
}
_LATIN_WORDS = re.compile(f"[{LATIN}][{LATIN}'’-]*")


@functools.lru_cache(maxsize=8)  # one per configuration: building one takes ~30 ms
def _converter(config: str):  # noqa: ANN202 - an opencc.OpenCC
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("tw2sp").convert(text)


@functools.lru_cache(maxsize=4)
def _kanji_forms(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each page name of two characters or more as Japanese writes it in kanji (平壤 → 平壌,
    崔龙海 → 崔龍海, 杨希雨 → 楊希雨), longest first, where that differs from the page's form."""
    forms = {}
    for zh in names:
        traditional = _converter("s2t").convert(zh)
        for form in (traditional, _converter("t2jp").convert(traditional)):
            if form != zh:
                forms.setdefault(form, zh)
    return tuple(sorted(forms.items(), key=lambda kv: -len(kv[0])))


def japanese_kanji_names(text: str, glossary: Glossary) -> str:
    """A Japanese question's page names written in Japanese or traditional kanji, as the page
    prints them: the ranking and the glossary read the page's simplified forms."""
    names = tuple(zh for zh in glossary.types if len(zh) >= 2 and _HAN.search(zh))
    for form, zh in _kanji_forms(names):
        text = text.replace(form, zh)
    return text


def to_traditional(text: str) -> str:
    """Simplified text as Taiwan writes it (the replies to a reader of traditional characters)."""
    return _converter("s2twp").convert(text)


def is_traditional(text: str) -> bool:
    """More characters that only traditional script writes than ones only simplified does."""
    han = "".join(_HAN.findall(text))
    if not han:
        return False
    to_s, to_t = _converter("t2s").convert(han), _converter("s2t").convert(han)
    traditional = sum(a != b for a, b in zip(han, to_s, strict=False))
    simplified = sum(a != b for a, b in zip(han, to_t, strict=False))
    return traditional > simplified


def bare(text: str) -> str:
    """Lower case without Vietnamese (or other) marks: "Hà Nội" → "ha noi"."""
    return unmarked(text.lower())


@functools.lru_cache(maxsize=4)
def _spellings(glossary: Glossary) -> dict[str, str]:
    """Every Latin-script glossary alias without its marks, lower case → as the glossary
    writes it ("viet nam" → "Việt Nam")."""
    out: dict[str, str] = {}
    for pattern, _ in glossary.aliases:
        text = alias_text(pattern)
        if re.fullmatch(f"[{LATIN}][{LATIN} '’.-]*", text) and len(text) >= SHORTEST:
            key = bare(text)
            if key not in out or (out[key].isascii() and not text.isascii()):  # the marked form
                out[key] = text
    return out


def _word_by_word(typed: str, name: str) -> bool:
    """A run of words is read as a name of as many words, each within one edit ("kim jong um"
    is "Kim Jong Un"; "noi khi" is not "Noi Bai")."""
    a, b = typed.split(), name.split()
    return len(a) == len(b) and all(OSA.distance(x, y) <= 1 for x, y in zip(a, b, strict=True))


def fix_spelling(text: str, glossary: Glossary, fuzzy: bool = True) -> str:
    """Latin-script words (runs of up to three) close to a glossary name, as the glossary
    spells it (its marks restored; within a few edits only when ``fuzzy``: a question
    in Vietnamese has words one letter from a name, "bao" and "Bài"); exact names and
    ordinary words are left alone."""
    from rapidfuzz import process

    spellings = _spellings(glossary)
    known = common_english()
    if not spellings:
        return text
    words = list(_LATIN_WORDS.finditer(text))
    out, i, cursor = [], 0, 0
    while i < len(words):
        replaced = False
        for n in (3, 2, 1):
            run = words[i : i + n]
            if len(run) < n:
                continue
            typed = text[run[0].start() : run[-1].end()]
            lower = bare(typed)
            if lower in spellings and typed != spellings[lower] and typed.lower() != spellings[lower].lower():
                out.append(text[cursor : run[0].start()] + spellings[lower])  # its marks restored
                cursor, i, replaced = run[-1].end(), i + n, True
                break
            if not fuzzy or len(typed) < SHORTEST or lower in spellings or (n == 1 and lower in known):
                continue
            allowed = _edits_allowed(len(typed))
            hit = process.extractOne(lower, list(spellings), scorer=OSA.distance)
            if hit and hit[1] <= allowed and (n == 1 or _word_by_word(lower, hit[0])):
                out.append(text[cursor : run[0].start()] + spellings[hit[0]])
                cursor, i, replaced = run[-1].end(), i + n, True
                break
        if not replaced:
            i += 1
    out.append(text[cursor:])
    return "".join(out)


def sounds_alike(a: str, b: str) -> bool:
    """Two characters with a reading in common (tones aside): a pinyin keyboard's typo."""
    readings = cedict_tables().pinyin
    return bool(readings.get(a, frozenset()) & readings.get(b, frozenset()))


def fix_chinese_names(text: str, glossary: Glossary) -> str:
    """A page name of three characters or more typed with one character that sounds the same
    ("特郎普", "朋佩奥", "新家坡"), as the page prints it; a foreign name of five characters or
    more may be typed without its dot and with one character of another transliteration
    ("凯尔费里尔" for 凯尔·费里埃)."""
    names = sorted((zh for zh in glossary.types if len(zh) >= 3 and _HAN.search(zh)), key=len, reverse=True)
    for name in names:
        if name in text:
            continue
        typed = name.replace("·", "")
        n = len(typed)
        for i in range(len(text) - n + 1):
            window = text[i : i + n]
            diff = [k for k in range(n) if window[k] != typed[k]]
            foreign = typed != name and n >= 5 and len(diff) <= 1
            if foreign or (len(diff) == 1 and sounds_alike(window[diff[0]], typed[diff[0]])):
                text = text[:i] + name + text[i + n :]
                break
    return text


def chinese_names(text: str, glossary: Glossary) -> str:
    """A Chinese question's names written in other scripts, as the page prints them."""
    for pattern, zh in glossary.aliases:
        if not _HAN.search(pattern.pattern):
            text = pattern.sub(zh, text)
    return text


_JAMO_ONLY = re.compile(r"^[\u3131-\u318e\s\W]+$")
_OTHER_SCRIPTS = re.compile(f"[{HAN}\u3040-\u30ff\uac00-\ud7af0-9]")
_WORD = re.compile(r"[^\W\d_]{2,}")


_KANA_RUN = re.compile(r"[\u3040-\u30ff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]{2,}")


def _kana_mash(text: str) -> bool:
    """A mash typed through a Japanese input method ("あsdfじゃsdlkfj；；"): Latin runs that are
    no English word between bits of kana of three letters at most, no kanji, no digits."""
    if re.search(f"[{HAN}\uac00-\ud7af0-9]", text) or not _KANA_RUN.search(text):
        return False
    latin = _LATIN_RUN.findall(text)
    english = common_english()
    return (
        bool(latin)
        and all(len(run) <= 3 for run in _KANA_RUN.findall(text))
        and not any(w.lower() in english for w in latin)
    )


def is_gibberish(text: str, glossary: Glossary) -> bool:
    """A keyboard mash ("asdkjh qweoiu zxcmnb", "ㅁㄴㅇㄹ", "jkl;", "あsdfじゃ"): bare Korean
    letters with no syllable, Latin runs between bits of kana, or Latin words none of which is
    an English word of the dictionaries, a Vietnamese syllable or a name of the glossary (within
    one edit).  Anything with
    Chinese, Japanese, Korean syllables or digits is not."""
    if _JAMO_ONLY.match(text) and re.search(r"[\u3131-\u318e]", text):
        return True
    if _kana_mash(text):
        return True
    if _OTHER_SCRIPTS.search(text):
        return False  # other scripts or digits
    marked = bool(re.search(r"[\u00c0-\u024f\u1e00-\u1eff]", text))
    words = [w.lower() for w in _WORD.findall(text)]
    if marked:  # Vietnamese typed as written: a mash when no word is a syllable ("ưqưeqưe ơươ")
        return bool(words) and not any(vietnamese_syllable(w) or w in common_english() for w in words)
    if not words:
        return False
    english, vietnamese = common_english(), vietnamese_syllables()
    spellings = _spellings(glossary)
    name_words = {w for name in spellings for w in name.split()}
    for word in words:
        if word in english or word in vietnamese or word in name_words:
            return False
        if len(word) >= SHORTEST and any(OSA.distance(word, n) <= 1 for n in name_words):
            return False
    return True


# A written Vietnamese syllable, tone marks aside: an initial, a vowel group, a final.
_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:iêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|"
    r"oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def vietnamese_syllable(word: str) -> bool:
    """``word`` is spelt as a Vietnamese syllable can be ("trước", "đó", "nào"; not "ưqưeqưe")."""
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))
    return bool(_VI_SYLLABLE.fullmatch(bare))


@dataclass(frozen=True)
class Reading:
    """A question as the page would write it, and the language to answer it in."""

    text: str
    language: str  # "zh-Hant" for a reader of traditional characters


def unmarked_vietnamese(text: str, glossary: Glossary) -> bool:
    """Vietnamese typed without its marks ("nhung lan kim jong un va trump gap nhau la khi
    nao"): two words or more that are Sino-Vietnamese syllables and no English word, and
    with the words no dictionary knows, as many as the English words that are no syllable
    (the page's names aside)."""
    names = glossary.latin_words()
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in names]
    english, syllables = common_english(), vietnamese_syllables()
    vietnamese = sum(w in syllables and w not in english for w in words)
    unknown = sum(w not in syllables and w not in english for w in words)
    only_english = sum(w in english and w not in syllables for w in words)
    return vietnamese >= 2 and vietnamese + unknown >= only_english


# Years counted by a Japanese era ("平成30年" is 2018), and New Year's Day by its name: written
# as the page writes dates, so they read as dates.
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_ERA_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d{1,2})年")
_NEW_YEARS_DAY = (
    (re.compile(r"元旦|元日"), "1月1日"),
    (re.compile(r"\bNew Year'?s'? Day\b", re.I), "January 1"),
    (re.compile(r"신정|새해 첫날"), "1월 1일"),
    (re.compile(r"Tết Dương lịch|ngày đầu năm mới", re.I), "ngày 1/1"),
)


def calendar_dates(text: str) -> str:
    """``text`` with era years and New Year's Day written as dates ("平成30年12月10日" →
    "2018年12月10日", "元旦" → "1月1日")."""
    text = _ERA_YEAR.sub(lambda m: f"{_ERAS[m[1]] + (1 if m[2] == '元' else int(m[2]))}年", text)
    for pattern, date in _NEW_YEARS_DAY:
        text = pattern.sub(date, text)
    return text


def read_typed(
    question: str, glossary: Glossary, language: str | None = None, page_words: frozenset[str] = frozenset()
) -> Reading:
    """``question`` (cleaned) as the page would write it; ``page_words``: the stemmed English
    words that gloss the page's words (they settle a misspelling's near ties, spelling.py)."""
    text = calendar_dates(question.translate(_FULL_WIDTH))
    language = language or detect_language(text)
    if language == "zh" and is_traditional(text):
        language = "zh-Hant"
    if language == "zh-Hant" or (language == "zh" and glossary.variants):
        text = glossary.page_forms(to_simplified(text) if language == "zh-Hant" else text)
    if re.search(r"[A-Za-z]", text):
        text = fix_spelling(text, glossary, fuzzy=language == "en")
    if language == "en":
        text = fix_english(text, glossary, page_words)
    if language in ("zh", "zh-Hant"):
        text = fix_chinese_names(chinese_names(text, glossary), glossary)
    elif language == "ja":
        text = japanese_kanji_names(text, glossary)
    elif language == "en":
        language = detect_language(text)  # "ha noi" restored as "Hà Nội" reads as Vietnamese
        # "trump co gap kim o hn ko": Vietnamese once its shorthand is spelt out
        if language == "en" and unmarked_vietnamese(unmarked(_spelt_out(text)), glossary):
            language = "vi"
    return Reading(_spelt_out(text) if language == "vi" else text, language)


def _spelt_out(text: str) -> str:
    """Vietnamese chat shorthand written in full (``VI_SHORTHAND``)."""
    return _VI_SHORTHAND.sub(lambda m: VI_SHORTHAND[m.group(0).lower()], text)


# Vietnamese chat shorthand, spelt out: "vs" is với (with), not "versus"; "ko" không.
VI_SHORTHAND = {
    "vs": "với",
    "ko": "không",
    "k": "không",
    "dc": "được",
    "đc": "được",
    "j": "gì",
    "ns": "nói",
    "ntn": "như thế nào",
    "bn": "bao nhiêu",
    "bh": "bao giờ",
    "ng": "người",
    "vn": "Việt Nam",
    "hn": "Hà Nội",
}
_VI_SHORTHAND = re.compile(
    r"(?<![\w.'-])(?:" + "|".join(sorted(VI_SHORTHAND, key=len, reverse=True)) + r")(?![\w.'-])", re.I
)
