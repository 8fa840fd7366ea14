"""The question inside a long message: what a rambling message ("最近一直在看新闻……我就想知道，
蓬佩奥十月份在平壤见了谁？谢谢") asks, for its shape and for its ranking, which puts it first."""

from __future__ import annotations

import re

from summit_qa.answering.cues import is_short

LONG_MESSAGE = 40  # characters: a shorter message asks what it says


# A question that only checks what the reader believes ("…对吧？", "…, right?", "맞지?",
# "…だよね？", "phải không?") after a real question: the real one is what is asked.
_CHECK = re.compile(
    r"(?:对吧|对不对|是吧|是不是|没错吧|对么|对嘛)[？?]?$"
    r"|(?:\bright|\bcorrect|\bisn't (?:it|that)|\bwasn't (?:it|that)|\bdidn't (?:he|she|they|it))[?]?$"
    r"|(?:맞지|맞죠|맞나요|맞아|맞습니까|그렇지|그치)[요]?[?？]?$"
    r"|(?:でしょ|でしょう|だよね|ですよね|よね|じゃない)[か]?[？?]?$"
    r"|(?:phải không|đúng không|đúng chứ|phải chứ)[?]?$",
    re.I,
)


# Words by which a message says what it asks, with or without a question mark ("what I actually
# want to know is…", "我想问的是", "궁금한 건", "知りたいのは", "mình muốn hỏi").
_ASKING = re.compile(
    r"\bI (?:actually |really |just )?(?:want|wanna|need|would like|'d like) to know\b|\bmy (?:real |actual |main )?"
    r"question is\b|\bI(?:'m| am) (?:just )?wondering\b|\b(?:can|could) you (?:please )?tell me\b|\bplease tell me\b"
    r"|我(?:就|只)?想(?:问|知道)|想问(?:一下|下)?|想请教|请问|我的问题是"
    r"|궁금한 (?:건|것은|게)|알고 싶|묻고 싶|知りたい|聞きたい|教えて|muốn hỏi|muốn biết|cho (?:mình |tôi |em )?hỏi",
    re.I,
)


def _asks(sentence: str) -> bool:
    """A sentence that asks: a question mark, or words saying what the message asks."""
    return bool(re.search(r"[？?]", sentence) or _ASKING.search(sentence))


def unchecked(text: str) -> str:
    """``text`` without a closing check after an earlier question ("…언제 출발한 거야? 기차 타고
    간 거 맞지?": the first asks; what the reader believes is no part of what is asked)."""
    ends = [m.end() for m in re.finditer(r"[？?]", text)]
    if len(ends) < 2 or text[ends[-1] :].strip(" 。.!！~～"):
        return text
    last, before = text[ends[-2] : ends[-1]].strip(), text[: ends[-2]]
    if _CHECK.search(last) and not _CHECK.search(before):
        return before.strip()
    return text


def asked_part(text: str) -> str:
    """The sentence that asks, in a long message (three sentences or more, at least
    ``LONG_MESSAGE`` characters): its last one with a question mark.  What a rambling message
    tells before it ("新加坡会晤之后就没什么进展了…") is not what it asks for."""
    text = unchecked(text)
    sentences = [s for s in re.split(r"(?<=[。！？!?])\s*|(?<=\.)\s+", text) if s.strip()]
    if len(sentences) < 3 or len(text) < LONG_MESSAGE:
        return text
    asked = [s for s in sentences if _asks(s)]
    return asked[-1].strip() if asked else text


# Where a rambling message's sentences end: a full stop, a question or exclamation mark, a
# colon before the question ("想问下：", "just:"), the clause that sets a scene in Japanese
# and Korean ("…んですが、", "…는데,").
_SENTENCE_END = re.compile(
    r"(?<=[。！？!?：])\s*|(?<=\.)\s+|(?<=:)\s+"
    r"|(?<=んですが、)|(?<=んですけど、)|(?<=ですけど、)|(?<=ですが、)|(?<=데,)\s*|(?<=데요,)\s*|(?<=지만,)\s*"
)


def focus(text: str) -> str:
    """What a long message (``LONG_MESSAGE`` characters or more, two sentences or more)
    asks: its last sentence with a question mark (else its last), with the sentence before
    it when that one is short ("…伝えたって話がありましたよね。あれって何月何日？",
    "…그 훈련 이름이 뭐였는지 생각이 안 나네요. 알려주실 수 있나요?"), so a polite closing
    after the question ("감사합니다!") is left out."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2 or len(text) < LONG_MESSAGE:
        return text
    asks = [i for i, s in enumerate(sentences) if _asks(s)]
    k = start = asks[-1] if asks else len(sentences) - 1
    while start and k - start < 2 and (is_short(sentences[start]) or _POINTS.search(sentences[start])):
        start -= 1  # "あれって何月何日？", "그 훈련 이름이…": what it points at is told before
    return " ".join(sentences[start : k + 1])


# Words pointing at what a sentence before told ("あれって", "その式典", "그 훈련", "那件事").
_POINTS = re.compile(
    r"あれ|それ|その|そういう|彼|그거|그게|그것|그 |그런|그는|그가|他|她|那[个件次封篇位]|这件|这事"
    r"|\b(?:that|this|it|those|he|she|they)\b",
    re.I,
)


def asked_alone(text: str) -> str:
    """What a long message asks, to check for names the page never prints: its asking sentence
    (the scene told before it is no part of the question), or the whole message when that
    sentence points back into the scene ("…普京那几天也在河内。他后来见了谁？")."""
    asked = asked_part(text)
    return text if asked != text and _POINTS.search(asked) else asked
