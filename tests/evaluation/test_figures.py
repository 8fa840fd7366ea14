"""docs/evaluation.md's Figures: each table rendered from the reports' figures cell by cell, the
regions rewritten in place, and the document as the reports on disk render it."""

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from summit_qa.evaluation import commands, figures
from summit_qa.evaluation.figures import (
    DIALOGUES,
    SETS,
    WITHOUT,
    by_kind,
    conversation,
    counted,
    dialogues,
    operations,
    pct,
    read_reports,
    rewrite,
    several,
    single,
    table,
    traditional,
    typed,
)
from summit_qa.evaluation.metrics import DatedMetrics, Metrics
from summit_qa.evaluation.several import SeveralMetrics

ROOT = Path(__file__).resolve().parents[2]


def made_up() -> dict:
    """Every set's column with the same figures in each group a table reads."""
    plain = Metrics(questions=20, hit1=0.75, hit3=1.0, date1=0.5, right_date=1.0, false_refusal=0.0)
    plain.out_of_scope, plain.refused, plain.smalltalk_items, plain.smalltalk = 4, 0.25, 8, 1.0
    groups = ("all", "zh", "en", "other", "ko", "ja", "vi", "zh-Hant", "simplified", "first", "follow")
    reports = {name: {g: Metrics(**asdict(plain)) for g in groups} for name in SETS}
    for name in DIALOGUES:
        reports[f"{name} {WITHOUT}"] = {g: Metrics(**asdict(plain)) for g in groups}
    return reports


def test_a_share_reads_with_one_decimal_and_whole_at_the_ends():
    assert [pct(x) for x in (0.9491525, 1.0, 0.0, 0.5, 0.0004, None)] == [
        "94.9%",
        "100%",
        "0%",
        "50.0%",
        "0.0%",
        "–",
    ]


def test_a_share_is_counted_over_the_questions_it_is_measured_over():
    column = {"all": DatedMetrics(questions=59, hit1=0.9491525, out_of_scope=14, refused=6 / 7)}
    column["all"].header_items, column["all"].header_date = 48, 0.9166
    assert counted(column, "hit1") == "94.9% (59)"
    assert counted(column, "refused") == "85.7% (14)"
    assert counted(column, "header_date") == "91.7% (48)"
    assert counted(column, "hit1", "zh") == "– (0)"
    several_column = {
        "all": SeveralMetrics(questions=60, multi=53, needed_share=0.868, unanswerable=8, refused=0.75)
    }
    assert counted(several_column, "needed_share") == "86.8% (53)"
    assert counted(several_column, "refused") == "75.0% (8)"


def test_a_table_leaves_an_empty_cell_empty():
    assert table(["a", "b", "c"], [["x", "", "1"]]) == "| a | b | c |\n| --- | --- | --- |\n| x | | 1 |"


def test_the_single_questions_table():
    reports = made_up()
    reports["qa"]["zh"] = Metrics(questions=59, hit1=56 / 59)
    reports["heldout"]["all"].false_refusal = 1 / 29
    lines = single(reports).splitlines()
    assert lines[:3] == [
        "| hit@1 | `qa` | `heldout` |",
        "| --- | --- | --- |",
        "| Chinese | 94.9% (59) | 75.0% (20) |",
    ]
    assert lines[5:] == [
        "| hit@3, all | 100% | 100% |",
        "| date of the first passage right | 50.0% | 50.0% |",
        "| date of the right passage | 100% | 100% |",
        "| off-page questions refused | 25.0% (4) | 25.0% (4) |",
        "| answerable questions refused | 0% | 3.4% |",
    ]


