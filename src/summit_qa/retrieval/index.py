"""The search index: FAISS over passage and sentence vectors, BM25, token vectors, a manifest.

Layout of ``<index root>/<model>/``: ``manifest.json`` (what the index was
built from and for: model id, dimension, prompts, token layer, the data's
hash, the versions of the paragraph and date rules, the lexical tokenizer and
its stopwords, the format version, a SHA-256 per file, and the ranking
settings calibrated for the model), ``dense.faiss``, ``units.npy``, the token
files of late interaction and the lexical files.  Every file is written to a
temporary name and renamed; the manifest goes last, so a crash mid-build
leaves either the old index or none.  On load, a manifest that does not match
the data, the rules or the model, or a file whose checksum fails, is reported
and the index rebuilt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np

from summit_qa.encoders.base import EmbedderInfo, Encoder
from summit_qa.encoders.modelstore import remove_debris
from summit_qa.files import npy_array, npy_bytes, probe_folder, sha256, storage_error, write_files
from summit_qa.page import dates as dates
from summit_qa.page import passages as corpus
from summit_qa.page.passages import Passage, corpus_hash, load_passages
from summit_qa.readers.dictionaries import PageLexicon, source_versions
from summit_qa.retrieval import bm25 as lexical
from summit_qa.retrieval.bm25 import BM25
from summit_qa.retrieval.late_interaction import TokenIndex
from summit_qa.retrieval.weights import config_for_model
from summit_qa.settings import DEFAULT_LEXICAL, ENV

FORMAT_VERSION = 8
SETTING = ENV["index_root"]  # named by a storage fault: where the index is written
# Exact search up to this many vectors; IVF above (bench.py measures the trade).
EXACT_SEARCH_LIMIT = 200_000
UNIT_PASSAGE, UNIT_SENTENCE, UNIT_CONTEXT = 0, 1, 2
# A passage under a heading is also embedded and counted with it (sub-headings count:
# "最大任务", "议题一：…" say what the paragraphs below them are about).
HEADINGS_DENSE = True
HEADINGS_LEXICAL = True
# One row per embedded text: a whole passage, or one sentence of a longer one.
UNIT_DTYPE = np.dtype([("passage", "<i4"), ("kind", "<i4"), ("start", "<i4"), ("end", "<i4")])


@dataclass(frozen=True)
class IndexManifest:
    format_version: int
    model_id: str
    model_weights: str  # SHA-256 of the weights the model was rebuilt with ("" for a hub model)
    dimension: int
    query_prompt: str
    passage_prompt: str
    token_layer: int
    corpus_hash: str
    corpus_rules_version: int
    date_resolver_version: int
    lexical_tokenizer: str
    lexical_stopwords: list[str]
    passages: int
    units: int
    faiss_index: str
    files: dict[str, str]
    smalltalk_exemplars: str  # SHA-256 of the exemplar questions whose vectors smalltalk.npy holds
    lexicon_sources: dict[str, str]  # the dictionary packages lexicon.json was built from, by version
    ranking: dict[str, float]  # the model's calibrated settings (config.CALIBRATED_FIELDS)
    ranking_calibrated: bool  # False: another model's numbers, until `summit-qa calibrate`

    # What must equal what is wanted for the index to serve; the rest describes it.
    IDENTITY = (
        "format_version",
        "model_id",
        "model_weights",
        "dimension",
        "query_prompt",
        "passage_prompt",
        "token_layer",
        "corpus_hash",
        "corpus_rules_version",
        "date_resolver_version",
        "lexical_tokenizer",
        "lexical_stopwords",
        "smalltalk_exemplars",
        "lexicon_sources",
    )

    def mismatch(self, wanted: IndexManifest) -> str | None:
        """Why this index cannot serve ``wanted`` (None when it can)."""
        for name in self.IDENTITY:
            have, want = getattr(self, name), getattr(wanted, name)
            if have != want:
                if name == "lexical_stopwords":
                    return "lexical_stopwords changed"
                return f"{name} is {have!r}, wanted {want!r}"
        return None

    @classmethod
    def parse(cls, raw: object) -> IndexManifest:
        """A manifest from its JSON, every field of the expected type (``ValueError`` if not)."""
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        kinds = {"int": int, "str": str, "bool": bool, "list[str]": list, "dict[str, str]": dict}
        kinds["dict[str, float]"] = dict
        names = {f.name: f.type for f in fields(cls)}
        missing = sorted(set(names) - set(raw))
        if missing:
            raise ValueError(f"fields missing: {', '.join(missing)}")
        for name, kind in names.items():
            value = raw[name]
            if not isinstance(value, kinds[kind]) or (kinds[kind] is int and isinstance(value, bool)):
                raise ValueError(f"{name} is {type(value).__name__}, not {kind}")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in raw["files"].items()):
            raise ValueError("files is not a table of checksums")
        return cls(**{name: raw[name] for name in names})


def index_dir(model_id: str, root: Path, variant: str = "") -> Path:
    """One folder per model and way of running it: switching runtime never rebuilds."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_")
    return Path(root) / (f"{slug}-{variant}" if variant else slug)


