"""English and pinyin as the dictionaries write them: glosses cut into phrases, words stemmed,
numbered pinyin with tone marks."""

from __future__ import annotations

import re
import unicodedata

from summit_qa.readers.dictionary_sources import cedict_tables

# ---------------------------------------------------------------- pinyin
_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def marked_pinyin(numbered: str) -> str:
    """CC-CEDICT's "hui4 tan2" as "huìtán"; a name's syllables keep their capitals and a
    space ("Jīn Zhèng'ēn"); a syllable opening with a, e or o after another takes an apostrophe."""
    syllables = []
    for syllable in numbered.split():
        syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
        m = re.match(r"^([A-Za-züÜ]+)([1-5])$", syllable)
        if not m:
            syllables.append(syllable)
            continue
        letters, tone = m.group(1), int(m.group(2))
        if tone != 5:
            lower = letters.lower()
            at = next((lower.index(v) for v in "ae" if v in lower), None)
            if at is None:
                at = (
                    lower.index("ou")
                    if "ou" in lower
                    else max((i for i, c in enumerate(lower) if c in "iouü"), default=None)
                )
            if at is not None:
                mark = _TONE_MARKS[lower[at]][tone - 1]
                mark = mark.upper() if letters[at].isupper() else mark
                letters = letters[:at] + mark + letters[at + 1 :]
        syllables.append(letters)
    name = any(s[:1].isupper() for s in syllables)
    out = ""
    for i, syllable in enumerate(syllables):
        vowel = unicodedata.normalize("NFD", syllable[:1].lower())[:1] in ("a", "e", "o")
        if i and name and syllable[:1].isupper():
            out += " "
        elif i and vowel:
            out += "'"
        out += syllable
    return out


# ---------------------------------------------------------------- English
_IRREGULAR = {
    "met": "meet",
    "left": "leave",
    "went": "go",
    "gone": "go",
    "came": "come",
    "held": "hold",
    "took": "take",
    "taken": "take",
    "said": "say",
    "sent": "send",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "gave": "give",
    "given": "give",
    "made": "make",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "won": "win",
    "spoke": "speak",
    "spoken": "speak",
    "saw": "see",
    "seen": "see",
    "flew": "fly",
    "flown": "fly",
    "rode": "ride",
    "drove": "drive",
    "led": "lead",
    "sought": "seek",
    "thought": "think",
    "felt": "feel",
    "kept": "keep",
    "lost": "lose",
    "paid": "pay",
    "put": "put",
    "ran": "run",
    "set": "set",
    "stood": "stand",
    "understood": "understand",
    "became": "become",
}
STOP_EN = frozenset(
    "a an the of to in on at by for from with and or but is are was were be been being do does did done "
    "has have had will would shall should can could may might must what when where which who whom whose "
    "why how that this these those there it its he she they him her them his their we us our you your i "
    "me my as about into over after before than then so not no any some all more most very also just "
    "between up out off one".split()
)


def stem(word: str) -> str:
    """A crude English stem, the same for a question and a gloss ("sanctioned" ~ "sanctions")."""
    word = _IRREGULAR.get(word, word)
    for suffix, keep in (
        ("ations", "ate"),
        ("ation", "ate"),
        ("ings", ""),
        ("ing", ""),
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def english_words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z0-9'-]*", text.lower())


def gloss_phrases(gloss: str) -> list[str]:
    """The short English phrases a CC-CEDICT gloss offers ("to punish; punishment" →
    "punish", "punishment"), without classifiers, cross-references or notes."""
    if gloss.startswith(
        ("CL:", "abbr. for", "see ", "variant of", "old variant", "also written", "surname ")
    ):
        return []
    gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", gloss)
    phrases = []
    for part in re.split(r"[;,]", gloss):
        part = re.sub(r"^(?:to|lit\.|fig\.|esp\.|sb|sth)\s+", "", part.strip().lower())
        words = [w for w in english_words(part) if w not in ("sb", "sth")]
        if 1 <= len(words) <= 3 and not all(w in STOP_EN for w in words):
            phrases.append(" ".join(words))
    return phrases


def common_english() -> frozenset[str]:
    """Every word CC-CEDICT's English glosses write in lower case somewhere: English words,
    as opposed to names, which its glosses write only capitalised ("Putin")."""
    return cedict_tables().lowercase_words
