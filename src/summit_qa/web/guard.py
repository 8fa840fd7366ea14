"""The server's fences: every request that starts work is rate-limited per client, counted
against the queue bound and capped in size; uploads are refused.

Gradio's queue keeps every request it accepts; one client posting a thousand
questions makes everyone else wait behind them.  This ASGI middleware sorts every
request that is not a read (GET, HEAD, OPTIONS) by its path:

- :data:`REFUSED_ROUTES` (uploads, Gradio's run-history bucket and code editor): ``403``
  with the reason, the app offers none of them;
- :data:`CONTROL_ROUTES` (cancel, reset): passed through, they only stop work;
- everything else is work: :data:`WORK_ROUTES` lists Gradio's API (``call/…``,
  ``queue/join``, ``run/…``, ``api/…``, ``stream/…``, ``component_server``), any JSON
  route under ``/api/`` and the login form, and a path in no list counts as work too,
  so a route a later Gradio adds is fenced before anyone lists it
  (tests/web/test_guard.py walks the app's routes and fails on one in no list).

Work takes a token from its client's bucket (``SUMMIT_QA_RATE`` a second,
``SUMMIT_QA_BURST`` at once; a chat question is two requests) or gets ``429`` with
the seconds to wait (body and ``Retry-After``), before anything is queued.  Work
running outside the queue plus the questions waiting in it may not pass
``SUMMIT_QA_QUEUE``: beyond it, ``503``.  A body over :data:`MAX_BODY` is ``413``.

The client is the connection's address; with ``SUMMIT_QA_TRUSTED_PROXIES`` set, a
request that comes through one of those proxies is counted against the address its
``X-Forwarded-For`` names (the nearest hop that is not a trusted proxy).
"""

from __future__ import annotations

import ipaddress
import json
import math
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Routes that run a handler: every one is rate-limited and bounded (prefixes of the path).
WORK_ROUTES = (
    "/gradio_api/call/",  # call/<name> and call/v2/<name>: join the queue
    "/gradio_api/queue/join",  # the page's events
    "/gradio_api/run/",  # run/<name>: runs the handler at once, outside the queue
    "/gradio_api/api/",  # api/<name>: the same
    "/gradio_api/stream/",  # input streamed to a running event
    "/gradio_api/component_server",  # a component's server function
    "/api/",  # JSON routes of the product's own
    "/login",  # password guesses are limited like questions
    "/mcp",  # the MCP tools (web/mcp_server.py)
)
NO_FILES = "This app takes no files."
NOT_EDITABLE = "This app cannot be edited from the browser."
# Routes of what the app does not offer: 403 with the reason.
REFUSED_ROUTES = {
    "/gradio_api/upload": NO_FILES,
    "/gradio_api/process_recording": NO_FILES,
    "/gradio_api/run-history/": "This app keeps no run history on the server.",  # (a Hub bucket)
    "/gradio_api/vibe-": NOT_EDITABLE,  # Gradio's code editor
    "/gradio_api/undo-vibe-edit": NOT_EDITABLE,
}
# Routes that only stop work the same client started: never limited (a flood cannot be cancelled
# more slowly).  Exact paths, with or without the trailing slash.
CONTROL_ROUTES = ("/gradio_api/cancel", "/gradio_api/reset")
READS = ("GET", "HEAD", "OPTIONS")
MAX_BODY = 4_000_000  # bytes: a saved chat of 50 long answers is well under 1 MB

TOO_LARGE = f"The request is larger than {MAX_BODY // 1_000_000} MB: ask a shorter question."
BUSY = "The chat is busy: {waiting} questions are waiting. Ask again in a few seconds."
BUSY_RETRY_S = 5


def _up(seconds: float, step: float) -> float:
    """``seconds`` rounded up to a multiple of ``step`` (at least one step), a float's noise ignored."""
    return max(1, math.ceil(seconds / step - 1e-6)) * step


def too_many(wait: float) -> str:
    return f"Too many requests from your address: wait {_up(wait, 0.1):.1f} s and ask again."


def is_control(path: str) -> bool:
    return path.rstrip("/") in CONTROL_ROUTES


def refusal(path: str) -> str | None:
    return next((why for prefix, why in REFUSED_ROUTES.items() if path.startswith(prefix)), None)


def route_kind(path: str) -> str:
    """``refused``, ``control``, ``work`` (listed) or ``unlisted`` (fenced as work)."""
    if refusal(path):
        return "refused"
    if is_control(path):
        return "control"
    return "work" if path.startswith(WORK_ROUTES) else "unlisted"