def test_the_conversation_tables():
    reports = made_up()
    for name in ("conversation", "conversation-2", "heldout-conversation"):
        reports[name]["smalltalk"] = Metrics(smalltalk_items=33, smalltalk=1.0)
        reports[name]["near_miss"] = Metrics(out_of_scope=10, refused=0.9)
    reports["conversation-2"]["all"].answerable_as_smalltalk = 2
    lines = conversation(reports).splitlines()
    assert lines[2] == "| small talk given the small-talk reply | 100% (33) | 100% (33) | 100% (33) |"
    assert lines[3] == "| answerable questions taken for small talk | 0 | 2 | 0 |"
    assert lines[5] == "| near-miss attribute questions refused | 90.0% (10) | 90.0% (10) | 90.0% (10) |"
    assert lines[-1] == "| Chinese questions, right first | | | 75.0% (20) |"
    reports["dialogues"]["context"] = Metrics(questions=67, hit1=0.6567)
    reports[f"dialogues {WITHOUT}"]["context"] = Metrics(questions=67, hit1=0.194)
    reports["dialogues"]["follow_zh"] = Metrics(questions=46, hit1=0.63)
    reports[f"dialogues {WITHOUT}"]["follow"].hit1 = 0.309
    reports["dialogues-2"]["standalone"] = reports["dialogues-heldout"]["standalone"] = Metrics()
    lines = dialogues(reports).splitlines()
    assert (
        lines[0]
        == "| follow-up turns, right passage first | `dialogues` | `dialogues-2` | `dialogues-heldout` |"
    )
    assert lines[3] == "| without it (the turn alone) | 30.9% | 75.0% | 75.0% |"
    assert lines[4].startswith(
        "| … needing the earlier turns, with / without | 65.7% / 19.4% (67) | – / – (0) |"
    )
    assert lines[6].startswith(
        "| by language, with: zh / en / ko·ja·vi | 63.0% / – / – (46 / 0 / 0) | – / – / – (0 / 0 / 0) |"
    )
    assert lines[-1] == "| unanswerable follow-ups refused | 25.0% (4) | 25.0% (4) | 25.0% (4) |"


def several_reports() -> dict:
    reports = made_up()
    dev = {
        g: SeveralMetrics(multi=10, needed_share=0.8, counted=3, count_right=0.0) for g in ("all", "zh", "en")
    }
    dev["other"] = SeveralMetrics(multi=4, needed_share=1.0)
    held = {g: SeveralMetrics(multi=5, needed_share=0.6, counted=1, count_right=1.0) for g in dev}
    dev["question"] = SeveralMetrics(controls=9, controls_hit1=1.0)
    for kind, share in (("list", 0.375), ("count", 1.0), ("range", 1.0), ("enumeration", 1.0)):
        dev[kind], held[kind] = (
            SeveralMetrics(multi=8, needed_share=share),
            SeveralMetrics(multi=5, needed_share=0.2),
        )
    reports["multi"], reports["multi-heldout"] = dev, held
    return reports


def test_the_several_passages_table_pairs_dev_and_held_out():
    lines = several(several_reports()).splitlines()
    assert lines[0] == "| `multi` / `multi-heldout` | all | zh | en | ko·ja·vi |"
    assert lines[2] == (
        "| needed share | 80.0% (10) / 60.0% (5) | 80.0% (10) / 60.0% (5) | 80.0% (10) / 60.0% (5) "
        "| 100% (4) / 60.0% (5) |"
    )
    assert (
        lines[6]
        == "| count right | 0% (3) / 100% (1) | 0% (3) / 100% (1) | 0% (3) / 100% (1) | – (0) / 100% (1) |"
    )


def test_the_sentence_by_kind_names_each_kind_measured_and_wraps_between_kinds():
    assert by_kind(several_reports()) == (
        "By kind, `multi`, needed share, dev / held-out: list 37.5% (8) / 20.0% (5),\n"
        "count 100% (8) / 20.0% (5), range 100% (8) / 20.0% (5), enumeration 100% (8) / 20.0% (5)."
    )


