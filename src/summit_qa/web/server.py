"""One server for the chat, the JSON API and the MCP tool, or N worker processes of the API.

:func:`build_server` is a FastAPI app holding the API's routes (web/api.py) and ``/mcp``
(web/mcp_server.py), with the Gradio Blocks mounted at ``/`` (``gradio.mount_gradio_app``):
a question to the API runs beside Gradio's queue, not in it.  The fences of web/guard.py
wrap the whole app (the chat's routes, ``/api/`` and ``/mcp`` alike), and :class:`Envelope`
wraps those for the API's clients.  :func:`serve` runs it with uvicorn on a socket bound
first, so a busy port is one line and exit code 2.

:func:`serve_workers` (``summit-qa serve --workers N``) binds the port, builds the index once
in a child process, and becomes the supervisor of web/prefork.py: it loads the engine but its
ONNX Runtime session once, then forks N workers that share those pages; each opens its session
and serves the API: ``/healthz`` answers at once, ``/readyz`` once the session is open.
The chat is not among them: Gradio keeps a conversation's queue and state in the process
that took its first request, and workers sharing a port take requests at random.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence

from fastapi import FastAPI

from summit_qa.settings import Settings
from summit_qa.web.api import PREFIX, ApiState, create_api
from summit_qa.web.envelope import Envelope
from summit_qa.web.guard import free_port, is_loopback

log = logging.getLogger("summit_qa.web")


def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def api_fences(settings: Settings, clock: Callable[[], float] = time.monotonic) -> list:
    """The fences of web/guard.py for a server without the chat (nothing queued)."""
    from starlette.middleware import Middleware

    from summit_qa.web.guard import RateLimit

    limit = {
        "per_second": settings.rate,
        "burst": settings.burst,
        "bound": settings.queue,
        "trusted_proxies": settings.trusted_proxies,
        "clock": clock,
    }
    return [Middleware(RateLimit, **limit)]


def build_server(
    state: ApiState,
    *,
    demo=None,
    middleware: Sequence = (),
    auth: tuple[str, str] | None = None,
    mcp: bool = False,
    load: Callable[[], None] | None = None,
) -> FastAPI:
    """The app: the API, ``/mcp`` when ``mcp``, the chat ``demo`` at ``/`` (Gradio's ``auth``
    guarding it), all inside ``middleware`` (the fences) and the API's envelope.  ``load``, when
    given, runs on a thread at start-up and fills ``state.engine`` (``/readyz`` is 503 until then)."""
    from starlette.routing import Route

    lives: list[Callable] = []
    endpoint = None
    if mcp:
        from summit_qa.web.mcp_server import build_mcp, http_endpoint

        endpoint, life = http_endpoint(build_mcp(state), state)
        lives.append(life)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if load is not None:
            threading.Thread(target=load, name="summit-qa-load", daemon=True).start()
        async with contextlib.AsyncExitStack() as stack:
            for life in lives:
                await stack.enter_async_context(life())
            yield

    app = create_api(state, lifespan=lifespan)
    if endpoint is not None:  # before the chat's mount at "/", which takes every other path
        app.router.routes += [Route("/mcp", endpoint), Route("/mcp/", endpoint)]
    if demo is not None:
        _mount_chat(app, demo, state.settings, auth)
    else:

        @app.get("/", include_in_schema=False)
        async def index() -> dict:
            return {"api": PREFIX, "docs": "/docs", "mcp": "/mcp" if mcp else None}

    for m in middleware:
        app.add_middleware(m.cls, *m.args, **m.kwargs)
    app.add_middleware(Envelope)  # the outermost: it rewords the fences' refusals
    return app


def _mount_chat(app: FastAPI, demo, settings: Settings, auth) -> None:
    import gradio as gr

    from summit_qa.web.layout import assets

    gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        show_error=False,
        footer_links=["api"],
        max_file_size="1kb",
        **assets(),
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or OSError with one line saying why (what uvicorn binds)."""
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say so, and without it a
    # keep-alive client waits ~40 ms for each reply's body (Nagle's algorithm and delayed ACKs).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OSError(f"port {port} is busy: use --port {free_port(host) or port + 1}") from None
        raise OSError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _config(app, settings: Settings, **more):
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        timeout_graceful_shutdown=3,
        backlog=2048,
        **more,
    )