def make_faiss_index(vectors: np.ndarray, exact_limit: int = EXACT_SEARCH_LIMIT, nprobe: int = 32):
    """Inner product on normalised vectors: exact (flat) when small, IVF when large.

    Above ``exact_limit`` an exact scan costs more than ~10 ms a query on two
    cores; IVF with ``4 * sqrt(n)`` lists and 32 probed keeps recall@10 above
    0.95 on clustered data (bench.py measures both).
    """
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    if n <= exact_limit:
        index = faiss.IndexFlatIP(dim)
    else:
        nlist = max(1, int(4 * np.sqrt(n)))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(n, size=min(n, 64 * nlist), replace=False)]
        index.train(sample)
        index.nprobe = min(nprobe, nlist)
    index.add(vectors)
    return index


def sentence_units(passages: list[Passage]) -> tuple[list[str], np.ndarray]:
    """Texts to embed: each passage whole, then each sentence of a multi-sentence
    passage, then each passage under a heading with its headings before it.

    Returns the texts and their rows (:data:`UNIT_DTYPE`: passage, kind, start, end).
    """
    texts: list[str] = []
    rows: list[tuple[int, int, int, int]] = []
    for i, p in enumerate(passages):
        texts.append(p.text)
        rows.append((i, UNIT_PASSAGE, 0, len(p.text)))
    for i, p in enumerate(passages):
        spans = p.sentences()
        if len(spans) > 1:
            for start, end in spans:
                texts.append(p.text[start:end])
                rows.append((i, UNIT_SENTENCE, start, end))
    if HEADINGS_DENSE:
        for i, p in enumerate(passages):
            if p.context:
                texts.append(f"{p.context} {p.text}")
                rows.append((i, UNIT_CONTEXT, 0, len(p.text)))
    return texts, np.array(rows, dtype=UNIT_DTYPE)


def lexical_text(passage: Passage) -> str:
    """What BM25 indexes of a passage: its headings and its text."""
    return f"{passage.context} {passage.text}" if HEADINGS_LEXICAL and passage.context else passage.text


