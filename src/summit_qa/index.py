"""The search index: FAISS over passage and sentence vectors, BM25, and a manifest.

Layout of ``$SUMMIT_QA_INDEX/<model>/`` (default: the repository's ``index/``):
``manifest.json`` (model id, dimension, prompts, token layer, corpus hash,
format version, a SHA-256 per file), ``dense.faiss``, ``units.npy``, the
token files of late interaction and the lexical files.
Every file is written to a temporary name and renamed; the manifest goes
last, so a crash mid-build leaves either the old index or none.  On load, a
manifest that does not match the data or model, or a file whose checksum
fails, is reported and the index rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from summit_qa.corpus import REPO_ROOT, Passage, corpus_hash, load_passages
from summit_qa.embedding import EmbedderInfo, Encoded
from summit_qa.late import TokenIndex
from summit_qa.lexical import BM25, npy_array, npy_bytes

FORMAT_VERSION = 3
INDEX_ENV = "SUMMIT_QA_INDEX"
LEXICAL_ENV = "SUMMIT_QA_LEXICAL"
DEFAULT_LEXICAL = "bigram"
# Exact search up to this many vectors; IVF above (eval/bench.py measures the trade).
EXACT_SEARCH_LIMIT = 200_000
UNIT_PASSAGE, UNIT_SENTENCE = 0, 1


class Encoder(Protocol):
    """What the index needs from a model (see :class:`summit_qa.embedding.Embedder`)."""

    info: EmbedderInfo

    def encode(
        self, texts: list[str], kind: str, batch_size: int = 16, progress: bool = False
    ) -> Encoded: ...


@dataclass(frozen=True)
class IndexManifest:
    format_version: int
    model_id: str
    dimension: int
    query_prompt: str
    passage_prompt: str
    token_layer: int
    corpus_hash: str
    lexical_tokenizer: str
    passages: int
    units: int
    faiss_index: str
    files: dict[str, str]

    def mismatch(self, wanted: IndexManifest) -> str | None:
        """Why this index cannot serve ``wanted`` (None when it can)."""
        for name in (
            "format_version",
            "model_id",
            "dimension",
            "query_prompt",
            "passage_prompt",
            "token_layer",
            "corpus_hash",
            "lexical_tokenizer",
        ):
            have, want = getattr(self, name), getattr(wanted, name)
            if have != want:
                return f"{name} is {have!r}, wanted {want!r}"
        return None


def index_root() -> Path:
    env = os.environ.get(INDEX_ENV)
    return Path(env) if env else REPO_ROOT / "index"


def index_dir(model_id: str, root: Path | None = None) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("_")
    return (root or index_root()) / slug


def make_faiss_index(vectors: np.ndarray, exact_limit: int = EXACT_SEARCH_LIMIT, nprobe: int = 32):
    """Inner product on normalised vectors: exact (flat) when small, IVF when large.

    Above ``exact_limit`` an exact scan costs more than ~10 ms a query on two
    cores; IVF with ``4 * sqrt(n)`` lists and 32 probed keeps recall@10 above
    0.95 on clustered data (eval/bench.py measures both).
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
    """Texts to embed: each passage whole, then each sentence of a multi-sentence passage.

    Returns the texts and an int32 array of rows ``(passage index, kind, start, end)``.
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
    return texts, np.array(rows, dtype=np.int32).reshape(-1, 4)


@dataclass
class SearchIndex:
    """Passages with their dense and lexical indexes, ready to score a question."""

    manifest: IndexManifest
    passages: list[Passage]
    units: np.ndarray
    dense: object  # a faiss.Index
    lexical: BM25
    tokens: TokenIndex

    def dense_scores(self, query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per passage: whole-passage cosine, best sentence cosine, and that sentence's unit row."""
        n_units = self.units.shape[0]
        k = min(n_units, 512)
        sims, ids = self.dense.search(query_vector.reshape(1, -1).astype(np.float32), k)
        whole = np.full(len(self.passages), -1.0, np.float32)
        best = np.full(len(self.passages), -1.0, np.float32)
        best_unit = np.full(len(self.passages), -1, np.int64)
        for sim, uid in zip(sims[0], ids[0], strict=True):
            if uid < 0:
                continue
            p, kind = self.units[uid, 0], self.units[uid, 1]
            if kind == UNIT_PASSAGE:
                whole[p] = max(whole[p], sim)
            if sim > best[p]:
                best[p], best_unit[p] = sim, uid
        return whole, best, best_unit


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def wanted_manifest(info: EmbedderInfo, chash: str, tokenizer: str) -> IndexManifest:
    return IndexManifest(
        format_version=FORMAT_VERSION,
        model_id=info.model_id,
        dimension=info.dimension,
        query_prompt=info.query_prompt,
        passage_prompt=info.passage_prompt,
        token_layer=info.token_layer,
        corpus_hash=chash,
        lexical_tokenizer=tokenizer,
        passages=0,
        units=0,
        faiss_index="",
        files={},
    )


