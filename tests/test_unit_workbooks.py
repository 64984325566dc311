"""The workbooks of `parcheck template --format xlsx`: one unit's holds the checks it reports
itself (its groups' single figures are compiled by Văn phòng Sở), so the units' workbooks read
together do not collide; spare rows take one more submission of a duty each; a workbook is
written to a name ending in .xlsx."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import PLAN, RunCli

DAY = ("--as-of", "2024-11-25")
AS_OF = dt.datetime(2024, 11, 25)
GROUP_FIGURES = {"I.1", "I.2.a", "I.3", "III.5", "III.6", "ORG.1", "ORG.3", "ORG.4", "ORG.5"}


def template(run_cli: RunCli, path: Path, *more: object) -> Path:
    result = run_cli("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", path, *more)
    assert result.exit_code == 0, result.stderr
    return path


def ids(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["Giá trị"]
    return [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]


def guide(path: Path) -> str:
    sheet = openpyxl.load_workbook(path)["Hướng dẫn"]
    return "\n".join(str(row[0].value or "") for row in sheet.iter_rows())


def fill_as_a_unit(path: Path, number: float, events: list[tuple[Any, ...]]) -> Path:
    """Every row a unit can write filled in, as a unit does: a number for a target (its own
    figure), a date and a document for a product, "không có" for an event check it has no
    event of; `events` on the events sheet."""
    book = openpyxl.load_workbook(path)
    values = book["Giá trị"]
    with_events = {row[0] for row in events}
    for row in values.iter_rows(min_row=2):
        ident, target, value = row[0].value, str(row[2].value or ""), row[5]
        if not ident or value.protection.locked:
            continue
        if target.startswith("ngày hoàn thành"):
            value.value = dt.date(2024, 11, 20)
            row[7].value = f"{number:g}/BC"
        elif target.startswith("các ngày nộp"):
            value.value = "01/11/2024; 08/11/2024; 15/11/2024; 22/11/2024"
        elif target.startswith("sự kiện"):
            if ident not in with_events:
                value.value = "không có"
        else:
            value.value = number if "%" in target else int(number) // 10
    sheet = book["Sự kiện"]
    for number_row, event in enumerate(events, start=2):
        for column, cell in enumerate(event, start=1):
            sheet.cell(number_row, column, cell)
    book.save(path)
    return path


def test_a_units_workbook_holds_what_it_reports_itself(run_cli: RunCli, tmp_path: Path) -> None:
    tts = ids(template(run_cli, tmp_path / "tts.xlsx", "--unit", "thanh tra so"))
    pcm = ids(template(run_cli, tmp_path / "pcm.xlsx", "--unit", "Phòng CM"))
    # the group-led single figures were in both: each unit wrote its own I.1, and status
    # then stopped on PM028 (two values for I.1 on one day)
    assert tts == [
        "II.1",
        "II.2.a",
        "II.2.b",
        "II.3.a",
        "II.3.b",
        "II.3.c",
        "II.4",
        "III.1.a",
        "III.1.b",
        "V.5",
        "VII.3.a",
        "VII.3.b",
    ]
    assert pcm == ["III.2.b", "III.4.b", "V.5"]  # events: each unit's cases add up
    for text in (guide(tmp_path / "tts.xlsx"), guide(tmp_path / "pcm.xlsx")):
        line = next(x for x in text.splitlines() if "Văn phòng Sở tổng hợp" in x)
        assert all(f" {ident}," in line or f" {ident}." in line for ident in GROUP_FIGURES)
    assert "III.4.a, III.4.c" in guide(tmp_path / "pcm.xlsx")  # its own group's figures too


def test_the_units_workbooks_filled_in_are_read_together(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    tts = template(run_cli, folder / "tts.xlsx", "--unit", "thanh tra so")
    pcm = template(run_cli, folder / "pcm.xlsx", "--unit", "Phòng CM")
    at = dt.datetime
    fill_as_a_unit(tts, 90, [("V.5", at(2024, 11, 4, 8), at(2024, 11, 6, 9), "QĐ 1/TTS")])
    fill_as_a_unit(
        pcm,
        80,
        [
            ("V.5", at(2024, 11, 5, 8), at(2024, 11, 7, 9), "QĐ 2/PCM"),
            ("III.4.b", at(2024, 11, 4, 8, 30), at(2024, 11, 4, 15), "HS-1"),
        ],
    )
    args = ("status", "--plan", PLAN, "--metrics", folder, *DAY, "--format", "json")
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    checks = {c["id"]: c for t in json.loads(result.stdout)["tasks"] for c in t["checks"]}
    assert (checks["V.5"]["status"], checks["V.5"]["actual"]) == ("met", 2)  # one event each
    assert checks["II.4"]["actual"] == 90
    assert checks["III.2.b"]["actual"] == 0  # "không có": no events so far
    assert checks["I.1"]["status"] == "no_data"  # Văn phòng Sở's to report
    valid = run_cli("validate", PLAN, "--metrics", folder)
    assert valid.exit_code == 0, valid.stdout


def test_the_group_checks_are_said_where_they_are_entered_in_every_units_workbook(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Văn phòng Sở's own workbook does not tell it to send its part to itself: the line is
    true of every unit, and says where the group checks are entered (the full workbook)."""
    for unit in ("VP", "PCM"):
        text = guide(template(run_cli, tmp_path / f"{unit}.xlsx", "--unit", unit))
        line = next(x for x in text.splitlines() if "Các tiêu chí sau" in x)
        assert line.split(". ", 1)[1].startswith(
            "Các tiêu chí sau do nhiều phòng, đơn vị cùng chủ trì và là một số liệu chung "
            "của Sở nên không có trong bảng này: Văn phòng Sở tổng hợp và điền vào bảng tính "
            "chung của Sở (parcheck template --format xlsx, không có --unit); các phòng, đơn vị "
            "khác gửi phần của mình cho Văn phòng Sở như thường lệ. Đó là: I.1, "
        ), line
        assert "phần của đơn vị gửi Văn phòng Sở" not in text
        assert text.splitlines()[-1].split(". ", 1)[1] == (
            "Lưu tệp dạng .xlsx (các phòng, đơn vị gửi tệp của mình cho Văn phòng Sở). Kiểm tra: "
            "parcheck validate --metrics TỆP."
        )


