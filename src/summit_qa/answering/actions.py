"""The kinds of event a question asks about (visit, meeting, announcement, talks, letter,
sanction, exercise, remains, agreement), as readers write them in five languages: the
classes of page/events.py, read from the question's own words."""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# The Chinese nicknames of the leaders' summit: a meeting, and the summit itself (summits.py).
SUMMIT_NICKNAMES = r"金特会|特金会|川金会|金川会"
# What happens, as a question writes it in five languages: the classes of page/events.py.
ASKED_ACTIONS: dict[str, re.Pattern[str]] = {
    "visit": _any(
        # 去 of going, not of 去年 ("去年朝鲜…": last year)
        r"访|前往|出行|去(?!年)(?:了|过)?.{0,3}?(?:朝鲜|平壤|美国|越南|北韩|北韓|纽约|华盛顿|河内)|赴",
        r"(?:去|跑|来)(?:了|过)(?:几|多少|[一二两三四五六七八九十\d])(?:次|趟|回)",  # "去过几次中国": trips counted
        r"(?:第[一二两三四五六七八九十\d]{1,2}[次趟回]|再|又|还)去(?![年除核掉])",  # "她第三趟去呢", "后来又去了": a trip
        r"\bvisit",
        r"\btrips?\b",
        r"\btravel",
        r"\bwent to\b",
        r"\bgo(?:ne)? to\b",
        r"방문|방북|방미|다녀|(?:에|으로|로) (?:\S+ ){0,2}(?:갔|간 |가서|가셨)",
        r"訪問|訪朝|訪米|訪れ|行った|に行",
        r"thăm|chuyến đi|sang|\b(?:đến|tới) (?:Triều Tiên|Bình Nhưỡng|Mỹ|Hoa Kỳ|Việt Nam|Hà Nội|New York|Washington)",
    ),
    "meeting": _any(
        rf"见面|会见|会面|会晤|峰会|见了|见过|见到|见的面|碰(?:了|过|的)?(?:面|头)|{SUMMIT_NICKNAMES}",
        r"\bmeet",
        r"\bmet\b",
        r"\bs[ai]t down (?:together|with)\b|\b(?:sit|sat) down\b",
        # seeing someone: "when did he last see Pompeo", "saw each other" (a trip "to see" someone
        # is a visit: the traveller's trips)
        r"(?<!to )\b(?:see|sees|saw|seen|seeing) (?:him|her|them|each other|one another|(?-i:[A-Z][a-z]+))\b",
        r"\bsummits?\b",
        r"만나|만남|만난|만났|정상회담|회동",
        r"会っ|会談|首脳会談|面会",
        r"gặp|thượng đỉnh|cuộc gặp|hội nghị",
    ),
    "announcement": _any(
        r"宣布|声明|公布|发表",
        r"\bannounce",
        r"\bstatements?\b",
        r"발표|성명",
        r"発表|声明",
        r"tuyên bố|thông báo|công bố",
    ),
    "talks": _any(
        r"会谈|谈判|磋商", r"\btalks\b", r"\bnegotiat", r"협상|회담", r"交渉|協議", r"đàm phán|hội đàm"
    ),
    "letter": _any(
        r"(?<![互相诚自迷通短微])信(?!任|心|息|号|赖|誉|念)",
        r"\bletters?\b",
        r"편지|서한|친서",
        r"手紙|書簡|親書",
        r"\bthư\b",
    ),
    "sanction": _any(r"制裁", r"\bsanction", r"제재", r"trừng phạt|cấm vận"),
    "exercise": _any(r"演习|军演", r"\bexercises?\b", r"\bdrills?\b", r"훈련|연습", r"演習", r"tập trận"),
    "remains": _any(r"遗骸|遗体", r"\bremains\b", r"유해", r"遺骨|遺骸", r"hài cốt"),
    # objecting to the other side: "朝鲜对美方有过什么抱怨？", "What did Pyongyang complain about?"
    "protest": _any(
        r"不满|遗憾|指责|批评|谴责|抗议|反对|抱怨|不高兴|挑衅|不妥|反弹",
        r"\bcomplain|\bcriticis|\bcriticiz|\bprotest|\bcondemn|\bobject(?:ed|ion)|\bdispleas|\bunhappy\b|\bangry\b",
        r"불만|비판|항의|반발|비난|유감",
        r"不満|反発|非難|批判|抗議|遺憾",
        r"phản đối|chỉ trích|bất bình|phàn nàn|lên án|không hài lòng",
    ),
    "agreement": _any(
        r"协议|签署|签了", r"\bagreements?\b", r"\bsigned\b", r"합의|서명", r"合意|署名", r"thỏa thuận|\bký\b"
    ),
}


def asked_actions(question: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in ASKED_ACTIONS.items() if pattern.search(question))
