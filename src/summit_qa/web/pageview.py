"""The page as printed, and its dated events on a timeline: HTML for the chat's tabs.

Both are plain HTML and inline SVG built here (no plotting library), so they
scale to any width (``viewBox``, ``width: 100%``) and read the same on a phone.
Every passage is quoted verbatim, with an ``id`` (``page-<passage id>``) a
reply's link scrolls to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from summit_qa.page.passages import Passage
from summit_qa.web.render import escape

ARTICLE_COLOURS = {  # one colour per article, none of them the answer's red
    "timeline": "#1f5fa8",
    "analysis": "#7b55b0",
    "one-on-one": "#1d7a5a",
    "arrival": "#8a7300",
}
BEST_COLOUR = "#d62728"


def page_html(passages: Sequence[Passage], best: str | None = None, also: Sequence[str] = ()) -> str:
    """The four articles in reading order: headline, agency, sections and every passage; the
    answer's passage (``best``) highlighted, the other answer passages (``also``) marked."""
    out = ['<div class="summit-page">']
    article = section = heading = None
    for p in passages:
        if p.article != article:
            if article is not None:
                out.append("</article>")
            article, section, heading = p.article, None, None
            out.append(f'<article class="summit-article" id="article-{escape(p.article)}">')
            out.append(f"<h2>{escape(p.title)}</h2>")
            out.append(f'<p class="summit-agency">{escape(p.source)} · {escape(p.published)}</p>')
        if p.section and p.section != section:
            section = p.section
            out.append(f"<h3>{escape(p.section)}</h3>")
        heading = p.heading or heading
        classes = ["summit-passage"]
        if p.id == best:
            classes.append("summit-best")
        elif p.id in also:
            classes.append("summit-also")
        if p.label:
            classes.append("summit-label")
        date = f'<span class="summit-date">{escape(p.date)}</span> ' if p.date else ""
        out.append(f'<p id="page-{escape(p.id)}" class="{" ".join(classes)}">{date}{escape(p.text)}</p>')
    if article is not None:
        out.append("</article>")
    out.append("</div>")
    return "\n".join(out)


def _day(iso: str) -> dt.date:
    """An ISO date of any precision as a day (a month or year alone: its first day)."""
    parts = [int(x) for x in iso.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _axis(
    passages: Sequence[Passage],
    best: Sequence[str],
    start: dt.date,
    end: dt.date,
    title: str,
    narrow: bool,
) -> str:
    """One SVG panel: the dated passages between ``start`` and ``end`` as dots on a date axis,
    one lane per article (coloured as in the legend); ticks by month, or by day for a short
    span.  ``narrow``: drawn for a phone (fewer ticks, so its text stays readable)."""
    width, lane, top, left = (320, 22, 30, 10) if narrow else (1000, 24, 34, 10)
    articles = list(dict.fromkeys(p.article for p in passages))
    height = top + lane * len(articles) + 30
    span = max(1, (end - start).days)

    def x(day: dt.date) -> float:
        return left + 10 + (width - left - 30) * (day - start).days / span

    variant = "summit-narrow" if narrow else "summit-wide"
    out = [
        f'<svg class="summit-axis {variant}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f'<text x="{left}" y="18" class="summit-axis-title">{escape(title)}</text>',
    ]
    for i in range(len(articles)):
        y = top + lane * i + lane / 2
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.0f}" y2="{y:.0f}" class="summit-rule"/>')
    days = span <= 31
    every = (2 if narrow else 1) if days else (3 if narrow else 1)
    tick, count = start, 0
    while tick <= end:
        if days or tick.day == 1:
            if count % every == 0:
                label = f"{tick.day}" if days else f"{tick.year % 100:02d}-{tick.month:02d}"
                anchor = f'x="{x(tick):.0f}" y="{height - 8}" text-anchor="middle"'
                out.append(f'<text {anchor} class="summit-tick">{label}</text>')
            count += 1
        tick += dt.timedelta(days=1)
    out += _dots(passages, best, articles, lambda p: x(_day(p.date)), (start, end), (top, lane), narrow)
    out.append("</svg>")
    return "".join(out)


def _clusters(points: list[tuple[float, Passage]], gap: float) -> list[list[tuple[float, Passage]]]:
    """The dots of one lane, left to right, those less than ``gap`` apart joined (a chain: each
    cluster ends at least ``gap`` before the next begins)."""
    groups: list[list[tuple[float, Passage]]] = []
    for point in sorted(points, key=lambda t: (t[0], t[1].id)):
        if groups and point[0] - groups[-1][-1][0] < gap:
            groups[-1].append(point)
        else:
            groups.append([point])
    return groups