def test_every_check_is_in_one_units_workbook_or_compiled(run_cli: RunCli, tmp_path: Path) -> None:
    full = ids(template(run_cli, tmp_path / "all.xlsx"))
    books = {
        unit: ids(template(run_cli, tmp_path / f"{unit}.xlsx", "--unit", unit))
        for unit in ("VP", "TTS", "PCM")
    }
    compiled = next(
        line
        for line in guide(tmp_path / "PCM.xlsx").splitlines()
        if "Văn phòng Sở tổng hợp" in line
    )
    listed = set(compiled.split(": ")[-1].rstrip(".").split(", "))
    held = [ident for book in books.values() for ident in book]
    shared_events = {"V.5"}  # a group's event check: in each member's workbook
    assert sorted(set(held) | listed | {"X.4"}) == sorted(full)  # X.4 is III.4.b's figures
    assert [i for i in held if i not in shared_events] == list(
        dict.fromkeys(i for i in held if i not in shared_events)
    )
    assert len(full) == 75  # the full workbook: every check of the plan, as before


def test_a_unit_with_nothing_of_its_own_gets_no_empty_workbook(
    run_cli: RunCli, tmp_path: Path
) -> None:
    book = tmp_path / "tt.xlsx"
    args = ("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", book, "--unit", "TTKCXTTM")
    result = run_cli(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "parcheck: --unit 'TTKCXTTM': Trung tâm Khuyến công và Xúc tiến thương mại không tự báo "
        "cáo tiêu chí nào; các tiêu chí của nhóm đơn vị (I.1, ORG.1, ORG.3, ORG.4, ORG.5) do Văn "
        "phòng Sở tổng hợp: không có bảng tính riêng\n"
    )
    english = run_cli(*args, "--lang", "en")
    assert "reports no check itself; its groups' checks (I.1, ORG.1," in english.stderr
    assert not book.exists()


# --- spare rows: one more submission of a recurring duty each ---------------------------


def test_spare_rows_take_one_submission_each(run_cli: RunCli, tmp_path: Path) -> None:
    book = template(run_cli, tmp_path / "vp.xlsx", "--unit", "VP")
    loaded = openpyxl.load_workbook(book)
    values = loaded["Giá trị"]
    rows = list(values.iter_rows(min_row=2))
    spare = [row for row in rows if row[0].value is None]
    assert len(spare) == 30
    first = spare[0][0].row
    assert all(not row[c].protection.locked for row in spare for c in (0, 5, 6, 7, 8))
    assert all(row[c].protection.locked for row in spare for c in (1, 2, 3, 4))
    dropdowns = [
        r.formula1 for r in values.data_validations.dataValidation if f"A{first}" in str(r.sqref)
    ]
    assert dropdowns == ['"I.2.b,I.4.a,I.4.e,ORG.2"']
    assert "mỗi lần nộp một dòng ở 30 dòng trống cuối trang «Giá trị»" in guide(book)
    at = {row[0].value: row[0].row for row in rows if row[0].value}
    values.cell(at["I.2.b"], 6, "01/11/2024; 08/11/2024; 15/11/2024")
    values.cell(first, 1, "I.2.b")  # the week of 22/11, on a row of its own
    values.cell(first, 6, dt.datetime(2024, 11, 22))
    values.cell(first + 1, 1, "ORG.2")  # an id chosen, nothing written: nothing
    loaded.save(book)
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", book, *DAY, "--format", "json", "--section", "I"
    )
    assert result.exit_code in (0, 1), result.stderr
    checks = {c["id"]: c for t in json.loads(result.stdout)["tasks"] for c in t["checks"]}
    assert (checks["I.2.b"]["status"], checks["I.2.b"]["actual"]) == ("due_soon", 4)
    valid = run_cli("validate", PLAN, "--metrics", book)
    assert valid.exit_code == 0 and f"{book}: hợp lệ — 1 giá trị" in valid.stdout


