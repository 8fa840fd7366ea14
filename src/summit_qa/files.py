"""Bytes on disk: ``.npy`` without pickle, SHA-256, writes that never leave half a file,
an exclusive lock shared by threads and processes, and storage faults named.

Every index and model file goes through :func:`write_atomic`: written to a
temporary name beside its target, flushed, then renamed, so a crash leaves the
old file or none.  The temporary name carries the writer's process id, which
lets a later start tell debris of a dead process from a live writer's file.
:func:`write_files` writes a set of files whole or not at all.

A folder that cannot take a write (a full disk, a read-only folder, a file where
the folder should be) is a :class:`StorageError` whose message names the folder
and the setting that chose it; :func:`probe_folder` finds it before a long job.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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


# ------------------------------------------------------------------ storage faults
PROBE_BYTES = 16 << 10  # what a write probe writes and syncs before it is deleted

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "this user may not write there",
    errno.EPERM: "this user may not write there",
    errno.ENOENT: "the folder cannot be created there",
}


class StorageError(OSError):
    """A folder cannot take a write; the message names the folder, why, and the setting to change."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.errno = code
        self.message = message

    def __str__(self) -> str:
        return self.message


def _blocker(path: Path) -> Path | None:
    """A file that stands where ``path`` or one of its folders should be."""
    for p in (path, *path.parents):
        if p.exists():
            return None if p.is_dir() else p
    return None


def storage_error(folder: Path, setting: str, exc: OSError, detail: str = "") -> StorageError:
    """``exc`` (raised writing into ``folder``) as one line naming the folder and ``setting``."""
    if isinstance(exc, StorageError):
        return exc
    folder = Path(folder)
    blocker = _blocker(folder)
    if blocker is not None:
        reason = f"{blocker} is a file, not a folder"
    else:
        reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT) and blocker is None
    advice = (
        f"free space there, or set {setting} to a folder on a disk with room"
        if full
        else f"set {setting} to a folder this user can write"
    )
    extra = f" ({detail})" if detail else ""
    return StorageError(f"cannot write to {folder}: {reason}{extra}: {advice}", exc.errno)


def probe_folder(folder: Path, setting: str, size: int = PROBE_BYTES) -> None:
    """Make sure ``folder`` is a folder this process can write ``size`` bytes to: created if
    missing, then a probe file written, synced and deleted (``size`` 0: created only).
    Raises :class:`StorageError` naming the folder and ``setting``."""
    folder = Path(folder)
    probe = temp_name(folder / "write-probe")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if size:
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                view = memoryview(os.urandom(size))
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        raise storage_error(folder, setting, exc) from None
    finally:
        if size:
            with suppress(OSError):
                probe.unlink()


def write_files(folder: Path, files: dict[str, bytes], setting: str) -> None:
    """Write ``files`` (name: bytes) into ``folder`` in their order, each through
    :func:`write_atomic`, all or none: on any error the files already written are removed,
    and a storage fault is raised as a :class:`StorageError` naming ``setting``."""
    folder = Path(folder)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_atomic(folder / name, data)
            written.append(folder / name)
    except BaseException as exc:
        for path in [*written, *(temp_name(folder / name) for name in files)]:
            with suppress(OSError):
                path.unlink()
        if isinstance(exc, OSError):
            size = sum(len(data) for data in files.values())
            raise storage_error(folder, setting, exc, f"{size / 1e6:.1f} MB to write") from exc
        raise
