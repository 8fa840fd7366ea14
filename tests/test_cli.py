"""The command line, run in process as ``cli.main([...])`` (the session's model is shared)."""

import json

import numpy as np
import pytest

from summit_qa.cli import build_parser, main
from summit_qa.evaluation.gates import check_requirements
from summit_qa.evaluation.metrics import Metrics, Outcome, summarize
from summit_qa.evaluation.sets import QAPair
from summit_qa.evaluation.tuning import DatedSignals, date_at_1, search_weights
from summit_qa.retrieval.fusion import SIGNALS


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.model
def test_ask_prints_date_headline_agency_and_verbatim_text(capsys, tmp_path, embedder):
    code, out, err = run(capsys, "--index-dir", tmp_path, "ask", "金正恩哪天抵达越南？", "--top-k", "2")
    assert code == 0, err
    first = out.splitlines()[0]
    assert first == "[1] 2019-02-26 · 朝鲜最高领导人金正恩抵达越南 · 新华社"
    assert "朝鲜最高领导人金正恩26日抵达越南，将对越南进行正式友好访问" in out
    assert "Building the index" in err  # first run in a fresh folder says so
    assert out.count("\n[") == 1  # --top-k 2: two passages

    code, out, err = run(capsys, "--index-dir", tmp_path, "ask", "What is the capital of France?", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["answered"] is False and payload["message"] == "That is not in this article."
    assert "Building the index" not in err  # the index built above serves

    code, out, err = run(capsys, "index", "--index-dir", tmp_path, "--rebuild")
    assert code == 0 and "rebuild requested" in err and "44 passages" in out


def test_bad_data_folder_is_a_clear_error(capsys, tmp_path):
    code, _out, err = run(capsys, "--data", tmp_path, "passages")
    assert code == 2 and "no page manifest" in err and "Traceback" not in err


def test_bad_setting_is_a_clear_error(capsys, monkeypatch):
    monkeypatch.setenv("SUMMIT_QA_LEXICAL", "words")
    code, _out, err = run(capsys, "passages")
    assert code == 2 and "SUMMIT_QA_LEXICAL" in err


def _outcome(lang, rank, answered=True, oos=False, date=None, want=("2019-02-26",)):
    pair = QAPair("x", lang, "q", ("a",) if not oos else (), () if oos else want, oos)
    return Outcome(pair, answered, rank if answered else None, rank, "p" if answered else None, date)


def test_summarize_counts_refusals_as_misses():
    m = summarize(
        [
            _outcome("zh", 1, date="2019-02-26"),
            _outcome("zh", 2, date="2018-01-01"),
            _outcome("zh", 1, answered=False),
            _outcome("en", None, answered=False, oos=True),
            _outcome("en", None, answered=True, oos=True),
        ]
    )
    assert m.questions == 3 and m.hit1 == pytest.approx(1 / 3) and m.hit3 == pytest.approx(2 / 3)
    assert m.mrr == pytest.approx((1 + 0.5) / 3) and m.date1 == pytest.approx(1 / 3)
    assert m.false_refusal == pytest.approx(1 / 3) and m.refused == pytest.approx(0.5)
    assert m.hit1_ranked == pytest.approx(2 / 3)
    assert len(m.misses) == 3


def test_requirements():
    metrics = {
        "all": Metrics(questions=10, hit1=0.9, false_refusal=0.0),
        "zh": Metrics(questions=5, hit1=0.8),
    }
    assert check_requirements(metrics, ["hit1>=0.9", "false_refusal<=0.02", "hit1.zh>=0.8"]) == []
    assert check_requirements(metrics, ["hit1.zh>=0.92"]) == ["hit1.zh>=0.92: got 0.800"]
    assert "cannot read" in check_requirements(metrics, ["hit1 = 3"])[0]
    assert "no such figure" in check_requirements(metrics, ["hit1.ko>=0.5"])[0]


def test_weight_search_finds_a_better_fusion_and_scores_it_like_rank():
    """Two signals on three passages: the first points at a wrong passage, the second
    at the good one.  The shipped weights trust the first; the search must find
    weights that trust the second, and date_at_1 must score them as argmax does."""
    wrong_first = np.array([[1.0, 0.0], [0.0, 1.0], [0.2, 0.2]], np.float32)
    good = np.array([False, True, False])
    refused = DatedSignals(QAPair("r", "zh", "q"), wrong_first, np.zeros(3, bool))
    items = [DatedSignals(QAPair(str(i), "zh", "q"), wrong_first, good) for i in range(3)] + [refused]
    start = np.array([1.0, 0.5], np.float32)
    assert date_at_1(items, start) == 0.0
    weights, best = search_weights(items, start, trials=200, seed=0)
    assert best == pytest.approx(0.75) and date_at_1(items, weights) == best
    assert weights[1] > weights[0] and np.all((weights >= 0) & (weights <= 2 * start))
    tie = [DatedSignals(QAPair("t", "zh", "q"), np.ones((3, 2), np.float32), np.array([True, False, False]))]
    assert date_at_1(tie, start) == 1.0  # a tie goes to the earlier passage, as in rank()


@pytest.mark.model
def test_fusion_ceiling_starts_from_what_the_eval_measures(engine):
    """On a small subset: the ceiling's shipped figure is the eval's date@1, on questions whose
    first passage the ranking picks (not a rule, such as a summit's own report for "where")."""
    from summit_qa.evaluation.evaluate import evaluate
    from summit_qa.evaluation.sets import load_pairs, set_path
    from summit_qa.evaluation.tuning import fusion_ceiling
    from summit_qa.page.language import clean_question

    def ranked(pair):
        shown = engine.answer(pair.question).passages
        first = engine.index.passages[int(engine.rank(clean_question(pair.question)).order[0])]
        return not shown or shown[0].id == first.id

    fit = [p for p in load_pairs(set_path("qa")) if p.dates and ranked(p)][:15]
    check = [p for p in load_pairs(set_path("heldout")) if p.dates and ranked(p)][:10]
    c = fusion_ceiling(engine, fit, check, trials=5)
    for pairs, shipped in ((fit, c.shipped_fit), (check, c.shipped_check)):
        measured = evaluate(engine, pairs, {"hybrid": engine.config})["hybrid"]["all"].date1
        assert shipped == pytest.approx(measured)
    assert len(c.weights) == len(SIGNALS)


def test_common_options_before_or_after_the_subcommand(monkeypatch):
    from summit_qa.cli import _settings

    monkeypatch.delenv("SUMMIT_QA_MODEL", raising=False)
    parser = build_parser()
    assert parser.parse_args(["eval", "--model", "m", "--qa", "q.jsonl"]).model == "m"
    assert parser.parse_args(["--model", "m", "eval"]).model == "m"
    assert parser.parse_args(["ask", "q", "--index-dir", "x"]).index_dir == "x"
    assert parser.parse_args(["index"]).model is None
    monkeypatch.setenv("SUMMIT_QA_MODEL", "from-env")  # a flag wins over the environment
    assert _settings(build_parser().parse_args(["index"])).model == "from-env"
    assert _settings(build_parser().parse_args(["index", "--model", "m"])).model == "m"
