"""Cross-script names: how English, Korean, Japanese and Vietnamese readers write the
page's proper names (people, places, bodies, named things), mapped to the Chinese form
printed on the page.  Names only: common words come from the dictionaries (lexicon.py)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from summit_qa.page.language import has_latin


class GlossaryError(ValueError):
    """``glossary.json`` is not in the expected format."""


def alias_pattern(alias: str) -> re.Pattern[str]:
    """Latin-script aliases match whole Latin words (all-caps ones, like "US", by case), also
    against Han or Hangul ("Pompeo第二次", "Trump은"); CJK and Hangul ones match anywhere,
    since particles attach to them ("김정은은")."""
    escaped = re.escape(alias)
    if not has_latin(alias):
        return re.compile(escaped)
    flags = 0 if alias.isupper() else re.I
    return re.compile(f"{_NOT_AFTER}{escaped}{_NOT_BEFORE}", flags)


_LATIN_CHAR = r"[0-9A-Za-z_\u00c0-\u024f\u1e00-\u1eff]"
_NOT_AFTER, _NOT_BEFORE = f"(?<!{_LATIN_CHAR})", f"(?!{_LATIN_CHAR})"


def alias_text(pattern: re.Pattern[str]) -> str:
    """The alias an :func:`alias_pattern` matches, as written."""
    text = pattern.pattern.removeprefix(_NOT_AFTER).removesuffix(_NOT_BEFORE)
    return re.sub(r"\\(.)", r"\1", text)


# What an entry names: a person, place, body (organisation) or named thing of the page.
# ("term", a common word, is still read for a user's own glossary; the shipped one has none.)
NAME_TYPES = ("person", "place", "body", "thing")
TYPES = (*NAME_TYPES, "term")
READER_LANGUAGES = ("en", "ko", "ja", "vi")


@dataclass(frozen=True, eq=False)
class Glossary:
    """Cross-script aliases → the Chinese form printed on the page."""

    aliases: tuple[tuple[re.Pattern[str], str], ...]
    types: dict[str, str] = field(default_factory=dict)  # Chinese form → one of TYPES
    shown: dict[tuple[str, str], str] = field(default_factory=dict)  # (Chinese form, language) → display name
    variants: dict[str, str] = field(default_factory=dict)  # a Taiwan / Hong Kong form → the page's form

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """The glossary at ``path`` (none there: an empty one); a malformed file names itself."""
        if not path.exists():
            return cls(())
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
            pairs, types, shown, variants = [], {}, {}, {}
            for entry in entries:
                zh, kind = entry["zh"], entry.get("type", "term")
                if not isinstance(zh, str) or not zh or kind not in TYPES:
                    raise ValueError(f"entry {zh!r}: bad Chinese form or type {kind!r}")
                types[zh] = kind
                aliases = []
                for language in READER_LANGUAGES:
                    names = [a.strip() for a in entry.get(language, []) if a.strip()]
                    if names:
                        shown[(zh, language)] = names[0]
                    aliases += names
                aliases += [a.strip() for a in entry.get("aliases", [])]  # a glossary of the older format
                for form in entry.get("zh-Hant", []):  # "川普" for 特朗普, in either script
                    variants[form.strip()] = zh
                    aliases.append(form.strip())
                pairs += [(alias_pattern(a), zh) for a in dict.fromkeys(aliases) if a]
                if kind != "term":  # a name is also found in its own (Chinese) form
                    pairs.append((re.compile(re.escape(zh)), zh))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise GlossaryError(f"{path}: not a glossary ({exc.__class__.__name__}: {exc})") from exc
        return cls(tuple(pairs), types, shown, variants)

    def with_family_names(self, page_text: str) -> Glossary:
        """The glossary where a Korean family name read alone ("Kim", "kim") is the person of that
        name the page names most, when it names them at least twice as often as any other:
        news English calls 金正恩 "Kim".  Korean names only (family name first, a ``ko`` form);
        "Kim" before a given name ("Kim Yong Chol", "Kim Joon-hyung") is someone else's."""
        bearers: dict[str, set[str]] = {}
        given: dict[str, set[str]] = {}
        for pattern, zh in self.aliases:
            words = re.split(r"[ -]", alias_text(pattern))
            if self.types.get(zh) == "person" and (zh, "ko") in self.shown and len(words) >= 2:
                bearers.setdefault(words[0], set()).add(zh)
                given.setdefault(words[0], set()).add(words[1])
        added = []
        for family, people in bearers.items():
            counts = sorted(((page_text.count(zh), zh) for zh in people), reverse=True)
            runner_up = counts[1][0] if len(counts) > 1 else 0
            if has_latin(family) and counts[0][0] >= 2 * max(1, runner_up):
                names = "|".join(re.escape(g) for g in sorted(given[family]))
                # not before a given name: one of the glossary's, or any capitalised word
                pattern = rf"{_NOT_AFTER}{re.escape(family)}(?![ -](?:{names})|(?-i:[ -][A-Z])){_NOT_BEFORE}"
                added.append((re.compile(pattern, re.I), counts[0][1]))
                added += self._titled_family(counts[0][1])
        return replace(self, aliases=(*self.aliases, *added)) if added else self

    def _titled_family(self, person: str) -> list[tuple[re.Pattern[str], str]]:
        """``person``'s family name in Hangul or Han characters before the party title Korean and
        Japanese news give a leader ("김 위원장", "金委員長", "김 국무위원장님"): a family name
        is never written alone in those scripts, so only with the title.  A vice-chairman
        ("김 부위원장", "金副委员长") puts 부/副 between them and is someone else."""
        korean = self.shown.get((person, "ko"), "")
        families = [f for f in (person[:1], korean[:1]) if f]
        if not korean or not families:
            return []
        family = "|".join(re.escape(f) for f in dict.fromkeys(families))
        titles = "국무위원장|위원장|国务委员长|國務委員長|国務委員長|委员长|委員長"
        return [(re.compile(rf"(?:{family})\s?(?:{titles})"), person)]

    def latin_words(self) -> frozenset[str]:
        """Every Latin word of the names, lower case ("kim", "hanoi"): words a reader types
        that are names, not English words or typos."""
        return _latin_words(self)

    def display(self, zh: str, language: str) -> str | None:
        """How a reader of ``language`` writes the name ``zh`` (Vietnamese falls back to the
        English form, the Latin spelling Vietnamese uses for foreign names)."""
        return self.shown.get((zh, language)) or (self.shown.get((zh, "en")) if language == "vi" else None)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one glossary per process; rank() asks twice
    def chinese_terms(self, question: str) -> tuple[str, ...]:
        """The Chinese forms of every name and term ``question`` writes, in glossary order."""
        return tuple(dict.fromkeys(zh for pattern, zh in self.aliases if pattern.search(question)))

    def spans(self, text: str, name: str) -> list[tuple[int, int]]:
        """Every place ``text`` writes ``name`` (a Chinese form of the glossary), in any script."""
        found = [
            (m.start(), m.end()) for pattern, zh in self.aliases if zh == name for m in pattern.finditer(text)
        ]
        return found + [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]

    def position(self, text: str, name: str) -> int:
        """Where ``text`` first writes ``name`` in any script; ``len(text)`` when it does not."""
        return min((start for start, _ in self.spans(text, name)), default=len(text))

    def names(self, text: str, types: tuple[str, ...] = NAME_TYPES) -> tuple[str, ...]:
        """The page's names (Chinese forms) that ``text`` mentions, in any script; a
        name inside a longer one ("朝鲜" in "朝鲜劳动党") counts once, as the longer."""
        found = [zh for zh in self.chinese_terms(text) if self.types.get(zh) in types]
        return tuple(zh for zh in found if not any(zh != other and zh in other for other in found))

    def page_forms(self, text: str) -> str:
        """``text`` with the Chinese forms Taiwan and Hong Kong write ("川普", "北韩") as the
        page prints them ("特朗普", "朝鲜"), longest first."""
        for variant in sorted(self.variants, key=len, reverse=True):
            if variant in text:
                text = text.replace(variant, self.variants[variant])
        return text

    def strip_names(self, text: str, types: tuple[str, ...] = NAME_TYPES, sep: str = " ") -> str:
        """``text`` with the names of ``types`` it writes (any script) replaced by ``sep``."""
        found = set(self.chinese_terms(text))  # remembered per text: only these are replaced
        for pattern, zh in self.aliases:
            if zh in found and self.types.get(zh) in types:
                text = pattern.sub(sep, text)
        return " ".join(text.split())


@functools.lru_cache(maxsize=8)
def _latin_words(glossary: Glossary) -> frozenset[str]:
    return frozenset(
        w.lower() for pattern, _ in glossary.aliases for w in re.findall(r"[A-Za-z]{2,}", alias_text(pattern))
    )
