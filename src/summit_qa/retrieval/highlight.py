"""Which sentence of an answer passage to mark: the one that answers best."""

from __future__ import annotations

from collections.abc import Callable

from summit_qa.page.passages import Passage


def best_sentence(
    passage: Passage,
    dense_span: tuple[int, int] | None,
    wanted_terms: set[int],
    terms_of: Callable[[str], list[int]],
) -> tuple[int, int]:
    """The span to mark in ``passage.text``.

    The sentence whose vector ranked best for the question (``dense_span``),
    when the passage's best unit was a sentence; otherwise the sentence sharing
    most lexical terms with the question (the first of equals); the whole text
    when the passage has one sentence.
    """
    if dense_span is not None:
        return dense_span
    spans = passage.sentences()
    if len(spans) <= 1:
        return (0, len(passage.text))
    return max(spans, key=lambda s: len(wanted_terms & set(terms_of(passage.text[s[0] : s[1]]))))