def announce(settings: Settings, mcp: bool, say: Callable[[str], None]) -> None:
    base = f"http://{settings.host}:{settings.port}"
    say(f"JSON API at {base}{PREFIX}/answer (docs at {base}/docs)" + (f", MCP at {base}/mcp" if mcp else ""))
    if not settings.api_key and not is_loopback(settings.host):
        say(
            f"warning: serving on {settings.host} with no SUMMIT_QA_API_KEY: the JSON API and MCP answer "
            "403 until a key is set (see docs/usage.md)."
        )


def serve(
    app: FastAPI, settings: Settings, say: Callable[[str], None] = _stderr, name: str = "app.py"
) -> int:
    """Run ``app`` with uvicorn on ``settings``' address until interrupted: 0, or 2 when the port
    cannot be bound."""
    import uvicorn

    try:
        sock = bind(settings.host, settings.port)
    except OSError as exc:
        say(f"{name}: {exc}")
        return 2
    server = uvicorn.Server(_config(app, settings))
    logging.getLogger("uvicorn.error").addFilter(_drop_cancelled)
    server.run(sockets=[sock])
    return 0


def _drop_cancelled(record: logging.LogRecord) -> bool:
    """Not the tracebacks of requests cancelled at shutdown: a browser's open event streams
    (Gradio's heartbeat) never end by themselves, so uvicorn cancels them after its grace."""
    exc = record.exc_info[1] if record.exc_info else None
    return not isinstance(exc, asyncio.CancelledError)


def chat_server(engine, settings: Settings, demo, middleware, auth, mcp: bool, say=_stderr) -> int:
    """``app.py``'s server: the chat ``demo`` (queued and fenced by app.py's ``fences``), the JSON API
    on the same ``engine``, and ``/mcp`` when asked."""
    app = build_server(ApiState(settings, engine), demo=demo, middleware=middleware, auth=auth, mcp=mcp)
    announce(settings, mcp, say)
    return serve(app, settings, say)


# ----------------------------------------------------------------------------- N workers


def build_index(settings: Settings, say: Callable[[str], None]) -> bool:
    """Build (or check) the index once, in a child process, before any worker reads it."""
    env = {**os.environ, **settings.as_env()}
    done = subprocess.run(
        [sys.executable, "-m", "summit_qa", "index"], env=env, capture_output=True, text=True
    )
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 0:
        say(f"summit-qa serve: {lines[-1] if lines else 'the index could not be built'}")
        return False
    say(lines[-1] if lines else "index ready")
    return True


def serve_workers(settings: Settings, workers: int, mcp: bool, say: Callable[[str], None] = _stderr) -> int:
    """``workers`` processes of the API on one port, the index built first: this process becomes
    their supervisor (web/prefork.py) and returns only on a start-up fault (a busy port, an index
    that cannot be built), with 2."""
    from summit_qa.web.prefork import SUPERVISOR_ENV

    try:
        sock = bind(settings.host, settings.port)
    except OSError as exc:
        say(f"summit-qa serve: {exc}")
        return 2
    say("Building or checking the index…")
    if not build_index(settings, say):
        return 2
    say(f"Serving with {workers} workers at http://{settings.host}:{settings.port} (no chat: docs/usage.md)")
    announce(settings, mcp, say)
    # A new interpreter, its thread pools and malloc arenas set from its first import, forks the workers.
    os.environ.update({**settings.as_env(), **SUPERVISOR_ENV})
    argv = [sys.executable, "-m", "summit_qa.web.prefork", str(sock.fileno()), str(workers)]
    try:
        os.execv(sys.executable, argv + (["--mcp"] if mcp else []))
    except OSError as exc:
        say(f"summit-qa serve: cannot start the supervisor {sys.executable}: {exc.strerror or exc}")
    return 2
