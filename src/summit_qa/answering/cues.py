"""What a follow-up says, in five languages: words that refer back ("他", "that day"), ask for the
next or the previous event, an ordinal, or the same passage again.  Each table is one general
class of cue, per language; followups.py decides what the cues mean for the question's reading.
"""

from __future__ import annotations

import functools
import re

from summit_qa.page.language import CJK, unmarked


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.I)


# Refers back to a person or thing of the turn before.
ANAPHOR = {
    "zh": _any(
        r"他们|她们|它们|他|她|它|(?<!应)该|此|这话|这事|这上面|这方面|那位|那个人|这位|那次|这次|那件"
    ),
    "en": _any(r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|its|it|that|this|those|these|there)\b"),
    "ko": _any(r"그는|그가|그의|그를|그녀|그들|그분|그곳|거기|그렇게|그것|그 사람|이 사람"),
    "ja": _any(r"彼女|彼ら|彼|それ|その人|そこ|あの人|この人"),
    "vi": _any(r"\b(?:ông ấy|bà ấy|anh ấy|chị ấy|cô ấy|họ|nó|đó|ấy|vậy)\b"),
}
# The page's verbs of saying: a passage with one reports what someone said.
SAYING = "说|表示|称|宣布|透露|报道|指出|认为|发表"
# "Who said that?" asked bare: the one who said it is named where it was said.
SOURCE = {
    "zh": _any(
        r"(?:这话|这个|这|那)?(?:是)?谁(?:说|讲|表示|透露|宣布|报道)的?|据谁|消息来源|哪家媒体(?:报道的?)?"
    ),
    "en": _any(
        r"\bwho (?:said|says|told|announced|reported)(?: (?:that|this|it|so|reporters|the press))?(?: about it)?"
        r"|\baccording to whom\b|\bwhat(?:'s| is| was) the source\b"
    ),
    "ko": _any(r"누가 (?:그렇게 |그런 |그 )?(?:말|얘기|발표|밝혔)[\uac00-\ud7a3]*|출처[\uac00-\ud7a3]*"),
    "ja": _any(r"誰が(?:そう)?(?:言|発表|話)[\u3040-\u309f]*|出典"),
    "vi": _any(
        r"\bai (?:đã )?(?:nói|công bố|cho biết|tuyên bố)(?: (?:vậy|thế|điều đó|như vậy))?|nguồn (?:tin )?(?:ở )?đâu"
    ),
}
# "That day" / "then": the date of the answer before.
SAME_DAY = {
    "zh": _any(r"当时|那天|当天|同一天|同日|那时"),
    "en": _any(r"\bthat day\b|\bthe same day\b|\bat that time\b|\bat the time\b|\bthat time\b"),
    "ko": _any(r"그날|그 날|그때|같은 날"),
    "ja": _any(r"その日|同じ日|その時|当時"),
    "vi": _any(r"hôm đó|lúc đó|khi đó|cùng ngày|ngày đó"),
}
NEXT_DAY = {
    "zh": _any(r"次日|第二天|翌日|隔天"),
    "en": _any(r"\bthe (?:next|following) day\b|\bthe day after\b"),
    "ko": _any(r"다음 날|다음날|이튿날|그 다음 날"),
    "ja": _any(r"翌日|次の日"),
    "vi": _any(r"hôm sau|ngày hôm sau|ngày tiếp theo"),
}
DAY_BEFORE = {
    "zh": _any(r"前一天|前一日|头一天"),
    "en": _any(r"\bthe day before\b|\bthe previous day\b"),
    "ko": _any(r"전날|그 전날|하루 전"),
    "ja": _any(r"前日|前の日"),
    "vi": _any(r"hôm trước|ngày hôm trước"),
}
# "Then what?" / "before that?": the passage next to the answer before, in time.
NEXT = {
    "zh": _any(
        r"然后|后来|接着|之后|随后|此后|接下来|下一步|再往后|下一[件个条项]|(?<!最)后一[件个条项]|"
        r"再后面|后面(?:呢|还有|又)"  # "再后面", "后面呢？"
    ),
    "en": _any(
        r"\bwhat happened next\b|\bthen what\b|\band then\b|\bafter that\b|\bnext\b|\bafterwards\b|\blater\b",
        r"^\W*(?:and|so|what about|how about)\s+(?:right |just )?after\b",  # "and after the talks?"
    ),
    "ko": _any(
        r"그 다음|그다음|그 후|그후|이후|다음에|다음엔|다음 (?:일|건|의제|항목)|그 뒤|그뒤|(?:그보다|더) 뒤"
    ),
    "ja": _any(r"その後|そのあと|それから|次に|次は|次の|その次|(?:もっと|さらに|更に)後"),
    "vi": _any(
        r"sau đó|tiếp theo|rồi sao|tiếp đó|kế tiếp|^\W*(?:còn |thế )?sau (?:vụ|chuyến|lần|cuộc|sự kiện)"
    ),
}
BEFORE = {
    "zh": _any(
        r"之前|此前|以前|那前|在这之前|再往前|更早|上一[件个条项]|前一[件个条项]|再前面|前面(?:呢|还有|又)"
    ),
    "en": _any(
        r"\bbefore that\b|\bearlier\b|\bpreviously\b|\bprior to that\b|\bbefore then\b|\bthe one before\b|"
        r"\b(?:right|just|shortly|immediately) before\b",
        r"^\W*(?:and|so|what about|how about)\s+before\b",  # "and before the suspension?"
    ),
    "ko": _any(r"그 전|그전|이전에|전에는|전엔|그 앞|(?:그보다|더) 전"),
    "ja": _any(r"その前|それ以前|以前|一つ前|(?:もっと|さらに|更に)前"),
    "vi": _any(r"trước đó|trước khi|trước nữa|^\W*(?:còn |thế )?trước (?:vụ|chuyến|lần|cuộc|sự kiện)"),
}
# "Again", "resumed", "any more news on the exercises?": the same kind of event once more.
AGAIN = {
    "zh": _any(r"又|再次|再度|重新|恢复|重启|也曾|还曾|也有过|还有过|还有别的|其他的?|后续"),
    "en": _any(
        r"\bagain\b|\bresum\w*|\bonce more\b|\balso (?:a )?time\b|\banother time\b|\bthere was also\b",
        r"\banything else\b|\bany (?:more|other|further)\b|\bother\b",
    ),
    "ko": _any(r"다시|또|재개|적도 있|적이 있|다른"),
    "ja": _any(r"また|再び|再開|もう一度|こともあ|他に|ほかに"),
    "vi": _any(r"\blại\b|một lần nữa|nối lại|cũng từng|cũng đã từng|\bkhác\b"),
}
# "The time after that" / "上一次": the next or previous occurrence of a series (a person's
# trips, two people's meetings), not the next event on the page.
NEXT_TIME = {
    "zh": _any(r"(?<!最)[下后]一[次回趟]|下次|(?<![私坐底])下回(?![到国来复答应])|再下一次"),
    "en": _any(r"\bthe (?:next|following) time\b|\bthe time after\b|\bagain\b"),
    "ko": _any(r"다음 ?번"),
    "ja": _any(r"次の回|次回"),
    "vi": _any(r"lần (?:sau|tiếp theo|kế tiếp)"),
}
TIME_BEFORE = {
    "zh": _any(r"(?<!最)[上前]一[次回趟]|上次|(?<![马晚早北南路])上回(?![到国来复答应])"),
    "en": _any(r"\bthe (?:previous|last) time before\b|\bthe time before\b"),
    "ko": _any(r"지난 ?번|이전 ?번|그 ?전 ?번"),
    "ja": _any(r"前の回|前回"),
    "vi": _any(r"lần trước"),
}
# A bare question word: who said it, where, when, why, on what condition.  Such a
# follow-up is often answered by the very passage that answered the turn before.
SAME_PASSAGE = {
    "zh": _any(
        r"谁说的|谁讲的|谁宣布|谁透露|谁表示|谁报道|哪家媒体|据谁|消息来源|在哪(?:儿|里)?说|"
        r"为什么|为啥|什么条件|有什么条件|什么原因|内容|(?:什么时候|哪天|何时)(?:说|讲)的"
    ),
    "en": _any(
        r"\bwho (?:said|says|announced|reported|told)\b|\baccording to whom\b|\bwhich (?:media|agency|outlet)\b|"
        r"\bsource\b|^why\b|\bwhy\?|\bon what (?:condition|terms)\b|\bwhat did (?:it|the \w+) say\b|\bcontents?\b",
        r"\bwhen (?:was|did) (?:that|this|it) (?:said|say)\b|\bwhen did (?:he|she|they) say (?:that|this|it|so)\b",
    ),
    "ko": _any(r"누가 .*(?:말했|발표|밝혔)|출처|왜|어떤 조건|내용|언제 (?:한 )?(?:말|발언)"),
    "ja": _any(r"誰が.*(?:言|発表)|出典|なぜ|どうして|条件|中身|内容|いつの発言|いつ言った"),
    "vi": _any(r"ai (?:nói|công bố|cho biết)|nguồn|tại sao|vì sao|điều kiện|nội dung|nói (?:khi|lúc) nào"),
}
# A response or reaction with no object: to what the turn before was about.
RESPONSE = {
    "zh": _any(r"回应|反应|回复|答复|作何表示|怎么看|看待|态度|立场|表态"),
    "en": _any(
        r"\b(?:react(?:ed|ion)?|respond(?:ed)?|response|repl(?:y|ied)|answer(?:ed)?|stance|attitude|t(?:ake|ook) it)\b\??$"
    ),
    "ko": _any(r"반응|대응|답변|응답|태도|입장|받아들"),
    "ja": _any(r"反応|応じ|返答|回答|態度|立場|受け止め|どう受け取"),  # not 親書を受け取った: received
    "vi": _any(r"phản ứng|đáp lại|trả lời|thái độ|lập trường|đón nhận"),
}
# What a side said, thought or felt of what was just told ("美方是什么说法", "was Washington
# satisfied with it?"): its view, where the passage shown may tell it.
VIEW = {
    "zh": _any(
        r"怎么说|说了什么|说了啥|说啥|说什么|怎么讲|讲了什么|什么说法|表态|满意|不满|高兴|怎么想|评价"
    ),
    "en": _any(
        r"\bwhat did (?:[\w-]+ ){1,3}(?:say|think)\b|\b(?:happy|pleased|satisfied|unhappy) with\b"
        r"|'s (?:side|take|view)\b|\b(?:side|take|view) (?:of|on) (?:it|that|this)\b"
    ),
    "ko": _any(r"뭐래|뭐라고|뭐라 했|만족|어떻게 생각|뭐라고 생각"),
    "ja": _any(r"何と言|なんて言|何て言|どう言|満足|どう思|評価"),
    "vi": _any(r"nói gì|nói sao|nói thế nào|hài lòng|nghĩ gì|đánh giá"),
}
# What someone thinks ("那位学者怎么看", "what does Yang think?", "그 학자는 어떻게 봐?",
# "専門家はどう見てる？", "ông ấy nhận định sao"): an opinion, told where that person is quoted.
OPINION = {
    "zh": _any(r"怎么看|咋看|看法|观点|怎么认为|如何看"),
    "en": _any(
        r"\bwhat does [\w .'-]{1,30} think\b|\bhow does [\w .'-]{1,30} see\b|\b(?:opinion|views?)\b|"
        r"'s take\b|\b(?:his|her|their|your) take\b|\btake on\b"  # "take" alone: "did it take long?"
    ),
    "ko": _any(r"어떻게 봐|어떻게 보(?!내|냈|도)|견해|의견|생각은"),  # not 보내다 "spend", 보도 "report"
    "ja": _any(r"どう見|どう考え|見方|意見|見解"),
    "vi": _any(r"nhận định|thấy sao|ý kiến|quan điểm"),
}
# A side named as a side ("特朗普那边", "美国 쪽은", "米国側は", "phía Mỹ", "on Washington's
# side"): with a view asked ("…怎么讲"), the view of that side of what was just told.
SIDE = {
    "zh": _any(r"那边|那一方"),
    "en": _any(r"'s (?:side|end)\b|\b(?:side|end) of (?:the )?[\w.]+"),
    "ko": _any(r"(?<![북남동서앞뒤위옆])\s?쪽(?:은|에서는|에선|에서|도|의)"),
    "ja": _any(r"(?<![北南東西両内外])側(?:は|の|も|から)"),
    "vi": _any(r"\bphía\b(?! (?:bắc|nam|đông|tây|trước|sau|trên|dưới)\b)"),
}
# A return to an earlier topic of the conversation ("回到新加坡那次", "back to the sanctions").
RETURN = {
    "zh": _any(r"回到|再说回|说回|回头说|刚才(?:那|说的|提到的|讲的)|前面(?:那|说的|提到的|讲的)"),
    "en": _any(r"\b(?:back to|going back|go back|returning to|return to|you mentioned earlier)\b"),
    "ko": _any(
        r"아까|앞에서 (?:말한|나온|얘기한)|다시 돌아가|돌아가서|다시 [^,.?]{0,12}(?:얘기|이야기)(?:로|로요|에)"
    ),
    "ja": _any(r"さっきの|先ほどの|前の話|に戻(?:る|って|ります|りますが)"),
    "vi": _any(r"quay lại|trở lại|lúc nãy|vừa nãy|ban nãy"),
}
# "Why?", and what for: a reason or a purpose; 干嘛 before a verb asks why ("他干嘛坐船去"), at the end what.
WHY = {
    "zh": _any(
        r"为什么|为何|为啥|什么原因|原因是|为了(?:啥|什么)|目的是|干嘛去|图(?:啥|什么)|怎么不|(?:怎么|咋)就(?![是餐职地业读诊医])",
        r"(?<![去在做来完])干[嘛吗](?=[\u4e00-\u9fff])(?![的呢啊呀了])",
    ),
    "en": _any(r"\bwhy\b|\bwhat for\b|\breason|\bhow come\b|\bfor what purpose\b"),
    "ko": _any(r"왜|이유|무슨 목적|뭐 하러|어째서|(?:뭐|무엇|뭣|무슨 일)\s*때문에"),
    "ja": _any(r"なぜ|どうして|理由|なんで|何のため|目的"),
    "vi": _any(
        r"tại sao|vì sao|lý do|để làm gì|mục đích|\bsao (?:lại|mà)\b|\blàm sao mà\b"
        r"|(?:^|[,.?!]\s*)sao\s+(?!rồi\b)(?:\S+\s+){1,3}lại\b",  # "sao họ lại…" with words between: why
    ),
}
# "What about X?": X stands in for the names of the turn before.
WHAT_ABOUT = {
    "zh": re.compile(r"^(?:那么?|还有|而)?(?P<x>.{1,12}?)(?:呢|怎么样|如何)[？?。！!]*$"),
    "en": re.compile(
        r"^(?:and|but|so)?\s*(?:what|how) about\s+(?P<x>.+?)[?.!]*$|^and\s+(?P<y>.+?)[?.!]*$", re.I
    ),
    "ko": re.compile(r"^(?:그럼|그러면)?\s*(?P<x>.+?)(?:은|는)요?\s*[?？]*$"),
    "ja": re.compile(r"^(?:じゃあ|では)?\s*(?P<x>.+?)(?:は|の方は)\s*[？?]*$"),
    "vi": re.compile(r"^còn\s+(?P<x>.+?)(?:\s+thì sao)?\s*[?？]*$", re.I),
}
# A question that opens with "and / so / then" and names someone new asks the same of them
# ("那特朗普哪天到？" after Kim's arrival, "그럼 트럼프는 언제 왔어요?", "Còn ông Trump đến lúc nào?").
SWITCH = {
    "zh": re.compile(r"^(?:那么|那(?![次天位个件时里儿些])|而|还有)"),
    "en": re.compile(r"^(?:and|so|but|then)\b", re.I),
    "ko": re.compile(r"^(?:그럼|그러면|그렇다면|그리고)"),
    "ja": re.compile(r"^(?:じゃあ|では|それでは|それなら|で、)"),
    "vi": re.compile(r"^(?:vậy còn|thế còn|còn)\b", re.I),
}
# A question that names someone only as the one met or talked with, its subject left out
# ("跟蓬佩奥在哪见的面？", "ポンペオとは何を話したの", "폼페이오랑은 어디서 만났어?"): the
# subject is the person of the turn before.
PARTNER = {
    "zh": re.compile(
        r"^(?:那|那么|然后)?(?:跟|和|与|同)[^，。？?]{1,8}?(?:在|是|哪|什么|啥|几|怎么|谈|见|会)"
    ),
    "en": re.compile(r"^(?:and )?with [\w .'-]{2,30}?,? (?:where|when|what|how|why)\b", re.I),
    "ko": re.compile(r"^[^\s?？]{1,10}(?:이랑|랑|와|과|하고)(?:는|은)?\s+(?:어디|언제|뭐|무슨|왜|어떻게|몇)"),
    "ja": re.compile(r"^[^はがを、。？?]{1,12}?とは?(?:どこ|いつ|何|なに|どう|なぜ|どんな)"),
    "vi": re.compile(
        r"^(?:còn )?(?:với|cùng) [\w .'-]{2,30}? (?:ở đâu|khi nào|bao giờ|gì|thế nào|ra sao)", re.I
    ),
}
QUESTION_WORDS = {
    "zh": r"什么|谁|哪|几|多少|怎么|为什么|为啥|如何|何时|吗|呢|啥",
    "en": r"\b(?:what|who|whom|whose|when|where|which|why|how)\b",
    "ko": r"무엇|뭐|누구|누가|언제|어디|왜|어떻게|몇|어느",
    "ja": r"何|誰|だれ|いつ|どこ|なぜ|どう|どの|いくつ",
    "vi": r"\b(?:gì|ai|khi nào|bao giờ|ở đâu|đâu|tại sao|vì sao|thế nào|như thế nào|bao nhiêu|nào)\b",
}

