"""An office a question says someone took (offices.py): the series counts from the passage giving it."""

from summit_qa.answering.offices import in_office


def test_a_series_counts_from_the_passage_giving_the_office_the_question_names():
    texts = ["中央情报局局长蓬佩奥访问朝鲜。", "作为美国新任国务卿的蓬佩奥再次访问朝鲜。"]
    holds = in_office("蓬佩奥当上国务卿以后第一次访朝是哪天？", (), texts)
    assert [holds(i, "蓬佩奥") for i in range(2)] == [False, True]
    anyone = in_office("蓬佩奥第一次访朝是哪天？", (), texts)  # no office taken: every passage
    assert all(anyone(i, "蓬佩奥") for i in range(2))
