"""The real engine over a few records of each dev set of a new kind: every report is written
and its figures are shares where measured (the figures themselves are the reports')."""

import json
import shutil
from pathlib import Path

import pytest

from summit_qa.evaluation.evaluate import evaluate_set
from summit_qa.evaluation.metrics import DatedMetrics
from summit_qa.evaluation.report import read_column, write_reports
from summit_qa.evaluation.several import SeveralMetrics

pytestmark = pytest.mark.model

SETS = Path(__file__).resolve().parents[2] / "eval" / "sets"


def _few(name: str, folder: Path, keep) -> Path:
    lines = (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if line.strip() and keep(json.loads(line))]
    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return path


def _shares(column: dict) -> list[float]:
    return [v for m in column.values() for k, v in vars(m).items() if isinstance(v, float) and k != "mrr"]


def _run(engine, path: Path, tmp_path: Path) -> dict:
    results = evaluate_set(engine, path)
    write_reports(results, engine.encoder.name, path, tmp_path / "reports" / path.stem)
    column = read_column(tmp_path / "reports" / path.stem / "report.json")
    assert all(0.0 <= v <= 1.0 for v in _shares(column))
    return column


def test_the_new_sets_run_on_the_engine(engine, tmp_path):
    ids = {"multi-zh-01", "multi-zh-30", "multi-zh-36", "multi-en-02", "multi-ko-02"}
    multi = _run(engine, _few("multi", tmp_path, lambda r: r["id"] in ids), tmp_path)
    assert isinstance(multi["all"], SeveralMetrics)
    assert (multi["all"].controls, multi["all"].unanswerable, multi["all"].multi) == (1, 1, 3)

    dates = _run(engine, _few("dates", tmp_path, lambda r: r["id"].endswith(("-01", "-02"))), tmp_path)
    assert isinstance(dates["all"], DatedMetrics) and dates["all"].header_items <= dates["all"].questions

    typed = _run(engine, _few("typed", tmp_path, lambda r: r["kind"] in ("gibberish", "keyword")), tmp_path)
    assert {"zh-Hant", "keyword", "gibberish"} <= set(typed) and typed["gibberish"].refused is not None

    shutil.copy(SETS / "qa.jsonl", tmp_path / "qa.jsonl")  # the sources of the traditional questions
    traditional = _run(engine, _few("traditional", tmp_path, lambda r: r["id"] <= "trad-04"), tmp_path)
    assert traditional["simplified"].questions == traditional["all"].questions == 4

    ops = _run(
        engine, _few("dialogues-ops", tmp_path, lambda r: r["id"] in ("dops-zh-07", "dops-en-06")), tmp_path
    )
    assert {"first", "follow", "why", "follow_zh", "follow_en"} <= set(ops)
