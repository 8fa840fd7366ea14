"""The package's shape: stages as folders, imports only downward, small modules, a stable API."""

import ast
from pathlib import Path

import summit_qa

PACKAGE = Path(summit_qa.__file__).resolve().parent

# Bottom to top.  A module may import its own stage and the stages below it, never above.
STAGES = [
    ("settings", "files"),
    ("page",),
    ("encoders",),
    ("readers",),
    ("retrieval",),
    ("answering",),
    ("web",),
    ("evaluation",),
    ("cli", "__init__", "__main__"),
]
LEVEL = {name: level for level, names in enumerate(STAGES) for name in names}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def stage_of(path: Path) -> str:
    part = path.relative_to(PACKAGE).parts[0]
    return part.removesuffix(".py")


def imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("summit_qa"):
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("summit_qa")]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[1] in LEVEL:
                found.add(parts[1])
    return found


def test_every_module_belongs_to_a_stage():
    assert {stage_of(p) for p in modules()} <= set(LEVEL) | {"data"}


def test_imports_run_only_downward():
    upward = []
    for path in modules():
        own = LEVEL[stage_of(path)]
        for stage in imported_stages(path):
            if LEVEL[stage] > own:
                upward.append(f"{path.relative_to(PACKAGE)} imports {stage}")
    assert not upward, upward


def test_no_module_or_function_is_too_long():
    long = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(PACKAGE)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.name}: {length} lines")
    assert not long, long


def test_the_public_api():
    assert sorted(summit_qa.__all__) == [
        "Answer",
        "Passage",
        "ScoredPassage",
        "SummitQA",
        "answer",
        "load_passages",
    ]
    for name in summit_qa.__all__:
        assert getattr(summit_qa, name) is not None
    from summit_qa.answering.answer import Answer
    from summit_qa.page.passages import Passage

    assert summit_qa.Answer is Answer and summit_qa.Passage is Passage


def test_test_files_have_unique_names():
    """pytest imports test files by their base name: two alike collide."""
    tests = Path(__file__).resolve().parent
    names = [p.name for p in tests.rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
