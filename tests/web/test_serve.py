"""The servers in new processes: ``app.py`` serving the chat and the JSON API on one port, and
``summit-qa serve --workers 2`` starting two workers that answer."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summit_qa.settings import CHECKOUT
from summit_qa.web.guard import free_port

pytestmark = pytest.mark.slow
QUESTION = "金正恩哪天抵达越南？"


def _start(argv: list[str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "SUMMIT_QA_RATE": "1000", "SUMMIT_QA_BURST": "1000"}
    proc = subprocess.Popen(
        [sys.executable, *argv, "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
    )
    return proc, port


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        reply = conn.getresponse()
        return reply.status, reply.read()
    finally:
        conn.close()


def _ready(proc: subprocess.Popen, port: int, workers: int = 1) -> None:
    """Until /readyz has answered 200 from ``workers`` processes (each names its own)."""
    deadline, ready = time.monotonic() + 300, set()
    while len(ready) < workers:
        assert proc.poll() is None, proc.stderr.read()[-3000:]
        assert time.monotonic() < deadline, "not ready within 300 s"
        try:
            status, body = _get(port, "/readyz")
        except OSError:
            time.sleep(0.3)
            continue
        if status == 200:
            ready.add(json.loads(body)["worker"])
        else:
            time.sleep(0.2)


def _answer(port: int, question: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/api/v1/answer", json.dumps({"question": question}).encode())  # no content type
        reply = conn.getresponse()
        assert reply.status == 200
        return json.loads(reply.read())
    finally:
        conn.close()


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err


def _children(pid: int) -> list[int]:
    return sorted(
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    )


@pytest.mark.model
def test_app_py_serves_the_chat_and_the_api_on_one_port(engine):
    import httpx

    from summit_qa.evaluation.loadtest import ask

    proc, port = _start([str(CHECKOUT / "app.py"), "--mcp"])
    try:
        _ready(proc, port)
        assert _answer(port, QUESTION) == engine.answer(QUESTION).to_dict()
        status, page = _get(port, "/")
        assert status == 200 and b"<html" in page.lower()
        with httpx.Client(timeout=60) as client:
            assert ask(client, f"http://127.0.0.1:{port}/", QUESTION)[0] == 200  # the chat's queue
        assert _get(port, "/docs")[0] == 200
    finally:
        err = _stop(proc)
    assert "JSON API at http://127.0.0.1" in err and "/mcp" in err and "Traceback" not in err


QUESTIONS = [
    QUESTION,
    "金正恩哪天抵達越南？",
    "When did Kim Jong Un arrive in Vietnam?",
    "김정은은 언제 베트남에 도착했나요?",
    "金正恩はいつベトナムに到着しましたか？",
    "Kim Jong Un đến Việt Nam khi nào?",
    "美军士兵遗骸的事提到了几次？",
    "What's on this page?",
    "你好",
    "特朗普什么时候离开越南？",
]


def _maps(pid: int, library: str) -> bool:
    return library in Path(f"/proc/{pid}/maps").read_text()


def _same_answer(got: dict, want: dict) -> None:
    """Equal, but for the last digit of a score (float sums may round apart with the memory
    layout of the process that computed them)."""
    scores = [
        (a.pop("score"), b.pop("score")) for a, b in zip(got["passages"], want["passages"], strict=True)
    ]
    assert got == want
    assert all(abs(a - b) <= 2e-4 for a, b in scores), scores


@pytest.mark.model
def test_serve_with_two_workers_answers_from_both(engine, settings):
    from summit_qa.answering.engine import SummitQA

    proc, port = _start(["-m", "summit_qa", "serve", "--workers", "2"])
    try:
        _ready(proc, port, workers=2)
        workers = _children(proc.pid)
        assert len(workers) == 2
        # The supervisor loaded the engine without ONNX Runtime; each worker opened its own session.
        assert not _maps(proc.pid, "onnxruntime") and all(_maps(pid, "onnxruntime") for pid in workers)
        expected = engine.answer(QUESTION).to_dict()
        assert all(_answer(port, QUESTION) == expected for _ in range(6))  # new connections: both workers
        local = SummitQA.open(settings, say=lambda *_: None)  # the index folder the workers read
        for question in QUESTIONS * 2:
            _same_answer(_answer(port, question), local.answer(question).to_dict())
        status, body = _get(port, "/api/v1/passages")
        assert status == 200 and json.loads(body)["count"] == len(engine.index.passages)
        assert _get(port, "/")[0] == 200  # no chat: where the API is
    finally:
        err = _stop(proc)
    assert "Serving with 2 workers" in err and "Traceback" not in err, err[-3000:]


@pytest.mark.model
def test_a_worker_that_dies_is_replaced_and_answers(engine):
    import signal

    proc, port = _start(["-m", "summit_qa", "serve", "--workers", "2"])
    try:
        _ready(proc, port, workers=2)
        first = _children(proc.pid)
        os.kill(first[0], signal.SIGKILL)
        deadline = time.monotonic() + 120
        while (now := _children(proc.pid)) == first or len(now) < 2:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.2)
        assert first[0] not in now and first[1] in now
        _ready(proc, port, workers=2)
        assert _answer(port, QUESTION) == engine.answer(QUESTION).to_dict()
    finally:
        err = _stop(proc)
    assert f"worker {first[0]} ended (signal SIGKILL); starting another" in err
    assert proc.returncode == 0 and not any(Path(f"/proc/{pid}").exists() for pid in now)


def test_serve_on_a_busy_port_is_one_line_and_exit_code_2():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "summit_qa", "serve", "--workers", "2", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2 and f"port {port} is busy" in done.stderr
    assert "Traceback" not in done.stderr
