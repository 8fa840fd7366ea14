"""Every message in the reader's language, and the reply's labels."""

import pytest

from summit_qa.answering.engine import Answer, ScoredPassage
from summit_qa.page.language import LANGUAGES
from summit_qa.page.passages import load_passages
from summit_qa.readers.messages import TEXTS, say
from summit_qa.web.render import render_answer


def test_every_message_is_written_in_all_five_languages():
    assert all(set(LANGUAGES) <= set(texts) for texts in TEXTS.values()), [
        k for k, v in TEXTS.items() if not set(LANGUAGES) <= set(v)
    ]
    assert say("after_the_page", "ko", date="2019-02-27").startswith("이 기사는 2019-02-27")


@pytest.mark.parametrize(
    ("language", "more", "undated"),
    [
        ("ja", "ほかの段落", "日付なし"),
        ("ko", "다른 단락", "날짜 없음"),
        ("vi", "Các đoạn khác", "không ghi ngày"),
    ],
)
def test_labels_of_the_reply_follow_the_reader(language, more, undated):
    passages = load_passages()
    undated_passage = next(p for p in passages if p.date is None)
    fields = {k: getattr(undated_passage, k) for k in undated_passage.__dataclass_fields__}
    scored = [ScoredPassage(**fields, highlight=(0, 5)), ScoredPassage(**fields)]
    reply = render_answer(Answer("q", True, scored, language))
    assert f"<summary>{more} (1)</summary>" in reply and undated in reply
    headline = undated_passage.translated("title", language)
    assert headline and headline in reply.splitlines()[0]
