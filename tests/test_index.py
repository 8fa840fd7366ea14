"""Index persistence: manifest, staleness, corruption, atomic writes (fake encoder)."""

import json

import numpy as np

from summit_qa.corpus import load_passages
from summit_qa.index import (
    index_dir,
    load_or_build,
    make_faiss_index,
    sentence_units,
)


def build(encoder, root, messages, **kw):
    return load_or_build(encoder, root=root, say=messages.append, **kw)


def test_build_then_load_without_rebuilding(fake_encoder, index_root):
    messages = []
    first = build(fake_encoder, index_root, messages)
    assert fake_encoder.calls == 1 and "no index" in messages[0]
    second = build(fake_encoder, index_root, messages)
    assert fake_encoder.calls == 1 and len(messages) == 1
    assert second.manifest == first.manifest
    manifest = json.loads((index_dir("fake-bigram-64", index_root) / "manifest.json").read_text())
    assert manifest["model_id"] == "fake-bigram-64" and manifest["dimension"] == 64
    assert manifest["query_prompt"] == "query: " and manifest["format_version"] >= 1
    assert manifest["passages"] == len(load_passages()) and len(manifest["corpus_hash"]) == 16
    assert not list(index_dir("fake-bigram-64", index_root).glob(".*tmp*"))


def test_stale_manifest_rebuilds_and_says_why(fake_encoder, index_root):
    messages = []
    build(fake_encoder, index_root, messages)
    path = index_dir("fake-bigram-64", index_root) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["corpus_hash"] = "0" * 16
    path.write_text(json.dumps(manifest))
    build(fake_encoder, index_root, messages)
    assert fake_encoder.calls == 2
    assert "stale" in messages[-1] and "corpus_hash" in messages[-1]


def test_other_tokenizer_is_a_mismatch(fake_encoder, index_root):
    messages = []
    build(fake_encoder, index_root, messages, tokenizer="bigram")
    build(fake_encoder, index_root, messages, tokenizer="jieba")
    assert "lexical_tokenizer" in messages[-1]


def test_truncated_or_corrupt_files_rebuild_with_a_message(fake_encoder, index_root):
    messages = []
    build(fake_encoder, index_root, messages)
    folder = index_dir("fake-bigram-64", index_root)
    dense = folder / "dense.faiss"
    dense.write_bytes(dense.read_bytes()[:100])
    index = build(fake_encoder, index_root, messages)
    assert "corrupt or truncated" in messages[-1]
    assert index.dense.ntotal == index.units.shape[0]
    (folder / "manifest.json").write_text("{ not json")
    build(fake_encoder, index_root, messages)
    assert "manifest unreadable" in messages[-1]
    (folder / "lexical_weights.npy").unlink()
    build(fake_encoder, index_root, messages)
    assert "missing" in messages[-1]
    tokens = folder / "tokens.npy"
    tokens.write_bytes(tokens.read_bytes()[:-64])
    index = build(fake_encoder, index_root, messages)
    assert "tokens.npy is corrupt or truncated" in messages[-1]
    assert index.tokens.vectors.shape[0] == index.tokens.rows.shape[0] > 0
    assert fake_encoder.calls == 5


def test_an_index_of_an_older_format_is_rebuilt(fake_encoder, index_root):
    messages = []
    build(fake_encoder, index_root, messages)
    path = index_dir("fake-bigram-64", index_root) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 2
    del manifest["token_layer"]  # what a format-2 manifest lacked
    path.write_text(json.dumps(manifest))
    build(fake_encoder, index_root, messages)
    assert "index format 2 is not this version's" in messages[-1] and fake_encoder.calls == 2


def test_tokens_are_stored_by_passage_and_sentence(fake_encoder, index_root):
    index = build(fake_encoder, index_root, [])
    passages = index.passages
    rows = index.tokens.rows
    for p, passage in enumerate(passages):
        mine = rows[rows[:, 0] == p]
        letters = sum(ch.isalnum() for ch in passage.text)  # the fake encoder's tokens
        assert len(mine) == letters
        assert set(mine[:, 1]) == set(range(len(passage.sentences())))


def test_rebuild_flag(fake_encoder, index_root):
    messages = []
    build(fake_encoder, index_root, messages)
    build(fake_encoder, index_root, messages, rebuild=True)
    assert "rebuild requested" in messages[-1] and fake_encoder.calls == 2


def test_units_cover_passages_and_their_sentences():
    passages = load_passages()
    texts, units = sentence_units(passages)
    assert units.shape == (len(texts), 4)
    assert (units[: len(passages), 1] == 0).all()
    for text, (p, _kind, start, end) in zip(texts, units, strict=True):
        assert passages[p].text[start:end] == text
    assert len(texts) > len(passages)


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
