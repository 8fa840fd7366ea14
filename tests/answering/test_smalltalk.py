"""Small talk: what counts as chat in five languages, and what is a question (no model)."""

import pytest

from summit_qa.answering.smalltalk import chatty, classify, strip_greeting
from summit_qa.readers.messages import EXAMPLES, small_talk


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hey!", "greeting"),
        ("good morning", "greeting"),
        ("您好", "greeting"),
        ("안녕하십니까", "greeting"),
        ("おはようございます", "greeting"),
        ("Chào bạn", "greeting"),
        ("thanks a lot!!", "thanks"),
        ("多谢", "thanks"),
        ("감사해요", "thanks"),
        ("どうもありがとう", "thanks"),
        ("cám ơn", "thanks"),
        ("see you", "goodbye"),
        ("拜拜", "goodbye"),
        ("안녕히 계세요", "goodbye"),
        ("またね", "goodbye"),
        ("hẹn gặp lại", "goodbye"),
        ("okay", "acknowledge"),
        ("明白了", "acknowledge"),
        ("네", "acknowledge"),
        ("なるほど", "acknowledge"),
        ("what's your name?", "about"),
        ("你能干什么？", "about"),
        ("무엇을 할 수 있나요?", "about"),
        ("何ができるの？", "about"),
        ("bạn có thể làm gì?", "about"),
        ("you are awesome", "chat"),
        ("讲个笑话", "chat"),
        ("how's the weather today?", "chat"),
        ("?!?!", "noise"),
        ("🎉🎉", "noise"),
        ("<script>alert(1)</script>", "noise"),
        ("<a href='x'></a>", "noise"),
    ],
)
def test_small_talk_in_five_languages(text, kind):
    assert classify(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Hi, when did Kim Jong Un arrive in Vietnam?",
        "你好，金正恩哪天到的越南？",
        "What is the weather like in the timeline?",
        "Who are the people Trump met in Hanoi?",
        "Thanks to whom did the talks resume?",
        "谢谢特朗普的是谁？",
        "OK so when is the summit?",
        "네, 김정은은 언제 도착했나요?",
        "<b>金正恩</b>哪天抵达越南？",
    ],
)
def test_questions_are_not_small_talk(text):
    assert classify(text) is None


def test_a_greeting_in_front_of_a_question_is_dropped():
    assert strip_greeting("Hi, when did Kim arrive?") == "when did Kim arrive?"
    assert strip_greeting("你好，金正恩哪天到的？") == "金正恩哪天到的？"
    assert strip_greeting("Xin chào, ai mời ông Kim?") == "ai mời ông Kim?"
    assert strip_greeting("Hello") == "Hello"  # nothing after it: left to classify()


@pytest.mark.parametrize(
    ("text", "language", "chat"),
    [
        ("qwertyuiop", "en", True),
        ("you are so slow", "en", True),
        ("真无聊啊", "zh", True),
        ("What is the capital of France?", "en", False),  # a question, off the page: a refusal
        ("红烧肉怎么做？", "zh", False),
        ("Tell me everything about the relations between the two Koreas since the war", "en", False),
    ],
)
def test_chatty_is_short_and_asks_nothing(text, language, chat):
    assert chatty(text, language) is chat


@pytest.mark.parametrize("language", ["zh", "en", "ko", "ja", "vi"])
def test_the_reply_says_what_the_page_is_and_offers_examples(language):
    reply = small_talk("greeting", language)
    assert "2019" in reply and all(f"- {q}" in reply for q in EXAMPLES[language])
    assert small_talk("noise", language).count("\n- ") == 3


def test_no_exemplar_is_an_eval_question():
    """The exemplars stand for small talk in general: none may copy a line of an eval set
    (the held-out ones least of all), or the eval would measure recall of its own lines."""
    import json
    import re
    from pathlib import Path

    from summit_qa.answering.smalltalk import exemplar_texts

    def norm(text: str) -> str:
        return re.sub(r"[\s?？!！。.,，、]+$", "", text.strip().lower())

    asked = set()
    for path in (Path(__file__).resolve().parents[2] / "eval" / "sets").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                turns = [t for t in record.get("turns", []) if isinstance(t, dict)]
                asked.update(
                    norm(q) for q in [record.get("question"), *(t.get("question") for t in turns)] if q
                )
    assert len(asked) > 500
    copied = [e for e in exemplar_texts() if norm(e) in asked]
    assert copied == []
