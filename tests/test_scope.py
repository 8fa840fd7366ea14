"""Scope: the refusal floors, the outcome rule and the highlight, as pure rules (no model)."""

import pytest

from summit_qa.config import RankingConfig
from summit_qa.corpus import load_passages
from summit_qa.highlight import best_sentence
from summit_qa.lexical import BM25
from summit_qa.scope import ScopePolicy


@pytest.fixture(scope="module")
def passages():
    return load_passages()


@pytest.fixture(scope="module")
def policy(passages):
    return ScopePolicy.for_page(RankingConfig(), passages)


def by_id(passages, pid):
    return next(p for p in passages if p.id == pid)


def test_floors_by_language(policy):
    c = RankingConfig()
    assert policy.in_scope("zh", c.same_language_floor, 0, False, False)
    assert not policy.in_scope("zh", c.same_language_floor - 0.001, 5, False, False)
    # the Chinese floor is above the cross-language one: an English question between them is in
    assert policy.in_scope("en", c.cross_language_floor, 0, False, False)
    assert not policy.in_scope("en", c.cross_language_floor - 0.001, 0, False, False)
    # naming several of the page's terms lowers the cross-language floor, one term does not
    between = (c.cross_language_floor + c.cross_language_floor_with_terms) / 2
    assert policy.in_scope("ko", between, c.terms_for_lower_floor, False, False)
    assert not policy.in_scope("ko", between, c.terms_for_lower_floor - 1, False, False)
    assert not policy.in_scope("zh", between, 9, False, False)  # the lower floor is for other languages


def test_a_dated_question_is_in_scope_and_without_a_model_any_shared_term_is(policy):
    assert policy.in_scope("zh", 0.0, 0, True, False)
    assert policy.in_scope("en", None, 0, False, True)
    assert not policy.in_scope("en", None, 0, False, False)


def test_the_publication_day_and_article_dates_come_from_the_page(policy):
    assert policy.published == "2019-02-27"
    assert policy.article_dates["arrival"] == "2019-02-26"
    assert policy.article_dates["timeline"] == "2019-02-27"  # its opening paragraph's date


def test_outcome_questions_about_events_after_the_page(policy, passages):
    after = [by_id(passages, i) for i in ("one-on-one-0", "analysis-0", "one-on-one-2")]
    assert policy.asks_after_the_page("What was the outcome of the Hanoi summit?", after)
    assert policy.asks_after_the_page("河内会晤的结果如何？", after)
    # an undated passage stands for its article's first date (the analysis: 2019-02-27)
    assert policy.asks_after_the_page("河内会晤最后结果怎样？", [by_id(passages, "analysis-3"), *after[:2]])
    # one best passage about an earlier event: the page may know how that turned out
    before = [by_id(passages, "timeline-9"), *after[:2]]
    assert not policy.asks_after_the_page("What was the outcome of the Singapore summit?", before)
    # a plan, not an outcome
    assert not policy.asks_after_the_page("单独会谈后特朗普有什么安排？", after)
    off = ScopePolicy.for_page(RankingConfig(use_temporal_scope=False), passages)
    assert not off.asks_after_the_page("What was the outcome of the Hanoi summit?", after)


def test_an_event_without_any_date_is_never_after_the_page(passages):
    undated = [p for p in passages if p.article == "analysis" and p.date is None][:3]
    policy = ScopePolicy(0.9, 0.8, 0.7, 2, published="2019-02-27", article_dates={})
    assert not policy.asks_after_the_page("What was the outcome?", undated)


def test_highlight_prefers_the_dense_sentence_then_the_most_shared_terms(passages):
    p = by_id(passages, "timeline-17")  # two sentences: the sanctions, then Pyongyang's answer
    spans = p.sentences()
    assert len(spans) == 2
    bm25 = BM25.build([x.text for x in passages])
    terms_of = bm25.query_terms
    assert best_sentence(p, spans[1], set(), terms_of) == spans[1]
    answer_terms = set(terms_of("朝鲜外务省怎么回应"))
    assert best_sentence(p, None, answer_terms, terms_of) == spans[1]
    assert best_sentence(p, None, set(terms_of("财政部制裁")), terms_of) == spans[0]
    assert best_sentence(p, None, set(), terms_of) == spans[0]  # no shared term: the first
    single = by_id(passages, "timeline-5")
    assert best_sentence(single, None, answer_terms, terms_of) == (0, len(single.text))
