"""Write tests/data/dossiers/export-portal.csv and export.xlsx from the hand-written
export.csv: the same dossiers, row for row, as the national portal names its columns and
codes them (MaHoSo, KenhThucHien 1/2/3, ISO dates, semicolons, a BOM, CRLF, one column more)
and as a workbook with real date cells. Only the form changes; expected.yaml holds for all
three. Run it again after editing export.csv:

    .venv/bin/python scripts/make_dossier_fixtures.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "dossiers"
PORTAL = {
    "Mã hồ sơ": "MaHoSo",
    "Thủ tục": "TenTTHC",
    "Kênh nộp": "KenhThucHien",
    "Ngày nộp": "NgayNopHoSo",
    "Ngày tiếp nhận": "NgayTiepNhan",
    "Hạn trả kết quả": "NgayHenTra",
    "Ngày có kết quả": "NgayKetThucXuLy",
    "Cán bộ xử lý": "NguoiXuLy",
    "Phòng xử lý": "DonViXuLy",
    "Số hóa": "so_hoa",
    "Tạm dừng": "tam_dung",
    "Lý do tạm dừng": "ly_do_tam_dung",
    "Văn bản tạm dừng": "van_ban_tam_dung",
    "Đã thông báo": "da_thong_bao",
    "Phiếu xin lỗi": "phieu_xin_loi",
    "Số lần yêu cầu bổ sung": "so_lan_yeu_cau_bo_sung",
}
CODES = {"trực tuyến": "2", "trực tiếp": "1", "bưu chính công ích": "3"}
DATES = ("Ngày nộp", "Ngày tiếp nhận", "Hạn trả kết quả", "Ngày có kết quả")
FORMS = ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def moment(text: str) -> dt.datetime | None:
    for form in FORMS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def main() -> None:
    with open(FOLDER / "export.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    header, body = rows[0], rows[1:]
    write_portal(header, body)
    write_workbook(header, body)


def write_portal(header: list[str], body: list[list[str]]) -> None:
    """Portal names and codes; dates in ISO; a status column the reader passes over."""
    out = [[PORTAL[h] for h in header] + ["TrangThaiHoSo"]]
    for row in body:
        if not row:
            out.append([])
            continue
        cells = dict(zip(header, row, strict=True))
        cells["Kênh nộp"] = CODES.get(cells["Kênh nộp"].lower(), cells["Kênh nộp"])
        for key in DATES:
            when = moment(cells[key])
            if when is not None:
                day_only = when.time() == dt.time(0)
                cells[key] = when.strftime("%Y-%m-%d" if day_only else "%Y-%m-%d %H:%M:%S")
        status = "Đã trả kết quả" if cells["Ngày có kết quả"] else "Đang xử lý"
        out.append([cells[h] for h in header] + [status])
    with open(FOLDER / "export-portal.csv", "w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, delimiter=";", lineterminator="\r\n").writerows(out)


def write_workbook(header: list[str], body: list[list[str]]) -> None:
    """Real cells: a date and time, a date, a whole number; text that is no date stays text."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Hồ sơ"
    sheet.append(header)
    for number, row in enumerate(body, start=2):
        for column, (key, text) in enumerate(zip(header, row, strict=False), start=1):
            if not text:
                continue
            cell = sheet.cell(number, column)
            when = moment(text) if key in DATES else None
            if when is not None and when.time() == dt.time(0):
                cell.value = when.date()
                cell.number_format = "dd/mm/yyyy"
            elif when is not None:
                cell.value = when
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif key == "Số lần yêu cầu bổ sung" and text.isdigit():
                cell.value = int(text)
            else:
                cell.value = text
    book.properties.creator = "parcheck"
    book.properties.created = book.properties.modified = dt.datetime(2024, 5, 15)
    book.save(FOLDER / "export.xlsx")


if __name__ == "__main__":
    main()
