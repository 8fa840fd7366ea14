"""Index persistence: manifest, staleness, corruption, atomic writes, storage faults (fake encoder)."""

import errno
import json
import os
from pathlib import Path

import numpy as np
import pytest

from summit_qa import files
from summit_qa.files import StorageError, probe_folder
from summit_qa.page.passages import load_passages
from summit_qa.retrieval import bm25 as lexical
from summit_qa.retrieval.index import UNIT_CONTEXT, UNIT_DTYPE, index_dir, make_faiss_index, sentence_units


def _folder(index_root):
    return index_dir("fake-bigram-64", index_root)


def test_build_then_load_without_rebuilding(fake_encoder, build_fake_index, index_root):
    messages = []
    first = build_fake_index(messages)
    assert fake_encoder.calls == 1 and "no index" in messages[0]
    second = build_fake_index(messages)
    assert fake_encoder.calls == 1 and len(messages) == 1
    assert second.manifest == first.manifest
    manifest = json.loads((_folder(index_root) / "manifest.json").read_text())
    assert manifest["model_id"] == "fake-bigram-64" and manifest["dimension"] == 64
    assert manifest["query_prompt"] == "query: " and manifest["format_version"] >= 4
    assert manifest["passages"] == len(load_passages()) and len(manifest["corpus_hash"]) == 16
    assert manifest["lexical_stopwords"] == sorted(lexical.STOPWORDS)
    assert manifest["date_resolver_version"] >= 1 and manifest["corpus_rules_version"] >= 1
    assert not list(_folder(index_root).glob(".*tmp*"))


def test_stale_manifest_rebuilds_and_says_why(fake_encoder, build_fake_index, index_root):
    messages = []
    build_fake_index(messages)
    path = _folder(index_root) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["corpus_hash"] = "0" * 16
    path.write_text(json.dumps(manifest))
    build_fake_index(messages)
    assert fake_encoder.calls == 2
    assert "stale" in messages[-1] and "corpus_hash" in messages[-1]


def test_an_edit_to_the_stopwords_or_the_date_rules_rebuilds(fake_encoder, build_fake_index, monkeypatch):
    """The lexical files depend on the stopword list and the passages' dates on the
    resolver's rules; the manifest records both, so editing either is detected."""
    messages = []
    build_fake_index(messages)
    monkeypatch.setattr(lexical, "STOPWORDS", lexical.STOPWORDS | {"会晤"})
    index = build_fake_index(messages)
    assert "lexical_stopwords changed" in messages[-1] and fake_encoder.calls == 2
    assert "会晤" not in index.lexical.vocabulary  # the rebuilt BM25 uses the new list
    from summit_qa.page import dates

    monkeypatch.setattr(dates, "RESOLVER_VERSION", dates.RESOLVER_VERSION + 1)
    build_fake_index(messages)
    assert "date_resolver_version" in messages[-1] and fake_encoder.calls == 3


def test_other_tokenizer_is_a_mismatch(build_fake_index):
    messages = []
    build_fake_index(messages, tokenizer="bigram")
    build_fake_index(messages, tokenizer="jieba")
    assert "lexical_tokenizer" in messages[-1]


