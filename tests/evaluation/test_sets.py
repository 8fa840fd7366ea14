"""Every eval set (eval/sets/*.jsonl) follows eval/schema.json, and its answers are on the page."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from summit_qa.evaluation.sets import Dialogue, questions, read_set
from summit_qa.page.passages import load_passages

EVAL = Path(__file__).resolve().parents[2] / "eval"
SETS = sorted((EVAL / "sets").glob("*.jsonl"))
HELD_OUT = {"heldout", "heldout-conversation", "heldout-readers", "dialogues-heldout"}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((EVAL / "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def texts():
    return [p.text for p in load_passages()]


def test_the_sets_are_there():
    names = {path.stem for path in SETS}
    assert names >= {"qa", "conversation", "conversation-2", "dialogues", "dialogues-2", "readers"} | HELD_OUT


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_record_follows_the_schema(path, validator):
    problems = [
        f"{path.name}:{n}: {error.json_path}: {error.message}"
        for n, record in enumerate(_lines(path), 1)
        for error in validator.iter_errors(record)
    ]
    assert problems == []


def test_the_schema_refuses_what_the_eval_cannot_read(validator):
    good = {"id": "x-1", "lang": "en", "split": "dev", "kind": "question", "question": "q", "answers": []}
    assert not list(validator.iter_errors({**good, "dates": ["2019-02-27"]}))
    for bad in (
        good,  # no dates
        {**good, "dates": ["27.2.2019"]},
        {**good, "dates": [], "split": "test"},
        {**good, "dates": [], "kind": "trivia"},
        {**good, "dates": [], "answer": ["typo of answers"]},
        {**good, "dates": [], "kind": "smalltalk", "answers": ["金正恩"]},
        {"id": "d", "lang": "zh", "split": "dev", "kind": "dialogue", "turns": []},
        {
            "id": "d",
            "lang": "zh",
            "split": "dev",
            "kind": "dialogue",
            "turns": [{"id": "d.1", "question": "q", "answers": [], "dates": [], "needs_context": "no"}],
        },
    ):
        assert list(validator.iter_errors(bad)), bad


def test_ids_are_unique_across_sets_and_turns_are_numbered():
    seen: dict[str, str] = {}
    for path in SETS:
        for record in _lines(path):
            ids = [record["id"]] + [turn["id"] for turn in record.get("turns", [])]
            for item in ids:
                assert item not in seen, f"{item} is in {path.name} and {seen[item]}"
                seen[item] = path.name
            numbered = [f"{record['id']}.{n}" for n in range(1, len(record.get("turns", [])) + 1)]
            assert ids[1:] == numbered, record["id"]


def test_a_restated_question_names_a_record_that_exists():
    ids = {record["id"] for path in SETS for record in _lines(path)}
    for path in SETS:
        for record in _lines(path):
            if "source" in record:
                assert record["source"] in ids, f"{path.name}: {record['id']}: no record {record['source']}"


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_answers_are_on_the_page_and_needs_name_one_passage_each(path, texts):
    problems = []
    for q in questions(read_set(path)):
        for answer in q.answers:
            if not any(answer in text for text in texts):
                problems.append(f"{q.id}: answer {answer!r} is not on the page")
        for need in q.needs:
            held = sum(need in text for text in texts)
            if held != 1:
                problems.append(f"{q.id}: needs {need!r} is in {held} passages")
    assert problems == []


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_an_answer_date_is_the_date_of_a_right_passage(path):
    passages = load_passages()
    problems = []
    for q in questions(read_set(path)):
        if q.answer_date:
            right = [p for p in passages if any(a in p.text for a in q.answers + q.needs)]
            if not any(q.answer_date == p.date or q.answer_date in p.dates for p in right):
                problems.append(f"{q.id}: no right passage is dated {q.answer_date}")
    assert problems == []


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_a_set_is_held_out_exactly_when_its_name_says_so(path):
    want = "held-out" if "heldout" in path.stem else "dev"
    items = read_set(path)
    assert items and {item.split for item in items} == {want}
    if path.stem.startswith("dialogues") or path.stem in {"qa", "readers", "heldout"}:
        assert all(isinstance(item, Dialogue) for item in items) == path.stem.startswith("dialogues")


def test_the_reader_names_the_line_of_a_bad_record(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = json.dumps(
        {
            "id": "a",
            "lang": "zh",
            "split": "dev",
            "kind": "question",
            "question": "q",
            "answers": [],
            "dates": [],
        }
    )
    path.write_text(good + "\n" + good.replace('"question", ', '"trivia", ') + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: .*unknown kind 'trivia'"):
        read_set(path)
    path.write_text(good.replace('"dev"', '"test"') + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: .*split 'test'"):
        read_set(path)
    path.write_text(good + "\n", encoding="utf-8")
    (pair,) = read_set(path)
    assert pair.out_of_scope and pair.kind == "question"  # answers [] and not small talk
