"""Fusion: per-passage signals on comparable scales, combined by named weights.

Pure functions over a :class:`SignalTable` (one named column per signal), the
way txtai keeps its hybrid scoring apart from the search.  ``rank()`` fills the
table; the eval's weight search re-weights the same table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from summit_qa.page.dates import DateQuery
from summit_qa.page.language import CJK

# The fused signals, in column order.  A disabled signal is a column of zeros.
SIGNALS = (
    "dense",
    "translated",
    "late",
    "late_sentence",
    "lexical",
    "dates",
    "phrase",
    "label",
    "context",
    "verb",
    "day_part",
    "place",
)


def weight_vector(weights: Mapping[str, float]) -> np.ndarray:
    """Weights by name as a vector in :data:`SIGNALS` order (a missing name weighs 0)."""
    unknown = set(weights) - set(SIGNALS)
    if unknown:
        raise KeyError(f"no such signal: {sorted(unknown)}")
    return np.array([weights.get(name, 0.0) for name in SIGNALS], np.float32)


@dataclass(frozen=True)
class SignalTable:
    """Every passage's fused signals: ``values[:, SIGNALS.index(name)]`` is signal ``name``."""

    values: np.ndarray  # [passages, len(SIGNALS)] float32

    @classmethod
    def of(cls, passages: int, columns: Mapping[str, np.ndarray]) -> SignalTable:
        values = np.zeros((passages, len(SIGNALS)), np.float32)
        for name, column in columns.items():
            values[:, SIGNALS.index(name)] = column
        return cls(values)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[:, SIGNALS.index(name)]

    def fused(self, weights: Mapping[str, float]) -> np.ndarray:
        """The fused score of every passage: the signals times their weights."""
        return self.values @ weight_vector(weights)


def zscore(x: np.ndarray) -> np.ndarray:
    """Spread, not level: a signal's values centred and scaled across the page."""
    std = float(x.std())
    return (x - x.mean()) / std if std > 1e-9 else np.zeros_like(x)


def dense_mix(whole: np.ndarray, sentence: np.ndarray, sentence_weight: float) -> np.ndarray:
    """A passage's dense score: its whole-text cosine mixed with its best sentence's
    (a long paragraph's one relevant sentence is not drowned out); a passage of one
    sentence (no sentence cosine, -1) counts its whole cosine twice."""
    sentence = np.where(sentence > -1, sentence, whole)
    return (1 - sentence_weight) * whole + sentence_weight * sentence


# A question that asks what happened on a day is answered by the entries of that day, not
# by those that announce it: the passage's own date counts ``OWN_DAY``, enough to put the
# day's entries first whatever the other signals say (the question's words say little
# more than the date); a mention of the day counts as usual (a day with no entry of its
# own: "次日" inside the entry before it).
OWN_DAY = 10.0


def date_scores(
    dates: Sequence[tuple[str, ...]], wanted: Sequence[DateQuery], own_first: bool = False
) -> np.ndarray:
    """1 for each passage one of whose dates matches a date the question names.

    ``dates[i]`` is passage i's own date followed by the dates it mentions.  A
    mention counts as much as the passage's own date: "what is planned for the
    27th?" is answered by a passage dated the 25th that announces the 27th.  With
    ``own_first`` ("what happened on 12 June?") the own date counts ``OWN_DAY``, and so
    does a mention when no passage has the day as its own: a day told only inside another
    day's report ("次日，特朗普说…") is told by that report.
    """
    out = np.zeros(len(dates), np.float32)
    if not wanted:
        return out
    own_days = [bool(own and own[0] and any(q.matches(own[0]) for q in wanted)) for own in dates]
    mention = OWN_DAY if own_first and not any(own_days) else 1.0
    for i, own in enumerate(dates):
        if own_days[i]:
            out[i] = OWN_DAY if own_first else 1.0
        elif any(q.matches(d) for q in wanted for d in own if d):
            out[i] = mention
    return out


@dataclass(frozen=True)
class PhraseIndex:
    """Which passages hold each run of :data:`PHRASE_CHARS` CJK characters (spaces removed).

    A question that quotes the page ("最大任务", "战略信任缺失") shares such a run
    with the few passages it quotes; a run found in many passages ("河内会晤")
    says nothing about which one is meant.
    """

    postings: dict[str, frozenset[int]]
    most: int = 3  # a run in more passages than this is common, not a quotation

    @classmethod
    def build(cls, texts: Sequence[str], most: int = 3) -> PhraseIndex:
        postings: dict[str, set[int]] = {}
        for i, text in enumerate(texts):
            for gram in _grams(text):
                postings.setdefault(gram, set()).add(i)
        return cls({g: frozenset(p) for g, p in postings.items()}, most)

    def scores(self, question: str, passages: int) -> np.ndarray:
        """1 for each passage that shares a rare run with ``question``."""
        out = np.zeros(passages, np.float32)
        for gram in set(_grams(question)):
            found = self.postings.get(gram)
            if found and len(found) <= self.most:
                out[list(found)] = 1.0
        return out


PHRASE_CHARS = 4
_CJK_RUN = re.compile(f"[{CJK}]+")


def _grams(text: str) -> list[str]:
    runs = _CJK_RUN.findall(re.sub(r"\s+", "", text))
    return [run[i : i + PHRASE_CHARS] for run in runs for i in range(len(run) - PHRASE_CHARS + 1)]


def label_scores(
    labels: Sequence[tuple[str, int] | None],
    number: int | None,
    words: str,
    synonyms: dict[str, tuple[str, ...]] | None = None,
) -> np.ndarray:
    """1 for each enumerated label passage ("议题二：…", word 议题, number 2) whose number is
    the question's ordinal and whose word (or one of its ``synonyms``) the question or its
    glossary terms (``words``) use: "the second issue" is the paragraph labelled 议题二."""
    out = np.zeros(len(labels), np.float32)
    if number is None:
        return out
    for i, label in enumerate(labels):
        if label and label[1] == number:
            forms = (synonyms or {}).get(label[0], (label[0],))
            if any(form in words for form in forms):
                out[i] = 1.0
    return out


def rank_order(score: np.ndarray) -> np.ndarray:
    """Best first; a tie goes to the passage earlier on the page."""
    return np.argsort(-score, kind="stable")