def test_truncated_or_corrupt_files_rebuild_with_a_message(fake_encoder, build_fake_index, index_root):
    messages = []
    build_fake_index(messages)
    folder = _folder(index_root)
    dense = folder / "dense.faiss"
    dense.write_bytes(dense.read_bytes()[:100])
    index = build_fake_index(messages)
    assert "corrupt or truncated" in messages[-1]
    assert index.dense.ntotal == len(index.units)
    (folder / "manifest.json").write_text("{ not json")
    build_fake_index(messages)
    assert "manifest unreadable" in messages[-1]
    (folder / "lexical_data.npy").unlink()
    build_fake_index(messages)
    assert "missing" in messages[-1]
    tokens = folder / "tokens.npy"
    tokens.write_bytes(tokens.read_bytes()[:-64])
    index = build_fake_index(messages)
    assert "tokens.npy is corrupt or truncated" in messages[-1]
    assert index.tokens.vectors.shape[0] == index.tokens.rows.shape[0] > 0
    assert fake_encoder.calls == 5


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("files", [], "files is list"),
        ("files", {"dense.faiss": 3}, "not a table of checksums"),
        ("passages", "44", "passages is str"),
        ("ranking", None, "ranking is NoneType"),
    ],
)
def test_a_manifest_with_fields_of_the_wrong_type_is_rebuilt(
    build_fake_index, index_root, field, value, reason
):
    messages = []
    build_fake_index(messages)
    path = _folder(index_root) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest[field] = value
    path.write_text(json.dumps(manifest))
    index = build_fake_index(messages)
    assert "manifest unreadable" in messages[-1] and reason in messages[-1]
    assert index.manifest.passages == len(index.passages)


def test_an_index_of_an_older_format_is_rebuilt(fake_encoder, build_fake_index, index_root):
    messages = []
    build_fake_index(messages)
    path = _folder(index_root) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 3
    del manifest["ranking"]  # what a format-3 manifest lacked
    path.write_text(json.dumps(manifest))
    build_fake_index(messages)
    assert "index format 3 is not this version's" in messages[-1] and fake_encoder.calls == 2


def test_tokens_are_stored_by_passage_and_sentence(build_fake_index):
    index = build_fake_index()
    rows = index.tokens.rows
    for p, passage in enumerate(index.passages):
        mine = rows[rows[:, 0] == p]
        letters = sum(ch.isalnum() for ch in passage.text)  # the fake encoder's tokens
        assert len(mine) == letters
        assert set(mine[:, 1]) == set(range(len(passage.sentences())))


def test_rebuild_flag(fake_encoder, build_fake_index):
    messages = []
    build_fake_index(messages)
    build_fake_index(messages, rebuild=True)
    assert "rebuild requested" in messages[-1] and fake_encoder.calls == 2


def test_units_cover_passages_and_their_sentences():
    passages = load_passages()
    texts, units = sentence_units(passages)
    assert units.dtype == UNIT_DTYPE and len(units) == len(texts)
    assert (units["kind"][: len(passages)] == 0).all()
    for text, unit in zip(texts, units, strict=True):
        passage = passages[unit["passage"]]
        if unit["kind"] == UNIT_CONTEXT:  # the passage under its headings, embedded whole
            assert passage.context and text == f"{passage.context} {passage.text}"
        else:
            assert passage.text[unit["start"] : unit["end"]] == text
    assert len(texts) > len(passages)
    headed = {p.id for p in passages if p.context}
    assert {passages[u["passage"]].id for u in units if u["kind"] == UNIT_CONTEXT} == headed


