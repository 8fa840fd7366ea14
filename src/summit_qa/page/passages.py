"""The page as passages: verbatim paragraphs with their dates and metadata.

A page is a text file plus a small manifest (``*.page.json`` beside it) that says
what the text cannot: the publication date and, per article, its headline,
agency and where its body starts and ends.  Everything else is computed here:

* the text is hard-wrapped with a blank line between wrapped lines, so a line
  directly followed by another line (no blank between) is a sub-heading;
* a paragraph ends at a line that ends a sentence (。！？ with any closing
  quote) or a colon;
* in a timeline, a paragraph that does not open with a date continues the
  entry before it, so no entry is split and no two entries are merged;
* "□ 据新华社" markers are stripped and checked against the manifest.

A passage's ``text`` is the source characters in order with only the line
breaks removed, so it is always a substring of the page without newlines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summit_qa.page.dates import _REFERENCE_DAYS, DateContext, resolve

# The version of the rules below (paragraphs, sections, timeline entries): an index
# records it, so a change to them rebuilds the index.
RULES_VERSION = 2
_MARKER = re.compile(r"[ \u3000]*□[ \u3000]*据[ \u3000]*(?P<agency>\S+?)[ \u3000]*$")
_PARAGRAPH_END = re.compile(r"(?:[。！？!?…][”’\"』」）)]*|：)$")
_SENTENCE = re.compile(r".*?(?:[。！？!?…][”’\"』」）)]*|$)", re.S)
# An enumerated label paragraph ("议题一：宁边核设施与核查。"): a short line that opens
# with a word and a numeral and a colon.  It heads the paragraphs after it.
_LABEL = re.compile(r"^(?P<word>[\u4e00-\u9fff]{1,4}?)(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})[：:]")
_LABEL_CHARS = 30


class CorpusError(ValueError):
    """The data folder does not hold a page in the expected format."""


@dataclass(frozen=True)
class Passage:
    """One verbatim paragraph of an article, with the dates it mentions."""

    id: str
    text: str
    date: str | None
    dates: tuple[str, ...]
    title: str
    source: str
    section: str | None
    article: str
    position: int
    published: str
    heading: str | None = None  # the enumerated label above it ("议题一：宁边核设施与核查。")
    label: int | None = None  # its own enumeration, when it is such a label (议题二 → 2)
    # Hand-written translations from the page manifest, as (language, text) pairs.
    title_translations: tuple[tuple[str, str], ...] = ()
    source_translations: tuple[tuple[str, str], ...] = ()
    section_translations: tuple[tuple[str, str], ...] = ()
    # Every date the text writes, where it stands: (start, end, ISO), in text order.
    date_spans: tuple[tuple[int, int, str], ...] = ()

    def translated(self, field: str, language: str) -> str | None:
        """The headline ("title"), agency ("source") or section in ``language``, if written."""
        return dict(getattr(self, f"{field}_translations")).get(language)

    @property
    def label_word(self) -> str | None:
        """What a label passage enumerates ("议题二：…" → "议题")."""
        m = _LABEL.match(self.text) if self.label else None
        return m["word"] if m else None

    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of the passage's sentences (for vectors and highlights)."""
        return sentence_spans(self.text)

    def byline(self, show: Callable[[str], str] | None = None) -> str:
        """Headline · section · agency, as every view prints it (the section where there is
        one); ``show`` renders a field by name (a translation, escaping)."""
        show = show or (lambda name: getattr(self, name))
        return " · ".join(show(name) for name in ("title", "section", "source") if getattr(self, name))

    @property
    def context(self) -> str:
        """The headings above the passage (section, then label), as printed; "" if none."""
        return " ".join(h for h in (self.section, self.heading) if h)


@dataclass(frozen=True)
class Span:
    start: str
    end: str


@dataclass(frozen=True)
class ArticleSpec:
    id: str
    headline: str
    agency: str
    spans: tuple[Span, ...]
    kind: str = "article"  # or "timeline"
    headline_translations: tuple[tuple[str, str], ...] = ()
    agency_translations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PageManifest:
    path: Path
    text_file: str
    published: dt.date
    articles: tuple[ArticleSpec, ...] = field(default=())
    section_translations: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> PageManifest:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            articles = tuple(
                ArticleSpec(
                    id=a["id"],
                    headline=a["headline"],
                    agency=a["agency"],
                    kind=a.get("kind", "article"),
                    spans=tuple(Span(s["start"], s["end"]) for s in a["spans"]),
                    headline_translations=_pairs(a.get("headline_translations", {})),
                    agency_translations=_pairs(a.get("agency_translations", {})),
                )
                for a in raw["articles"]
            )
            sections = {k: _pairs(v) for k, v in raw.get("section_translations", {}).items()}
            return cls(path, raw["text_file"], dt.date.fromisoformat(raw["published"]), articles, sections)
        except (KeyError, TypeError, ValueError) as exc:
            raise CorpusError(f"{path}: not a page manifest ({exc})") from exc

    @property
    def text_path(self) -> Path:
        return self.path.parent / self.text_file


