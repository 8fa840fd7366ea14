"""Small talk and non-questions: greetings, thanks, "who are you", "help", a joke,
bare punctuation, emoji or markup.  They get a short reply that says what the
page covers and offers example questions, never a passage.

Two tests, in this order:

* :func:`classify` before ranking: a message with nothing but punctuation,
  emoji or markup, or one that is, as a whole, a phrase of small talk in one of
  the five languages (the lists below; "Hi!", "谢谢", "고마워요", "ありがとう",
  "Cảm ơn").  A greeting in front of a real question ("你好，金正恩哪天到的？")
  is not small talk: :func:`strip_greeting` removes it and the question is asked;
* :func:`chatty` after ranking, for a message the page cannot answer: short
  and asking nothing (no question mark, no question word), like "asdfghjkl" or
  "you're useless", it is chat rather than a question about something else.
"""

from __future__ import annotations

import re

from summit_qa.conversation import asks_a_question
from summit_qa.language import CJK

_TAG = re.compile(r"<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>|<[^>]{0,200}>|&[#\w]{1,10};", re.I | re.S)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)

# Whole messages of small talk, by what they do; matched after lower-casing and
# stripping punctuation, emoji and spaces at the ends.
_PHRASES: dict[str, tuple[str, ...]] = {
    "greeting": (
        r"你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|早安|晚安|大家好|在吗|在不在|喂",
        r"hi|hello|hey|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|hi there|hello there|hey there",
        r"안녕|안녕하세요|안녕하십니까|하이|반가워요?|반갑습니다|좋은 아침",
        r"こんにちは|こんばんは|おはよう(?:ございます)?|やあ|どうも|はじめまして",
        r"xin chào|chào(?: bạn| anh| chị| em)?|chào buổi (?:sáng|chiều|tối)|alo",
    ),
    "thanks": (
        r"谢谢(?:你|您|了)?|多谢|感谢(?:你|您)?|谢了|辛苦了",
        r"thanks?(?: you)?(?: so much| very much| a lot)?|thx|ty|cheers|much appreciated|appreciate it",
        r"고마워요?|고맙습니다|감사합니다|감사해요|땡큐",
        r"ありがとう(?:ございます|ございました)?|どうもありがとう|感謝します|サンキュー",
        r"cảm ơn(?: bạn| nhiều| nhé| bạn nhiều)?|cám ơn(?: bạn)?",
    ),
    "goodbye": (
        r"再见|拜拜|回头见|下次见|晚安",
        r"bye|goodbye|good bye|see you|see ya|farewell|good night",
        r"잘 ?가요?|안녕히 (?:계세요|가세요)|다음에 봐요|바이",
        r"さようなら|またね|じゃあね|バイバイ|おやすみ(?:なさい)?",
        r"tạm biệt|hẹn gặp lại|chào tạm biệt",
    ),
    "acknowledge": (
        r"好的?|好吧|嗯+|哦+|行|可以|明白了?|知道了|收到|懂了|是的|对|不是|不对|没事|没问题|好滴",
        r"ok(?:ay)?|k|sure|yes|yeah|yep|no|nope|got it|i see|alright|fine|cool|nice|great|wow|lol|haha+|hmm+|oh",
        r"네|응|아니요?|알겠어요|알겠습니다|좋아요|오케이|ㅇㅋ|그렇군요|ㅋ+|ㅎ+",
        r"はい|いいえ|了解(?:です)?|わかりました|分かりました|オッケー|なるほど|そうですか|笑|w+",
        r"ok|được|vâng|dạ|ừ|có|không|hiểu rồi|tốt|hay quá|tuyệt",
    ),
    "about": (
        r"你是谁|你是什么|你叫什么(?:名字)?|你能做什么|你能干什么|你会(?:做|干)?什么|你有什么用|这是什么|"
        r"帮助|帮忙|怎么用|如何使用|使用说明|说明|功能|你好吗|最近怎么样|你是机器人吗|你是人吗",
        r"who are you|what are you|what(?:'s| is) your name|what can you do|what do you do|help(?: me)?|"
        r"how (?:do i|to|can i) use (?:this|you|it)|what is this|how are you(?: doing)?|how's it going|what's up|sup|"
        r"are you (?:a )?(?:bot|robot|human|there)|is anyone there|test(?:ing)?",
        r"너 ?누구(?:야|니|세요|예요)?|누구세요|넌 누구야|뭘 할 수 있어(?:요)?|무엇을 할 수 있(?:나요|어요)|"
        r"뭐 할 수 있어(?:요)?|도와줘|도움말|사용법|어떻게 써(?:요)?|잘 지내(?:요|니)?|뭐해",
        r"あなたは誰(?:ですか)?|あなたはだれ|誰ですか|何ができますか|何ができるの|使い方を教えて|ヘルプ|助けて|"
        r"(?:お)?元気(?:ですか)?|これは何(?:ですか)?",
        r"bạn là ai|bạn tên (?:là )?gì|bạn có thể làm gì|bạn làm được gì|giúp (?:tôi|mình)?|hướng dẫn|"
        r"bạn khỏe không|cách dùng|bạn là người hay máy",
    ),
    "chat": (
        r"讲个笑话|说个笑话|讲笑话|来个笑话|今天天气(?:怎么样|如何|好吗)|天气怎么样|你真(?:棒|笨|没用)|没用|"
        r"太棒了|真棒|厉害|牛|笨蛋|垃圾|无聊|我爱你|唱首歌",
        r"tell me a joke|(?:say|tell) (?:something )?funny|sing(?: me)? a song|(?:you(?:'re| are)|ur|u r) (?:useless|stupid|"
        r"dumb|great|awesome|smart|amazing|helpful|the best|cool|funny|boring)|good bot|bad bot|i love you|"
        r"how(?:'s| is) the weather(?: today)?|what(?:'s| is) the weather(?: like)?(?: today)?|boring|awesome|amazing",
        r"농담 ?해 ?줘|웃긴 얘기 해줘|오늘 날씨 어때(?:요)?|날씨 어때(?:요)?|대박|최고(?:야|예요)?|바보|멍청이|사랑해",
        r"冗談を言って|面白い話をして|今日の天気は(?:どう)?(?:ですか)?|天気はどう(?:ですか)?|すごい|ばか|最高|愛してる",
        r"kể chuyện cười|thời tiết (?:thế nào|hôm nay ra sao|hôm nay thế nào)|hôm nay thời tiết thế nào|bạn thật (?:giỏi|ngốc)|"
        r"yêu bạn|chán quá",
    ),
}
_WHOLE = {kind: re.compile(rf"^(?:{'|'.join(patterns)})$", re.I) for kind, patterns in _PHRASES.items()}
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_GREETING_PREFIX = re.compile(rf"^(?:{'|'.join(_PHRASES['greeting'])})(?:[\s,，、!！.。~～]+)(?=\S)", re.I)


