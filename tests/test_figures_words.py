"""What a secretary trying issue 9 from a fresh clone met in the figures: the workbook
template saved as CSV by LibreOffice, date-times where a day is meant, a percentage typed as
a fraction, Latin-1 text taken for Windows-1258, English and Python in Vietnamese messages,
long echoes, look-alike letters in an id, and an event dropped without a word."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import DATA, PLAN, RunCli

AS_OF = "2024-11-25"
EXCEL = DATA / "metrics" / "excel"
HEADER = "Mã;Giá trị;Ngày số liệu;Ghi chú\r\n"
# LibreOffice saving a workbook as CSV: semicolons, quotes, UTF-8 (76)
SOFFICE = ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76"]


def _csv(tmp_path: Path, rows: str, name: str = "m.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_bytes((header + rows).encode("utf-8"))
    return path


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _checks(run_cli: RunCli, metrics: Path) -> dict[str, dict[str, Any]]:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", metrics, "--as-of", AS_OF, "--format", "json"
    )
    assert result.exit_code in (0, 1), result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    return {c["id"]: c for t in tasks for c in t["checks"]}


def _book(path: Path, values: list[list[Any]], events: list[list[Any]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Giá trị"
    sheet.append(["Mã", "Giá trị", "Ngày số liệu", "Văn bản", "Ghi chú"])
    for row in values:
        sheet.append(row)
    if events is not None:
        other = book.create_sheet("Sự kiện")
        other.append(["Mã", "Bắt đầu", "Hoàn thành", "Văn bản"])
        for row in events:
            other.append(row)
    book.save(path)
    return path


# --- 1. an event check in a CSV: blank, «không có», or a message saying where events go ---


def test_the_template_saved_as_csv_by_libreoffice_is_an_empty_snapshot(
    run_cli: RunCli,
) -> None:
    # `soffice --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76'` of the untouched
    # template: its event checks' value cells are blank (they were refused, PM002)
    path = EXCEL / "template-libreoffice.csv"
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 0 giá trị"
    status = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", AS_OF)
    assert status.exit_code in (0, 1) and "error" not in status.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_template_round_trip_through_libreoffice(run_cli: RunCli, tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    made = run_cli("template", "--plan", PLAN, "--format", "xlsx", "--as-of", AS_OF, "-o", book)
    assert made.exit_code == 0, made.stderr
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        [*SOFFICE, profile, "--outdir", str(tmp_path), str(book)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    saved = tmp_path / "t.csv"
    result = run_cli("validate", PLAN, "--metrics", saved)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{saved}: hợp lệ — 0 giá trị"


def test_no_events_is_written_in_a_csv_as_in_the_workbook(run_cli: RunCli) -> None:
    # `Không Có`, `KHONG CO`, `0`: no events so far; blank (X.4): not reported
    path = EXCEL / "events-no-events.csv"
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 3 giá trị"
    checks = _checks(run_cli, path)
    for ident in ("III.2.b", "III.4.b", "V.5"):
        assert (checks[ident]["status"], checks[ident]["actual"]) == ("met", 0)


def test_events_in_a_csv_are_refused_saying_where_they_go(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "III.2.b;{events: []};25/11/2024;\r\nV.5;2 sự kiện;25/11/2024;\r\n")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1:3] == [
        f"{path}:2:9: error PM070 'III.2.b' là tiêu chí sự kiện, gặp '{{events: []}}': sự kiện "
        "ghi ở YAML hoặc trang «Sự kiện» của bảng tính; trong CSV chỉ ghi «không có» (hoặc 0) "
        "nếu chưa có sự kiện nào, hoặc để trống",
        f"{path}:3:5: error PM070 'V.5' là tiêu chí sự kiện, gặp '2 sự kiện': sự kiện ghi ở "
        "YAML hoặc trang «Sự kiện» của bảng tính; trong CSV chỉ ghi «không có» (hoặc 0) nếu "
        "chưa có sự kiện nào, hoặc để trống",
    ]
    assert "(event)" not in result.stdout
    english = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert (
        f"{path}:3:5: error PM070 'V.5' is an event check, found '2 sự kiện': events are "
        "written in YAML or on the workbook's «Sự kiện» (events) sheet; in a CSV write only "
        "«không có» (or 0) when there has been none, or leave it blank"
    ) in _lines(english.stdout)


def test_a_note_beside_a_blank_value_reports_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    # the template's columns: with a Văn bản column, a note is a note, not a document
    header = "Mã;Giá trị;Ngày số liệu;Văn bản;Ghi chú\r\n"
    path = _csv(tmp_path, "II.3.b;;25/11/2024;;đang thực hiện\r\n", header=header)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 0 giá trị"


# --- 2. a date and time where a day is meant ------------------------------------------


def test_a_date_time_is_read_as_its_day_in_a_csv(run_cli: RunCli, tmp_path: Path) -> None:
    # Excel saves a date-time-formatted cell as `25/11/2024 00:00`
    path = _csv(
        tmp_path,
        "II.3.b;23/04/2024 9:30;25/11/2024 00:00;\r\n"
        "II.3.c;2024-04-24T16:05:00;25/11/2024 00:00;\r\n"
        'ORG.2;"01/11/2024 08:00; 08/11/2024 17:30:15";25/11/2024 00:00;\r\n',
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 3 giá trị"
    checks = _checks(run_cli, path)
    assert (checks["II.3.b"]["actual"], checks["II.3.b"]["status"]) == ("2024-04-23", "met")
    assert checks["II.3.c"]["actual"] == "2024-04-24"
    assert checks["ORG.2"]["actual"] == 2


def test_a_workbook_date_time_cell_is_read_as_its_day(run_cli: RunCli, tmp_path: Path) -> None:
    # a date cell holding 23/04/2024 9:30 (or =NOW(), saved): done and as_of are days; an
    # event's start keeps its time
    moment = dt.datetime(2024, 11, 25, 16, 45)
    path = _book(
        tmp_path / "w.xlsx",
        [
            ["II.3.b", dt.datetime(2024, 4, 23, 9, 30), moment, "12/BC-SCT"],
            ["ORG.1", dt.datetime(2024, 10, 25, 10, 0), moment],
        ],
        [["III.4.b", dt.datetime(2024, 11, 4, 8, 30), dt.datetime(2024, 11, 4, 15), "HS-1"]],
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 3 giá trị"
    checks = _checks(run_cli, path)
    assert (checks["II.3.b"]["actual"], checks["II.3.b"]["status"]) == ("2024-04-23", "met")
    assert checks["ORG.1"]["actual"] == 1
    assert checks["III.4.b"]["status"] == "met"


def test_a_date_echoed_is_as_written_never_a_python_repr(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "II.3.b;23/04/2024 9g30;25/11/2024;\r\n"
        "II.3.c;31/02/2024 10:00;25/11/2024;\r\n"
        "V.1.c;23\\04\\2024;25/11/2024;\r\n",  # a repr would double the backslashes
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    form = " (viết một ngày, YYYY-MM-DD hoặc DD/MM/YYYY)"
    assert _lines(result.stdout)[1:4] == [
        f"{path}:2:8: error PM004 không đọc được ngày: '23/04/2024 9g30'{form}",
        f"{path}:3:8: error PM004 không đọc được ngày: '31/02/2024 10:00'{form}",
        f"{path}:4:7: error PM004 không đọc được ngày: '23\\04\\2024'{form}",
    ]


# --- 3. a percentage typed as a fraction -----------------------------------------------


def test_a_fraction_for_a_percentage_is_a_warning_in_a_csv(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "VI.3;0,724;25/11/2024;\r\nIII.6;0,5%;25/11/2024;\r\nI.1;96,5;25/11/2024;\r\n"
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[1:] == [
        f"{path}:2:6: warning PM071 0,724 — có phải 72,4 %? Định dạng ô là phần trăm hoặc ghi "
        "72,4 (nếu đúng là 0,724 %, ghi 0,724%)",
        f"{path}: hợp lệ — 3 giá trị (1 cảnh báo)",
    ]
    english = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert (
        f"{path}:2:6: warning PM071 0.724 — is it 72.4 %? Format the cell as a percentage or "
        "write 72.4 (if it is 0.724 %, write 0.724%)"
    ) in _lines(english.stdout)
    status = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", AS_OF)
    assert f"{path}:2:6: warning PM071 0,724 — có phải 72,4 %?" in status.stderr


def test_a_fraction_in_a_general_cell_is_a_warning_a_percent_cell_is_not(
    run_cli: RunCli, tmp_path: Path
) -> None:
    day = dt.date(2024, 11, 25)
    path = _book(tmp_path / "w.xlsx", [["VI.3", 47 / 50, day], ["III.6", 0.00724, day]])
    book = openpyxl.load_workbook(path)
    book["Giá trị"]["B3"].number_format = "0.00%"  # 0,72%: meant as a percentage
    book.save(path)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[1:] == [
        f"{path}:'Giá trị'!B2: warning PM071 0,94 — có phải 94 %? Định dạng ô là phần trăm "
        "hoặc ghi 94 (nếu đúng là 0,94 %, ghi 0,94%)",
        f"{path}: hợp lệ — 2 giá trị (1 cảnh báo)",
    ]


# --- 4. Latin-1 text is not taken for Windows-1258 ----------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str, *, combining: bool) -> bytes:
    """`text` as Windows-1258 writes it: a letter it has whole (`á`, `ê`, `ơ`) in one byte
    unless `combining`, a tone mark otherwise after its letter (`ế` is `ê` + U+0301)."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        if not combining:
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (base + tones).encode("cp1258")
    return out


