"""Excel metrics workbooks (`figures/excel.py`): sheets known by their header row, real
cells, the same values as the YAML reader builds, positions as `file:Sheet!C7`, and bounds
on what a workbook may unpack to."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import PLAN, RunCli

DAY = dt.date(2024, 11, 25)
SAME_AS_YAML = """\
plan: kh2024
as_of: 2024-11-25
values:
  VI.3: {value: 11.5, note: KBNN}
  I.3: 2
  I.4.c: {done: 2024-11-20, evidence: "12/BC-SCT"}
  I.2.b: {done: [2024-11-01, 2024-11-08, 2024-11-15]}
  III.4.b:
    events:
      - {start: "2024-11-04 08:30", done: "2024-11-04 15:00", ref: HS-1}
      - {start: "2024-11-05 08:30", ref: HS-2}
"""


def workbook(path: Path, values: list[list[Any]], events: list[list[Any]] | None = None) -> Path:
    """A workbook as a unit fills it in: a title row, then the header, in Vietnamese."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Giá trị"
    sheet.append(["Số liệu tháng 11/2024"])
    sheet.append(["MÃ", "Giá  trị", "ngay so lieu", "Văn bản", "Ghi chú"])
    for row in values:
        sheet.append(row)
    if events is not None:
        other = book.create_sheet("Sự kiện")
        other.append(["Mã", "Bắt đầu", "Hoàn thành", "Văn bản"])
        for row in events:
            other.append(row)
    book.create_sheet("Hướng dẫn").append(["Điền cột Giá trị; để trống nếu chưa có số liệu."])
    book.save(path)
    return path


def filled(path: Path) -> Path:
    book = workbook(
        path,
        [
            ["VI.3", 0.115, DAY, None, "KBNN"],
            ["I.3", 2, DAY],
            ["I.4.c", dt.date(2024, 11, 20), DAY, "12/BC-SCT"],
            ["I.2.b", "01/11/2024; 08/11/2024", DAY],
            ["I.2.b", dt.date(2024, 11, 15), DAY],  # one row per submission
            ["I.2.c", None, DAY],  # left blank: not reported
        ],
        [
            ["III.4.b", dt.datetime(2024, 11, 4, 8, 30), dt.datetime(2024, 11, 4, 15), "HS-1"],
            ["III.4.b", dt.datetime(2024, 11, 5, 8, 30), None, "HS-2"],
        ],
    )
    loaded = openpyxl.load_workbook(book)
    loaded["Giá trị"]["B3"].number_format = "0.0%"  # 0.115 shown as 11.5%
    loaded.save(book)
    return book


