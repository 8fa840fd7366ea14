"""The eval sets as a BEIR-format retrieval benchmark, so standard IR tools can score the page.

``corpus.jsonl`` holds one line per passage (``_id``, ``title``, ``text``);
``queries.jsonl`` one line per question (``_id``, ``text``, ``metadata``: lang, kind,
split, set); ``qrels/test.tsv`` the relevant passages (``query-id``, ``corpus-id``,
``score`` 1): a passage is relevant to a question when it holds one of its ``answers`` or
``needs`` substrings.  Dialogue turns are taken when they stand alone (``needs_context``
false); questions with no relevant passage (small talk, what the page cannot answer) have
nothing to retrieve and are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summit_qa.evaluation.sets import Dialogue, QAPair, read_set, set_name
from summit_qa.page.passages import Passage


@dataclass(frozen=True)
class Export:
    passages: int
    queries: int
    qrels: int
    left_out: int  # questions with no relevant passage


def standalone_questions(path: Path) -> list[QAPair]:
    """The set's single questions, and the turns of its dialogues that need no earlier turn."""
    out: list[QAPair] = []
    for item in read_set(path):
        if isinstance(item, Dialogue):
            out += [turn for turn in item.turns if not turn.needs_context]
        else:
            out.append(item)
    return out


def relevant(pair: QAPair, passages: list[Passage]) -> list[str]:
    """Ids of the passages holding one of the pair's answers or needs, in page order."""
    wanted = pair.answers + pair.needs
    return [p.id for p in passages if any(s in p.text for s in wanted)]


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def export_beir(sets: list[Path], passages: list[Passage], out_dir: Path) -> Export:
    """Write the BEIR files for ``sets`` over ``passages`` into ``out_dir``."""
    queries, qrels, left_out = [], [], 0
    for path in sets:
        for pair in standalone_questions(path):
            ids = relevant(pair, passages)
            if not ids:
                left_out += 1
                continue
            meta = {"lang": pair.lang, "kind": pair.kind, "split": pair.split, "set": set_name(path)}
            queries.append({"_id": pair.id, "text": pair.question, "metadata": meta})
            qrels += [(pair.id, pid) for pid in ids]
    (out_dir / "qrels").mkdir(parents=True, exist_ok=True)
    _jsonl(out_dir / "corpus.jsonl", [{"_id": p.id, "title": p.title, "text": p.text} for p in passages])
    _jsonl(out_dir / "queries.jsonl", queries)
    lines = ["query-id\tcorpus-id\tscore"] + [f"{q}\t{p}\t1" for q, p in qrels]
    (out_dir / "qrels" / "test.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Export(len(passages), len(queries), len(qrels), left_out)
