"""The default model as int8 ONNX, served by onnxruntime without torch.

Why: loading torch and sentence-transformers dominates a new process's start
and its memory, and one question is encoded on two cores.  :func:`export_int8`
turns the rebuilt e5-small (:func:`summit_qa.embedding.ensure_default_model`)
into one ONNX graph with the two outputs :class:`~summit_qa.embedding.Embedder`
reads from its forward pass, the mean-pooled sentence vector and the
penultimate layer's tokens, then quantises its weights to int8.  Exporting
needs torch; :class:`OnnxEncoder` needs only onnxruntime, ``tokenizers`` and
numpy, and honours the same :class:`~summit_qa.embedding.Encoded` contract.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from summit_qa.embedding import (
    E5_PROMPTS,
    TOKEN_LAYER,
    EmbedderInfo,
    Encoded,
    content_tokens,
    e5_small_dir,
    ensure_default_model,
)
from summit_qa.settings import DEFAULT_MODEL

ONNX_FILE = "model-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "summit_qa_onnx.json"
_EXPORT_VERSION = 1
_OPSET = 17


def int8_dir(home: Path) -> Path:
    """Where the default model's int8 export lives, beside the rebuilt model it comes from."""
    source = e5_small_dir(home)
    return source.with_name(f"{source.name}-onnx-int8-v{_EXPORT_VERSION}")


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
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        fp32 = work / "model-fp32.onnx"
        out = work / "out"
        out.mkdir()
        with torch.inference_mode():
            torch.onnx.export(
                Body(bert),
                (ids, mask),
                str(fp32),
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
        quantize_dynamic(fp32, out / ONNX_FILE, per_channel=True, weight_type=QuantType.QInt8)
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
        if target.exists():
            shutil.rmtree(target)
        os.replace(out, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def ensure_int8_model(home: Path, progress: Callable[[str], None] = print) -> Path:
    """The int8 export of the default model, made once (with torch) if missing."""
    target = int8_dir(home)
    if not (target / META_FILE).exists():
        source = ensure_default_model(home, progress)
        progress(f"Exporting {source.name} to int8 ONNX in {target} (once, ~1 min)…")
        export_int8(source, target)
    return target


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


class OnnxEncoder:
    """:class:`~summit_qa.embedding.Embedder`'s surface over an int8 ONNX export."""

    _shared: dict[tuple[str, int], OnnxEncoder] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls, home: Path, threads: int = 1, progress: Callable[[str], None] = print) -> OnnxEncoder:
        """One session per (home, threads) in a process, as ``Embedder.shared`` does."""
        key = (str(home), threads)
        with cls._shared_lock:
            if key not in cls._shared:
                cls._shared[key] = cls(ensure_int8_model(home, progress), threads)
            return cls._shared[key]

    def __init__(self, folder: Path, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = Path(folder)
        meta = json.loads((folder / META_FILE).read_text())
        self.name: str = meta["model_id"]
        self.prompts: dict[str, str] = meta["prompts"]
        self._dimension = int(meta["dimension"])
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        # As sentence-transformers calls it: at most max_length tokens, specials included.
        self.tokenizer.enable_truncation(max_length=int(meta["max_length"]))
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
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
