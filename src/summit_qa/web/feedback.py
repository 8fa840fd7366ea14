"""Feedback on answers: a like or dislike (and, after a dislike, the passage that was right),
appended as one JSON line to ``<state dir>/feedback.jsonl``.

No IP address or user id is kept: the question, its language, how many turns came
before it, the passages shown, the verdict and the time.  Each record is written
in one ``write`` to a file opened for appending, under an exclusive ``flock`` (of
``feedback.lock``), so two users clicking at once (threads or processes) never
interleave or lose a line.  ``summit-qa feedback`` lists the records and exports
disliked answers as candidate eval pairs for a person to review.

Bounded: every field has a cap (:data:`LIMITS`) and a record over one is refused
with a message saying which (:class:`FeedbackRefused`), never stored.  The file has
a cap too (``SUMMIT_QA_FEEDBACK_MAX_MB``): a record that would take it past the cap
first moves it to ``feedback.1.jsonl`` (the one older file kept, replacing the one
before), so the folder never holds more than about twice the cap and no accepted
record is lost at the rotation.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from summit_qa.answering.memory import MAX_TURNS
from summit_qa.files import locked_file, storage_error
from summit_qa.page.language import MAX_QUESTION_CHARS
from summit_qa.settings import ENV

VERDICTS = ("like", "dislike")
FILE, OLD_FILE, LOCK_FILE = "feedback.jsonl", "feedback.1.jsonl", "feedback.lock"
DEFAULT_MAX_BYTES = 10_000_000  # SUMMIT_QA_FEEDBACK_MAX_MB's default, 10 MB
# The caps of a record's fields: the longest question the chat reads, the turns of history the
# chat keeps, more passages than the page has, and ids, language tags and times of any real length.
LIMITS = {
    "question": MAX_QUESTION_CHARS,  # characters
    "history": 20 * MAX_TURNS,  # earlier questions (a count)
    "shown": 64,  # passage ids
    "id": 64,  # characters of a passage id (each shown one and the right one)
    "language": 16,  # characters
    "time": 40,  # characters
}


class FeedbackRefused(ValueError):
    """A record that cannot be stored: its message says why, for the user or API client."""


def _problem(f: Feedback) -> str | None:
    """Why ``f`` cannot be stored, or None."""
    if f.verdict not in VERDICTS:
        return f"verdict {f.verdict!r} is not one of {VERDICTS}"
    if not isinstance(f.question, str):
        return "the question is not text"
    if len(f.question) > LIMITS["question"]:
        return f"the question has {len(f.question):,} characters; at most {LIMITS['question']:,} are kept"
    history = f.history
    if not isinstance(history, int) or isinstance(history, bool) or not 0 <= history <= LIMITS["history"]:
        return f"history {history!r} is not a count of earlier questions 0-{LIMITS['history']:,}"
    if len(f.shown) > LIMITS["shown"]:
        return f"{len(f.shown)} passages shown; at most {LIMITS['shown']} are kept"
    ids = [*f.shown, *([f.right] if f.right is not None else [])]
    if not all(isinstance(i, str) and 0 < len(i) <= LIMITS["id"] for i in ids):
        return f"a passage id is not text of 1-{LIMITS['id']} characters"
    for name in ("language", "time"):
        value = getattr(f, name)
        if not isinstance(value, str) or len(value) > LIMITS[name]:
            return f"{name} is not text of at most {LIMITS[name]} characters"
    if f.right is not None and f.right not in f.shown:
        return f"the right passage {f.right!r} was not shown"
    return None


@dataclass(frozen=True)
class Feedback:
    question: str
    language: str
    history: int  # how many user turns came before the question
    shown: tuple[str, ...]  # the passage ids of the reply, best first
    verdict: str  # "like" or "dislike"
    right: str | None = None  # after a dislike: the shown passage the user says was right
    time: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        if not isinstance(self.shown, tuple):
            object.__setattr__(self, "shown", tuple(self.shown) if isinstance(self.shown, list) else ())
        problem = _problem(self)
        if problem:
            raise FeedbackRefused(f"feedback not recorded: {problem}")


class FeedbackStore:
    """Append-only feedback records in one JSONL file, rotated beyond ``max_bytes``."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES):
        self.folder = Path(folder)
        self.path, self.old_path = self.folder / FILE, self.folder / OLD_FILE
        self.max_bytes = max_bytes

    def add(self, feedback: Feedback) -> None:
        """Append one record (its fields checked when it was made); a storage fault (a full
        disk, a read-only folder) is a :class:`~summit_qa.files.StorageError` naming the file and
        ``SUMMIT_QA_HOME``, and leaves the file as it was."""
        line = (json.dumps(asdict(feedback), ensure_ascii=False) + "\n").encode()
        try:
            with locked_file(self.folder / LOCK_FILE):
                self._append(line)
        except OSError as exc:
            raise storage_error(self.folder, ENV["home"], exc, f"saving feedback to {self.path}") from exc

    def _append(self, line: bytes) -> None:
        size = self.path.stat().st_size if self.path.exists() else 0
        if size and size + len(line) > self.max_bytes:
            os.replace(self.path, self.old_path)  # the one older file kept; the one before goes
            size = 0
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            written = os.write(fd, line)
            if written != len(line):  # a full disk: no half line left for the next record to join
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        except OSError:
            os.ftruncate(fd, size)
            raise
        finally:
            os.close(fd)

    def read(self) -> tuple[list[Feedback], int]:
        """The records, oldest first (the rotated file's, then the current file's), and how many
        lines could not be read (left in the file untouched)."""
        records: list[Feedback] = []
        bad = 0
        for path in (self.old_path, self.path):
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                    raw["shown"] = tuple(raw["shown"])
                    records.append(Feedback(**raw))
                except (ValueError, TypeError, KeyError):
                    bad += 1
        return records, bad


def candidate_pairs(records: list[Feedback], passages: dict[str, str]) -> list[dict]:
    """Disliked answers as eval pairs to review: the question and, where the user picked the
    right passage, a start of its text as the answer to check (else answers empty: to fill).
    A dislike followed by its pick of the right passage is one pair (the later record wins)."""
    latest: dict[tuple, Feedback] = {}
    for r in records:
        if r.verdict == "dislike":
            key = (r.question, r.history, r.shown)
            latest.pop(key, None)  # re-inserted: ordered by the last record
            latest[key] = r
    out = []
    for i, r in enumerate(latest.values()):
        answers = [passages[r.right][:12]] if r.right and r.right in passages else []
        out.append(
            {
                "id": f"fb-{r.language}-{i + 1:03d}",
                "lang": r.language,
                "question": r.question,
                "answers": answers,
                "note": f"disliked {r.time}; shown {', '.join(r.shown) or 'nothing'}; review before use",
            }
        )
    return out
