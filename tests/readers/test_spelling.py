"""Misspelt English words as the dictionary writes them (no model)."""

import pytest

from summit_qa.page.names import Glossary
from summit_qa.readers.spelling import correction, fix_english
from summit_qa.settings import packaged_data_dir


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(packaged_data_dir() / "glossary.json")


@pytest.mark.parametrize(
    "typed, word",
    [
        ("anounced", "announced"),
        ("sanctoins", "sanctions"),
        ("negotations", "negotiations"),
        ("nuclar", "nuclear"),
    ],
)
def test_one_edit_or_a_swap_away(typed, word):
    assert correction(typed) == word


def test_a_near_tie_goes_to_the_word_that_glosses_the_page():
    assert correction("leter", frozenset({"letter"})) == "letter"
    assert correction("hend") is None  # hand, head, send…: left as typed
    assert correction("arive", frozenset({"arriv", "drive", "aris"})) == "arrive"  # a pair typed once
    assert correction("ariv") is None  # arrive is two edits away: left as typed
    assert correction("exprets") == "experts"  # two letters swapped, not express (one letter off)
    assert correction("laeder") == "leader"


def test_names_words_and_vietnamese_are_left_alone(glossary):
    assert fix_english("when did the treasury anounce it", glossary) == "when did the treasury announce it"
    assert fix_english("hanoi pyongyang summit", glossary) == "hanoi pyongyang summit"  # names of the page
    assert fix_english("thuong dinh ngay nao", glossary) == "thuong dinh ngay nao"  # unmarked Vietnamese
    assert fix_english("Qwertyuiop zxcvbnmasd", glossary) == "Qwertyuiop zxcvbnmasd"  # nothing near


def test_forms_of_dictionary_words_are_no_typos(glossary):
    text = "what happened between the two summits after they talked"
    assert fix_english(text, glossary) == text


@pytest.mark.parametrize("text", ["quick rundown please", "the showdown in hanoi", "what was the lineup"])
def test_two_dictionary_words_written_as_one_are_no_typo(glossary, text):
    assert fix_english(text, glossary) == text


def test_a_typo_that_splits_into_no_two_words_is_still_fixed(glossary):
    assert fix_english("the sanctoins", glossary) == "the sanctions"


def test_a_doubled_letter_is_read_as_the_dictionary_spells_the_word(glossary):
    assert fix_english("they cancelled the drills", glossary) == "they canceled the drills"


@pytest.mark.parametrize(
    "typed, read",
    [
        ("wat did the us suspend", "what did the us suspend"),
        ("wen did he land", "when did he land"),
        ("r they meeting abt sanctions", "are they meeting about sanctions"),
        ("thx, and whr is dong dang", "thanks, and where is dong dang"),
    ],
)
def test_chat_spellings_too_short_for_the_edit_distance(glossary, typed, read):
    assert fix_english(typed, glossary) == read


def test_a_chat_spelling_that_is_a_vietnamese_syllable_is_left_as_typed(glossary):
    assert fix_english("tho u", glossary) == "tho u"
    assert fix_english("hoi nghi o singapore ngay nao", glossary) == "hoi nghi o singapore ngay nao"
