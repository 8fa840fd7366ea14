"""Follow-up questions, read with the conversation's earlier turns.

No language model is available, so a follow-up is resolved by retrieval means,
each a rule for one general class of follow-up (the tests hold cases written
for each class, in the five languages):

* **detection**: a turn is a follow-up when it refers back (a pronoun or
  demonstrative: 他 / he / 그 / 彼 / ông ấy; "that day"; "what about X?";
  "then what?"; a bare ordinal "and the second?") or names nothing of the page
  and is short.  A turn that names its own subject and refers back to nothing
  is a new question and ranks exactly as it would alone;
* **names carried over**: a follow-up that names no person, place or body
  takes those of the turn before ("他是怎么去的？" after a question about
  金正恩 ranks as "金正恩 他是怎么去的？"); one that names a new one in a
  "what about X?" form takes the turn before with X in place of its names;
* **ordinals**: "那第二次呢？" after "…第一次…" is the turn before with the
  ordinal replaced;
* **the answer before**: a short wh-follow-up ("谁说的？", "Where?", "Why?")
  is often answered by the passage that answered the turn before, which gets a
  bonus; "then what?" / "before that?" lift the passage next to it in time;
  "that day" / "the next day" add its date (or the next day) as a date the
  question names.

:func:`resolve` turns a question and the earlier turns into a
:class:`Resolution`: the text to rank, dates to add, passage bonuses, and which
earlier turn it leaned on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from summit_qa.page.dates import DateQuery
from summit_qa.page.language import CJK, clean_question
from summit_qa.page.names import Glossary

# How far back a follow-up looks for the answered turn it leans on.
MAX_TURNS = 4


def user_questions(history: object) -> list[str]:
    """The earlier user questions in ``history``, oldest first.

    Accepts Gradio's messages format (``{"role": "user", "content": ...}``, the
    content a string or a list of typed parts), the older ``[user, bot]`` pairs,
    or plain strings (each an earlier user question).  Anything else is skipped,
    never an error.
    """
    if not isinstance(history, list | tuple):
        return []
    out: list[str] = []
    for item in history:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("role") == "user":
            out.append(_content_text(item.get("content")))
        elif isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[0], str):
            out.append(item[0])
    return [clean_question(q) for q in out if q and q.strip()]


def _content_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list | tuple):
        return " ".join(_content_text(part) for part in content)
    if isinstance(content, dict):
        text = content.get("text")
        return text if isinstance(text, str) else ""
    return ""


# ---------------------------------------------------------------- cues
def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# Refers back to a person or thing of the turn before.
_ANAPHOR = {
    "zh": _any(
        r"他们|她们|它们|他|她|它|(?<!应)该|此|这话|这事|这上面|这方面|那位|那个人|这位|那次|这次|那件"
    ),
    "en": _any(r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|its|it|that|this|those|these|there)\b"),
    "ko": _any(r"그는|그가|그의|그를|그녀|그들|그분|그곳|거기|그렇게|그것|그 사람|이 사람"),
    "ja": _any(r"彼女|彼ら|彼|それ|その人|そこ|あの人|この人"),
    "vi": _any(r"\b(?:ông ấy|bà ấy|anh ấy|chị ấy|cô ấy|họ|nó|đó|ấy|vậy)\b"),
}
# "That day" / "then": the date of the answer before.
_SAME_DAY = {
    "zh": _any(r"当时|那天|当天|同一天|同日|那时"),
    "en": _any(r"\bthat day\b|\bthe same day\b|\bat that time\b|\bat the time\b|\bthat time\b"),
    "ko": _any(r"그날|그 날|그때|같은 날"),
    "ja": _any(r"その日|同じ日|その時|当時"),
    "vi": _any(r"hôm đó|lúc đó|khi đó|cùng ngày|ngày đó"),
}
_NEXT_DAY = {
    "zh": _any(r"次日|第二天|翌日|隔天"),
    "en": _any(r"\bthe (?:next|following) day\b|\bthe day after\b"),
    "ko": _any(r"다음 날|다음날|이튿날|그 다음 날"),
    "ja": _any(r"翌日|次の日"),
    "vi": _any(r"hôm sau|ngày hôm sau|ngày tiếp theo"),
}
_DAY_BEFORE = {
    "zh": _any(r"前一天|前一日|头一天"),
    "en": _any(r"\bthe day before\b|\bthe previous day\b"),
    "ko": _any(r"전날|그 전날|하루 전"),
    "ja": _any(r"前日|前の日"),
    "vi": _any(r"hôm trước|ngày hôm trước"),
}
# "Then what?" / "before that?": the passage next to the answer before, in time.
_NEXT = {
    "zh": _any(r"然后|后来|接着|之后|随后|此后|接下来|下一步"),
    "en": _any(
        r"\bwhat happened next\b|\bthen what\b|\band then\b|\bafter that\b|\bnext\b|\bafterwards\b|\blater\b"
    ),
    "ko": _any(r"그 다음|그다음|그 후|그후|이후|다음에"),
    "ja": _any(r"その後|それから|次に|次は"),
    "vi": _any(r"sau đó|tiếp theo|rồi sao|tiếp đó"),
}
_BEFORE = {
    "zh": _any(r"之前|此前|以前|那前|在这之前"),
    "en": _any(r"\bbefore that\b|\bearlier\b|\bpreviously\b|\bprior to that\b|\bbefore then\b"),
    "ko": _any(r"그 전|그전|이전에|전에는"),
    "ja": _any(r"その前|それ以前|以前"),
    "vi": _any(r"trước đó|trước khi"),
}
# A bare question word: who said it, where, when, why, on what condition.  Such a
# follow-up is often answered by the very passage that answered the turn before.
_SAME_PASSAGE = {
    "zh": _any(
        r"谁说的|谁讲的|谁宣布|谁透露|谁表示|谁报道|哪家媒体|据谁|消息来源|在哪(?:儿|里)?说|"
        r"为什么|为啥|什么条件|有什么条件|什么原因|内容"
    ),
    "en": _any(
        r"\bwho (?:said|says|announced|reported|told)\b|\baccording to whom\b|\bwhich (?:media|agency|outlet)\b|"
        r"\bsource\b|^why\b|\bwhy\?|\bon what (?:condition|terms)\b"
    ),
    "ko": _any(r"누가 .*(?:말했|발표|밝혔)|출처|왜|어떤 조건"),
    "ja": _any(r"誰が.*(?:言|発表)|出典|なぜ|どうして|条件"),
    "vi": _any(r"ai (?:nói|công bố|cho biết)|nguồn|tại sao|vì sao|điều kiện"),
}
# A response or reaction with no object: to what the turn before was about.
_RESPONSE = {
    "zh": _any(r"回应|反应|回复|答复|作何表示|怎么看"),
    "en": _any(r"\b(?:react(?:ed|ion)?|respond(?:ed)?|response|repl(?:y|ied)|answer(?:ed)?)\b\??$"),
    "ko": _any(r"반응|대응|답변|응답"),
    "ja": _any(r"反応|応じ|返答|回答"),
    "vi": _any(r"phản ứng|đáp lại|trả lời"),
}
# "What about X?": X stands in for the names of the turn before.
_WHAT_ABOUT = {
    "zh": re.compile(r"^(?:那么?|还有|而)?(?P<x>.{1,12}?)(?:呢|怎么样|如何)[？?。！!]*$"),
    "en": re.compile(
        r"^(?:and|but|so)?\s*(?:what|how) about\s+(?P<x>.+?)[?.!]*$|^and\s+(?P<y>.+?)[?.!]*$", re.I
    ),
    "ko": re.compile(r"^(?:그럼|그러면)?\s*(?P<x>.+?)(?:은|는)요?\s*[?？]*$"),
    "ja": re.compile(r"^(?:じゃあ|では)?\s*(?P<x>.+?)(?:は|の方は)\s*[？?]*$"),
    "vi": re.compile(r"^còn\s+(?P<x>.+?)(?:\s+thì sao)?\s*[?？]*$", re.I),
}
_QUESTION_WORDS = {
    "zh": r"什么|谁|哪|几|多少|怎么|为什么|为啥|如何|何时|吗|呢|啥",
    "en": r"\b(?:what|who|whom|whose|when|where|which|why|how)\b",
    "ko": r"무엇|뭐|누구|누가|언제|어디|왜|어떻게|몇|어느",
    "ja": r"何|誰|だれ|いつ|どこ|なぜ|どう|どの|いくつ",
    "vi": r"\b(?:gì|ai|khi nào|bao giờ|ở đâu|đâu|tại sao|vì sao|thế nào|như thế nào|bao nhiêu|nào)\b",
}

# Ordinals, by language: the pattern and the number each surface stands for.
_ZH_NUM = {
    "一": 1,
    "头一": 1,
    "首": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
}
_EN_NUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "one": 1, "two": 2, "three": 3}
_ORDINAL = {
    "zh": re.compile(
        r"第(?P<n>[一二两三四五六七八\d])(?P<unit>次|个|回|条|项|轮|届)?|(?P<h>头一|首)(?P<hu>次|个|回|条|项)"
    ),
    "en": re.compile(
        r"\b(?P<w>first|second|third|fourth|fifth)\b|\b(?P<d>[1-5])(?:st|nd|rd|th)\b"
        r"|\bnumber (?P<nw>one|two|three|four|five|[1-5])\b",
        re.I,
    ),
    "ko": re.compile(r"(?P<k>첫|두|세|네)\s?번째|(?P<kf>첫)\s|(?P<kd>[1-5])\s?(?:번째|차)"),
    "ja": re.compile(r"(?P<jd>[1-5１-５一二三四五])(?:回目|番目|つ目|度目)|(?P<jf>最初|初)"),
    "vi": re.compile(r"lần (?:thứ )?(?P<vw>đầu|hai|ba|tư|năm|[1-5])|(?P<vf>đầu tiên)", re.I),
}


@dataclass(frozen=True)
class Ordinal:
    number: int
    start: int
    end: int


def find_ordinal(text: str, language: str) -> Ordinal | None:
    """The first ordinal ``text`` writes ("第二次", "the third", "두 번째", "2回目", "lần thứ hai")."""
    pattern = _ORDINAL.get(language)
    m = pattern.search(text) if pattern else None
    if not m:
        return None
    g = {k: v for k, v in m.groupdict().items() if v}
    number = 1
    if "n" in g:
        number = int(g["n"]) if g["n"].isdigit() else _ZH_NUM[g["n"]]
    elif "w" in g or "nw" in g:
        word = (g.get("w") or g.get("nw")).lower()
        number = int(word) if word.isdigit() else _EN_NUM[word]
    elif "d" in g or "kd" in g:
        number = int(g.get("d") or g.get("kd"))
    elif "k" in g:
        number = {"첫": 1, "두": 2, "세": 3, "네": 4}[g["k"]]
    elif "jd" in g:
        number = "1１一2２二3３三4４四5５五".index(g["jd"]) // 3 + 1
    elif "vw" in g:
        number = {"đầu": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5}.get(g["vw"].lower()) or int(g["vw"])
    return Ordinal(number, m.start(), m.end())


def _ordinal_surface(number: int, like: str, language: str) -> str:
    """``number`` written the way ``like`` (an ordinal of the same language) writes it."""
    if language == "zh":
        digits = "一二三四五六七八"
        unit = next((u for u in "次个回条项轮届" if u in like), "")
        return f"第{digits[number - 1]}{unit}" if number <= 8 else f"第{number}{unit}"
    if language == "en":
        words = ["first", "second", "third", "fourth", "fifth"]
        if like.lower().startswith("number"):
            return f"number {['one', 'two', 'three', 'four', 'five'][number - 1]}"
        return words[number - 1] if number <= 5 else f"{number}th"
    if language == "ko":
        return ["첫 번째", "두 번째", "세 번째", "네 번째", "다섯 번째"][number - 1]
    if language == "ja":
        return f"{number}回目"
    if language == "vi":
        return "lần đầu" if number == 1 else f"lần thứ {['', '', 'hai', 'ba', 'tư', 'năm'][number]}"
    return str(number)


# Words that say nothing of a follow-up's subject: question words, pronouns, particles.
_EMPTY_WORDS = {
    "zh": r"什么|谁|哪里|哪儿|哪|几|多少|怎么|怎样|为什么|为啥|如何|何时|吗|呢|啥|是|的|了|他们|她们|他|她|它|这|那|呀|吧|个|在|说",
    "en": r"\b(?:what|who|whom|whose|when|where|which|why|how|is|was|are|were|did|does|do|the|a|an|and|about|that|this|it|"
    r"he|she|they|him|her|them|then|there|so|one|of|to|in|on)\b",
    "ko": r"무엇|뭐|누구|누가|언제|어디|왜|어떻게|몇|어느|그는|그가|그녀|그들|그|요|은|는|이|가|을|를|에서|에|했어요|했나요|인가요|예요|이에요",
    "ja": r"何|誰|だれ|いつ|どこ|なぜ|どう|どの|彼ら|彼女|彼|それ|その|は|が|を|に|で|の|か|です|ました|ですか",
    "vi": r"\b(?:gì|ai|khi nào|bao giờ|ở đâu|đâu|tại sao|vì sao|thế nào|như thế nào|bao nhiêu|nào|ông ấy|bà ấy|họ|còn|thì sao|là|của|và)\b",
}


def _content(text: str, language: str) -> str:
    """What is left of a question without its question words, pronouns and particles."""
    rest = re.sub(_EMPTY_WORDS.get(language, "$^"), " ", text, flags=re.I)
    return re.sub(r"[\W_]+", " ", rest).strip()


def _bare(text: str, language: str) -> bool:
    """Nothing but question words, pronouns and particles, and at most one other word:
    "Where?", "为什么？", "그때는요?", "Who invited him?"."""
    rest = _content(text, language)
    return not re.search(f"[{CJK}]", rest) and len(rest.split()) <= 1


def _short(text: str) -> bool:
    """Few content characters: a CJK question of at most 8 (a word in another script
    counting 2), a spaced one of at most 5 words (Vietnamese, written a syllable a word: 7)."""
    cjk = len(re.findall(f"[{CJK}]", text))
    words = len(re.findall(r"[^\W\d_]+", re.sub(f"[{CJK}]", " ", text)))
    if cjk:
        return cjk + 2 * words <= 10
    return words <= (7 if _VIETNAMESE_LETTERS.search(text) else 5)


_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@dataclass(frozen=True)
class Turn:
    """What the conversation remembers of an earlier turn."""

    question: str  # as asked (cleaned)
    query: str  # the text it was ranked with (its own context added)
    names: tuple[str, ...]  # the page's names it was about (Chinese forms)
    answer: int | None = None  # its best passage, None when not answered
    date: str | None = None  # that passage's date
    language: str = "zh"
    topic: str = ""  # the latest query that said what the conversation is about (not a bare "where?")


@dataclass(frozen=True)
class Resolution:
    """How to rank a question given the conversation so far."""

    query: str  # the text to rank
    names: tuple[str, ...] = ()  # the page's names the turn is about
    follow_up: bool = False
    context_turn: int | None = None  # which earlier turn it leaned on (index among the earlier turns)
    dates: tuple[DateQuery, ...] = ()  # dates to match besides those the question writes
    prior: dict[int, float] = field(default_factory=dict)  # passage index → bonus
    reason: str = ""  # which rules fired, for tests and the curious
    in_scope: bool = False  # answered whatever the floors say (a follow-up, an identity question)
    topic: str = ""  # see Turn.topic

    def __post_init__(self) -> None:
        if not self.topic:
            object.__setattr__(self, "topic", self.query)


@dataclass(frozen=True)
class ConversationPolicy:
    """The rules' bonuses, on the fused scale (measured on eval/dialogues.jsonl, see README)."""

    same_passage_bonus: float = 2.0  # a short wh- or response follow-up: the passage that answered before
    next_bonus: float = 2.0  # "then what?" / "before that?": the passage next to it on the page
    neighbour_bonus: float = 1.0  # any follow-up: the passages beside the one that answered before


