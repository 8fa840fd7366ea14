"""A list's items (items.py): the points a section's paragraph numbers, asked by an ordinal."""

import pytest

from summit_qa.answering.items import section_points


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("三大障碍当中排第二的是哪个？", "zh"),
        ("三大障碍的头一条指什么", "zh"),
    ],
)
def test_an_item_of_a_section_whose_paragraph_numbers_its_points(page, question, language):
    passages, _, _ = page
    at = section_points(question, language, (), passages)
    assert at is not None and "第一，" in passages[at].text and passages[at].section in question


@pytest.mark.parametrize(
    "question",
    [
        "三大障碍是什么？",  # no item asked
        "第二个议题是什么？",  # a labelled list: its items are paragraphs of their own
        "蓬佩奥第二次去平壤是哪天？",  # an ordinal of events
        "三大障碍第五个是什么？",  # more than the paragraph numbers
    ],
)
def test_no_points_passage_without_an_item_of_such_a_section(page, question):
    passages, _, _ = page
    assert section_points(question, "zh", (), passages) is None
