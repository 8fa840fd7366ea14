"""The process-wide engine behind ``summit_qa.answer()``: opened once, on the environment's
settings, and shared by every caller of the module-level function."""

from __future__ import annotations

import threading
from collections.abc import Callable

from summit_qa.answering.answer import Answer
from summit_qa.answering.engine import SummitQA

_default: SummitQA | None = None
_default_lock = threading.Lock()


def default_engine(say: Callable[[str], None] = print) -> SummitQA:
    """The process-wide engine on the environment's settings, opened once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SummitQA.open(say=say)
        return _default


def answer(question: str, top_k: int = 3, history: object = None) -> Answer:
    """Answer a question about the page with its best passages, verbatim and dated.

    ``history``: the earlier turns of a conversation, oldest first (see :meth:`SummitQA.answer`).
    """
    return default_engine().answer(question, top_k=top_k, history=history)
