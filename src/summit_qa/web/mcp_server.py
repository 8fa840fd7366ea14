"""The page as Model Context Protocol tools: ``answer`` and ``list_passages``.

Served over streamable HTTP at ``/mcp`` by the chat's server (``app.py --mcp``,
``summit-qa serve --mcp``): stateless and in plain JSON, so any worker answers any
request, behind the same fences and key as the JSON API (web/api.py).  Over stdio by
``summit-qa mcp``, for a client that starts the server itself.
"""

from __future__ import annotations

import contextlib
import sys
from io import TextIOWrapper
from typing import Annotated, Any

from pydantic import Field

from summit_qa.answering.memory import MAX_TURNS
from summit_qa.page.language import MAX_QUESTION_CHARS
from summit_qa.web.api import MAX_TOP_K, ApiState, error, key_refusal, passage_fields, request_problem
from summit_qa.web.api_messages import api_say, request_language
from summit_qa.web.guard import is_loopback

INSTRUCTIONS = (
    "Tools over one Chinese newspaper page of 27 February 2019 about the second Trump-Kim summit in "
    "Hanoi (a timeline of US-DPRK events since 2018, an analysis, news items). Answers are extractive: "
    "the page's paragraphs quoted verbatim with their dates, never generated text."
)
ANSWER = (
    "Answer a question about the page with its best paragraphs, verbatim. Each passage carries its "
    "date (resolved from the text, ISO), answer_date (the date it gives for what was asked), dates, "
    "headline, agency, section and the best-answering sentence (highlighted_sentence). When the page "
    "does not say, answered is false and message says why, in the question's language. Questions in "
    "Chinese, English, Korean, Japanese or Vietnamese; pass the earlier questions as history to ask a "
    "follow-up ('and then?', 'why?')."
)
LIST = (
    "List every paragraph of the page in page order, verbatim, with its id, date, every date it "
    "mentions, headline, agency, section and article."
)


def build_mcp(state: ApiState):
    """The MCP server of the two tools, answering from ``state``'s engine."""
    from mcp.server.fastmcp import FastMCP
    from mcp.server.fastmcp.exceptions import ToolError
    from mcp.server.transport_security import TransportSecuritySettings

    # The Host check against DNS rebinding where nothing else guards the tools: a server on
    # loopback with no key.  With a key (or behind a proxy naming another host) the key guards.
    guarded = not state.settings.api_key and is_loopback(state.settings.host)
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=guarded,
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
    )
    mcp = FastMCP(
        "summit-qa",
        instructions=INSTRUCTIONS,
        stateless_http=True,
        json_response=True,
        streamable_http_path="/mcp",
        log_level="WARNING",
        transport_security=security,
    )

    def engine(language: str):
        if state.engine is None:
            raise ToolError(api_say("not_ready", language))
        return state.engine

    @mcp.tool(name="answer", description=ANSWER)
    async def answer(
        question: Annotated[
            str, Field(description=f"the question (at most {MAX_QUESTION_CHARS} characters)")
        ],
        history: Annotated[
            list[str] | None,
            Field(description=f"earlier questions of the conversation, oldest first (at most {MAX_TURNS})"),
        ] = None,
        top_k: Annotated[int, Field(ge=1, le=MAX_TOP_K, description="passages to return at most")] = 3,
        pick: Annotated[
            str | None,
            Field(max_length=100, description="the passage id of one of an earlier answer's choices"),
        ] = None,
    ) -> dict[str, Any]:
        language = request_language(question)
        problem = request_problem(question, history or [], language)
        if problem is not None:
            raise ToolError(problem.message)
        result = await state.slots.run(
            engine(language).answer, question, top_k=top_k, history=history or [], pick=pick
        )
        return result.to_dict()

    @mcp.tool(name="list_passages", description=LIST)
    async def list_passages() -> dict[str, Any]:
        listed = [passage_fields(p) for p in engine("en").index.passages]
        return {"count": len(listed), "passages": listed}

    return mcp


class Keyed:
    """ASGI: the MCP endpoint behind the API's key (web/api.py's ``key_refusal``)."""

    def __init__(self, app, state: ApiState):
        self.app, self.state = app, state

    async def __call__(self, scope, receive, send):
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        language = request_language(None, headers.get("accept-language"))
        refusal = key_refusal(self.state.settings, headers, language)
        if refusal is not None:
            return await error(refusal.status, refusal.message, refusal.headers)(scope, receive, send)
        return await self.app(scope, receive, send)


def http_endpoint(mcp, state: ApiState):
    """The ASGI app to route ``/mcp`` to, and the lifespan it needs (its session manager's)."""
    from mcp.server.fastmcp.server import StreamableHTTPASGIApp

    mcp.streamable_http_app()  # creates the session manager

    @contextlib.asynccontextmanager
    async def lifespan():
        async with mcp.session_manager.run():
            yield

    return Keyed(StreamableHTTPASGIApp(mcp.session_manager), state), lifespan


def run_stdio(state: ApiState) -> None:
    """Serve the tools over this process's stdin and stdout until stdin closes.  Anything else the
    process prints (a library's progress) goes to stderr: stdout carries only the protocol."""
    import anyio
    from mcp.server.stdio import stdio_server

    protocol = anyio.wrap_file(TextIOWrapper(sys.stdout.buffer, encoding="utf-8"))
    sys.stdout = sys.stderr
    mcp = build_mcp(state)
    server = mcp._mcp_server  # FastMCP.run_stdio_async, with stdout taken before it was moved

    async def main() -> None:
        async with stdio_server(stdout=protocol) as (read, write):
            await server.run(read, write, server.create_initialization_options())

    anyio.run(main)