VIETNAMESE = (
    "Mã;Giá trị;Ngày số liệu;Ghi chú\r\n"
    "I.1;96,5;25/11/2024;Số liệu của Văn phòng Sở Công Thương tỉnh Khánh Hòa\r\n"
    "VI.3;72,4;25/11/2024;Trang TTĐT, QĐ 881/QĐ-UBND của HĐND, giữa tháng quyết toán xong\r\n"
    "III.6;98;25/11/2024;Người phụ trách: Nguyễn Thị Hường, Đắk Lắk, ĐBSCL, ngoằn ngoèo\r\n"
)


@pytest.mark.parametrize("combining", [False, True], ids=["precomposed", "combining"])
def test_vietnamese_windows_1258_is_read(run_cli: RunCli, tmp_path: Path, combining: bool) -> None:
    path = tmp_path / "vn.csv"
    path.write_bytes(cp1258(VIETNAMESE, combining=combining))
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[-1] == f"{path}: hợp lệ — 3 giá trị"
    checks = _checks(run_cli, path)
    assert checks["I.1"]["detail"] == "Số liệu của Văn phòng Sở Công Thương tỉnh Khánh Hòa"


LATIN_1 = {
    # São Tomé reads Săo Tomé: `ă` before a vowel
    "portuguese": (
        "check;value;as_of;note\r\nI.1;96,5;25/11/2024;\r\nSão Tomé;1;25/11/2024;\r\n",
        "3:2",
    ),
    "portuguese-note": (
        "check;value;as_of;note\r\nI.1;96,5;25/11/2024;Relatório de São João\r\n",
        "2:26",
    ),
    "french": (
        "check;value;as_of;note\r\nI.1;96,5;25/11/2024;"
        "Le café était très bon à côté de l'hôtel\r\n",
        "2:27",
    ),
    "german": ("check;value;as_of;note\r\nI.1;96,5;25/11/2024;Größe für Müller\r\n", "2:23"),
}


