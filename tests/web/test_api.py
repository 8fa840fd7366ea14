"""The JSON API (web/api.py) as web/server.py serves it, in process over the real engine: the
routes, every error as JSON in the question's language, the fences and the key."""

from __future__ import annotations

import pytest

from summit_qa.answering.memory import MAX_CHARS, MAX_TURNS
from summit_qa.page.language import MAX_QUESTION_CHARS
from summit_qa.settings import Settings
from summit_qa.web.api import AnswerOut, ApiState, PassageOut
from summit_qa.web.api_messages import TEXTS, accepted_language, api_say, request_language
from summit_qa.web.envelope import Envelope
from summit_qa.web.guard import route_kind

QUESTION = "金正恩哪天抵达越南？"


def _client(engine, **flags):
    """The API as ``summit-qa serve`` builds it, over ``engine``; the fences' clock frozen at 0."""
    from starlette.testclient import TestClient

    from summit_qa.web.server import api_fences, build_server

    settings = Settings.from_env({}).with_flags(**flags)
    state = ApiState(settings, engine)
    app = build_server(state, middleware=api_fences(settings, clock=lambda: 0.0))
    return TestClient(app, client=("10.0.0.1", 50000), raise_server_exceptions=False), state


# ----------------------------------------------------------------------------- no model


def test_every_message_is_written_in_the_five_languages():
    for key, texts in TEXTS.items():
        assert set(texts) == {"zh", "en", "ko", "ja", "vi"}, key
    assert api_say("question_too_long", "ko", n=5) == "질문이 5자를 넘습니다. 더 짧게 질문해 주세요."
    assert api_say("busy", "fr") == TEXTS["busy"]["en"]


def test_the_language_is_the_questions_else_accept_language():
    assert request_language("김정은은 언제 도착했나요?", "en") == "ko"
    assert request_language(None, "ja-JP,ja;q=0.9,en;q=0.8") == "ja"
    assert request_language("  ", "fr-FR, vi;q=0.5") == "vi"
    assert request_language(None, None) == "en" and accepted_language("de") is None


def test_a_fences_refusal_gets_its_status_and_the_readers_language():
    import asyncio
    import json

    async def refuse(scope, receive, send):
        body = json.dumps({"error": "Too many requests", "retry_after": 0.23}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [(b"content-length", b"3")]})
        await send({"type": "http.response.body", "body": body})

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/answer",
        "headers": [(b"accept-language", b"zh")],
    }
    asyncio.run(Envelope(refuse)(scope, None, send))
    payload = json.loads(sent[1]["body"])
    assert payload == {"error": "你的地址请求过多，请等待0.3秒后再问。", "retry_after": 0.23, "status": 429}
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(sent[1]["body"])).encode()


def test_the_api_and_mcp_paths_are_fenced_as_work():
    assert route_kind("/api/v1/answer") == route_kind("/mcp") == "work"


# ----------------------------------------------------------------------------- the real engine


@pytest.fixture(scope="module")
def api(engine):
    client, _ = _client(engine, rate=1000, burst=1000)
    with client:
        yield client


@pytest.mark.model
def test_answer_is_the_engines_answer_as_json(api, engine):
    reply = api.post("/api/v1/answer", json={"question": QUESTION, "top_k": 2})
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    assert reply.json() == engine.answer(QUESTION, top_k=2).to_dict()
    first = reply.json()["passages"][0]
    assert first["date"] == "2019-02-26" and first["text"].startswith("朝鲜最高领导人金正恩26日抵达越南")
    assert set(reply.json()) == set(AnswerOut.model_fields)  # the documented schema is the answer's
    assert set(first) == set(PassageOut.model_fields)


@pytest.mark.model
def test_a_body_sent_without_a_json_content_type_is_read_as_json(api):
    body = '{"question": "金正恩哪天抵达越南？"}'.encode()
    for kind in (None, "application/x-www-form-urlencoded"):  # curl -d without -H
        headers = {"content-type": kind} if kind else {}
        reply = api.post("/api/v1/answer", content=body, headers=headers)
        assert reply.status_code == 200 and reply.json()["answered"], reply.text


