"""A model folder we built ourselves, checked before it is trusted; and nothing left behind.

When the default model is rebuilt, every file of the folder is recorded with its
SHA-256, size and modification time (``summit_qa_rebuild.json``).  At start the
sizes and times are compared (cheap); a file whose time changed is hashed again,
so bytes written into the weights are caught; a missing or truncated file names
itself.  ``summit-qa doctor`` and a failed load hash everything.  Rebuilds run
under a lock file, so two processes never rebuild at once, and stale temporary
folders and files of dead processes are removed at start.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from summit_qa.files import locked_file

RECORD = "summit_qa_rebuild.json"
_CHUNK = 1 << 20
# .rebuild-PID-xxxx, .export-PID-xxxx (onnx_encoder), .NAME.tmp-PID
_OWNED = re.compile(r"^\.(?:(?:rebuild|export)-(\d+)-.*|.+\.tmp-(\d+))$")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    size: int
    mtime_ns: int


def record_folder(folder: Path, extra: dict | None = None) -> dict:
    """Write ``RECORD`` in ``folder``: every other file's checksum, size and time."""
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != RECORD):
        stat = path.stat()
        files[path.relative_to(folder).as_posix()] = {
            "sha256": file_sha256(path),
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
        }
    record = {**(extra or {}), "files": files}
    (folder / RECORD).write_text(json.dumps(record, indent=1))
    return record


def install_folder(built: Path, target: Path, extra: dict | None = None) -> Path:
    """Record ``built`` (see :func:`record_folder`) and move it into ``target``'s place,
    so a folder is either the old one or the whole new one, never half written."""
    record_folder(built, extra)
    if target.exists():
        shutil.rmtree(target)
    os.replace(built, target)
    return target


def read_record(folder: Path) -> dict[str, FileRecord] | None:
    """The files ``RECORD`` lists, or None when there is no usable record."""
    try:
        raw = json.loads((folder / RECORD).read_text())
        return {
            name: FileRecord(str(v["sha256"]), int(v["size"]), int(v["mtime_ns"]))
            for name, v in raw["files"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def folder_problem(folder: Path, full: bool = False) -> str | None:
    """Why ``folder`` is not the model that was recorded, or None.  Quick by default: sizes
    and times, and a checksum only of a file whose time changed; ``full``: every checksum."""
    if not folder.is_dir():
        return f"{folder} is missing"
    files = read_record(folder)
    if not files:
        return f"{folder / RECORD} is missing or unreadable (an interrupted or older rebuild)"
    for name, want in files.items():
        path = folder / name
        try:
            stat = path.stat()
        except OSError:
            return f"{name} is missing"
        if stat.st_size != want.size:
            return f"{name} has {stat.st_size:,} bytes, {want.size:,} were written (truncated or replaced)"
        if (full or stat.st_mtime_ns != want.mtime_ns) and file_sha256(path) != want.sha256:
            return f"{name} changed since it was written (checksum mismatch)"
    return None


def recorded_hash(folder: Path, name: str) -> str:
    """The recorded checksum of one file of ``folder`` ("" when not recorded)."""
    files = read_record(folder) or {}
    return files[name].sha256 if name in files else ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_debris(folder: Path) -> list[str]:
    """Remove the temporary folders and files that dead processes left in ``folder``
    (``.rebuild-PID-…``, ``.NAME.tmp-PID``); returns their names."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _OWNED.match(path.name)
        if not m:
            continue
        pid = int(m.group(1) or m.group(2))
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path.name)
        except OSError:
            pass
    return removed


@contextmanager
def locked(folder: Path, name: str = ".lock") -> Iterator[None]:
    """An exclusive lock on ``folder`` across processes (a second rebuild waits for the first)."""
    with locked_file(folder / name):
        yield
