"""The JSON API, served beside the chat and outside Gradio's queue (web/server.py).

``POST /api/v1/answer``  ``{"question": str, "history"?: [str], "top_k"?: 1-10}`` →
``Answer.to_dict()``; ``GET /api/v1/passages``: the page as passages; ``GET /healthz``
(the process serves) and ``GET /readyz`` (the model and index are loaded, else 503);
FastAPI's docs at ``/docs``.

Every error is ``{"error": message, "status": code}``, the message in the question's
language (api_messages.py): 422 for a body that is not the JSON above, 413 for a question
or history over the engine's caps, 401/403 without the key, 429/503/413 from the fences
(web/guard.py, reworded by web/envelope.py), 500 for a fault while answering (logged,
never a traceback).  Questions run on a worker thread, at most ``SUMMIT_QA_CONCURRENCY``
at once per process; more wait without holding a thread.

The key (``SUMMIT_QA_API_KEY``, sent as ``Authorization: Bearer <key>`` or
``X-API-Key``) is asked for whenever it is set; a server not on loopback with no key
keeps ``/api/v1/*`` and ``/mcp`` closed (403).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException

from summit_qa.answering.engine import SummitQA
from summit_qa.answering.memory import MAX_CHARS, MAX_TURNS
from summit_qa.page.language import MAX_QUESTION_CHARS
from summit_qa.settings import Settings
from summit_qa.web.api_messages import api_say, request_language
from summit_qa.web.guard import is_loopback

log = logging.getLogger("summit_qa.web.api")

PREFIX = "/api/v1"
ROUTES = {f"{PREFIX}/answer": "POST", f"{PREFIX}/passages": "GET"}
MAX_TOP_K = 10


class Slots:
    """At most ``n`` calls at once on worker threads; the rest wait on the event loop, holding
    no thread (Gradio's handlers share anyio's default pool)."""

    def __init__(self, n: int):
        self.n = n
        self._limiter: anyio.CapacityLimiter | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _limit(self) -> anyio.CapacityLimiter:
        loop = asyncio.get_running_loop()
        if self._limiter is None or self._loop is not loop:  # one per event loop (a test client's own)
            self._limiter, self._loop = anyio.CapacityLimiter(self.n), loop
        return self._limiter

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=self._limit())


@dataclass
class ApiState:
    """What the API and the MCP tool serve: the settings and, once loaded, the engine."""

    settings: Settings
    engine: SummitQA | None = None
    slots: Slots = field(init=False)

    def __post_init__(self) -> None:
        self.slots = Slots(self.settings.concurrency)


class Refusal(Exception):
    """A request the API refuses: its status and message (already in the request's language)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, dict(headers or {})


HISTORY_SLACK = 10  # a history past ten times the caps is a mistake (413); up to it, the newest are read


def request_problem(question: str, history: list[str], language: str) -> Refusal | None:
    """413 for a question over the engine's cap or a history far past the conversation's."""
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(413, api_say("question_too_long", language, n=MAX_QUESTION_CHARS))
    limit_turns, limit_chars = HISTORY_SLACK * MAX_TURNS, HISTORY_SLACK * MAX_CHARS
    if len(history) > limit_turns or sum(len(q) for q in history) > limit_chars:
        return Refusal(413, api_say("history_too_long", language, turns=limit_turns, chars=limit_chars))
    return None


def sent_key(headers: Mapping[str, str]) -> str | None:
    scheme, _, token = (headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("x-api-key") or None


def key_refusal(settings: Settings, headers: Mapping[str, str], language: str) -> Refusal | None:
    """401 when the key is set and not sent (or wrong); 403 when the server is reachable from
    other machines and has no key; None when the request may go on."""
    if settings.api_key:
        key = sent_key(headers)
        if key is not None and secrets.compare_digest(key.encode(), settings.api_key.encode()):
            return None
        return Refusal(401, api_say("no_key", language), {"www-authenticate": "Bearer"})
    if is_loopback(settings.host):
        return None
    return Refusal(403, api_say("closed", language))


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=dict(headers or {}))


def passage_fields(p) -> dict:
    """A page passage as the API lists it."""
    return {
        "id": p.id,
        "text": p.text,
        "date": p.date,
        "dates": list(p.dates),
        "headline": p.title,
        "agency": p.source,
        "section": p.section,
        "article": p.article,
    }


class AnswerRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"question": "金正恩哪天抵达越南？"}]},
    )
    question: StrictStr = Field(
        description=f"the question, in any of the five languages (≤ {MAX_QUESTION_CHARS})"
    )
    history: list[StrictStr] | None = Field(
        default=None, description=f"earlier questions of the conversation, oldest first (≤ {MAX_TURNS})"
    )
    top_k: StrictInt = Field(default=3, ge=1, le=MAX_TOP_K, description="passages to return at most")
    pick: StrictStr | None = Field(
        default=None, max_length=100, description="the passage id of one of an earlier answer's choices"
    )


class PageOut(BaseModel):
    id: str
    text: str = Field(description="the paragraph, verbatim")
    date: str | None = Field(description="the date of what it reports (ISO), resolved from the text")
    dates: list[str]
    headline: str
    agency: str
    section: str | None
    article: str