@dataclass
class SearchIndex:
    """Passages with their dense, lexical and token indexes, ready to score a question."""

    manifest: IndexManifest
    passages: list[Passage]
    units: np.ndarray  # UNIT_DTYPE rows
    dense: object  # a faiss.Index
    lexical: BM25
    tokens: TokenIndex
    smalltalk: np.ndarray  # [exemplars, dim]: the exemplar questions' vectors, as queries
    lexicon: PageLexicon  # the page's words from CC-CEDICT, hanja.txt and Unihan

    def dense_scores(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per passage: whole-passage cosine, best sentence cosine, and that sentence's unit row."""
        k = min(len(self.units), 512)
        sims, ids = self.dense.search(query_vector.reshape(1, -1).astype(np.float32), k)
        whole = np.full(len(self.passages), -1.0, np.float32)
        best = np.full(len(self.passages), -1.0, np.float32)
        best_unit = np.full(len(self.passages), -1, np.int64)
        for sim, uid in zip(sims[0], ids[0], strict=True):
            if uid < 0:
                continue
            unit = self.units[uid]
            p = unit["passage"]
            if unit["kind"] == UNIT_PASSAGE:
                whole[p] = max(whole[p], sim)
            if sim > best[p]:
                best[p], best_unit[p] = sim, uid
        return whole, best, best_unit

    def sentence_span(self, unit: int) -> tuple[int, int] | None:
        """The span of a sentence unit within its passage (None for a whole-passage unit)."""
        if unit < 0 or self.units[unit]["kind"] != UNIT_SENTENCE:
            return None
        return int(self.units[unit]["start"]), int(self.units[unit]["end"])


def wanted_manifest(
    info: EmbedderInfo, chash: str, tokenizer: str, home: Path, exemplars: Sequence[str]
) -> IndexManifest:
    """What an index for this model, data and code must say about itself."""
    config, calibrated = config_for_model(info.model_id, home)
    return IndexManifest(
        format_version=FORMAT_VERSION,
        model_id=info.model_id,
        model_weights=info.weights,
        dimension=info.dimension,
        query_prompt=info.query_prompt,
        passage_prompt=info.passage_prompt,
        token_layer=info.token_layer,
        corpus_hash=chash,
        corpus_rules_version=corpus.RULES_VERSION,
        date_resolver_version=dates.RESOLVER_VERSION,
        lexical_tokenizer=tokenizer,
        lexical_stopwords=sorted(lexical.STOPWORDS),
        smalltalk_exemplars=sha256("\n".join(exemplars).encode()),
        lexicon_sources=source_versions(),
        passages=0,
        units=0,
        faiss_index="",
        files={},
        ranking=config.calibration(),
        ranking_calibrated=calibrated,
    )


def _manifest_bytes(manifest: IndexManifest) -> bytes:
    return json.dumps(asdict(manifest), indent=1, ensure_ascii=False).encode()


def build_index(
    encoder: Encoder,
    passages: list[Passage],
    folder: Path,
    wanted: IndexManifest,
    exemplars: Sequence[str],
    progress: bool = True,
) -> SearchIndex:
    import faiss

    texts, units = sentence_units(passages)
    encoded = encoder.encode(texts, "passage", progress=progress)
    dense = make_faiss_index(encoded.vectors)
    n = len(passages)  # the whole-passage units come first; their tokens serve late interaction
    starts = [[start for start, _ in p.sentences()] for p in passages]
    tokens = TokenIndex.build(encoded.tokens[:n], encoded.spans[:n], starts, encoder.info.dimension)
    lexical_index = BM25.build([lexical_text(p) for p in passages], wanted.lexical_tokenizer)
    chat = encoder.encode(list(exemplars), "query").vectors.astype(np.float32)
    words = PageLexicon.build(page_text(passages))
    files = {
        "dense.faiss": faiss.serialize_index(dense).tobytes(),
        "units.npy": npy_bytes(units),
        "tokens.npy": npy_bytes(tokens.vectors),
        "token_rows.npy": npy_bytes(tokens.rows),
        "smalltalk.npy": npy_bytes(chat),
        "lexicon.json": words.to_json(),
    }
    lexical_index.save(folder, lambda path, data: files.__setitem__(path.name, data))
    checksums = {name: sha256(data) for name, data in files.items()}
    manifest = replace(
        wanted, passages=n, units=len(units), faiss_index=type(dense).__name__, files=checksums
    )
    # all or nothing, the manifest last; a storage fault names the folder and the setting
    write_files(folder, {**files, "manifest.json": _manifest_bytes(manifest)}, SETTING)
    return SearchIndex(manifest, passages, units, dense, lexical_index, tokens, chat, words)


def page_text(passages: list[Passage]) -> str:
    """What the lexicon reads: every passage, headline and section, one a line."""
    lines = [p.text for p in passages] + sorted({p.title for p in passages} | {p.context for p in passages})
    return "\n".join(lines)


def read_index(folder: Path, passages: list[Passage], exemplars: Sequence[str]) -> SearchIndex:
    """Load an index; raises ``ValueError`` with the reason when it is unusable."""
    import faiss

    try:
        raw = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"manifest unreadable ({exc.__class__.__name__}: {exc})") from exc
    if isinstance(raw, dict) and raw.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"index format {raw.get('format_version')!r} is not this version's {FORMAT_VERSION}")
    try:
        manifest = IndexManifest.parse(raw)
    except ValueError as exc:
        raise ValueError(f"manifest unreadable ({exc})") from exc
    contents: dict[str, bytes] = {}  # each file read once; its checksum checked before any is parsed
    for name, digest in manifest.files.items():
        path = folder / name
        if not path.exists():
            raise ValueError(f"{name} is missing")
        contents[name] = path.read_bytes()
        if sha256(contents[name]) != digest:
            raise ValueError(f"{name} is corrupt or truncated (checksum differs)")
    try:
        dense = faiss.deserialize_index(np.frombuffer(contents["dense.faiss"], dtype=np.uint8))
        units = npy_array(contents["units.npy"])
        if units.dtype != UNIT_DTYPE:
            raise ValueError("units.npy has other fields")
        token_vectors, token_rows = npy_array(contents["tokens.npy"]), npy_array(contents["token_rows.npy"])
        tokens = TokenIndex(token_vectors, token_rows, len(passages))
        tokens.check()
        lexical_index = BM25.load(folder, lambda path: contents[path.name])
        chat = npy_array(contents["smalltalk.npy"])
        words = PageLexicon.from_json(contents["lexicon.json"])
    except Exception as exc:  # faiss raises RuntimeError, numpy ValueError, a missing entry KeyError
        raise ValueError(f"index files unreadable ({exc.__class__.__name__}: {exc})") from exc
    if dense.ntotal != len(units) or manifest.passages != len(passages):
        raise ValueError("index sizes disagree with the corpus")
    if lexical_index.documents != len(passages):
        raise ValueError("lexical index size disagrees with the corpus")
    if tokens.vectors.shape[1:] != (manifest.dimension,):
        raise ValueError("token vectors disagree with the model's dimension")
    if chat.shape != (len(exemplars), manifest.dimension):
        raise ValueError("small-talk vectors disagree with the exemplars or the model's dimension")
    return SearchIndex(manifest, passages, units, dense, lexical_index, tokens, chat, words)


