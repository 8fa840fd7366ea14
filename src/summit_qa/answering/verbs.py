"""The page's verbs of arriving, leaving, riding, greeting and being willing, and its word for
the biggest, read from the words readers use for them.

News prose writes 抵达 and 离开/启程; a reader writes "哪天到的", "got to", "着いた",
"도착", "đến Hà Nội", "走的", "set off", "出発".  Neither BM25 nor the glossary links
those, and the dense model ranks "金正恩将对越南进行正式友好访问" above "金正恩26日抵达越南" for
"金正恩哪天到的越南？".  The page's verb, added to the question's lexical terms, lets the
passage that tells the arrival (or the departure) win.  Likewise "is North Korea willing to
scrap Yongbyon?" asks for the passage that says 有意 (intends), not the one that only names
Yongbyon.
"""

from __future__ import annotations

import re

from summit_qa.page.language import unmarked
from summit_qa.page.names import Glossary, alias_text


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


OUTCOME_VERBS = ("签署", "达成一致", "达成共识")

# A reader's words for arriving / leaving in five languages → the page's verbs for them.
# Chinese 到 only where it means arriving: after a when / who-first word, or before 了/的 and a
# place of the page (``_REACHED``: "到的越南"); not in 提到, 得到, 到底.
PAGE_VERBS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("抵达",),
        _any(
            r"抵达|到达|来到|飞抵|降落|落地|着陆|下(?:的)?车|(?:哪天|哪一天|几号|几日|几点|什么时候|何时|啥时候|谁先|先|后|才)到(?!底)",
            r"\barriv\w*|\bland(?:s|ed|ing)?\b|\b(?:got|get|gets|getting) off\b|\b(?:got|get|gets|getting) (?:to|in|into)\b|\breach(?:es|ed)?\b",
            r"\bshow(?:s|ed)? up\b|\btouch(?:es|ed)? down\b|\broll(?:s|ed)? in(?:to)?\b|\bfl(?:y|ies|ew) in(?:to)?\b|\bpull(?:s|ed)? in(?:to)?\b",
            r"도착|착륙|내렸|내린|내리",
            r"着い|到着|着く|着き|着いた|降り",
            r"hạ cánh|đáp xuống|xuống tàu|dừng (?:ở|tại|lại)|\b(?:đến|tới) (?:ga|sân bay|nơi)\b",
            # a train stopping at a station is its arrival
            r"停在|停靠|\bstop(?:s|ped)? at\b|정차|止まっ|停車",
        ),
    ),
    (
        ("离开", "启程"),
        _any(
            r"离开|启程|动身|出发|(?:哪天|哪一天|几号|几点|什么时候|何时|啥时候)走|走的|走了",
            r"\bleav(?:e|es|ing)\b|\bleft\b|\bdepart\w*|\bset (?:off|out)\b|\bsets off\b",
            r"\bhead(?:s|ed|ing)? (?:out|off|home|back)\b|\b(?:take|takes|took|taking) off\b|\bfl(?:y|ies|ew) (?:out|home|back)\b|"
            r"\bbounc(?:e|es|ed|ing)\b|\bjet(?:s|ted)? off\b|\bskip(?:s|ped)? town\b",
            r"떠나|떠난|떠났|출발",
            r"出発|発った|発つ|離れ|去っ|出国|出る|を出(?:た|ます)",
            r"\brời\b|khởi hành|lên đường",
        ),
    ),
    (
        ("有意", "愿意", "准备"),
        _any(
            r"愿意|有意|打算|肯不肯|准备好|意愿",
            r"\bwilling\b|\bready to\b|\bprepared to\b|\boffer(?:s|ed|ing)? to\b|\bintend|\bwould (?:agree|accept)",
            r"의향|용의|할 생각|하겠다고|준비가 돼",
            r"用意|つもり|意向|構え|応じる",
            r"sẵn sàng|sẵn lòng|có ý định|đồng ý",
        ),
    ),
    (
        ("乘坐",),
        _any(
            r"怎么(?:去|来|走|到)|坐(?:的)?什么|乘(?:的)?什么|坐啥|交通工具|坐(?:火车|飞机|专列)|乘坐",
            r"\bhow (?:did|do|does|are|is|were|was)\b[^?.]{1,40}?"
            r"\b(?:travel\w*\b|(?:get|getting|go|going|come|coming) (?:to|there|here|into)\b)"
            r"|\bby (?:what|which|train|plane|air|car)\b|"
            r"\bmeans of transport|\btravel(?:l?ed)? by\b",
            r"어떻게 (?:갔|왔|가|와|이동)|뭐 타고|무엇을 타고|뭘 타고",
            r"何で(?:行|来|移動)|どうやって(?:行|来|移動)|何に乗|乗って|移動手段",
            r"bằng gì|bằng phương tiện|đi bằng|bằng tàu|bằng máy bay",
        ),
    ),
    (
        # what a meeting came to: "what came out of", "成果", "성과", "成果", "kết quả" → what was
        # signed or agreed
        OUTCOME_VERBS,
        _any(
            r"成果|结果|收获|签了|签署|达成了?(?:什么|啥|哪些)|谈成",
            r"\boutcomes?\b|\bresults?\b|\bachiev\w*|\bcame out of\b|\bcome out of\b|\bsign(?:ed|ing)?\b|\bagreed?\b",
            r"성과|결과|합의|서명",
            r"成果|結果|合意|署名|調印",
            r"kết quả|thành quả|đạt được|thỏa thuận|\bký\b",
        ),
    ),
    (
        # the kind of place asked for is the page's noun for it: "ga nào" → 车站, "which airport" → 机场
        ("车站",),
        _any(
            r"哪个(?:火)?车站|哪一站|哪个站|什么站|哪站",
            r"\bwhich (?:train )?station\b|\bwhat (?:train )?station\b",
            r"어느\s*역|무슨\s*역|어떤\s*역",
            r"どの駅|何駅|何という駅",
            r"\bga nào\b|nhà ga nào",
        ),
    ),
    (
        # talks of the two alone: "单独谈", "privately", "단독 회담", "単独会談", "gặp riêng" → 一对一
        ("一对一",),
        _any(
            r"单独|單獨|私下",
            r"\bone[- ]on[- ]one\b|\bprivate(?:ly)?\b|\bface[- ]to[- ]face\b|\balone\b",
            r"단독|둘만",
            r"単独|一対一|二人きり",
            r"\briêng\b",
        ),
    ),
    (
        ("机场",),
        _any(
            r"哪个机场|什么机场",
            r"\bwhich airport\b|\bwhat airport\b",
            r"어느\s*공항|무슨\s*공항",
            r"どの空港|何空港",
            r"sân bay nào",
        ),
    ),
    (
        # a date or schedule made known ("when was the date of the summit announced?", 日程を発表,
        # 날짜 발표): the page announces a coming event's day with 将于, and the passage
        # that writes the day is the one that announced it (not a later "as planned")
        ("将于",),
        _any(
            r"(?:宣布|公布|发布|敲定|定下|确定|官宣|透露)[^。？?]{0,12}(?:日期|日程|时间|日子|档期|地点)",
            r"(?:日期|日程|时间|日子|档期|地点)[^。？?]{0,12}(?:宣布|公布|发布|敲定|定下|确定|官宣)",
            r"\bannounc\w*\b[^.?]{0,40}\b(?:dates?|schedule|venue|time and place|when and where)\b",
            r"\b(?:dates?|schedule|venue)\b[^.?]{0,40}\b(?:announc\w*|set|fixed|confirmed|made public)\b",
            r"(?:날짜|일정|일시|장소)[^?]{0,12}(?:발표|공개|확정|정해)",
            r"(?:日程|日付|日取り|日時|開催日|場所)[^？?]{0,12}(?:発表|公表|決ま|確定)",
            r"(?:発表|公表)[^？?]{0,12}(?:日程|日付|日取り|日時|開催日)",
            r"(?:ngày|lịch|thời gian|địa điểm)[^?]{0,40}(?:công bố|thông báo|ấn định|chốt)",
            r"(?:công bố|thông báo|ấn định|chốt)[^?]{0,40}(?:ngày|lịch|thời gian|địa điểm)",
            # a coming meeting announced ("何时官宣河内会晤", "when was the Hanoi summit announced")
            r"(?:宣布|公布|官宣)[^。？?]{0,12}(?:见面|会晤|会面|峰会|首脑会|会谈|(?<!意)见)",
            # (not what was announced at a meeting: "what was announced at the summit?")
            r"\bannounc\w*\b(?!\s+(?:at|during|in|after)\b)[^.?]{0,40}\b(?:meeting|summit|talks)\b",
            r"\bwhen\b[^.?]{0,40}\b(?:meeting|summit|talks)\b[^.?]{0,30}\bannounced\b",
            r"(?:회담|만남|정상회담|회동)[^?]{0,16}(?:발표|공개)[^?]{0,8}(?:언제|날)",
            r"언제[^?]{0,20}(?:회담|만남|정상회담|회동)[^?]{0,16}(?:발표|공개)",
            r"(?:회담|만남|정상회담|회동)[^?]{0,12}언제[^?]{0,8}(?:발표|공개)",
            r"(?:会談|首脳会談|会う)[^？?]{0,12}(?:発表|公表)",
            r"(?:công bố|thông báo)[^?]{0,40}(?:gặp|hội nghị|thượng đỉnh)",
        ),
    ),
    (
        # being met on arrival: "who greeted her at the airport", 마중, 出迎え, ai ra đón
        ("迎接",),
        _any(
            r"迎接|欢迎|接站|接机|谁(?:去|来)?接",
            r"\bgreet\w*|\bwelcom\w*|\b(?:there|waiting|came|come|went|out) to meet\b|\breceived (?:him|her|them) at\b",
            r"맞이|마중|환영|맞았",
            r"出迎|迎え|歓迎",
            r"\bđón\b|chào đón|nghênh đón",
        ),
    ),
    (
        # the biggest task or challenge: the page's 最大 ("最大任务"), not the word for big
        ("最大",),
        _any(
            r"最大|头号|首要",
            r"\b(?:biggest|largest|greatest)\b",
            r"가장 큰|제일 큰|최대|가장 중요한",
            r"一番大き|最も大き|一番の",
            r"lớn nhất|quan trọng nhất|chính yếu",
        ),
    ),
)


