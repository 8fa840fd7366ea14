"""The date a passage gives for what was asked: the date of the marked sentence's clause
that holds the question's words.

A passage's own date is its first ("越南外交部25日表示，特朗普将于…26日…抵达河内"
is dated the 25th); the question "when does Trump arrive?" is answered by the
26th.  Within the marked sentence, the clause (cut at commas and semicolons) that
holds most of the question's words gives the date; a clause without one takes the
date written before it in the sentence, and a sentence without one the date
before it in the passage, else the passage's own date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from summit_qa.page.passages import Passage

_CLAUSE_END = re.compile(r"[，,；;：:]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in _CLAUSE_END.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return [(a, b) for a, b in out if b > a]


def answering_date(
    passage: Passage,
    span: tuple[int, int],
    wanted: Iterable[str],
    terms_of: Callable[[str], list[str]],
) -> str | None:
    """The ISO date ``passage`` gives for the question whose terms are ``wanted``, read in
    the sentence at ``span`` (``terms_of`` cuts text into the same terms)."""
    mentions = passage.date_spans
    if not mentions:
        return passage.date
    a, b = span if span[1] > span[0] else (0, len(passage.text))
    inside = [m for m in mentions if a <= m[0] < b]
    if not inside:
        before = [m for m in mentions if m[0] < a]
        return before[-1][2] if before else passage.date
    if len(inside) == 1:
        return inside[0][2]
    wanted = set(wanted)
    best, best_hits = None, -1
    for c0, c1 in _clauses(passage.text, a, b):
        hits = len(wanted & set(terms_of(passage.text[c0:c1])))
        if hits > best_hits:
            best, best_hits = (c0, c1), hits
    c0, c1 = best
    in_clause = [m for m in inside if c0 <= m[0] < c1]
    if in_clause:
        return in_clause[0][2]
    before = [m for m in inside if m[0] < c0]
    return before[-1][2] if before else inside[0][2]
