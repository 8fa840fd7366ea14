"""eval/sets/qa.jsonl is well formed and its answers point at exactly the passages meant."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from summit_qa.page.passages import load_passages

QA = Path(__file__).resolve().parents[2] / "eval" / "sets" / "qa.jsonl"
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def pairs():
    return [json.loads(line) for line in QA.read_text(encoding="utf-8").splitlines() if line.strip()]


def off_page(pair: dict) -> bool:
    return not pair["answers"] and pair["kind"] != "smalltalk"


def test_counts(pairs):
    answerable = Counter(p["lang"] for p in pairs if not off_page(p))
    assert len(pairs) >= 100
    assert answerable["zh"] >= 50 and answerable["en"] >= 25
    assert all(answerable[lang] >= 5 for lang in ("ko", "ja", "vi"))
    assert sum(1 for p in pairs if off_page(p)) >= 12
    assert len({p["id"] for p in pairs}) == len(pairs)


def test_every_answer_names_exactly_one_passage(pairs):
    passages = load_passages()
    for pair in pairs:
        if off_page(pair):
            assert pair["dates"] == [], pair["id"]
            continue
        assert pair["answers"], pair["id"]
        meant = []
        for answer in pair["answers"]:
            hits = [p for p in passages if answer in p.text]
            assert len(hits) == 1, f"{pair['id']}: {answer!r} is in {len(hits)} passages"
            meant.append(hits[0])
        for iso in pair.get("dates", []):
            assert ISO.match(iso), f"{pair['id']}: bad date {iso!r}"
            assert any(p.date == iso for p in meant), f"{pair['id']}: no meant passage dated {iso}"


def test_questions_paraphrase_rather_than_copy(pairs):
    passages = [p.text for p in load_passages()]
    for pair in pairs:
        q = pair["question"].rstrip("？?。")
        assert not any(q in text for text in passages), pair["id"]


def test_coverage(pairs):
    passages = load_passages()
    articles = {
        p.article for pair in pairs for answer in pair["answers"] for p in passages if answer in p.text
    }
    assert articles == {p.article for p in passages}
    entries = [p for p in passages if p.article == "timeline" and p.date and len(p.date) == 10]
    covered = {p.id for pair in pairs for a in pair["answers"] for p in entries if a in p.text}
    assert len(covered) >= 0.8 * len(entries)


HELDOUT = QA.with_name("heldout.jsonl")


def test_heldout_pairs_are_well_formed():
    """The held-out set is kept as its writers wrote it: an answer may name more than one
    passage there (each is right)."""
    passages = load_passages()
    pairs = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({p["id"] for p in pairs}) == len(pairs) >= 60
    for pair in pairs:
        assert pair["lang"] in {"zh", "en", "ko", "ja", "vi"}
        assert not any(pair["question"].rstrip("？?。") in p.text for p in passages), pair["id"]
        if off_page(pair):
            continue
        for answer in pair["answers"]:
            assert any(answer in p.text for p in passages), f"{pair['id']}: {answer!r} not on the page"
        assert all(ISO.match(iso) for iso in pair.get("dates", [])), pair["id"]
