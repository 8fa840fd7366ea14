"""``summit-qa serve`` and ``summit-qa mcp``: the commands that serve the page to programs."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from summit_qa.settings import Settings


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(model=args.model, data_dir=args.data, index_root=args.index_dir)


def serve(args: argparse.Namespace) -> int:
    """One process: ``app.py`` (the chat, the JSON API, ``/mcp`` with ``--mcp``); several: the
    JSON API (and ``/mcp``) on that many workers forked by one supervisor (web/prefork.py)."""
    if args.workers < 1:
        raise ValueError(f"--workers {args.workers} is not a count: use 1 or more")
    settings = _settings(args).with_flags(host=args.host, port=args.port)
    if args.workers == 1:
        from summit_qa.web.app import main as app_main

        os.environ.update(settings.as_env())  # app.py reads its settings from the environment
        argv = ["--mcp"] if args.mcp else []
        return app_main(argv + (["--auth", args.auth] if args.auth else []))
    if args.auth:
        raise ValueError("--auth guards the chat, which several workers do not serve: use SUMMIT_QA_API_KEY")
    from summit_qa.web.server import serve_workers

    return serve_workers(settings, args.workers, args.mcp, _say)


def mcp(args: argparse.Namespace) -> int:
    """The MCP tools over stdin and stdout, for a client that starts this process itself."""
    from summit_qa.answering.engine import SummitQA
    from summit_qa.web.api import ApiState
    from summit_qa.web.mcp_server import run_stdio

    settings = _settings(args)
    with contextlib.redirect_stdout(sys.stderr):  # stdout is the protocol's alone
        engine = SummitQA.open(settings, say=_say)
    run_stdio(ApiState(settings, engine))
    return 0


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    """The ``serve`` and ``mcp`` subcommands, on the CLI's subparsers."""
    serving = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the chat and the JSON API (--workers N: the API on N processes)",
        description="summit-qa serve [--workers N] [--host H] [--port P] [--mcp]: one worker serves "
        "what app.py serves; N workers serve the JSON API (and /mcp) on one port, the index built "
        "once before they start. The chat is served by one worker only (docs/operations.md).",
    )
    serving.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serving.add_argument("--host", help="default: $SUMMIT_QA_HOST or 127.0.0.1 (loopback only)")
    serving.add_argument("--port", type=int, help="default: $SUMMIT_QA_PORT or 7860")
    serving.add_argument("--mcp", action="store_true", help="serve the MCP tools at /mcp too")
    serving.add_argument("--auth", metavar="USER:PASSWORD", help="the chat's login (one worker only)")
    serving.set_defaults(func=serve)

    tools = sub.add_parser(
        "mcp",
        parents=[common],
        help="the MCP tools (answer, list_passages) over stdio, for an MCP client to start",
    )
    tools.set_defaults(func=mcp)
