"""Feedback records: appended whole under concurrency, read back, exported for review;
every field capped, the file rotated at its cap, a full disk named."""

import errno
import json
import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

import pytest

from summit_qa.cli import main
from summit_qa.files import StorageError
from summit_qa.page.passages import load_passages
from summit_qa.web.feedback import LIMITS, OLD_FILE, Feedback, FeedbackRefused, FeedbackStore, candidate_pairs


def _record(i: int, verdict: str = "like", right: str | None = None) -> Feedback:
    question = f"问题 {i} " + "长" * (i * 37 % 400)
    return Feedback(question, "zh", i % 3, ("timeline-3", "arrival-1"), verdict, right)


def test_fifty_threads_lose_no_record(tmp_path):
    store = FeedbackStore(tmp_path)
    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(lambda i: store.add(_record(i)), range(200)))
    records, bad = store.read()
    assert bad == 0 and len(records) == 200
    assert sorted(int(r.question.split()[1]) for r in records) == list(range(200))


def _write_many(folder: str, start: int) -> None:
    store = FeedbackStore(folder)
    for i in range(start, start + 50):
        store.add(_record(i, "dislike"))


def test_processes_writing_at_once_lose_no_record(tmp_path):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), k * 50)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    records, bad = FeedbackStore(tmp_path).read()
    assert bad == 0 and len(records) == 200
    lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["verdict"] == "dislike" for line in lines)


def test_no_address_is_kept_and_bad_lines_are_counted_not_lost(tmp_path):
    store = FeedbackStore(tmp_path)
    store.add(_record(1))
    with open(store.path, "a", encoding="utf-8") as f:
        f.write("{not json\n")
    store.add(_record(2, "dislike", "arrival-1"))
    records, bad = store.read()
    assert [r.verdict for r in records] == ["like", "dislike"] and bad == 1
    assert "{not json" in store.path.read_text(encoding="utf-8")  # left as it was
    assert set(json.loads(store.path.read_text().splitlines()[0])) == {
        "question", "language", "history", "shown", "verdict", "right", "time"
    }  # fmt: skip


def test_a_record_must_be_a_verdict_on_what_was_shown():
    with pytest.raises(ValueError, match="verdict"):
        Feedback("q", "en", 0, ("a",), "meh")
    with pytest.raises(ValueError, match="not shown"):
        Feedback("q", "en", 0, ("a",), "dislike", "b")


def test_a_dislike_and_its_pick_export_as_one_pair_to_review():
    passages = {"timeline-3": "3月8日，韩国总统府青瓦台", "arrival-1": "朝鲜最高领导人"}
    records = [
        _record(1, "dislike"),
        _record(1, "dislike", "timeline-3"),  # the same turn: the user picked the right passage
        _record(2, "like"),
        _record(3, "dislike"),
    ]
    pairs = candidate_pairs(records, passages)
    assert len(pairs) == 2
    assert pairs[0]["answers"] == [passages["timeline-3"][:12]] and pairs[1]["answers"] == []
    assert all("review" in p["note"] for p in pairs)


