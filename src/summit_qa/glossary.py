"""Cross-script names: how English, Korean, Japanese and Vietnamese questions write
the page's names and terms, mapped to the Chinese form printed on the page."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from summit_qa.language import has_latin


class GlossaryError(ValueError):
    """``glossary.json`` is not in the expected format."""


def alias_pattern(alias: str) -> re.Pattern[str]:
    """Latin-script aliases match whole words (all-caps ones, like "US", by case);
    CJK and Hangul ones match anywhere, since particles attach to them ("김정은은")."""
    escaped = re.escape(alias)
    if not has_latin(alias):
        return re.compile(escaped)
    flags = 0 if alias.isupper() else re.I
    return re.compile(rf"(?<!\w){escaped}(?!\w)", flags)


@dataclass(frozen=True, eq=False)
class Glossary:
    """Cross-script aliases → the Chinese form printed on the page."""

    aliases: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """The glossary at ``path`` (none there: an empty one); a malformed file names itself."""
        if not path.exists():
            return cls(())
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
            pairs = [
                (alias_pattern(alias.strip()), entry["zh"]) for entry in entries for alias in entry["aliases"]
            ]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise GlossaryError(f"{path}: not a glossary ({exc.__class__.__name__}: {exc})") from exc
        return cls(tuple(pairs))

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one glossary per process; rank() asks twice
    def chinese_terms(self, question: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(zh for pattern, zh in self.aliases if pattern.search(question)))
