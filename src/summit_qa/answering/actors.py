"""The same question about another actor: "那特朗普呢？", "What was North Korea's reaction?".

A follow-up naming a new person, body or acting country asks for that side's part
of the event just shown: the passage shown itself when a clause of it opens with
that side (news prose tells both sides of an exchange in one paragraph), else the
best ranked passage naming the new side, one with the same verb first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from summit_qa.answering.cues import OPINION, RESPONSE, SAYING, VIEW, matches
from summit_qa.answering.entities import acting_countries, is_actor
from summit_qa.answering.followups import Resolution, Turn
from summit_qa.answering.verbs import page_verbs
from summit_qa.page.events import Event
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage

# What happens, in the page's own verbs: the same question about another actor asks for the
# event of the same verb ("特朗普哪天到河内？" → "那金正恩呢？": his arrival, not his departure).
VERBS = re.compile(r"抵达|离开|启程|动身|出发|访问|前往|赴|会见|会谈|会晤|宣布|签署|制裁|演习|发表")


_CLAUSE = re.compile(r"[，,。；;！!？?]")
_LEAD = re.compile(
    r"^\s*(?:同日|当天|随后|此后|而|但)?\s*(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:至\d{1,2}日)?\s*"
)


def tells_of(text: str, names: Sequence[str], glossary: Glossary, page: str = "") -> bool:
    """A clause of ``text`` opens with one of ``names`` (after a date or "同日"), or with the
    role the ``page`` gives that person ("朝鲜最高领导人金正恩": "朝鲜领导人也面临…"): the
    passage tells that side's part itself ("…金正恩发表新年贺词…。同日，特朗普在推特上
    发文说…" answers "那特朗普呢？"; "朝鲜外务省回应说…" answers "And North Korea?")."""
    sides = [f"{n[0]}方" for n in names if glossary.types.get(n) == "place"]  # 朝鲜 → "朝方…"
    roles = [r for n in names for r in roles_of(n, page, glossary)] if page else []
    for clause in _CLAUSE.split(text):
        head = _LEAD.sub("", clause.strip())[:8]
        if any(head.startswith(n) for n in names if n in glossary.names(head)):
            return True
        if any(head.startswith(side) for side in sides) or any(r.match(head) for r in roles):
            return True
    return False


_TITLE = "领导人|总统|国务卿|委员长|局长|主席|总理|发言人"


@functools.lru_cache(maxsize=64)
def roles_of(person: str, page: str, glossary: Glossary) -> tuple[re.Pattern[str], ...]:
    """The roles the page writes before ``person``'s name, as a country and a title
    ("朝鲜最高领导人金正恩" → 朝鲜…领导人), so "朝鲜领导人" stands for him."""
    if glossary.types.get(person) != "person":
        return []
    places = "|".join(re.escape(n) for n, t in glossary.types.items() if t == "place")
    role = re.compile(f"({places})[\u4e00-\u9fff]{{0,2}}?({_TITLE}){re.escape(person)}")
    found = {f"{m.group(1)}.{{0,3}}{m.group(2)}" for m in role.finditer(page)}
    return tuple(re.compile(r) for r in sorted(found))


def responds(
    question: str,
    language: str,
    before: Turn,
    glossary: Glossary,
    passages: Sequence[Passage],
    page: str = "",
    capitals: Mapping[str, str] | None = None,
) -> int | None:
    """ "What was North Korea's reaction?", "美国说了什么" after an event whose passage tells that
    side's response or view itself ("…朝鲜外务省回应说…"): that passage.  A side is named as the
    page names it, by its capital, or by its first character and 方 ("朝方").  ``page``: the
    passages' text; ``capitals``: a capital stands for its country ("Was Pyongyang satisfied?")."""
    asked = matches(RESPONSE, question, language) or matches(VIEW, question, language)
    if not asked or before.answer is None:
        return None
    page = page or "".join(p.text for p in passages)
    named = [(capitals or {}).get(n, n) for n in glossary.names(question)]
    named += [n for n in acting_countries(glossary, page) if f"{n[0]}方" in question]  # "朝方作何回应"
    sides = [n for n in dict.fromkeys(named) if is_actor(n, glossary, page)]
    told = sides and tells_of(passages[before.answer].text, sides, glossary, page)
    return before.answer if told else None