def test_faiss_index_type_by_size():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(500, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = make_faiss_index(vectors, exact_limit=1000)
    approx = make_faiss_index(vectors, exact_limit=100)
    assert type(exact).__name__ == "IndexFlatIP" and type(approx).__name__ == "IndexIVFFlat"
    _, e = exact.search(vectors[:20], 5)
    _, a = approx.search(vectors[:20], 5)
    assert (e[:, 0] == np.arange(20)).all()
    recall = np.mean([len(set(x) & set(y)) / 5 for x, y in zip(e, a, strict=True)])
    assert recall >= 0.9


# ------------------------------------------------------------------ storage faults
def _storage_fault(build, encoder) -> str:
    with pytest.raises(StorageError) as caught:
        build()
    assert encoder.calls == 0  # found before anything was encoded
    return str(caught.value)


def test_an_index_root_that_is_a_file_is_named_before_the_build(fake_encoder, build_fake_index, index_root):
    index_root.parent.mkdir(parents=True, exist_ok=True)
    index_root.write_text("a file where the index folder should be")
    message = _storage_fault(build_fake_index, fake_encoder)
    assert f"{index_root} is a file, not a folder" in message and "set SUMMIT_QA_INDEX to a folder" in message


def test_a_folder_that_cannot_be_written_is_named_before_the_build(fake_encoder, settings, tmp_path):
    from summit_qa.answering.smalltalk import exemplar_texts
    from summit_qa.retrieval.index import load_or_build

    if os.geteuid() != 0:
        root = tmp_path / "read-only"
        root.mkdir()
        root.chmod(0o500)
    else:  # root writes through permission bits; /sys refuses even root
        root = Path("/sys")
        try:
            (root / "summit-qa-probe").mkdir()
        except OSError:
            pass
        else:
            (root / "summit-qa-probe").rmdir()
            pytest.skip("no folder here that root cannot write")

    def build():
        load_or_build(fake_encoder, settings.data_dir, root, settings.home, exemplars=exemplar_texts())

    message = _storage_fault(build, fake_encoder)
    assert f"cannot write to {root}/fake-bigram-64" in message and "SUMMIT_QA_INDEX" in message


def test_a_full_disk_before_the_build_is_named(fake_encoder, build_fake_index, index_root, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    message = _storage_fault(build_fake_index, fake_encoder)
    monkeypatch.undo()
    assert "the disk is full" in message and "free space there, or set SUMMIT_QA_INDEX" in message
    assert list(_folder(index_root).iterdir()) == []  # the probe removed


def test_a_disk_full_during_the_write_leaves_no_partial_files(
    fake_encoder, build_fake_index, index_root, monkeypatch
):
    real = files.write_atomic
    calls: list[str] = []

    def fills_up(path, data):
        calls.append(path.name)
        if len(calls) == 4:  # three files whole, the fourth half written when the disk fills
            files.temp_name(path).write_bytes(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(files, "write_atomic", fills_up)
    with pytest.raises(StorageError) as caught:
        build_fake_index()
    message = str(caught.value)
    folder = _folder(index_root)
    assert f"cannot write to {folder}: the disk is full (" in message and "MB to write" in message
    assert "SUMMIT_QA_INDEX" in message and "[Errno" not in message
    assert list(folder.iterdir()) == []  # neither the three written files nor the half one
    monkeypatch.setattr(files, "write_atomic", real)
    messages: list[str] = []
    build_fake_index(messages)  # the next start builds a whole index
    assert "no index" in messages[0] and (folder / "manifest.json").exists()


def test_a_rebuild_that_fails_leaves_an_index_the_next_start_rebuilds(
    fake_encoder, build_fake_index, index_root, monkeypatch
):
    build_fake_index()
    real = files.write_atomic

    def full_at_the_manifest(path, data):
        if path.name == "manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(files, "write_atomic", full_at_the_manifest)
    with pytest.raises(StorageError):
        build_fake_index(rebuild=True)
    monkeypatch.setattr(files, "write_atomic", real)
    folder = _folder(index_root)
    assert not [p.name for p in folder.iterdir() if p.name != "manifest.json"]  # the new files removed
    messages: list[str] = []
    build_fake_index(messages)
    assert "index unusable" in messages[0] and "missing" in messages[0]


def test_the_probe_leaves_nothing_and_size_zero_only_makes_the_folder(tmp_path):
    probe_folder(tmp_path / "a" / "b", "SUMMIT_QA_HOME")
    assert list((tmp_path / "a" / "b").iterdir()) == []
    probe_folder(tmp_path / "c", "SUMMIT_QA_INDEX", size=0)
    assert (tmp_path / "c").is_dir()
    (tmp_path / "f").write_text("x")
    with pytest.raises(StorageError, match=r"f is a file, not a folder: set SUMMIT_QA_HOME"):
        probe_folder(tmp_path / "f" / "deeper", "SUMMIT_QA_HOME", size=0)
    with pytest.raises(StorageError, match="cannot write to /proc/summit-qa"):
        probe_folder(Path("/proc/summit-qa"), "SUMMIT_QA_INDEX", size=0)
