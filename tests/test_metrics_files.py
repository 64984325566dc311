"""Metrics files as a try-out found them: every problem of a file at once, in the file's
order; a file named twice read once; a done date a later snapshot changes said in a warning."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PLAN, RunCli

HEAD = "plan: kh2024\nas_of: {as_of}\nvalues:\n"


def _yaml(folder: Path, name: str, values: str, as_of: str = "2024-11-25") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEAD.format(as_of=as_of) + values, encoding="utf-8")
    return path


def test_a_shape_error_does_not_hide_a_conflict_in_the_same_file(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # X.3 is III.4.e (one shared check): two values for it in one file are a conflict,
    # which a wrong shape above it used to hide
    path = _yaml(tmp_path, "m.yaml", "  VI.3: [1, 2]\n  III.4.e: 0\n  X.3: 2\n  III.6: abc\n")
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{path}:4:9: error PM003 not a number: [1, 2]",
        f"{path}:6:8: error PM028 'X.3' on 25/11/2024 has two different values: 2 here; "
        f"0 (III.4.e) at {path}:5:12",
        f"{path}:7:10: error PM003 not a number: 'abc'",
        f"{path}: has errors — 3 errors, 0 warnings",
    ]
    result = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert [line.split(": error ")[1][:5] for line in result.stderr.splitlines()] == [
        "PM003",
        "PM028",
        "PM003",
    ]


def test_a_key_written_twice_does_not_hide_the_other_problems(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = _yaml(tmp_path, "m.yaml", "  VI.3: [1, 2]\n  III.6: 98\n  III.6: 97\n  VII.3.a: abc\n")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{path}:4:9: error PM003 không đọc được số: [1, 2]",
        f"{path}:6:3: error PC011 khóa trùng lặp 'III.6' (đã có ở dòng 5)",
        f"{path}:7:12: error PM003 không đọc được số: 'abc'",
        f"{path}: có lỗi — 3 lỗi, 0 cảnh báo",
    ]


def test_a_file_named_and_in_a_folder_is_read_once(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    bad = _yaml(folder, "a.yaml", "  VI.3: [1, 2]\n")
    good = _yaml(folder, "b.yaml", "  III.6: 98.5\n")
    result = run_cli(
        "validate", PLAN, "--metrics", folder, "--metrics", bad, "--metrics", folder / "b.yaml"
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{bad}:4:9: error PM003 không đọc được số: [1, 2]",
        f"{bad}: có lỗi — 1 lỗi, 0 cảnh báo",
        f"{good}: hợp lệ — 1 giá trị",
    ]
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", folder, "--metrics", bad, "--as-of", "2024-11-25"
    )
    assert result.exit_code == 2
    assert result.stderr.count("PM003") == 1
    # a link to a file of the folder is that file
    (tmp_path / "link.yaml").symlink_to(good)
    bad.unlink()
    result = run_cli("validate", PLAN, "--metrics", folder, "--metrics", tmp_path / "link.yaml")
    assert result.stdout.splitlines()[1:] == [f"{good}: hợp lệ — 1 giá trị"]


def test_a_later_done_date_is_a_correction_said_in_a_warning(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # the latest done date on or before the day counts (contract §3), but a changed one is
    # said, naming both dates and both places
    folder = tmp_path / "metrics"
    a = _yaml(folder, "a.yaml", '  II.3.b: {done: 2024-11-20, evidence: "1/BC"}\n', "2024-11-20")
    b = _yaml(folder, "b.yaml", '  II.3.b: {done: 2024-11-22, evidence: "1/BC"}\n', "2024-11-25")
    warning = (
        f"{b}:4:11: warning PM045 II.3.b: ngày hoàn thành sửa từ 20/11/2024 ({a}:4:11) thành "
        f"22/11/2024 ({b}); coi là đính chính: từ ngày số liệu 25/11/2024, tính ngày 22/11/2024"
    )
    for fmt in ("table", "json"):
        result = run_cli(
            "status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25", "--format", fmt
        )
        assert result.exit_code in (0, 1), result.stderr
        assert result.stderr.splitlines() == [warning]
    checks = (c for t in json.loads(result.stdout)["tasks"] for c in t["checks"])
    assert next(c for c in checks if c["id"] == "II.3.b")["actual"] == "2024-11-22"
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 0
    assert warning in result.stdout.splitlines()
    # the same date again, or a first date, is no correction
    _yaml(folder, "b.yaml", '  II.3.b: {done: 2024-11-20, evidence: "1/BC"}\n', "2024-11-25")
    result = run_cli("status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25")
    assert result.stderr == ""
