"""The regression net: a corpus of hostile and clumsy inputs under `tests/data/bad/`, one
folder a case, each run as a user runs parcheck (a fresh process, an empty HOME) with the
exit code and the message it must give, no traceback, no hang, and every input unchanged.

A case folder holds `case.toml` and the files it needs:

    why = "what a user or an attacker did"
    run = ["validate", "{dir}/plan.yaml"]   # {dir}: the case's copy; {plan}: the shipped plan
    exit = 2
    message = "PC013"                       # text stdout or stderr must contain
    setup = "fifo"                          # optional: a special file made for the run (SETUPS)
    writes = ["out.md"]                     # optional: files in {dir} the run may write
    stdout = "/dev/full"                    # optional: where standard output goes ("closed")
    env = {PYTHONIOENCODING = "cp1258"}     # optional: more environment
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN, ROOT

BAD = DATA / "bad"
CASES = sorted(p.parent for p in BAD.glob("*/case.toml"))


def _fifo(folder: Path) -> None:
    (folder / "metrics").mkdir(exist_ok=True)
    os.mkfifo(folder / "metrics" / "pipe.yaml")


def _dev_zero(folder: Path) -> None:
    (folder / "metrics").mkdir(exist_ok=True)
    (folder / "metrics" / "zero.yaml").symlink_to("/dev/zero")


def _non_utf8_name(folder: Path) -> None:
    (folder / "metrics").mkdir(exist_ok=True)
    source = folder / "figures.yaml"
    os.rename(source, os.fsencode(folder / "metrics") + b"/s\xe1\xbb\x91-li\xff.yaml")


def _link_to_plan(folder: Path) -> None:
    (folder / "link.md").symlink_to(folder.parent / "kh2024.yaml")


def _hard_link_to_metrics(folder: Path) -> None:
    os.link(folder / "metrics" / "2024-11-25.yaml", folder / "out.md")


def _big_plan(folder: Path) -> None:
    (folder / "big.yaml").touch()
    os.truncate(folder / "big.yaml", 33 << 20)  # sparse: no disk used


def _big_metrics(folder: Path) -> None:
    (folder / "metrics").mkdir(exist_ok=True)
    (folder / "metrics" / "big.yaml").touch()
    os.truncate(folder / "metrics" / "big.yaml", 11 << 20)  # sparse: no disk used


def _link_loop(folder: Path) -> None:
    (folder / "metrics" / "loop").symlink_to(".")


SETUPS: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "dev-zero": _dev_zero,
    "non-utf8-name": _non_utf8_name,
    "link-to-plan": _link_to_plan,
    "hard-link-to-metrics": _hard_link_to_metrics,
    "big-plan": _big_plan,
    "big-metrics": _big_metrics,
    "link-loop": _link_loop,
    "fifo-out": lambda folder: os.mkfifo(folder / "out.fifo"),
}


def _snapshot(folder: Path, skip: set[str]) -> dict[str, str]:
    """The hash of every regular file below `folder` (links and devices are not read)."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or path.name in skip:
            continue
        out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_case(case: Path, tmp_path: Path) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    work = tmp_path / case.name
    shutil.copytree(case, work, ignore=shutil.ignore_patterns("case.toml"))
    shutil.copy(PLAN, tmp_path / "kh2024.yaml")
    if "setup" in spec:
        SETUPS[spec["setup"]](work)
    args = [
        a.replace("{dir}", str(work)).replace("{plan}", str(tmp_path / "kh2024.yaml"))
        for a in spec["run"]
    ]
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8:strict",  # as a UTF-8 terminal: an unprintable name fails
        "PYTHONPATH": str(ROOT / "src"),
    }
    before = _snapshot(tmp_path, set(spec.get("writes", [])))
    env.update(spec.get("env", {}))
    closed = spec.get("stdout") == "closed"
    with open(os.devnull if closed else spec.get("stdout", os.devnull), "wb") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "parcheck", *args],
            cwd=work,
            env=env,
            stdout=sink if "stdout" in spec else subprocess.PIPE,
            preexec_fn=(lambda: os.close(1)) if closed else None,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert _snapshot(tmp_path, set(spec.get("writes", []))) == before, "an input was changed"
    return spec, result


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    spec, result = run_case(case, tmp_path)
    output = (result.stdout or "") + result.stderr
    if keep := os.environ.get("PARCHECK_CORPUS_OUTPUT"):  # .ci/run greps these afterwards
        Path(keep, f"{case.name}.out").write_text(output, encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output
    assert result.returncode == spec["exit"], output
    assert spec["message"] in output, output