_CAPITAL = re.compile(r"\bcapital of ([A-Z][A-Za-z ]+)|\(([A-Z][A-Za-z]*) federal capital\)")


def capitals(glossary: Glossary, senses: Callable[[str], Sequence[str]]) -> dict[str, str]:
    """The page's places that CC-CEDICT calls a country's capital ("Pyongyang, capital of North
    Korea"), each with that country: news prose names a government by its capital.  ``senses``:
    a word's dictionary senses."""
    found = {}
    for name, kind in glossary.types.items():
        if kind != "place":
            continue
        for sense in senses(name):
            for m in _CAPITAL.finditer(sense):
                country = glossary.names((m.group(1) or m.group(2)).strip(), ("place",))
                if country and country[0] != name:
                    found[name] = country[0]
    return found


def actor_passage(
    resolution: Resolution,
    before: Turn,
    events: Sequence[Event],
    glossary: Glossary,
    order,
    passages,
    page,
    own: Sequence[str] = (),
) -> int | None:
    """The passage before when a clause of it tells of the new actor (see :func:`tells_of`),
    else the best ranked passage that names the new actor (not the one shown before), one
    with a verb of the passage before first (the follow-up's ``own`` page verbs when it says
    one: "and Trump, when's he landing?" after Kim's departure), then one that does not name
    the earlier actor."""
    others = [n for n in resolution.names if n not in before.names]
    if others and tells_of(passages[before.answer].text, others, glossary, page):
        return before.answer
    new = [n for n in resolution.names if n not in before.names and is_actor(n, glossary, page)]
    if not new:
        return None
    old = [n for n in before.names if glossary.types.get(n) in ("person", "body") and n not in new]
    # the verbs of the first sentence of the passage before that names the earlier actor
    text = passages[before.answer].text
    said = [s for s in re.split(r"(?<=[。！？])", text) if any(o in s for o in old)] or [text]
    verbs = set(VERBS.findall(said[0]))
    naming = [
        int(i) for i in order if all(n in events[int(i)].names for n in new) and int(i) != before.answer
    ]
    same_verb = [
        i
        for i in naming
        if (any(v in passages[i].text for v in own) if own else verbs & set(VERBS.findall(passages[i].text)))
    ]
    for group in (same_verb, naming[:3]):
        alone = [i for i in group if not any(o in events[i].names for o in old)]
        if alone or group:
            return (alone or group)[0]
    return naming[0] if naming else None


def own_stance(
    question: str, language: str, verbs: Sequence[str], texts: Sequence[str], glossary: Glossary
) -> np.ndarray:
    """1 for each passage where a side the question names states its part itself ("朝方曾表示…",
    "特朗普表示接受…"), when the question asks that side's stance or willingness ("How did North
    Korea react?", "哪天表态愿意见面"); else 0 everywhere.  Another's view of the side ("金峻亨认为…")
    is no statement of its stance."""
    none = np.zeros(len(texts), np.float32)
    if not (matches(RESPONSE, question, language) or {"有意", "愿意"} & set(verbs)):
        return none  # no stance asked: most questions stop here
    page = "".join(texts)
    sides = [n for n in glossary.names(question, ("person", "body", "place")) if is_actor(n, glossary, page)]
    if not sides:
        return none
    return np.array([tells_of(text, sides, glossary) for text in texts], np.float32)