def test_a_workbook_with_no_duty_has_no_spare_rows(run_cli: RunCli, tmp_path: Path) -> None:
    book = template(run_cli, tmp_path / "tts.xlsx", "--unit", "TTS")
    assert openpyxl.load_workbook(book)["Giá trị"].max_row == 13  # the header, 12 checks
    assert "dòng trống cuối trang" not in guide(book)


def test_the_events_sheet_is_open_for_more_rows(run_cli: RunCli, tmp_path: Path) -> None:
    events = openpyxl.load_workbook(template(run_cli, tmp_path / "all.xlsx"))["Sự kiện"]
    assert not events.protection.sheet  # rows may be added past the 200 laid out


# --- a workbook's name ends in .xlsx ------------------------------------------------------


@pytest.mark.parametrize("name", ["x.txt", "x", "x.yaml", "x.xls"])
def test_a_workbook_is_written_to_an_xlsx_name_only(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    better = out.with_suffix(".xlsx") if out.suffix else tmp_path / "x.xlsx"
    args = ("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", out)
    result = run_cli(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"parcheck: -o {str(out)!r}: bảng tính phải có tên đuôi .xlsx (Excel và LibreOffice mở "
        f"tệp theo đuôi tên); hãy ghi -o {str(better)!r}\n"
    )
    english = run_cli(*args, "--lang", "en")
    assert english.stderr.startswith(f"parcheck: -o {str(out)!r}: a workbook's name must end in")
    assert not out.exists()


def test_an_xlsx_name_any_case_or_a_device_is_written(run_cli: RunCli, tmp_path: Path) -> None:
    assert template(run_cli, tmp_path / "X.XLSX").stat().st_size > 0
    assert run_cli("template", "--plan", PLAN, "--format", "xlsx", "-o", "/dev/null").exit_code == 0


def test_the_yaml_form_is_not_written_to_a_workbooks_name(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    result = run_cli("template", "--plan", PLAN, *DAY, "-o", out)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"parcheck: -o {str(out)!r}: mẫu YAML là văn bản, không phải bảng tính; muốn bảng tính "
        "thì thêm --format xlsx\n"
    )
    assert not out.exists()


def test_too_many_duties_for_a_dropdown_leave_the_id_typed(run_cli: RunCli, tmp_path: Path) -> None:
    # Excel takes at most 255 characters of a list written in the rule, and calls a longer
    # one damaged content: past that, the id is typed, and the reader names an unknown one
    rule = "FREQ=MONTHLY;BYMONTHDAY=25"
    duties = "".join(
        f"\n      - id: ORG.{n}\n        task: nộp\n        lead: VP\n        checks:\n"
        f"          - {{id: ORG.{n}, kind: recurring, title: nộp, rrule: {rule}}}"
        for n in range(10, 50)
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8") + duties + "\n", encoding="utf-8")
    assert run_cli("validate", plan).exit_code == 0
    book = tmp_path / "vp.xlsx"
    args = ("template", "--plan", plan, *DAY, "--format", "xlsx", "-o", book, "--unit", "VP")
    assert run_cli(*args).exit_code == 0
    values = openpyxl.load_workbook(book)["Giá trị"]
    lists = [str(r.formula1) for r in values.data_validations.dataValidation if r.type == "list"]
    assert lists == ['"không có"']  # the events' "none so far" only
    spare = [row for row in values.iter_rows(min_row=2) if row[0].value is None]
    assert len(spare) == 30 and not spare[0][0].protection.locked


def test_template_says_its_mistakes_in_english_alone(run_cli: RunCli, tmp_path: Path) -> None:
    # the date's message was Vietnamese with --lang en; the name's came after a warning
    # about today's date lying outside the plan's year
    bad_day = run_cli("template", "--plan", PLAN, "--as-of", "2024-13-45", "--lang", "en")
    assert (bad_day.exit_code, bad_day.stdout) == (2, "")
    assert bad_day.stderr.startswith("parcheck: --as-of '2024-13-45': ")
    assert "không" not in bad_day.stderr
    out = tmp_path / "x.txt"
    bad_name = run_cli(
        "template", "--plan", PLAN, "--format", "xlsx", "-o", out, "--as-of", "2031-01-01"
    )
    assert bad_name.exit_code == 2
    assert bad_name.stderr.count("\n") == 1 and "-o " in bad_name.stderr
