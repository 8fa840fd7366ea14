"""The conversation's memory: earlier turns as they were read, bounded and thread-safe.

A follow-up is read with the turns before it, and each of those was itself read
with the ones before *it*.  The turns are read oldest first, in one loop, each
with the ``window`` turns before it, so a history costs time linear in the turns
kept; each reading is remembered by the ``window`` questions before it and itself,
so a chat of any length pays only for its newest question.  A request carries at most ``max_turns``
earlier questions and ``max_chars`` characters of them; older ones are dropped
before anything is read.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from summit_qa.answering.followups import Turn

# How many of the turns before a question are read with it.
WINDOW = 12
# How many earlier user turns a request may carry, and how many characters of them (the
# newest are kept): twice the window, so the last ``WINDOW`` turns are each read with the
# ``WINDOW`` before them, and no request costs more than ``MAX_TURNS`` readings.
MAX_TURNS = 2 * WINDOW
MAX_CHARS = 20_000
# More unread earlier turns than this make a cold history (see ConversationMemory.earlier).
COLD = 2

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LockedCache(Generic[K, V]):
    """A bounded mapping (oldest entry dropped first) that threads may share.

    Values are computed outside the lock: two threads asking for the same missing
    key may both compute it, and the second result is kept; neither blocks the other.
    """

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_compute(self, key: K, compute: Callable[[], V]) -> V:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


def kept(questions: list[str], max_turns: int = MAX_TURNS, max_chars: int = MAX_CHARS) -> list[str]:
    """The newest questions within both caps (a single over-long question is cut to the cap)."""
    out: list[str] = []
    total = 0
    for q in reversed(questions[-max_turns:] if max_turns > 0 else []):
        if total + len(q) > max_chars:
            if not out:
                out.append(q[-max_chars:])
            break
        out.append(q)
        total += len(q)
    return out[::-1]


# Reads one question with the turns before it: (question, earlier turns, language
# of the conversation so far) -> the turn to remember.
Reader = Callable[[str, list[Turn], str], Turn]
LanguageOf = Callable[[list[str]], str]


class ConversationMemory:
    """Earlier turns, read once each and remembered by the conversation up to them."""

    def __init__(self, window: int = WINDOW, size: int = 1024):
        self.window = window
        self._turns: LockedCache[tuple[str, ...], Turn] = LockedCache(size)
        self.reads = 0  # turns read (not found in memory): tests count them
        self._cold = threading.Lock()  # one cold history is read at a time

    def earlier(self, questions: list[str], read: Reader, language_of: LanguageOf) -> list[Turn]:
        """The last ``window`` of ``questions`` as turns, each read after the ``window``
        before it; ``questions`` is already capped (see :func:`kept`).

        A history with more than ``COLD`` turns not in memory (a shared link, an API call
        carrying a long chat) is read under one lock, yielding between readings, so two
        such requests never crowd out an ordinary question; a chat's own next turn finds
        its earlier turns in memory and takes no lock."""
        keys = [self._key(questions[: i + 1]) for i in range(len(questions))]
        unread = sum(self._turns.get(k) is None for k in keys)
        if unread <= COLD:
            return self._read_all(questions, keys, read, language_of, yielding=False)
        with self._cold:
            return self._read_all(questions, keys, read, language_of, yielding=True)

    def _read_all(self, questions, keys, read: Reader, language_of: LanguageOf, yielding: bool) -> list[Turn]:
        turns: list[Turn] = []
        for i in range(len(questions)):
            key = keys[i]
            turn = self._turns.get(key)  # again: the request that held the lock may have read it
            if turn is None:
                if yielding:
                    time.sleep(0)  # let a waiting ordinary question take the interpreter
                before = questions[max(0, i - self.window) : i]
                turn = read(questions[i], turns[-self.window :], language_of(before))
                self.reads += 1
                self._turns.put(key, turn)
            turns.append(turn)
        return turns[-self.window :]

    def _key(self, questions) -> tuple[str, ...]:
        """A turn's reading is remembered by the questions it was read with and itself."""
        return tuple(questions[-(self.window + 1) :])

    def remember(self, questions: tuple[str, ...], turn: Turn) -> None:
        """The reading of the last of ``questions``, after the ones before it."""
        self._turns.put(self._key(questions), turn)

    def forget(self) -> None:
        self._turns.clear()
