"""What a tester met reading figures (third round): two units' events of one start, every bad
event said, a workbook's words and order, Windows-1252 taken for Windows-1258, a percentage
of 1, a stray cell far down a sheet, submissions before the plan begins, messages that say
what fits, a spare row's note, hidden rows."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl

from tests.conftest import PLAN, RunCli

DAY = ("--as-of", "2024-11-25")


def template(run_cli: RunCli, path: Path, *more: object) -> Path:
    result = run_cli("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", path, *more)
    assert result.exit_code == 0, result.stderr
    return path


def events_sheet(path: Path, rows: list[tuple[object, ...]]) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book["Sự kiện"]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
    book.save(path)
    return path


def lines(text: str, code: str) -> list[str]:
    return [line for line in text.splitlines() if f" {code} " in line]


def test_two_units_events_of_one_start_say_how_to_tell_them_apart(
    run_cli: RunCli, tmp_path: Path
) -> None:
    units = tmp_path / "units"
    units.mkdir()
    tt = template(run_cli, units / "tt.xlsx", "--unit", "thanh tra so")
    cm = template(run_cli, units / "cm.xlsx", "--unit", "Phòng CM")
    events_sheet(tt, [("V.5", dt.datetime(2024, 10, 1), dt.datetime(2024, 10, 4))])
    events_sheet(cm, [("V.5", dt.datetime(2024, 10, 1), dt.datetime(2024, 10, 20))])
    result = run_cli("status", "--plan", PLAN, "--metrics", units, *DAY)
    assert result.exit_code == 2
    assert "PM028 'V.5' ngày 25/11/2024 có hai giá trị khác nhau: sự kiện bắt đầu" in (
        result.stderr
    )
    assert result.stderr.strip().endswith(
        "; nếu là hai sự kiện khác nhau, ghi số văn bản (cột Văn bản / ref) để phân biệt"
    )
    result = run_cli("status", "--plan", PLAN, "--metrics", units, *DAY, "--lang", "en")
    assert result.stderr.strip().endswith(
        "; if they are two different events, write each its document number (column "
        "Văn bản / ref) to tell them apart"
    )
    # each with its document: two events, read together
    events_sheet(tt, [("V.5", dt.datetime(2024, 10, 1), dt.datetime(2024, 10, 4), "QĐ 1")])
    events_sheet(cm, [("V.5", dt.datetime(2024, 10, 1), dt.datetime(2024, 10, 20), "QĐ 2")])
    result = run_cli("status", "--plan", PLAN, "--metrics", units, *DAY)
    assert "PM028" not in result.stdout + result.stderr


def test_every_bad_event_is_said_in_file_order(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "ev2.yaml"
    path.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  III.2.b:\n    events:\n"
        "      - {start: 2024-11-10, done: 2024-11-01}\n      - {start: 2024-11-30}\n"
        "  V.5:\n    events:\n      - {start: abc}\n      - {done: 2024-11-01}\n",
        "utf-8",
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    found = [
        line.split(": error ")[0].removeprefix(f"{path}:") for line in result.stdout.splitlines()
    ]
    codes = [line.split()[2] for line in result.stdout.splitlines() if ": error " in line]
    assert [f for f in found if f[0].isdigit()] == ["6:35", "7:17", "10:17", "11:9"]
    assert codes == ["PM031", "PM030", "PM004", "PM007"]


def test_every_bad_event_row_of_a_workbook_is_said_in_row_order(
    run_cli: RunCli, tmp_path: Path
) -> None:
    book = events_sheet(
        template(run_cli, tmp_path / "a.xlsx"),
        [
            ("III.2.b", dt.datetime(2024, 11, 10), dt.datetime(2024, 11, 1)),
            ("III.2.b", dt.datetime(2024, 11, 30)),
            ("V.5", dt.datetime(2024, 11, 10, 9, 30), dt.datetime(2024, 11, 11)),
            ("V.5", dt.datetime(2024, 11, 10, 9, 30), dt.datetime(2024, 11, 12)),
        ],
    )
    result = run_cli("validate", PLAN, "--metrics", book)
    assert result.exit_code == 1
    shown = [line for line in result.stdout.splitlines() if ": error " in line]
    assert [line.split(": error ")[0].removeprefix(f"{book}:") for line in shown] == [
        "'Sự kiện'!C2",
        "'Sự kiện'!B3",
        "'Sự kiện'!B5",
    ]
    assert shown[2].endswith(
        "error PM076 sự kiện bắt đầu 10/11/2024 09:30 đã có ở ô 'Sự kiện'!B4, với nội dung "
        "khác; mỗi sự kiện ghi một dòng (hai sự kiện cùng giờ bắt đầu thì ghi số văn bản ở "
        "cột «Văn bản» để phân biệt)"
    )


def test_a_workbooks_problems_come_in_sheet_and_row_order(run_cli: RunCli, tmp_path: Path) -> None:
    book_path = template(run_cli, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(book_path)
    sheet = book["Giá trị"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "VI.3")
    sheet.cell(row, 6, 120)  # PM005
    events = book["Sự kiện"]
    events.cell(2, 1, "V.5")
    events.cell(2, 2, dt.datetime(2024, 11, 10))
    events.cell(2, 3, dt.datetime(2024, 11, 1))  # PM031 at C2
    for number in (8, 9):  # PM001 at A8, A9: found first, said after C2
        events.cell(number, 1, "XX.9")
        events.cell(number, 2, dt.datetime(2024, 11, 10))
    book.save(book_path)
    result = run_cli("validate", PLAN, "--metrics", book_path)
    cells = [
        line.split(": error ")[0].removeprefix(f"{book_path}:")
        for line in result.stdout.splitlines()
        if ": error " in line
    ]
    assert cells == [f"'Giá trị'!F{row}", "'Sự kiện'!C2", "'Sự kiện'!A8", "'Sự kiện'!A9"]


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: a toned letter it lacks is the letter and a
    combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


def test_windows_1252_with_y_acute_is_not_read_as_windows_1258(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes("check,value,as_of,note\nI.1,95,25/11/2024,Báo cáo Quý III\n".encode("cp1252"))
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert f"{path}:2:20: error PM040 tệp CSV không phải UTF-8 (byte 0xe1)" in result.stdout
    assert "CSV UTF-8 (Comma delimited)" in result.stdout
    # "Quư" alone (no other letter a Windows-1258 reading would take) is no syllable either
    path.write_bytes("check,value,as_of,note\nI.1,95,25/11/2024,Quý\n".encode("cp1252"))
    assert run_cli("validate", PLAN, "--metrics", path).exit_code == 1


def test_real_windows_1258_vietnamese_is_still_read(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    note = "Báo cáo Sở Công Thương: những việc quý"
    path.write_bytes(cp1258(f"check,value,as_of,note\nI.1,95,25/11/2024,{note}\n"))
    assert b"\xfd" in path.read_bytes()  # ư
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    status = run_cli("status", "--plan", PLAN, "--metrics", path, *DAY, "--format", "json")
    assert note in status.stdout


def test_a_percentage_of_exactly_1_is_asked_about(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("check,value,as_of,note\nIII.6,1,25/11/2024,\n", "utf-8")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0
    assert (
        f"{path}:2:7: warning PM071 1 — có phải 100 %? Định dạng ô là phần trăm hoặc ghi 100"
        in (result.stdout)
    )
    path.write_text("check,value,as_of,note\nIII.6,1%,25/11/2024,\n", "utf-8")
    assert "PM071" not in run_cli("validate", PLAN, "--metrics", path).stdout


def test_a_stray_cell_far_down_a_sheet_is_no_million_rows(run_cli: RunCli, tmp_path: Path) -> None:
    path = template(run_cli, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book["Sự kiện"]["F1048576"] = "x"
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert "PM054" not in result.stdout


def test_a_sheet_with_too_many_rows_names_its_last_cell(run_cli: RunCli, tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(["check", "value", "as_of"])
    for _ in range(100_001):
        sheet.append(["I.1"])
    path = tmp_path / "long.xlsx"
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert (
        f"{path}: error PM054 trang 'Số liệu' có 100.001 dòng có dữ liệu (dòng cuối đến ô "
        "'Số liệu'!A100002), hơn giới hạn 100.000 dòng: không đọc"
    ) in result.stdout


def test_a_submission_before_the_plan_begins_is_said(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "e1.csv"
    path.write_text("check,value,as_of,note\nORG.1,15/01/2024,25/11/2024,\n", "utf-8")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0
    assert lines(result.stdout, "PM077") == [
        f"{path}:2:7: warning PM077 ORG.1: ngày nộp 15/01/2024 trước ngày 31/03/2024, ngày kế "
        "hoạch bắt đầu áp dụng cho tiêu chí này; nếu ngày ghi nhầm (đảo ngày và tháng? sai "
        "năm?), hãy sửa lại"
    ]
    yaml = tmp_path / "e1.yaml"
    yaml.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  ORG.1: {done: [2024-11-01, 2024-01-15]}\n",
        "utf-8",
    )
    result = run_cli("validate", PLAN, "--metrics", yaml, "--lang", "en")
    assert lines(result.stdout, "PM077") == [
        f"{yaml}:4:30: warning PM077 ORG.1: the submission day 15/01/2024 is before "
        "31/03/2024, when the plan begins to apply to this check; if the date is a slip (day "
        "and month swapped? the wrong year?), correct it"
    ]


def test_messages_say_what_fits(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  V.5:\n    events:\n"
        "      - {start: 2024-11-10, finish: 2024-11-12}\n"
        '      - {start: "2024-11-12 25:00"}\n',
        "utf-8",
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert lines(result.stdout, "PM008") == [
        f"{path}:6:29: error PM008 trường không có trong mẫu: 'finish' (các trường dùng "
        "được: start, done, ref)"
    ]
    assert lines(result.stdout, "PM004") == [
        f"{path}:7:17: error PM004 không đọc được ngày: '2024-11-12 25:00' (viết ngày, hoặc "
        "ngày và giờ: dd/mm/yyyy hoặc dd/mm/yyyy hh:mm, giờ từ 00:00 đến 23:59)"
    ]
    csv = tmp_path / "d.csv"
    csv.write_text("check,value,as_of,note\nVI.3,90,,\nVI.3,90,11/25/2024,\n", "utf-8")
    result = run_cli("validate", PLAN, "--metrics", csv)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:3] == [
        f"{csv}:2:9: error PM055 thiếu ngày số liệu của dòng này (cột Ngày số liệu)",
        f"{csv}:3:9: error PM004 không đọc được ngày: '11/25/2024' (đảo ngày và tháng? viết "
        "ngày trước: DD/MM/YYYY)",
    ]


def test_a_spare_rows_note_is_no_value(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("Mã;Giá trị;Ngày số liệu;Ghi chú\n;;25/11/2024;đã gửi bản giấy\n", "utf-8")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert lines(result.stdout, "PM075") == [
        f"{path}:2:1: error PM075 dòng có ghi chú «đã gửi bản giấy» nhưng thiếu mã tiêu chí: "
        "ghi mã vào cột Mã"
    ]
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert "error PM075 the row has the note «đã gửi bản giấy» but no check id" in result.stdout


def test_hidden_rows_read_are_said(run_cli: RunCli, tmp_path: Path) -> None:
    path = template(run_cli, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Giá trị"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "VI.3")
    sheet.cell(row, 6, 90)
    sheet.row_dimensions[row].hidden = True
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0
    assert lines(result.stdout, "PM079") == [
        f"{path}:'Giá trị'!A{row}: warning PM079 dòng ẩn {row} của trang 'Giá trị' cũng được "
        "đọc; nếu số liệu trong đó không còn dùng, xóa các dòng này (bỏ ẩn để xem: chọn các "
        "dòng, nhấp phải, Bỏ ẩn)"
    ]
