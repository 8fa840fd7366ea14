"""Small talk and non-questions: greetings, thanks, "who are you", "help", a joke,
bare punctuation, emoji or markup.  They get a short reply that says what the
page covers and offers example questions, never a passage.

Two tests, in this order:

* :func:`classify` before ranking: a message with nothing but punctuation,
  emoji or markup, or one that is, as a whole, a phrase of small talk in one of
  the five languages (the lists below; "Hi!", "谢谢", "고마워요", "ありがとう",
  "Cảm ơn").  A greeting in front of a real question ("你好，金正恩哪天到的？")
  is not small talk: :func:`strip_greeting` removes it and the question is asked;
* after ranking, for a message that is no follow-up and names nothing of the
  page: close in meaning to one of :data:`EXEMPLARS` (small talk written in the
  five languages; cosine at least the model's ``smalltalk_floor``), or, when the
  page cannot answer it, :func:`chatty` (short and asking nothing, like
  "asdfghjkl").  The exemplars are embedded with the index.
"""

from __future__ import annotations

import re

from summit_qa.answering.followups import asks_a_question
from summit_qa.page.language import CJK, HAN
from summit_qa.page.names import Glossary

_TAG = re.compile(r"<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>|<[^>]{0,200}>|&[#\w]{1,10};", re.I | re.S)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)

# Whole messages of small talk, by what they do; matched after lower-casing and
# stripping punctuation, emoji and spaces at the ends.
_PHRASES: dict[str, tuple[str, ...]] = {
    "greeting": (
        r"你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|早安|晚安|大家好|在吗|在不在|喂",
        r"hi|hello|hey|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|hi there|hello there|hey there|"
        r"hey you|hello bot|hi bot|sup|what's up",
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
        r"你是谁|你是什么|你叫什么(?:名字)?|你能做什么|你能干什么|你能干啥|你会(?:做|干)?(?:什么|啥)|你有什么用|这是什么|"
        r"帮助|帮忙|怎么用|(?:这个|这)?怎么用啊?|如何使用|使用说明|说明|功能|你好吗|最近怎么样|你是机器人吗|你是人吗|"
        r"现在几点了?|几点了|今天几号|今天星期几",
        r"who are you|what are you|what(?:'s| is) your name|what can you do|what do you do|help(?: me)?|"
        r"how (?:do i|to|can i) use (?:this|you|it)(?: thing| app| bot)?|what is this|how are you(?: doing)?|how's it going|"
        r"how(?:'s| is) your day(?: going)?|how was your day|"
        r"are you (?:a )?(?:bot|robot|human|there|real)|is anyone there|test(?:ing)?|what can (?:you|u) do|"
        r"what time is it|what's the time|what day is (?:it|today)|what's the date(?: today)?",
        r"너 ?누구(?:야|니|세요|예요)?|누구세요|넌 누구야|뭘 할 수 있어(?:요)?|무엇을 할 수 있(?:나요|어요)|"
        r"뭐 할 수 있어(?:요)?|도와줘|도움말|사용법(?: 알려줘)?|어떻게 써(?:요)?|잘 지내(?:요|니)?|뭐해|"
        r"로봇이(?:야|니|에요|세요)?|지금 몇 시(?:야|예요|에요)?|오늘 며칠이(?:야|에요)?",
        r"あなたは誰(?:ですか)?|あなたはだれ|誰ですか|何ができますか|何ができるの|使い方を教えて|ヘルプ|助けて|"
        r"(?:お)?元気(?:ですか)?|これは何(?:ですか)?|使い方(?:を)?教えて|ロボット(?:なの|ですか)?|今何時(?:ですか)?|"
        r"今日は何日(?:ですか)?",
        r"bạn là ai|bạn tên (?:là )?gì|bạn có thể làm gì|bạn làm được gì|giúp (?:tôi|mình)?|hướng dẫn|"
        r"bạn khỏe không|cách dùng|bạn là người hay máy|dùng (?:cái này )?(?:thế nào|như thế nào)(?: vậy)?|"
        r"bạn có phải (?:là )?robot không|mấy giờ rồi|hôm nay (?:là )?ngày mấy|hôm nay bạn thế nào",
    ),
    "chat": (
        r"讲个笑话|说个笑话|讲笑话|来个笑话|今天天气(?:怎么样|如何|好吗)|天气怎么样|你真(?:棒|笨|没用)|没用|"
        r"太棒了|真棒|厉害|牛|笨蛋|垃圾|(?:好|真)?无聊(?:啊)?|我爱你|唱首歌|讲个故事|你好笨啊?|干得好|有用",
        r"tell me a joke|(?:say|tell) (?:something )?funny|sing(?: me)? a song|(?:you(?:'re| are)|ur|u r) (?:useless|stupid|"
        r"dumb|great|awesome|smart|amazing|helpful|the best|cool|funny|boring)|good bot|bad bot|i love you|"
        r"tell me a story|great job|good job|nice job|very helpful|(?:i'?m|im) bored|so bored|"
        r"how(?:'s| is) the weather(?: today)?|what(?:'s| is) the weather(?: like)?(?: today)?|boring|awesome|amazing",
        r"농담 ?해 ?줘|웃긴 얘기 해줘|이야기 해 ?줘|오늘 날씨 어때(?:요)?|날씨 어때(?:요)?|대박|최고(?:야|예요)?|바보|멍청이|"
        r"멍청하네|사랑해|심심해|잘하네|대박 잘하네",
        r"冗談を言って|面白い話をして|お話(?:を)?(?:して|聞かせて)|今日の天気は(?:どう)?(?:ですか)?|天気はどう(?:ですか)?|"
        r"すごい(?:ね|な)?|ばか|最高|愛してる|役に立たない(?:な|ね)?|暇(?:だ)?(?:な|なあ|ね)?|退屈",
        r"kể chuyện cười|thời tiết (?:thế nào|hôm nay ra sao|hôm nay thế nào)|hôm nay thời tiết thế nào|bạn thật (?:giỏi|ngốc)|"
        r"yêu bạn|chán quá|kể chuyện(?: cho tôi nghe)?|ngu (?:thế|quá)|giỏi quá|vô dụng",
    ),
}
_WHOLE = {kind: re.compile(rf"^(?:{'|'.join(patterns)})$", re.I) for kind, patterns in _PHRASES.items()}
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# Laughter, emoticons and fillers around small talk ("you're useless lol", "하이 ㅎㅎ", "chào bạn :D").
_INTERJECTIONS = re.compile(
    r"^(?:(?:ok|okay|oh|wow|well|so|hmm+|嗯+|哦+|啊+|呃|음|아|えっと|あの|ừ|à)[\s,，、!！.。~～]+)+"
    r"|(?:[\s,，、!！.。~～]+(?:lol|lmao|haha+|hehe+|xd|:d|:\)|:p|ㅎ+|ㅋ+|哈+|呵+|嘿+|笑|w+|草|kkk+|hihi|nhé|nha|ạ|đi))+$",
    re.I,
)
_GREETING_PREFIX = re.compile(rf"^(?:{'|'.join(_PHRASES['greeting'])})(?:[\s,，、!！.。~～]+)(?=\S)", re.I)


