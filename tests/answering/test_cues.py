"""The cue tables of cues.py: each general class of what a follow-up says, per language."""

import pytest

from summit_qa.answering.cues import AGAIN, BEFORE, NEXT, RESPONSE, RETURN, WHY, is_short, matches


@pytest.mark.parametrize(
    "question, why",
    [
        ("Sao lại đi bằng tàu hỏa?", True),
        ("sao mà lâu thế", True),
        ("Còn ông Trump thì sao?", False),  # "what about", not why
        # "sao … lại …": why, with words between
        ("Sao hai bên lại gặp ở Singapore?", True),
        ("sao năm ngoái họ lại hoãn tập trận", True),
        ("Sao rồi, họ lại gặp nhau à?", False),  # "sao rồi": how did it go
    ],
)
def test_vietnamese_why(question, why):
    assert matches(WHY, question, "vi") == why


@pytest.mark.parametrize(
    "question, language, table",
    [
        ("그보다 더 전엔?", "ko", BEFORE),
        ("그럼 더 뒤에는 무슨 일이?", "ko", NEXT),
        ("もっと前には何があった？", "ja", BEFORE),
        ("さらに後はどうなった？", "ja", NEXT),
        ("再后面一件呢", "zh", NEXT),
        ("后面还有什么事", "zh", NEXT),
        ("再前面是啥", "zh", BEFORE),
        ("前面呢？", "zh", BEFORE),
    ],
)
def test_further_back_or_further_on_is_a_step(question, language, table):
    assert matches(table, question, language)


@pytest.mark.parametrize(
    "question, language",
    [
        ("之前也曾暂停过演习吧？", "zh"),
        ("Was there also a time they called off the drills?", "en"),
        ("그 전에 훈련을 중단한 적도 있었지?", "ko"),
        ("その前に演習をやめたこともあったよね？", "ja"),
        ("Trước đó họ cũng từng hoãn tập trận phải không?", "vi"),
    ],
)
def test_there_was_also_a_time_is_another_of_a_kind(question, language):
    assert matches(AGAIN, question, language)


@pytest.mark.parametrize(
    "polite, plain",
    [("空港では誰が待っていましたか？", "空港で誰が待っていた？"), ("何時に着きますか？", "何時に着く？")],
)
def test_a_polite_japanese_question_is_as_short_as_its_plain_form(polite, plain):
    assert is_short(polite) == is_short(plain) is True


def test_a_long_polite_japanese_question_stays_long():
    assert not is_short("金正恩氏はシンガポールでトランプ大統領と何について合意しましたか？")


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("他干嘛坐船去？", True),  # 干嘛 before a verb: why
        ("你们干吗不早说", True),
        ("那天下午他干嘛了", False),  # what he did
        ("开完会干嘛？", False),  # what next, at the end
        ("他在干嘛呢", False),
        ("这人是干嘛的", False),  # who someone is
    ],
)
def test_chinese_ganma_before_a_verb_asks_why(question, why):
    assert matches(WHY, question, "zh") == why


@pytest.mark.parametrize(
    ("question", "back"),
    [
        ("다시 폼페이오 얘기로, 몇 번 갔어?", True),
        ("다시 그 이야기로 돌아가면", True),
        ("다시 물어볼게, 언제야?", False),  # asking again is no return
    ],
)
def test_korean_back_to_a_topic(question, back):
    assert matches(RETURN, question, "ko") == back


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("日本怎么看待这件事？", "zh"),
        ("韩国政府对此作何表态", "zh"),  # a stance stated
        ("what did Seoul make of it, how did they take it?", "en"),
        ("중국은 이걸 어떻게 받아들였어?", "ko"),
        ("中国側はどう受け止めた？", "ja"),
        ("Trung Quốc đón nhận thế nào?", "vi"),
    ],
)
def test_how_a_side_took_the_news_asks_its_response(question, language):
    assert matches(RESPONSE, question, language)


@pytest.mark.parametrize(
    ("question", "before", "after"),
    [
        ("Còn trước vụ Singapore?", True, False),
        ("còn sau chuyến ấy?", False, True),
        ("Trước khi đến Hà Nội ông ấy đi đâu?", True, False),
        ("Vụ Singapore diễn ra khi nào?", False, False),
    ],
)
def test_vietnamese_before_and_after_an_event_named(question, before, after):
    assert (matches(BEFORE, question, "vi"), matches(NEXT, question, "vi")) == (before, after)


def test_receiving_a_letter_is_no_response_asked():
    assert not matches(RESPONSE, "金正恩の親書を受け取った日は？", "ja")
    assert matches(RESPONSE, "北朝鮮はそれをどう受け取った？", "ja")


@pytest.mark.parametrize("question", ["khi nào vậy?", "ở đâu thế?", "ai nói nhỉ?", "bao giờ ạ?"])
def test_vietnamese_final_particles_leave_a_question_bare(question):
    from summit_qa.answering.cues import is_bare

    assert is_bare(question, "vi")


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("军演怎么就停了？", True),  # how come: why
        ("咋就谈崩了", True),
        ("他怎么就是不来", False),  # only ever: no reason asked
        ("他怎么去的河内？", False),  # how, not why
        ("代表团怎么就餐？", False),  # 就 of another word
    ],
)
def test_chinese_how_come_asks_why(question, why):
    assert matches(WHY, question, "zh") == why


def test_the_world_is_content_in_vietnamese():
    from summit_qa.answering.cues import content_of

    assert "giới" in content_of("thế giới nói gì?", "vi")


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("무엇 때문에 판문점에서 만났어?", True),
        ("그 협의는 뭐 때문에 열렸지?", True),
        ("비 때문에 늦었어?", False),  # because of a thing named: no question of why
    ],
)
def test_korean_because_of_what_is_why(question, why):
    assert matches(WHY, question, "ko") == why