def is_follow_up(question: str, language: str, names: tuple[str, ...], people: tuple[str, ...] = ()) -> bool:
    """Whether ``question`` leans on the turn before (see the module docstring): it refers
    back ("他", "that day", "then what?", "how did they respond?", "what about X?"), or it
    is short and names neither a person or body of the page nor a date ("几号到的越南？"
    after a question about 金正恩)."""
    if refers_back(question, language):
        return True
    what_about = _WHAT_ABOUT.get(language)
    if what_about and what_about.match(question) and _short(question):
        return True  # "那特朗普呢？", "What about Pompeo?"
    return _short(question) and not people and not _DATE.search(question)


def refers_back(question: str, language: str) -> bool:
    """A pronoun, "that day", "then what?", "before that", a response with no object
    ("how did they react?"): words that point at the turn before."""
    return any(
        table.get(language) and table[language].search(question)
        for table in (_ANAPHOR, _SAME_DAY, _NEXT_DAY, _DAY_BEFORE, _NEXT, _BEFORE, _RESPONSE)
    )


# A date written in a question (any language): a question that names one is about it.
_DATE = re.compile(
    r"\d{4}|\d{1,2}\s*[月日号]|[一二三四五六七八九十]+月|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d\s*월|\d\s*일|ngày\s+\d|tháng\s+\d|\d{1,2}/\d{1,2}",
    re.I,
)


