"""Launching the chat: settings, start-up checks, the Gradio server and its fences."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import secrets
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

from summit_qa.answering.engine import SummitQA  # noqa: E402
from summit_qa.files import StorageError, probe_folder  # noqa: E402
from summit_qa.retrieval.late_interaction import one_blas_thread  # noqa: E402
from summit_qa.settings import ENV, Settings, SettingsError  # noqa: E402
from summit_qa.web.feedback import FeedbackStore  # noqa: E402
from summit_qa.web.guard import free_port  # noqa: E402
from summit_qa.web.layout import assets, build_app  # noqa: E402

log = logging.getLogger("summit_qa.web")


def _secret(home: Path) -> str:
    """The key the browser's saved chat is encrypted with: one per state dir, so a saved chat
    survives a restart of the app."""
    path = home / "browser-secret"
    try:
        if path.exists():
            return path.read_text().strip() or secrets.token_hex(16)
        home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(16)
        path.write_text(key)
        path.chmod(0o600)
        return key
    except OSError:  # a read-only home: a key for this run only
        return secrets.token_hex(16)


def port_problem(host: str, port: int) -> str | None:
    """Why the chat cannot serve on ``host:port`` (checked before the model loads), or None."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: a closed
        try:  # connection's TIME_WAIT does not make the port busy, a listener does
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} is busy: use --port {free_port(host) or port + 1}"
            return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
    return None


# Queue positions sent to waiting clients once a second, not at every answer: with 100
# questions waiting, Gradio's "auto" sends each of them an update whenever one is answered
# (~5,000 messages); with 100 concurrent API clients the p50 wait is ~0.3 s lower this way.
STATUS_EVERY_S = 1.0


def fences(demo, settings: Settings, clock: Callable[[], float] = time.monotonic) -> list:
    """Queue ``demo`` within the settings' bounds and return the middleware that fences it
    (web/guard.py): the rate limit per client, the bound shared with the queue, no uploads.

    The direct routes (``/gradio_api/api/<name>``, ``run/<name>``) are closed to the queued
    handlers (``api_open=False``): every question waits in the one bounded queue."""
    from starlette.middleware import Middleware

    from summit_qa.web.guard import RateLimit

    demo.queue(
        default_concurrency_limit=settings.concurrency,
        max_size=settings.queue,
        status_update_rate=STATUS_EVERY_S,
        api_open=False,
    )
    queue = getattr(demo, "_queue", None)
    limit = {
        "per_second": settings.rate,
        "burst": settings.burst,
        "bound": settings.queue,
        "waiting": (lambda: len(queue)) if queue is not None else (lambda: 0),
        "trusted_proxies": settings.trusted_proxies,
        "clock": clock,
    }
    return [Middleware(RateLimit, **limit)]


class StartupError(Exception):
    """A fault found before serving: one line for the user, exit code 2."""


def _check_data(settings: Settings) -> None:
    """Read the page and the glossary, and try the folders written to, before the model loads
    (seconds, not a minute, to an error that names the file or the setting)."""
    from summit_qa.page.names import Glossary
    from summit_qa.page.passages import load_passages

    load_passages(settings.data_dir)
    Glossary.load(settings.data_dir / "glossary.json")
    probe_folder(settings.home, ENV["home"])  # feedback, the browser key, rebuilt models
    # The index folder must be a folder; it is written (and probed) only when an index is built,
    # so a read-only folder holding a current index serves.
    probe_folder(settings.index_root, ENV["index_root"], size=0)


def _startup_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename and not isinstance(exc, StorageError):
        what = exc.strerror or type(exc).__name__
        return (
            f"cannot use {exc.filename}: {what} (check that the folders in SUMMIT_QA_HOME and "
            "SUMMIT_QA_INDEX exist and are writable)"
        )
    return str(exc) or type(exc).__name__


def _auth(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise StartupError("--auth takes user:password")
    return user, password


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="app.py", description="summit-qa chat (Gradio)")
    parser.add_argument("--host", help="default: $SUMMIT_QA_HOST or 127.0.0.1 (loopback only)")
    parser.add_argument("--port", type=int, help="default: $SUMMIT_QA_PORT or 7860")
    parser.add_argument("--share", action="store_true", help="ask Gradio for a public share link")
    parser.add_argument("--mcp", action="store_true", help="serve the MCP tools at /mcp too (docs/usage.md)")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="ask for this login (for a shared host)")
    parser.add_argument("--model", help="default: $SUMMIT_QA_MODEL or the embedded e5-small")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index before serving")
    parser.add_argument(
        "--rate", type=float, help="requests a second per address (default: $SUMMIT_QA_RATE or 10)"
    )
    parser.add_argument(
        "--burst", type=int, help="requests at once per address (default: $SUMMIT_QA_BURST or 20)"
    )
    parser.add_argument(
        "--queue", type=int, help="questions waiting at once (default: $SUMMIT_QA_QUEUE or 128)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    from summit_qa.page.passages import CorpusError
    from summit_qa.readers.dictionaries import LexiconError
    from summit_qa.web.guard import is_loopback

    args = _parser().parse_args(argv)
    one_blas_thread()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")  # libraries: warnings only
    log.setLevel(logging.INFO)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        auth = _auth(args.auth)
        flags = {name: getattr(args, name) for name in ("host", "port", "model", "rate", "burst", "queue")}
        settings = Settings.from_env(**flags)
        problem = port_problem(settings.host, settings.port)
        if problem:
            raise StartupError(problem)
        if not is_loopback(settings.host) and auth is None:
            say(
                f"warning: serving on {settings.host}, reachable from other machines, with no login: "
                "anyone who can reach this port can use the chat. Pass --auth user:password to ask for one."
            )
        _check_data(settings)
        say("Loading the model and index…")
        engine = SummitQA.open(settings, rebuild=args.rebuild, say=say)
        feedback = FeedbackStore(settings.home, int(settings.feedback_max_mb * 1_000_000))
        demo = build_app(engine, feedback, _secret(settings.home))
    except (StartupError, SettingsError, CorpusError, LexiconError, ValueError, OSError) as exc:
        say(f"app.py: {_startup_message(exc)}")
        return 2
    say(f"Serving the chat at http://{settings.host}:{settings.port}")
    middleware = fences(demo, settings)
    if not args.share:  # the chat, the JSON API (and /mcp) on one server: web/server.py
        from summit_qa.web.server import chat_server

        return chat_server(engine, settings, demo, middleware, auth, args.mcp, say)
    say("With --share, Gradio serves the chat alone: no JSON API or MCP.")
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=args.share,
        auth=auth,
        show_error=False,
        footer_links=["api"],
        max_file_size="1kb",
        app_kwargs={"middleware": middleware},
        **assets(),
    )
    return 0
