"""Encoders: the embedded e5-small as int8 ONNX questions over an fp32-built index, or on torch."""

from __future__ import annotations

from collections.abc import Callable

from summit_qa.encoders.base import Encoder
from summit_qa.settings import Settings


def open_encoder(settings: Settings, say: Callable[[str], None] = print) -> Encoder:
    """The model ``settings`` name on its runtime, loaded once per process: int8 ONNX
    (no torch imported) or sentence-transformers."""
    if settings.runtime == "onnx":
        from summit_qa.encoders.int8 import Int8Questions, OnnxEncoder

        return Int8Questions(OnnxEncoder.shared(settings.home, progress=say), settings.home, say)
    from summit_qa.encoders.sentence_transformer import Embedder

    return Embedder.shared(settings.model, settings.home, progress=say)
