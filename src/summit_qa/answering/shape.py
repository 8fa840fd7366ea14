"""The shape of a question: one fact, or a set of passages (a list, a count, a date range,
a heading's items, an overview, a comparison, the page itself).

Each shape is one general class, recognised by the words readers use for it in
the five languages; a question with none of them is a single-fact question and
is answered as before.  The period a question names is read by periods.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summit_qa.answering.cues import BEFORE, NEXT, is_short, matches
from summit_qa.answering.ordinals import LAST, find_ordinal, find_ordinals
from summit_qa.answering.periods import period


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# Questions about the page itself: its date, its articles, agencies, headlines.
PAGE = {
    "zh": _any(
        r"(?:这|本|此|该)(?:版|张报纸|份报纸|期报纸|一版)|报纸(?:是)?(?:哪天|什么时候|日期)|版面|哪几?篇|几篇(?:文章|报道|稿)|哪些(?:报道|文章|稿)|稿子|稿件|社发|通讯社|标题"
    ),
    "en": _any(
        r"\b(?:this|the) (?:page|newspaper|paper|issue)\b.*\b(?:date|dated|articles?|stories|reports?|headlines?|agenc)",
        r"\b(?:date|articles?|stories|headlines?|agenc(?:y|ies))\b.*\b(?:this|the) (?:page|newspaper|paper)\b",
        r"\bheadlines?\b",
        r"\bwhich (?:news )?agenc",
        r"\bhow many (?:articles|stories|reports)\b",
        r"\bwhat (?:articles|stories|reports)\b",
    ),
    "ko": _any(r"이 (?:신문|지면|면)|신문(?:의)? 날짜|기사(?:는|가)? 몇|어떤 기사|제목|통신사"),
    "ja": _any(r"この(?:紙面|新聞|面|ページ)|新聞の日付|記事は(?:何|いくつ)|どんな記事|見出し|通信社"),
    "vi": _any(
        r"(?:trang|tờ) báo (?:này|này là)|trang này|báo ngày|bài (?:báo )?nào|mấy bài|bao nhiêu bài|tiêu đề|thông tấn"
    ),
}
OVERVIEW = {
    "zh": _any(
        r"(?:讲|说)了些?什么|(?:讲|写)的(?:都)?是(?:些)?什么|讲什么|(?:文章|报道|大事记|这篇|那篇|分析)[^。？?]{0,8}(?:讲|写|说)(?:了|的)?(?:是)?啥|主要内容|大意|要点|主线|概括|总结|概述|综述|讲讲|介绍一下(?:这|本)|"
        r"核心(?:意思|内容|观点)|中心思想|主旨|"
        r"(?:讲|说|写|提)了哪(?:几|些)(?:点|方面|内容)?|哪几点|哪些点|写了什么|(?:是)?关于(?:什么|啥)"
    ),
    "en": _any(
        r"\bsummar",
        r"\boverview\b",
        r"\bwhat(?:'s| is) (?:this|the) (?:page|article|analysis|piece|timeline)\b.*\babout\b",
        r"\bwhat(?:'s| is) on (?:this|the) page\b",
        r"\bmain points?\b",
        r"\bgist\b",
        r"\bkey points?\b",
        r"\bin (?:a )?nutshell\b",
        r"\brundown\b|\btl;?dr\b|\bbottom line\b",
    ),
    "ko": _any(r"요약|요점|무슨 내용|어떤 내용|주요 내용|개요|줄거리|핵심 내용|뭐에 대한|무엇에 관한"),
    "ja": _any(
        r"要約|まとめて(?:ください|下さい|くれ|ほしい|欲しい)|要点|概要|何について書|どんな内容|主な内容|要するに|"
        r"何が書いて|どんなことが書|ざっくり"
    ),
    "vi": _any(r"tóm tắt|tóm lại|nội dung chính|ý chính|nói về (?:gì|điều gì|cái gì|chuyện gì)|tổng quan"),
}
# How long something lasted: one fact, even when it names a period ("after the summit").
DURATION = re.compile(
    r"多久|多长时间|\bhow long\b|얼마나 오래|얼마 동안|どのくらい|どれくらい|何日間|bao lâu", re.I
)
# Counting events ("how many times") and counting anything ("how many"): the second is a
# count of passages only when the question also names a kind of event or a period.
COUNT = {
    # "第几次" asks which time this is (one passage tells it), not how many
    "zh": _any(r"(?<!第)(?:几次|几回|几趟|几处)|多少次|多少回|多少趟|多少处"),
    "en": _any(
        r"\bhow many times\b", r"\bhow often\b", r"\bnumber of times\b", r"\bhow many (?:mentions|places)\b"
    ),
    "ko": _any(r"몇 ?번(?!\s?째)|몇 ?차례|몇 ?회(?!\s?째)|몇 ?군데"),
    "ja": _any(r"何回(?!目)|何度(?!目)|何か所|何箇所|何カ所"),
    "vi": _any(r"bao nhiêu lần|mấy lần|mấy chỗ|bao nhiêu chỗ"),
}
SOME_COUNT = {
    "zh": _any(
        r"(?<![这那])几个|多少个|(?<![这那])几件|多少件|(?<![这那])几条|(?<![这那])几项|(?<![这那])几篇|多少"
    ),
    "en": _any(r"\bhow many\b", r"\bnumber of\b"),
    "ko": _any(r"몇 ?개|몇 ?가지|몇 ?건"),
    "ja": _any(r"いくつ|何件|何個|幾つ"),
    # a classifier may stand after "bao nhiêu" ("bao nhiêu mốc sự kiện"); "mấy mốc" is "a few"
    "vi": _any(
        r"bao nhiêu (?:\w+ )?(?:cuộc|chuyến|mục|sự kiện|bài|đoạn|mốc)\b|mấy (?:cuộc|chuyến|mục|sự kiện|bài|đoạn)"
    ),
}
LIST = {
    "zh": _any(
        r"都有哪些|有哪些|都有什么|有什么事|哪几次|哪些|列出|列举|都是什么|分别是|一一|梳理|盘点|按时间(?:顺序)?|"
        r"一步步|来龙去脉|经过|过程|前前后后|始末|前因后果|所有|全部",
        r"都[^，,。？?]{0,8}(?:谁|哪儿|哪里)",  # "都跟谁见过面": 都 before who / where asks for each one
    ),
    "en": _any(
        r"\blist\b",
        r"\bwhich (?:events|meetings|visits|trips|times)\b",
        r"\bwhat (?:events|meetings|visits|trips)\b",
        r"\ball (?:the )?(?:events|meetings|visits|trips|times)\b",
        r"\bwhat are the\b",
        r"\bname the\b",
        # words of totality: "every statement", "all the visits", "everything from … to …"
        r"\bevery(?:thing| (?!time\b)\w+)|\ball (?:the |of the )?(?!(?:this|his|was|is|us)\b)\w+s\b|\ball of (?:it|them)\b",
        r"\bin (?:chronological|date) order\b",
        r"\bchronolog",
        r"\bwalk me through\b|\bstep by step\b|\bsequence of\b|\b(?:every|each) time\b",
        r"\bhow did (?:[\w'-]+ ){1,6}(?:unfold|develop|come about|come together)\b",
        r"\b(?:which|what) (?:[\w-]+ ){0,2}(?:departments|agencies|officials|countries|steps|issues|letters|statements|"
        r"announcements)\b",
    ),
    "ko": _any(
        r"어떤 일들|어떤 것들|무엇무엇|나열|목록|모두|전부|빠짐없이|쭉|무슨 일들|어떤 .{1,6}들|있었던 일들|날짜별|순서대로|정리해|과정"
    ),
    "ja": _any(r"何があった|何が起き|どんな出来事|一覧|挙げて|すべて|全部|どれ|時系列|日付順|経緯|流れ"),
    "vi": _any(
        r"những gì|những sự kiện|liệt kê|tất cả|toàn bộ|những lần|các sự kiện|những (?:cuộc|chuyến)|những (?:vấn đề|trở ngại)|"
        r"theo thứ tự thời gian|quá trình"
    ),
}
# List cues that single questions write as often ("What are the plans for the 27th?"): a set
# only with a kind of event or a period, not of a topic alone.
_WEAK_LIST = _any(r"\bwhat are the\b", r"\bname the\b")
# "What happened" without a date is a question about one event; with a period, a range.
HAPPENED = {
    "zh": _any(
        r"发生(?:了|过)?些?(?:什么|啥|哪些)|有什么事|有啥事|出了什么事|大事|有何进展|(?:做|干)了?些?(?:什么|啥)|什么新闻|哪些新闻|有何动态|"
        r"动向|动态|动静|经历(?:了|过)?(?:些(?:什么|啥)|什么|啥|哪些事)"
    ),
    "en": _any(
        r"\bwhat happened\b",
        r"\bwhat went on\b",
        r"\bevents?\b",
        r"\bwhat did .* do\b",
        r"\bnews\b",
        r"\banything (?:on|happen)",
        r"\bdevelopments?\b",
        r"\bwhat was going on\b",
        r"\bwhat did (?:[\w'’]+ ){0,3}(?:sides|countries|relations|ties|they|two) go through\b",
    ),
    "ko": _any(r"무슨 일|어떤 일|일어난 일|사건|뭔 일|뭐 했|동향|움직임|진전|무엇을 겪|뭘 겪"),
    "ja": _any(r"何があった|何が起き|出来事|何をした|何かあった|動き|動向|進展"),
    "vi": _any(r"chuyện gì|điều gì|sự kiện|xảy ra|những gì|làm gì|có gì|diễn biến|động thái"),
}
# How things stood or moved on over a period ("美朝关系怎么样", "어떤 진전"): with a period of
# more than a day, the period's events, as "what happened" asks.
PROGRESS = {
    "zh": _any(
        r"(?<![没无有])(?:有|有些|有何|有什么|有啥|什么|哪些)(?:进展|新进展|动作)|(?:进展|关系|情况|局势|形势)(?:如何|怎么样|怎样|咋样)"
        r"|什么情况|啥情况"
    ),
    "en": _any(r"\bprogress\b|\beverything\b|\bhow (?:were|did) (?:relations|things|ties)\b|\bstate of\b"),
    "ko": _any(r"있었던 일|진전|진행|관계(?:는|가)? 어땠|상황|정세"),
    "ja": _any(r"進展|状況|情勢|関係はどう|どう(?:だった|なった)"),
    "vi": _any(r"tiến triển|tình hình|quan hệ (?:\S+ ){0,3}(?:ra sao|thế nào)"),
}
ENUMERATION = {
    "zh": _any(
        r"[三两二四五几]大|(?:[三两二四五几](?:个|项|点)|哪[几些](?:个|项)?|那几(?:个|项))[\u4e00-\u9fff]{0,4}?(?:议题|问题|障碍|任务|方面|因素)|"
        r"(?:议题|障碍)(?:有|是)"
    ),
    "en": _any(
        r"\b(?:two|three|four|five|the|which|what) (?:main |key |big |major )?(?:issues|obstacles|hurdles|topics|agenda items|challenges)\b",
        r"\bwhat (?:points|items) (?:are|does|do|is)\b.*\b(?:section|heading|part)\b",
        r"\bpoint by point\b|\bone by one\b|\bgo through (?:the |each |all )?\S*(?: \S+){0,3} (?:section|heading|points|items)\b",
    ),
    "ko": _any(r"(?:세|두|네) ?가지 (?:의제|쟁점|장애|과제|문제)|3대|(?:의제|쟁점|장애물)(?:는|은|들)"),
    "ja": _any(r"(?:三|3|二|2)つの(?:議題|課題|障害|問題)|三大|(?:議題|障害)は"),
    "vi": _any(r"(?:ba|hai|bốn) (?:vấn đề|trở ngại|chủ đề|nội dung|thách thức)|những vấn đề chính"),
}
COMPARE = {
    "zh": _any(r"分别|各自|谁先|哪个先|哪一个先|先后|有什么不同|有何不同|区别|不同之处|相比|比较|异同"),
    "en": _any(
        r"\brespectively\b",
        r"\beach\b(?! other)",  # "each other" is no comparison
        r"\bwho (?:came|went|arrived|left) first\b",
        r"\b(?:who|which) (?:[\w'-]+ ){1,4}first\b.*\bor\b|\bor\b.*\b(?:who|which) (?:[\w'-]+ ){1,4}first\b",
        r"\b(?:who|which) (?:[\w'-]+ ){1,4}first\b,? [\w'-]+ or [\w'-]+",
        r"\bwhich (?:came|happened|was) (?:first|earlier)\b",
        r"\bdiffer",
        r"\bcompare",
        r"\bvs\.?\b",
        r"\bversus\b",
        r"\bboth\b",
    ),
    "ko": _any(r"각각|누가 (?:\S+ ){0,3}먼저|어느 쪽이 먼저|차이|비교|다른 점"),
    "ja": _any(r"それぞれ|どちらが先|違い|比べ|比較|異なる"),
    "vi": _any(r"lần lượt|mỗi|ai (?:\S+ ){0,4}trước|cái nào (?:\S+ ){0,3}trước|khác nhau|so sánh|khác biệt"),
}
# The page itself named ("this page", "本版"): a question about it even when it says "news".
ABOUT_THE_PAGE = _any(
    r"\b(?:this|the) (?:page|newspaper|paper)\b|(?:这|本|此)(?:版|张报纸)|이 (?:신문|지면)|この(?:紙面|新聞)|trang (?:báo )?này"
)
# Words that point at the page or one of its articles ("这篇文章", "the analysis").
ARTICLE = _any(
    r"文章|报道|稿|这版|本版|版面|大事记|分析|(?:这|本|该|那)篇|\b(?:article|page|piece|story|analysis|timeline|report)\b",
    r"기사|지면|연표|분석|記事|紙面|年表|分析|bài báo|trang báo|\bbài\b|niên biểu|phân tích",
    r"《[^》]+》|「[^」]+」|“[^”]{6,}”|'[^']{6,}'|\"[^\"]{6,}\"",  # a headline quoted
    # a numbered part of the page: "议题一的宁边那部分写了什么" is about the page, whatever it names
    r"议题|議題|의제|\bsection\b|\bissue (?:one|two|three|[1-3])\b|\b(?:first|second|third) issue\b",
)
# One article of the page, pointed at ("那篇稿子", "the story about…", "その記事").
ONE_ARTICLE = re.compile(
    r"(?:这|那|该|此)篇|那(?:条|则)(?:报道|新闻)|\b(?:this|that|the) (?:article|story|piece|report) (?:about|on)\b"
    r"|\b(?:this|that) (?:article|story|piece|report)\b|(?:その|この|あの)記事|(?:그|이|저) 기사|bài (?:này|đó|về)",
    re.I,
)
# The people the page quotes for their view, asked for as a set ("分析里引用了哪几位专家？",
# "how many analysts does the piece quote?"): the count or list word is the experts' own.
_EXPERT = r"(?:专家|学者|分析人士|分析师|研究员|專家|學者)"
SOURCES = _any(
    rf"(?:几位|几名|多少位|多少名|哪几位|哪些|哪几个)[^，。？]{{0,6}}?{_EXPERT}",
    rf"{_EXPERT}[^，。？]{{0,4}}(?:有哪些|都有谁|有谁|是谁|有几位|有多少)",
    r"\b(?:how many|which|list(?: the| all)?|who (?:are|were) the|name the)\s+(?:\w+\s+)?"
    r"(?:experts|analysts|scholars|academics|commentators|pundits)\b",
    r"(?:전문가|학자|분석가|애널리스트)[^?]{0,6}(?:몇 ?명|누구누구|누구)|어떤 (?:전문가|학자|분석가)",
    r"(?:専門家|識者|学者|アナリスト)[^？?]{0,6}(?:何人|誰)|どの(?:専門家|学者)",
    r"(?:bao nhiêu|mấy) (?:vị |người )?(?:chuyên gia|học giả|nhà phân tích)|(?:chuyên gia|học giả|nhà phân tích) nào",
)
_HOW_MANY_PEOPLE = re.compile(r"几位|几名|多少|how many|몇 ?명|何人|bao nhiêu|mấy", re.I)
# A person the question is about, by a pronoun: "他说了什么？" is a statement asked about.
# "In the article" as a place where someone says something.
IN_ARTICLE = _any(
    r"在(?:这篇|本|该|那篇)?(?:文章|报道|稿子?|分析)(?:里|中)|(?:文章|报道|分析)(?:里|中)",
    r"\bin (?:the|this) (?:article|piece|story|report|analysis)\b|기사에서|기사 ?속|記事で|記事の中|trong bài",
)
SOMEONE = _any(r"[他她]们?|对方|\b(?:he|she|they|him|her)\b|그(?:는|가|녀)|彼女?|ông ấy|bà ấy|anh ấy|\bhọ\b")
# Words for the timeline itself ("according to the timeline"): its dated entries.
TIMELINE = _any(
    r"大事记|大事記|时间线|年表|\btimeline\b|\bchronology\b|연표|일지|niên biểu|dòng thời gian|mốc thời gian"
)
# The period the timeline covers: where it starts, where it ends ("从哪年开始", "いつからいつまで").
COVERS = _any(
    r"从(?:什么时候|何时|哪年|哪一年|哪天|哪个月)|到(?:什么时候|何时|哪天)为止|起止|时间跨度|涵盖",
    r"\b(?:start|begin|end)s?\b|\bcover|\bspan|\bfrom when\b|\bhow far back\b",
    r"언제부터|언제까지|기간",
    r"いつから|いつまで|期間",
    r"từ (?:khi nào|bao giờ|năm nào)|đến (?:khi nào|bao giờ)|bắt đầu|kết thúc|khoảng thời gian",
)
# An event pointed at ("那次会面之前", "before that meeting", "10월 그 만남 전에는"): the event the
# conversation is about, stepped from by operations.py, not the bound of a period.
POINTED_EVENT = _any(
    r"(?:那|这)(?:次|场)(?:会面|会晤|会谈|见面|访问|会议)",
    r"\b(?:that|this) (?:meeting|summit|visit|trip|talks?|encounter)\b",
    r"그 (?:만남|회담|방문|회의|정상회담)",
    r"(?:その|あの)(?:会談|会議|訪問|首脳会談)",
    r"(?:cuộc gặp|chuyến thăm|cuộc hội đàm|hội nghị)(?: thượng đỉnh)? (?:đó|ấy)",
)
# An entry of a list ("最后一条", "the first item"): the timeline's, in a talk about it.
ENTRY = _any(r"[条則项件]|\b(?:entry|item)\b|항목|項目|\bmục\b")


@dataclass(frozen=True)
class Shape:
    """What a question asks for.  ``kind``: "single", "list", "count", "range",
    "enumeration", "overview", "compare" or "page"; ``span``: the period it names
    (ISO bounds, inclusive; None: open); ``exclusive``: bounds are anchors, left out."""

    kind: str = "single"
    span: tuple[str | None, str | None] | None = None
    exclusive: bool = False
    listy: bool = False  # it also writes a list cue ("哪些", "list"): a set when not what it says
    counted: bool = False  # it asks how many: the answer says the number of passages
    nth: int | None = None  # "ordinal": which of a series (1 = the first, -1 = the last)
    nths: tuple[int, ...] = ()  # "ordinal": several of one series ("the first time, and the second")
    span_of_timeline: bool = False  # "page": the period the timeline covers (its first and last entries)
    topic: str | None = None  # what a set is about, when not the whole question (a period's bounds left out)
    sources: bool = False  # "list" or "count": the people the page quotes for their view

    @property
    def several(self) -> bool:
        return self.kind != "single"


def _matches(table: dict[str, re.Pattern[str]], text: str, language: str) -> bool:
    """The cue of ``language`` (unmarked Vietnamese too, cues.matches), or an English one, also
    among Chinese words ("这篇analysis的three main obstacles": no word boundary between 的 and three)."""
    if language in table and matches(table, text, language):
        return True
    return bool(table["en"].search(text) or table["en"].search(_CJK_RUN.sub(r" \g<0> ", text)))


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+")


def asks_what_happened(question: str, language: str) -> bool:
    """ "What happened (on D)?" in the question's language (or English words in it)."""
    return _matches(HAPPENED, question, language)


