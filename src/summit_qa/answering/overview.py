"""What the page and its articles hold, for questions about them: every article's lead,
an article's outline, a heading's passages, the agencies the page cites."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summit_qa.answering.shape import TIMELINE
from summit_qa.page.names import Glossary
from summit_qa.page.passages import Passage

_AGENCY = re.compile(r"通讯社|通訊社|\bagenc|\bwire service|통신사|通信社|thông tấn", re.I)
# Citing, not publishing: "哪家通讯社发的" is the articles' bylines, shown with every passage.
_CITES = re.compile(
    r"引用|援引|引述|说法|\bcit(?:e|es|ed|ing)\b|\bquot|\baccording to\b|인용|trích dẫn", re.I
)


def citing(question: str, passages: Sequence[Passage], glossary: Glossary) -> tuple[int, ...]:
    """For "which agencies does the page cite?": for each news agency (a body whose Chinese
    name ends in 社, "朝中社"), the first passage citing it as a source ("据朝中社报道"), else
    the first naming it; in page order.  A page question naming an agency the passages cite
    ("which parts of the page come from KCNA?") is every passage naming it; an agency that only
    signs articles (新华社) names no passage."""
    named = [n for n in glossary.names(question, ("body",)) if n.endswith("社")]
    if by_it := tuple(i for i, p in enumerate(passages) if any(n in p.text for n in named)):
        return by_it
    if not (_AGENCY.search(question) and _CITES.search(question)):
        return ()
    agencies = [n for n, t in glossary.types.items() if t == "body" and n.endswith("社")]
    chosen = set()
    for agency in agencies:
        naming = [i for i, p in enumerate(passages) if agency in p.text]
        cited = [i for i in naming if re.search(f"据{agency}", passages[i].text)]
        chosen.update((cited or naming)[:1])
    return tuple(sorted(chosen))


# Titles the page gives the people it quotes for their view ("韩东大学学者金峻亨").
TITLE = r"学者|研究员|分析师|教授|专家|研究人员|所长|院长"


@dataclass(frozen=True)
class Introduction:
    """Where the page introduces someone it quotes, and how: "韩国韩东大学" + "学者" + 金峻亨."""

    passage: int
    words: str  # the words before the title: country, institution ("" when none)
    title: str


def introductions(passages: Sequence[Passage], glossary: Glossary) -> dict[str, Introduction]:
    """Each person the page introduces by a title of expertise ("研究员杨希雨"), at the first
    passage that does."""
    found = {}
    for name in (n for n, t in glossary.types.items() if t == "person"):
        titled = re.compile(rf"([\u4e00-\u9fff]{{0,20}}?)({TITLE})\s*{re.escape(name)}")
        hits = ((i, m) for i, p in enumerate(passages) if (m := titled.search(p.text)))
        if (hit := next(hits, None)) is not None:
            found[name] = Introduction(hit[0], hit[1].group(1), hit[1].group(2))
    return found


def quoted_sources(passages: Sequence[Passage], glossary: Glossary) -> tuple[int, ...]:
    """The passages introducing the people the page quotes for their view, in page order."""
    return tuple(sorted({intro.passage for intro in introductions(passages, glossary).values()}))


def leads(passages: Sequence[Passage]) -> list[int]:
    """The first passage of each article, in page order."""
    seen: dict[str, int] = {}
    for i, p in enumerate(passages):
        seen.setdefault(p.article, i)
    return list(seen.values())


def _outline(passages: Sequence[Passage], article: str) -> list[int]:
    """An article's opening paragraphs (those before its first heading), then the first
    passage under each of its sections and each labelled item (its outline, in page order)."""
    out, sections = [], set()
    for i, p in enumerate(passages):
        if p.article != article:
            continue
        opening = not sections and p.section is None
        if opening or p.label or (p.section and p.section not in sections and not p.heading):
            out.append(i)
        if p.section:
            sections.add(p.section)
    if len(out) == 1:  # no headings: the whole article
        out = [i for i, p in enumerate(passages) if p.article == article]
    return out


# Words too common to name an article by.
_COMMON = frozenset(
    "about which where there their these those summarize summary article overview tell".split()
)
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}|[\uac00-\ud7a3]{2,}")  # Han or Hangul runs


def named_article(question: str, passages: Sequence[Passage]) -> str | None:
    """The article whose headline (in any of its languages) shares the most words with the
    question (Latin words of five letters or more, pairs of Chinese characters or Hangul
    syllables in a row): a quoted headline names its own article, not the first one sharing
    "美朝"."""
    words = {w.lower() for w in re.findall(r"[a-zà-ỹ]{5,}", question, re.I)} - _COMMON
    words |= {run[i : i + 2] for run in _HAN.findall(question) for i in range(len(run) - 1)}
    shared: dict[str, int] = {}
    for p in passages:
        if p.article in shared:
            continue
        titles = [p.title.lower(), *(text.lower() for _, text in p.title_translations)]
        shared[p.article] = max(sum(w in title for w in words if len(w) >= 2) for title in titles)
    best = max(shared, key=lambda a: shared[a], default=None)
    return best if best is not None and shared[best] > 0 else None


# An article named by its kind ("the analysis piece", "分析那篇", "분석 기사"): the page's data
# gives each article an id, and these ids name a kind of article, not a topic.
_KINDS = {"analysis": re.compile(r"分析|\banaly[sz]|분석|解説|phân tích", re.I), "timeline": TIMELINE}


def article_of_kind(question: str, passages: Sequence[Passage]) -> str | None:
    """The article whose id is the one kind of article the question names, if the page has it."""
    ids = {p.article for p in passages}
    named = [kind for kind, words in _KINDS.items() if kind in ids and words.search(question)]
    return named[0] if len(named) == 1 else None


def overview(question, terms, passages, glossary, order) -> tuple[tuple[int, ...], str]:
    """A section's passages when the question names a heading; an article's outline when it
    names the article (or, naming a person or place of the page, the article that answers
    best); else the opening passage of every article."""
    text = question + "".join(terms)
    for section in dict.fromkeys(p.section for p in passages if p.section):
        if section in text:
            inside = tuple(i for i, p in enumerate(passages) if p.section == section)
            return inside, section
    article = named_article(glossary.strip_names(question), passages) or article_of_kind(question, passages)
    if article is None and glossary.names(question):
        article = passages[int(order[0])].article
    if article is None:
        return tuple(leads(passages)), ""
    title = next(p.title for p in passages if p.article == article)
    return tuple(_outline(passages, article)), title


def named_heading(question: str, terms: Sequence[str], passages: Sequence[Passage]) -> str | None:
    """The heading a question names by its words or the dictionaries' Chinese words for them
    (a section's title, or the word its items are labelled by: "3대 의제" → 议题)."""
    text = question + "".join(terms)
    sections = list(dict.fromkeys(p.section for p in passages if p.section))
    named = [s for s in sections if s in text or s[-2:] in text]
    if named:
        return named[0]
    labels = {p.label_word for p in passages if p.label_word}
    if any(word in text for word in labels):
        return next(p.section for p in passages if p.label_word and p.label_word in text)
    return None


def heading_statement(question: str, terms: Sequence[str], passages: Sequence[Passage]) -> np.ndarray:
    """1 for the passage of a heading the question names that states the heading in its own
    text ("…将是第二次“金特会”面临的最大任务" under 最大任务): "what is the biggest task?" asks
    for that sentence, not for the section's other passages."""
    out = np.zeros(len(passages), np.float32)
    heading = named_heading(question, terms, passages)
    for i, p in enumerate(passages):
        if heading and p.section == heading and heading in p.text:
            out[i] = 1.0
    return out


# Asking what each item says, not only which items there are ("挨个讲讲", "for each one, what…",
# "각각 어떻게 설명", "書かれていること", "nội dung từng"): each label with the passages under it.
CONTENTS = re.compile(
    r"怎么说|怎么讲|讲了什么|讲了啥|说了什么|写了什么|具体内容|内容|详细|挨个|逐一"
    r"|\bfor each\b|\beach one\b|\bin detail\b|\bwhat(?:'s| is| are) (?:actually )?(?:being )?(?:said|discussed)\b"
    r"|\bexplain|\bdescribe|\bdetails?\b"
    r"|어떻게 설명|내용|하나씩|書かれ|内容|詳しく|一つずつ|nội dung|nói gì|chi tiết|từng",
    re.I,
)


def with_contents(items: Sequence[int], passages: Sequence[Passage]) -> tuple[int, ...]:
    """Each labelled item ("议题一：…") followed by the passages under it, in page order."""
    out: list[int] = []
    for i in items:
        out.append(i)
        out += [j for j, p in enumerate(passages) if p.heading and p.heading == passages[i].text]
    return tuple(dict.fromkeys(out))