def test_the_typed_traditional_and_operations_tables_count_each_group_in_the_row():
    reports = made_up()
    reports["typed"]["gibberish"] = Metrics(out_of_scope=6, refused=5 / 6)
    reports["typed-heldout"]["gibberish"] = Metrics(out_of_scope=5, refused=0.6)
    for group in ("keyword", "typo", "romanization", "date_form", "mixed", "long", "informal"):
        reports["typed"][group] = reports["typed-heldout"][group] = Metrics(questions=3, hit1=2 / 3, hit3=1.0)
    lines = typed(reports).splitlines()
    assert lines[2] == "| all (20; 20) | 75.0% | 100% | 75.0% | 100% |"
    assert lines[4] == (
        "| keyword / typo / romanization / date_form (3 / 3 / 3 / 3; 3 / 3 / 3 / 3) "
        "| 66.7% / 66.7% / 66.7% / 66.7% | 100% / 100% / 100% / 100% "
        "| 66.7% / 66.7% / 66.7% / 66.7% | 100% / 100% / 100% / 100% |"
    )
    assert lines[-1] == (
        "| given no passage: the page cannot answer / gibberish "
        "| 25.0% (4) / 83.3% (6) | | 25.0% (4) / 60.0% (5) | |"
    )
    reports["traditional-heldout"]["all"].questions = 29
    assert (
        traditional(reports)
        .splitlines()[0]
        .startswith("| answerable: `traditional` 20, `traditional-heldout` 29 |")
    )
    for group in ("next", "previous", "nth", "actor", "attribute", "why", "return", "other"):
        twice = Metrics(questions=2, hit1=0.5)
        reports["dialogues-ops"][group] = reports["dialogues-ops-heldout"][group] = twice
    reports["dialogues-ops-heldout"]["first"] = Metrics(questions=27, hit1=24 / 27, hit3=26 / 27)
    lines = operations(reports).splitlines()
    assert lines[2] == "| first turns (20; 27) | 75.0% | 100% | 88.9% | 96.3% |"
    assert lines[4] == (
        "| next / previous / nth (2 / 2 / 2; 2 / 2 / 2) "
        "| 50.0% / 50.0% / 50.0% | 0% / 0% / 0% | 50.0% / 50.0% / 50.0% | 0% / 0% / 0% |"
    )


def test_rewrite_replaces_only_the_regions_bodies():
    region = "<!-- figures:start single -->\n\n| old |\n\n<!-- figures:end single -->"
    text = f"# Figures\n\nprose\n\n{region}\n\nmore prose\n"
    new = rewrite(text, made_up())
    assert new.startswith(
        "# Figures\n\nprose\n\n<!-- figures:start single -->\n\n| hit@1 | `qa` | `heldout` |\n"
    )
    assert new.endswith(
        "| answerable questions refused | 0% | 0% |\n\n<!-- figures:end single -->\n\nmore prose\n"
    )
    assert rewrite(new, made_up()) == new
    with pytest.raises(ValueError, match="unknown figures region 'nowhere'"):
        rewrite("<!-- figures:start nowhere -->\nx\n<!-- figures:end nowhere -->\n", made_up())
    with pytest.raises(ValueError, match="no <!-- figures:start"):
        rewrite("prose only\n", made_up())


def write_made_up_reports(folder: Path, reports: dict) -> None:
    for name in SETS:
        shipped = "with history" if name in DIALOGUES else "hybrid"
        results = {shipped: {g: asdict(m) for g, m in reports[name].items()}}
        if name in DIALOGUES:
            results = {WITHOUT: {g: asdict(m) for g, m in reports[f"{name} {WITHOUT}"].items()}, **results}
        (folder / name).mkdir(parents=True)
        (folder / name / "report.json").write_text(json.dumps({"results": results}), encoding="utf-8")


def test_eval_figures_rewrites_the_document_from_the_reports_on_disk(tmp_path, monkeypatch, capsys):
    from summit_qa.cli import main

    write_made_up_reports(tmp_path / "eval" / "reports", several_reports())
    doc = tmp_path / "doc.md"
    doc.write_text("<!-- figures:start several -->\n\n<!-- figures:end several -->\n", encoding="utf-8")
    monkeypatch.setattr(commands, "EVAL_DIR", tmp_path / "eval")
    assert main(["eval", "--figures", str(doc)]) == 0
    assert doc.read_text(encoding="utf-8") == rewrite(doc.read_text(encoding="utf-8"), several_reports())
    assert "| needed share | 80.0% (10) / 60.0% (5) |" in doc.read_text(encoding="utf-8")
    assert "figures rewritten from" in capsys.readouterr().out
    assert main(["eval", "--figures", str(doc)]) == 0
    assert "figures unchanged" in capsys.readouterr().out
    (tmp_path / "eval" / "reports" / "typed" / "report.json").unlink()
    assert main(["eval", "--figures", str(doc)]) == 2
    assert "no report" in capsys.readouterr().err


def test_the_documented_figures_are_those_the_reports_render():
    """docs/evaluation.md's tables as eval/reports/ holds them: after a run of the gates,
    summit-qa eval --figures docs/evaluation.md writes them anew."""
    doc = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    assert doc.count("<!-- figures:start") == len(figures.REGIONS)
    assert rewrite(doc, read_reports(ROOT / "eval" / "reports")) == doc