def load_or_build(
    encoder: Encoder,
    data_dir: Path,
    root: Path,
    home: Path,
    tokenizer: str = DEFAULT_LEXICAL,
    rebuild: bool = False,
    say: Callable[[str], None] = print,
    exemplars: Sequence[str] = (),
) -> SearchIndex:
    """The index for ``encoder`` and the data, rebuilt (and the user told why) when needed.

    ``exemplars``: questions stored as query vectors beside the page (the answering
    stage's small-talk exemplars), handed in so that retrieval knows nothing above it.

    The model's calibrated ranking settings travel in the manifest; when they
    have changed since the index was built (``summit-qa calibrate``), the
    manifest is rewritten and nothing is re-encoded.
    """
    passages = load_passages(data_dir)
    folder = index_dir(encoder.info.model_id, root, encoder.info.variant)
    for name in remove_debris(folder):
        say(f"Removed {folder / name}, left by an interrupted index write")
    wanted = wanted_manifest(encoder.info, corpus_hash(data_dir), tokenizer, home, exemplars)
    reason = "rebuild requested" if rebuild else None
    if reason is None:
        if not (folder / "manifest.json").exists():
            reason = f"no index at {folder} yet"
        else:
            try:
                index = read_index(folder, passages, exemplars)
                reason = index.manifest.mismatch(wanted)
                if reason is None:
                    return _with_ranking(index, folder, wanted, say)
                reason = f"index is stale: {reason}"
            except ValueError as exc:
                reason = f"index unusable: {exc}"
    probe_folder(folder, SETTING)  # a full disk or a folder that cannot be written: named now
    say(f"Building the index ({reason}): {len(passages)} passages…")
    # An encoder may name another to build with (onnx_encoder.Int8Questions: the fp32 model).
    if hasattr(encoder, "build_with"):
        return encoder.build_with(lambda builder: build_index(builder, passages, folder, wanted, exemplars))
    return build_index(encoder, passages, folder, wanted, exemplars)


def _with_ranking(index: SearchIndex, folder: Path, wanted: IndexManifest, say) -> SearchIndex:
    m = index.manifest
    if (m.ranking, m.ranking_calibrated) == (wanted.ranking, wanted.ranking_calibrated):
        return index
    manifest = replace(m, ranking=wanted.ranking, ranking_calibrated=wanted.ranking_calibrated)
    try:
        write_files(folder, {"manifest.json": _manifest_bytes(manifest)}, SETTING)
        say(f"Ranking settings for {m.model_id} updated in {folder / 'manifest.json'}")
    except OSError as exc:  # a read-only index serves; the new settings hold for this run
        say(f"Ranking settings kept for this run only: {storage_error(folder, SETTING, exc)}")
    return replace(index, manifest=manifest)
