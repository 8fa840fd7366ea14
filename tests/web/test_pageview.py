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
    assert {p.title for p in passages} <= set(re.findall(r"<h2>(.*?)</h2>", shown))
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
    # one red dot (or ring of dots) per drawing (a wide and a phone one) of each panel the date falls in
    assert (
        len(
            re.findall(
                rf'(?:fill|stroke)="{BEST_COLOUR}" class="summit-(?:dot|cluster) summit-dot-best"', marked
            )
        )
        == 4
    )
    assert marked.count(BEST_COLOUR) == 4 + 1  # and the legend's swatch
    assert marked.count('<li class="summit-best">') == 1 and "▶" in marked
    cleared = timeline_html(passages)
    assert cleared.count(BEST_COLOUR) == 1 and "summit-dot-best" not in cleared and "▶" not in cleared
    legend = len({p.article for p in passages}) + 1
    assert len(re.findall(r"<li[ >]", cleared)) == len(dated) + legend


def test_page_text_is_escaped():
    passages = load_passages()
    from dataclasses import replace

    hostile = [replace(passages[0], text="<script>alert(1)</script>", title="<b>x</b>")]
    for shown in (page_html(hostile), timeline_html([replace(hostile[0], date="2019-02-01")])):
        assert "<script>" not in shown and "<b>x</b>" not in shown


def _panels(svg_html: str) -> list[str]:
    return re.findall(r'<svg class="summit-axis [^"]*".*?</svg>', svg_html)


def test_no_two_dots_of_a_lane_overlap_and_the_summit_days_are_counted():
    """Seen from the whole year, February 2019 is a few pixels wide: its dots are drawn as one
    ring per lane with their count, never piled on each other at the edge."""
    passages = load_passages()
    shown = timeline_html(passages)
    panels = _panels(shown)
    assert len(panels) == 4  # the year and the summit weeks, wide and for a phone
    for panel in panels:
        by_lane: dict[str, list[tuple[float, float]]] = {}
        for cx, cy, r in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', panel):
            by_lane.setdefault(cy, []).append((float(cx), float(r)))
        for dots in by_lane.values():
            dots.sort()
            for (x1, r1), (x2, r2) in zip(dots, dots[1:], strict=False):
                assert x2 - x1 >= r1 + r2, (x1, x2, panel[:80])
        counts = [int(n) for n in re.findall(r'class="summit-count">(\d+)<', panel)]
        rings = panel.count('class="summit-cluster')
        assert len(counts) == rings
    # every dated passage is drawn in the year panels, once (alone or counted in a ring)
    year_wide, weeks_wide, year_narrow, _weeks_narrow = panels
    dated = sum(1 for p in passages if p.date)
    for year in (year_wide, year_narrow):
        dots = len(re.findall(r'class="summit-dot[" ]', year))
        assert dots + sum(int(n) for n in re.findall(r'class="summit-count">(\d+)<', year)) == dated
    # the one-on-one talks article: 25 and 27 February (three passages) one ring of 4 in the year
    lanes = list(dict.fromkeys(p.article for p in passages))
    y = 34 + 24 * lanes.index("one-on-one") + 12
    ring = rf'cy="{y}" r="10" stroke="[^"]+" class="summit-cluster"><title>[^<]*</title></circle>'
    assert re.search(ring + r"<text [^>]*>4</text>", year_wide)
    # the summit weeks: the same day's passages counted, the other days apart
    xs = [float(x) for x in re.findall(rf'cx="([\d.]+)" cy="{y}"', weeks_wide)]
    assert len(xs) == 2 and abs(xs[1] - xs[0]) > 100
