"""No hidden state: parcheck writes nothing outside what it is asked to write, and reads
nothing back from a cache or temporary folder, so a file planted there cannot run code."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT

SRC = ROOT / "src" / "parcheck"


class _Planted:
    """A pickle that, when loaded, creates a marker file: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PARCHECK_CACHE_DIR": str(home / "planted"),
        "PYTHONPATH": str(ROOT / "src"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "parcheck", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


COMMANDS = [
    ("validate", str(PLAN)),
    ("status", "--as-of", "2024-11-25", "--fail-on", "never"),
    ("report", "--as-of", "2024-11-25"),
    ("calendar", "--from", "2024-11-01", "--to", "2024-11-30"),
    ("template", "--as-of", "2024-11-25"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_run_writes_nothing_in_home_and_reads_no_planted_file(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    home = tmp_path / "home"
    marker = tmp_path / "marker"
    for folder in (home / ".cache" / "parcheck", home / "planted"):
        folder.mkdir(parents=True)
        for name in ("plan.pickle", "metrics.pickle", "holidays.pickle", "x.json"):
            (folder / name).write_bytes(pickle.dumps(_Planted(marker)))
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    result = _run(home, *args)
    assert result.returncode in (0, 1), result.stderr
    assert not marker.exists()
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before


def test_the_planted_pickle_would_run_code(tmp_path: Path) -> None:
    """The test above can fail: loading the planted file does create the marker."""
    marker = tmp_path / "marker"
    pickle.loads(pickle.dumps(_Planted(marker)))
    assert marker.is_dir()


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.name)
def test_no_module_deserialises_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    assert not names & {"pickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"}
