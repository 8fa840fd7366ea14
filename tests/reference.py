"""Reference oracles for differential tests, written plainly (not used by the product)."""

from __future__ import annotations

import numpy as np


def reference_maxsim(query: np.ndarray, passage: np.ndarray) -> float:
    """Textbook MaxSim: each query token's best dot product with a passage token, averaged."""
    if not len(query) or not len(passage):
        return 0.0
    total = 0.0
    for q in query:
        total += max(float(np.dot(q, t)) for t in passage)
    return total / len(query)
