"""The product speaks of itself as it is: no tracked text tells how it was developed."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Phrases that tell the project's making, not the product: work items, work periods,
# submissions, before/after narratives, and question ids cited outside the eval sets.
MAKING = re.compile(
    r"\bissues? ?#?\d+"
    r"|\b(?:this|that|last|previous|earlier|next|later|first|second) (?:work )?session\b"
    r"|\bsessions? \d"
    r"|\b(?:the )?last stop\b|\bstop \d+\b"
    r"|\bbefore this change\b|\bafter this change\b|\buntil it was measured\b|\bscratch A/B\b"
    r"|\bthis round\b",
    re.I,
)
QUESTION_ID = re.compile(r"\b(?:zh|en|ko|ja|vi)-\d{3}\b")
TEXT = {".py", ".md", ".toml", ".json", ".jsonl", ".txt", ".css", ".js", ".cfg", ".yml", ".yaml", ""}


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
        names = out.stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):  # not a checkout: every file under the root
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts]
    here = Path(__file__).resolve()
    return [
        ROOT / n
        for n in names
        if (ROOT / n).suffix in TEXT and (ROOT / n).is_file() and (ROOT / n).resolve() != here
    ]


def findings(path: Path, text: str) -> list[str]:
    out = []
    # Question ids are data in the eval sets and their tests; in the product's own text
    # (README, docs, code, CI) they would cite history.
    top = path.relative_to(ROOT).parts[0]
    cites = top not in ("eval", "tests")
    for number, line in enumerate(text.splitlines(), 1):
        hits = MAKING.findall(line) + (QUESTION_ID.findall(line) if cites else [])
        out += [f"{path.relative_to(ROOT)}:{number}: {hit!r}" for hit in hits]
    return out


def test_no_tracked_text_tells_how_the_product_was_made():
    problems = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        problems += findings(path, text)
    assert not problems, "\n".join(problems[:40])


def test_the_check_finds_such_phrases_and_leaves_a_chat_turn_alone():
    fake = ROOT / "src" / "x.py"
    assert findings(fake, "# floors lowered since issue 12")
    assert findings(fake, "noisier this session than at the last stop")
    assert findings(fake, "fixed zh-013 and en-073")
    assert not findings(fake, "a web session keeps its turns; turn 3 reads turns 1 and 2")
    assert not findings(ROOT / "eval" / "sets" / "x.jsonl", '{"id": "zh-013"}')
    assert findings(ROOT / "docs" / "x.md", "see zh-013")