def build_index(
    encoder: Encoder, passages: list[Passage], folder: Path, chash: str, tokenizer: str, progress: bool = True
) -> SearchIndex:
    import faiss

    texts, units = sentence_units(passages)
    encoded = encoder.encode(texts, "passage", progress=progress)
    dense = make_faiss_index(encoded.vectors)
    n = len(passages)  # the whole-passage units come first; their tokens serve late interaction
    starts = [[start for start, _ in p.sentences()] for p in passages]
    tokens = TokenIndex.build(encoded.tokens[:n], encoded.spans[:n], starts, encoder.info.dimension)
    lexical = BM25.build([p.text for p in passages], tokenizer)
    folder.mkdir(parents=True, exist_ok=True)
    checksums: dict[str, str] = {}

    def write(path: Path, data: bytes) -> None:
        _write_atomic(path, data)
        checksums[path.name] = _sha256(data)

    write(folder / "dense.faiss", faiss.serialize_index(dense).tobytes())
    write(folder / "units.npy", npy_bytes(units))
    write(folder / "tokens.npy", npy_bytes(tokens.vectors))
    write(folder / "token_rows.npy", npy_bytes(tokens.rows))
    lexical.save(folder, write)
    manifest = IndexManifest(
        **{
            **asdict(wanted_manifest(encoder.info, chash, tokenizer)),
            "passages": len(passages),
            "units": int(units.shape[0]),
            "faiss_index": type(dense).__name__,
            "files": checksums,
        }
    )
    _write_atomic(folder / "manifest.json", json.dumps(asdict(manifest), indent=1).encode())
    return SearchIndex(manifest, passages, units, dense, lexical, tokens)


def read_index(folder: Path, passages: list[Passage]) -> SearchIndex:
    """Load an index; raises ``ValueError`` with the reason when it is unusable."""
    import faiss

    try:
        raw = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        if raw.get("format_version") == FORMAT_VERSION:
            manifest = IndexManifest(**raw)
    except (OSError, ValueError, TypeError) as exc:
        raise ValueError(f"manifest unreadable ({exc.__class__.__name__}: {exc})") from exc
    if raw.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"index format {raw.get('format_version')!r} is not this version's {FORMAT_VERSION}")
    contents: dict[str, bytes] = {}  # each file read once; its checksum checked before any is parsed
    for name, digest in manifest.files.items():
        path = folder / name
        if not path.exists():
            raise ValueError(f"{name} is missing")
        contents[name] = path.read_bytes()
        if _sha256(contents[name]) != digest:
            raise ValueError(f"{name} is corrupt or truncated (checksum differs)")
    try:
        dense = faiss.deserialize_index(np.frombuffer(contents["dense.faiss"], dtype=np.uint8))
        units = npy_array(contents["units.npy"])
        token_vectors, token_rows = npy_array(contents["tokens.npy"]), npy_array(contents["token_rows.npy"])
        tokens = TokenIndex(token_vectors, token_rows, len(passages))
        tokens.check()
        lexical = BM25.load(folder, lambda path: contents[path.name])
    except Exception as exc:  # faiss raises RuntimeError, numpy ValueError, a missing entry KeyError
        raise ValueError(f"index files unreadable ({exc.__class__.__name__}: {exc})") from exc
    if dense.ntotal != units.shape[0] or manifest.passages != len(passages):
        raise ValueError("index sizes disagree with the corpus")
    if lexical.weights.shape[0] != len(passages):
        raise ValueError("lexical index size disagrees with the corpus")
    if tokens.vectors.shape[1:] != (manifest.dimension,):
        raise ValueError("token vectors disagree with the model's dimension")
    return SearchIndex(manifest, passages, units, dense, lexical, tokens)


def load_or_build(
    encoder: Encoder,
    data_dir: Path | None = None,
    root: Path | None = None,
    tokenizer: str | None = None,
    rebuild: bool = False,
    say: Callable[[str], None] = print,
) -> SearchIndex:
    """The index for ``encoder`` and the data, rebuilt (and the user told why) when needed."""
    tokenizer = tokenizer or os.environ.get(LEXICAL_ENV) or DEFAULT_LEXICAL
    passages = load_passages(data_dir)
    chash = corpus_hash(data_dir)
    folder = index_dir(encoder.info.model_id, root)
    wanted = wanted_manifest(encoder.info, chash, tokenizer)
    reason = "rebuild requested" if rebuild else None
    if reason is None:
        if not (folder / "manifest.json").exists():
            reason = f"no index at {folder} yet"
        else:
            try:
                index = read_index(folder, passages)
                reason = index.manifest.mismatch(wanted)
                if reason is None:
                    return index
                reason = f"index is stale: {reason}"
            except ValueError as exc:
                reason = f"index unusable: {exc}"
    say(f"Building the index ({reason}): {len(passages)} passages…")
    return build_index(encoder, passages, folder, chash, tokenizer)
