"""The MCP tools (web/mcp_server.py) through the ``mcp`` package's own clients: streamable HTTP
against the server in process, stdio against ``summit-qa mcp`` in a new process."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time

import anyio
import pytest

from summit_qa.settings import EVAL_DIR, Settings
from summit_qa.web.api import ApiState
from summit_qa.web.guard import free_port

pytestmark = pytest.mark.model
QUESTION = "金正恩哪天抵达越南？"


@contextlib.contextmanager
def running(app):
    """``app`` served by uvicorn on a free loopback port, in a thread of this process."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)


def _server(engine, **flags):
    from summit_qa.web.server import api_fences, build_server

    settings = Settings.from_env({}).with_flags(rate=1000, burst=1000, **flags)
    return build_server(ApiState(settings, engine), middleware=api_fences(settings), mcp=True)


def over_http(url: str, calls, headers: dict | None = None):
    """Run ``calls(session)`` in an initialized MCP session over streamable HTTP."""
    import httpx
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def main():
        async with (
            httpx.AsyncClient(headers=headers or {}, timeout=60) as http,
            streamable_http_client(f"{url}/mcp", http_client=http) as (read, write, _),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            return await calls(session)

    return anyio.run(main)


async def _tools_and_answer(session):
    tools = await session.list_tools()
    answered = await session.call_tool("answer", {"question": QUESTION, "top_k": 2})
    listed = await session.call_tool("list_passages", {})
    follow = await session.call_tool("answer", {"question": "他是怎么去的？", "history": [QUESTION]})
    too_long = await session.call_tool("answer", {"question": "金" * 2001})
    bad_k = await session.call_tool("answer", {"question": QUESTION, "top_k": 0})
    return tools, answered, listed, follow, too_long, bad_k


def test_the_tools_over_streamable_http(engine):
    with running(_server(engine)) as url:
        tools, answered, listed, follow, too_long, bad_k = over_http(url, _tools_and_answer)
    by_name = {t.name: t for t in tools.tools}
    assert set(by_name) == {"answer", "list_passages"}
    schema = by_name["answer"].inputSchema
    assert schema["required"] == ["question"] and set(schema["properties"]) >= {
        "question",
        "history",
        "top_k",
    }
    assert schema["properties"]["top_k"]["maximum"] == 10 and "verbatim" in by_name["answer"].description
    expected = engine.answer(QUESTION, top_k=2).to_dict()
    assert not answered.isError and answered.structuredContent == expected
    assert json.loads(answered.content[0].text) == expected  # the same JSON as text
    assert expected["passages"][0]["date"] == "2019-02-26"
    assert listed.structuredContent["count"] == len(engine.index.passages)
    assert follow.structuredContent["context_question"] == QUESTION
    assert too_long.isError and "2000" in too_long.content[0].text
    assert bad_k.isError and "top_k" in bad_k.content[0].text


def test_mcp_over_http_asks_for_the_key_when_one_is_set(engine):
    import httpx

    async def names(session):
        return [t.name for t in (await session.list_tools()).tools]

    with running(_server(engine, api_key="s3cret")) as url:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
        refused = httpx.post(
            f"{url}/mcp", json=init, headers={"accept": "application/json, text/event-stream"}
        )
        assert refused.status_code == 401 and refused.json()["status"] == 401
        assert over_http(url, names, headers={"authorization": "Bearer s3cret"}) == [
            "answer",
            "list_passages",
        ]


@pytest.mark.slow
def test_summit_qa_mcp_over_stdio_gives_answer_s_passages_for_every_eval_question(
    embedder, settings, tmp_path
):
    """``summit-qa mcp`` in a new process: the tools listed, and the ``answer`` tool's passages for
    every question of eval/sets/qa.jsonl equal to ``answer()``'s in this process, both reading one
    index folder (two builds of the index may differ in the last bits of a vector: near-ties)."""
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    from summit_qa.answering.engine import SummitQA
    from summit_qa.evaluation.sets import load_pairs

    folder = tmp_path / "index"
    engine = SummitQA.open(settings.with_flags(index_root=folder), say=lambda *_: None)
    questions = [p.question for p in load_pairs(EVAL_DIR / "sets" / "qa.jsonl")]
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "summit_qa", "mcp"],
        env={**os.environ, "SUMMIT_QA_INDEX": str(folder)},
    )

    async def main():
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            names = [t.name for t in (await session.list_tools()).tools]
            replies = [await session.call_tool("answer", {"question": q}) for q in questions]
            return names, replies

    names, replies = anyio.run(main)
    assert names == ["answer", "list_passages"]
    assert len(replies) == len(questions) > 100
    differ = [
        q
        for q, reply in zip(questions, replies, strict=True)
        if reply.isError
        or not _same(reply.structuredContent["passages"], engine.answer(q).to_dict()["passages"])
    ]
    assert not differ, differ[:5]


def _same(a, b) -> bool:
    """The same passages, texts, dates and marks; scores equal to their 4th decimal, give or take
    one unit (two processes may round a float that sits on a boundary apart: memory alignment
    changes a sum's last bits)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1.5e-4
    return a == b
