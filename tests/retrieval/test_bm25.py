"""BM25: differential test against bm25s (the reference), tokenisers, sparse save/load."""

import random

import numpy as np
import pytest

from summit_qa.retrieval.bm25 import BM25, TOKENIZERS, bigram_tokens, jieba_tokens


def test_bigram_tokens():
    assert bigram_tokens("金正恩抵达") == ["金", "正", "恩", "抵", "达", "金正", "正恩", "恩抵", "抵达"]
    assert bigram_tokens("Trump 在 Hanoi") == ["trump", "hanoi"]


def test_jieba_tokens_are_words():
    tokens = jieba_tokens("金正恩抵达越南")
    assert "越南" in tokens and "抵达" in tokens


@pytest.mark.parametrize("tokenizer", ["bigram", "jieba"])
def test_matches_bm25s_lucene(tokenizer):
    """Our weights are bm25s's Lucene BM25 times (k1 + 1), the classic numerator it leaves out."""
    bm25s = pytest.importorskip("bm25s")
    rng = random.Random(7)
    words = ["朝鲜", "美国", "会晤", "制裁", "河内", "新加坡", "火车", "遗骸", "宣布", "无核化", "Hanoi"]
    docs = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) for _ in range(30)]
    index = BM25.build(docs, tokenizer)
    tokenize = TOKENIZERS[tokenizer]
    reference = bm25s.BM25(method="lucene", k1=index.k1, b=index.b)
    reference.index([tokenize(d) for d in docs], show_progress=False)
    for _ in range(10):
        query = "".join(rng.choice(words) for _ in range(3))
        terms = [t for t in dict.fromkeys(tokenize(query)) if t in index.vocabulary]
        expected = reference.get_scores(terms) * (index.k1 + 1)
        assert np.allclose(index.raw_scores(query), expected, rtol=1e-4, atol=1e-5)
        assert (index.scores(query) <= 1.0 + 1e-6).all()


def test_no_shared_term_scores_zero_and_unseen_chinese_terms_lower_the_score():
    index = BM25.build(["金正恩抵达越南", "特朗普宣布会晤"], "bigram")
    assert not index.scores("What is the capital of France?").any()
    full = index.scores("金正恩抵达越南")[0]
    diluted = index.scores("金正恩抵达越南红烧肉")[0]
    assert 0 < diluted < full <= 1.0


def test_the_matrix_is_stored_sparse():
    texts = ["金正恩抵达越南", "特朗普宣布会晤", "制裁 3 名官员"]
    index = BM25.build(texts, "bigram")
    # one weight per (document, distinct term) pair, not documents x vocabulary
    assert len(index.data) == sum(len(set(bigram_tokens(t))) for t in texts)
    assert len(index.data) < index.documents * len(index.vocabulary)


def test_save_and_load_round_trip(tmp_path):
    index = BM25.build(["金正恩抵达越南", "特朗普宣布会晤", "制裁 3 名官员"], "bigram")

    def write(path, data):
        path.write_bytes(data)

    index.save(tmp_path, write)
    loaded = BM25.load(tmp_path)
    assert loaded.vocabulary == index.vocabulary and loaded.documents == 3
    assert np.array_equal(loaded.scores("越南会晤"), index.scores("越南会晤"))
    assert not any(p.suffix == ".pkl" for p in tmp_path.iterdir())
    indptr = tmp_path / "lexical_indptr.npy"
    from summit_qa.files import npy_bytes

    indptr.write_bytes(npy_bytes(loaded.indptr[::-1].copy()))
    with pytest.raises(ValueError, match="column pointers"):
        BM25.load(tmp_path)