def resolve(
    question: str,
    language: str,
    earlier: Sequence[Turn],
    glossary: Glossary,
    sequence: Mapping[int, tuple[int | None, int | None]] | None = None,
    policy: ConversationPolicy = ConversationPolicy(),
) -> Resolution:
    """Read ``question`` with the ``earlier`` turns (oldest first).

    ``sequence`` gives each passage's neighbours on the page (the passage before
    and after it in its article): "then what?" and "before that?" move by it.
    """
    names = glossary.names(question)
    people = glossary.names(question, ("person", "body"))
    recent = range(len(earlier) - 1, max(-1, len(earlier) - 1 - MAX_TURNS), -1)
    context_index = next((i for i in recent if earlier[i].answer is not None), None)
    if context_index is None or not is_follow_up(question, language, names, people):
        return Resolution(question, names)
    before = earlier[context_index]
    reasons = []
    query = question
    carried = names
    topic = ""
    ordinal = find_ordinal(question, language)
    # An ordinal follow-up ("那第二个呢？") replaces the ordinal of the latest turn that wrote one.
    counted = next(
        (t for t in reversed(earlier[-MAX_TURNS:]) if ordinal and find_ordinal(t.query, t.language)), None
    )
    what_about = _WHAT_ABOUT.get(language)
    about = what_about.match(question) if what_about else None
    anaphoric = bool(_matches(_ANAPHOR, question, language) and before.names)
    if ordinal and counted and _short(question):
        old = find_ordinal(counted.query, counted.language)
        surface = _ordinal_surface(ordinal.number, counted.query[old.start : old.end], counted.language)
        query = counted.query[: old.start] + surface + counted.query[old.end :]
        carried = counted.names
        reasons.append("ordinal")
    elif about and names and _short(question):
        query = f"{question} {glossary.strip_names(before.query)}"
        reasons.append("what-about")
    elif (_bare(question, language) and not (anaphoric and _content(question, language))) or (
        not names and _short(question) and not anaphoric
    ):
        # "Where?", "为什么？", "谈完干嘛？": a short question about the topic before, asked of it
        # (a pronoun with a verb of its own, "他是怎么去的？", takes the names instead, below)
        query = f"{before.topic} {question}"
        carried = before.names
        topic = before.topic
        reasons.append("question carried")
    else:
        # A subject left out ("他是怎么去的？", "几号到的越南？") is the one before: its
        # people when the question names none, its other names when it names nothing.
        before_people = [n for n in before.names if glossary.types.get(n) in ("person", "body")]
        add = [] if people else [n for n in before_people if n not in names]
        if not names:
            add += [n for n in before.names if n not in add]
        query = " ".join([*add, question])
        carried = tuple(dict.fromkeys([*names, *add]))
        if add:
            reasons.append("names carried")
    prior: dict[int, float] = {}
    extra: list[DateQuery] = []
    same_passage = _SAME_PASSAGE.get(language)
    if _short(question) and (
        (same_passage and same_passage.search(question)) or _matches(_RESPONSE, question, language)
    ):
        prior[before.answer] = prior.get(before.answer, 0.0) + policy.same_passage_bonus
        reasons.append("same passage")
    if policy.neighbour_bonus:
        for side in (sequence or {}).get(before.answer, (None, None)):
            if side is not None:
                prior[side] = prior.get(side, 0.0) + policy.neighbour_bonus
    step = 1 if _matches(_NEXT, question, language) else -1 if _matches(_BEFORE, question, language) else 0
    neighbour = (sequence or {}).get(before.answer, (None, None))[0 if step < 0 else 1] if step else None
    if neighbour is not None:
        prior[neighbour] = prior.get(neighbour, 0.0) + policy.next_bonus
        reasons.append("next on the page" if step > 0 else "before on the page")
    day = before.date if before.date and len(before.date) == 10 else None
    if day:
        offset = 0 if _matches(_SAME_DAY, question, language) else None
        offset = 1 if _matches(_NEXT_DAY, question, language) else offset
        offset = -1 if _matches(_DAY_BEFORE, question, language) else offset
        if offset is not None:
            d = dt.date.fromisoformat(day) + dt.timedelta(days=offset)
            extra.append(DateQuery(d.year, d.month, d.day, "context"))
            reasons.append("that day" if offset == 0 else f"day {offset:+d}")
    # It stays on the answered turn's topic (the floors do not apply) when it points back
    # or names nothing; one that names something of its own is judged as usual.
    inherits = refers_back(question, language) or not names
    return Resolution(
        query, carried, True, context_index, tuple(extra), prior, ", ".join(reasons), inherits, topic
    )


def _matches(table: dict[str, re.Pattern[str]], text: str, language: str) -> bool:
    pattern = table.get(language)
    return bool(pattern and pattern.search(text))


def asks_a_question(text: str, language: str) -> bool:
    """A question mark or a question word of ``language``."""
    return bool(re.search(r"[?？]", text) or re.search(_QUESTION_WORDS.get(language, "$^"), text, re.I))
