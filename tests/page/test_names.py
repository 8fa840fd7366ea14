"""The glossary's names as questions write them: whole Latin words, also against other scripts."""

import pytest

from summit_qa.page.names import alias_pattern, alias_text


@pytest.mark.parametrize(
    ("alias", "text"),
    [
        ("Pompeo", "Pompeo第二次去朝鲜的时候是什么title"),
        ("Trump", "Trump은 언제 왔어?"),
        ("Kim Jong Un", "(Kim Jong Un)"),
        ("Hà Nội", "đến Hà Nội khi nào"),
    ],
)
def test_a_latin_name_is_a_whole_word_wherever_it_stands(alias, text):
    assert alias_pattern(alias).search(text)


@pytest.mark.parametrize(
    ("alias", "text"),
    [("Kim", "Kimchi"), ("US", "focus on us"), ("Trump", "trumpet"), ("Nội", "Nộii"), ("Moon", "2Moon")],
)
def test_a_latin_name_is_not_a_piece_of_another_word(alias, text):
    assert not alias_pattern(alias).search(text)


@pytest.mark.parametrize("alias", ["Pompeo", "Kim Jong Un", "Hà Nội", "U.S.", "Sarah Sanders"])
def test_the_alias_a_pattern_matches_is_read_back(alias):
    assert alias_text(alias_pattern(alias)) == alias
