"""Bytes on disk: ``.npy`` without pickle, SHA-256, writes that never leave half a file,
and an exclusive lock shared by threads and processes.

Every index and model file goes through :func:`write_atomic`: written to a
temporary name beside its target, flushed, then renamed, so a crash leaves the
old file or none.  The temporary name carries the writer's process id, which
lets a later start tell debris of a dead process from a live writer's file.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


@contextmanager
def locked_file(path: Path, flags: int = os.O_RDWR) -> Iterator[int]:
    """``path`` opened (created if missing) under an exclusive lock: ``flock`` across
    processes and a lock per path across this process's threads (``flock`` alone does
    not order two threads that open the file separately).  Yields the file descriptor."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCKS_GUARD:
        lock = _THREAD_LOCKS.setdefault(str(path.resolve()), threading.Lock())
    with lock:
        fd = os.open(path, flags | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
