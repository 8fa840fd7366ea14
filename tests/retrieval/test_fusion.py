"""Fusion: the named signal table and the pure scoring functions."""

import numpy as np
import pytest

from summit_qa.page.dates import DateQuery
from summit_qa.retrieval.fusion import (
    OWN_DAY,
    SIGNALS,
    SignalTable,
    date_scores,
    dense_mix,
    rank_order,
    weight_vector,
    zscore,
)


def test_the_table_names_its_columns_and_fuses_by_name():
    table = SignalTable.of(3, {"dense": np.array([1.0, 0.0, 0.5]), "dates": np.array([0.0, 1.0, 0.0])})
    assert table.values.shape == (3, len(SIGNALS))
    assert table["dense"].tolist() == [1.0, 0.0, 0.5] and not table["late"].any()
    assert table.fused({"dense": 1.0, "dates": 2.0}).tolist() == [1.0, 2.0, 0.5]
    assert table.fused({"dense": 1.0}).tolist() == [1.0, 0.0, 0.5]  # an unnamed weight is 0
    with pytest.raises(KeyError):
        weight_vector({"densse": 1.0})
    with pytest.raises(ValueError):
        SignalTable.of(2, {"nope": np.zeros(2)})


def test_zscore_and_a_flat_signal():
    z = zscore(np.array([1.0, 2.0, 3.0], np.float32))
    assert z.mean() == pytest.approx(0.0, abs=1e-6) and z.std() == pytest.approx(1.0)
    assert not zscore(np.full(4, 0.7, np.float32)).any()


def test_dense_mix_uses_the_whole_passage_for_one_sentence():
    whole, sentence = np.array([0.8, 0.6]), np.array([0.9, -1.0])
    assert dense_mix(whole, sentence, 0.7).tolist() == pytest.approx([0.3 * 0.8 + 0.7 * 0.9, 0.6])


def test_date_scores_match_own_and_mentioned_dates_by_precision():
    dates = [("2019-02-25", "2019-02-25", "2019-02-27"), ("2018-06",), (None,)]
    assert date_scores(dates, [DateQuery(None, 2, 27)]).tolist() == [1.0, 0.0, 0.0]
    assert date_scores(dates, [DateQuery(2018, 6)]).tolist() == [0.0, 1.0, 0.0]
    assert date_scores(dates, [DateQuery(2018, 6, 12)]).tolist() == [0.0, 0.0, 0.0]
    assert not date_scores(dates, []).any()


def test_a_day_told_only_inside_another_report_is_that_report_s_own():
    dates = [("2018-10-08", "2018-10-09"), ("2018-10-09",), ("2018-11-01", "2018-11-06")]
    on_the_day = date_scores(dates, [DateQuery(2018, 10, 9)], own_first=True).tolist()
    assert on_the_day == [1.0, OWN_DAY, 0.0]  # the day's own entry first
    only_mentioned = date_scores(dates, [DateQuery(2018, 11, 6)], own_first=True).tolist()
    assert only_mentioned == [0.0, 0.0, OWN_DAY]
    assert date_scores(dates, [DateQuery(2018, 11, 6)]).tolist() == [0.0, 0.0, 1.0]


def test_ties_go_to_the_earlier_passage():
    assert rank_order(np.array([0.5, 0.9, 0.5, 0.9])).tolist() == [1, 3, 0, 2]


def test_an_ordinal_lifts_the_paragraph_labelled_with_it():
    from summit_qa.retrieval.fusion import label_scores

    labels = [None, ("议题", 1), ("议题", 2), None]
    assert label_scores(labels, 2, "第二个议题是什么").tolist() == [0, 0, 1, 0]
    assert not label_scores(labels, 2, "第二次会晤在哪里").any()  # the second summit is no 议题
    assert not label_scores(labels, None, "议题").any()
    # the label's word said in other words: "the third problem" is the paragraph labelled 议题三
    synonyms = {"议题": ("议题", "问题")}
    assert label_scores(labels, 2, "第二个问题", synonyms).tolist() == [0, 0, 1, 0]
    assert not label_scores(labels, 2, "第二个障碍", synonyms).any()