def test_feedback_command_lists_and_exports(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMIT_QA_HOME", str(tmp_path))
    assert main(["feedback"]) == 0
    assert "no feedback yet" in capsys.readouterr().out
    store = FeedbackStore(tmp_path)
    store.add(_record(1, "like"))
    store.add(_record(2, "dislike", "arrival-1"))
    out_file = tmp_path / "candidates.jsonl"
    assert main(["feedback", "--export", str(out_file)]) == 0
    out = capsys.readouterr()
    assert "2 record(s)" in out.out and "1 like, 1 dislike" in out.out
    pairs = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    arrival = next(p.text for p in load_passages() if p.id == "arrival-1")
    assert len(pairs) == 1 and arrival.startswith(pairs[0]["answers"][0]) and pairs[0]["answers"][0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"question": "长" * (LIMITS["question"] + 1)}, "the question has 2,001 characters; at most 2,000"),
        ({"question": "x" * 20_000_000}, "the question has 20,000,000 characters"),
        (
            {"history": LIMITS["history"] + 1},
            f"history {LIMITS['history'] + 1} is not a count of earlier questions 0-",
        ),
        ({"history": -1}, "history -1 is not a count"),
        ({"shown": tuple(f"p-{i}" for i in range(LIMITS["shown"] + 1))}, "65 passages shown; at most 64"),
        ({"shown": ("x" * 65,)}, "a passage id is not text of 1-64 characters"),
        ({"shown": ("a",), "verdict": "dislike", "right": "b" * 100}, "a passage id is not text"),
        ({"language": "zh" * 20}, "language is not text of at most 16 characters"),
        ({"time": "t" * 41}, "time is not text of at most 40 characters"),
    ],
)
def test_a_record_over_a_cap_is_refused_with_what_is_over(tmp_path, fields, message):
    record = {"question": "q", "language": "en", "history": 0, "shown": ("a",), "verdict": "like"} | fields
    with pytest.raises(FeedbackRefused) as caught:
        FeedbackStore(tmp_path).add(Feedback(**record))
    assert str(caught.value).startswith("feedback not recorded: ") and message in str(caught.value)
    assert not (tmp_path / "feedback.jsonl").exists()


def test_a_record_at_every_cap_is_kept(tmp_path):
    shown = tuple(f"{i:02d}" + "x" * (LIMITS["id"] - 2) for i in range(LIMITS["shown"]))
    at_caps = Feedback("长" * LIMITS["question"], "zh-Hant", LIMITS["history"], shown, "dislike", shown[-1])
    store = FeedbackStore(tmp_path)
    store.add(at_caps)
    assert store.read() == ([at_caps], 0)


def test_the_file_is_rotated_at_its_cap_and_no_accepted_record_is_lost(tmp_path):
    def record(i: int) -> Feedback:
        return Feedback(f"q{i:02d}", "en", 0, ("a",), "like", time="t")

    line = len(json.dumps(asdict(record(0)), ensure_ascii=False)) + 1  # every record is this long
    store = FeedbackStore(tmp_path, max_bytes=10 * line)
    for i in range(10):
        store.add(record(i))
    assert store.path.stat().st_size == store.max_bytes and not (tmp_path / OLD_FILE).exists()
    store.add(record(10))  # would pass the cap: the file is rotated first
    assert (tmp_path / OLD_FILE).stat().st_size == 10 * line and store.path.stat().st_size == line
    records, bad = store.read()
    assert bad == 0 and [r.question for r in records] == [f"q{i:02d}" for i in range(11)]
    for i in range(11, 40):  # the cap holds: the current file and one older one, never more
        store.add(record(i))
        assert store.path.stat().st_size <= store.max_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == [OLD_FILE, "feedback.jsonl", "feedback.lock"]
    assert [r.question for r in store.read()[0]] == [f"q{i:02d}" for i in range(20, 40)]  # the newest 20


def test_a_full_disk_leaves_the_file_whole_and_names_the_setting(tmp_path, monkeypatch):
    store = FeedbackStore(tmp_path)
    store.add(_record(1))
    before = store.path.read_bytes()
    real_write = os.write

    def half_then_full(fd, data):  # the disk fills in the middle of the line
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(StorageError) as caught:
        store.add(_record(2))
    monkeypatch.setattr(os, "write", real_write)
    message = str(caught.value)
    assert str(tmp_path) in message and "the disk is full" in message and "SUMMIT_QA_HOME" in message
    assert store.path.read_bytes() == before  # no half line for the next record to join
    store.add(_record(3))
    assert [r.question for r in store.read()[0]] == [_record(1).question, _record(3).question]


def test_a_home_that_is_a_file_is_named(tmp_path):
    home = tmp_path / "home"
    home.write_text("a file where the state folder should be")
    with pytest.raises(StorageError) as caught:
        FeedbackStore(home).add(_record(1))
    assert f"{home} is a file, not a folder" in str(caught.value) and "SUMMIT_QA_HOME" in str(caught.value)
