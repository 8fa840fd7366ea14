"""The period a question names: two dates, a month, a year, a half year or a season, and
the page's own events as anchors ("between the two summits", "after the Singapore summit").

Bounds are ISO strings of any precision; a period bounded by anchors leaves them out
(``exclusive``).  A month or season without a year is the latest one at or before the
page's date (on a page of Feb 2019, "7月" and "秋天" are 2018's).
"""

from __future__ import annotations

import datetime as dt
import re

from summit_qa.page.dates import DateQuery, question_dates


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# Periods: a half year, and the page's own events as anchors.
_FIRST_HALF = _any(r"上半年|first half|상반기|前半|上半期|nửa đầu")
_SECOND_HALF = _any(r"下半年|second half|later half|하반기|後半|下半期|nửa cuối|nửa sau")
_BETWEEN_SUMMITS = _any(
    r"两次(?:会晤|峰会|首脑会晤|金特会|特金会)之间|between the (?:two|first and second) summits",
    r"두 (?:차례 )?(?:정상)?회담 사이|2つの(?:首脳)?会談の間|giữa hai (?:hội nghị|cuộc gặp)",
)
_AFTER = _any(r"之后|以后|后(?:来)?发生|\bafter\b|\bsince\b|이후|후에|以降|の後|sau (?:khi|hội nghị|cuộc)")
_BEFORE = _any(
    r"之前|以前|前夕|\bbefore\b|\bprior to\b|\bleading up to\b|\b(?:run|lead)-up to\b|\bahead of\b|이전|전에|전까지|앞두고|"
    r"以前|の前|前まで|に先立|trước (?:khi|hội nghị|cuộc)"
)
_SPAN = _any(r"到(?!底)|至|~|～|—|–|\bto\b|\buntil\b|\bthrough\b|\bbetween\b|부터|까지|から|まで|đến|tới|từ")
# Words that name the page's summits, left out when the question's actions are read.
SUMMIT_WORDS = _any(
    r"会晤|峰会|首脑会谈|金特会|特金会|\bsummits?\b|정상회담|회담|首脳会談|会談|hội nghị thượng đỉnh|thượng đỉnh"
)
SINGAPORE = _any(r"新加坡|singapore|싱가포르|シンガポール|singapo")
HANOI = _any(r"河内|hanoi|ha noi|hà nội|하노이|ハノイ|越南|vietnam|việt nam|베트남|ベトナム")


# The seasons, as the months they cover (winter runs into the next year).
_SEASONS = (
    (
        (3, 5),
        _any(r"春天|春季|\bspring\b|봄|(?<![\u4e00-\u9fff])春(?:に|の|頃|ごろ|から|まで)|の春|mùa xuân"),
    ),
    (
        (6, 8),
        _any(
            r"夏天|夏季|\bsummer\b|여름|(?<![\u4e00-\u9fff])夏(?:に|の|頃|ごろ|から|まで)|の夏|mùa hè|mùa hạ"
        ),
    ),
    (
        (9, 11),
        _any(
            r"秋天|秋季|\bautumn\b|\b(?:the|last|this|in|of) fall\b|\bfall (?:of )?(?:20)?\d\d\b|가을|"
            r"(?<![\u4e00-\u9fff])秋(?:に|の|頃|ごろ|から|まで)|の秋|mùa thu"
        ),
    ),
    (
        (12, 2),
        _any(r"冬天|冬季|\bwinter\b|겨울|(?<![\u4e00-\u9fff])冬(?:に|の|頃|ごろ|から|まで)|の冬|mùa đông"),
    ),
)
# A year in two digits before a month, a season or a half ("18年秋天", "18년 하반기").
_SHORT_YEAR = re.compile(
    r"(?<![\d.])(\d{2})\s*[年년](?=\s*(?:\d{1,2}\s*[月월]|[春夏秋冬]|上半年|下半年|年初|年底|年末|봄|여름|가을|겨울|상반기|하반기))"
)


