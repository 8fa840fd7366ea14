"""The Page and Timeline tabs: every passage verbatim, only the answer marked."""

import html
import re

from summit_qa.page.passages import load_passages
from summit_qa.web.pageview import BEST_COLOUR, page_html, timeline_html


def test_the_page_prints_every_passage_verbatim_with_an_anchor():
    passages = load_passages()
    shown = page_html(passages)
    ids = re.findall(r'id="page-([^"]+)"', shown)
    assert ids == [p.id for p in passages]  # in reading order, each once
    for p in passages:
        assert html.escape(p.text, quote=False) in shown
    assert {p.title for p in passages} <= set(re.findall(r"<h3>(.*?)</h3>", shown))
    assert "summit-best" not in shown and "summit-also" not in shown


def test_the_answer_is_highlighted_and_the_other_passages_marked():
    passages = load_passages()
    best, *also = [p.id for p in passages[3:6]]
    shown = page_html(passages, best, also)
    assert re.search(rf'id="page-{best}" class="[^"]*summit-best', shown)
    assert len(re.findall(r"summit-best", shown)) == 1
    assert len(re.findall(r"summit-also", shown)) == 2


def test_the_timeline_marks_only_the_answer_red_and_nothing_when_cleared():
    passages = load_passages()
    dated = [p for p in passages if p.date]
    best = next(p for p in dated if p.date.startswith("2019-02-26"))
    marked = timeline_html(passages, best.id)
    # one red dot per drawing (a wide and a phone one) of each panel the date falls in
    assert marked.count(f'fill="{BEST_COLOUR}"') == 4
    assert marked.count('<li class="summit-best">') == 1 and "▶" in marked
    cleared = timeline_html(passages)
    assert f'fill="{BEST_COLOUR}"' not in cleared and "▶" not in cleared
    legend = len({p.article for p in passages}) + 1
    assert len(re.findall(r"<li[ >]", cleared)) == len(dated) + legend


def test_page_text_is_escaped():
    passages = load_passages()
    from dataclasses import replace

    hostile = [replace(passages[0], text="<script>alert(1)</script>", title="<b>x</b>")]
    for shown in (page_html(hostile), timeline_html([replace(hostile[0], date="2019-02-01")])):
        assert "<script>" not in shown and "<b>x</b>" not in shown