def _core(text: str) -> str:
    """The message lower-cased, markup removed, punctuation, emoji and interjections
    trimmed off its ends."""
    text = _URL.sub(" ", _TAG.sub(" ", text))
    core = " ".join(_EDGES.sub("", text.lower()).split())
    stripped = _EDGES.sub("", _INTERJECTIONS.sub("", core))
    return stripped or core


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
    # Two pieces of small talk in one message ("bye, see ya", "thanks! great job").
    parts = [p for p in re.split(r"[\s]*[,，、;；!！.。]+[\s]*", core) if p]
    if len(parts) > 1 and all(any(pattern.match(_core(p)) for pattern in _WHOLE.values()) for p in parts):
        return next(kind for kind, pattern in _WHOLE.items() if pattern.match(_core(parts[0])))
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


# Small talk in meaning, for messages the phrase lists miss: their vectors are stored with the
# index (smalltalk.npy); a message this close to one of them is small talk.
EXEMPLARS: dict[str, tuple[str, ...]] = {
    "zh": (
        "你好呀",
        "嗨，在吗",
        "早上好",
        "谢谢你的帮助",
        "太感谢了",
        "那再见啦",
        "拜拜，下次聊",
        "好的，知道了",
        "嗯嗯",
        "请问你是谁呀",
        "你是不是机器人",
        "你都能帮我做些什么",
        "这个怎么用",
        "有什么功能",
        "请问现在是几点",
        "今天几号",
        "今天天气怎么样",
        "给我讲个笑话",
        "讲个故事吧",
        "你真厉害",
        "你真是太笨了",
        "一点用都没有",
        "好无聊",
        "你今天过得怎么样",
        "我爱你",
        "哈哈哈",
        "随便聊聊",
        "你叫什么名字",
    ),
    "en": (
        "hello",
        "hi again",
        "hey, anyone here?",
        "good morning",
        "thanks a lot",
        "thank you so much",
        "bye",
        "see you later",
        "ok cool",
        "got it",
        "who am I talking to?",
        "are you a bot?",
        "what are you able to do?",
        "how do I use this?",
        "help me",
        "do you know the time?",
        "what's the date today?",
        "what's the weather like?",
        "say something funny",
        "can you tell me a little story",
        "you're smart",
        "you are stupid",
        "this is useless",
        "I'm bored",
        "how are you doing?",
        "how was your day?",
        "I love you",
        "lol",
        "let's chat",
        "what's your name?",
    ),
    "ko": (
        "안녕하세요, 반가워요",
        "안녕, 친구",
        "좋은 아침이에요",
        "고마워",
        "정말 감사합니다",
        "잘 가",
        "다음에 봐요",
        "알겠어",
        "응 그래",
        "너는 누구야?",
        "로봇이니?",
        "뭘 할 수 있어?",
        "이거 어떻게 써?",
        "도와줘",
        "몇 시인지 알아?",
        "오늘 며칠이야?",
        "오늘 날씨 좋아?",
        "농담 하나 해줘",
        "이야기 해줘",
        "잘하네",
        "바보 같아",
        "쓸모없어",
        "너무 심심하다",
        "잘 지냈어?",
        "사랑해",
        "ㅋㅋㅋ",
        "이름이 뭐야?",
    ),
    "ja": (
        "こんにちは、元気？",
        "やあ",
        "おはようございます、皆さん",
        "ありがとうね",
        "本当にありがとうございます",
        "それじゃ、さようなら",
        "またね",
        "わかった",
        "うん",
        "あなたはどなたですか",
        "ロボットなの？",
        "何ができる？",
        "どうやって使うの？",
        "助けて",
        "今は何時ですか",
        "今日は何日？",
        "今日はいい天気かな",
        "冗談を言って",
        "お話をして",
        "すごいですね、君",
        "ばかだな",
        "役に立たない",
        "退屈だ",
        "元気？",
        "大好き",
        "笑",
        "名前は何？",
    ),
    "vi": (
        "xin chào mọi người",
        "chào bạn nhé, khỏe không",
        "chào buổi sáng",
        "cảm ơn",
        "cảm ơn bạn rất nhiều",
        "tạm biệt nhé",
        "hẹn gặp lại",
        "ok nhé",
        "hiểu rồi",
        "bạn là ai vậy?",
        "bạn là robot à?",
        "bạn có thể làm những gì?",
        "dùng cái này thế nào?",
        "làm ơn giúp tôi",
        "bây giờ là mấy giờ?",
        "hôm nay là ngày mấy?",
        "thời tiết hôm nay thế nào?",
        "kể cho tôi một chuyện vui",
        "kể chuyện cho tôi nghe",
        "bạn giỏi quá",
        "đồ ngốc",
        "vô dụng",
        "tôi thấy chán",
        "bạn khỏe không?",
        "yêu bạn",
        "haha",
        "bạn tên gì?",
    ),
}


def exemplar_texts() -> list[str]:
    """Every exemplar, in a fixed order (the index stores one vector per text)."""
    return [text for language in sorted(EXEMPLARS) for text in EXEMPLARS[language]]


def names_only(text: str, glossary: Glossary) -> bool:
    """A bare name of the page, or names and a word ("谅山省", "pompeo pyongyang"): a keyword
    query, not chat.  Left without its names, the message has at most two Chinese
    characters or one word."""
    if not glossary.names(text):
        return False
    rest = glossary.strip_names(text, sep=" ")
    words = re.findall(r"[^\W\d]{2,}", re.sub(f"[{HAN}]", " ", rest))
    return len(re.findall(f"[{HAN}]", rest)) <= 2 and len(words) <= 1
