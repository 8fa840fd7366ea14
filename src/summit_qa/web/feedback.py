"""Feedback on answers: a like or dislike (and, after a dislike, the passage that was right),
appended as one JSON line to ``<state dir>/feedback.jsonl``.

No IP address or user id is kept: the question, its language, how many turns came
before it, the passages shown, the verdict and the time.  Each record is written
in one ``write`` to a file opened for appending, under an exclusive ``flock``, so
two users clicking at once (threads or processes) never interleave or lose a
line.  ``summit-qa feedback`` lists the records and exports disliked answers as
candidate eval pairs for a person to review.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from summit_qa.files import locked_file

VERDICTS = ("like", "dislike")
FILE = "feedback.jsonl"


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
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {VERDICTS}")
        if self.right is not None and self.right not in self.shown:
            raise ValueError(f"the right passage {self.right!r} was not shown")


class FeedbackStore:
    """Append-only feedback records in one JSONL file."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE

    def add(self, feedback: Feedback) -> None:
        line = (json.dumps(asdict(feedback), ensure_ascii=False) + "\n").encode()
        with locked_file(self.path, os.O_WRONLY | os.O_APPEND) as fd:
            os.write(fd, line)

    def read(self) -> tuple[list[Feedback], int]:
        """The records, and how many lines could not be read (left in the file untouched)."""
        if not self.path.exists():
            return [], 0
        records, bad = [], 0
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
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