def _dots(
    passages: Sequence[Passage],
    best: Sequence[str],
    articles: list[str],
    x,
    span: tuple[dt.date, dt.date],
    rows: tuple[int, int],
    narrow: bool,
) -> list[str]:
    """The dated passages as dots, one lane per article.  Dots that would overlap (the summit
    days, seen from the whole year) are one ring with their count inside, linked to the
    answer's passage among them or else the first; the answer's dot or ring red, drawn last."""
    top, lane = rows
    dot, ring = (4.5, 8) if narrow else (6, 10)
    drawn = []
    for i, article in enumerate(articles):
        points = [
            (x(p), p)
            for p in passages
            if p.article == article and p.date and span[0] <= _day(p.date) <= span[1]
        ]
        y = top + lane * i + lane / 2
        for group in _clusters(points, 2 * ring + 2):
            members = [p for _, p in group]
            is_best = any(p.id in best for p in members)
            target = next((p for p in members if p.id in best), members[0])
            colour = BEST_COLOUR if is_best else ARTICLE_COLOURS.get(article, "#555")
            cx = sum(gx for gx, _ in group) / len(group)
            tip = escape(" · ".join(f"{p.date} {p.text[:24]}…" for p in members))
            link = f'<a href="#page-{escape(target.id)}">'
            marked = " summit-dot-best" if is_best else ""
            if len(group) == 1:
                radius = (7 if narrow else 9) if is_best else dot
                shape = (
                    f'<circle cx="{cx:.1f}" cy="{y:.0f}" r="{radius}" fill="{colour}" '
                    f'class="summit-dot{marked}"><title>{tip}</title></circle>'
                )
            else:
                shape = (
                    f'<circle cx="{cx:.1f}" cy="{y:.0f}" r="{ring}" stroke="{colour}" '
                    f'class="summit-cluster{marked}"><title>{tip}</title></circle>'
                    f'<text x="{cx:.1f}" y="{y + (4 if narrow else 5):.0f}" text-anchor="middle" '
                    f'class="summit-count">{len(group)}</text>'
                )
            drawn.append((is_best, f"{link}{shape}</a>"))
    return [svg for _, svg in sorted(drawn, key=lambda d: d[0])]  # the answer drawn last: on top


def _swatch(colour: str) -> str:
    return f'<span class="summit-swatch" style="background:{colour}"></span>'


def _legend(passages: Sequence[Passage], answer_label: str) -> str:
    items = []
    for article in dict.fromkeys(p.article for p in passages):
        title = next(p.title for p in passages if p.article == article)
        colour = ARTICLE_COLOURS.get(article, "#555")
        items.append(f"<li>{_swatch(colour)}{escape(title)}</li>")
    items.append(f"<li>{_swatch(BEST_COLOUR)}{answer_label}</li>")
    return f'<ul class="summit-legend">{"".join(items)}</ul>'


def timeline_html(passages: Sequence[Passage], best: str | None = None, also: Sequence[str] = ()) -> str:
    """Two panels (the whole year, and the summit weeks where February 2019 crowds) and a
    list of every dated passage in date order; only the answer's passages are red: ``best``,
    and ``also`` (the other passages of an answer of several)."""
    answer = tuple(x for x in (best, *also) if x)
    dated = sorted((p for p in passages if p.date), key=lambda p: (_day(p.date), p.id))
    if not dated:
        return "<p>No dated passages.</p>"
    first, last = _day(dated[0].date), _day(dated[-1].date)
    year_start, zoom_start, zoom_end = dt.date(first.year, first.month, 1), last - dt.timedelta(days=12), last
    panels = []
    for narrow in (False, True):
        panels.append(_axis(passages, answer, year_start, last, "The year", narrow))
        panels.append(_axis(passages, answer, zoom_start, zoom_end, "The summit weeks", narrow))
    legend = _legend(passages, "the answer")
    rows = []
    for p in dated:
        mark = ' class="summit-best"' if p.id in answer else ""
        rows.append(
            f'<li{mark}><a href="#page-{escape(p.id)}">'
            f'<span class="summit-date">{escape(p.date)}</span></a> '
            f'<span class="summit-where">{escape(p.title)}</span><br>{escape(p.text)}</li>'
        )
    marker = ""
    if best:
        chosen = next((p for p in dated if p.id == best), None)
        if chosen:
            excerpt = escape(chosen.text[:60])
            marker = f'<p class="summit-marker">▶ <b>{escape(chosen.date)}</b> · {excerpt}…</p>'
    return (
        f'<div class="summit-timeline" id="timeline-answer">{marker}{legend}{"".join(panels)}'
        f'<ol class="summit-events">{"".join(rows)}</ol></div>'
    )