# Words that say nothing of a follow-up's subject: question words, pronouns, particles.
_EMPTY_WORDS = {
    "zh": r"什么|谁|哪里|哪儿|哪|几|多少|怎么|怎样|为什么|为啥|如何|何时|吗|呢|啥|是|的|了|他们|她们|他|她|它|这|那|呀|吧|个|在|说",
    "en": r"\b(?:what|who|whom|whose|when|where|which|why|how|is|was|are|were|did|does|do|the|a|an|and|about|that|this|it|"
    r"he|she|they|him|her|them|then|there|so|one|of|to|in|on)\b",
    "ko": r"무엇|뭐|누구|누가|언제|어디|왜|어떻게|몇|어느|그는|그가|그녀|그들|그|요|은|는|이|가|을|를|에서|에|했어요|했나요|인가요|예요|이에요",
    "ja": r"何|誰|だれ|いつ|どこ|なぜ|どう|どの|彼ら|彼女|彼|それ|その|は|が|を|に|で|の|か|です|ました|ですか",
    "vi": r"\b(?:gì|ai|khi nào|bao giờ|ở đâu|đâu|tại sao|vì sao|thế nào|như thế nào|bao nhiêu|nào|ông ấy|bà ấy|họ|còn|thì sao|là|của|và|vậy|thế(?! giới)|nhỉ|hả|ạ)\b",
}


