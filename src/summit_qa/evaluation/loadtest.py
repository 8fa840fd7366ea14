"""The chat server under load, measured through its HTTP API (``summit-qa bench``).

Starts ``app.py`` on a free port, then:

* flood: for ``seconds``, a few well-behaved users each ask a question a second
  while one address posts questions as fast as eight threads can; reported: the
  flood's requests accepted and refused, and the users' waits (p50, p95, worst);
* concurrent: ``clients`` users, each from its own loopback address, ask at the
  same instant; reported: their waits (p50, p95, worst).

A question is ``POST /gradio_api/call/answer`` then reading its result stream,
as any API client does.  Timings are measurements, never test assertions.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from summit_qa.settings import CHECKOUT, Settings
from summit_qa.web.guard import free_port

QUESTIONS = [
    "金正恩哪天抵达越南？",
    "Which North Korean officials did the US Treasury sanction?",
    "김정은은 언제 평양을 출발했나요?",
    "What happened on August 1, 2018?",
]


def serve(settings: Settings) -> tuple[subprocess.Popen, str]:
    """``app.py`` in a new process on a free port, once it answers HTTP."""
    import httpx

    port = free_port()
    env = {**os.environ, **settings.as_env(), "SUMMIT_QA_PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, str(Path(CHECKOUT) / "app.py")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py stopped: {proc.stderr.read()[-2000:]}")
        try:
            httpx.get(url, timeout=2)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("app.py did not start within 300 s")


def ask(client, url: str, question: str) -> tuple[int, float]:
    """One question through the API: (HTTP status of the post, seconds until the answer)."""
    start = time.perf_counter()
    posted = client.post(f"{url}gradio_api/call/answer", json={"data": [question, None]})
    if posted.status_code != 200:
        return posted.status_code, time.perf_counter() - start
    event = posted.json()["event_id"]
    with client.stream("GET", f"{url}gradio_api/call/answer/{event}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: complete") or line.startswith("event: error"):
                break
    return 200, time.perf_counter() - start


def _client(address: str = "127.0.0.1"):
    import httpx

    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=120)


def _summary(waits: list[float]) -> dict:
    if not waits:
        return {"n": 0}
    ordered = sorted(waits)
    return {
        "n": len(waits),
        "p50_s": round(statistics.median(ordered), 3),
        "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "worst_s": round(ordered[-1], 3),
    }


class _Waits:
    """Answered questions' waits and refused ones, counted from many threads."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.refused = 0
        self._lock = threading.Lock()

    def add(self, status: int, wait: float) -> None:
        with self._lock:
            if status == 200:
                self.waits.append(wait)
            else:
                self.refused += 1


def _run_threads(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def flood(url: str, seconds: float = 60, users: int = 3, flood_threads: int = 8) -> dict:
    """Well-behaved users (a question a second each) while one address floods."""
    deadline = time.time() + seconds
    statuses: list[int] = []  # list.append is atomic: no lock needed
    asked = _Waits()

    def flooder() -> None:
        client = _client("127.0.0.2")
        while time.time() < deadline:
            reply = client.post(f"{url}gradio_api/call/answer", json={"data": [QUESTIONS[0], None]})
            statuses.append(reply.status_code)

    def user(k: int) -> None:
        client = _client(f"127.0.1.{k + 1}")
        i = k
        while time.time() < deadline:
            status, wait = ask(client, url, QUESTIONS[i % len(QUESTIONS)])
            asked.add(status, wait)
            i += 1
            time.sleep(max(0.0, 1.0 - wait))

    threads = [threading.Thread(target=flooder) for _ in range(flood_threads)]
    _run_threads(threads + [threading.Thread(target=user, args=(k,)) for k in range(users)])
    return {
        "seconds": seconds,
        "flood_posted": len(statuses),
        "flood_accepted": statuses.count(200),
        "flood_refused": statuses.count(429),
        "flood_other": len(statuses) - statuses.count(200) - statuses.count(429),
        "users": users,
        "user_refused": asked.refused,
        "user_wait": _summary(asked.waits),
    }


def concurrent(url: str, clients: int = 100) -> dict:
    """``clients`` users, each from its own address, asking at the same instant."""
    barrier = threading.Barrier(clients)
    asked = _Waits()

    def one(k: int) -> None:
        client = _client(f"127.0.{2 + k // 250}.{1 + k % 250}")
        barrier.wait()
        asked.add(*ask(client, url, QUESTIONS[k % len(QUESTIONS)]))

    _run_threads([threading.Thread(target=one, args=(k,)) for k in range(clients)])
    return {"clients": clients, "refused": asked.refused, "wait": _summary(asked.waits)}


def run(settings: Settings, seconds: float = 60, clients: int = 100, say=print) -> dict:
    proc, url = serve(settings)
    try:
        say(f"load: {clients} concurrent clients…")
        together = concurrent(url, clients)
        if seconds <= 0:
            return {"concurrent": together}
        say(f"load: flood for {seconds:.0f} s…")
        flooded = flood(url, seconds)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"concurrent": together, "flood": flooded}
