"""A workbook's problems in `validate`'s machine formats: JSON names the cell (sheet and
all), GitHub's annotation names it in the message, since a workbook has no lines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PLAN, RunCli
from tests.test_excel_cells import book


def test_json_and_github_name_the_sheet_and_cell(run_cli: RunCli, tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", [["I.1", "không phải số", "25/11/2024"]])
    result = run_cli("validate", PLAN, "--metrics", path, "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["files"][1]["problems"]
    assert problem["cell"] == "'Giá trị'!B2"
    assert (problem["line"], problem["column"]) == (2, 2)
    plan_problems = json.loads(result.stdout)["files"][0]["problems"]
    assert plan_problems == []
    github = run_cli("validate", PLAN, "--metrics", path, "--format", "github")
    assert github.exit_code == 1
    (line,) = [x for x in github.stdout.splitlines() if x.startswith("::error")]
    assert line.startswith(f"::error file={path}::'Giá trị'!B2: PM0")
    assert ",line=" not in line


def test_a_problem_in_a_note_or_document_number_is_said_at_that_cell(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "b.xlsx",
        [
            ["I.1", 96, "25/11/2024", None, "ghi chú \u202e x"],
            ["II.3.b", "10/04/2024", "25/11/2024", "456\u2066/KH", None],
        ],
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert f"{path}:'Giá trị'!E2: error PM021" in result.stdout  # Ghi chú
    assert f"{path}:'Giá trị'!D3: error PM021" in result.stdout  # Văn bản