def content_of(text: str, language: str) -> str:
    """What is left of a question without its question words, pronouns and particles."""
    rest = re.sub(_EMPTY_WORDS.get(language, "$^"), " ", text, flags=re.I)
    return re.sub(r"[\W_]+", " ", rest).strip()


def is_bare(text: str, language: str) -> bool:
    """Nothing but question words, pronouns and particles, and at most one other word:
    "Where?", "为什么？", "그때는요?", "Who invited him?"."""
    rest = content_of(text, language)
    return not re.search(f"[{CJK}]", rest) and len(rest.split()) <= 1


def is_short(text: str) -> bool:
    """Few content characters: a CJK question of at most 10 (a word in another script
    counting 2), a spaced one of at most 5 words (Korean too; Vietnamese, written a syllable
    a word: 7)."""
    if _HANGUL.search(text) and not _HAN_OR_KANA.search(text):  # Korean is written in spaced words
        return len(re.findall(r"[^\W\d_]+", text)) <= 5
    text = _POLITE.sub("", text)  # "誰が出迎えましたか？" is as short as "誰が出迎えた？"
    cjk = len(re.findall(f"[{CJK}]", text))
    words = len(re.findall(r"[^\W\d_]+", re.sub(f"[{CJK}]", " ", text)))
    if cjk:
        return cjk + 2 * words <= 10
    return words <= (7 if VIETNAMESE_LETTERS.search(text) else 5)


_HANGUL = re.compile(r"[\uac00-\ud7af]")
# Japanese polite endings: the question's register, not its content.
_POLITE = re.compile(r"でしょうか|ましたか|ませんか|ますか|ですか|でした|ました|です|ます")
_HAN_OR_KANA = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff]")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@functools.lru_cache(maxsize=512)
def _unmarked_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(unmarked(pattern.pattern), pattern.flags)


def matches(table: dict[str, re.Pattern[str]], text: str, language: str) -> bool:
    """Whether ``table``'s cue for ``language`` is in ``text``; Vietnamese typed without its
    marks ("nhung lan", "sau do") matches the cue without them too."""
    pattern = table.get(language)
    if not pattern:
        return False
    if pattern.search(text):
        return True
    return language == "vi" and bool(_unmarked_pattern(pattern).search(unmarked(text)))
