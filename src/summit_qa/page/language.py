"""Which language a question is in, and the one table of scripts every module shares.

Detection is by script, which is all the reply needs: Hangul is Korean, kana
is Japanese, Han without kana is Chinese, Latin with Vietnamese letters is
Vietnamese, anything else English.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode ranges of the scripts the page and its readers use.  Han covers the
# unified ideographs, extension A and the compatibility block; Hangul the
# syllables and the conjoining jamo.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af\u1100-\u11ff"
CJK = HAN + KANA + HANGUL  # scripts written without spaces between words
LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"  # with the accents of Vietnamese

_HANGUL = re.compile(f"[{HANGUL}]")
_KANA = re.compile(f"[{KANA}]")
_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(f"[{LATIN}]")
# Letters Vietnamese writes and English does not (with the grave and tilde vowels,
# which English never uses either: "Kim Yong Chol là ai?").
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàèìòùãẽĩõũ]", re.I)

LANGUAGES = ("zh", "en", "ko", "ja", "vi")
MAX_QUESTION_CHARS = 2000


# Words a question quotes in brackets or quotation marks ("Bài niên biểu (大事记) nói về gì?"):
# the page's words, not the reader's language.
_QUOTED = re.compile(r"\([^()]*\)|（[^（）]*）|「[^「」]*」|『[^『』]*』|《[^《》]*》|“[^“”]*”|\"[^\"]*\"")


def detect_language(text: str) -> str:
    """A script-based guess, enough to pick the reply language; what the question quotes in
    brackets or quotation marks is left out when words remain."""
    rest = _QUOTED.sub(" ", text)
    if rest != text and re.search(r"[^\W\d_]", rest):
        text = rest
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    if _VIETNAMESE.search(text):
        return "vi"
    return "en"


def unmarked(text: str) -> str:
    """``text`` without Vietnamese (or other) marks, case kept: "Hà Nội" → "Ha Noi"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` without lone surrogates ("a\\ud800" from a broken client): no tokenizer or
    JSON encoder takes them."""
    return _LONE_SURROGATE.sub("", text)


def clean_question(question: str) -> str:
    """A question as the ranking takes it: valid text, whitespace runs made one space,
    length capped."""
    return " ".join(valid_text(question).split())[:MAX_QUESTION_CHARS]
