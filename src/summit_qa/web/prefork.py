"""``summit-qa serve --workers N``: a supervisor loads what the workers share, then forks them.

web/server.py's :func:`~summit_qa.web.server.serve_workers` binds the port, builds the index
and replaces its process with this module's :func:`main` (``python -m summit_qa.web.prefork
FD N [--mcp]``), started with :data:`SUPERVISOR_ENV` in its environment.  The supervisor:

1. loads the engine without the ONNX Runtime session (the tokenizer, the index, the glossary)
   and answers :data:`WARM_UP` with placeholder vectors, so the dictionaries a question loads
   on first use (jieba, OpenCC, CC-CEDICT, the page's lexicon) are loaded once; forgets what
   those answers left (remembered encodings and turns); reads the word-embedding table of the
   int8 graph (:func:`gather_tables`); freezes its objects out of the garbage collector's
   passes, which would otherwise write to every page of them;
2. forks N workers, only while it is its process's one thread: a thread pool (BLAS, OpenMP,
   the tokenizer's) or a lock another thread held would not survive the fork.  ONNX Runtime
   is never imported here; each worker opens its own session after the fork, as ONNX Runtime
   requires, lending it the table rather than copying it, and serves the API with uvicorn on
   the inherited socket (``/readyz`` is 503 until its session is open).  The workers share the
   loaded pages copy-on-write;
3. replaces a worker that dies, and stops them all on ``SIGINT`` or ``SIGTERM``.

With another runtime than int8 ONNX (``SUMMIT_QA_RUNTIME=torch``) the supervisor loads nothing
and each worker opens the whole engine itself.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np
import uvicorn

from summit_qa.settings import Settings
from summit_qa.web.api import ApiState
from summit_qa.web.server import _config, _drop_cancelled, api_fences, build_server

# What serve_workers puts in the supervisor's environment, which its workers inherit: one
# thread for OpenBLAS, OpenMP (faiss) and MKL, and no Rayon pool in the tokenizer, so none
# exists when it forks; and two glibc malloc arenas, where each thread that allocates would get
# its own (up to 8 per core) and keep its freed pages (a worker's USS after bench --api's load:
# ~190 MB with two, ~225 MB without).
SUPERVISOR_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "MALLOC_ARENA_MAX": "2",
}
# Questions whose first reading loads what the workers then share: each language, traditional
# characters, a count, an overview, a typed name, small talk, a follow-up.
WARM_UP = (
    ("金正恩哪天抵达越南？", ()),
    ("金正恩哪天抵達越南？", ()),
    ("When did Kim Jong Un arrive in Vietnam?", ()),
    ("김정은은 언제 베트남에 도착했나요?", ()),
    ("金正恩はいつベトナムに到着しましたか？", ()),
    ("Kim Jong Un đến Việt Nam khi nào?", ()),
    ("美军士兵遗骸的事提到了几次？", ()),
    ("What's on this page?", ()),
    ("pompeo pyongyang", ()),
    ("你好", ()),
    ("那特朗普呢？", ("金正恩哪天抵达越南？",)),
)
STOP_GRACE_S = 10  # after SIGTERM, a worker's time to finish before SIGKILL
LOAD_FAILED = 2  # a worker's exit code when it cannot load: the machine's fault, not restarted


def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Placeholder:
    """An ONNX Runtime session's stand-in for the warm-up: every text encodes to one constant
    unit vector (sentence and tokens), of the model's dimension."""

    def __init__(self, dimension: int):
        self.vector = np.full(dimension, 1 / np.sqrt(dimension), np.float32)

    def run(self, _outputs, feeds: dict) -> tuple[np.ndarray, np.ndarray]:
        length = feeds["input_ids"].shape[1]
        return self.vector[None, :], np.broadcast_to(self.vector, (1, length, self.vector.size))


