"""`parcheck validate` on the shipped plan and on broken plans, as a user runs it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, PLAN, RunCli

INVALID = sorted((DATA / "plans" / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "plans" / "valid").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, int, str, str]:
    """The first line of each invalid file: `# expect: LINE:COL CODE [words in the message]`."""
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    m = re.match(r"# expect: (\d+):(\d+) (PC\d+) ?(.*)$", first)
    assert m, f"{path.name} has no expectation line"
    return int(m[1]), int(m[2]), m[3], m[4]


def test_shipped_plan_is_valid(run_cli: RunCli) -> None:
    result = run_cli("validate", PLAN)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == f"{PLAN}: hợp lệ — 45 nhiệm vụ, 75 tiêu chí, 150 thời hạn"


def test_summary_in_english(run_cli: RunCli) -> None:
    result = run_cli("validate", PLAN, "--lang", "en")
    assert result.stdout.strip() == f"{PLAN}: valid — 45 tasks, 75 checks, 150 deadlines"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples(run_cli: RunCli, path: Path) -> None:
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.stdout
    assert "hợp lệ" in result.stdout


def test_there_are_enough_broken_examples() -> None:
    assert len(INVALID) >= 15


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_broken_plan_is_reported_at_its_position(run_cli: RunCli, path: Path) -> None:
    line, column, code, words = expectation(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("validate", path)
    warning = words == "warning"
    assert result.exit_code == (0 if warning else 1), result.stdout
    severity = "warning" if warning else "error"
    # the first problem of its severity: a warning elsewhere (a deadline on a day off in
    # the plan these files are made from) may come before an error
    first = next(line for line in result.stdout.splitlines() if f": {severity} {code} " in line)
    assert first.startswith(f"{path}:{line}:{column}: {severity} {code} "), first
    if words and not warning:
        assert words in first
    assert "Traceback" not in result.stdout + result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_missing_file_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "PC001" in result.stdout


def test_bad_option_exits_2(run_cli: RunCli) -> None:
    assert run_cli("validate", PLAN, "--format", "xml").exit_code == 2
    assert run_cli("validate", PLAN, "--lang", "fr").exit_code == 2


def test_english_messages(run_cli: RunCli) -> None:
    path = DATA / "plans" / "invalid" / "unknown-unit.yaml"
    result = run_cli("validate", path, "--lang", "en")
    assert "unit not declared in units: 'Phòng Kế toán'" in result.stdout


def test_json_format(run_cli: RunCli) -> None:
    path = DATA / "plans" / "invalid" / "duplicate-key.yaml"
    result = run_cli("validate", PLAN, path, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    good, bad = payload["files"]
    assert good["valid"] is True
    assert good["summary"] == {"tasks": 45, "checks": 75, "deadlines": 150}
    assert bad["problems"] == [
        {
            "path": str(path),
            "line": 3,
            "column": 1,
            "cell": None,
            "severity": "error",
            "code": "PC011",
            "message": "khóa trùng lặp 'id' (đã có ở dòng 2)",
        }
    ]


def test_github_format(run_cli: RunCli) -> None:
    path = DATA / "plans" / "invalid" / "percent-range.yaml"
    result = run_cli("validate", path, "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file={path},line=21,col=39::PC034 a percent target must lie in 0–100, found 185\n"
    )


def test_nfc_and_bom(run_cli: RunCli, tmp_path: Path) -> None:
    import unicodedata

    text = (DATA / "plans" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "nfd.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode())
    # "Văn phòng Sở" written decomposed still names the declared unit
    assert run_cli("validate", plan).exit_code == 0


def test_the_count_line_says_how_many_were_not_listed(run_cli: RunCli, tmp_path: Path) -> None:
    figures = tmp_path / "many.yaml"
    rows = "".join(f"  X{i}.1: 5\n" for i in range(150))
    figures.write_text(f"plan: kh2024\nas_of: 2024-11-25\nvalues:\n{rows}", encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", figures)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 101 + 1  # the plan's line, 100 problems and the cap's, the count
    assert lines[-1] == f"{figures}: có lỗi — 100 lỗi, 0 cảnh báo, 50 vấn đề khác không liệt kê"