# Who made a date known, as the question writes it: a name, then (a few words on) a verb of
# announcing ("白宫哪天宣布…", "When did Seoul announce…", "国防部が発表…").
_ANNOUNCING = re.compile(
    r"^\W{0,2}(?:[^\s的被]{0,5}?)(?:宣布|公布|发布|官宣|透露)|^\s*(?:\w+\s+){0,2}(?:announc|reveal|made public)\w*"
    r"|^(?:氏|大統領)?(?:が|は)[^、。？?]{0,14}(?:発表|公表)|^(?:\s?(?:대통령|위원장|장관))?(?:가|이|는|은)\s[^?]{0,18}발표"
    r"|^\s*(?:\w+\s+){0,2}(?:công bố|thông báo)",
    re.I,
)


def announced_by(question: str, glossary: Glossary) -> list[str]:
    """The people or bodies the question says made something known ("国防部哪天宣布暂停
    军演的？": 国防部); [] when it names no one as the one announcing."""
    if _PASSIVE.search(question):  # "When was it announced?", "được công bố": no one named does
        return []
    return [
        n
        for n in glossary.names(question, ("person", "body"))
        if any(_ANNOUNCING.search(question[end : end + 24]) for _, end in glossary.spans(question, n))
    ]


_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are)\b[^?]*\b(?:announced|revealed|made public)\b|được (?:công bố|thông báo)|被(?:宣布|公布)",
    re.I,
)


def says(text: str, names: Sequence[str]) -> bool:
    """One of ``names`` is the one who says or announces something in ``text`` ("特朗普宣布，…"),
    not only someone it tells of ("越南外交部表示，特朗普将于…")."""
    return any(re.search(rf"{re.escape(n)}[^，。,]{{0,6}}?(?:{SAYING}|公布|发布|官宣)", text) for n in names)


def untold_act(
    earlier_question: str, new: Sequence[str], passages: Sequence[Passage], glossary: Glossary, page: str
) -> bool:
    """The act the earlier question asked of someone, a page verb with its place ("离开越南",
    "leave Vietnam"), is told of the ``new`` actors only with another place ("离开平壤": where
    the other one set off from, not the same act): the page does not say.  A place counts as the
    same when the page writes one holding the other ("越南首都河内")."""
    verbs = [v for v in page_verbs(earlier_question, glossary) if v in ACT_VERBS]
    places = glossary.names(earlier_question, ("place",))
    if not verbs or not places or not new:
        return False
    same = [
        q for q, t in glossary.types.items() if t == "place" and any(_together(q, p, page) for p in places)
    ]
    # the clauses where the new actor does it: the name, then the verb and its place
    did = re.compile(
        f"(?:{'|'.join(map(re.escape, new))})[^，。；]*?(?:{'|'.join(verbs)})([\u4e00-\u9fff]{{2,6}})"
    )
    acts = [m.group(1) for p in passages for m in did.finditer(p.text)]
    return bool(acts) and not any(a.startswith(tuple(same)) for a in acts)


# Verbs of going whose place says which act it is: leaving Pyongyang is not leaving Vietnam.
ACT_VERBS = ("抵达", "离开")


def _together(one: str, other: str, page: str) -> bool:
    """One place is the other, or holds it as the page writes it ("越南首都河内", "越南河内")."""
    a, b, part = re.escape(one), re.escape(other), "(?:首都|北部|南部|中部|东部|西部)?"
    return one == other or bool(re.search(f"{a}{part}{b}|{b}{part}{a}", page))


def quoted_here(
    question: str, language: str, before: Turn, glossary: Glossary, passages: Sequence[Passage]
) -> int | None:
    """ "那位研究员又怎么看？" after a passage of one section: the passage of that section quoting the
    person asked about, when the page quotes them in more than one (their view on this topic,
    not on the other); None otherwise."""
    if before.answer is None or not (
        matches(OPINION, question, language) or matches(VIEW, question, language)
    ):
        return None
    people = [n for n in glossary.names(question, ("person",)) if n not in before.names]
    quoted = [i for i, p in enumerate(passages) if people and all(n in p.text for n in people)]
    here = passages[before.answer]
    same = [i for i in quoted if (passages[i].article, passages[i].section) == (here.article, here.section)]
    return same[0] if len(quoted) > 1 and same else None
