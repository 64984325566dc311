"""A recurring duty's submissions and an event check's events add up: over the months (a
file need only list what is new, and a miss once reported stays), and over the files of one
day (each unit sends its own). One event given two different ways on one day is a conflict.
Through the command line, on the shipped plan and files written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import RunCli


def write(folder: Path, name: str, as_of: str, values: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"plan: kh2024\nas_of: {as_of}\nvalues:\n{values}", encoding="utf-8")
    return path


def checks(run_cli: RunCli, folder: Path, as_of: str, *more: str) -> dict[str, Any]:
    args = ("--as-of", as_of, "--metrics", folder, "--format", "json", *more)
    result = run_cli("status", *args)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    payload = json.loads(result.stdout)
    return {c["id"]: c for t in payload["tasks"] for c in t["checks"]}


def test_a_monthly_file_need_list_only_the_new_submission(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "10.yaml", "2024-10-25", "  ORG.1: {done: [2024-09-25, 2024-10-25]}\n")
    write(tmp_path, "11.yaml", "2024-11-25", "  ORG.1: {done: [2024-11-25]}\n")
    got = checks(run_cli, tmp_path, "2024-11-25")["ORG.1"]
    assert (got["status"], got["actual"]) == ("pending", 3)  # 25/11 done; next 25/12


def test_a_late_event_is_not_cured_by_a_later_file_that_leaves_it_out(
    run_cli: RunCli, tmp_path: Path
) -> None:
    late = "    events:\n      - {start: 2024-10-21 08:00, done: 2024-10-23 10:00, ref: A}\n"
    write(tmp_path, "10.yaml", "2024-10-25", f"  III.4.b:\n{late}")
    on_time = "    events:\n      - {start: 2024-11-20 08:00, done: 2024-11-20 10:00, ref: B}\n"
    write(tmp_path, "11.yaml", "2024-11-25", f"  III.4.b:\n{on_time}")
    got = checks(run_cli, tmp_path, "2024-11-25")
    assert (got["III.4.b"]["status"], got["III.4.b"]["detail"]) == ("not_met", "1/2 trễ")
    assert got["X.4"]["detail"] == "1/2 trễ"  # the same fact


def test_an_open_event_handled_later_is_updated_not_doubled(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write(
        tmp_path,
        "10.yaml",
        "2024-10-25",
        "  III.2.b:\n    events:\n      - {start: 2024-10-24, ref: QĐ 1}\n",
    )
    write(
        tmp_path,
        "11.yaml",
        "2024-11-25",
        "  III.2.b:\n    events:\n      - {start: 2024-10-24, done: 2024-10-28, ref: QĐ 1}\n",
    )
    got = checks(run_cli, tmp_path, "2024-11-25")["III.2.b"]
    assert (got["status"], got["actual"], got["detail"]) == ("met", 1, "0/1 trễ")


def test_the_files_of_two_units_on_one_day_add_up(run_cli: RunCli, tmp_path: Path) -> None:
    write(
        tmp_path,
        "vp.yaml",
        "2024-11-25",
        "  ORG.1: {done: [2024-10-25]}\n"
        "  III.2.b:\n    events:\n      - {start: 2024-11-04, done: 2024-11-06, ref: QĐ 1}\n",
    )
    write(
        tmp_path,
        "tts.yaml",
        "2024-11-25",
        "  ORG.1: {done: [2024-11-25]}\n"
        "  III.2.b:\n    events:\n      - {start: 2024-11-12, done: 2024-11-13, ref: QĐ 2}\n",
    )
    result = run_cli("validate", "--metrics", tmp_path)
    assert result.exit_code == 0, result.stdout
    got = checks(run_cli, tmp_path, "2024-11-25")
    assert got["ORG.1"]["actual"] == 2
    assert (got["III.2.b"]["actual"], got["III.2.b"]["detail"]) == (2, "0/2 trễ")


def test_one_event_told_two_ways_on_one_day_is_a_conflict(run_cli: RunCli, tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "2024-11-25",
        "  III.2.b:\n    events:\n      - {start: 2024-11-04, done: 2024-11-06, ref: QĐ 1}\n",
    )
    b = write(
        tmp_path,
        "b.yaml",
        "2024-11-25",
        "  III.2.b:\n    events:\n      - {start: 2024-11-04, done: 2024-11-20, ref: QĐ 1}\n",
    )
    result = run_cli("validate", "--metrics", tmp_path)
    assert result.exit_code == 1
    assert f"{b}:5:5: error PM028 'III.2.b' ngày 25/11/2024 có hai giá trị khác nhau" in (
        result.stdout
    )
    assert f"ở {a}:5:5" in result.stdout


def test_the_report_lists_a_shared_fact_once(run_cli: RunCli, tmp_path: Path) -> None:
    late = "    events:\n      - {start: 2024-11-18 08:00, done: 2024-11-20 10:00}\n"
    write(tmp_path, "11.yaml", "2024-11-25", f"  X.3: 2\n  X.4:\n{late}")
    text = run_cli("report", "--as-of", "2024-11-25", "--metrics", tmp_path).stdout
    rows = [line for line in text.splitlines() if "✘ Không đạt" in line]
    ids = [row.split(" | ")[0].lstrip("| ") for row in rows]
    ids = [ident for ident in ids if "." in ident]  # not the summary's row
    assert sorted(ids) == ["III.4.b", "III.4.e"]  # X.4 and X.3 are these facts


def test_one_fact_twice_in_a_csv_is_a_duplicate_row_under_either_id(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "m.csv"
    path.write_text("check,value,as_of,note\nX.3,2,2024-11-25,\nIII.4.e,2,2024-11-25,\n", "utf-8")
    result = run_cli("validate", "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"{path}:3:1: error PM044 'III.4.e' and 'X.3' are one shared check; for 25/11/2024 "
        "it is already on line 2 as 'X.3'; write it once a day, under either id"
    ) in result.stdout
    assert result.stdout.endswith(f"{path}: has errors — 1 error, 0 warnings\n")


def test_an_event_written_twice_in_one_list_counts_once_or_is_an_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    twice = "      - {start: 2024-11-04, done: 2024-11-06, ref: QĐ 1}\n" * 2
    write(tmp_path / "same", "11.yaml", "2024-11-25", f"  III.2.b:\n    events:\n{twice}")
    got = checks(run_cli, tmp_path / "same", "2024-11-25")["III.2.b"]
    assert (got["actual"], got["detail"]) == (1, "0/1 trễ")
    path = write(
        tmp_path / "other",
        "11.yaml",
        "2024-11-25",
        "  III.2.b:\n    events:\n      - {start: 2024-11-04, done: 2024-11-06}\n"
        "      - {start: 2024-11-04, done: 2024-11-20}\n",
    )
    result = run_cli("validate", "--metrics", path)
    assert result.exit_code == 1
    assert f"{path}:7:17: error PM033 sự kiện bắt đầu 04/11/2024" in result.stdout
    assert "đã có ở mục thứ 1 của danh sách" in result.stdout


def test_an_event_left_open_later_keeps_its_done_and_a_missing_ref_matches_the_start(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write(
        tmp_path,
        "10.yaml",
        "2024-10-25",
        "  III.2.b:\n    events:\n      - {start: 2024-10-01, done: 2024-10-03, ref: QĐ 1}\n",
    )
    write(
        tmp_path, "11.yaml", "2024-11-25", "  III.2.b:\n    events:\n      - {start: 2024-10-01}\n"
    )  # no done, no ref: the same event, still done
    got = checks(run_cli, tmp_path, "2024-11-25")["III.2.b"]
    assert (got["status"], got["actual"], got["detail"]) == ("met", 1, "0/1 trễ")


def test_a_ref_must_be_text(run_cli: RunCli, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "11.yaml",
        "2024-11-25",
        "  III.2.b:\n    events:\n      - {start: 2024-11-04, ref: [a]}\n",
    )
    result = run_cli("validate", "--metrics", path)
    assert result.exit_code == 1
    assert f"{path}:6:34: error PM034 cần một đoạn văn bản" in result.stdout


def test_the_report_summary_counts_a_shared_fact_once(run_cli: RunCli, tmp_path: Path) -> None:
    late = "    events:\n      - {start: 2024-11-18 08:00, done: 2024-11-20 10:00}\n"
    write(tmp_path, "11.yaml", "2024-11-25", f"  X.3: 2\n  X.4:\n{late}")
    text = run_cli("report", "--as-of", "2024-11-25", "--metrics", tmp_path).stdout
    counts = {}
    for line in text.splitlines():
        for label in ("✘ Không đạt", "⏰ Quá hạn"):
            if line.startswith(f"| {label} | "):
                counts[label] = int(line.split(" | ")[1])
    assert counts == {"✘ Không đạt": 2, "⏰ Quá hạn": 8}  # III.4.b and III.4.e, once each
    assert "## 1. Không đạt và quá hạn (10)" in text
    total = 0
    for line in text.splitlines():
        if line.startswith("| ") and line.split(" | ")[0][2:3] in "✘⏰▲◷?·✔":
            total += int(line.split(" | ")[1])
    assert total == 72  # 75 checks, 3 of them shared copies
