"""Resolve the dates a Chinese news text mentions into ISO strings.

A small rule layer instead of a general time parser: the page needs context
that libraries lack (a timeline year carried from entry to entry, 次日/同日
after the date before them, a day alone taking its entry's month).  The same
resolver reads questions, where it also knows English, Korean, Japanese and
Vietnamese forms ("August 1, 2018", "8월 1일", "ngày 1 tháng 8").

ISO precision follows the text: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# The version of these rules: an index records it, so a change to them (a passage's
# date resolved differently) rebuilds the index.
RESOLVER_VERSION = 1

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零一二两三四五六七八九十"
# A number in a date: Arabic digits (full- or half-width) or Chinese numerals.
_NUM = rf"(?:[0-9０-９]{{1,2}}|[{_CN_NUM}]{{1,3}})"
_YEAR = r"(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})"
_SP = r"[ \u3000]*"  # the page prints "暂停 8 月", "当地时间 26 日"

_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_SAME_DAY = ("同日", "当天", "当日")
_NEXT_DAY = ("次日", "翌日", "第二天")
_REFERENCE_DAYS = {
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "今晨": 0,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "明天": 1,
    "明日": 1,
    "前天": -2,
}

_CHINESE_DATE = re.compile(
    rf"(?P<year>{_YEAR}){_SP}年(?:{_SP}(?P<ym>{_NUM}){_SP}月(?:{_SP}(?P<yd>{_NUM}){_SP}日)?)?"
    rf"|(?P<rel>{'|'.join(_RELATIVE_YEARS)}){_SP}(?:(?P<rm>{_NUM}){_SP}月(?:{_SP}(?P<rd>{_NUM}){_SP}日)?)?"
    rf"|(?P<month>{_NUM}){_SP}月(?:{_SP}(?P<md>{_NUM}){_SP}[日号])?"
    rf"|(?P<day>[0-9０-９]{{1,2}}){_SP}[日号]|(?P<cday>[{_CN_NUM}]{{1,3}})日"
    rf"|(?P<word>{'|'.join((*_SAME_DAY, *_NEXT_DAY, *_REFERENCE_DAYS))})"
)


def chinese_number(token: str) -> int | None:
    """'12', '１２', '十二', '二十七', '二〇一九' → int; None when not a number."""
    token = token.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGITS for ch in token):  # digit by digit: 二〇一九
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    if "十" in token:
        tens, _, ones = token.partition("十")
        if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return None


@dataclass(frozen=True)
class DateMention:
    """One date found in a text: where it stands and what it resolves to."""

    start: int
    end: int
    surface: str
    iso: str
    explicit_year: bool = True


@dataclass
class DateContext:
    """What a reader knows before a text: the year in force and the reference day.

    ``year`` carries from passage to passage within an article (a timeline's
    "2018年年初" sets it until "2019年1月1日"); ``month`` is the month a day
    alone takes when its own text names none (the page's month).
    """

    reference: dt.date
    year: int = 0
    month: int = 0

    def __post_init__(self) -> None:
        self.year = self.year or self.reference.year
        self.month = self.month or self.reference.month


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}" if 1 <= year <= 9999 else None
    except ValueError:
        return None


def _shift(iso: str | None, days: int) -> str | None:
    if iso is None or len(iso) != 10:
        return None
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def resolve(text: str, context: DateContext) -> list[DateMention]:
    """Every date ``text`` mentions, in order, resolved in ``context``.

    Updates ``context.year`` when the text names a year explicitly, so the
    caller can carry it to the next passage of the same article.
    """
    mentions: list[DateMention] = []
    anchor_year, anchor_month = context.year, context.month
    last_day: str | None = None  # the full date before the current position

    def add(match: re.Match[str], iso: str | None, explicit_year: bool = True) -> None:
        nonlocal last_day
        if iso is None:
            return
        mentions.append(DateMention(match.start(), match.end(), match.group(0), iso, explicit_year))
        if len(iso) == 10:
            last_day = iso

    for m in _CHINESE_DATE.finditer(text):
        g = m.groupdict()
        if g["year"]:
            year = chinese_number(g["year"])
            month = chinese_number(g["ym"]) if g["ym"] else None
            day = chinese_number(g["yd"]) if g["yd"] else None
            context.year = anchor_year = year
            if month:
                anchor_month = month
            add(m, _iso(year, month, day))
        elif g["rel"]:
            year = context.reference.year + _RELATIVE_YEARS[g["rel"]]
            month = chinese_number(g["rm"]) if g["rm"] else None
            day = chinese_number(g["rd"]) if g["rd"] else None
            if month:
                anchor_year, anchor_month = year, month
            add(m, _iso(year, month, day))
        elif g["month"]:
            month = chinese_number(g["month"])
            day = chinese_number(g["md"]) if g["md"] else None
            if month is None or not 1 <= month <= 12:
                continue
            anchor_month = month
            anchor_year = context.year
            add(m, _iso(anchor_year, month, day), explicit_year=False)
        elif g["day"] or g["cday"]:
            day = chinese_number(g["day"] or g["cday"])
            if day is None or not 1 <= day <= 31:
                continue
            add(m, _iso(anchor_year, anchor_month, day), explicit_year=False)
        else:
            word = g["word"]
            if word in _SAME_DAY:
                add(m, last_day, explicit_year=False)
            elif word in _NEXT_DAY:
                add(m, _shift(last_day, 1), explicit_year=False)
            else:
                ref = context.reference + dt.timedelta(days=_REFERENCE_DAYS[word])
                add(m, ref.isoformat())
    return mentions


# ---------------------------------------------------------------- questions
_MONTHS_EN = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS_EN, key=len, reverse=True)) + r")\.?"
_FOREIGN_DATE = re.compile(
    r"(?<!\d)(?P<iso>\d{4})-(?P<isom>\d{1,2})(?:-(?P<isod>\d{1,2}))?(?!\d)"
    # Year first with slashes or dots: "2018/6/12", "2018.6.12"; day first with dots: "12.6.2018".
    # Numbers are bounded by non-digits, not \b: a Chinese or Japanese word may follow ("2018.7.15发生了啥").
    r"|(?<![\d.])(?P<yyear>\d{4})[/.](?P<ymon>\d{1,2})[/.](?P<yday>\d{1,2})(?!\d|[/.]\d)"
    r"|(?<![\d.])(?P<pday>\d{1,2})\.(?P<pmon>\d{1,2})\.(?P<pyear>\d{4})(?!\d)"
    # English: "August 1, 2018", "Aug 1", "1 August 2018", "June 2018", "in June"
    rf"|\b{_MON}\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<myear>\d{{4}}))?"
    rf"|\b(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON.replace('mon', 'dmon')}"
    r"(?:,?\s+(?P<dyear>\d{4}))?"
    rf"|\b{_MON.replace('mon', 'omon')}(?:\s+(?P<oyear>\d{{4}}))?\b"
    # Korean: "2018년 8월 1일", "8월 1일"
    r"|(?:(?P<kyear>\d{4})\s*년\s*)?(?P<kmon>\d{1,2})\s*월(?:\s*(?P<kday>\d{1,2})\s*일)?"
    # Vietnamese: "ngày 1 tháng 8 năm 2018", "tháng 6 năm 2018", "ngày 12/6/2018"
    r"|(?:ngày\s+(?P<vday>\d{1,2})\s+)?tháng\s+(?P<vmon>\d{1,2})(?:\s+năm\s+(?P<vyear>\d{4}))?"
    r"|(?<![\d/])(?P<sday>\d{1,2})/(?P<smon>\d{1,2})(?:/(?P<syear>\d{4}))?(?![\d/])"
    r"|\b(?:in|during|throughout|from|of|to|until|till|through|năm|year)\s+(?P<lyear>(?:19|20)\d{2})\b(?![/.-]\d)"
    r"|(?P<kyonly>\d{4})\s*년"
    # Month and day with a dot, as Chinese and Japanese readers type them, before a word for
    # that day ("3.8那天", "6.12号", "10.8の日"): a dot alone might be a decimal
    r"|(?<![\d.])(?P<cmon>\d{1,2})\.(?P<cday>\d{1,2})(?=\s*(?:那天|当天|这天|那日|日|号|の日))"
    # A day of the month alone, as 26日 is in Chinese ("on the 26th", "27일", "ngày 27"): not an
    # ordinal before a noun ("the 2nd summit"), not a Vietnamese day before its month.
    r"|\b(?:on|of|by|until|till|since|from|for)\s+the\s+(?P<eday>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?!(?:and|or|to|at|in|through|until|before|after)\b)[a-z])"
    r"|(?<![\d월])(?P<kday1>\d{1,2})\s*일(?!\d)"
    r"|\bngày\s+(?P<vday1>\d{1,2})(?![\d/.\-]|\s*tháng)",
    re.IGNORECASE,
)


def _foreign(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    g = match.groupdict()
    num = lambda k: int(g[k]) if g.get(k) else None  # noqa: E731
    if g["iso"]:
        return num("iso"), num("isom"), num("isod")
    if g["yyear"]:
        return num("yyear"), num("ymon"), num("yday")
    if g["pday"]:
        return num("pyear"), num("pmon"), num("pday")
    for mon, day, year in (("mon", "mday", "myear"), ("dmon", "dday", "dyear")):
        if g[mon]:
            return num(year), _MONTHS_EN[g[mon].lower().rstrip(".")], num(day)
    if g["omon"]:
        if g["omon"].lower() == "may" and not g["oyear"]:
            return None, None, None  # the modal verb, not the month
        return num("oyear"), _MONTHS_EN[g["omon"].lower().rstrip(".")], None
    if g["kmon"]:
        return num("kyear"), num("kmon"), num("kday")
    if g["cmon"]:
        return None, num("cmon"), num("cday")
    if g["vmon"]:
        return num("vyear"), num("vmon"), num("vday")
    if g["smon"]:
        day, month = num("sday"), num("smon")
        if month and month > 12 and day and day <= 12:  # "7/15": month first, as English writes
            day, month = month, day
        return num("syear"), month, day
    if day := num("eday") or num("kday1") or num("vday1"):
        return None, None, day
    return num("lyear") or num("kyonly"), None, None


@dataclass(frozen=True)
class DateQuery:
    """A date a question asks about; parts the question left out are None."""

    year: int | None
    month: int | None = None
    day: int | None = None
    surface: str = field(default="", compare=False)

    def matches(self, iso: str) -> bool:
        """True when an ISO date (any precision) agrees with every part asked."""
        parts = [int(p) for p in iso.split("-")]
        wanted = (self.year, self.month, self.day)
        if self.day is not None and len(parts) < 3:
            return False
        if self.month is not None and len(parts) < 2:
            return False
        return all(w is None or w == p for w, p in zip(wanted, parts, strict=False))


def question_dates(question: str, reference: dt.date) -> list[DateQuery]:
    """The dates a question names, in any of the supported languages.

    Chinese and Japanese forms go through :func:`resolve`; a part the question
    does not state (the year of "7月15日") stays open instead of being guessed,
    and "today" is left out: a reader's today is not the page's.
    """
    question = _month_pairs(question)
    found: list[DateQuery] = []
    spans: list[tuple[int, int]] = []
    context = DateContext(reference=reference)
    for mention in resolve(question, context):
        if mention.surface in (*_SAME_DAY, *_NEXT_DAY):
            continue
        if mention.surface in _REFERENCE_DAYS:
            continue  # a reader's "today" is not the page's
        parts = [int(p) for p in mention.iso.split("-")] + [None, None]
        year = parts[0] if mention.explicit_year else None
        month = parts[1] if "月" in mention.surface else None
        day = parts[2] if re.search("[日号]", mention.surface) else None
        found.append(DateQuery(year, month, day, mention.surface))
        spans.append((mention.start, mention.end))
    for m in _FOREIGN_DATE.finditer(question):
        if any(s <= m.start() < e for s, e in spans):
            continue
        year, month, day = _foreign(m)
        if year is None and month is None and day is None:
            continue
        if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
            continue
        if m.group("cmon"):  # "6.12号" is one date, not "12号" as well
            keep = [k for k, (s, e) in enumerate(spans) if not (s < m.end() and m.start() < e)]
            found, spans = [found[k] for k in keep], [spans[k] for k in keep]
        found.append(DateQuery(year, month, day, m.group(0)))
        if _either_way(m, question):  # "9/10": 10 September as Chinese or English write it, or 9 October
            found.insert(len(found) - 1, DateQuery(year, day, month, m.group(0)))
    return found


# Two months written with one 月: "7、8月", "7-8月份", "七、八月", "七八月" (two neighbours).
_MONTH_PAIR = re.compile(
    r"(?<![\d月日号])(1[0-2]|[1-9])\s*[、,，\-~～/和或]\s*(1[0-2]|[1-9])(?=\s*月)"
    r"|(?<![一二三四五六七八九十])([一二三四五六七八九十][一二]?)、?([一二三四五六七八九十][一二]?)(?=月)"
)


def _month_pairs(question: str) -> str:
    """``question`` with a pair of months sharing one 月 written as two ("7月、8月")."""

    def two(m: re.Match[str]) -> str:
        first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        a, b = (int(x) if x.isdigit() else chinese_number(x) for x in (first, second))
        if not (a and b and 1 <= a < b <= 12) or (m.group(3) and "、" not in m.group(0) and b != a + 1):
            return m.group(0)  # "十二月" is December; neighbours only when written together
        return f"{first}月、{second}"

    return _MONTH_PAIR.sub(two, question)


def _either_way(m: re.Match[str], question: str) -> bool:
    """A day and month written with a slash and no year, both at most 12, not after the
    Vietnamese "ngày" (which puts the day first): either could be the month."""
    day, month = m.group("sday"), m.group("smon")
    if not day or not month or m.group("syear") or day == month or max(int(day), int(month)) > 12:
        return False
    return not re.search(r"ngày\s*$", question[: m.start()], re.I)


# ---------------------------------------------------------------- against the page
def query_day(query: DateQuery, published: dt.date) -> str | None:
    """The ISO day a date query names (None without a day); a month after the page's, written
    without a year, is last year's ("6月12日" on a page of February 2019 is 2018's)."""
    if query.month is None or query.day is None:
        return None
    year = query.year or (published.year if query.month <= published.month else published.year - 1)
    try:
        return dt.date(year, query.month, query.day).isoformat()
    except ValueError:
        return None


def before_page(query: DateQuery, published: dt.date) -> bool:
    """A day the question names is before the page's own."""
    day = query_day(query, published)
    return day is not None and day < published.isoformat()


def all_after(wanted: list[DateQuery], published: dt.date | None) -> bool:
    """Every date the question names (with its year) lies after the page's date."""
    dated = [q for q in wanted if q.year is not None]
    if not dated or published is None or len(dated) != len(wanted):
        return False
    page = (published.year, published.month, published.day)
    return all(
        (q.year, q.month or 12, q.day or 31) > page and (q.year, q.month or 0, q.day or 0) > page
        for q in dated
    )
