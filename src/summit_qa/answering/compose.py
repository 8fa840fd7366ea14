"""Dressing a reply as an :class:`Answer`: the passages shown, each with its marked sentence,
and for a several-passage answer the line that says what follows."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from summit_qa.answering.answer import Answer, ScoredPassage
from summit_qa.answering.ranking import Ranking
from summit_qa.answering.selection import Selection
from summit_qa.answering.summits import WHEN
from summit_qa.page.dates import question_dates
from summit_qa.page.passages import Passage
from summit_qa.readers.messages import say as message
from summit_qa.retrieval.answer_date import ASKS_ABOUT_A_STATEMENT, ASKS_ABOUT_AN_END, answering_date
from summit_qa.retrieval.highlight import best_sentence
from summit_qa.retrieval.index import SearchIndex


def passages_wanted(top_k: object, available: int) -> int:
    """``top_k`` as a count from 1 to ``available`` (None, NaN or junk: the default 3)."""
    try:
        k = int(top_k)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        k = 3
    return max(1, min(k, available))


def scored(
    index: SearchIndex,
    r: Ranking,
    i: int,
    wanted: set[str],
    asked=(),
    statement: bool = False,
    end=False,
    given=False,
) -> ScoredPassage:
    """Passage ``i`` with how it ranked and the sentence that answers best."""
    p = index.passages[i]
    base = {f.name: getattr(p, f.name) for f in fields(Passage)}
    span = index.sentence_span(int(r.best_unit[i]))
    highlight = best_sentence(p, span, wanted, index.lexical.query_terms)
    return ScoredPassage(
        **base,
        score=float(r.score[i]),
        dense=float(r.dense[i]),
        lexical=float(r.lexical[i]),
        date_match=bool(r.dates[i] > 0),
        highlight=highlight,
        answer_date=answering_date(
            p, highlight, wanted, index.lexical.query_terms, asked, statement, end, given
        ),
    )


def told_day(index: SearchIndex, r: Ranking, words: str, passage: int) -> str | None:
    """The day ``passage`` gives for ``words``: the day its header shows for them."""
    return scored(index, r, passage, *_reading(index, r, words)).answer_date


def _reading(index: SearchIndex, r: Ranking, cleaned: str, days=()) -> tuple:
    """What picks a passage's answering sentence and date for question ``cleaned``: its page
    words, the days it asks about (and ``days``), whether it asks of a statement, of an end,
    or when something was said of a day it gives."""
    wanted = set(index.lexical.query_terms(cleaned + " " + " ".join(r.terms)))
    published = dt.date.fromisoformat(index.passages[0].published) if index.passages else None
    asked = [*(question_dates(cleaned, published) if published else []), *days]
    statement = bool(ASKS_ABOUT_A_STATEMENT.search(cleaned + " " + " ".join(r.terms)))
    end = bool(ASKS_ABOUT_AN_END.search(cleaned))
    given = bool(WHEN.search(cleaned)) and any(q.month is not None or q.day is not None for q in asked)
    return wanted, asked, statement, end, given


def lead(selection: Selection, shown: list[ScoredPassage], language: str, published: str, span=None) -> str:
    """The line before a several-passage answer, in the reader's language: what follows and
    how many passages of the page it is (a count of the page, never a claim beyond it)."""
    words = {"chronological": "in_date_order", "page": "in_page_order", "relevance": "by_relevance"}
    order = message(words[selection.order], language)
    n = len(shown)
    kind = selection.kind
    if kind == "page":
        return message("lead_page", language, date=published, n=n)
    if kind == "overview":
        return message("lead_overview", language, n=n)
    if kind == "enumeration":
        return message("lead_enumeration", language, heading=selection.heading, n=n)
    if kind == "compare":
        return message("lead_compare", language, order=order)
    if kind == "range" and span is not None:
        start = span[0] or message("open_start", language)
        end = span[1] or message("open_end", language)
        return message("lead_range", language, start=start, end=end, n=n, order=order)
    key = "lead_count" if kind == "count" else "lead_list"
    return message(key, language, n=n, order=order)


def compose(
    index: SearchIndex,
    r: Ranking,
    question: str,
    cleaned: str,
    language: str,
    top_k: object,
    selection: Selection | None = None,
    span=None,
    days=(),
    **context,
) -> Answer:
    """The answer to an answered question: its best ``top_k`` passages, or every passage of
    its selection in the selection's order (not cut by ``top_k``); ``days``: the days a
    follow-up asks about through the turn before ("第二天呢？"), shown in the headers."""
    reading = _reading(index, r, cleaned, days)
    if selection is None or selection.kind == "ordinal":
        first = list(selection.passages) if selection else []  # the n-th of a series, first
        rest = [int(i) for i in r.order if int(i) not in first]
        chosen = (first + rest)[: passages_wanted(top_k, len(r.order))]
        shown = [scored(index, r, i, *reading) for i in chosen]
        return Answer(question, True, shown, language, **context)
    shown = [scored(index, r, i, *reading) for i in selection.passages]
    line = lead(selection, shown, language, index.passages[0].published if index.passages else "", span)
    count = len(shown) if selection.kind == "count" or selection.counted else None
    return Answer(question, True, shown, language, kind=selection.kind, lead=line, count=count, **context)
