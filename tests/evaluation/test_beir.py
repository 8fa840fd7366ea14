"""`summit-qa eval --export beir DIR`: the page and the sets as a BEIR retrieval benchmark."""

import csv
import json
from pathlib import Path

from summit_qa.cli import main
from summit_qa.page.passages import load_passages

SETS = Path(__file__).resolve().parents[2] / "eval" / "sets"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_corpus_queries_and_qrels(tmp_path, capsys):
    out = tmp_path / "beir"
    code = main(["eval", "--export", "beir", str(out), "--qa", str(SETS / "conversation.jsonl"), "--qa",
                 str(SETS / "dialogues.jsonl")])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    passages = load_passages()
    corpus = _jsonl(out / "corpus.jsonl")
    assert corpus == [{"_id": p.id, "title": p.title, "text": p.text} for p in passages]

    queries = {q["_id"]: q for q in _jsonl(out / "queries.jsonl")}
    with (out / "qrels" / "test.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["query-id", "corpus-id", "score"]
    qrels = {(q, p) for q, p, score in rows[1:] if score == "1"}
    assert len(qrels) == len(rows) - 1

    records = {r["id"]: r for r in _jsonl(SETS / "conversation.jsonl")}
    turns = {t["id"]: t for d in _jsonl(SETS / "dialogues.jsonl") for t in d["turns"]}
    text = {p.id: p.text for p in passages}
    # A passage is relevant exactly when it holds one of the question's answers.
    for qid, query in queries.items():
        record = records.get(qid) or turns[qid]
        assert query["text"] == record["question"]
        want = {p.id for p in passages if any(a in p.text for a in record["answers"])}
        assert want and {p for q, p in qrels if q == qid} == want, qid
    assert {q for q, _ in qrels} == set(queries) and all(p in text for _, p in qrels)

    # What is taken: answerable questions, and dialogue turns that stand alone.
    answerable = {i for i, r in records.items() if r["answers"]}
    standalone = {i for i, t in turns.items() if t["answers"] and not t["needs_context"]}
    assert set(queries) == answerable | standalone
    assert any(t["needs_context"] for t in turns.values())
    assert queries["id-zh-01"]["metadata"] == {
        "lang": "zh",
        "kind": "identity",
        "split": "dev",
        "set": "conversation",
    }
    assert queries["dlg-zh-01.1"]["metadata"]["kind"] == "question"
    assert f"{len(queries)} questions of 2 set(s)" in capsys.readouterr().out


def test_export_takes_every_set_by_default(tmp_path, capsys):
    assert main(["eval", "--export", "beir", str(tmp_path)]) == 0
    sets = sorted(SETS.glob("*.jsonl"))
    assert f"of {len(sets)} set(s)" in capsys.readouterr().out
    ids = {q["_id"] for q in _jsonl(tmp_path / "queries.jsonl")}
    assert "zh-001" in ids and "h-zh-01" in ids
