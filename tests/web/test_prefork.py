"""The supervisor of ``summit-qa serve --workers N`` (web/prefork.py): it forks only while it is
its process's one thread, replaces a worker that dies and stops them all on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from summit_qa.web.prefork import SUPERVISOR_ENV, Placeholder, Supervisor, threads


def test_the_supervisor_refuses_to_fork_beside_another_thread():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert threads() >= 2
        with pytest.raises(RuntimeError, match="cannot fork a worker safely: this process runs"):
            Supervisor(lambda: 0, 1).fork()
    finally:
        release.set()
        other.join()


def test_the_placeholder_encodes_every_text_to_one_unit_vector():
    ids = np.array([[0, 5, 6, 7, 2]], np.int64)
    sentence, tokens = Placeholder(384).run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    assert sentence.shape == (1, 384) and tokens.shape == (1, 5, 384)
    assert np.isclose(np.linalg.norm(sentence), 1.0) and np.allclose(tokens[0], sentence[0])


SUPERVISE = textwrap.dedent(
    """
    import sys, time
    from summit_qa.web.prefork import Supervisor

    def work():
        time.sleep(300)
        return 0

    sys.exit(Supervisor(work, 2).run(poll_s=0.05))
    """
)


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return sorted(int(child) for task in tasks for child in (task / "children").read_text().split())


def _two(pid: int, other_than: list[int] | None = None) -> list[int] | None:
    """The supervisor's two workers, once it has two (and they are not ``other_than``)."""
    found = _children(pid)
    return found if len(found) == 2 and found != other_than else None


def _until(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)
    return found


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced_and_sigterm_stops_them_all():
    env = {**os.environ, **SUPERVISOR_ENV}
    proc = subprocess.Popen([sys.executable, "-c", SUPERVISE], env=env, stderr=subprocess.PIPE, text=True)
    try:
        first = _until(lambda: _two(proc.pid))
        os.kill(first[0], signal.SIGKILL)
        now = _until(lambda: _two(proc.pid, other_than=first))
        assert first[0] not in now and first[1] in now
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert f"worker {first[0]} ended (signal SIGKILL); starting another" in err
    assert not any(Path(f"/proc/{pid}").exists() for pid in now)


@pytest.mark.slow
def test_a_worker_that_cannot_load_stops_the_server_with_exit_code_2():
    script = SUPERVISE.replace("time.sleep(300)\n    return 0", "return 2")
    assert script != SUPERVISE
    done = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, **SUPERVISOR_ENV}, capture_output=True, timeout=60
    )
    assert done.returncode == 2, done.stderr


@pytest.mark.model
def test_a_session_borrowing_the_word_embeddings_encodes_as_one_holding_its_own(settings):
    from summit_qa.encoders.int8 import ONNX_FILE, OnnxEncoder, ensure_int8_model
    from summit_qa.web.prefork import gather_tables

    folder = ensure_int8_model(settings.home, lambda *_: None)
    tables = gather_tables(folder / ONNX_FILE)
    assert [(a.dtype, a.shape) for a in tables.values()] == [(np.uint8, (250037, 384))]
    texts = ["金正恩哪天抵达越南？", "When did Kim Jong Un arrive in Vietnam?", "베트남"]
    own = OnnxEncoder(folder).encode(texts, "query")
    encoders = {"borrowing": tables, "borrowing zeros": {k: np.zeros_like(a) for k, a in tables.items()}}
    got = {}
    for name, lent in encoders.items():
        encoder = OnnxEncoder(folder, session=False)
        encoder.open_session(lent)
        got[name] = encoder.encode(texts, "query")
    assert np.array_equal(got["borrowing"].vectors, own.vectors)
    assert all(np.array_equal(a, b) for a, b in zip(got["borrowing"].tokens, own.tokens, strict=True))
    assert not np.allclose(got["borrowing zeros"].vectors, own.vectors)  # the session reads what it borrows