@pytest.mark.model
def test_a_follow_up_reads_the_history(api, engine):
    history = ["金正恩哪天抵达越南？"]
    reply = api.post("/api/v1/answer", json={"question": "他是怎么去的？", "history": history}).json()
    assert reply == engine.answer("他是怎么去的？", history=history).to_dict()
    assert reply["context_question"] == history[0] and reply["context_turn"] == 0


@pytest.mark.model
def test_passages_probes_and_docs(api, engine):
    listed = api.get("/api/v1/passages").json()
    assert listed["count"] == len(engine.index.passages) == len(listed["passages"])
    first, page = listed["passages"][0], engine.index.passages[0]
    assert first["id"] == page.id and first["text"] == page.text and first["headline"] == page.title
    assert set(first) == {"id", "text", "date", "dates", "headline", "agency", "section", "article"}
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/readyz").json()["passages"] == len(engine.index.passages)
    assert "/api/v1/answer" in api.get("/openapi.json").json()["paths"]
    assert api.get("/docs").status_code == 200


def test_ready_only_once_the_engine_is_loaded():
    client, state = _client(None)
    ready = client.get("/readyz", headers={"accept-language": "vi"})
    assert ready.status_code == 503 and ready.json()["status"] == 503
    assert ready.json()["error"] == TEXTS["not_ready"]["vi"]
    assert client.get("/healthz").status_code == 200
    asked = client.post("/api/v1/answer", json={"question": QUESTION})
    assert asked.status_code == 503 and asked.json()["error"] == TEXTS["not_ready"]["zh"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "language", "field"),
    [
        ({}, "en", "question"),
        ({"question": 12}, "en", "question"),
        ({"question": "김정은은 언제 도착했나요?", "top_k": 0}, "ko", "top_k"),
        ({"question": QUESTION, "top_k": 11}, "zh", "top_k"),
        ({"question": QUESTION, "history": "金正恩"}, "zh", "history"),
        ({"question": "Kim Jong Un đến ngày nào?", "topk": 2}, "vi", "topk"),
    ],
)
def test_a_bad_body_is_422_in_the_questions_language(api, body, language, field):
    reply = api.post("/api/v1/answer", json=body)
    assert reply.status_code == 422
    payload = reply.json()
    assert payload["status"] == 422 and payload["error"].startswith(
        api_say("bad_body", language, problems="")
    )
    assert any(d["field"] == field for d in payload["details"]), payload
    assert "Traceback" not in reply.text


@pytest.mark.model
def test_a_body_that_is_not_json_is_422(api):
    reply = api.post("/api/v1/answer", content=b"{question: ", headers={"content-type": "application/json"})
    assert reply.status_code == 422 and reply.json()["status"] == 422


@pytest.mark.model
def test_a_question_or_history_over_the_caps_is_413(api):
    long = api.post("/api/v1/answer", json={"question": "金" * (MAX_QUESTION_CHARS + 1)})
    assert long.status_code == 413
    assert long.json() == {"error": api_say("question_too_long", "zh", n=MAX_QUESTION_CHARS), "status": 413}
    # a history over the conversation's caps is answered from the newest turns they keep
    over = api.post("/api/v1/answer", json={"question": "And then?", "history": ["Why?"] * (MAX_TURNS + 1)})
    assert over.status_code == 200
    many = api.post(
        "/api/v1/answer", json={"question": "And then?", "history": ["Why?"] * (10 * MAX_TURNS + 1)}
    )
    assert many.status_code == 413 and many.json()["error"].startswith("The history is longer")
    wide = ["x" * (5 * MAX_CHARS + 1)] * 2
    assert api.post("/api/v1/answer", json={"question": "why?", "history": wide}).status_code == 413
    at_cap = api.post("/api/v1/answer", json={"question": "金" * MAX_QUESTION_CHARS})
    assert at_cap.status_code == 200


@pytest.mark.model
def test_unknown_routes_and_methods_are_json(api):
    missing = api.get("/api/v1/nothing", headers={"accept-language": "ja"})
    assert missing.status_code == 404 and missing.json() == {"error": TEXTS["not_found"]["ja"], "status": 404}
    wrong = api.get("/api/v1/answer")
    assert wrong.status_code == 405 and wrong.json()["error"] == "/api/v1/answer takes POST."


