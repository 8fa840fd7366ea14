"""Identity questions: "X是谁？", "Who is X?", "What is X?", "X는 누구인가요?", "Xとは何ですか",
"X là ai?" about a person, place or body the page names.

Such a question is short and names little besides X, so its cosine with any
passage stays low and the refusal floors turned it away although the page says
who X is.  Here X is read off the question's form; when it is wholly one of
the page's names (in any script, through the glossary), the question is in
scope and the passage that introduces X (its first mention on the page, a
label line like "议题一：…" passed over when X is mentioned again) is lifted
to the top.  "金正恩的妻子是谁？" / "Who is Kim Jong Un's wife?" is not an
identity question: X is not a name alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from summit_qa.answering.followups import Resolution, Turn
from summit_qa.page.names import NAME_TYPES, Glossary
from summit_qa.page.passages import Passage

_ZH_WHAT = (
    r"谁|谁啊|谁呀|什么人|哪位|何人|干什么的|做什么的|干嘛的|干啥的|是做什么|是啥|啥|什么来头|哪儿的|"
    r"什么(?:机构|地方|组织|单位|东西|项目|设施|意思|身份|职务|来头|样的人)?|哪里|在哪(?:里|儿)?|位于哪(?:里|儿)?"
)
_PATTERNS = {
    "zh": (
        re.compile(
            rf"^(?:请问|请介绍一下|介绍一下)?(?P<x>.+?)(?:到底|究竟)?(?:是|指的是|指|是个|是一个)?(?:{_ZH_WHAT})[？?。]*$"
        ),
        re.compile(r"^(?:请问)?谁是(?P<x>.+?)[？?。]*$"),
        re.compile(r"^(?:请)?介绍一下(?P<x>.+?)[？?。]*$"),
    ),
    "en": (
        re.compile(
            r"^(?:who|what)(?:'s|’s| is| was| are| were)(?: exactly| really| actually)?\s+(?P<x>.+?)\s*\??$",
            re.I,
        ),
        re.compile(r"^(?:who|what)(?: exactly| really)? (?:is|was|are|were) (?P<x>.+?)\s*\??$", re.I),
        re.compile(r"^what (?:does|did) (?P<x>.+?) do\s*\??$", re.I),
        re.compile(r"^where (?:is|was|are) (?P<x>.+?)\s*\??$", re.I),
        re.compile(r"^(?:tell me about|who or what is) (?P<x>.+?)\s*[?.!]*$", re.I),
        re.compile(r"^what(?:'s|’s| is| was) (?P<x>.+?)(?:'s|’s) (?:job|role|position|title)\s*\??$", re.I),
        # the name first, then the question about it: "Choe Ryong Hae? who is he"
        re.compile(
            r"^(?P<x>[^?]+?)\s*\?\s*(?:who|what)(?:'s|’s| is| was)\s+(?:that|this|he|she|it)\s*\??$", re.I
        ),
    ),
    "ko": (
        re.compile(
            r"^(?P<x>.+?)(?:은|는|이|가|란|이란)?\s*(?:누구|누군|무엇|뭐|어디|어떤 (?:사람|곳|기관|단체))"
            r"(?:야|예요|에요|이야|인가요|인가|입니까|이에요|죠|지|니|일까요?|가요|인지)?\s*[?？.]*$"
        ),
    ),
    "ja": (
        re.compile(
            r"^(?P<x>.+?)(?:とは|って|は)(?:誰|だれ|何|なに|どこ|どんな(?:人|ところ|所|組織|機関|もの))"
            r"(?:ですか|なの|なんですか|でしょうか|だ|か|者)?\s*[？?。]*$"
        ),
    ),
    "vi": (
        re.compile(
            r"^(?P<x>.+?)\s+(?:là ai|là gì|là cái gì|là người nào|là người (?:như )?thế nào|là (?:nơi|chỗ) nào)",
            re.I,
        ),
        re.compile(r"^(?:cho tôi biết về|giới thiệu về) (?P<x>.+?)\s*[?.!]*$", re.I),
        re.compile(r"^(?P<x>.+?)\s+(?:giữ chức vụ gì|làm (?:nghề )?gì|nằm ở đâu|ở đâu)", re.I),
        re.compile(r"^ai là (?P<x>.+?)\s*\??$", re.I),
    ),
}
# Words a subject may carry besides its name: articles, honorifics, particles, and
# what kind of thing it is ("Ga Đồng Đăng", "the Blue House", "金英哲氏").
_FILLER = re.compile(
    r"\b(?:the|a|an|mr|mrs|ms|dr|mister|madam|chairman|president|ông|bà|ngài|anh|chị|cô|ga|nhà ga|tỉnh|"
    r"thành phố|đại học|viện|khu|station|province|city|university|institute|agency|party|site|facility|"
    r"complex|zone|park|area|airport|train station|railway station|resort|sân bay quốc tế|sân bay)\b\.?"
    # what kind of place or body X is, written after it: 同登站, 谅山省, 开城工业团地, 영변 핵시설
    r"|(?:火车站|车站|站|省|市|县|机场|国际机场|大学|研究所|研究院|工业园区?|旅游区|核设施|试验场|"
    r"駅|空港|工業団地|団地|県|역|공항|공단|시|성)$"
    r"|[氏様さん님씨]|先生|女士|[？?。，,.!！'’\"“”「」]",
    re.I,
)
_PRONOUN = re.compile(
    r"^(?:他|她|他们|她们|he|she|they|him|her|그|그는|그녀|그들|彼|彼女|ông ấy|bà ấy|họ)$", re.I
)


def subject(question: str, language: str) -> str | None:
    """X of an identity question in ``language`` ("杨希雨是谁？" → "杨希雨"), else None."""
    for pattern in _PATTERNS.get(language, ()):
        m = pattern.match(question.strip())
        if m and m.group("x").strip():
            x = m.group("x").strip()
            return re.split(r"[，,、]\s*", x)[-1].strip()  # "顺便问一下，崔龙海" → "崔龙海"
    return None


def is_pronoun(text: str) -> bool:
    return bool(_PRONOUN.match(text.strip()))


@dataclass(frozen=True)
class Identity:
    """An identity question about names of the page."""

    subject: str  # as the question writes it
    names: tuple[str, ...]  # the Chinese forms printed on the page


def identify(
    question: str, language: str, glossary: Glossary, passages: Sequence[Passage]
) -> Identity | None:
    """The identity question ``question`` asks, when X is wholly a name on the page."""
    x = subject(question, language)
    if x is None or is_pronoun(x):
        return None
    printed = re.sub(r"\s+", "", x)
    if len(printed) >= 2 and any(printed in re.sub(r"\s+", "", p.text) for p in passages):
        return Identity(x, (printed,))  # a Chinese name or term printed on the page
    names = glossary.names(x, NAME_TYPES)
    if not names:
        return None
    rest = _FILLER.sub(" ", glossary.strip_names(x, NAME_TYPES))
    for zh in names:
        rest = rest.replace(zh, " ")
    if rest.strip():
        return None  # more than a name: "Kim Jong Un's wife", "金正恩的妻子"
    return Identity(x, names)


def introduction(names: Sequence[str], passages: Sequence[Passage]) -> int | None:
    """The passage that introduces ``names``: the first on the page that mentions one of
    them, a label line ("议题一：…") passed over when a later passage mentions it too."""
    mentions = [i for i, p in enumerate(passages) if any(n in re.sub(r"\s+", "", p.text) for n in names)]
    if not mentions:
        return None
    plain = [i for i in mentions if passages[i].label is None]
    return (plain or mentions)[0]


def with_identity(
    question: str,
    language: str,
    earlier: Sequence[Turn],
    resolution: Resolution,
    glossary: Glossary,
    passages: Sequence[Passage],
    weight: float,
) -> Resolution:
    """ "Who is X?" about a name of the page (or "Who is he?" about the turn before's): the
    passage that introduces X, in scope, with ``weight`` on the fused scale."""
    found = identify(question, language, glossary, passages)
    if found is None:
        x = subject(question, language)
        people = [t for t in reversed(earlier) if glossary.names(t.query, ("person",))]
        if x is None or not is_pronoun(x) or not people:
            return resolution
        found = Identity(x, glossary.names(people[0].query, ("person",))[:1])
    intro = introduction(found.names, passages)
    if intro is None:
        return resolution
    query = f"{question} {' '.join(found.names)}"
    return replace(
        resolution, query=query, names=found.names, prior={intro: weight}, in_scope=True, reason="identity"
    )
