"""`parcheck dossiers` on the forms an export comes in: the portal's headers and codes, an
.xlsx with real date cells, other headers named by `--columns`; its table and Markdown; and
files it cannot read, each one message at its place and exit 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import DATA, PLAN, RunCli, markdown_tables

FIXTURE = DATA / "dossiers"
AS_OF = "2024-05-15"
HEADER = "Mã hồ sơ,Kênh nộp,Ngày nộp,Hạn trả kết quả,Cán bộ xử lý"


def run(run_cli: RunCli, *args: str | Path) -> Any:
    return run_cli("dossiers", *args, "--plan", PLAN, "--as-of", AS_OF)


def figures(run_cli: RunCli, *args: str | Path) -> dict[str, Any]:
    result = run(run_cli, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def without_places(value: Any) -> Any:
    """The figures without what names the file: its path, hash and own headers."""
    if isinstance(value, dict):
        skip = {"file", "header", "sources"}
        return {k: without_places(v) for k, v in value.items() if k not in skip}
    if isinstance(value, list):
        return [without_places(v) for v in value]
    return value


@pytest.mark.parametrize("name", ["export-portal.csv", "export.xlsx"])
def test_the_same_dossiers_in_another_form_give_the_same_figures(
    run_cli: RunCli, name: str
) -> None:
    csv = figures(run_cli, FIXTURE / "export.csv")
    other = figures(run_cli, FIXTURE / name)
    assert without_places(other) == without_places(csv)
    assert other["rows"] == 45 and other["counted"] == 34


def test_the_portals_own_headers_are_named_in_the_rejected_rows(run_cli: RunCli) -> None:
    found = figures(run_cli, FIXTURE / "export-portal.csv")
    first = found["rejected"][0]
    assert (first["row"], first["column"], first["header"]) == (37, "Ngày nộp", "NgayNopHoSo")
    assert found["sources"][0]["format"] == "csv"


def test_a_workbook_says_its_sheet(run_cli: RunCli) -> None:
    source = figures(run_cli, FIXTURE / "export.xlsx")["sources"][0]
    assert (source["format"], source["sheet"]) == ("xlsx", "Hồ sơ")


def test_other_headers_named_by_a_column_map(run_cli: RunCli, tmp_path: Path) -> None:
    lines = (FIXTURE / "export.csv").read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("Mã hồ sơ", "Số hồ sơ").replace("Cán bộ xử lý", "Chuyên viên")
    export = tmp_path / "renamed.csv"
    export.write_text("\n".join(lines), encoding="utf-8")
    assert run(run_cli, export).exit_code == 2  # no code column without the map
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Mã hồ sơ: Số hồ sơ\ncan_bo_xu_ly: CHUYÊN VIÊN\n", encoding="utf-8")
    renamed = figures(run_cli, export, "--columns", mapping)
    assert without_places(renamed) == without_places(figures(run_cli, FIXTURE / "export.csv"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Số hồ sơ: Mã\nNgày nộp: Ngày\n", "map.yaml:1:1: error PD010 --columns: 'Số hồ sơ'"),
        ("- Mã hồ sơ\n", "map.yaml:1:1: error PD011"),
        ("Mã hồ sơ: [a, b]\n", "map.yaml:1:11: error PD011"),
        ("Mã hồ sơ: A\nMaHoSo: B\n", "map.yaml:2:1: error PD012 --columns: cột 'Mã hồ sơ'"),
    ],
)
def test_a_column_map_that_cannot_be_used(
    run_cli: RunCli, tmp_path: Path, text: str, message: str
) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    result = run(run_cli, FIXTURE / "export.csv", "--columns", mapping)
    assert result.exit_code == 2
    assert result.stderr.startswith(str(tmp_path / message)), result.stderr


TABLE = """\
Hồ sơ TTHC tính đến hết ngày 15/05/2024 (tỷ lệ đúng hạn theo QĐ 766)
{path}: 45 hồ sơ, 34 được tính, 11 không tính được

Tỷ lệ giải quyết đúng hạn, sớm hạn (III.6)               82,35 % (28/34)
  sớm hạn 11 · đúng hạn 9 · trễ hạn 3 · quá hạn chưa có kết quả 3 · còn hạn 8