@pytest.mark.parametrize("case", sorted(LATIN_1))
def test_latin_1_text_is_not_read_as_windows_1258(
    run_cli: RunCli, tmp_path: Path, case: str
) -> None:
    text, at = LATIN_1[case]
    path = tmp_path / "latin.csv"
    data = text.encode("cp1252")
    path.write_bytes(data)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1, result.stdout
    line = _lines(result.stdout)[1]
    assert line.startswith(f"{path}:{at}: error PM040 ")  # the first byte not UTF-8
    assert "error PM040 tệp CSV không phải UTF-8" in line
    assert line.endswith(
        'trong Excel chọn Tệp > Lưu thành, loại tệp "CSV UTF-8 (Comma delimited) (*.csv)", '
        "rồi gửi lại"
    )
    assert "Lưu thành CSV UTF-8" not in line  # said once


# --- 5. Vietnamese words in Vietnamese messages ----------------------------------------


def test_fields_dates_and_numbers_in_words(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n"
        "  III.2.b: {events: [{start: 2024-12-12}]}\n"
        "  V.5: {events: [{done: 2024-11-01}]}\n"
        "  II.3.b: {done: 2024-12-10, evidence: kế hoạch}\n"
        "  III.5: 150\n  III.6: -5\n  I.3: 2.5\n",
        encoding="utf-8",
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    tail = (
        "sau ngày số liệu 25/11/2024 của tệp: số liệu ngày 25/11/2024 chưa thể có việc của ngày sau"
    )
    assert _lines(result.stdout)[1:7] == [
        f"{path}:4:30: error PM030 ngày bắt đầu (start) 12/12/2024 {tail}",
        f"{path}:5:18: error PM007 thiếu ngày bắt đầu (start)",
        f"{path}:6:18: error PM030 ngày hoàn thành (done) 10/12/2024 {tail}",
        f"{path}:7:10: error PM005 tỷ lệ phần trăm phải trong khoảng 0–100, gặp 150",
        f"{path}:8:10: error PM005 tỷ lệ phần trăm phải trong khoảng 0–100, gặp -5",
        f"{path}:9:8: error PM026 'I.3' đếm sáng kiến: cần số nguyên từ 0 trở lên, gặp 2,5",
    ]
    english = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert _lines(english.stdout)[1:3] == [
        f"{path}:4:30: error PM030 start 12/12/2024 is after the file's as_of 25/11/2024: "
        "figures of 25/11/2024 cannot hold what happened later",
        f"{path}:5:18: error PM007 missing required field 'start'",
    ]


def test_a_workbook_row_without_its_date_says_so_in_vietnamese(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = _book(tmp_path / "w.xlsx", [["VI.3", 72.4, None], [None, 80, dt.date(2024, 11, 25)]])
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1:3] == [
        f"{path}:'Giá trị'!C2: error PM055 thiếu ngày số liệu của dòng này (cột Ngày số liệu)",
        f"{path}:'Giá trị'!A3: error PM007 thiếu mã tiêu chí",
    ]


def test_two_values_of_a_day_are_told_in_words(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    head = "plan: kh2024\nas_of: 2024-11-25\nvalues:\n"
    (folder / "a.yaml").write_text(
        head + "  II.3.b: {done: 2024-04-10, evidence: kế hoạch}\n  VI.3: 96.5\n", "utf-8"
    )
    (folder / "b.yaml").write_text(
        head + '  II.3.b: {done: 11/04/2024, evidence: "12/BC"}\n  VI.3: 96\n', "utf-8"
    )
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 1
    b, a = folder / "b.yaml", folder / "a.yaml"
    assert _lines(result.stdout)[2:4] == [
        f"{b}:4:11: error PM028 'II.3.b' ngày 25/11/2024 có hai giá trị khác nhau: hoàn thành "
        f"11/04/2024, văn bản «12/BC» ở đây; hoàn thành 10/04/2024, văn bản «kế hoạch» ở "
        f"{a}:4:11",
        f"{b}:5:9: error PM028 'VI.3' ngày 25/11/2024 có hai giá trị khác nhau: 96 ở đây; "
        f"96,5 ở {a}:5:9",
    ]
    english = run_cli("validate", PLAN, "--metrics", folder, "--lang", "en")
    assert (
        f"{b}:4:11: error PM028 'II.3.b' on 25/11/2024 has two different values: done "
        f"11/04/2024, evidence «12/BC» here; done 10/04/2024, evidence «kế hoạch» at {a}:4:11"
    ) in _lines(english.stdout)


# --- 6. a recurring duty's submissions: how to write them -----------------------------


def test_submissions_not_read_say_how_to_write_them(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "ORG.1;08/11/2024, 15/11/2024;25/11/2024;\r\nORG.2;hằng tuần;25/11/2024;\r\n"
    )
    day = dt.date(2024, 11, 25)
    book = _book(tmp_path / "w.xlsx", [["ORG.1", "08/11/2024, 15/11/2024", day]])
    how = (
        ": ghi mỗi lần nộp một ngày (dd/mm/yyyy), các ngày cách nhau bằng dấu chấm phẩy (;), "
        "ví dụ 08/11/2024; 15/11/2024"
    )
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1:3] == [
        f"{path}:2:7: error PM072 không đọc được các ngày nộp '08/11/2024, 15/11/2024'{how}",
        f"{path}:3:7: error PM072 không đọc được các ngày nộp 'hằng tuần'{how}",
    ]
    result = run_cli("validate", PLAN, "--metrics", book)
    assert _lines(result.stdout)[1] == (
        f"{book}:'Giá trị'!B2: error PM072 không đọc được các ngày nộp '08/11/2024, "
        f"15/11/2024'{how}"
    )


# --- 7., 8c. an unknown id: cut, and a look-alike letter named ---------------------------


def test_an_unknown_id_is_echoed_cut(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "X" * 32_000 + ";1;25/11/2024;\r\n")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1] == (
        f"{path}:2:1: error PM001 tiêu chí '{'X' * 39}…' không có trong kế hoạch"
    )


