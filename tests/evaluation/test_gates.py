"""eval/gates.toml: every rule readable and about a set that exists, the committed reports meet
it, and `summit-qa eval --gates` runs each set, prints each figure and fails on a miss."""

import json
from pathlib import Path

import pytest

from summit_qa.evaluation import commands
from summit_qa.evaluation.gates import Gate, check_gates, gate_line, gated_sets, measure, read_gates
from summit_qa.evaluation.metrics import Metrics
from summit_qa.evaluation.report import read_column

EVAL = Path(__file__).resolve().parents[2] / "eval"


def test_the_gates_file_names_existing_sets_and_says_why():
    gates = read_gates(EVAL / "gates.toml")
    assert len(gates) >= 40
    for name in gated_sets(gates):
        assert (EVAL / "sets" / f"{name}.jsonl").is_file(), name
    assert all(len(gate.why) > 20 for gate in gates)
    assert len({(g.set, g.rule) for g in gates}) == len(gates)


def test_the_committed_reports_meet_the_gates():
    gates = read_gates(EVAL / "gates.toml")
    failed = []
    for name in gated_sets(gates):
        metrics = read_column(EVAL / "reports" / name / "report.json")
        failed += [gate_line(g, c) for g, c in check_gates(gates, name, metrics) if not c.passed]
    assert failed == []


def test_a_rule_is_measured_and_judged():
    metrics = {"all": Metrics(questions=4, hit1=0.75), "zh": Metrics(questions=2, hit1=1.0)}
    assert measure(metrics, "hit1 >= 0.75").passed and measure(metrics, "hit1.zh<=1").passed
    check = measure(metrics, "hit1>=0.8")
    assert (check.value, check.passed, check.problem) == (0.75, False, "hit1>=0.8: got 0.750")
    assert measure(metrics, "misses>=1").problem == "misses>=1: no such figure"
    assert measure(metrics, "hit1.ko>=0.5").value is None
    line = gate_line(Gate("qa", "hit1>=0.8", "why"), check)
    assert line == "FAIL  qa  hit1>=0.8  0.750  why"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[[gate]]\nset = 'qa'\n", "needs a set and a rule"),
        ("[[gate]]\nset = 'qa'\nrule = 'hit1 > 0.9'\n", "cannot read rule"),
        ("[[gate]]\nset = 'qa'\nrule = 'hit1>=0.9'\nwhy = 'x'\nwhere = 'y'\n", "needs a set and a rule"),
        ("title = 'no gates'\n", r"no \[\[gate\]\] tables"),
        ("[[gate]\n", "not TOML"),
    ],
)
def test_a_malformed_gates_file_is_named(tmp_path, text, problem):
    path = tmp_path / "gates.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        read_gates(path)


class _Engine:
    class encoder:  # noqa: N801 - stands for the engine's encoder attribute
        name = "fake"


def test_run_gates_writes_each_report_prints_each_gate_and_fails_on_a_miss(tmp_path, monkeypatch, capsys):
    (tmp_path / "sets").mkdir()
    for name in ("a", "b"):
        (tmp_path / "sets" / f"{name}.jsonl").write_text("", encoding="utf-8")
    gates = tmp_path / "gates.toml"
    gates.write_text(
        "[[gate]]\nset = 'a'\nrule = 'hit1>=0.5'\nwhy = 'first'\n"
        "[[gate]]\nset = 'b'\nrule = 'hit1.zh>=0.9'\nwhy = 'second'\n"
        "[[gate]]\nset = 'a'\nrule = 'false_refusal<=0.1'\nwhy = 'third'\n",
        encoding="utf-8",
    )
    figures = {
        "a": {"all": Metrics(questions=2, hit1=0.5, false_refusal=0.0)},
        "b": {"all": Metrics(questions=2, hit1=0.5), "zh": Metrics(questions=1, hit1=0.0)},
    }
    monkeypatch.setattr(commands, "evaluate_set", lambda engine, path: {"hybrid": figures[path.stem]})
    assert commands.run_gates(lambda: _Engine(), gates) == 1
    out = capsys.readouterr().out
    assert "PASS  a  hit1>=0.5  0.500  first" in out and "PASS  a  false_refusal<=0.1  0.000  third" in out
    assert "FAIL  b  hit1.zh>=0.9  0.000  second" in out and "2 of 3 gates pass, 1 FAIL" in out
    for name in ("a", "b"):
        report = json.loads((tmp_path / "reports" / name / "report.json").read_text(encoding="utf-8"))
        assert report["qa"] == f"{name}.jsonl" and report["results"]["hybrid"]["all"]["questions"] == 2
    figures["b"]["zh"].hit1 = 1.0
    assert commands.run_gates(lambda: _Engine(), gates) == 0
    assert "3 of 3 gates pass\n" in capsys.readouterr().out


def test_run_gates_names_a_missing_set_before_loading_the_model(tmp_path):
    gates = tmp_path / "gates.toml"
    gates.write_text("[[gate]]\nset = 'nowhere'\nrule = 'hit1>=0.5'\nwhy = 'x'\n", encoding="utf-8")

    def never():
        raise AssertionError("the model was loaded")

    with pytest.raises(ValueError, match="nowhere.jsonl"):
        commands.run_gates(never, gates)


def test_the_eval_command_refuses_mixed_modes(capsys):
    from summit_qa.cli import main

    assert main(["eval", "--gates", "eval/gates.toml", "--qa", "eval/sets/qa.jsonl"]) == 2
    assert "--gates names its sets" in capsys.readouterr().err
    assert main(["eval", "--export", "beir", "x", "--require", "hit1>=1"]) == 2
    assert "--export writes files only" in capsys.readouterr().err
    assert main(["eval", "--export", "trec", "x"]) == 2
    assert "unknown export format 'trec'" in capsys.readouterr().err
