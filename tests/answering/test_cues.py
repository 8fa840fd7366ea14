"""The cue tables of cues.py: each general class of what a follow-up says, per language."""

import pytest

from summit_qa.answering.cues import LAST, WHY, matches


@pytest.mark.parametrize(
    "question, last",
    [
        ("When did Moon last visit Washington?", True),  # last as an adverb of going
        ("when did they last meet", True),
        ("What was the last trip?", True),
        ("What happened last year?", False),  # a time, not the last of a series
        ("Who spoke last at the ceremony", False),
    ],
)
def test_last_of_a_series_in_english(question, last):
    assert matches(LAST, question, "en") == last


@pytest.mark.parametrize(
    "question, why",
    [
        ("Sao lại đi bằng tàu hỏa?", True),
        ("sao mà lâu thế", True),
        ("Còn ông Trump thì sao?", False),  # "what about", not why
    ],
)
def test_vietnamese_why(question, why):
    assert matches(WHY, question, "vi") == why
