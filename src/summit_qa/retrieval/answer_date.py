"""The date a passage gives for what was asked.

A passage's own date is its first ("越南外交部25日表示，特朗普将于…26日…抵达河内"
is dated the 25th); the question "when does Trump arrive?" is answered by the
26th, "when did Vietnam announce it?" by the 25th.  The rules, in order:

* a day or month the question names that the passage writes is the date asked about,
  unless the question asks for a date while naming one ("according to the May 10
  announcement, on what date…"): then the dates it names are context, and another
  date of the sentence answers;
* otherwise, within the marked sentence, the clause (cut at commas and semicolons)
  that holds most of the question's words gives the date; a question about a
  statement ("when did X say / announce…") takes the clause with the statement's
  verb instead;
* a clause without a date takes the first date of the nearest clause before it that
  has one ("7月6日至7日，蓬佩奥再度访问平壤" starts on the 6th), or its last when the
  question asks when something ended; a sentence without one takes the date before it
  in the passage, else the passage's own date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from summit_qa.page.dates import DateQuery
from summit_qa.page.passages import Passage

_CLAUSE_END = re.compile(r"[，,；;：:]")
# Verbs of saying in the page's text, and the words a question uses to ask about a statement.
SPEECH = re.compile(r"表示|宣布|公布|说|称|声明|报道|透露|指出")
ASKS_ABOUT_A_STATEMENT = re.compile(
    r"宣布|公布|表示|说|声明|透露|\bannounc|\bsa(?:y|id)\b|\bstate[ds]?\b|\bstatement\b|\bdisclos|\breveal"
    r"|발표|말한|말했|밝힌|밝혔|発表|言った|述べ|明らかに|tuyên bố|công bố|thông báo|nói",
    re.I,
)


ASKS_ABOUT_AN_END = re.compile(r"结束|截止|为止|\bend(?:ed|s)?\b|\blast(?:ed)?\b|끝|終わ|終了|kết thúc", re.I)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in _CLAUSE_END.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return [(a, b) for a, b in out if b > a]


def _asked(passage: Passage, asked: Sequence[DateQuery], end: bool) -> str | None:
    """A date the question names (with its day or month) that the passage writes: the first
    such, or the last when the question asks when something ended."""
    found = [
        iso
        for q in asked
        if q.month is not None or q.day is not None
        for _, _, iso in passage.date_spans
        if q.matches(iso)
    ]
    return (found[-1] if end else found[0]) if found else None


def answering_date(
    passage: Passage,
    span: tuple[int, int],
    wanted: Iterable[str],
    terms_of: Callable[[str], list[str]],
    asked: Sequence[DateQuery] = (),
    statement: bool = False,
    end: bool = False,
    given: bool = False,
) -> str | None:
    """The ISO date ``passage`` gives for the question whose terms are ``wanted`` and whose
    dates are ``asked``, read in the sentence at ``span`` (``terms_of`` cuts text into the
    same terms); ``statement``: the question asks when something was said; ``end``: when
    something ended (a range's last date); ``given``: it asks for a date and the dates it
    names are what it already knows."""
    mentions = passage.date_spans
    if not mentions:
        return passage.date
    named = None if given else _asked(passage, asked, end)
    if named:
        return named
    a, b = span if span[1] > span[0] else (0, len(passage.text))
    inside = [m for m in mentions if a <= m[0] < b]
    if given:  # another date than the ones the question gives, when the sentence has one
        known = [q for q in asked if q.month is not None or q.day is not None]
        inside = [m for m in inside if not any(q.matches(m[2]) for q in known)] or inside
    if not inside:
        before = [m for m in mentions if m[0] < a]
        return before[-1][2] if before else passage.date
    if len(inside) == 1:
        return inside[0][2]
    clauses = _clauses(passage.text, a, b)
    spoken = [c for c in clauses if SPEECH.search(passage.text[c[0] : c[1]])] if statement else []
    if spoken:
        best = spoken[0]
    else:
        words = set(wanted)
        best = max(clauses, key=lambda c: len(words & set(terms_of(passage.text[c[0] : c[1]]))))
    for c0, c1 in reversed([c for c in clauses if c[0] <= best[0]]):
        dated = [m for m in inside if c0 <= m[0] < c1]
        if dated:
            return dated[-1][2] if end else dated[0][2]
    return inside[0][2]