def _short_year(question: str, published: dt.date) -> int | None:
    m = _SHORT_YEAR.search(question)
    year = 2000 + int(m.group(1)) if m else None
    return year if year is not None and year <= published.year else None


def _season(question: str, published: dt.date, year: int | None) -> tuple[str, str] | None:
    """The months of the season a question names: of ``year``, else the latest season that
    began by the page's date ("秋天" on a page of Feb 2019 is the autumn of 2018)."""
    for (first, last), pattern in _SEASONS:
        if not pattern.search(question):
            continue
        if year is None:
            year = published.year if (published.month, published.day) >= (first, 1) else published.year - 1
        end_year = year + 1 if last < first else year
        return f"{year:04d}-{first:02d}", f"{end_year:04d}-{last:02d}"
    return None


def iso_bound(q: DateQuery, published: dt.date, year: int | None = None) -> str | None:
    """A question's date as an ISO bound; a month without a year takes ``year`` or else
    the latest year at or before the page's date (on a page of Feb 2019, "7月" is 2018)."""
    year = q.year or year
    if year is None:
        if q.month is None:
            return None
        year = published.year if q.month <= published.month else published.year - 1
    if q.month is None:
        return f"{year:04d}"
    if q.day is None:
        return f"{year:04d}-{q.month:02d}"
    return f"{year:04d}-{q.month:02d}-{q.day:02d}"


Period = tuple[tuple[str | None, str | None], bool]


def named_summit(text: str, summits: tuple[str, ...]) -> str | None:
    """The day of the summit ``text`` names by its place (Singapore: the first, Hanoi: the last)."""
    if not summits:
        return None
    return summits[0] if SINGAPORE.search(text) else summits[-1] if HANOI.search(text) else None


def _anchored(question: str, bound: str) -> Period | None:
    """ "after X" / "before X": the period on one side of ``bound``, ``bound`` left out."""
    after, before = bool(_AFTER.search(question)), bool(_BEFORE.search(question))
    if after and not before:
        return (bound, None), True
    if before and not after:
        return (None, bound), True
    return None


def period(question: str, published: dt.date, summits: tuple[str, ...]) -> Period | None:
    """The period a question names (ISO bounds, inclusive unless anchors), or None."""
    if _BETWEEN_SUMMITS.search(question) and len(summits) >= 2:
        return (summits[0], summits[-1]), True
    dates = question_dates(question, published)
    year = next((q.year for q in dates if q.year), None) or _short_year(question, published)
    if year is not None and not any(q.month for q in dates):
        if _FIRST_HALF.search(question):
            return (f"{year}-01", f"{year}-06"), False
        if _SECOND_HALF.search(question):
            return (f"{year}-07", f"{year}-12"), False
    if not any(q.month for q in dates) and (season := _season(question, published, year)):
        return season, False
    if len(dates) >= 2:
        first = dates[0]
        month = first.month or published.month  # "23号到26号": the page's own month
        bounds = []
        for q in dates:
            if q.month is None and q.day is not None:
                q = DateQuery(q.year or first.year, month, q.day)  # "2月23日到26日"
            bound = iso_bound(q, published, year)
            if bound:
                bounds.append(bound)
        if len(bounds) >= 2:
            return (min(bounds), max(bounds)), False
    anchor = named_summit(question, summits)
    if len(dates) == 1 and anchor and _SPAN.search(question):
        only = iso_bound(dates[0], published, year)  # "从去年3月到新加坡会晤之前": from a date to an anchor
        if only:
            return (min(only, anchor), max(only, anchor)), True
    if dates:
        only = iso_bound(dates[0], published, year)
        if only is None:
            return None
        return _anchored(question, only) or ((only, only), False)
    both = len(summits) >= 2 and SINGAPORE.search(question) and HANOI.search(question)
    if both and (_AFTER.search(question) or _BEFORE.search(question) or _SPAN.search(question)):
        return (summits[0], summits[-1]), True  # "after Singapore and before Hanoi"
    if summits and SINGAPORE.search(question):
        return _anchored(question, summits[0])
    if summits and HANOI.search(question):
        return _anchored(question, summits[-1])
    return None
