"""Scope: when a ranked question is answered, and when it is refused.

One policy object holds every rule that decides between an answer and "not
in this article":

* the refusal floors: e5's cosines run higher for a question in the page's
  language (Chinese) than across languages, so each has its own floor, and a
  foreign question naming several of the page's names or terms gets a lower
  one; a question whose month or day matches a passage's date is always in
  scope;
* the outcome rule: a question asking how an event turned out, when every one
  of its best passages is about an event on or after the publication day, is
  refused with that day: the page announces the Hanoi summit, it cannot report
  its outcome.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from summit_qa.answering.actions import asked_actions
from summit_qa.page.passages import Passage
from summit_qa.retrieval.weights import RankingConfig

# Words asking what someone expects or thinks of an outcome ("do experts think it will get
# results?", "专家看好会晤成果吗"): the page's expectations answer, not an outcome after it.
EXPECTED = re.compile(
    r"\b(?:think|thinks|expect|expects|expected|expectations?|predict|predicts|forecast|hopes?|hoping|optimistic)\b"
    r"|认为|觉得|看好|期待|预期|预计|预测|展望|乐观|怎么看"
    r"|전망|예상|기대|낙관|어떻게 보"
    r"|見通し|予想|期待|楽観|どう見"
    r"|kỳ vọng|dự đoán|dự báo|nhận định|cho rằng|lạc quan",
    re.I,
)
# Words asking how something turned out (an outcome, not a plan), in five languages.
# "Did they agree to have dinner?" asks about a plan the page reports: "agree to"
# and a bare "did ... agree" are not outcome words; "agree on", "sign a deal" are.
OUTCOME = re.compile(
    # zh: result, success, failure, signed / reached / decided, ended, how did it go, sanctions lifted
    r"结果|成果|成功|失败|顺利吗|最终|最后(?:结果|怎样|怎么样|如何|达成|签|谈成|结束|取得)|破裂|谈崩|没谈成|无果|不欢而散|结局|谈成"
    r"|签署(?:了|.{0,12}(?:了吗|吗|了没有|没有))|签(?:了|下|订了)|达成(?:了|.{0,12}(?:了吗|吗|了没有))|决定了"
    r"|提前结束|提前离开|怎么结束|如何结束|结束了吗|(?:为什么|为何).{0,8}结束|谈得怎么样|进行得怎么样"
    r"|(?:解除|取消|放松)了|得到.{0,8}(?:解除|取消|放松)"
    r"|有没有(?:发表|签|达成|谈成|宣布)|(?:会晤|会谈|见面)(?:结束)?(?:后|之后|以后)(?:有没有|是否)"
    # en
    r"|\boutcomes?\b|\bresults?\b|\bsuccess(?:ful)?\b|\bsucceed(?:ed)?\b|\bturn(?:ed|s)? out\b"
    r"|\bhow did\b.{0,60}\b(?:end|go)\b|\bhow (?:was|were) the (?:talks|summit|meeting)\b"
    r"|\bend(?:ed|s)? (?:early|abruptly|without)|\bended\b|\bcut short\b|\bleft early\b|\bleave early\b"
    r"|\bcollapsed?\b|\bbr(?:oke|eak) down\b|\bwalk(?:ed|s)? (?:away|out)\b|\bfail(?:ed|ure)?\b"
    r"|\bwhat (?:was|were) (?:agreed|signed|achieved|decided)\b|\bagreed? on\b"
    r"|\bend(?:ed|s)? up\b|\bin the end\b|\bat the end of the (?:summit|talks|meeting)\b"
    r"|\b(?:sign|signed|reach|reached|strike|struck|conclude|concluded)\b.{0,30}"
    r"\b(?:deal|agreement|accord|declaration|statement|treaty|anything|something|document)\b"
    r"|\b(?:what|everything)\b.{0,40}\b(?:sign(?:ed)?|agreed)\b(?!\s+to\b)"
    r"|\b(?:get|got|win|won|obtain(?:ed)?)\b.{0,20}\brelief\b|\bsanctions? (?:were |was )?(?:lifted|eased|removed)\b"
    # ko
    r"|결과|결렬|끝났|합의했|합의한|서명한|합의에 (?:이르|도달)|합의(?:됐|되었)|서명했|성과|성공(?:했|적)|타결|무산"
    r"|일찍 떠났|풀렸|해제(?:됐|되었)|결정(?:됐|되었)|어땠|어떻게 됐"
    # ja
    r"|結果|決裂|終わった|終了|合意した|合意に至|合意された|署名した|成果|成功した|成功だった|成功しました|物別れ"
    r"|打ち切|どうなった|どうだった|決まった|解除された|早く(?:去|帰|離)"
    # vi
    r"|kết quả|kết thúc|đổ vỡ|đã ký|có ký|ký (?:kết )?(?:những )?(?:gì|văn kiện)|đạt được (?:thỏa thuận|gì)"
    r"|thỏa thuận (?:nào|gì|đạt được)|thất bại|thành công|ra sao"
    r"|được dỡ bỏ|rời (?:đi )?sớm|sớm rời",
    re.I,
)
# A passage reporting what is planned: "将", "定于" (will, is scheduled to).
_PLANNED = re.compile(r"将|定于|即将|拟于|计划于")


@dataclass(frozen=True)
class ScopePolicy:
    """The floors and the outcome rule, with what they need to know about the page."""

    same_language_floor: float
    cross_language_floor: float
    cross_language_floor_with_terms: float
    terms_for_lower_floor: int
    use_temporal_scope: bool = True
    published: str | None = None  # ISO day the page was published
    article_dates: Mapping[str, str] = field(default_factory=dict)  # article → its first date

    @classmethod
    def for_page(cls, config: RankingConfig, passages: Sequence[Passage]) -> ScopePolicy:
        article_dates: dict[str, str] = {}
        for p in passages:
            if p.date:
                article_dates.setdefault(p.article, p.date)
        return cls(
            same_language_floor=config.same_language_floor,
            cross_language_floor=config.cross_language_floor,
            cross_language_floor_with_terms=config.cross_language_floor_with_terms,
            terms_for_lower_floor=config.terms_for_lower_floor,
            use_temporal_scope=config.use_temporal_scope,
            published=passages[0].published if passages else None,
            article_dates=article_dates,
        )

    def in_scope(
        self, language: str, best_dense: float | None, glossary_terms: int, dated: bool, lexical_match: bool
    ) -> bool:
        """Whether a question is about the page, from its best dense cosine (None for a
        ranking without a model: then any term it shares with the page will do)."""
        if dated:
            return True
        if best_dense is None:
            return lexical_match
        if language == "zh":
            return best_dense >= self.same_language_floor
        if best_dense >= self.cross_language_floor:
            return True
        return (
            glossary_terms >= self.terms_for_lower_floor
            and best_dense >= self.cross_language_floor_with_terms
        )

    def prospective(self, passage: Passage) -> bool:
        """Whether a passage tells of something still to come when the page went to print:
        a date it names is on or after the publication day, it is an undated paragraph
        of an article about such an event, or it reports a plan (将, 定于)."""
        published = self.published or ""
        if any(d and len(d) == 10 and d >= published for d in (passage.date, *passage.dates)):
            return True
        if passage.date is None and (self.article_dates.get(passage.article) or "") >= published:
            return True
        return bool(_PLANNED.search(passage.text))

    def asks_after_the_page(
        self, question: str, top: Sequence[Passage], named: Sequence[Passage] = (), dates: Sequence[str] = ()
    ) -> bool:
        """True for a question about the outcome of an event the page reports as upcoming.

        It asks how something turned out, and the event it asks about is still to
        come: it names a day on or after the publication day (``dates``, ISO);
        or every passage that mentions the places it names (``named``) tells of
        something still to come; or, when it names no place, so do all of
        ``top``, its best passages.
        """
        if not self.use_temporal_scope or not self.published or not OUTCOME.search(question):
            return False
        if EXPECTED.search(question):  # what someone expects of it: the page reports that
            return False
        if any(d >= self.published for d in dates):
            return True
        about = named or top
        return bool(about) and all(self.prospective(p) for p in about)


@dataclass(frozen=True)
class AnswerType:
    """A kind of fact a question can ask for, and what a passage holding it would say.

    ``asked`` recognises the question (in any of the five languages); ``evidence``
    recognises the fact in the page's Chinese.  When a question asks for such a
    fact and none of its best passages says anything of the kind, the page
    cannot answer it, however close the passages are in meaning: "金峻亨今年多大？"
    finds 金峻亨's paragraph, which gives no age.
    """

    name: str
    asked: re.Pattern[str]
    evidence: re.Pattern[str]


def _type(name: str, asked: str, evidence: str) -> AnswerType:
    return AnswerType(name, re.compile(asked, re.I), re.compile(evidence))


# Personal and physical facts a news page about a summit seldom states; each
# pattern set covers zh, en, ko, ja and vi ways of asking.
ANSWER_TYPES = (
    _type(
        "age",
        r"多大(?:年纪|岁数|了)?|几岁|年龄|岁数|年纪|\bhow old\b|\bage of\b|\bwhat age\b|\b(?:his|her|their) age\b|"
        r"몇 ?살|나이|연세|何歳|いくつ|年齢|bao nhiêu tuổi|\btuổi\b",
        r"\d+\s*岁|[一二三四五六七八九十]+岁|年龄|年纪|岁数",
    ),
    _type(
        "birth",
        r"出生|生于|生日|哪年生|诞辰|\bborn\b|\bbirth|태어났|태어난|출생|생일|生まれ|誕生|sinh năm|sinh ra|ngày sinh|năm sinh",
        r"出生|生于|诞生|生日",
    ),
    _type(
        "origin",
        r"哪里人|哪儿人|老家|家乡|籍贯|祖籍|出身|\bhometown\b|\bwhere (?:is|was|are) [\w' .-]+ from\??$|\bcomes? from\??$|"
        r"고향|출신|出身|故郷|quê|quê quán",
        r"籍贯|老家|家乡|祖籍|出身于",
    ),
    _type(
        "education",
        # Studies, not "which university is he at?" (a workplace the page may name).
        r"毕业|学历|学位|就读|上过?(?:哪所|什么)大学|\bgraduat|\bstudied\b|\beducation\b|\balma mater\b|"
        r"졸업|학력|학위|卒業|学歴|出身大学|tốt nghiệp|học vấn",
        r"毕业|学历|学位|就读|留学",
    ),
    _type(
        "family",
        r"妻子|夫人|太太|老婆|丈夫|配偶|孩子|子女|儿子|女儿|父亲|母亲|父母|家人|家庭|结婚|婚姻|"
        r"\bwife\b|\bhusband\b|\bspouse\b|\bmarried\b|\bchildren\b|\bkids?\b|\bsons?\b|\bdaughters?\b|\bfather\b|"
        r"\bmother\b|\bparents\b|\bfamily\b|부인|아내|남편|배우자|자녀|아이들?|아들|딸|아버지|어머니|부모|가족|결혼|"
        r"妻|奥さん|夫人|配偶者|子供|子ども|息子|娘|父親|母親|両親|家族|結婚|"
        r"\bvợ\b|\bchồng\b|\bcon cái\b|\bcon trai\b|\bcon gái\b|\bmấy con\b|\bcha\b|\bmẹ\b|gia đình|kết hôn",
        r"妻子|夫人|太太|丈夫|配偶|子女|孩子|儿子|女儿|父亲|母亲|父母|家人|结婚|李雪主",
    ),
    _type(
        "body",
        r"身高|体重|多高|多重|\bhow tall\b|\bheight\b|\bweigh|키가|키는|몸무게|身長|体重|cao bao nhiêu|chiều cao|cân nặng",
        r"身高|体重|厘米|公斤|米高",
    ),
    _type(
        "taste",
        r"爱好|喜欢吃|最喜欢|最爱|宗教|信仰|\bhobb(?:y|ies)\b|\bfavou?rite\b|\blike to eat\b|\breligio|"
        r"취미|좋아하는|좋아하|종교|趣味|好きな|好物|宗教|sở thích|món ăn yêu thích|yêu thích|tôn giáo",
        r"爱好|喜欢|兴趣|宗教|信仰",
    ),
    _type(
        "wealth",
        r"工资|薪水|收入|财产|身家|\bsalary\b|\bincome\b|\bnet worth\b|\bwealth|\bhow rich\b|"
        r"연봉|월급|재산|수입|給料|年収|資産|財産|lương|thu nhập|tài sản",
        r"工资|薪水|收入|财产|身家|美元|亿元|万元",
    ),
    _type(
        "measure",
        r"人口|面积|多远|距离|多少公里|\bpopulation\b|\bhow far (?!apart)|\bdistance\b|\bhow big\b|\barea of\b|"
        r"\bhow many (?:kilometers|kilometres|miles)\b|인구|면적|얼마나 멀|거리|人口|面積|距離|どのくらい離れ|"
        r"dân số|diện tích|bao xa|khoảng cách",
        r"人口|面积|公里|千米|距离|平方",
    ),
    _type(
        "weather",
        r"天气|气温|温度|下雨|\bweather\b|\btemperature\b|\braining\b|날씨|기온|天気|気温|thời tiết|nhiệt độ",
        r"天气|气温|温度|摄氏|下雨|晴",
    ),
    _type(
        "money",
        r"汇率|多少钱|花费|花了多少|费用|成本|价格|造价|\bexchange rate\b|\bcost\b|\bprice\b|\bhow much money\b|"
        r"환율|비용|가격|얼마(?:나)? (?:들었|썼)|為替|費用|値段|価格|いくらかか|tỷ giá|chi phí|giá bao nhiêu|"
        r"bao nhiêu tiền|tốn bao nhiêu",
        r"汇率|费用|花费|成本|价格|造价|美元|亿元|万元",
    ),
    _type(
        "audience",
        r"粉丝|关注者|观众|收视|多少人看|\bfollowers\b|\bviewers\b|\bhow many people (?:watched|saw|follow)\b|"
        r"\baudience\b|팔로워|시청자|フォロワー|視聴者|người theo dõi|người xem",
        r"粉丝|关注者|观众|收视|观看",
    ),
    _type(
        "tenure",
        r"工作了?多久|任职多久|干了多久|多少年了|哪年加入|何时加入|\bhow long has\b.{0,40}\b(?:worked|served|been)\b|"
        r"\bsince when\b|\bwhen did\b.{0,30}\bjoin\b|얼마나 오래|언제부터|いつから|何年(?:間|前から)|bao lâu|từ khi nào",
        r"任职|加入|就职|工作了|担任.{0,8}(?:以来|多年)",
    ),
    _type(
        "entourage",
        r"随行|陪同|陪着|一起去|一同去|一同前往|带了(?:哪些|谁|什么人|几个)|随员|"
        r"\baccompan\w*|\bentourage\b|\bdelegation\b|\bwho (?:went|travel\w*|came|flew) (?:\w+ )?with\b|"
        r"\bbr(?:ing|ought) along\b|동행|수행원|수행단|(?:함께|같이) (?:간|갔|온|왔|가)|"
        r"同行|随員|一緒に[^。？?]{0,8}(?:行|来)|\bđi cùng\b|tháp tùng|tùy tùng|phái đoàn",
        r"陪同|随行|一同|同行|率领|率团|代表团|偕同|随员",
    ),
    _type(
        "lodging",
        r"酒店|饭店|宾馆|住(?:在)?哪|住的是|下榻|\bhotels?\b|\bwhere (?:does|did|will|is) [\w' .-]+ stay(?:ing)?\b|"
        r"호텔|숙소|묵는|묵었|ホテル|宿泊|泊ま|khách sạn|nghỉ ở đâu|ở khách sạn",
        r"酒店|饭店|宾馆|下榻|入住|住在",
    ),
    _type(
        "arsenal",
        r"核弹头|多少(?:枚|颗)核|核武器(?:有)?多少|\bwarheads?\b|\bhow many (?:nuclear )?(?:weapons|bombs|nukes)\b|"
        r"핵탄두|핵무기(?:를|가)? 몇|核弾頭|核兵器を何|đầu đạn|bao nhiêu vũ khí hạt nhân",
        r"弹头|核武器数量|枚核",
    ),
    _type(
        "press",
        r"多少(?:名|个|位)?记者|记者(?:有)?多少|\bhow many (?:journalists|reporters)\b|기자(?:가|는|들이)? 몇|"
        r"記者は?何人|bao nhiêu (?:nhà )?báo|bao nhiêu phóng viên",
        r"\d+\s*(?:多|余)?名(?:中外)?记者|记者\s*\d+",
    ),
    _type(
        "weapon_tests",
        # tests and launches, not the page's test site or launch pad
        r"试射|(?:几|多少)(?:枚|次)导弹|导弹.{0,6}(?:几|多少)|核试验.{0,6}(?:几|多少)|(?:几|多少)次核试验|进行(?:了|过)?核试验|"
        r"\b(?:test|launch|fire)(?:s|d|ed|es|ing)? (?:any |a |\w+ )?missiles?\b|\bmissile (?:tests?|launch(?:es)?)\b(?!\s*(?:pad|site|facilit))|"
        r"\bnuclear test(?:s|ing)?\b(?!\s*sites?)|\bhow many (?:\w+ )?missiles?\b|미사일.{0,12}(?:쏘|쐈|발사|시험)|"
        r"핵실험(?:을|를)? ?(?:했|몇)|몇 ?(?:번|차례)의? ?핵실험|ミサイル.{0,10}(?:発射|試射|撃)(?!台)|"
        r"核実験(?:を|は)?(?:何回|した|行)|何回.{0,4}核実験|(?:phóng|bắn|thử).{0,16}tên lửa|thử (?:nghiệm )?hạt nhân",
        r"试射|(?:\d+|[一二三四五六七八九十几]+)(?:枚|次)(?:弹道)?导弹|进行了?.{0,4}核试验",
    ),
    _type(
        "winner",
        r"谁赢|谁胜|赢了|获胜|胜选|输了|\bwho won\b|\bwinner\b|\bwon the\b|누가 이겼|승리|이겼|勝った|勝者|勝利|"
        r"ai (?:đã )?thắng|chiến thắng|thắng cử",
        r"赢|获胜|胜选|胜利|当选|败选",
    ),
)


def unanswerable_type(question: str, top: Sequence[Passage]) -> str | None:
    """The kind of fact ``question`` asks for when none of ``top`` states one (else None)."""
    for kind in ANSWER_TYPES:
        if kind.asked.search(question) and not any(kind.evidence.search(p.text) for p in top):
            return kind.name
    if asks_quantity(question) and not any(_NUMBER.search(_UNDATED.sub(" ", p.text)) for p in top):
        return "quantity"
    return None


# "How many" of people or things (guards, warheads, remains, kilometres): a number the page
# must print.  How many times, entries, issues, experts or days is counted from the page's
# passages or read from its dates, and is no such question.
_HOW_MANY = re.compile(
    r"多少|(?<!哪)几(?!乎|号|点|月|日|时|天|年|岁|次|回|趟|遍|条|篇|则|项|处|家|轮|场|种|类|大|位|个(?:议题|问题|障碍|方面|部分|国家|阶段|月))"
    r"|\bhow many\b|\bnumber of\b|몇(?! ?(?:번|차례|회|개|가지|건|곳|시|일|월|년|살))|얼마나 많"
    r"|何(?:人|個|発|基|台|名|機|枚|頭|本|体|両)|いくつ|bao nhiêu|\bmấy\b|\bsố (?:người|lượng)\b",
    re.I,
)
_EVENTS_OR_PAGE = re.compile(
    r"\b(?:how many|number of) (?:[\w–-]+ ){0,4}?(?:times|entries|articles|stories|reports|agencies|outlets|media|experts|"
    r"analysts|scholars|headlines|issues|items|points|sections|parts|obstacles|challenges|tasks|leaders|countries|"
    r"visits|trips|meetings|summits|talks|rounds|days|hours|minutes|years|months|weeks|letters|events|things|"
    r"statements|announcements|sessions|passages|paragraphs|mentions|places|cities|stops|languages|pages|"
    r"exercises|drills|developments|incidents|steps|occasions|cases|episodes|sanctions|moves|actions)\b"
    r"|(?:명의|명이나|명을|명) ?(?:전문가|학자|지도자|정상|관리)|人の(?:専門家|首脳|学者)|[回度件つ日]"
    r"|(?:bao nhiêu|mấy) (?:lần|bài|điều|vấn đề|ngày|giờ|tiếng|phút|năm|tháng|nơi|chỗ|nhà lãnh đạo|chuyên gia|cuộc|sự kiện|tin"
    r"|mục|sự việc|diễn biến)"
    r"|[几多少](?:名|位)?(?:专家|学者|领导人|分析人士)|(?:专家|学者|领导人|媒体|通讯社)",
    re.I,
)
# What such a question counts: people, weapons, remains, a distance, a train's cars or a
# motorcade's vehicles (the numbers a news page gives when it has them).
_COUNTED = re.compile(
    r"人|官员|士兵|军人|美军|记者|保镖|警卫|安保|民众|群众|核弹|核武|导弹|弹头|遗骸|公里|千米|车厢|节车|辆"
    r"|\b(?:people|persons|troops|soldiers|guards|bodyguards|officials|staff|personnel|journalists|reporters"
    r"|crowds?|warheads|nukes|nuclear weapons|missiles|remains|kilomet(?:er|re)s|km|miles|carriages|coaches|cars"
    r"|vehicles)\b"
    r"|명|인력|경호|병력|기자|핵탄두|핵무기|미사일|유해|킬로|칸|차량"
    r"|何人|人数|兵士|記者|核弾頭|核兵器|ミサイル|遺骨|遺骸|キロ|両編成|車両"
    r"|người|binh sĩ|lính|phóng viên|đầu đạn|vũ khí hạt nhân|tên lửa|hài cốt|\bkm\b|cây số|\btoa\b|\bxe\b(?! lửa)",
    re.I,
)
# A number the page prints once dates and clock times are set aside: "3 名", "两架".
_UNDATED = re.compile(r"\d+\s*(?:年|月|日|号|点|分|时)|[一二三四五六七八九十]+(?:月|日)")
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万](?:名|位|个|人|枚|颗|具|架|辆|艘|批|万|千|百)")


def asks_quantity(question: str) -> bool:
    """Whether ``question`` asks how many people or things (weapons, remains, kilometres) there
    are, not events or page parts (letters, drills or sanctions are the page's events, counted
    from its passages)."""
    events = set(asked_actions(question)) & {"letter", "exercise", "sanction"}
    return (
        bool(_HOW_MANY.search(question) and _COUNTED.search(question))
        and not _EVENTS_OR_PAGE.search(question)
        and not events
    )
