"""CSV files as Vietnamese Excel saves them: semicolons, BOM, CR LF, Vietnamese headers,
decimal commas, dd/mm/yyyy, UTF-16 and Windows-1258 (the refusals are in tests/data/bad/)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import DATA, PLAN, RunCli

EXCEL = DATA / "metrics" / "excel"
SAVED = ["semicolon-bom-crlf.csv", "utf16le.csv", "utf16be.csv", "cp1258.csv", "sep-line.csv"]


def _actual(run_cli: RunCli, path: Path) -> dict[str, tuple[object, str, object]]:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25", "--format", "json"
    )
    assert result.exit_code in (0, 1), result.stderr
    checks = (c for t in json.loads(result.stdout)["tasks"] for c in t["checks"])
    return {c["id"]: (c["actual"], c["status"], c["detail"]) for c in checks}


@pytest.mark.parametrize("name", SAVED)
def test_excel_saved_csv_is_read(run_cli: RunCli, name: str) -> None:
    path = EXCEL / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert f"{path}: hợp lệ — 3 giá trị" in result.stdout
    actual = _actual(run_cli, path)
    assert actual["VI.3"] == (72.4, "at_risk", "số liệu KBNN")  # a decimal comma, not a cell
    assert actual["III.6"][0] == 98.5
    assert actual["I.4.c"] == ("2024-11-20", "met", "456/BC-SNV")  # the Văn bản column
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_headers_match_ignoring_case_spacing_and_diacritics(run_cli: RunCli) -> None:
    # `MA , Tên tiêu chí, gia tri,NGAY SO LIEU,ghi chu`: a title column beside them is ignored
    path = EXCEL / "loose-headers.csv"
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _actual(run_cli, path)["VI.3"] == (72.4, "at_risk", "số liệu KBNN")


def test_a_column_named_twice_is_the_header_problem(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("Mã;Giá trị;Ngày số liệu;gia tri\nVI.3;72,4;25/11/2024;1\n", encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:1:25: error PM009 CSV needs the header" in result.stdout  # the second
    assert "found Mã;Giá trị;Ngày số liệu;gia tri" in result.stdout


def test_a_semicolon_row_problem_names_its_row(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "vi.csv"
    path.write_bytes("sep=;\r\nMã;Giá trị;Ngày số liệu\r\nvi.3x;72,4;25/11/2024\r\n".encode())
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:3:1: error PM001 no check 'vi.3x' in the plan — VI.3?" in result.stdout


def test_a_check_id_is_read_ignoring_case_and_spacing(run_cli: RunCli, tmp_path: Path) -> None:
    # the issue: "check ids match ignoring case and spacing"; `vi.3` is VI.3, ` i.1 ` I.1
    path = tmp_path / "vi.csv"
    path.write_bytes(
        "Mã;Giá trị;Ngày số liệu\r\nvi.3;72,4;25/11/2024\r\n i.1 ;98;25/11/2024\r\n".encode()
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    yaml = tmp_path / "y.yaml"
    yaml.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  vi.3: 72.4\n  VI.3: 72.5\n", "utf-8"
    )
    result = run_cli("validate", PLAN, "--metrics", yaml)
    assert result.exit_code == 1  # one check written twice: the second names the first
    assert f"{yaml}:5:3: error PM029 'VI.3' ngày 25/11/2024 đã có ở dòng 4" in result.stdout


def test_the_fourth_column_after_check_value_as_of_is_still_the_note(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # before headers were matched by name, any fourth column was the note: a deliverable's
    # evidence must not be dropped now that other columns are ignored
    path = tmp_path / "old.csv"
    path.write_text("check,value,as_of,notes\nI.4.c,2024-11-20,2024-11-25,456/BC-SNV\n")
    assert _actual(run_cli, path)["I.4.c"] == ("2024-11-20", "met", "456/BC-SNV")
