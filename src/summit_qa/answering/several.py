"""The passages of a question that needs several: a list, a count, a period, a heading's
items, an overview, a comparison, the n-th of a series (selection.py picks them; this reads
whether the page has such a set at all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from summit_qa.answering.entities import off_page_names
from summit_qa.answering.long_messages import asked_alone
from summit_qa.answering.mentions import names_something
from summit_qa.answering.overview import named_heading
from summit_qa.answering.scope import unanswerable_type
from summit_qa.answering.selection import Selection, select
from summit_qa.answering.shape import TIMELINE, Shape
from summit_qa.answering.summits import SUMMIT, summit_passage, summits_held

if TYPE_CHECKING:
    from summit_qa.answering.engine import SummitQA
    from summit_qa.answering.followups import Resolution
    from summit_qa.answering.ranking import Ranking


def several_passages(
    qa: SummitQA, shape: Shape, question: str, language: str, resolution: Resolution, r: Ranking
) -> Selection | None:
    """The passages of a question that needs several (a new question only: a follow-up
    is read as one fact).  A set about someone the page never names, or of a fact none
    of its passages states, is refused; how an event still to come went is told the
    page's date; one about the page, an article, a period the page covers or a name it
    prints is in scope whatever the refusal floors say."""
    # The page, an overview, a heading's items, a period: asked in their own words, no follow-up
    own_words = shape.kind in ("page", "overview", "enumeration", "range")
    if (resolution.follow_up or resolution.in_scope) and not own_words:
        return None
    # "新加坡会晤是哪天？", "第一次金特会是哪天": that day's report, a summit being the page's own
    if shape.kind in ("single", "ordinal") and (r.answered or SUMMIT.search(question)):
        summit = summit_passage(question, shape.nth, qa.events, qa.glossary, r.order, qa.page_text)
        if summit is not None:
            return Selection("ordinal", (summit,))
    if shape.kind == "single":
        return None
    sets = ("list", "count", "range", "compare")
    asked = asked_alone(question)  # not the scene a long message sets before it
    off_page = qa.ranker.off_page(asked, language) or off_page_names(
        asked, language, qa.page_text, qa.glossary, qa.english_words, qa.page_names
    )
    if shape.kind in sets and off_page:
        return Selection(shape.kind, ())
    if shape.kind in sets and r.after_page:
        return None
    summits = (question, language, qa.events, qa.glossary, r.order, qa.page_text, qa.summits)
    held = summits_held(*summits, shape.span, shape.exclusive) if shape.kind in sets[:2] else ()
    if held:  # "会晤过几次？", "新加坡会晤以后会晤过几次？"
        return Selection(shape.kind, held)
    named = names_something(question, qa.glossary, r.terms)
    dated = shape.kind in (*sets[:3], "ordinal") and bool(shape.span or named or TIMELINE.search(question))
    # "3대 의제는?": the items of a heading the page has, whatever the refusal floors say
    heading = shape.kind == "enumeration" and bool(named_heading(question, r.terms, qa.index.passages))
    about_page = shape.kind in ("page", "overview") or shape.sources or dated or heading
    if not (r.answered or about_page):
        return None
    page = (qa.index.passages, qa.events, qa.glossary)
    scores = lambda text: qa.rank(text, language=language).score  # noqa: E731
    named = np.flatnonzero(r.signals["label"])
    labelled = int(named[0]) if len(named) == 1 else None
    question = question if shape.topic is None else shape.topic  # a period's bounds are not its topic
    chosen = select(shape, question, *page, r.score, r.order, r.terms, rank=scores, labelled=labelled)
    if chosen is None or shape.kind not in sets or shape.sources:  # the page's own experts
        return chosen
    stated = unanswerable_type(question, [page[0][i] for i in chosen.passages]) is None
    return chosen if stated else Selection(shape.kind, ())