def _pairs(table: object) -> tuple[tuple[str, str], ...]:
    """A ``{language: text}`` object as sorted pairs (``TypeError`` when it is not one)."""
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TypeError(f"not a table of translations: {table!r}")
    return tuple(sorted(table.items()))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split at sentence ends, keeping closing quotes with their sentence."""
    spans = []
    for m in _SENTENCE.finditer(text):
        if m.end() > m.start() and text[m.start() : m.end()].strip():
            spans.append((m.start(), m.end()))
    return spans


def default_data_dir() -> Path:
    """``$SUMMIT_QA_DATA``, else the page shipped with the package."""
    from summit_qa.settings import Settings

    return Settings.from_env().data_dir


def manifests(data_dir: Path) -> list[PageManifest]:
    paths = sorted(Path(data_dir).glob("*.page.json"))
    if not paths:
        raise CorpusError(f"no page manifest (*.page.json) in {data_dir}")
    return [PageManifest.load(p) for p in paths]


def _span_lines(text: str, span: Span, where: str) -> list[str]:
    start = text.find(span.start)
    if start < 0:
        raise CorpusError(f"{where}: start anchor {span.start!r} not in the text")
    end = text.find(span.end, start)
    if end < 0:
        raise CorpusError(f"{where}: end anchor {span.end!r} not after the start")
    return text[start : end + len(span.end)].split("\n")


@dataclass
class _Block:
    text: str
    section: str | None


def _paragraphs(lines: list[str], agency: str, where: str) -> Iterator[_Block]:
    """Rebuild paragraphs from hard-wrapped lines; sub-headings become sections."""
    section: str | None = None
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        next_line = lines[i + 1] if i + 1 < len(lines) else ""
        if next_line.strip() and not current:  # no blank line below: a sub-heading
            section = line.strip()
            continue
        marker = _MARKER.search(line)
        if marker:
            if marker.group("agency") != agency:
                raise CorpusError(
                    f"{where}: marker says {marker.group(0).strip()!r}, manifest says {agency!r}"
                )
            line = line[: marker.start()]
        if line.strip():
            current.append(line)
        if current and (marker or _PARAGRAPH_END.search(line)):
            yield _Block("".join(current), section)
            current = []
    if current:
        yield _Block("".join(current), section)


def _opens_with_date(text: str, published: dt.date) -> bool:
    mentions = resolve(text, DateContext(reference=published))
    return bool(mentions) and mentions[0].start == 0 and mentions[0].surface not in _REFERENCE_DAYS


def _merge_timeline(blocks: list[_Block], published: dt.date) -> list[_Block]:
    """In a timeline, a paragraph that does not open with a date continues its entry."""
    merged: list[_Block] = []
    in_entry = False
    for block in blocks:
        if _opens_with_date(block.text, published):
            in_entry = True
        elif in_entry and merged:
            merged[-1] = _Block(merged[-1].text + block.text, merged[-1].section)
            continue
        merged.append(block)
    return merged


def page_passages(manifest: PageManifest) -> list[Passage]:
    """The passages of one page, article by article, in reading order."""
    try:
        text = manifest.text_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{manifest.text_path} is not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8"
        ) from exc
    except OSError as exc:
        raise CorpusError(f"cannot read {manifest.text_path}: {exc.strerror or exc}") from exc
    passages: list[Passage] = []
    for article in manifest.articles:
        where = f"{manifest.text_file}:{article.id}"
        blocks = [
            block
            for span in article.spans
            for block in _paragraphs(_span_lines(text, span, where), article.agency, where)
        ]
        if article.kind == "timeline":
            blocks = _merge_timeline(blocks, manifest.published)
        context = DateContext(reference=manifest.published)
        heading: str | None = None
        for position, block in enumerate(blocks):
            mentions = resolve(block.text, context)
            dates = tuple(dict.fromkeys(m.iso for m in mentions))
            label = _label_number(block.text)
            if position and block.section != blocks[position - 1].section:
                heading = None  # a new section: the label above no longer applies
            passages.append(
                Passage(
                    id=f"{article.id}-{position}",
                    text=block.text,
                    date=mentions[0].iso if mentions else None,
                    dates=dates,
                    title=article.headline,
                    source=article.agency,
                    section=block.section,
                    article=article.id,
                    position=position,
                    published=manifest.published.isoformat(),
                    heading=None if label else heading,
                    label=label,
                    title_translations=article.headline_translations,
                    source_translations=article.agency_translations,
                    section_translations=manifest.section_translations.get(block.section or "", ()),
                    date_spans=tuple((m.start, m.end, m.iso) for m in mentions),
                )
            )
            if label:
                heading = block.text
    return passages


def _label_number(text: str) -> int | None:
    """The number of an enumerated label paragraph ("议题三：…。" → 3), else None."""
    m = _LABEL.match(text)
    if not m or len(text) > _LABEL_CHARS or len(sentence_spans(text)) != 1:
        return None
    from summit_qa.page.dates import chinese_number

    return chinese_number(m["n"])


def load_passages(data_dir: Path | str | None = None) -> list[Passage]:
    """Every passage of every page in ``data_dir`` (default: :func:`default_data_dir`)."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    passages = [p for m in manifests(data_dir) for p in page_passages(m)]
    ids = [p.id for p in passages]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"{data_dir}: article ids repeat across pages")
    return passages


def corpus_hash(data_dir: Path | str | None = None) -> str:
    """A hash of the data files, so an index knows it is stale (the rules that read
    them are versioned separately: :data:`RULES_VERSION`, ``dates.RESOLVER_VERSION``)."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    digest = hashlib.sha256()
    for m in manifests(data_dir):
        for path in (m.path, m.text_path):
            digest.update(path.name.encode())
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                raise CorpusError(f"cannot read {path}: {exc}") from exc
    return digest.hexdigest()[:16]