Hồ sơ trực tuyến tiếp nhận quá 8 giờ làm việc (III.4.b)  7/17 (đang chờ 2)
Hồ sơ được số hóa (III.5)                                88,23 % (30/34)
Tạm dừng thiếu lý do, văn bản hoặc thông báo (III.4.e)   3/5
Hồ sơ trễ hạn không có phiếu xin lỗi (III.4.d)           3/6
Hồ sơ bị yêu cầu bổ sung quá 01 lần (III.4.c)            2
Công chức có từ 10 % hồ sơ trễ hạn trở lên (I.4.b)       2/5

Công chức       Đã xử lý   Trễ hạn      Tỷ lệ
Lê Văn Cường           4         4      100 %
Nguyễn Văn An         10         1       10 %

Hồ sơ trễ hạn (6)
  dòng 6   H34-24-A05  trễ hạn
  dòng 18  H34-24-B07  trễ hạn
  … và 4 dòng nữa (--format json liệt kê đủ)

Tiếp nhận trực tuyến quá hạn (7)
  dòng 4  H34-24-A03  8,5 giờ
  dòng 6  H34-24-A05  8,5 giờ
  … và 5 dòng nữa (--format json liệt kê đủ)

Tạm dừng thiếu (3)
  dòng 10  H34-24-A09  văn bản
  dòng 19  H34-24-B08  lý do, văn bản, thông báo
  … và 1 dòng nữa (--format json liệt kê đủ)

Trễ hạn không có phiếu xin lỗi (3)
  dòng 18  H34-24-B07
  dòng 29  H34-24-C07
  … và 1 dòng nữa (--format json liệt kê đủ)

Yêu cầu bổ sung quá 01 lần (2)
  dòng 30  H34-24-C08  2 lần
  dòng 31  H34-24-C09  3 lần

