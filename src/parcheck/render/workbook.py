"""`parcheck template --format xlsx`: the workbook the secretary sends to the units.

Written with openpyxl, the library that reads workbooks back (figures/excel.py): one
dependency, and it writes both what the form needs, data validation (numbers in a range,
dates, lists) and sheet protection with some cells left unlocked. The values sheet is
protected: the check, its target, due date and lead unit are locked; value, date,
document and note are not. Read back untouched, the workbook is an empty snapshot."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from parcheck.plan.model import DeliverableCheck, EventCheck, RecurringCheck, ThresholdCheck
from parcheck.plan.units import UnitIndex
from parcheck.render.template import LIMIT_WORDS
from parcheck.safety.text import one_line

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Task

OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
VALUES_HEADER = (
    "Mã",
    "Nội dung",
    "Chỉ tiêu",
    "Hạn",
    "Đơn vị chủ trì",
    "Giá trị",
    "Ngày số liệu",
    "Văn bản",
    "Ghi chú",
)
EVENTS_HEADER = ("Mã", "Bắt đầu", "Hoàn thành", "Văn bản", "Ngày số liệu", "Ghi chú")
EVENT_ROWS = 200  # blank, unlocked rows for events
NO_EVENTS = "không có"  # an event check's value cell: no events so far (figures/excel.py)
WIDTHS = (10, 60, 28, 14, 28, 16, 14, 20, 30)
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
SPARE_ROWS = 30  # unlocked rows below the checks: one more submission of a duty each
SPARE_NOTE = "lần nộp thêm: chọn mã ở cột Mã"
LIST_LIMIT = 255  # characters of a dropdown's list written in the rule itself (Excel's)


def instructions(duties: bool, compiled: Sequence[str]) -> list[str]:
    """The instructions sheet's lines, numbered: a line on the spare rows only when the
    workbook has recurring duties, and in a unit's workbook the checks of its groups that
    Văn phòng Sở compiles (`engine.selection.own_checks`)."""
    items = [
        "Trang «Giá trị»: mỗi tiêu chí một dòng. Chỉ điền các cột Giá trị, Ngày số liệu, Văn "
        "bản, Ghi chú; các cột khác bị khóa.",
        "Tiêu chí có chỉ tiêu là số: điền con số (tỷ lệ phần trăm từ 0 đến 100, số đếm là số "
        "nguyên từ 0 trở lên).",
        "Sản phẩm (báo cáo, kế hoạch …): điền ngày hoàn thành (dd/mm/yyyy) vào Giá trị và số "
        "hiệu văn bản vào cột Văn bản.",
    ]
    if duties:
        items.append(
            "Nhiệm vụ định kỳ: điền các ngày đã nộp, cách nhau bằng dấu chấm phẩy (05/11/2024; "
            f"12/11/2024), hoặc mỗi lần nộp một dòng ở {SPARE_ROWS} dòng trống cuối trang "
            "«Giá trị»: chọn Mã, ghi ngày nộp vào Giá trị. Dòng trống để nguyên là không có gì."
        )
    items += [
        "Tiêu chí sự kiện: ghi ở trang «Sự kiện», mỗi sự kiện một dòng: Mã, Bắt đầu (ngày, "
        "giờ), Hoàn thành (để trống nếu chưa xong), Văn bản; trang này không khóa, thêm dòng "
        "được. Chưa có sự kiện nào thì chọn «không có» ở cột Giá trị của tiêu chí đó (trang "
        "«Giá trị»); để trống là chưa báo cáo.",
        "Ô để trống là chưa báo cáo: số liệu đã gửi kỳ trước vẫn được giữ. Ngày nộp và sự kiện "
        "được cộng dồn qua các kỳ, chỉ cần ghi những lần mới.",
        "Ngày số liệu là ngày chốt số liệu; không ghi việc xảy ra sau ngày đó.",
        "Ngày: gõ dd/mm/yyyy (20/11/2024) vào ô định dạng ngày; một con số (45616, 20112024) "
        "không phải ngày; ngày trước năm 2000 bị từ chối (số 0 trong ô ngày hiện 30/12/1899).",
        "Không gộp ô trong các cột được đọc, không đặt mật khẩu cho tệp. Ô có công thức được "
        "đọc theo kết quả Excel hoặc LibreOffice đã lưu.",
    ]
    if compiled:
        items.append(
            # true of every unit's workbook, Văn phòng Sở's own too: where the figures are
            # entered, and who sends what to whom
            "Các tiêu chí sau do nhiều phòng, đơn vị cùng chủ trì và là một số liệu chung của "
            "Sở nên không có trong bảng này: Văn phòng Sở tổng hợp và điền vào bảng tính chung "
            "của Sở (parcheck template --format xlsx, không có --unit); các phòng, đơn vị khác "
            "gửi phần của mình cho Văn phòng Sở như thường lệ. Đó là: " + ", ".join(compiled) + "."
        )
    items.append(
        "Lưu tệp dạng .xlsx (các phòng, đơn vị gửi tệp của mình cho Văn phòng Sở). Kiểm tra: "
        "parcheck validate --metrics TỆP."
    )
    return ["Hướng dẫn điền số liệu", "", *(f"{n}. {t}" for n, t in enumerate(items, 1))]


def render_workbook(
    plan: Plan,
    as_of: dt.date,
    tasks: Iterable[Task] | None = None,
    unit_name: str = "",
    compiled: Sequence[str] = (),
) -> bytes:
    """The workbook for `as_of` with a row for every check of `tasks` (default: the plan's),
    and spare rows for more submissions of its recurring duties; a unit's (`unit_name`)
    names in its instructions the checks Văn phòng Sở compiles (`compiled`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from parcheck.engine.calendar import WorkCalendar
    from parcheck.engine.schedule import due_day, due_days

    units = UnitIndex(plan)
    calendar = WorkCalendar(plan.calendar)
    chosen = list(plan.tasks() if tasks is None else tasks)
    first, last = dt.date(plan.year - 1, 1, 1), dt.date(plan.year + 1, 12, 31)
    editable = Protection(locked=False)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in

    book = Workbook()
    values = book.active
    assert values is not None
    values.title = "Giá trị"
    values.append(VALUES_HEADER)
    for cell in values[1]:
        cell.font = bold
    for index, width in enumerate(WIDTHS):
        values.column_dimensions[chr(ord("A") + index)].width = width
    values.freeze_panes = "B2"

    percent = _validation(DataValidation, "decimal", "between", 0, 100, "Tỷ lệ 0–100")
    count = _validation(
        DataValidation, "whole", "greaterThanOrEqual", 0, None, "Số nguyên từ 0 trở lên"
    )
    done = _validation(
        DataValidation, "date", "between", first, last, "Ngày hoàn thành (dd/mm/yyyy)"
    )
    as_of_check = _validation(DataValidation, "date", "between", first, last, "Ngày dd/mm/yyyy")
    no_events = _validation(
        DataValidation,
        "list",
        None,
        f'"{NO_EVENTS}"',
        None,
        f"Ghi sự kiện ở trang Sự kiện; chưa có sự kiện nào thì chọn «{NO_EVENTS}»",
    )
    for rule in (percent, count, done, as_of_check, no_events):
        values.add_data_validation(rule)

    event_ids: list[str] = []
    duty_ids: list[str] = []
    row = 1
    for task in chosen:
        for check in task.checks:
            if check.kind == "shared":
                continue
            row += 1
            lead = units.name_of(check.lead or task.lead)
            target, kind_rule = "", None
            due: str | dt.date = ""
            if check.same_as is not None:
                target = f"cùng số liệu với {check.same_as}: điền ở dòng {check.same_as}"
            elif isinstance(check, ThresholdCheck):
                moved = due_day(check, calendar)
                due = "thường xuyên" if moved is None else moved
                t = check.target
                target = f"{OPS.get(t.op, t.op)} {t.value:g} {t.unit}"
                kind_rule = percent if t.unit == "%" else count
            elif isinstance(check, DeliverableCheck):
                due = due_day(check, calendar) or check.due
                target = "ngày hoàn thành + văn bản"
                kind_rule = done
            elif isinstance(check, RecurringCheck):
                nxt = [d for d in due_days(check, plan, calendar) if d >= as_of][:1]
                due = nxt[0] if nxt else "đã hết lịch"
                target = "các ngày nộp, cách nhau bằng ;"
                kind_rule = None
                if check.same_as is None:
                    duty_ids.append(check.id)
            elif isinstance(check, EventCheck):
                lim = check.limit
                due = f"trong {lim.amount} {LIMIT_WORDS['vi'][lim.unit]}"
                target = f"sự kiện: ghi ở trang Sự kiện; chưa có thì chọn «{NO_EVENTS}»"
                kind_rule = no_events
                event_ids.append(check.id)
            cells: list[Any] = [check.id, one_line(check.title), target, due, lead]
            values.append([*cells, None, as_of, None, None])
            for column in range(1, 10):
                values.cell(row, column).alignment = Alignment(vertical="top", wrap_text=True)
            # wrapped text needs its row's height set: LibreOffice does not grow it
            lines = max(
                -(-len(str(text)) // max(int(WIDTHS[i]) - 2, 1))
                for i, text in enumerate(cells)
                if isinstance(text, str)
            )
            values.row_dimensions[row].height = 15 * max(lines, 1)
            if isinstance(due, dt.date):
                values.cell(row, 4).number_format = DATE_FORMAT
            values.cell(row, 7).number_format = DATE_FORMAT
            writable = check.same_as is None
            editable_columns = (6, 7, 9) if isinstance(check, EventCheck) else (6, 7, 8, 9)
            for column in editable_columns if writable else (7, 9):
                values.cell(row, column).protection = editable
                values.cell(row, column).fill = fill
            if writable and kind_rule is not None:
                kind_rule.add(values.cell(row, 6))
                if kind_rule is done:
                    values.cell(row, 6).number_format = DATE_FORMAT
            as_of_check.add(values.cell(row, 7))
    if duty_ids:
        row = _spare_rows(values, row, as_of, duty_ids, as_of_check, (first, last), editable, fill)
    values.protection.sheet = True  # no password: it guards against slips, not people
    values.protection.formatColumns = False
    values.protection.formatRows = False
    values.protection.autoFilter = False
    values.auto_filter.ref = f"A1:I{max(row, 1)}"

    events = book.create_sheet("Sự kiện")
    events.append(EVENTS_HEADER)
    for cell in events[1]:
        cell.font = bold
    for index, width in enumerate((10, 20, 20, 20, 14, 30)):
        events.column_dimensions[chr(ord("A") + index)].width = width
    events.freeze_panes = "A2"
    moment = _validation(
        DataValidation, "date", "between", first, last, "Ngày giờ (dd/mm/yyyy hh:mm)"
    )
    events.add_data_validation(moment)
    moment.add(f"B2:C{EVENT_ROWS + 1}")
    event_day = _validation(DataValidation, "date", "between", first, last, "Ngày dd/mm/yyyy")
    events.add_data_validation(event_day)
    event_day.add(f"E2:E{EVENT_ROWS + 1}")
    ids = _id_list(event_ids, "Chọn mã một tiêu chí sự kiện")
    if ids is not None:
        events.add_data_validation(ids)
        ids.add(f"A2:A{EVENT_ROWS + 1}")
    for r in range(2, EVENT_ROWS + 2):
        events.cell(r, 2).number_format = MOMENT_FORMAT
        events.cell(r, 3).number_format = MOMENT_FORMAT
        events.cell(r, 5).number_format = DATE_FORMAT

    guide = book.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    title = f"Kế hoạch {plan.id} — số liệu ngày {as_of:%d/%m/%Y}"
    if unit_name:
        title += f" — {unit_name}"
    for line in (title, *instructions(bool(duty_ids), compiled)):
        guide.append([line])
        # wrapped, with the row's height set (LibreOffice does not grow it): a long line
        # ran off the page, and the page printed shrunk to fit it
        guide.cell(guide.max_row, 1).alignment = Alignment(vertical="top", wrap_text=True)
        guide.row_dimensions[guide.max_row].height = 15 * max(-(-len(line) // 115), 1)
    guide["A1"].font = bold
    for sheet in (values, events, guide):
        _as_text(sheet)
        _printable(sheet)
    book.active = 0

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _spare_rows(
    values: Any,
    last: int,
    as_of: dt.date,
    duty_ids: list[str],
    as_of_check: Any,
    days: tuple[dt.date, dt.date],
    editable: Any,
    fill: Any,
) -> int:
    """`SPARE_ROWS` rows below the checks (the sheet is protected: no row can be inserted)
    for one more submission of a recurring duty each: Mã (a dropdown of the duties), Giá
    trị (a date), Ngày số liệu (`as_of`), Văn bản and Ghi chú unlocked. Left blank, a row
    reads as nothing (figures/excel.py: no value, no document). The last row's number."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    first = last + 1
    last = last + SPARE_ROWS
    ids = _id_list(duty_ids, "Chọn mã một nhiệm vụ định kỳ")
    if ids is not None:
        values.add_data_validation(ids)
        ids.add(f"A{first}:A{last}")
    day = _validation(DataValidation, "date", "between", *days, "Ngày nộp (dd/mm/yyyy)")
    values.add_data_validation(day)
    day.add(f"F{first}:F{last}")
    as_of_check.add(f"G{first}:G{last}")
    hint = Font(italic=True, color="808080")
    for row in range(first, last + 1):
        values.cell(row, 2, SPARE_NOTE).font = hint
        values.cell(row, 7, as_of)
        for column in (1, 6, 7, 8, 9):
            values.cell(row, column).protection = editable
            values.cell(row, column).fill = fill
        values.cell(row, 6).number_format = DATE_FORMAT
        values.cell(row, 7).number_format = DATE_FORMAT
    return last


def _id_list(ids: list[str], prompt: str) -> Any:
    """A dropdown of check ids, or None when there are none or too many to write in the
    rule itself (Excel takes at most 255 characters there): then any id may be typed, and
    the reader names an unknown one."""
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = ",".join(ids)
    if not ids or len(listed) > LIST_LIMIT:
        return None
    rule = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    rule.error, rule.errorTitle = prompt, "Mã"
    rule.showErrorMessage = True
    return rule


def _as_text(sheet: Any) -> None:
    """Every text cell stays text: openpyxl takes a string that starts with `=` for a
    formula, so a target `= 0 trường hợp` showed Err:509, and a title from the plan written
    `=HYPERLINK(…)` would run as one. Text from the plan is data."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"


def _printable(sheet: Any) -> None:
    """Printed (or turned into a PDF) as people read it: landscape, A4, every column on
    one page width, the header row repeated on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.max_row > 1 and sheet.title != "Hướng dẫn":
        sheet.print_title_rows = "1:1"


def _validation(
    factory: Any, kind: str, operator: str | None, low: Any, high: Any, prompt: str
) -> Any:
    rule = factory(type=kind, operator=operator, formula1=_formula(low), allow_blank=True)
    if high is not None:
        rule.formula2 = _formula(high)
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.prompt = prompt
    rule.error = prompt
    rule.errorTitle = "Giá trị không hợp lệ"
    return rule


def _formula(value: Any) -> str:
    if isinstance(value, dt.date):  # Excel's serial day number
        return str((value - dt.date(1899, 12, 30)).days)
    return str(value)