# "到的越南", "đến Hà Nội": reaching a place, when a place of the glossary follows.
_REACHED = re.compile(
    r"(?<![提得受达遇看找想听说做办感收拿碰等])到[了的](?P<zh>.{1,6})|(?<!quan )\b(?:đến|tới) (?P<vi>.{1,14})"
)


# The same words typed without their Vietnamese marks ("den ha noi", "bang gi"), read in a
# question written in plain letters only, and in lower case only ("ROI" is no rời).
_UNMARKED = tuple(re.compile(unmarked(pattern.pattern)) for _, pattern in PAGE_VERBS)
_REACHED_UNMARKED = re.compile(unmarked(_REACHED.pattern))


AS_PLANNED = _any(
    r"如期|按计划|照常|照原计划",
    r"\bas (?:planned|scheduled)\b|\bon schedule\b|\bgo(?:es|ing)? ahead\b",
    r"예정대로|계획대로",
    r"予定通り|予定どおり|計画通り",
    r"đúng (?:kế hoạch|lịch|dự kiến)|như (?:dự kiến|kế hoạch)",
)


def page_verbs(question: str, glossary: Glossary | None = None) -> tuple[str, ...]:
    """The page's verbs for the arriving, leaving, riding or greeting ``question`` asks about (may be
    none); with the ``glossary``, also reaching one of its places, and the Vietnamese words
    typed without marks."""
    bare = _plain_letters(question, glossary)
    found = [
        verb
        for (verbs, pattern), plain in zip(PAGE_VERBS, _UNMARKED, strict=True)
        if pattern.search(question) or (bare and plain.search(question))
        for verb in verbs
    ]
    # what a meeting came to, of a meeting named by its place ("What came out of the Singapore
    # summit?"): without a place it is most often the coming summit, whose outcome the page
    # cannot tell (scope.py's outcome rule), and a past one's must not rank above it
    if set(OUTCOME_VERBS) & set(found) and not (
        glossary is not None and glossary.names(question, ("place",))
    ):
        found = [v for v in found if v not in OUTCOME_VERBS]
    # "announced it would go ahead as planned" is a confirmation, not the day made known
    if "将于" in found and AS_PLANNED.search(question):
        found = [v for v in found if v != "将于"]
    if glossary is not None and "抵达" not in found:
        for m in (_REACHED_UNMARKED if bare else _REACHED).finditer(question):
            after = m["zh"] or m["vi"]
            if any(unmarked(after.lower()).startswith(unmarked(a)) for a in _place_forms(glossary, after)):
                found.insert(0, "抵达")
                break
    return tuple(dict.fromkeys(found))


def _plain_letters(question: str, glossary: Glossary | None) -> bool:
    """Typed in plain letters: ASCII but for the glossary's names, which the reading of a typed
    question restores with their marks ("den viet nam" → "den Việt Nam")."""
    if question.isascii() or glossary is None or not re.search(r"[A-Za-z]", question):
        return question.isascii()  # a question in another script has no unmarked words
    for pattern, _ in glossary.aliases:
        if not pattern.pattern.isascii():
            question = pattern.sub(" ", question)
    return question.isascii()


def _place_forms(glossary: Glossary, text: str) -> list[str]:
    """The spellings, as written in ``text``, of the glossary's places it names."""
    places = set(glossary.names(text, ("place",)))
    return [alias_text(p).lower() for p, zh in glossary.aliases if zh in places]