def test_a_look_alike_letter_in_an_id_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "\u0406.2.c;1;25/11/2024;\r\n")  # a Cyrillic І
    yaml = tmp_path / "m.yaml"
    yaml.write_text("plan: kh2024\nas_of: 2024-11-25\nvalues:\n  I.2.\u0441: 1\n", "utf-8")
    result = run_cli("validate", PLAN, "--metrics", path, "--metrics", yaml)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1:4:2] == [
        f"{path}:2:1: error PM001 tiêu chí 'І.2.c' không có trong kế hoạch — mã có ký tự "
        "không phải chữ Latin ở vị trí 1: U+0406 (CYRILLIC CAPITAL LETTER BYELORUSSIAN-"
        "UKRAINIAN I); có phải I.2.c?",
        f"{yaml}:4:3: error PM001 tiêu chí 'I.2.с' không có trong kế hoạch — mã có ký tự "
        "không phải chữ Latin ở vị trí 5: U+0441 (CYRILLIC SMALL LETTER ES); có phải I.2.c?",
    ]
    english = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert _lines(english.stdout)[1] == (
        f"{path}:2:1: error PM001 no check 'І.2.c' in the plan — the id has a character that "
        "is not a Latin letter at position 1: U+0406 (CYRILLIC CAPITAL LETTER BYELORUSSIAN-"
        "UKRAINIAN I); did you mean I.2.c?"
    )