class PassageOut(PageOut):
    answer_date: str | None = Field(description="the date this passage gives for what was asked")
    highlight: list[int] = Field(description="[start, end] of the best-answering sentence in text")
    highlighted_sentence: str
    score: float


class Choice(BaseModel):
    passage: str
    label: str


class AnswerOut(BaseModel):
    question: str
    answered: bool
    kind: str = Field(description="answer, refused, small_talk, empty, or a several-passage kind")
    language: str
    message: str = Field(description="why nothing is shown, in the question's language")
    lead: str
    count: int | None
    context_turn: int | None = Field(description="the index in history of the turn a follow-up leaned on")
    context_question: str | None
    operation: str | None
    suggestions: list[str] = Field(description="questions to ask next, each one the page answers")
    choices: list[Choice] = Field(description="two close readings to pick from (send one back as pick)")
    passages: list[PassageOut]


class PassagesOut(BaseModel):
    count: int
    passages: list[PageOut]


class ErrorOut(BaseModel):
    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": what}
    for code, what in {
        401: "the key is missing or wrong",
        403: "the server is not on loopback and has no key",
        413: "the question or history is over its cap",
        422: "the body is not the JSON shown",
        429: "too many requests from this address",
        503: "busy, or still loading",
    }.items()
}


def _language(request: Request, question: object = None) -> str:
    return request_language(question, request.headers.get("accept-language"))


def _engine(state: ApiState, language: str) -> SummitQA:
    if state.engine is None:
        raise Refusal(503, api_say("not_ready", language), {"retry-after": "5"})
    return state.engine


def _check_key(state: ApiState, request: Request, language: str) -> None:
    refusal = key_refusal(state.settings, request.headers, language)
    if refusal is not None:
        raise refusal


def _problems(exc: RequestValidationError) -> tuple[str, list[dict]]:
    details = []
    for e in exc.errors():
        where = ".".join(str(part) for part in e.get("loc", ()) if part != "body") or "body"
        details.append({"field": where, "problem": str(e.get("msg", ""))})
    return "; ".join(f"{d['field']}: {d['problem']}" for d in details[:5]), details


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(Refusal)
    async def refused(request: Request, exc: Refusal) -> JSONResponse:
        return error(exc.status, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        body = exc.body if isinstance(exc.body, dict) else {}
        language = _language(request, body.get("question"))
        text, details = _problems(exc)
        payload = {"error": api_say("bad_body", language, problems=text), "status": 422, "details": details}
        return JSONResponse(payload, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        language = _language(request)
        if exc.status_code == 404:
            return error(404, api_say("not_found", language))
        if exc.status_code == 405 and request.url.path in ROUTES:
            return error(
                405, api_say("method", language, path=request.url.path, method=ROUTES[request.url.path])
            )
        return error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def fault(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return error(500, api_say("internal", _language(request)))


def create_api(state: ApiState, lifespan=None) -> FastAPI:
    """The API's FastAPI app: the routes of the module's docstring (the chat is mounted on it)."""
    app = FastAPI(
        title="summit-qa",
        summary="Extractive, dated answers from one news page of 27 Feb 2019 (the Hanoi summit).",
        description="Every answer quotes the page's paragraphs verbatim, with their dates. "
        "The chat is at `/`; the MCP tool (when served) at `/mcp`.",
        version="1",
        lifespan=lifespan,
        redoc_url=None,
    )
    _handlers(app)

    @app.post(f"{PREFIX}/answer", response_model=AnswerOut, responses=ERRORS, tags=["answers"])
    async def answer(body: AnswerRequest, request: Request) -> JSONResponse:
        """The page's best passages for a question, verbatim and dated, or why there are none."""
        language = _language(request, body.question)
        _check_key(state, request, language)
        history = body.history or []
        problem = request_problem(body.question, history, language)
        if problem is not None:
            raise problem
        engine = _engine(state, language)
        try:
            result = await state.slots.run(
                engine.answer, body.question, top_k=body.top_k, history=history, pick=body.pick
            )
        except Exception as exc:  # a fault of the engine: logged here, JSON for the client
            log.error("answer(%r) failed: %s: %s", body.question[:80], type(exc).__name__, exc)
            return error(500, api_say("internal", language))
        return JSONResponse(result.to_dict())

    @app.get(f"{PREFIX}/passages", response_model=PassagesOut, responses=ERRORS, tags=["page"])
    async def passages(request: Request) -> JSONResponse:
        """The page as its passages, in page order, each with its dates and where it is printed."""
        language = _language(request)
        _check_key(state, request, language)
        listed = [passage_fields(p) for p in _engine(state, language).index.passages]
        return JSONResponse({"count": len(listed), "passages": listed})

    @app.get("/healthz", tags=["probes"])
    async def healthz() -> dict:
        """200 while the process serves."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["probes"], responses={503: {"model": ErrorOut}})
    async def readyz(request: Request) -> JSONResponse:
        """200 once the model and index are loaded, 503 before; ``worker``: the process that answered."""
        engine = _engine(state, _language(request))
        m = engine.index.manifest
        return JSONResponse(
            {"status": "ready", "passages": m.passages, "model": m.model_id, "worker": os.getpid()}
        )

    @app.api_route(
        "/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
    )
    async def unknown(request: Request) -> JSONResponse:
        path = request.url.path
        if path in ROUTES:
            raise StarletteHTTPException(405)
        raise StarletteHTTPException(404)

    return app
