"""A person the question describes instead of naming ("那韩国学者怎么看？", "what did the
American think-tank analyst say?", "姓杨的那位中国专家"): the person the page introduces with
those words ("韩国韩东大学学者金峻亨", "美国智库韩国经济研究所分析师凯尔·费里埃").

The page introduces each expert it quotes once, by country, institution and title, then
calls them by name.  A reader who forgot the name repeats the introduction's words.  The
question's words (or, in another language, the dictionaries' Chinese words for them) are
matched against each introduction: its country and institution first, its title next; the
one person whose introduction shares the most is the one described.  A tie, or no word of a
country or institution shared, names nobody ("分析里引用了哪几位专家？" describes no one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from summit_qa.answering.overview import introductions
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage

# A word for someone quoted for their expertise, in five languages: the question describes a person.
ROLE = re.compile(
    r"学者|專家|专家|分析师|分析師|分析人士|研究员|研究員|智库|智庫|教授"
    r"|\b(?:scholar|expert|analyst|researcher|academic|professor|think[- ]?tank)s?\b"
    r"|학자|전문가|분석가|애널리스트|연구원|싱크탱크|교수"
    r"|専門家|学者|アナリスト|研究員|研究者|シンクタンク|教授"
    r"|học giả|chuyên gia|nhà phân tích|nhà nghiên cứu|viện nghiên cứu|giáo sư",
    re.I,
)
_PUNCTUATION = re.compile(r"[，,。？?！!、；;：:]")
_SURNAME = re.compile(r"姓\s*([\u4e00-\u9fff])")


def _modifiers(question: str, language: str) -> list[str]:
    """The words describing each expert word: those before it, up to a mark of punctuation
    (after it in Vietnamese: "chuyên gia Trung Quốc"), so that "专家认为朝美…" or "Theo các
    chuyên gia, …" describe no one."""
    reach = 25 if language in ("en", "vi") else 10
    found = []
    for m in ROLE.finditer(question):
        if language == "vi":
            found.append(_PUNCTUATION.split(question[m.end() : m.end() + reach])[0])
        else:
            found.append(_PUNCTUATION.split(question[max(0, m.start() - reach) : m.start()])[-1])
    return found


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def described(
    question: str,
    language: str,
    passages: Sequence[Passage],
    glossary: Glossary,
    terms: Callable[[str, str], tuple[str, ...]],
) -> str | None:
    """The person ``question`` describes by the words of their introduction, when it names
    no person and uses a word for an expert; ``terms``: the page's Chinese words for a
    question's words (ranking.Ranker.terms)."""
    if not ROLE.search(question) or glossary.names(question, ("person",)):
        return None
    intros = introductions(passages, glossary)
    if (m := _SURNAME.search(question)) and len(by := [n for n in intros if n.startswith(m[1])]) == 1:
        return by[0]
    phrase = " ".join(_modifiers(question, language))
    if not phrase.strip():
        return None
    written = phrase if language == "zh" else " ".join([phrase, *terms(phrase, language)])
    own = _bigrams(re.sub(r"\s+", "", written))
    titled = question if language == "zh" else " ".join([question, *terms(question, language)])
    # the words of the country and institution must be shared; the title counts beside them
    shared = {name: (len(_bigrams(i.words) & own), i.title in titled) for name, i in intros.items()}
    best = max(shared.values(), default=(0, False))
    top = [name for name, n in shared.items() if n == best]
    return top[0] if best[0] and len(top) == 1 else None