# --- 8b. a UTF-16 file cut short ------------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "line", "column", "offset"),
    [(1, 2, 21, 90), (2, 2, 21, 90)],  # an odd byte; half of a surrogate pair (a 🙂)
    ids=["odd-byte", "half-surrogate"],
)
def test_a_utf16_file_cut_short_says_so(
    run_cli: RunCli, tmp_path: Path, cut: int, line: int, column: int, offset: int
) -> None:
    text = "check,value,as_of,note\r\nI.1,96.5,25/11/2024,🙂\r\n"
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: -4 - cut])  # the line end gone, then part of the 🙂
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert _lines(result.stdout)[1] == (
        f"{path}:{line}:{column}: error PM073 tệp CSV UTF-16 bị cắt cụt hoặc hỏng (byte "
        f'{offset} của tệp): lưu lại tệp từ Excel (Tệp > Lưu thành, loại tệp "CSV UTF-8 '
        '(Comma delimited) (*.csv)") rồi gửi lại'
    )
    assert "không phải UTF-8" not in result.stdout


# --- 8d. an event before the plan takes effect is said, not dropped silently -------------


def test_an_event_before_the_plan_starts_is_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    yaml = tmp_path / "m.yaml"
    yaml.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  III.2.b:\n    events:\n"
        "      - {start: 11/01/2024, ref: QĐ 5}\n      - {start: 2024-11-12, done: 2024-11-13}\n",
        "utf-8",
    )
    book = _book(
        tmp_path / "w.xlsx",
        [["VI.3", 72.4, dt.date(2024, 11, 25)]],
        [["V.5", dt.datetime(2024, 3, 30, 9, 0), None]],
    )
    result = run_cli("validate", PLAN, "--metrics", yaml, "--metrics", book)
    assert result.exit_code == 0, result.stdout
    assert _lines(result.stdout)[1:] == [
        f"{yaml}:6:17: warning PM074 sự kiện bắt đầu 11/01/2024 («QĐ 5») trước ngày "
        "31/03/2024, ngày kế hoạch bắt đầu áp dụng cho III.2.b, nên không được tính; nếu ngày "
        "ghi nhầm (đảo ngày và tháng?), hãy sửa lại",
        f"{yaml}: hợp lệ — 1 giá trị (1 cảnh báo)",
        f"{book}:'Sự kiện'!B2: warning PM074 sự kiện bắt đầu 30/03/2024 09:00 trước ngày "
        "31/03/2024, ngày kế hoạch bắt đầu áp dụng cho V.5, nên không được tính; nếu ngày "
        "ghi nhầm (đảo ngày và tháng?), hãy sửa lại",
        f"{book}: hợp lệ — 2 giá trị (1 cảnh báo)",
    ]
    status = run_cli("status", "--plan", PLAN, "--metrics", yaml, "--as-of", AS_OF)
    assert status.exit_code in (0, 1)
    assert "warning PM074 sự kiện bắt đầu 11/01/2024 («QĐ 5»)" in status.stderr
    english = run_cli("validate", PLAN, "--metrics", yaml, "--lang", "en")
    assert (
        f"{yaml}:6:17: warning PM074 the event starting 11/01/2024 («QĐ 5») is before "
        "31/03/2024, when the plan begins to apply to III.2.b, so it is not counted; if the "
        "date is a slip (day and month swapped?), correct it"
    ) in _lines(english.stdout)


def test_a_spare_row_with_its_date_alone_is_nothing_and_a_value_without_id_is_said(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The workbook's spare rows saved as CSV keep their date: alone it reports nothing; a
    value written in one without its id is said, not read as an unknown id ''."""
    path = tmp_path / "spare.csv"
    path.write_bytes("Mã;Giá trị;Ngày số liệu\r\n;;25/11/2024\r\n;96;25/11/2024\r\n".encode())
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"{path}:3:1: error PM075 dòng có giá trị 96 nhưng thiếu mã tiêu chí: ghi mã vào cột Mã"
    )
    path.write_bytes("Mã;Giá trị;Ngày số liệu\r\n;;25/11/2024\r\n".encode())
    assert run_cli("validate", PLAN, "--metrics", path).exit_code == 0