# Refill is computed from clock differences, which are not exact in floating point
# ((t + 0.2) - t is 0.19999999999982 near t = 2366.83): a token short by less than
# this is a whole token.
_EPSILON = 1e-9


@dataclass
class TokenBucket:
    """``rate`` requests a second on average, ``burst`` at once; ``clock`` is injectable
    so that the arithmetic can be tested at any clock value."""

    rate: float
    burst: float
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens, self.stamp = self.burst, self.clock()

    def take(self, now: float | None = None) -> bool:
        now = self.clock() if now is None else now
        self.tokens = min(self.burst, self.tokens + max(0.0, now - self.stamp) * self.rate)
        self.stamp = max(self.stamp, now)
        if self.tokens >= 1 - _EPSILON:
            self.tokens = max(0.0, self.tokens - 1)
            return True
        return False

    def wait(self) -> float:
        """Seconds until the next token, as of the last :meth:`take`."""
        return max(0.0, 1 - self.tokens) / self.rate


class RateLimit:
    """ASGI middleware: the fences of the module's docstring."""

    MAX_CLIENTS = 10_000  # addresses remembered; the idlest are forgotten first

    def __init__(
        self,
        app,
        per_second: float = 10.0,
        burst: float = 20.0,
        bound: int = 128,
        waiting: Callable[[], int] = lambda: 0,
        trusted_proxies: Sequence[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ):
        self.app = app
        self.per_second, self.burst, self.bound = per_second, burst, bound
        self.waiting, self.clock = waiting, clock
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()
        self.running = 0  # work requests in progress (the event loop's own count: no lock)
        self.refused = 0  # 429s
        self.busy = 0  # 503s

    def wait_for(self, client: str) -> float:
        """0 when ``client`` may start work now (a token taken), else the seconds to wait."""
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.MAX_CLIENTS:
                    idlest = min(self._buckets, key=lambda k: self._buckets[k].stamp)
                    del self._buckets[idlest]
                bucket = self._buckets[client] = TokenBucket(self.per_second, self.burst, self.clock)
            if bucket.take():
                return 0.0
            self.refused += 1
            return bucket.wait()

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def client(self, scope) -> str:
        """The address a request is counted against."""
        peer = (scope.get("client") or ("unknown", 0))[0]
        if not self.trusted or not self._trusted(peer):
            return peer
        forwarded = b",".join(v for k, v in scope.get("headers", ()) if k == b"x-forwarded-for")
        hops = [h.strip() for h in forwarded.decode("latin-1").split(",") if h.strip()][-32:]
        for hop in reversed(hops):
            if not self._trusted(hop):
                return hop[:64]
        return hops[0][:64] if hops else peer

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method", "GET") in READS:
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        kind = route_kind(path)
        if kind == "refused":
            return await _refuse(send, 403, refusal(path) or NO_FILES)
        if kind == "control":
            return await self.app(scope, receive, send)
        wait = self.wait_for(self.client(scope))
        if wait:
            return await _refuse(send, 429, too_many(wait), wait)
        waiting = self.waiting()
        if self.running + waiting >= self.bound:
            self.busy += 1
            return await _refuse(send, 503, BUSY.format(waiting=waiting), BUSY_RETRY_S)
        messages = await _read_body(scope, receive)
        if messages is None:
            return await _refuse(send, 413, TOO_LARGE)
        self.running += 1
        try:
            await self.app(scope, _replay(messages, receive), send)
        finally:
            self.running -= 1


async def _read_body(scope, receive) -> list[dict] | None:
    """The request's body messages, or None when it is over :data:`MAX_BODY` (read no further)."""
    for key, value in scope.get("headers", ()):
        if key == b"content-length" and value.isdigit() and int(value) > MAX_BODY:
            return None
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > MAX_BODY:
            return None
        if not message.get("more_body"):
            return messages


def _replay(messages: list[dict], receive):
    pending = iter(messages)

    async def again():
        message = next(pending, None)
        return message if message is not None else await receive()

    return again


async def _refuse(send, status: int, message: str, retry_after: float | None = None) -> None:
    payload: dict[str, object] = {"error": message}
    headers = [(b"content-type", b"application/json")]
    if retry_after is not None:
        payload["retry_after"] = round(_up(retry_after, 0.01), 2)
        headers.append((b"retry-after", str(round(_up(retry_after, 1))).encode()))
    body = json.dumps(payload).encode()
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def free_port(host: str = "127.0.0.1") -> int | None:
    """A port nothing listens on at ``host`` now (None when ``host`` cannot be bound)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, 0))
            return s.getsockname()[1]
        except OSError:
            return None
