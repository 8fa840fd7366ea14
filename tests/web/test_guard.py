"""The fences around the server: every route that runs work is listed, limited and bounded.

The app is the real Gradio app (``build_app`` over the fake engine, ``fences`` from app.py),
served in process through Starlette's test client: no port, no subprocess, and a frozen clock
so that no count depends on timing."""

from __future__ import annotations

import asyncio
import re

import pytest

from summit_qa.settings import Settings
from summit_qa.web.guard import (
    CONTROL_ROUTES,
    MAX_BODY,
    REFUSED_ROUTES,
    WORK_ROUTES,
    RateLimit,
    TokenBucket,
    route_kind,
)

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def demo(fake_engine, tmp_path):
    from summit_qa.web.feedback import FeedbackStore
    from summit_qa.web.layout import build_app

    return build_app(fake_engine, FeedbackStore(tmp_path), "secret")


def _serve(demo, **settings):
    """The app as app.py serves it, its clock frozen at 0, and its middleware."""
    import gradio as gr
    from starlette.testclient import TestClient

    from summit_qa.web.app import fences

    middleware = fences(demo, Settings.from_env({}, **settings), clock=lambda: 0.0)
    app = gr.routes.App.create_app(demo, app_kwargs={"middleware": middleware})
    return app, TestClient(app, client=("10.0.0.1", 50000))


def _routes(routes, prefix: str = ""):
    """(path, methods) of every route, through included routers and mounts."""
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI's included router
            yield from _routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif hasattr(route, "routes") and hasattr(route, "path"):  # a mount
            yield from _routes(route.routes, prefix + route.path)
        elif hasattr(route, "path"):
            yield prefix + route.path, set(getattr(route, "methods", None) or {"*"})


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "answer", path)


def test_every_route_that_takes_a_write_is_in_one_list(demo):
    app, _ = _serve(demo)
    routes = list(_routes(app.routes))
    writes = sorted({path for path, methods in routes if methods & (WRITES | {"*"})})
    assert len(routes) > 30 and len(writes) > 10  # the walk reached Gradio's API router
    kinds = {path: route_kind(_concrete(path)) for path in writes}
    unlisted = [path for path, kind in kinds.items() if kind == "unlisted"]
    assert not unlisted, f"routes that run work but are in no list of web/guard.py: {unlisted}"
    for must in ("/gradio_api/api/{api_name}", "/gradio_api/run/{api_name}", "/gradio_api/call/{api_name}"):
        assert kinds[must] == "work"
    assert kinds["/gradio_api/queue/join"] == "work" and kinds["/gradio_api/upload"] == "refused"
    # the control routes exist in this Gradio and are only the ones that stop work
    assert {path.rstrip("/") for path, kind in kinds.items() if kind == "control"} == set(CONTROL_ROUTES)


def test_the_lists_sort_paths_and_an_unlisted_path_is_fenced_as_work():
    assert route_kind("/gradio_api/api/answer") == route_kind("/api/summary") == "work"
    assert route_kind("/gradio_api/call/v2/answer") == route_kind("/login") == "work"
    assert route_kind("/gradio_api/upload") == route_kind("/gradio_api/process_recording") == "refused"
    assert route_kind("/gradio_api/cancel/") == "control" and route_kind("/gradio_api/cancelx") == "unlisted"
    assert route_kind("/gradio_api/something_new") == "unlisted"
    assert all(p.startswith("/") for p in (*WORK_ROUTES, *REFUSED_ROUTES, *CONTROL_ROUTES))


def test_a_hundred_posts_to_the_direct_api_route_get_429_beyond_the_burst(demo):
    _, client = _serve(demo)  # defaults: 10 a second, 20 at once; the clock never moves
    statuses = [
        client.post("/gradio_api/api/answer", json={"data": ["金正恩哪天抵达越南？", None]}).status_code
        for _ in range(100)
    ]
    assert statuses.count(429) == 80
    # the 20 let through are refused by Gradio: the queued handlers are closed to direct calls
    assert set(statuses[:20]) == {404}
    refused = client.post("/gradio_api/run/answer", json={"data": ["q", None]})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
    assert refused.json() == {
        "error": "Too many requests from your address: wait 0.1 s and ask again.",
        "retry_after": 0.1,
    }
    assert client.get("/gradio_api/info").status_code == 200  # reads are never limited


def test_the_rate_and_burst_are_settings_and_the_wait_is_what_the_bucket_needs(demo):
    _, client = _serve(demo, rate=0.25, burst=3)
    posts = [client.post("/api/anything", json={}) for _ in range(4)]
    assert [p.status_code for p in posts] == [404, 404, 404, 429]  # no such route, but counted
    assert posts[-1].headers["retry-after"] == "4" and posts[-1].json()["retry_after"] == 4.0
    assert "wait 4.0 s" in posts[-1].json()["error"]