def threads() -> int:
    """The threads of this process (the operating system's, where /proc lists them)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def preload(settings: Settings, say: Callable[[str], None] = _stderr) -> tuple | None:
    """The engine with its encoder's session closed, warmed up; that encoder; and the weights
    its session will borrow (None for a runtime this cannot preload)."""
    if settings.runtime != "onnx":
        return None
    from summit_qa.answering.engine import SummitQA
    from summit_qa.encoders.int8 import ONNX_FILE, Int8Questions, OnnxEncoder, ensure_int8_model

    queries = OnnxEncoder(ensure_int8_model(settings.home, say), session=False)
    engine = SummitQA.for_encoder(Int8Questions(queries, settings.home, say), settings, say=say)
    queries.session = Placeholder(queries.dimension)
    try:
        for question, history in WARM_UP:
            with contextlib.suppress(Exception):  # a warm-up only saves memory: the workers answer anyway
                engine.answer(question, history=list(history))
    finally:
        queries.session = None
    engine.forget()
    tables = gather_tables(queries.folder / ONNX_FILE)
    gc.collect()
    gc.freeze()
    return engine, queries, tables


def gather_tables(graph: Path) -> dict[str, np.ndarray]:
    """The weights of ``graph`` that a Gather reads whole (the word embeddings: 250,037 × 384
    bytes, 92 MB of the int8 graph's 118): lent to each worker's session, which then holds no
    copy of its own.  The graph's other weights are repacked by ONNX Runtime for its kernels."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(graph))
    gathered = {node.input[0] for node in model.graph.node if node.op_type == "Gather"}
    return {
        t.name: numpy_helper.to_array(t).copy()
        for t in model.graph.initializer
        if t.name in gathered and len(t.raw_data) >= 1 << 20
    }


def serve_worker(settings: Settings, sock: socket.socket, mcp: bool, preloaded: tuple | None) -> int:
    """A worker, after the fork: the API (and ``/mcp``) on ``sock``; the preloaded engine ready
    once its encoder has a session (or, with none preloaded, once the engine is opened)."""
    from summit_qa.answering.engine import SummitQA
    from summit_qa.retrieval.late_interaction import one_blas_thread

    one_blas_thread()
    state = ApiState(settings)

    def load() -> None:
        try:
            if preloaded is None:
                state.engine = SummitQA.open(settings, say=_stderr)
            else:
                engine, queries, tables = preloaded
                queries.open_session(tables)
                state.engine = engine
        except Exception as exc:  # the supervisor checked these files a moment ago: a fault of the machine
            _stderr(f"summit-qa serve: worker {os.getpid()} cannot load the model: {exc}")
            os._exit(LOAD_FAILED)

    app = build_server(state, middleware=api_fences(settings), mcp=mcp, load=load)
    logging.getLogger("uvicorn.error").addFilter(_drop_cancelled)
    uvicorn.Server(_config(app, settings)).run(sockets=[sock])
    return 0


class Supervisor:
    """``workers`` children of ``start`` (run in a forked child, its return the exit code),
    each replaced when it dies, all stopped on ``SIGINT`` or ``SIGTERM``."""

    def __init__(self, start: Callable[[], int], workers: int, say: Callable[[str], None] = _stderr):
        self.start, self.workers, self.say = start, workers, say
        self.children: set[int] = set()
        self.stopping = False

    def fork(self) -> int:
        """One worker; refused (RuntimeError) while this process runs other threads."""
        if (count := threads()) != 1:
            raise RuntimeError(f"cannot fork a worker safely: this process runs {count} threads")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                code = self.start()
            except BaseException:  # noqa: BLE001 - a worker reports and exits, never returns
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.children.add(pid)
        return pid

    def _stop(self, *_) -> None:
        self.stopping = True

    def run(self, poll_s: float = 0.2) -> int:
        """Until a signal stops it: 0, or 2 when a worker could not load."""
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        code = 0
        try:
            while not self.stopping:
                for pid, status in self.reap():
                    if os.waitstatus_to_exitcode(status) == LOAD_FAILED:
                        code, self.stopping = 2, True
                    elif not self.stopping:
                        self.say(f"summit-qa serve: worker {pid} ended ({_ended(status)}); starting another")
                        time.sleep(1)  # a worker that fails at once is not restarted in a tight loop
                while len(self.children) < self.workers and not self.stopping:
                    self.fork()
                time.sleep(poll_s)
        finally:
            self.shutdown()
            for s, handler in previous.items():
                signal.signal(s, handler)
        return code

    def reap(self) -> list[tuple[int, int]]:
        """The workers that have ended since the last call, with their wait status."""
        ended = []
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                break
            if pid == 0:
                break
            self.children.discard(pid)
            ended.append((pid, status))
        return ended

    def shutdown(self) -> None:
        """``SIGTERM`` to every worker, ``SIGKILL`` to those still running after the grace."""
        for pid in self.children:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while self.children and time.monotonic() < deadline:
            if not self.reap():
                time.sleep(0.05)
        for pid in self.children:
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self.children.clear()


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    return f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"


def main(argv: list[str] | None = None) -> int:
    """``python -m summit_qa.web.prefork FD WORKERS [--mcp]``: FD is the bound socket."""
    args = sys.argv[1:] if argv is None else argv
    fd, workers, mcp = int(args[0]), int(args[1]), "--mcp" in args[2:]
    sock = socket.socket(fileno=fd)
    settings = Settings.from_env()
    if mcp:  # imported once, before the fork, like the rest of the server
        import summit_qa.web.mcp_server  # noqa: F401
    try:
        preloaded = preload(settings)
    except Exception as exc:  # noqa: BLE001 - one line, as every start-up fault
        _stderr(f"summit-qa serve: cannot load the model and index: {exc}")
        return 2
    supervisor = Supervisor(lambda: serve_worker(settings, sock, mcp, preloaded), workers)
    try:
        return supervisor.run()
    except RuntimeError as exc:
        _stderr(f"summit-qa serve: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
