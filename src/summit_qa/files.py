"""Bytes on disk: ``.npy`` without pickle, SHA-256, and writes that never leave half a file.

Every index and model file goes through :func:`write_atomic`: written to a
temporary name beside its target, flushed, then renamed, so a crash leaves the
old file or none.  The temporary name carries the writer's process id, which
lets a later start tell debris of a dead process from a live writer's file.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np


def npy_bytes(array: np.ndarray) -> bytes:
    """An array as ``.npy`` bytes (no pickle), for writing through a temp file."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npy_array(data: bytes) -> np.ndarray:
    """The inverse of :func:`npy_bytes` (no pickle)."""
    return np.load(io.BytesIO(data), allow_pickle=False)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temp_name(path: Path) -> Path:
    """Where :func:`write_atomic` stages ``path``: hidden, and named after this process."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_atomic(path: Path, data: bytes) -> None:
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
