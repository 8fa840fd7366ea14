"""The int8 ONNX encoder agrees with the torch Embedder it was exported from, without torch."""

import subprocess
import sys

import numpy as np
import pytest
from test_embedding import TEXTS

from summit_qa.settings import DEFAULT_MODEL, Settings, SettingsError

pytest.importorskip("onnxruntime")

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn")


@pytest.fixture(scope="session")
def onnx_encoder(summit_home):
    """The default model exported to int8 once per session, in the session's home."""
    from summit_qa.onnx_encoder import OnnxEncoder

    return OnnxEncoder.shared(summit_home, progress=lambda *_: None)


def test_serving_imports_no_torch():
    code = (
        "import sys; from summit_qa.onnx_encoder import OnnxEncoder; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_runtime_setting():
    assert Settings.from_env({"SUMMIT_QA_RUNTIME": "onnx"}).runtime == "onnx"
    assert Settings.from_env({}).runtime == "torch"
    with pytest.raises(SettingsError, match="SUMMIT_QA_RUNTIME"):
        Settings.from_env({"SUMMIT_QA_RUNTIME": "tensorrt"})
    with pytest.raises(SettingsError, match="default model"):
        Settings.from_env({"SUMMIT_QA_RUNTIME": "onnx", "SUMMIT_QA_MODEL": "BAAI/bge-m3"})


@pytest.mark.model
def test_export_is_complete_and_small(onnx_encoder, summit_home):
    from summit_qa.onnx_encoder import ONNX_FILE, int8_dir

    folder = int8_dir(summit_home)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [ONNX_FILE, "summit_qa_onnx.json", "tokenizer.json"]
    )
    assert (folder / ONNX_FILE).stat().st_size < 150e6  # int8: a quarter of the fp32 body
    assert not list(folder.parent.glob(".export-*"))
    info = onnx_encoder.info
    assert (info.model_id, info.dimension, info.query_prompt) == (DEFAULT_MODEL, 384, "query: ")


@pytest.mark.model
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_agrees_with_the_torch_embedder(onnx_encoder, embedder, kind, record_property):
    ours, theirs = onnx_encoder.encode(TEXTS, kind), embedder.encode(TEXTS, kind)
    assert ours.vectors.shape == theirs.vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours.vectors, axis=1), 1, atol=1e-5)
    cosines = (ours.vectors * theirs.vectors).sum(axis=1)
    assert cosines.min() >= 0.99, cosines.round(4).tolist()
    token_cosines = []
    for text, a, b, sa, sb in zip(TEXTS, ours.tokens, theirs.tokens, ours.spans, theirs.spans, strict=True):
        assert np.array_equal(sa, sb), text
        assert a.shape == b.shape and a.dtype == np.float32
        token_cosines.append((a * b).sum(axis=1))
    every = np.concatenate(token_cosines)
    record_property("token_cosine_min", float(every.min()))
    low, mean = every.min(), every.mean()
    print(f"{kind}: sentence cosine min {cosines.min():.4f}, token cosine mean {mean:.4f} min {low:.4f}")
    assert mean >= 0.95


@pytest.mark.model
def test_a_text_encodes_the_same_whatever_its_neighbours(onnx_encoder):
    whole = onnx_encoder.encode(TEXTS, "passage", batch_size=16)
    for i, text in enumerate(TEXTS):
        alone = onnx_encoder.encode([text], "passage")
        assert np.array_equal(whole.vectors[i], alone.vectors[0])
        assert np.array_equal(whole.spans[i], alone.spans[0])
        assert np.array_equal(whole.tokens[i], alone.tokens[0])
    assert onnx_encoder.encode([], "query").vectors.shape == (0, 384)


@pytest.mark.model
def test_answers_through_the_engine(onnx_encoder, settings, tmp_path):
    from summit_qa.qa import SummitQA

    engine = SummitQA.for_encoder(onnx_encoder, settings.with_flags(index_root=tmp_path), say=lambda *_: None)
    res = engine.answer("金正恩哪天抵达越南？")
    assert res.answered and res.passages[0].date == "2019-02-26"
    assert not engine.answer("法国的首都是哪里？").answered
