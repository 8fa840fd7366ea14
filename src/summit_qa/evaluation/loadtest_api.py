"""The JSON API under load beside in-process ``answer()`` and the chat's queue, and 1 vs 2
workers (``summit-qa bench --api``; writes eval/bench-api.json and prints its table).

In one run, on this machine's cores and 127.0.0.1 only:

* in process: 1, 10 and 100 threads calling ``engine.answer(q)``;
* the JSON API of ``summit-qa serve`` (one worker, the chat beside it): 1, 10 and 100
  clients, each on its own keep-alive connection, posting ``/api/v1/answer``;
* the chat's queue on the same server: the same clients through Gradio's
  ``call/answer`` (evaluation/loadtest.py's ``ask``);
* ``summit-qa serve --workers 2``: the 100 clients again, then each process's RSS, PSS and USS.

Every request asks a question of its own from the eval sets' 1,800-odd distinct ones,
taken in order, so no process answers one from its cache of 512 encodings: the figures are
a question's full cost.  Every process is warmed up first with three questions of each set
(a language's dictionaries load on its first question).  The servers run with the rate limit
lifted (``SUMMIT_QA_RATE``), which would otherwise refuse one client's second request in a
tenth of a second.  Each loop is bounded by its list of questions and a deadline.
Reported per row: p50, p95, throughput, errors, and the CPU the load generator (this
process) took, as a share of all cores.  Timings are measurements, never test assertions.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from summit_qa.settings import EVAL_DIR, Settings
from summit_qa.web.guard import free_port

CLIENTS = (1, 10, 100)
PER_PHASE = {1: 100, 10: 200, 100: 300}  # requests a phase sends, whatever its clients
DEADLINE_S = 600  # a phase stops there, finished or not
UNLIMITED = {"SUMMIT_QA_RATE": "100000", "SUMMIT_QA_BURST": "100000"}


def question_pool(warm_per_set: int = 3) -> tuple[list[str], list[str]]:
    """The eval sets' distinct questions (dialogue turns asked alone), in file order: the first
    ``warm_per_set`` of each set, to warm a process up (the first question of a language or a
    kind loads what it needs once), and the rest, to measure."""
    from summit_qa.evaluation.sets import Dialogue, read_set

    warm: dict[str, None] = {}
    rest: dict[str, None] = {}
    for path in sorted((EVAL_DIR / "sets").glob("*.jsonl")):
        questions = [
            pair.question
            for item in read_set(path)
            for pair in (item.turns if isinstance(item, Dialogue) else (item,))
        ]
        for k, q in enumerate(questions):
            if q not in warm and q not in rest:
                (warm if k < warm_per_set else rest)[q] = None
    return list(warm), list(rest)


class Phase:
    """``clients`` threads sharing ``questions`` in order; latencies, errors, wall time and the CPU
    this process spent (the load generator's, or the engine's when it runs in process)."""

    def __init__(self, clients: int, questions: list[str]):
        self.clients, self.questions = clients, questions
        self.waits: list[float] = []
        self.errors = 0
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> str | None:
        with self._lock:
            if self._next >= len(self.questions) or time.monotonic() > self.deadline:
                return None
            self._next += 1
            return self.questions[self._next - 1]

    def done(self, ok: bool, wait: float) -> None:
        with self._lock:
            if ok:
                self.waits.append(wait)
            else:
                self.errors += 1

    def run(self, client: Callable[[int, Phase], None]) -> dict:
        self.deadline = time.monotonic() + DEADLINE_S
        threads = [threading.Thread(target=client, args=(k, self)) for k in range(self.clients)]
        cpu, start = time.process_time(), time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        return summary(self.clients, self.waits, self.errors, wall, cpu)


def summary(clients: int, waits: list[float], errors: int, wall: float, cpu: float) -> dict:
    ordered = sorted(waits)
    pick = (
        (lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000) if ordered else (lambda q: 0)
    )
    return {
        "clients": clients,
        "requests": len(waits) + errors,
        "errors": errors,
        "p50_ms": round(statistics.median(ordered) * 1000, 2) if ordered else 0.0,
        "p95_ms": round(pick(0.95), 2),
        "per_s": round(len(waits) / wall, 2) if wall else 0.0,
        "wall_s": round(wall, 2),
        "this_process_cpu_share": round(cpu / (wall * (os.cpu_count() or 1)), 3) if wall else 0.0,
    }


def in_process(engine, clients: int, questions: list[str]) -> dict:
    def client(_: int, phase: Phase) -> None:
        while (q := phase.take()) is not None:
            start = time.perf_counter()
            try:
                engine.answer(q)
                phase.done(True, time.perf_counter() - start)
            except Exception:  # noqa: BLE001 - counted, as a server's 500 would be
                phase.done(False, 0.0)

    return Phase(clients, questions).run(client)


def post(conn: http.client.HTTPConnection, question: str) -> int:
    body = json.dumps({"question": question}).encode()
    conn.request("POST", "/api/v1/answer", body, {"content-type": "application/json"})
    reply = conn.getresponse()
    reply.read()
    return reply.status


def paired(engine, port: int, questions: list[str]) -> dict:
    """One client: each question asked in process, then of the API (new to both), one after the
    other: the API's added latency as the median of the pairs' differences, the machine's load
    at that moment weighing on both."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    inside, outside = [], []
    for q in questions:
        start = time.perf_counter()
        engine.answer(q)
        middle = time.perf_counter()
        if post(conn, q) == 200:
            inside.append(middle - start)
            outside.append(time.perf_counter() - middle)
    conn.close()
    added = sorted((b - a) * 1000 for a, b in zip(inside, outside, strict=True))
    return {
        "pairs": len(added),
        "in_process_p50_ms": round(statistics.median(inside) * 1000, 2),
        "api_p50_ms": round(statistics.median(outside) * 1000, 2),
        "added_p50_ms": round(statistics.median(added), 2),
        "added_p95_ms": round(added[min(len(added) - 1, int(0.95 * len(added)))], 2),
    }


