"""The server's fences: a per-address rate limit on questions, no uploads.

Gradio's queue keeps every request it accepts; one client posting a thousand
questions makes everyone else wait behind them.  This ASGI middleware counts,
per client address, the requests that start work (``/gradio_api/call/…``,
``/gradio_api/queue/join``, ``/gradio_api/run/…``) in a token bucket and answers
the excess with ``429`` at once, before anything is queued.  A chat question is two
such requests, so 10 a second (20 at once) is 5 questions a second: far above a
person, far below a flood.  The app takes no files,
so ``/gradio_api/upload`` is refused outright.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

WORK_PATHS = ("/gradio_api/call/", "/gradio_api/queue/join", "/gradio_api/run/")
UPLOAD_PATH = "/gradio_api/upload"
BUSY = "Too many questions at once from your address: wait a second and ask again."


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


class RateLimit:
    """ASGI middleware: a token bucket per client address for requests that start work."""

    MAX_CLIENTS = 10_000  # addresses remembered; the idlest are forgotten first

    def __init__(self, app, per_second: float = 10.0, burst: float = 20.0):
        self.app = app
        self.per_second, self.burst = per_second, burst
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()
        self.refused = 0

    def allow(self, client: str) -> bool:
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.MAX_CLIENTS:
                    idlest = min(self._buckets, key=lambda k: self._buckets[k].stamp)
                    del self._buckets[idlest]
                bucket = self._buckets[client] = TokenBucket(self.per_second, self.burst)
            ok = bucket.take()
            self.refused += not ok
            return ok

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") == "POST":
            path = scope.get("path", "")
            if path.startswith(UPLOAD_PATH):
                return await _refuse(send, 403, "This app takes no files.")
            if path.startswith(WORK_PATHS):
                client = (scope.get("client") or ("unknown", 0))[0]
                if not self.allow(client):
                    return await _refuse(send, 429, BUSY)
        return await self.app(scope, receive, send)


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 429:
        headers.append((b"retry-after", b"1"))
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
