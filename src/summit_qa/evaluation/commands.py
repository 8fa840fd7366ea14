"""What ``summit-qa eval``, ``calibrate`` and ``ceiling`` do once the command line is read:
run one set (its report printed and written, its ``--require`` rules checked), run every set
of a gates file, rewrite a document's figures from the reports, export sets as a BEIR
benchmark, fit the refusal floors, search the fusion's weights.  Each returns the command's
exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from summit_qa.answering.engine import SummitQA
from summit_qa.evaluation.beir import export_beir
from summit_qa.evaluation.evaluate import evaluate_set
from summit_qa.evaluation.figures import write_figures
from summit_qa.evaluation.gates import check_gates, check_requirements, gate_line, gated_sets, read_gates
from summit_qa.evaluation.report import markdown, write_reports
from summit_qa.evaluation.sets import load_pairs
from summit_qa.evaluation.tuning import calibrate_floors, fusion_ceiling, scope_samples
from summit_qa.page.passages import Passage
from summit_qa.retrieval.fusion import SIGNALS
from summit_qa.retrieval.weights import save_calibration
from summit_qa.settings import EVAL_DIR, Settings


def run_set(engine: SummitQA, qa_path: Path, out_dir: Path, require: list[str]) -> int:
    results = evaluate_set(engine, qa_path)
    report = write_reports(results, engine.encoder.name, qa_path, out_dir)
    print(markdown(results, engine.encoder.name, qa_path))
    print(f"written: {report} and {report.with_suffix('.json')}")
    failures = check_requirements(results[list(results)[-1]], require)
    for failure in failures:
        print(f"REQUIREMENT FAILED: {failure}", file=sys.stderr)
    if require and not failures:
        print(f"requirements met: {', '.join(require)}")
    return 1 if failures else 0


def run_gates(open_engine: Callable[[], SummitQA], gates_path: Path) -> int:
    """Every set the gates file names (``sets/<set>.jsonl`` beside it), each report written
    to ``reports/<set>/`` beside it, one line per gate: PASS or FAIL, the rule, the figure."""
    gates = read_gates(gates_path)
    root = gates_path.parent
    sets = {name: root / "sets" / f"{name}.jsonl" for name in gated_sets(gates)}
    missing = [str(p) for p in sets.values() if not p.is_file()]
    if missing:
        raise ValueError(f"{gates_path}: no such set: {', '.join(missing)}")
    engine = open_engine()
    failed = 0
    for name, qa_path in sets.items():
        results = evaluate_set(engine, qa_path)
        report = write_reports(results, engine.encoder.name, qa_path, root / "reports" / name)
        print(f"{name}: written {report} and {report.with_suffix('.json')}")
        for gate, check in check_gates(gates, name, results[list(results)[-1]]):
            print(gate_line(gate, check), flush=True)
            failed += not check.passed
    print(f"{len(gates) - failed} of {len(gates)} gates pass" + (f", {failed} FAIL" if failed else ""))
    return 1 if failed else 0


def gates_and_figures(open_engine: Callable[[], SummitQA], gates: str | None, doc: str | None) -> int:
    """``--gates``: every set of the gates file run (:func:`run_gates`); ``--figures``: the
    document's figures regions rewritten from the reports (those beside the gates file, after
    its run, or this checkout's eval/reports/)."""
    code = run_gates(open_engine, Path(gates)) if gates else 0
    if doc:
        if gates is None and EVAL_DIR is None:
            raise ValueError("no eval/ folder beside an installed package: run --figures in a checkout")
        reports = Path(gates).parent / "reports" if gates else EVAL_DIR / "reports"
        changed = write_figures(Path(doc), reports)
        print(f"{doc}: figures {'rewritten' if changed else 'unchanged'} from {reports}")
    return code


def export(form: str, folder: Path, sets: list[Path], passages: list[Passage]) -> int:
    if form != "beir":
        raise ValueError(f"unknown export format {form!r}: use beir")
    done = export_beir(sets, passages, folder)
    print(
        f"written: {folder / 'corpus.jsonl'} ({done.passages} passages), queries.jsonl "
        f"({done.queries} questions of {len(sets)} set(s)), qrels/test.tsv ({done.qrels} relevant "
        f"pairs); {done.left_out} question(s) with no passage to find left out"
    )
    return 0


def calibrate(
    engine: SummitQA, settings: Settings, qa_path: Path, max_false_refusal: float, dry_run: bool
) -> int:
    """The three refusal floors fitted on ``qa_path``, printed beside the current ones, and
    saved as the model's calibration unless ``dry_run``."""
    fitted = calibrate_floors(scope_samples(engine, load_pairs(qa_path)), engine.config, max_false_refusal)
    names = ("same_language_floor", "cross_language_floor", "cross_language_floor_with_terms")
    for name in names:
        print(f"{name}: {getattr(engine.config, name):.4f} → {getattr(fitted, name):.4f}")
    if dry_run:
        return 0
    path = save_calibration(settings.model, fitted, settings.home, f"{qa_path.name} (summit-qa calibrate)")
    print(f"written: {path} (the index manifest takes it at the next start)")
    return 0


def ceiling(engine: SummitQA, fit: Path, check: Path, trials: int, seed: int) -> int:
    """date@1 under the shipped weights, and under the best weights searched on ``fit``."""
    c = fusion_ceiling(engine, load_pairs(fit), load_pairs(check), trials=trials, seed=seed)
    shipped = f"{fit.name} {c.shipped_fit:.1%}, {check.name} {c.shipped_check:.1%}"
    print(f"date@1 of the first passage, shipped weights: {shipped}")
    print(
        f"best of {c.trials} weightings searched on {fit.name}: {fit.name} {c.best_fit:.1%} (in-sample), "
        f"{check.name} {c.best_check:.1%}"
    )
    print("  weights: " + ", ".join(f"{name} {w}" for name, w in zip(SIGNALS, c.weights, strict=True)))
    return 0