# A title in title marks ("《从新加坡到河内》这篇讲什么") names an article: its words are no period.
_TITLE_MARKS = re.compile(r"《[^》]*》|〈[^〉]*〉")


def read_shape(
    question: str,
    language: str,
    published: dt.date | None,
    summits: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    actions: tuple[str, ...] = (),
) -> Shape:
    """The shape of ``question`` (a cleaned question in ``language``).

    ``summits``: the days of the page's summits, oldest first (the anchors of "between
    the two summits"); ``names`` and ``actions``: the page's names and the kinds of event
    the question writes (a set of events needs a kind of event, a period or a count).
    """
    if published is None:
        return Shape()
    happened = _matches(HAPPENED, question, language)
    found = period(_TITLE_MARKS.sub("", question), published, summits)
    span, exclusive = found if found else (None, False)
    # "第二个议题", "다음 의제는?": one item, by its number or by a step from the one before
    steps = is_short(question) and (matches(NEXT, question, language) or matches(BEFORE, question, language))
    enumerates = (
        _matches(ENUMERATION, question, language) and find_ordinal(question, language) is None and not steps
    )
    counts = _matches(COUNT, question, language) or (
        _matches(SOME_COUNT, question, language) and bool(actions or span) and not enumerates
    )
    if counts and (names or actions or span):
        return Shape("count", span, exclusive, counted=True)
    counted = _matches(SOME_COUNT, question, language) or _matches(COUNT, question, language)
    if SOURCES.search(question):
        counted = bool(_HOW_MANY_PEOPLE.search(question))
        return Shape("count" if counted else "list", counted=counted, sources=True)
    if TIMELINE.search(question) and COVERS.search(question) and not names:
        return Shape("page", span_of_timeline=True)
    # "金正恩抵达越南那篇稿子说了些什么？": what one article says, not the page's articles
    of_one = ONE_ARTICLE.search(question) and _matches(OVERVIEW, question, language)
    if (
        _matches(PAGE, question, language)
        and not (happened and not ABOUT_THE_PAGE.search(question))
        and not of_one
    ):
        return Shape("page", counted=counted)
    # "他说了什么？" asks what someone said, not what the page holds
    # "金峻亨在文章里都说了什么": what someone says in the article, not what the article holds
    in_it = bool(names) and bool(IN_ARTICLE.search(question))
    about_page = (
        bool(ARTICLE.search(question)) and not in_it or not (names or span or SOMEONE.search(question))
    )
    ordinal = find_ordinal(question, language)
    # "最早一条讲了什么": one item, not an overview
    one_of = (ordinal is not None or _matches(LAST, question, language)) and bool(ENTRY.search(question))
    if _matches(OVERVIEW, question, language) and about_page and not one_of:
        return Shape("overview")
    if enumerates:
        return Shape("enumeration", counted=counted)
    one_day = span is not None and span[0] == span[1] and span[0] is not None and len(span[0]) == 10
    listy = _matches(LIST, question, language)
    if DURATION.search(question) and not listy:  # "新加坡会晤之后谈判停了多久？": one fact
        return Shape()
    moved_on = happened or _matches(PROGRESS, question, language)
    if span is not None and not one_day and (moved_on or listy) and not POINTED_EVENT.search(question):
        return Shape("range", span, exclusive, listy)
    numbers = tuple(dict.fromkeys(o.number for o in find_ordinals(question, language)))
    numbers += (-1,) if numbers and _matches(LAST, question, language) else ()  # "…和最后一次"
    if len(numbers) >= 2:  # "第一次和第二次分别在哪": those of one series
        return Shape("ordinal", nth=numbers[0], nths=numbers)
    if _matches(COMPARE, question, language):
        return Shape("compare", span, exclusive, listy)
    if listy and (actions or span or (names and not _WEAK_LIST.search(question))):
        return Shape("list", span, exclusive, True)
    if _matches(LAST, question, language):
        return Shape("ordinal", nth=-1)
    if ordinal is not None:
        return Shape("ordinal", nth=ordinal.number)
    return Shape()