def _core(text: str) -> str:
    """The message lower-cased, markup removed, punctuation and emoji trimmed off its ends."""
    text = _URL.sub(" ", _TAG.sub(" ", text))
    return " ".join(_EDGES.sub("", text.lower()).split())


def has_content(text: str) -> bool:
    """Letters or digits left once markup and URLs are removed."""
    return any(ch.isalnum() for ch in _URL.sub(" ", _TAG.sub(" ", text)))


def classify(text: str) -> str | None:
    """The kind of small talk ``text`` is (greeting, thanks, goodbye, acknowledge, about,
    chat, or "noise" for punctuation, emoji and markup alone), or None for a question."""
    if not has_content(text):
        return "noise"
    core = _core(text)
    for kind, pattern in _WHOLE.items():
        if pattern.match(core):
            return kind
    return None


def strip_greeting(text: str) -> str:
    """A question without a greeting in front ("Hi, when did Kim arrive?" → "when did Kim arrive?")."""
    stripped = _GREETING_PREFIX.sub("", text.strip())
    return stripped if stripped and has_content(stripped) else text


def chatty(text: str, language: str) -> bool:
    """A short message that asks nothing: chat, not a question about something off the page."""
    if asks_a_question(text, language):
        return False
    core = _core(text)
    cjk = len(re.findall(f"[{CJK}]", core))
    words = len(re.sub(f"[{CJK}]", " ", core).split())
    return cjk <= 8 and words <= 4
