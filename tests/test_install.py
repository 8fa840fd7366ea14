"""A non-editable install (``pip install .``) carries the page and answers without a checkout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHECK = """
import sys
from pathlib import Path
import summit_qa
from summit_qa.page.passages import load_passages
from summit_qa.settings import IN_CHECKOUT, Settings
s = Settings.from_env()
print(Path(summit_qa.__file__).parent)
print(IN_CHECKOUT, s.data_dir, s.index_root, len(load_passages()))
"""


def test_a_non_editable_install_finds_its_page(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", source / "data")
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    out = subprocess.run([*pip, "--target", str(target), str(source)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert (target / "summit_qa" / "data" / "hanoi-summit-page-2019-02-27.txt").is_file()
    assert (target / "summit_qa" / "retrieval" / "calibration.json").is_file()
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_QA_")}
    env |= {"PYTHONPATH": str(target), "SUMMIT_QA_HOME": str(home)}
    run = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr[-2000:]
    package, facts = run.stdout.splitlines()
    assert Path(package) == target / "summit_qa"
    in_checkout, data_dir, index_root, passages = facts.split()
    assert in_checkout == "False" and Path(data_dir) == target / "summit_qa" / "data"
    assert Path(index_root) == home / "index" and passages == "44"
    passages = subprocess.run(
        [sys.executable, "-m", "summit_qa", "passages"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert passages.returncode == 0 and passages.stdout.startswith("timeline-0\t2019-02-27")