def over_api(port: int, clients: int, questions: list[str]) -> dict:
    """``clients`` keep-alive connections posting ``/api/v1/answer``."""

    def client(_: int, phase: Phase) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while (q := phase.take()) is not None:
            start = time.perf_counter()
            try:
                phase.done(post(conn, q) == 200, time.perf_counter() - start)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                phase.done(False, 0.0)
        conn.close()

    return Phase(clients, questions).run(client)


def over_chat(port: int, clients: int, questions: list[str]) -> dict:
    """The same through the chat's queue: Gradio's ``call/answer`` and its result stream."""
    import httpx

    from summit_qa.evaluation.loadtest import ask

    url = f"http://127.0.0.1:{port}/"

    def client(_: int, phase: Phase) -> None:
        with httpx.Client(timeout=120) as http_client:
            while (q := phase.take()) is not None:
                try:
                    status, wait = ask(http_client, url, q)
                    phase.done(status == 200, wait)
                except httpx.HTTPError:
                    phase.done(False, 0.0)

    return Phase(clients, questions).run(client)


class Server:
    """``summit-qa serve --workers N`` on a free port, ready on every worker."""

    def __init__(self, settings: Settings, workers: int):
        self.port = free_port() or 7860
        env = {**os.environ, **settings.as_env(), **UNLIMITED}
        argv = [
            sys.executable,
            "-m",
            "summit_qa",
            "serve",
            "--workers",
            str(workers),
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.workers = workers
        self._wait_ready()

    def _wait_ready(self) -> None:
        """Until /readyz has answered 200 from every worker (each names its process)."""
        deadline, ready = time.monotonic() + 300, set()
        while len(ready) < self.workers:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"summit-qa serve did not start: {self.proc.stderr.read()[-2000:]}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                conn.request("GET", "/readyz")
                reply = conn.getresponse()
                body = reply.read()
                if reply.status == 200:
                    ready.add(json.loads(body)["worker"])
                else:
                    time.sleep(0.2)
            except (OSError, http.client.HTTPException):
                time.sleep(0.5)
            finally:
                conn.close()

    def processes(self) -> list[dict]:
        """The server's processes with their memory: with several workers, the supervisor (the
        process started) and the workers it forked; with one, that process."""
        out = []
        for pid in [self.proc.pid, *_descendants(self.proc.pid)]:
            role = "supervisor" if pid == self.proc.pid and self.workers > 1 else "worker"
            out.append({"pid": pid, "role": role, **_memory(pid)})
        return out

    def cpu_seconds(self) -> float:
        """CPU time the server's processes have taken so far (user and system)."""
        ticks = 0
        for pid in [self.proc.pid, *_descendants(self.proc.pid)]:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def measure(self, run: Callable[[], dict]) -> dict:
        """``run()``'s row with the server's CPU over it, as a share of all cores."""
        before = self.cpu_seconds()
        row = run()
        share = (
            (self.cpu_seconds() - before) / (row["wall_s"] * (os.cpu_count() or 1)) if row["wall_s"] else 0
        )
        return {**row, "server_cpu_share": round(share, 3)}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            out += [int(child), *_descendants(int(child))]
    return out


def _memory(pid: int) -> dict:
    """In MB: RSS (every page the process maps, shared ones whole), PSS (each shared page
    divided among the processes mapping it) and USS (the pages no other process maps: what
    ending the process would free)."""
    keys = {"Rss:": "rss_mb", "Pss:": "pss_mb", "Private_Clean:": "uss_mb", "Private_Dirty:": "uss_mb"}
    figures = dict.fromkeys(keys.values(), 0.0)
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, *value = line.split()
            if key in keys:
                figures[keys[key]] += int(value[0]) / 1024
    except OSError:
        pass
    return {name: round(mb, 1) for name, mb in figures.items()}
