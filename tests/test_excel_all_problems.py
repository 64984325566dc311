"""Every problem of a workbook at once: the values it reads well are given with its problems,
as the YAML and CSV readers give theirs, so that a conflict with another file is reported
beside a bad row; and a shared check written under both its ids names both ids and cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import PLAN, RunCli
from tests.test_excel import workbook

DAY = dt.date(2024, 11, 25)


def test_a_bad_row_does_not_hide_a_conflict_with_another_file(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    book = workbook(folder / "a.xlsx", [["VI.3", 72.4, DAY], ["X.99", 2, DAY]])
    other = folder / "b.yaml"
    other.write_text("plan: kh2024\nas_of: 2024-11-25\nvalues:\n  VI.3: 80\n", encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{book}:'Giá trị'!A4: error PM001 tiêu chí 'X.99' không có trong kế hoạch",
        f"{book}: có lỗi — 1 lỗi, 0 cảnh báo",
        f"{other}:4:9: error PM028 'VI.3' ngày 25/11/2024 có hai giá trị khác nhau: 80 ở đây; "
        f"72,4 ở {book}:'Giá trị'!B3",
        f"{other}: có lỗi — 1 lỗi, 0 cảnh báo",
    ]
    result = run_cli("status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert [line.split(": error ")[1][:5] for line in result.stderr.splitlines()] == [
        "PM001",
        "PM028",
    ]


def test_a_conflict_names_the_cell_of_a_shared_check_written_under_its_other_id(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # X.3 is III.4.e (one shared check): the workbook's cell is found under either id
    folder = tmp_path / "metrics"
    folder.mkdir()
    book = workbook(folder / "a.xlsx", [["X.3", 2, DAY]])
    other = folder / "b.yaml"
    other.write_text("plan: kh2024\nas_of: 2024-11-25\nvalues:\n  III.4.e: 0\n", encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", folder, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"{other}:4:12: error PM028 'III.4.e' on 25/11/2024 has two different values: 0 here; "
        f"2 (X.3) at {book}:'Giá trị'!B3"
    ) in result.stdout.splitlines()


def test_a_shared_check_written_under_both_ids_in_a_sheet_names_both(
    run_cli: RunCli, tmp_path: Path
) -> None:
    book = workbook(
        tmp_path / "a.xlsx",
        [["III.4.e", 0, DAY], ["VI.3", 72.4, DAY], ["X.3", 0, DAY], ["II.1", "20/11/2024", DAY]],
    )
    result = run_cli("validate", PLAN, "--metrics", book)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{book}:'Giá trị'!A5: error PM046 'X.3' và 'III.4.e' là một tiêu chí dùng chung; ngày "
        "25/11/2024 đã ghi ở ô 'Giá trị'!B3 dưới mã 'III.4.e'; ghi tiêu chí này một lần mỗi "
        "ngày, dưới một trong hai mã",
        f"{book}: có lỗi — 1 lỗi, 0 cảnh báo",
    ]
    book = workbook(
        tmp_path / "b.xlsx", [["II.2.a", "20/11/2024", DAY], ["II.1", "21/11/2024", DAY]]
    )
    result = run_cli("validate", PLAN, "--metrics", book, "--lang", "en")
    assert result.stdout.splitlines()[1] == (
        f"{book}:'Giá trị'!A4: error PM046 'II.1' and 'II.2.a' are one shared check; for "
        "25/11/2024 it is already at 'Giá trị'!B3 as 'II.2.a'; write it once a day, under "
        "either id"
    )
    # the same id twice is still PM056
    book = workbook(tmp_path / "c.xlsx", [["VI.3", 72.4, DAY], ["VI.3", 72.4, DAY]])
    result = run_cli("validate", PLAN, "--metrics", book)
    assert f"{book}:'Giá trị'!A4: error PM056 'VI.3' ngày 25/11/2024 đã có ở ô 'Giá trị'!B3" in (
        result.stdout
    )