@pytest.mark.model
def test_beyond_the_rate_limit_is_429_with_the_wait(engine):
    client, _ = _client(engine, rate=0.5, burst=2)
    statuses = [client.post("/api/v1/answer", json={"question": QUESTION}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.post("/api/v1/answer", json={"question": QUESTION}, headers={"accept-language": "ko"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "2"
    assert refused.json() == {
        "error": api_say("too_many", "ko", wait="2.0"),
        "retry_after": 2.0,
        "status": 429,
    }
    assert client.get("/api/v1/passages").status_code == 200  # reads are not limited


@pytest.mark.model
def test_off_loopback_the_api_asks_for_the_key(engine):
    closed, _ = _client(engine, host="0.0.0.0", rate=1000, burst=1000)
    refused = closed.post("/api/v1/answer", json={"question": QUESTION})
    assert refused.status_code == 403 and refused.json()["error"] == TEXTS["closed"]["zh"]
    assert closed.get("/api/v1/passages").status_code == 403
    assert closed.get("/healthz").status_code == 200  # probes need no key

    keyed, _ = _client(engine, host="0.0.0.0", api_key="s3cret", rate=1000, burst=1000)
    body = {"question": QUESTION}
    assert keyed.post("/api/v1/answer", json=body).status_code == 401
    wrong = keyed.post("/api/v1/answer", json=body, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert wrong.json()["error"] == TEXTS["no_key"]["zh"]
    assert (
        keyed.post("/api/v1/answer", json=body, headers={"authorization": "Bearer s3cret"}).status_code == 200
    )
    assert keyed.get("/api/v1/passages", headers={"x-api-key": "s3cret"}).status_code == 200


@pytest.mark.model
def test_a_key_set_on_loopback_is_asked_for_too(engine):
    client, _ = _client(engine, api_key="s3cret", rate=1000, burst=1000)
    assert client.get("/api/v1/passages").status_code == 401
    assert client.get("/api/v1/passages", headers={"x-api-key": "s3cret"}).status_code == 200


class Broken:
    """An engine whose answer fails, over the real index."""

    def __init__(self, engine):
        self.index = engine.index

    def answer(self, *args, **kwargs):
        raise RuntimeError("the disk went away")


@pytest.mark.model
def test_a_fault_while_answering_is_a_json_500_without_a_traceback(engine, caplog):
    client, _ = _client(Broken(engine), rate=1000, burst=1000)
    reply = client.post("/api/v1/answer", json={"question": "When did Kim arrive?"})
    assert reply.status_code == 500
    assert reply.json() == {"error": TEXTS["internal"]["en"], "status": 500}
    assert "Traceback" not in reply.text and "disk" not in reply.text
    assert "the disk went away" in caplog.text  # the server's log says what


def _paths(routes, prefix: str = ""):
    """(path, methods) of every route, through included routers and mounts."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _paths(route.original_router.routes, prefix + route.include_context.prefix)
        elif hasattr(route, "routes") and hasattr(route, "path"):
            yield from _paths(route.routes, prefix + route.path)
        elif hasattr(route, "path"):
            yield prefix + route.path, set(getattr(route, "methods", None) or {"*"})


def test_every_route_of_the_assembled_server_that_takes_a_write_is_fenced(fake_engine, tmp_path):
    """The chat mounted on the API with /mcp: no route that takes a POST is in no list of
    web/guard.py, and the fences and the envelope wrap the whole app."""
    import re

    from summit_qa.web.app import fences
    from summit_qa.web.feedback import FeedbackStore
    from summit_qa.web.guard import RateLimit
    from summit_qa.web.layout import build_app
    from summit_qa.web.server import build_server

    settings = Settings.from_env({})
    demo = build_app(fake_engine, FeedbackStore(tmp_path), "secret")
    app = build_server(
        ApiState(settings, fake_engine), demo=demo, middleware=fences(demo, settings), mcp=True
    )
    routes = list(_paths(app.routes))
    writes = {
        re.sub(r"\{[^}]+\}", "x", p) for p, methods in routes if methods & {"POST", "PUT", "DELETE", "*"}
    }
    assert {"/api/v1/answer", "/mcp"} <= writes and any(p.startswith("/gradio_api/") for p in writes)
    assert not [p for p in writes if route_kind(p) == "unlisted"]
    assert [m.cls for m in app.user_middleware] == [Envelope, RateLimit]  # the envelope outermost
