"""Cells of a metrics workbook that openpyxl reads as something else than the secretary
meant (figures/excel.py): a formula never computed, a date cell holding 0 or 1, a number in
a date column, a password, a hidden sheet, merged cells; and "no events so far" for an
event check, said in the workbook. Each is tried as the user meets it: `validate` and
`status` on the file, the exit code and the message at the cell."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import DATA, PLAN, RunCli

DAY = dt.date(2024, 11, 25)
BAD = DATA / "bad"
HEADER = ["Mã", "Giá trị", "Ngày số liệu", "Văn bản", "Ghi chú"]


def book(
    path: Path,
    values: list[list[Any]],
    events: list[list[Any]] | None = None,
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """A workbook as a unit fills it in (values sheet `Giá trị`, events sheet `Sự kiện`);
    `edit` changes it before it is saved (formats, merges, hidden sheets)."""
    made = openpyxl.Workbook()
    sheet = made.active
    assert sheet is not None
    sheet.title = "Giá trị"
    sheet.append(HEADER)
    for row in values:
        sheet.append(row)
    if events is not None:
        other = made.create_sheet("Sự kiện")
        other.append(["Mã", "Bắt đầu", "Hoàn thành", "Văn bản"])
        for row in events:
            other.append(row)
    if edit is not None:
        edit(made)
    made.save(path)
    return path


def sheet_xml(path: Path, edit: Callable[[bytes], bytes]) -> Path:
    """The workbook with its first sheet's XML changed by `edit` (as another program would
    have saved it)."""
    parts = {}
    with zipfile.ZipFile(path) as source:
        for info in source.infolist():
            parts[info.filename] = source.read(info.filename)
    parts["xl/worksheets/sheet1.xml"] = edit(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def validate(run_cli: RunCli, path: Path, *more: str) -> Any:
    return run_cli("validate", PLAN, "--metrics", path, *more)


def status(run_cli: RunCli, path: Path, *more: str) -> Any:
    return run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25", *more)


def checks_of(run_cli: RunCli, path: Path) -> dict[str, Any]:
    result = status(run_cli, path, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {c["id"]: c for t in json.loads(result.stdout)["tasks"] for c in t["checks"]}


def date_format(*cells: str) -> Callable[[Any], None]:
    def edit(made: Any) -> None:
        for ref in cells:
            made["Giá trị"][ref].number_format = "dd/mm/yyyy"

    return edit


# 1. Formulas


def test_a_formula_never_computed_is_said_not_read_as_blank(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # openpyxl (or any program) writes a formula with no result: Excel computes it when it
    # opens the file; parcheck cannot, and used to read the cell as "not reported"
    path = book(tmp_path / "cong-thuc.xlsx", [["I.3", "=1+1", DAY], ["VI.3", 72.4, "=A1"]])
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    for cell in ("B2", "C3"):
        expected = (
            f"{path}:'Giá trị'!{cell}: error PM060 ô có công thức nhưng chưa có kết quả được "
            "lưu (tệp do chương trình tạo, chưa mở bằng Excel): mở tệp trong Excel hoặc "
            "LibreOffice rồi lưu lại, hoặc gõ thẳng giá trị"
        )
        assert expected in result.stdout, result.stdout
    assert "PM055" not in result.stdout  # the as_of formula is said once, as a formula
    shown = status(run_cli, path, "--lang", "en")
    assert shown.exit_code == 2
    assert f"{path}:'Giá trị'!B2: error PM060 the cell holds a formula with no saved result" in (
        shown.stderr
    )


def test_a_formula_with_its_saved_result_is_read_as_it(run_cli: RunCli, tmp_path: Path) -> None:
    # as Excel or LibreOffice save it: the result beside the formula; and a formula whose
    # result is the empty text (=IF(…;"";…)) is a blank cell, not a formula without result
    # (a helper formula beside the columns read, never computed, is no figure: not said)
    rows = [["VI.3", "=70+2.4", DAY, None, None, "=B2*2"], ["I.3", '=IF(1=1,"",5)', DAY]]
    path = book(tmp_path / "da-luu.xlsx", rows)

    def saved(xml: bytes) -> bytes:
        xml = re.sub(rb"(<c r=\"B2\"[^>]*><f>70\+2.4</f>)<v\s*/>", rb"\1<v>72.4</v>", xml)
        return re.sub(
            rb"<c r=\"B3\"([^>]*)>(<f>[^<]*</f>)<v\s*/>", rb'<c r="B3" t="str">\2<v></v>', xml
        )

    sheet_xml(path, saved)
    result = validate(run_cli, path)
    assert result.exit_code == 0, result.stdout
    assert f"{path}: hợp lệ — 1 giá trị" in result.stdout
    found = checks_of(run_cli, path)
    assert found["VI.3"]["actual"] == 72.4
    assert found["I.3"]["status"] == "no_data"


# 2. and 3. Dates


def test_a_date_cell_holding_0_or_1_is_no_date_done(run_cli: RunCli, tmp_path: Path) -> None:
    path = book(
        tmp_path / "ngay-0.xlsx",
        [["I.4.c", 0, DAY, "12/BC-SCT"], ["I.4.d", 1, DAY, "13/BC-SCT"]],
        edit=date_format("B2", "B3"),
    )
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    assert (
        f"{path}:'Giá trị'!B2: error PM061 ngày 30/12/1899 không hợp lệ: ô định dạng ngày đang "
        "chứa số 0, không phải một ngày (ô trống hay số 0 định dạng ngày?); gõ ngày dạng "
        "dd/mm/yyyy, ví dụ 20/11/2024"
    ) in result.stdout, result.stdout
    assert f"{path}:'Giá trị'!B3: error PM061 ngày 01/01/1900 không hợp lệ" in result.stdout
    assert "chứa số 1," in result.stdout
    shown = status(run_cli, path)
    assert shown.exit_code == 2 and f"{path}:'Giá trị'!B3: error PM061" in shown.stderr


def test_a_date_before_2000_or_after_2100_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    path = book(
        tmp_path / "nam.xlsx",
        [
            ["I.4.c", dt.date(1999, 5, 1), DAY, "12/BC-SCT"],  # a slip of the year
            ["I.4.d", 2024, DAY],  # 2024 typed into a date cell: 16/07/1905
            ["I.2.b", "01/11/2024; 15/11/1924", DAY],  # typed as text
            ["VI.3", 72.4, dt.date(2124, 11, 25)],
        ],
        [["III.4.b", dt.datetime(1990, 11, 4, 8, 30), None, "HS-1"]],
        edit=date_format("B3"),
    )
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    expected = [
        "'Giá trị'!B2: error PM062 ngày 01/05/1999 không hợp lệ: ngày trong bảng tính phải từ "
        "01/01/2000 đến 31/12/2100; kiểm tra lại năm",
        "'Giá trị'!B3: error PM062 ngày 16/07/1905 không hợp lệ",
        "'Giá trị'!B4: error PM062 ngày 15/11/1924 không hợp lệ",
        "'Giá trị'!C5: error PM062 ngày 25/11/2124 không hợp lệ",
        "'Sự kiện'!B2: error PM062 ngày 04/11/1990 không hợp lệ",
    ]
    for text in expected:
        assert f"{path}:{text}" in result.stdout, (text, result.stdout)
    assert status(run_cli, path).exit_code == 2


def test_a_number_in_a_date_column_is_not_read_as_a_day(run_cli: RunCli, tmp_path: Path) -> None:
    # 45616 is 20/11/2024 as Excel counts days; read so, a typo would be a date done
    path = book(
        tmp_path / "so.xlsx",
        [
            ["I.4.c", 45616, DAY, "12/BC-SCT"],
            ["I.4.d", 20112024, DAY],
            ["I.2.b", 45600.5, DAY],
            ["VI.3", 72.4, 45621],
        ],
        [["III.4.b", 45600, None, "HS-1"]],
    )
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    expected = [
        "'Giá trị'!B2: error PM063 ô chứa số 45616, không phải ngày: định dạng ô là ngày "
        "(dd/mm/yyyy) rồi gõ lại, hoặc gõ ngày dạng 20/11/2024",
        "'Giá trị'!B3: error PM063 ô chứa số 20112024, không phải ngày",
        "'Giá trị'!B4: error PM063 ô chứa số 45600.5, không phải ngày",
        "'Giá trị'!C5: error PM063 ô chứa số 45621, không phải ngày",
        "'Sự kiện'!B2: error PM063 ô chứa số 45600, không phải ngày",
    ]
    for text in expected:
        assert f"{path}:{text}" in result.stdout, (text, result.stdout)
    shown = status(run_cli, path, "--lang", "en")
    assert shown.exit_code == 2
    assert "PM063 the cell holds the number 45616, not a date" in shown.stderr


def test_a_figure_in_a_date_formatted_cell_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    path = book(tmp_path / "dinh-dang.xlsx", [["VI.3", 72.4, DAY]], edit=date_format("B2"))
    result = validate(run_cli, path)
    assert result.exit_code == 1
    assert (
        f"{path}:'Giá trị'!B2: error PM068 'VI.3' cần một con số nhưng ô định dạng ngày (hiện "
        "12/03/1900 09:36): đổi định dạng ô thành Số (Number) rồi gõ lại con số"
    ) in result.stdout, result.stdout


def test_a_cell_showing_an_error_is_said_without_a_python_warning(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # a number too large for a date cell: openpyxl warns on stderr and gives #VALUE!
    path = book(
        tmp_path / "loi.xlsx", [["I.4.c", 10**10, DAY, "12/BC-SCT"]], edit=date_format("B2")
    )
    result = validate(run_cli, path)
    assert result.exit_code == 1
    assert f"{path}:'Giá trị'!B2: error PM069 ô đang báo lỗi #VALUE!: sửa công thức" in (
        result.stdout
    )
    shown = status(run_cli, path)
    assert shown.exit_code == 2
    assert "Warning" not in shown.stderr and "openpyxl" not in shown.stderr
    assert "PM069" in shown.stderr


def test_dates_a_figure_may_have_are_read(run_cli: RunCli, tmp_path: Path) -> None:
    path = book(
        tmp_path / "dung.xlsx",
        [["I.4.c", dt.date(2024, 11, 20), DAY, "12/BC-SCT"], ["I.2.b", "01/11/2024", DAY]],
        [["III.4.b", dt.datetime(2024, 11, 4, 8, 30), dt.datetime(2024, 11, 4, 15), "HS-1"]],
    )
    result = validate(run_cli, path)
    assert result.exit_code == 0, result.stdout
    found = checks_of(run_cli, path)
    assert found["I.4.c"]["status"] == "met"


# 4. A password


def test_a_password_protected_workbook_says_how_to_remove_it(run_cli: RunCli) -> None:
    # made with msoffcrypto-tool (Agile encryption, as Excel 2010+ writes it), password
    # "matkhau"; it is an OLE2 compound file holding an EncryptionInfo stream, not a zip
    path = BAD / "excel-password-protected" / "mat-khau.xlsx"
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    result = validate(run_cli, path)
    assert result.exit_code == 1
    assert (
        f"{path}: error PM064 bảng tính có mật khẩu (đã mã hóa) nên không đọc được: mở tệp "
        "trong Excel, chọn Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa "
        "mật khẩu rồi lưu lại"
    ) in result.stdout, result.stdout
    assert "hỏng" not in result.stdout
    shown = status(run_cli, path, "--lang", "en")
    assert shown.exit_code == 2
    assert "PM064 the workbook is password-protected (encrypted)" in shown.stderr


def test_an_old_xls_named_xlsx_is_told_apart(run_cli: RunCli) -> None:
    # saved by LibreOffice as "Excel 97–2003" (.xls), then renamed .xlsx
    path = BAD / "excel-xls-named-xlsx" / "cu.xlsx"
    result = validate(run_cli, path)
    assert result.exit_code == 1
    assert f"{path}: error PM050 không đọc được tệp .xls; mở tệp trong Excel hoặc LibreOffice" in (
        result.stdout
    )


# 5. Hidden sheets and merged cells


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_read_with_a_warning(run_cli: RunCli, tmp_path: Path, state: str) -> None:
    def hide(made: Any) -> None:
        made.create_sheet("Hướng dẫn")
        made.active = 1
        made["Giá trị"].sheet_state = state

    path = book(tmp_path / "an.xlsx", [["VI.3", 72.4, DAY]], edit=hide)
    result = validate(run_cli, path)
    assert result.exit_code == 0, result.stdout
    assert (
        f"{path}:'Giá trị'!A1: warning PM065 trang tính ẩn 'Giá trị' cũng được đọc (nó có dòng "
        "tiêu đề số liệu); nếu số liệu trong đó không còn dùng, xóa trang đi"
    ) in result.stdout
    assert f"{path}: hợp lệ — 1 giá trị (1 cảnh báo)" in result.stdout
    shown = status(run_cli, path, "--format", "json")
    assert shown.exit_code in (0, 1)
    assert "warning PM065" in shown.stderr
    checks = {c["id"]: c for t in json.loads(shown.stdout)["tasks"] for c in t["checks"]}
    assert checks["VI.3"]["actual"] == 72.4


def test_merged_cells_over_values_are_an_error_at_the_range(
    run_cli: RunCli, tmp_path: Path
) -> None:
    def merge(made: Any) -> None:
        sheet = made["Giá trị"]
        sheet.insert_rows(1)
        sheet["A1"] = "Số liệu tháng 11/2024"
        sheet.merge_cells("A1:E1")  # a title above the header: fine
        sheet.merge_cells("B3:B5")  # one figure for three checks: only B3 holds it
        sheet.merge_cells("E3:F3")  # a note spread over a column not read: fine

    rows = [["I.3", 2, DAY], ["VI.3", 72.4, DAY, None, "KBNN"], ["I.2.c", None, DAY]]
    rows.append(["III.6", None, DAY])
    path = book(tmp_path / "gop.xlsx", rows, edit=merge)

    # and a column not read merged down to Excel's last row: fine, and found at once
    def long_merge(xml: bytes) -> bytes:
        assert b"</mergeCells>" in xml
        return xml.replace(b"</mergeCells>", b'<mergeCell ref="Z7:Z1048576"/></mergeCells>')

    sheet_xml(path, long_merge)
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    assert (
        f"{path}:'Giá trị'!B3:B5: error PM066 ô gộp B3:B5: chỉ ô đầu giữ giá trị, các ô còn "
        "lại bị đọc là trống; tách ô (bỏ gộp ô) rồi ghi từng giá trị"
    ) in result.stdout, result.stdout
    assert result.stdout.count("PM066") == 1
    shown = status(run_cli, path)
    assert shown.exit_code == 2 and "'Giá trị'!B3:B5: error PM066" in shown.stderr


# 6. No events so far, in a workbook


def template(run_cli: RunCli, path: Path) -> Path:
    result = run_cli(
        "template", "--plan", PLAN, "--as-of", "2024-11-25", "--format", "xlsx", "-o", path
    )
    assert result.exit_code == 0, result.stderr
    return path


def fill(path: Path, values: dict[str, Any], events: list[list[Any]] = ()) -> Path:  # type: ignore[assignment]
    """The template filled in as a unit does, in its value cells and events sheet."""
    loaded = openpyxl.load_workbook(path)
    sheet = loaded["Giá trị"]
    at = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    for ident, value in values.items():
        sheet.cell(at[ident], 6, value)
    for number, row in enumerate(events, start=2):
        for column, value in enumerate(row, start=1):
            loaded["Sự kiện"].cell(number, column, value)
    loaded.save(path)
    return path


@pytest.mark.parametrize(
    "said", ["không có", "Không có", "0", 0], ids=["words", "capital", "text-0", "number-0"]
)
def test_no_events_so_far_is_said_in_the_value_cell(
    run_cli: RunCli, tmp_path: Path, said: Any
) -> None:
    blank = template(run_cli, tmp_path / "mau.xlsx")
    assert checks_of(run_cli, blank)["III.4.b"]["status"] == "no_data"
    loaded = openpyxl.load_workbook(blank)
    sheet = loaded["Giá trị"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "III.4.b")
    assert not row[5].protection.locked  # the value cell of an event check is to fill in
    assert "không có" in str(row[2].value)
    rules = [(str(r.sqref), r.type, r.formula1) for r in sheet.data_validations.dataValidation]
    assert any(t[1:] == ("list", '"không có"') and f"F{row[0].row}" in t[0] for t in rules)
    guide = " ".join(str(c.value) for c in loaded["Hướng dẫn"]["A"])
    assert "Chưa có sự kiện nào thì chọn «không có»" in guide

    path = fill(tmp_path / "mau.xlsx", {"III.4.b": said})
    result = validate(run_cli, path)
    assert result.exit_code == 0, result.stdout
    assert f"{path}: hợp lệ — 1 giá trị" in result.stdout
    assert checks_of(run_cli, path)["III.4.b"]["status"] == "met"


def test_no_events_and_events_on_one_day_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    path = template(run_cli, tmp_path / "mau.xlsx")
    event = ["III.4.b", dt.datetime(2024, 11, 4, 8, 30), None, "HS-1"]
    fill(path, {"III.4.b": "không có"}, [event])
    row = next(
        r[0].row
        for r in openpyxl.load_workbook(path)["Giá trị"].iter_rows(min_row=2)
        if r[0].value == "III.4.b"
    )
    result = validate(run_cli, path)
    assert result.exit_code == 1, result.stdout
    assert (
        f"{path}:'Sự kiện'!A2: error PM067 'III.4.b' ngày 25/11/2024: ô 'Giá trị'!F{row} ghi "
        "không có sự kiện nhưng trang Sự kiện có sự kiện của tiêu chí này; xóa «không có» "
        "hoặc các sự kiện"
    ) in result.stdout, result.stdout
    assert status(run_cli, path).exit_code == 2


def test_another_value_for_an_event_check_says_what_fits(run_cli: RunCli, tmp_path: Path) -> None:
    path = fill(template(run_cli, tmp_path / "mau.xlsx"), {"III.4.b": 3})
    result = validate(run_cli, path)
    assert result.exit_code == 1
    assert "PM058 'III.4.b' là tiêu chí sự kiện" in result.stdout
    assert "hoặc ghi «không có» (hay 0) ở ô này nếu chưa có sự kiện nào" in result.stdout
