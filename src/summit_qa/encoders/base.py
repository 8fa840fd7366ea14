"""What every encoder is: the protocol the index builds with, and what an index records of it.

An encoder turns texts into one normalised vector each plus each text's token
vectors (for late interaction); queries and passages get the model's prompts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

E5_PROMPTS = {"query": "query: ", "passage": "passage: "}
# Known prompts for models a user with internet may name instead.
KNOWN_PROMPTS: dict[str, dict[str, str]] = {
    "intfloat/multilingual-e5-small": E5_PROMPTS,
    "intfloat/multilingual-e5-base": E5_PROMPTS,
    "intfloat/multilingual-e5-large": E5_PROMPTS,
    "BAAI/bge-m3": {"query": "", "passage": ""},
}
# The hidden layer whose token vectors feed late interaction: the penultimate.
# On the eval set the last layer ranks worse (docs/ranking.md), the earlier ones too.
TOKEN_LAYER = -2


@dataclass(frozen=True)
class EmbedderInfo:
    """What an index records about the model that built it."""

    model_id: str
    dimension: int
    query_prompt: str
    passage_prompt: str
    token_layer: int = TOKEN_LAYER
    weights: str = ""  # SHA-256 of the weights file a rebuild recorded ("" for a hub model)
    variant: str = ""  # how the weights run, when not as published: "int8" (onnx_encoder)


@dataclass(frozen=True)
class Encoded:
    """Texts as one normalised vector each plus, per text, its content tokens.

    ``tokens[i]`` holds text i's normalised token vectors (words and numbers:
    no prompt, special or punctuation tokens) and ``spans[i]`` their character
    spans in the text, so a passage's tokens can be grouped by sentence.
    """

    vectors: np.ndarray
    tokens: list[np.ndarray]
    spans: list[np.ndarray]


def content_tokens(
    text: str, offsets: list[tuple[int, int]], prompt_chars: int
) -> list[tuple[int, int, int]]:
    """``(position, start, end)`` of each token carrying a word or number of ``text``,
    its span counted in ``text`` (the prompt before it excluded)."""
    keep = []
    for position, (start, end) in enumerate(offsets):
        # A word's offsets may take in the space before it, the prompt's last char.
        start, end = max(start - prompt_chars, 0), end - prompt_chars
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            keep.append((position, start, end))
    return keep


class Encoder(Protocol):
    """What the index needs from a model (see :class:`summit_qa.encoders.sentence_transformer.Embedder`).

    An encoder may also have ``build_with(build)``: :func:`load_or_build` then builds
    through it, with the model it names (``int8.Int8Questions``: the fp32 one).
    """

    info: EmbedderInfo

    def encode(
        self, texts: list[str], kind: str, batch_size: int = 16, progress: bool = False
    ) -> Encoded: ...
