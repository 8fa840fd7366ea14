"""Command line: ``summit-qa passages | ask | index | eval | bench``."""

from __future__ import annotations

import argparse
import sys

from summit_qa.corpus import CorpusError, load_passages


def _cmd_passages(args: argparse.Namespace) -> int:
    for p in load_passages(args.data):
        section = f" [{p.section}]" if p.section else ""
        print(f"{p.id}\t{p.date or '-'}\t{p.title}{section} · {p.source}\n    {p.text}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summit-qa", description=__doc__)
    parser.add_argument("--data", help="data folder (default: $SUMMIT_QA_DATA or the repo's data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("passages", help="list the page's passages with their dates").set_defaults(
        func=_cmd_passages
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        print(f"summit-qa: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