Dòng không tính được (11)
  dòng 37  Ngày nộp: '31/02/2024 08:00' không phải ngày (dd/mm/yyyy [HH:MM[:SS]…
  dòng 38  kênh nộp 'Fax' không rõ (Trực tuyến, Trực tiếp, Bưu chính công ích h…
  … và 9 dòng nữa (--format json liệt kê đủ)
"""


def test_the_table_at_80_columns(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(FIXTURE)
    result = run(run_cli, "export.csv", "--show", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == TABLE.format(path="export.csv")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_the_table_in_english(run_cli: RunCli) -> None:
    result = run(run_cli, FIXTURE / "export.csv", "--lang", "en")
    assert "Handled on time (III.6)" in result.stdout
    assert "82.35 % (28/34)" in result.stdout
    assert "row 23  H34-24-C01  14 h, not yet accepted" in result.stdout


def test_markdown_tables_stay_tables(run_cli: RunCli) -> None:
    result = run(run_cli, FIXTURE / "export.csv", "--format", "markdown", "--show", "50")
    assert result.exit_code == 0
    tables = markdown_tables(result.stdout)
    assert tables[0] == [2] * 9  # the figures: a head and eight rows
    assert all(len(set(rows)) == 1 for rows in tables)
    assert "| dòng 37 |  | Ngày nộp: '31/02/2024 08:00'" in result.stdout


def test_rows_that_leave_out_their_empty_last_cells(run_cli: RunCli, tmp_path: Path) -> None:
    """Some exporters end a row at its last filled cell: the cells left out are empty."""
    export = tmp_path / "short.csv"
    rows = ["A2,Trực tiếp,02/05/2024 08:00", "A1,Trực tiếp,02/05/2024 08:00,20/05/2024,X"]
    export.write_text("\n".join([HEADER + ",Số hóa", *rows]) + "\n", encoding="utf-8")
    found = figures(run_cli, export)
    assert (found["rows"], found["counted"]) == (2, 1)
    assert [f["code"] for f in found["rejected"][0]["faults"]] == ["PD020", "PD020"]


def test_only_a_header_is_no_dossier(run_cli: RunCli, tmp_path: Path) -> None:
    export = tmp_path / "empty.csv"
    export.write_text(HEADER + "\n", encoding="utf-8")
    found = figures(run_cli, export)
    assert (found["rows"], found["counted"], found["timeliness"]["rate"]) == (0, 0, None)


def test_a_title_above_the_header_of_a_sheet(run_cli: RunCli, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "DANH SÁCH HỒ SƠ TTHC THÁNG 5/2024"
    sheet.append([])
    sheet.append(HEADER.split(","))
    sheet.append(["A1", "Trực tiếp", dt.datetime(2024, 5, 2, 8), dt.date(2024, 5, 20), "X"])
    sheet.append(["A2", "Fax", dt.datetime(2024, 5, 2, 8), dt.date(2024, 5, 20), "X"])
    export = tmp_path / "title.xlsx"
    book.save(export)
    found = figures(run_cli, export)
    assert found["rejected"][0]["row"] == 5  # the sheet's own row
    assert found["counted"] == 1 and found["timeliness"]["open"] == 1


def _bad_workbook(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hồ sơ tháng 5"
    sheet.append(["Mã hồ sơ", "Kênh nộp", "Ngày nộp", "Hạn trả kết quả"])
    book.save(folder / "bad.xlsx")
    return folder / "bad.xlsx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"", "a.csv:1:1: error PD005"),
        ("a.csv", b"Ma,Kenh\n", "a.csv:1:1: error PD003 thiếu cột bắt buộc: Mã hồ sơ, Kênh nộp"),
        (
            "a.csv",
            (HEADER + ",MaHoSo\n").encode(),
            "a.csv:1:57: error PD004 hai cột cùng là 'Mã hồ sơ': 'Mã hồ sơ' và 'MaHoSo'",
        ),
        ("a.csv", HEADER.encode("cp1258", "replace") + b"\n", "a.csv:1:8: error PD002"),
        ("a.csv", b"\xff\xfe" + HEADER.encode("utf-16-le"), "a.csv:1:1: error PD002"),
        ("a.csv", HEADER.encode() + b"\rA1,2,x,y,z\r", "a.csv:1:1: error PD006"),
        (
            "a.csv",
            (HEADER + '\nA1,2,"15/03/2024 10:00,22/03/2024,X\nA2,1,x,y,z\n').encode(),
            "a.csv:2:6: error PD013",
        ),
        (
            "a.csv",
            (HEADER + "\nA1,2,15/03/2024 10:00,22/03/2024,Nguy").encode() + b"\xe1n\n",
            "a.csv:2:38: error PD002",
        ),
        (
            "a.csv",
            (HEADER + "," * 1000 + "\n").encode(),
            "a.csv:1:1: error PD014 dòng tiêu đề có 1005",
        ),
        ("a.xls", b"\xd0\xcf\x11\xe0 old", "a.xls: error PD001"),
        ("a.xlsx", b"PK\x03\x04 not a zip", "a.xlsx: error PD009"),
        ("a.ods", b"PK\x03\x04", "a.ods: error PD001 không đọc được tệp dạng .ods"),
    ],
)
def test_a_file_that_cannot_be_read(
    run_cli: RunCli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run(run_cli, tmp_path / name)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}/{message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_sheet_without_a_required_column_is_named_at_its_cell(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run(run_cli, _bad_workbook(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}/bad.xlsx:'Hồ sơ tháng 5'!A1: error PD003")


def test_no_such_file_in_english(run_cli: RunCli, tmp_path: Path) -> None:
    result = run(run_cli, tmp_path / "nope.csv", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path}/nope.csv: error PC001 no such file\n"


def test_a_year_outside_the_range_is_quoted_as_the_cell_has_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """01/10/0024 is quoted with its four-digit year (strftime would write '24')."""
    export = tmp_path / "y.csv"
    export.write_text(
        "ma_ho_so,kenh_nop,ngay_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_co_ket_qua,"
        "can_bo_xu_ly,phieu_xin_loi\n"
        "D17,Trực tiếp,01/10/0024 08:00,,10/10/2024,09/10/2024 10:00,Y,Không\n",
        encoding="utf-8",
    )
    result = run_cli(
        "dossiers", export, "--plan", PLAN, "--as-of", "2024-11-25", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    (rejected,) = json.loads(result.stdout)["rejected"]
    assert rejected["reason"] == "Ngày nộp: '01/10/0024 08:00' có năm ngoài khoảng 2000–2100"
