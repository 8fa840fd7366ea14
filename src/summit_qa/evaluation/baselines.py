"""The eval's columns: the engine's own config changed to the two retrievers alone, to
late interaction alone, to ablations of the hybrid, and the shipped hybrid (last)."""

from __future__ import annotations

from dataclasses import replace

from summit_qa.retrieval.weights import RankingConfig

BASELINES: dict[str, dict[str, object]] = {
    "lexical": dict(
        use_dense=False,
        use_late=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
    ),
    "dense": dict(
        use_lexical=False,
        use_late=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
        sentence_weight=0.0,
    ),
    "late": dict(
        use_dense=False,
        use_lexical=False,
        use_glossary=False,
        use_dates=False,
        use_phrases=False,
        label_weight=0.0,
        late_sentence_weight=0.0,
    ),
    "hybrid-no-late": dict(use_late=False),
    "hybrid-jieba": dict(lexical_tokenizer="jieba"),
    "hybrid-no-glossary": dict(use_glossary=False),
    "hybrid-no-lexicon": dict(use_lexicon=False),
    "hybrid-no-temporal": dict(use_temporal_scope=False),
    "hybrid-no-phrase": dict(use_phrases=False, label_weight=0.0),
    "hybrid": {},
}


def baselines(shipped: RankingConfig) -> dict[str, RankingConfig]:
    """:data:`BASELINES` applied to ``shipped`` (the engine's config for its model)."""
    return {name: replace(shipped, **changes) for name, changes in BASELINES.items()}
