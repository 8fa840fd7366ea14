"""Feedback records: appended whole under concurrency, read back, exported for review."""

import json
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

import pytest

from summit_qa.cli import main
from summit_qa.page.passages import load_passages
from summit_qa.web.feedback import Feedback, FeedbackStore, candidate_pairs


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