def status_json(run_cli: RunCli, metrics: Path) -> Any:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", metrics, "--as-of", "2024-11-25", "--format", "json"
    )
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_workbook_reads_as_the_same_figures_in_yaml(run_cli: RunCli, tmp_path: Path) -> None:
    book = filled(tmp_path / "so-lieu.xlsx")
    yaml = tmp_path / "same.yaml"
    yaml.write_text(SAME_AS_YAML, encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", book)
    assert result.exit_code == 0, result.stdout
    assert f"{book}: hợp lệ — 5 giá trị" in result.stdout
    from_book, from_yaml = status_json(run_cli, book), status_json(run_cli, yaml)
    for found in (from_book, from_yaml):
        found.pop("metrics", None)
        found.pop("files", None)
    assert json.dumps(from_book, sort_keys=True).replace(str(book), "F") == json.dumps(
        from_yaml, sort_keys=True
    ).replace(str(yaml), "F")
    checks = [c for t in from_book["tasks"] for c in t["checks"]]
    assert next(c for c in checks if c["id"] == "VI.3")["actual"] == 11.5  # 0.115 as 11.5%


def test_a_workbook_in_a_metrics_folder_is_read(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    filled(folder / "don-vi.xlsx")
    (folder / "~$don-vi.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 0, result.stdout
    assert "don-vi.xlsx: hợp lệ — 5 giá trị" in result.stdout


def test_problems_name_the_sheet_and_cell(run_cli: RunCli, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Values"
    sheet.append(["check", "value", "as_of", "note"])
    sheet.append(["VI.3", 1.5, DAY])
    sheet["B2"].number_format = "0%"
    sheet.append(["I.3", 2.5, DAY])
    sheet.append(["X.99", 2, DAY])
    sheet.append(["I.3", 3, None])
    sheet.append(["I.4.c", dt.date(2024, 11, 28), "25/11/2024"])
    sheet.append(["III.4.b", 3, "25/11/2024"])
    sheet.append(["I.3", 3, DAY])
    sheet.append(["I.3", 3, DAY])
    events = book.create_sheet("Sự kiện")
    events.append(["check", "start", "done", "as_of"])
    events.append(["III.4.b", dt.datetime(2024, 11, 4, 8, 30), dt.datetime(2024, 11, 3), DAY])
    events.append(["I.3", dt.datetime(2024, 11, 4, 8, 30), None, DAY])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    expected = [
        "Values!B2: error PM005 ",
        "Values!B3: error PM026 'I.3' đếm sáng kiến",
        "Values!A4: error PM001 tiêu chí 'X.99'",
        "Values!C5: error PM055 ",
        "Values!B6: error PM030 ",
        "Values!B7: error PM058 'III.4.b' là tiêu chí sự kiện",
        "Values!A9: error PM056 'I.3' ngày 25/11/2024 đã có ở ô Values!B8",
        "'Sự kiện'!A3: error PM057 'I.3' là tiêu chí chỉ tiêu, không phải sự kiện",
        "'Sự kiện'!C2: error PM031 ",
    ]
    for text in expected:
        assert f"{path}:{text}" in result.stdout, (text, result.stdout)
    status = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25")
    assert status.exit_code == 2
    assert f"{path}:Values!B2" in status.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_no_recognised_sheet_says_which_header(run_cli: RunCli, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    path = tmp_path / "empty.xlsx"
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}: error PM053 no sheet has the header row check, value, as_of" in result.stdout


def test_other_spreadsheets_say_how_to_save_them(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("old.xls", "calc.ods"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 not read")
        result = run_cli("validate", PLAN, "--metrics", tmp_path / name)
        assert result.exit_code == 1
        assert "PM050" in result.stdout and "lưu thành .xlsx" in result.stdout
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not a workbook")
    result = run_cli("validate", PLAN, "--metrics", damaged)
    assert result.exit_code == 1
    assert f"{damaged}: error PM051 không đọc được bảng tính Excel" in result.stdout
    not_a_book = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(not_a_book, "w") as archive:
        archive.writestr("hello.txt", "no workbook here")
    result = run_cli("status", "--plan", PLAN, "--metrics", not_a_book, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert "PM051" in result.stderr and "Traceback" not in result.stderr


def test_a_zip_bomb_is_refused_unread(run_cli: RunCli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        for _ in range(210):
            member.write(block)
    assert bomb.stat().st_size < 1_000_000
    result = run_cli("validate", PLAN, "--metrics", bomb)
    assert result.exit_code == 1
    assert f"{bomb}: error PM052 bảng tính giải nén ra 210 MB, quá giới hạn 200 MB" in (
        result.stdout
    )


def test_missing_rows_are_not_counted_against_the_limit(run_cli: RunCli, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["check", "value", "as_of"])
    sheet.cell(row=100_002, column=1, value="I.3")  # rows 2 … 100,001 are missing: empty
    path = tmp_path / "long.xlsx"
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.exit_code == 0  # one row holds a cell: the id alone, nothing reported
    assert "PM054" not in result.stdout


def template(run_cli: RunCli, path: Path, *more: str) -> Path:
    result = run_cli(
        "template", "--plan", PLAN, "--as-of", "2024-11-25", "--format", "xlsx", "-o", path, *more
    )
    assert result.exit_code == 0, result.stderr
    return path


def test_the_workbook_template_untouched_is_an_empty_snapshot(
    run_cli: RunCli, tmp_path: Path
) -> None:
    book = template(run_cli, tmp_path / "mau.xlsx")
    result = run_cli("validate", PLAN, "--metrics", book)
    assert result.exit_code == 0, result.stdout
    assert f"{book}: hợp lệ — 0 giá trị" in result.stdout
    loaded = openpyxl.load_workbook(book)
    assert loaded.sheetnames == ["Giá trị", "Sự kiện", "Hướng dẫn"]
    values = loaded["Giá trị"]
    header = ["Mã", "Nội dung", "Chỉ tiêu", "Hạn", "Đơn vị chủ trì", "Giá trị", "Ngày số liệu"]
    assert [c.value for c in values[1]][:7] == header
    assert values.protection.sheet
    rows = {row[0].value: row for row in values.iter_rows(min_row=2)}
    vi3 = rows["VI.3"]
    assert vi3[0].protection.locked and vi3[2].protection.locked and vi3[4].protection.locked
    assert not vi3[5].protection.locked and not vi3[6].protection.locked
    assert vi3[6].value == dt.datetime(2024, 11, 25)
    rules = [
        (str(r.sqref), r.type, r.formula1, r.formula2)
        for r in values.data_validations.dataValidation
    ]
    assert any(t[1:] == ("decimal", "0", "100") and "F" in t[0] for t in rules), rules
    assert any(t[1] == "date" for t in rules)
    formulas = [r.formula1 for r in loaded["Sự kiện"].data_validations.dataValidation]
    assert "III.4.b" in str(formulas)


def test_the_workbook_filled_in_drives_status(run_cli: RunCli, tmp_path: Path) -> None:
    book = template(run_cli, tmp_path / "mau.xlsx")
    loaded = openpyxl.load_workbook(book)
    values = loaded["Giá trị"]
    at = {row[0].value: row[0].row for row in values.iter_rows(min_row=2)}
    values.cell(at["VI.3"], 6, 11.5)
    values.cell(at["VI.3"], 9, "KBNN")
    values.cell(at["I.3"], 6, 2)
    values.cell(at["I.4.c"], 6, dt.date(2024, 11, 20))
    values.cell(at["I.4.c"], 8, "12/BC-SCT")
    values.cell(at["I.2.b"], 6, "01/11/2024; 08/11/2024; 15/11/2024")
    events = loaded["Sự kiện"]
    rows = (
        ("III.4.b", dt.datetime(2024, 11, 4, 8, 30), dt.datetime(2024, 11, 4, 15), "HS-1"),
        ("III.4.b", dt.datetime(2024, 11, 5, 8, 30), None, "HS-2"),
    )
    for number, row in enumerate(rows, start=2):  # typed into the first blank rows
        for column, value in enumerate(row, start=1):
            events.cell(number, column, value)
    loaded.save(book)
    yaml = tmp_path / "same.yaml"
    yaml.write_text(SAME_AS_YAML, encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", book)
    assert result.exit_code == 0, result.stdout
    assert f"{book}: hợp lệ — 5 giá trị" in result.stdout
    from_book, from_yaml = status_json(run_cli, book), status_json(run_cli, yaml)
    assert json.dumps(from_book["tasks"], sort_keys=True).replace(str(book), "F") == json.dumps(
        from_yaml["tasks"], sort_keys=True
    ).replace(str(yaml), "F")
    report = run_cli("report", "--plan", PLAN, "--metrics", book, "--as-of", "2024-11-25")
    assert report.exit_code == 0, report.stderr


def test_the_workbook_template_for_one_unit(run_cli: RunCli, tmp_path: Path) -> None:
    whole = openpyxl.load_workbook(template(run_cli, tmp_path / "all.xlsx"))["Giá trị"]
    own_book = template(run_cli, tmp_path / "vp.xlsx", "--unit", "Văn phòng Sở")
    own = openpyxl.load_workbook(own_book)["Giá trị"]
    assert 1 < own.max_row < whole.max_row
    wrong = run_cli(
        "template", "--plan", PLAN, "--format", "xlsx", "-o", tmp_path / "x.xlsx", "--unit", "zz"
    )
    assert wrong.exit_code == 2 and "--unit 'zz'" in wrong.stderr
    bare = run_cli("template", "--plan", PLAN, "--format", "xlsx")
    assert bare.exit_code == 2 and "-o" in bare.stderr
    before = PLAN.read_bytes()
    onto = run_cli("template", "--plan", PLAN, "--format", "xlsx", "-o", PLAN)
    assert onto.exit_code == 2
    assert PLAN.read_bytes() == before


def test_two_workbooks_that_disagree_name_both_cells(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    workbook(folder / "a.xlsx", [["VI.3", 72.4, DAY]])
    workbook(folder / "b.xlsx", [["I.3", 2, DAY], ["VI.3", 80, DAY]])
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 1
    expected = (
        f"{folder / 'b.xlsx'}:'Giá trị'!B4: error PM028 'VI.3' ngày 25/11/2024 có hai giá trị "
        f"khác nhau: 80 ở đây; 72,4 ở {folder / 'a.xlsx'}:'Giá trị'!B3"
    )
    assert expected in result.stdout, result.stdout


def test_a_row_of_too_many_cells_is_refused_unparsed(run_cli: RunCli, tmp_path: Path) -> None:
    made = tmp_path / "made.xlsx"
    workbook(made, [["I.3", 2, DAY]])
    bomb = tmp_path / "cells.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, source.read(info.filename))
                continue
            with out.open(info.filename, "w") as member:
                member.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
                member.write(b'spreadsheetml/2006/main"><sheetData><row r="1">')
                for _ in range(51):
                    member.write(b"<c><v>1</v></c>" * 10_000)
                member.write(b"</row></sheetData></worksheet>")
    assert bomb.stat().st_size < 100_000
    result = run_cli("validate", PLAN, "--metrics", bomb, "--lang", "en")
    assert result.exit_code == 1
    assert f"{bomb}: error PM059 the workbook holds more than 500,000 cells" in result.stdout


def test_a_units_workbook_takes_its_name_as_people_type_it(run_cli: RunCli, tmp_path: Path) -> None:
    book = tmp_path / "tts.xlsx"
    result = run_cli(
        "template",
        "--format",
        "xlsx",
        "--unit",
        "thanh tra so",
        "-o",
        book,
        "--as-of",
        "2024-11-25",
    )
    assert result.exit_code == 0, result.stderr
    assert book.stat().st_size > 0


def test_no_text_of_the_plan_becomes_a_formula(run_cli: RunCli, tmp_path: Path) -> None:
    # openpyxl takes a string starting with "=" for a formula: "= 0 trường hợp" (I.2.c's
    # target) showed Err:509 in LibreOffice, and a title "=HYPERLINK(…)" would have run
    plan = tmp_path / "plan.yaml"
    text = PLAN.read_text(encoding="utf-8").replace(
        'title: "Tỷ lệ giải ngân', 'title: "=HYPERLINK(\\"http://x\\",\\"x\\")Tỷ lệ giải ngân', 1
    )
    plan.write_text(text, encoding="utf-8")
    book = tmp_path / "t.xlsx"
    args = ("template", "--plan", plan, "--format", "xlsx", "-o", book, "--as-of", "2024-11-25")
    assert run_cli(*args).exit_code == 0
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    targets = {row[0].value: row[2] for row in sheet.iter_rows(min_row=2)}
    assert (targets["I.2.c"].value, targets["I.2.c"].data_type) == ("= 0 trường hợp", "s")


def test_an_outside_bodys_workbook_is_refused_not_empty(run_cli: RunCli, tmp_path: Path) -> None:
    book = tmp_path / "snv.xlsx"
    args = ("template", "--format", "xlsx", "--unit", "Sở Nội vụ", "-o", book)
    result = run_cli(*args, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert "không chủ trì hay phối hợp nhiệm vụ nào" in result.stderr
    assert not book.exists()