def test_every_kind_of_work_route_takes_from_one_bucket(demo):
    _, client = _serve(demo, burst=4)
    paths = ["/gradio_api/call/answer", "/gradio_api/queue/join", "/gradio_api/api/feedback", "/login"]
    assert all(client.post(path, json={}).status_code != 429 for path in paths)
    assert all(client.post(path, json={}).status_code == 429 for path in paths)
    assert client.post("/gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code == 403


def _call(limit: RateLimit, path: str, client=("10.0.0.1", 1), headers=(), body=b"", method="POST"):
    sent: list[dict] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "client": client, "headers": list(headers)}
    asyncio.run(limit(scope, receive, send))
    return sent[0]["status"], (sent[1]["body"] if len(sent) > 1 else b"")


async def _echo(scope, receive, send):
    """An app that reads the body and answers with it."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def test_a_proxy_is_believed_only_when_trusted():
    def xff(value: str):
        return [(b"x-forwarded-for", value.encode())]

    proxy = ("10.0.0.9", 1)
    plain = RateLimit(_echo, per_second=1, burst=1, clock=lambda: 0.0)
    assert _call(plain, "/api/x", proxy, xff("1.1.1.1"))[0] == 200
    assert _call(plain, "/api/x", proxy, xff("2.2.2.2"))[0] == 429  # one address: the proxy's
    behind = RateLimit(_echo, per_second=1, burst=1, trusted_proxies=["10.0.0.0/24"], clock=lambda: 0.0)
    assert _call(behind, "/api/x", proxy, xff("1.1.1.1"))[0] == 200
    assert _call(behind, "/api/x", proxy, xff("2.2.2.2"))[0] == 200  # each user has a bucket
    assert _call(behind, "/api/x", proxy, xff("9.9.9.9, 1.1.1.1"))[0] == 429  # the nearest untrusted hop
    assert _call(behind, "/api/x", ("3.3.3.3", 1), xff("4.4.4.4"))[0] == 200
    assert _call(behind, "/api/x", ("3.3.3.3", 1), xff("5.5.5.5"))[0] == 429  # not a proxy: not believed
    assert behind.client({"client": proxy, "headers": xff("1.1.1.1, 10.0.0.7")}) == "1.1.1.1"


def test_work_beyond_the_queue_bound_is_told_the_chat_is_busy():
    waiting = [3]
    limit = RateLimit(
        _echo, per_second=100, burst=100, bound=4, waiting=lambda: waiting[0], clock=lambda: 0.0
    )
    assert _call(limit, "/gradio_api/queue/join")[0] == 200
    limit.running = 1  # one direct call in progress: with three waiting, the bound is reached
    status, body = _call(limit, "/gradio_api/run/predict")
    assert status == 503 and b"3 questions are waiting" in body and limit.busy == 1
    assert _call(limit, "/gradio_api/cancel")[0] == 200  # stopping work is never refused
    limit.running, waiting[0] = 0, 0
    assert _call(limit, "/gradio_api/run/predict", body=b"kept") == (200, b"kept")  # the body replayed


def test_a_body_over_the_cap_is_refused_before_it_is_read():
    limit = RateLimit(_echo, per_second=100, burst=100, clock=lambda: 0.0)
    size = [(b"content-length", str(MAX_BODY + 1).encode())]
    assert _call(limit, "/gradio_api/call/feedback", headers=size)[0] == 413
    status, body = _call(limit, "/gradio_api/call/feedback", body=b"x" * (MAX_BODY + 1))  # no length given
    assert status == 413 and b"larger than 4 MB" in body
    assert _call(limit, "/gradio_api/call/feedback", body=b"x" * 1000)[0] == 200
    assert limit.running == 0


def test_the_bucket_tells_how_long_until_its_next_token():
    now = [100.0]
    bucket = TokenBucket(rate=4, burst=2, clock=lambda: now[0])
    assert bucket.take() and bucket.take() and not bucket.take()
    assert bucket.wait() == pytest.approx(0.25)
    now[0] += 0.125
    assert not bucket.take() and bucket.wait() == pytest.approx(0.125)


def test_the_wait_is_never_said_to_be_zero():
    from summit_qa.web.guard import too_many

    assert too_many(0.05) == "Too many requests from your address: wait 0.1 s and ask again."
    assert "wait 0.1 s" in too_many(0.1000000001) and "wait 2.5 s" in too_many(2.41)
