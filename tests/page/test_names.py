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


@pytest.fixture(scope="module")
def glossary():
    from summit_qa.page.names import Glossary
    from summit_qa.page.passages import load_passages
    from summit_qa.settings import packaged_data_dir

    page = "".join(p.text for p in load_passages())
    return Glossary.load(packaged_data_dir() / "glossary.json").with_family_names(page)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("And Kim?", ("金正恩",)),  # the Kim the page names most
        ("who got there first, kim or trump", ("特朗普", "金正恩")),
        ("When did Kim Yong Chol fly to New York?", ("金英哲", "纽约")),  # a given name: that Kim
        ("What did Kim Min-seok expect?", ()),  # a given name the glossary does not know: not 金正恩
        ("Kimchi", ()),
    ],
)
def test_a_korean_family_name_alone_is_the_page_s_most_named_bearer(glossary, text, names):
    assert set(glossary.names(text)) == set(names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("김 위원장은 뭐라고 했어?", ("金正恩",)),
        ("金委員長はいつ着いた？", ("金正恩",)),
        ("金委员长呢", ("金正恩",)),
        ("김 부위원장은 누구를 만났어?", ()),  # a vice-chairman: not the leader
        ("김 교수 의견은 뭐야?", ()),  # a family name without the leader's title
        ("金子さんは？", ()),
    ],
)
def test_a_korean_family_name_with_the_leader_s_title_is_the_most_named_bearer(glossary, text, names):
    assert set(glossary.names(text)) == set(names)


def test_a_family_name_two_people_share_about_as_often_is_left_alone(tmp_path):
    import json

    from summit_qa.page.names import Glossary

    entries = [
        {"zh": "金甲", "type": "person", "en": ["Kim Gap"], "ko": ["김갑"]},
        {"zh": "金乙", "type": "person", "en": ["Kim Eul"], "ko": ["김을"]},
    ]
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    glossary = Glossary.load(path)
    assert glossary.with_family_names("金甲金乙金甲金乙金甲").names("And Kim?") == ()
    assert glossary.with_family_names("金甲金乙金甲金甲").names("And Kim?") == ("金甲",)


def test_where_a_text_first_writes_a_name_in_any_script(glossary):
    assert glossary.position("他说蓬佩奥来了", "蓬佩奥") == 2  # the Chinese form itself
    assert glossary.position("Then Pompeo flew in", "蓬佩奥") == 5
    assert glossary.position("폼페이오와 蓬佩奥", "蓬佩奥") == 0  # the first of its spellings
    assert glossary.position("金正恩到了", "蓬佩奥") == len("金正恩到了")
