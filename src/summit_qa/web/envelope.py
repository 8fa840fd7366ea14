"""The JSON API's envelope (ASGI middleware, outside the fences): a body sent as curl sends it is
read as JSON, and a fence's refusal reads like the API's own errors."""

from __future__ import annotations

import json
import math

from summit_qa.web.api import PREFIX
from summit_qa.web.api_messages import accepted_language, api_say
from summit_qa.web.guard import MAX_BODY

# Content types a client sends a JSON body under without meaning anything else (curl -d).
_LOOSE_TYPES = (b"", b"application/x-www-form-urlencoded", b"text/plain")
_FENCE_KEYS = {429: "too_many", 503: "busy", 413: "too_large"}


class Envelope:
    """ASGI middleware, outside the fences, for ``/api/`` and ``/mcp``: a POST body sent with no
    content type (or curl's form type) is read as JSON, and a fence's refusal (429, 503, 413 from
    web/guard.py) gets ``status`` and its message in ``Accept-Language``'s language."""

    def __init__(self, app, paths: tuple[str, ...] = ("/api/", "/mcp")):
        self.app, self.paths = app, paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope.get("path", "").startswith(self.paths):
            return await self.app(scope, receive, send)
        headers = list(scope.get("headers", ()))
        kind = next((v for k, v in headers if k == b"content-type"), b"").split(b";")[0].strip().lower()
        if scope.get("method") == "POST" and kind in _LOOSE_TYPES and scope["path"].startswith(PREFIX):
            headers = [(k, v) for k, v in headers if k != b"content-type"] + [
                (b"content-type", b"application/json")
            ]
            scope = {**scope, "headers": headers}
        language = accepted_language(
            next((v.decode("latin-1") for k, v in headers if k == b"accept-language"), "")
        )
        held: dict = {}

        async def reword(message):
            if message["type"] == "http.response.start" and message["status"] in _FENCE_KEYS:
                held["start"], held["body"] = message, b""
                return None
            if "start" not in held or message["type"] != "http.response.body":
                return await send(message)
            held["body"] += message.get("body", b"")
            if message.get("more_body"):
                return None
            start, body = _reworded(held["start"], held["body"], language or "en")
            await send(start)
            return await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, reword)


def _reworded(start: dict, body: bytes, language: str) -> tuple[dict, bytes]:
    """A fence's JSON refusal with ``status`` added and its message in ``language``."""
    status = start["status"]
    try:
        payload = json.loads(body)
    except ValueError:
        return start, body
    if not isinstance(payload, dict) or not isinstance(payload.get("error"), str) or "status" in payload:
        return start, body
    wait = payload.get("retry_after", 1)
    wait = max(1, math.ceil(wait * 10 - 1e-6)) / 10 if isinstance(wait, int | float) else 1.0
    values = {"wait": f"{wait:.1f}", "mb": MAX_BODY // 1_000_000}
    payload = {**payload, "error": api_say(_FENCE_KEYS[status], language, **values), "status": status}
    new = json.dumps(payload, ensure_ascii=False).encode()
    headers = [(k, v) for k, v in start.get("headers", ()) if k != b"content-length"]
    headers.append((b"content-length", str(len(new)).encode()))
    return {**start, "headers": headers}, new
