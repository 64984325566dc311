"""Problems found in input files: where, how bad, and the message in both languages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from parcheck.safety.text import log_line, one_line

Lang = Literal["vi", "en"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code → (Vietnamese, English); params are filled in with str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "PC001": ("không tìm thấy tệp", "no such file"),
    "PC002": ("không đọc được tệp: {reason_vi}", "cannot read the file: {reason_en}"),
    # a library's own words (PyYAML, dateutil, csv) as `library_words` says them
    "PC010": ("lỗi cú pháp YAML: {reason_vi}", "invalid YAML: {reason_en}"),
    "PC011": (
        "khóa trùng lặp {key!r} (đã có ở dòng {first})",
        "duplicate key {key!r} (first at line {first})",
    ),
    "PC012": ("thẻ YAML không được phép: {tag}", "YAML tag not allowed: {tag}"),
    "PC013": (
        "tham chiếu (alias) YAML mở rộng quá {nodes} nút hoặc {chars} ký tự",
        "YAML aliases expand to more than {nodes} nodes or {chars} characters",
    ),
    "PC014": ("tệp không phải UTF-8: {reason}", "the file is not UTF-8: {reason}"),
    "PC015": ("tệp rỗng", "the file is empty"),
    "PC016": (
        "cần một ánh xạ (khóa: giá trị) ở cấp cao nhất, gặp {found_vi}",
        "expected a mapping (key: value) at the top level, found {found_en}",
    ),
    "PC017": ("khóa phải là chữ, gặp {found_vi}", "keys must be text, found {found_en}"),
    "PC018": ("khóa gộp YAML (<<) không được hỗ trợ", "YAML merge keys (<<) are not supported"),
    "PC020": ("{message}", "{message_en}"),
    "PC030": (
        "mã {id!r} bị trùng (đã có ở dòng {first})",
        "id {id!r} is used twice (first at line {first})",
    ),
    "PC031": ("mã {id!r} không theo mẫu {pattern}", "id {id!r} does not follow {pattern}"),
    "PC032": (
        "đơn vị chưa khai báo trong units: {unit!r}{hint}",
        "unit not declared in units: {unit!r}{hint}",
    ),
    "PC033": (
        "ngày {date} nằm ngoài năm của kế hoạch ({year})",
        "date {date} lies outside the plan year ({year})",
    ),
    "PC034": (
        "chỉ tiêu phần trăm phải trong khoảng 0–100, gặp {value}",
        "a percent target must lie in 0–100, found {value}",
    ),
    "PC035": ("RRULE không hợp lệ: {reason_vi}", "invalid RRULE: {reason_en}"),
    "PC036": (
        "RRULE không có lần nào từ {start} đến {until}",
        "the RRULE has no occurrence from {start} to {until}",
    ),
    "PC037": (
        "mức trần {cap} phải cùng dấu với điểm mỗi đơn vị {per_unit}",
        "the cap {cap} must have the sign of the points per unit {per_unit}",
    ),
    "PC038": ("mục {id!r} không có nhiệm vụ nào", "section {id!r} has no task"),
    "PC039": (
        "mã tiêu chí {id!r} phải là mã nhiệm vụ {task!r} hoặc {task!r} thêm hậu tố (.a, .b …)",
        "check id {id!r} must be the task id {task!r} or {task!r} with a suffix (.a, .b …)",
    ),
    "PC040": (
        "nhiệm vụ {task!r} có nhiều tiêu chí nên mỗi tiêu chí cần hậu tố riêng",
        "task {task!r} has several checks, so each needs a suffix of its own",
    ),
    "PC041": (
        "ngày {date} vừa là ngày nghỉ thêm vừa là ngày làm việc thêm",
        "{date} is both an extra day off and an extra working day",
    ),
    "PC042": (
        "mã nhiệm vụ {id!r} phải bắt đầu bằng mã mục {section!r}",
        "task id {id!r} must start with its section id {section!r}",
    ),
    "PC043": (
        "nhóm {id!r} có thành viên chưa khai báo: {unit!r}",
        "group {id!r} has an undeclared member: {unit!r}",
    ),
    "PC044": (
        "tên đơn vị {name!r} trùng với đơn vị {other!r}",
        "unit name {name!r} is also used by unit {other!r}",
    ),
    "PC060": (
        "văn bản chứa ký tự điều khiển {char}; hãy xóa ký tự này",
        "the text holds the control character {char}; delete it",
    ),
    "PC061": (
        "văn bản chứa ký tự đổi chiều {char}, có thể che giấu nội dung thật; hãy xóa ký tự này",
        "the text holds the bidirectional control {char}, which can disguise what it says; "
        "delete it",
    ),
    "PC045": (
        "YAML lồng nhau quá {limit} cấp",
        "YAML nested more than {limit} levels deep",
    ),
    "PC046": (
        "tham chiếu (alias) YAML trỏ vào chính nút chứa nó",
        "a YAML alias refers to a node that contains it",
    ),
    "PC047": (
        "RRULE FREQ={freq}: hạn định kỳ tính theo ngày, FREQ nhỏ nhất là DAILY",
        "RRULE FREQ={freq}: due days come no finer than FREQ=DAILY",
    ),
    "PC048": (
        "RRULE sinh hơn {limit} lần từ {start} đến {until} (tối đa một lần mỗi ngày)",
        "the RRULE gives more than {limit} occurrences from {start} to {until} (at most one a day)",
    ),
    "PC049": (
        "ngày {date} nằm ngoài năm của kế hoạch ({year}): tiêu chí định kỳ chỉ có hạn trong "
        "năm kế hoạch",
        "the date {date} lies outside the plan year ({year}): a recurring check's due days "
        "are the plan year's",
    ),
    "PC050": (
        "các RRULE của kế hoạch sinh hơn {limit} lần đến hạn cộng lại (tính đến quy tắc này); "
        "hãy bớt tiêu chí định kỳ hoặc giãn tần suất",
        "the plan's RRULEs give more than {limit} due days in all (counting up to this rule); "
        "use fewer or sparser recurring checks",
    ),
    "PC070": (
        "same_as: không có tiêu chí {id!r} trong kế hoạch{hint}",
        "same_as: there is no check {id!r} in the plan{hint}",
    ),
    "PC071": (
        "same_as: {id!r} cũng là tiêu chí dùng chung; hãy trỏ vào tiêu chí được viết đầy đủ",
        "same_as: {id!r} is a shared check too; name the check written in full",
    ),
    "PC072": (
        "same_as: {id!r} thuộc cùng nhiệm vụ {task}; tiêu chí dùng chung nối hai nhiệm vụ khác "
        "nhau",
        "same_as: {id!r} belongs to the same task {task}; a shared check joins two tasks",
    ),
    "PC073": (
        "ngày bắt đầu {date} nằm ngoài năm của kế hoạch ({year})",
        "the start {date} lies outside the plan year ({year})",
    ),
    "PC074": (
        "on_day_off: tiêu chí thường xuyên không có hạn để dời",
        "on_day_off: a continuous check has no deadline to move",
    ),
    "PC075": (
        "hạn {date} rơi vào ngày nghỉ; ghi on_day_off: keep để giữ đúng ngày như "
        "kế hoạch viết, hoặc next_working_day / previous_working_day để dời",
        "the deadline {date} falls on a day off; write on_day_off: keep to keep "
        "the date as the plan writes it, or next_working_day / previous_working_day to move it",
    ),
    "PC076": (
        "tiêu chí bắt đầu ngày {start}, sau hạn {due} của nó",
        "the check starts on {start}, after its deadline {due}",
    ),
    "PM001": ("tiêu chí {id!r} không có trong kế hoạch{hint}", "no check {id!r} in the plan{hint}"),
    "PM002": (
        "giá trị của {id!r} ({kind_vi}) không đúng dạng; cần {fits}",
        "the value of {id!r} ({kind}) has the wrong shape; what fits: {fits}",
    ),
    "PM003": ("không đọc được số: {value}", "not a number: {value}"),
    "PM004": (
        "không đọc được ngày: {value}{fits}",
        "not a date: {value}{fits}",
    ),
    "PM005": (
        "tỷ lệ phần trăm phải trong khoảng 0–100, gặp {value}",
        "a percentage must lie in 0–100, found {value}",
    ),
    "PM006": (
        "tệp số liệu cho kế hoạch {found!r}, không phải {plan!r}",
        "the metrics file is for plan {found!r}, not {plan!r}",
    ),
    "PM007": ("thiếu {field}", "missing required field {field!r}"),
    "PM008": ("trường không có trong mẫu: {field!r}{fits}", "unknown field: {field!r}{fits}"),
    "PM009": (
        "CSV cần dòng tiêu đề check,value,as_of,note (hoặc Mã;Giá trị;Ngày số liệu;Ghi chú);"
        " gặp {found}",
        "CSV needs the header check,value,as_of,note (or Mã;Giá trị;Ngày số liệu;Ghi chú);"
        " found {found}",
    ),
    "PM010": ("mẫu số phải lớn hơn 0", "the denominator must be greater than 0"),
    "PM011": (
        "không tìm thấy tệp số liệu .yaml, .yml, .csv hoặc .xlsx trong {path}",
        "no .yaml, .yml, .csv or .xlsx metrics file in {path}",
    ),
    "PC051": (
        "còn {more} vấn đề khác trong tệp, không liệt kê (chỉ báo {limit} vấn đề đầu tiên)",
        "{more} more problems in the file, not listed (only the first {limit} are reported)",
    ),
    "PM017": (
        "còn {more} vấn đề khác trong tệp, không liệt kê (chỉ báo {limit} vấn đề đầu tiên)",
        "{more} more problems in the file, not listed (only the first {limit} are reported)",
    ),
    "PM016": (
        "{found} sự kiện cho một tiêu chí, quá giới hạn {limit} sự kiện trong một tệp",
        "{found} events for one check, more than the limit of {limit} in one file",
    ),
    "PF001": (
        "không phải tệp thường mà là {kind}: không đọc",
        "not a regular file but {kind_en}: not read",
    ),
    "PF002": (
        "tệp lớn hơn giới hạn {limit} MB: không đọc",
        "the file is larger than the {limit} MB limit: not read",
    ),
    "PF003": (
        "bỏ qua: không phải tệp thường mà là {kind}",
        "skipped: not a regular file but {kind_en}",
    ),
    "PM020": (
        "văn bản chứa ký tự điều khiển {char}; hãy xóa ký tự này",
        "the text holds the control character {char}; delete it",
    ),
    "PM021": (
        "văn bản chứa ký tự đổi chiều {char}, có thể che giấu nội dung thật; hãy xóa ký tự này",
        "the text holds the bidirectional control {char}, which can disguise what it says; "
        "delete it",
    ),
    "PM012": (
        "số có chữ số 0 ở đầu: {value!r} (YAML 1.1 đọc là số bát phân); viết {plain}",
        "a number with a leading zero: {value!r} (YAML 1.1 reads it as octal); write {plain}",
    ),
    "PM013": (
        "dòng {row} có một ô dài hơn {limit} ký tự (dấu ngoặc kép chưa đóng?)",
        "line {row} has a cell longer than {limit} characters (a quote left open?)",
    ),
    "PM014": (
        "ngày {value} nằm ngoài khoảng {first}–{last}",
        "the date {value} lies outside {first}–{last}",
    ),
    "PM015": (
        "CSV không đọc được ở dòng {row}: {reason_vi}",
        "cannot read the CSV at line {row}: {reason_en}",
    ),
    # Numbers as a person writes them (plan/convert.number_form): PM in a metrics file,
    # PC in a plan.
    "PM022": (
        "{value!r} không phải số thập phân mà là số hệ {base} (bằng {reading}); "
        "viết số thập phân, ví dụ {reading}",
        "{value!r} is not a decimal number but a base-{base} one ({reading}); "
        "write a decimal number, e.g. {reading}",
    ),
    "PM023": (
        "{value!r} có dấu gạch dưới giữa các chữ số; viết {plain}",
        "{value!r} has underscores between its digits; write {plain}",
    ),
    "PM024": (
        "{value!r} là từ có/không, không phải số; viết một con số (ví dụ 0)",
        "{value!r} is a yes/no word, not a number; write a number (e.g. 0)",
    ),
    "PM025": (
        "{value!r} không phải số hữu hạn; viết một con số, hoặc để trống nếu chưa có số liệu",
        "{value!r} is not a finite number; write a number, or leave it blank when there is "
        "no figure yet",
    ),
    "PM026": (
        "{id!r} đếm {unit}: cần số nguyên từ 0 trở lên, gặp {value}",
        "{id!r} counts {unit}: a whole number of 0 or more is needed, found {value}",
    ),
    "PM027": (
        "{id!r} có văn bản {evidence!r} nhưng thiếu ngày hoàn thành; điền ngày hoàn thành "
        "(dd/mm/yyyy), hoặc xóa văn bản nếu việc chưa xong",
        "{id!r} gives the document {evidence!r} but no done date; fill in done: YYYY-MM-DD, "
        "or remove the document if it is not done yet",
    ),
    "PM028": (
        "{id!r} ngày {day} có hai giá trị khác nhau: {value} ở đây; {other_value} ở {other}{hint}",
        "{id!r} on {day} has two different values: {value} here; {other_value} at {other}{hint}",
    ),
    "PM029": (
        "{id!r} ngày {day} đã có ở dòng {first}; mỗi tiêu chí một dòng mỗi ngày (chỉ việc "
        "định kỳ mới được ghi mỗi lần nộp một dòng)",
        "{id!r} for {day} is already on line {first}; one row per check and day (only a "
        "recurring duty may take a row per submission)",
    ),
    "PM030": (
        "{field} {day} sau ngày số liệu {as_of} của tệp: số liệu ngày {as_of} chưa thể có "
        "việc của ngày sau",
        "{field} {day} is after the file's as_of {as_of}: figures of {as_of} cannot hold "
        "what happened later",
    ),
    "PM031": (
        "sự kiện hoàn thành ({done}) trước khi bắt đầu ({start}); kiểm tra lại hai ngày",
        "the event is done ({done}) before it starts ({start}); check both dates",
    ),
    "PM032": (
        "{value!r} không rõ: dấu chấm, phẩy trước ba chữ số có thể là phân cách hàng nghìn "
        "({thousands}) hoặc dấu thập phân ({decimal}); hãy viết {thousands} hoặc {decimal}",
        "{value!r} is ambiguous: a point or comma before three digits may separate thousands "
        "({thousands}) or decimals ({decimal}); write {thousands} or {decimal}",
    ),
    "PM033": (
        "sự kiện bắt đầu {start} đã có ở mục thứ {first} của danh sách, với nội dung khác; "
        "mỗi sự kiện ghi một lần (hai sự kiện cùng giờ bắt đầu thì ghi ref để phân biệt)",
        "the event that starts {start} is already item {first} of the list, told otherwise; "
        "write each event once (two events that start together need a ref each)",
    ),
    "PM034": (
        "cần một đoạn văn bản, không phải danh sách hay bảng",
        "a text is needed here, not a list or a mapping",
    ),
    "PM040": (
        "tệp CSV không phải UTF-8 ({reason}): trong Excel chọn Tệp > Lưu thành, loại tệp"
        ' "CSV UTF-8 (Comma delimited) (*.csv)", rồi gửi lại',
        "the CSV file is not UTF-8 ({reason}): in Excel choose File > Save As >"
        ' "CSV UTF-8 (Comma delimited) (*.csv)" and send it again',
    ),
    # CSV rows (figures/csv.py) and snapshots read together (figures/read.py)
    "PM041": (
        "{value!r} bị tách thành hai ô {whole!r} và {part!r} vì dấu phẩy là dấu phân cách "
        'các ô; đặt số trong ngoặc kép ("{value}"), viết {dotted}, hoặc dùng dấu chấm phẩy '
        "(;) giữa các ô",
        "{value!r} is split into two cells {whole!r} and {part!r} because the comma "
        'separates cells; quote the number ("{value}"), write {dotted}, or separate the '
        "cells with semicolons (;)",
    ),
    "PM042": (
        "ô thừa {value!r}: dòng có {found} ô, dòng tiêu đề chỉ có {width} cột; xóa ô này, "
        "hoặc đặt trong ngoặc kép một ô có dấu phân cách trong đó",
        "an extra cell {value!r}: the row has {found} cells, the header only {width} "
        "columns; delete it, or quote a cell that holds the separator",
    ),
    "PM043": (
        "dòng dừng sau {found} trong {width} cột của dòng tiêu đề nên thiếu {missing}; thêm "
        "các ô còn thiếu",
        "the row stops after {found} of the header's {width} columns, so {missing} is "
        "missing; add the missing cells",
    ),
    "PM044": (
        "{id!r} và {other!r} là một tiêu chí dùng chung; ngày {day} đã ghi ở dòng {first} "
        "dưới mã {other!r}; ghi tiêu chí này một lần mỗi ngày, dưới một trong hai mã",
        "{id!r} and {other!r} are one shared check; for {day} it is already on line {first} "
        "as {other!r}; write it once a day, under either id",
    ),
    "PM045": (
        "{id}: ngày hoàn thành sửa từ {old} ({other}) thành {new} ({here}); coi là đính "
        "chính: từ ngày số liệu {as_of}, tính ngày {new}",
        "{id}: the done date is changed from {old} ({other}) to {new} ({here}); taken as a "
        "correction: from the as_of {as_of} on, {new} counts",
    ),
    "PM046": (
        "{id!r} và {other!r} là một tiêu chí dùng chung; ngày {day} đã ghi ở ô {first} dưới "
        "mã {other!r}; ghi tiêu chí này một lần mỗi ngày, dưới một trong hai mã",
        "{id!r} and {other!r} are one shared check; for {day} it is already at {first} as "
        "{other!r}; write it once a day, under either id",
    ),
    # Excel workbooks (figures/excel.py)
    "PM050": (
        "không đọc được tệp {ext}; mở tệp trong Excel hoặc LibreOffice và lưu thành .xlsx "
        "(Excel Workbook)",
        "{ext} files are not read; open the file in Excel or LibreOffice and save it as .xlsx "
        "(Excel Workbook)",
    ),
    "PM051": (
        "không đọc được bảng tính Excel: tệp hỏng hoặc không phải .xlsx; mở tệp trong Excel "
        "hoặc LibreOffice, lưu lại thành .xlsx rồi thử lại",
        "cannot read the Excel workbook: the file is damaged or not an .xlsx; open it in "
        "Excel or LibreOffice, save it again as .xlsx and retry",
    ),
    "PM052": (
        "bảng tính giải nén ra {size} MB, quá giới hạn {limit} MB (hoặc quá nhiều tệp bên "
        "trong): không đọc",
        "the workbook unpacks to {size} MB, more than the {limit} MB limit (or holds too "
        "many files): not read",
    ),
    "PM053": (
        "không có trang nào có dòng tiêu đề Mã, Giá trị, Ngày số liệu (hoặc Mã, Bắt đầu, "
        "Hoàn thành cho sự kiện)",
        "no sheet has the header row check, value, as_of (or check, start, done for events)",
    ),
    "PM054": (
        "trang {sheet!r} có {found} dòng có dữ liệu (dòng cuối đến ô {last}), hơn giới hạn "
        "{limit} dòng: không đọc; xóa các dòng thừa hoặc chia số liệu ra nhiều tệp",
        "sheet {sheet!r} has {found} rows holding data (the last reaching {last}), more than "
        "the limit of {limit} rows: not read; delete the rows not needed or split the "
        "figures into several files",
    ),
    "PM055": (
        "thiếu ngày số liệu của dòng này (cột Ngày số liệu)",
        "this row's as_of (Ngày số liệu) is missing",
    ),
    "PM056": (
        "{id!r} ngày {day} đã có ở ô {first}; mỗi tiêu chí một dòng mỗi ngày (chỉ việc định "
        "kỳ mới được ghi mỗi lần nộp một dòng)",
        "{id!r} for {day} is already at {first}; one row per check and day (only a "
        "recurring duty may take a row per submission)",
    ),
    "PM057": (
        "{id!r} là tiêu chí {kind_vi}, không phải sự kiện; ghi nó ở trang Giá trị",
        "{id!r} is a {kind} check, not an event one; write it on the values sheet",
    ),
    "PM058": (
        "{id!r} là tiêu chí sự kiện; ghi mỗi sự kiện một dòng ở trang Sự kiện (Mã, Bắt đầu, "
        "Hoàn thành), hoặc ghi «không có» (hay 0) ở ô này nếu chưa có sự kiện nào",
        "{id!r} is an event check; write each event as a row of the events sheet (check, "
        "start, done), or write «không có» (or 0) in this cell if there has been none",
    ),
    "PM059": (
        "bảng tính có hơn {limit} ô (hoặc chuỗi) trong các trang: không đọc",
        "the workbook holds more than {limit} cells (or strings) in its sheets: not read",
    ),
    "PM060": (
        "ô có công thức nhưng chưa có kết quả được lưu (tệp do chương trình tạo, chưa mở "
        "bằng Excel): mở tệp trong Excel hoặc LibreOffice rồi lưu lại, hoặc gõ thẳng giá trị",
        "the cell holds a formula with no saved result (the file was made by a program and "
        "never opened in Excel): open the file in Excel or LibreOffice and save it, or type "
        "the value",
    ),
    "PM061": (
        "ngày {day} không hợp lệ: ô định dạng ngày đang chứa số {serial}, không phải một ngày "
        "(ô trống hay số 0 định dạng ngày?); gõ ngày dạng dd/mm/yyyy, ví dụ 20/11/2024",
        "the date {day} is not valid: the date-formatted cell holds the number {serial}, not "
        "a date (a blank cell or a 0 formatted as a date?); type the date as dd/mm/yyyy, "
        "e.g. 20/11/2024",
    ),
    "PM062": (
        "ngày {day} không hợp lệ: ngày trong bảng tính phải từ {first} đến {last}; kiểm tra "
        "lại năm (số 2024 gõ vào ô định dạng ngày hiện thành 16/07/1905)",
        "the date {day} is not valid: a workbook's dates lie in {first}–{last}; check the "
        "year (2024 typed into a date-formatted cell shows as 16/07/1905)",
    ),
    "PM063": (
        "ô chứa số {value}, không phải ngày: định dạng ô là ngày (dd/mm/yyyy) rồi gõ lại, "
        "hoặc gõ ngày dạng 20/11/2024",
        "the cell holds the number {value}, not a date: format the cell as a date "
        "(dd/mm/yyyy) and type it again, or type the date as 20/11/2024",
    ),
    "PM064": (
        "bảng tính có mật khẩu (đã mã hóa) nên không đọc được: mở tệp trong Excel, chọn Tệp "
        "→ Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại",
        "the workbook is password-protected (encrypted) and cannot be read: open it in "
        "Excel, choose File → Info → Protect Workbook → Encrypt with Password, clear the "
        "password and save it again",
    ),
    "PM065": (
        "trang tính ẩn {sheet!r} cũng được đọc (nó có dòng tiêu đề số liệu); nếu số liệu "
        "trong đó không còn dùng, xóa trang đi",
        "the hidden sheet {sheet!r} is read too (it has a figures header row); if its "
        "figures are not meant, delete the sheet",
    ),
    "PM066": (
        "ô gộp {range}: chỉ ô đầu giữ giá trị, các ô còn lại bị đọc là trống; tách ô (bỏ "
        "gộp ô) rồi ghi từng giá trị",
        "merged cells {range}: only the first cell keeps a value, the others read as blank; "
        "unmerge the cells and write each value",
    ),
    "PM067": (
        "{id!r} ngày {day}: ô {first} ghi không có sự kiện nhưng trang Sự kiện có sự kiện "
        "của tiêu chí này; xóa «không có» hoặc các sự kiện",
        "{id!r} for {day}: the cell {first} says there has been no event but the events "
        "sheet lists some; clear one or the other",
    ),
    "PM068": (
        "{id!r} cần một con số nhưng ô định dạng ngày (hiện {day}): đổi định dạng ô thành "
        "Số (Number) rồi gõ lại con số",
        "{id!r} needs a number but the cell is formatted as a date (shown as {day}): "
        "format the cell as a Number and type the figure again",
    ),
    "PM069": (
        "ô đang báo lỗi {value}: sửa công thức của ô hoặc gõ thẳng giá trị (số quá lớn trong "
        "ô định dạng ngày cũng hiện #VALUE!)",
        "the cell shows the error {value}: fix its formula or type the value (a number too "
        "large for a date-formatted cell shows #VALUE! too)",
    ),
    # What a person writes otherwise than meant (figures/values.py, figures/csv.py)
    "PM070": (
        "{id!r} là tiêu chí sự kiện, gặp {value}: sự kiện ghi ở YAML hoặc trang «Sự kiện» "
        "của bảng tính; trong CSV chỉ ghi «không có» (hoặc 0) nếu chưa có sự kiện nào, "
        "hoặc để trống",
        "{id!r} is an event check, found {value}: events are written in YAML or on the "
        "workbook's «Sự kiện» (events) sheet; in a CSV write only «không có» (or 0) when "
        "there has been none, or leave it blank",
    ),
    "PM071": (
        "{value} — có phải {percent} %? Định dạng ô là phần trăm hoặc ghi {percent} (nếu "
        "đúng là {value} %, ghi {value}%)",
        "{value} — is it {percent} %? Format the cell as a percentage or write {percent} "
        "(if it is {value} %, write {value}%)",
    ),
    "PM072": (
        "không đọc được các ngày nộp {value}: ghi mỗi lần nộp một ngày (dd/mm/yyyy), các "
        "ngày cách nhau bằng dấu chấm phẩy (;), ví dụ 08/11/2024; 15/11/2024",
        "cannot read the submission days {value}: write each submission as a date "
        "(dd/mm/yyyy), the dates separated by semicolons (;), e.g. 08/11/2024; 15/11/2024",
    ),
    "PM073": (
        "tệp CSV UTF-16 bị cắt cụt hoặc hỏng (byte {offset} của tệp): lưu lại tệp từ Excel "
        '(Tệp > Lưu thành, loại tệp "CSV UTF-8 (Comma delimited) (*.csv)") rồi gửi lại',
        "the UTF-16 CSV file is cut short or damaged (at byte {offset} of the file): save it "
        'again from Excel (File > Save As, "CSV UTF-8 (Comma delimited) (*.csv)") and send '
        "it again",
    ),
    "PM075": (
        "dòng có {what} nhưng thiếu mã tiêu chí: ghi mã vào cột {column}",
        "the row has {what} but no check id: write the id in the column {column}",
    ),
    "PM074": (
        "sự kiện bắt đầu {start}{ref} trước ngày {begins}, ngày kế hoạch bắt đầu áp dụng cho "
        "{id}, nên không được tính; nếu ngày ghi nhầm (đảo ngày và tháng?), hãy sửa lại",
        "the event starting {start}{ref} is before {begins}, when the plan begins to apply to "
        "{id}, so it is not counted; if the date is a slip (day and month swapped?), "
        "correct it",
    ),
    "PM076": (
        "sự kiện bắt đầu {start} đã có ở ô {first}, với nội dung khác; mỗi sự kiện ghi một "
        "dòng (hai sự kiện cùng giờ bắt đầu thì ghi số văn bản ở cột «Văn bản» để phân biệt)",
        "the event that starts {start} is already at {first}, told otherwise; write each "
        "event on one row (two events that start together need each its document number in "
        "the column «Văn bản»)",
    ),
    "PM077": (
        "{id}: ngày nộp {days} trước ngày {begins}, ngày kế hoạch bắt đầu áp dụng cho tiêu "
        "chí này; nếu ngày ghi nhầm (đảo ngày và tháng? sai năm?), hãy sửa lại",
        "{id}: the submission day {days} is before {begins}, when the plan begins to apply "
        "to this check; if the date is a slip (day and month swapped? the wrong year?), "
        "correct it",
    ),
    "PM079": (
        "dòng ẩn {rows} của trang {sheet!r} cũng được đọc; nếu số liệu trong đó không còn "
        "dùng, xóa các dòng này (bỏ ẩn để xem: chọn các dòng, nhấp phải, Bỏ ẩn)",
        "the hidden rows {rows} of the sheet {sheet!r} are read too; if their figures are "
        "not meant, delete the rows (to see them: select the rows, right-click, Unhide)",
    ),
    "PC062": (
        "số có chữ số 0 ở đầu: {value!r} (YAML 1.1 đọc là số bát phân); viết {plain}",
        "a number with a leading zero: {value!r} (YAML 1.1 reads it as octal); write {plain}",
    ),
    "PC063": (
        "{value!r} không phải số thập phân mà là số hệ {base} (bằng {reading}); "
        "viết số thập phân, ví dụ {reading}",
        "{value!r} is not a decimal number but a base-{base} one ({reading}); "
        "write a decimal number, e.g. {reading}",
    ),
    "PC064": (
        "{value!r} có dấu gạch dưới giữa các chữ số; viết {plain}",
        "{value!r} has underscores between its digits; write {plain}",
    ),
    "PC065": (
        "{value!r} là từ có/không, không phải số; viết một con số",
        "{value!r} is a yes/no word, not a number; write a number",
    ),
    "PC066": (
        "{value!r} không phải số hữu hạn; viết một con số",
        "{value!r} is not a finite number; write a number",
    ),
    "PC077": (
        "{value!r} không rõ: dấu chấm, phẩy trước ba chữ số có thể là phân cách hàng nghìn "
        "({thousands}) hoặc dấu thập phân ({decimal}); hãy viết {thousands} hoặc {decimal}",
        "{value!r} is ambiguous: a point or comma before three digits may separate thousands "
        "({thousands}) or decimals ({decimal}); write {thousands} or {decimal}",
    ),
    "PC067": (
        "chỉ tiêu đếm {unit} phải là số nguyên từ 0 trở lên, gặp {value}",
        "a target that counts {unit} must be a whole number of 0 or more, found {value}",
    ),
    # the one-stop-shop export (`parcheck dossiers`): a file that cannot be read at all
    "PD001": (
        "không đọc được tệp dạng {suffix}: hãy lưu thành .xlsx hoặc CSV UTF-8",
        "cannot read a {suffix} file: save it as .xlsx or CSV UTF-8",
    ),
    "PD002": (
        "tệp không phải UTF-8 ({reason}): trong Excel chọn Lưu thành › CSV UTF-8",
        "the file is not UTF-8 ({reason}): in Excel choose Save As › CSV UTF-8",
    ),
    "PD003": (
        "thiếu cột bắt buộc: {missing} (các cột có: {found}); cột mang tên khác thì chỉ ra "
        "bằng --columns",
        "required column missing: {missing} (columns found: {found}); name other headers "
        "with --columns",
    ),
    "PD004": (
        "hai cột cùng là {field!r}: {first!r} và {second!r}; hãy đổi tên một cột hoặc chỉ "
        "rõ bằng --columns",
        "two columns are both {field!r}: {first!r} and {second!r}; rename one or say which "
        "with --columns",
    ),
    "PD005": ("tệp không có dòng tiêu đề", "the file has no header row"),
    "PD006": (
        "các dòng kết thúc bằng CR (kiểu Mac cũ): hãy lưu lại thành CSV UTF-8",
        "lines end in CR only (old Mac style): save the file again as CSV UTF-8",
    ),
    "PD007": (
        "dòng đầu dài hơn {limit} MB: không phải tệp CSV xuất từ phần mềm một cửa",
        "the first line is longer than {limit} MB: not a CSV export of the one-stop shop",
    ),
    "PD008": ("không đọc được CSV: {reason}", "cannot read the CSV: {reason}"),
    "PD009": (
        "không đọc được bảng tính .xlsx (tệp hỏng, có mật khẩu hoặc định dạng khác): hãy "
        "mở rồi lưu lại bằng Excel",
        "cannot read the .xlsx workbook (damaged, password-protected or another format): "
        "open it and save it again in Excel",
    ),
    "PD010": (
        "--columns: {name!r} không phải cột nào của tệp xuất (các cột: {fields})",
        "--columns: {name!r} is no column of the export (the columns: {fields})",
    ),
    "PD011": (
        "--columns: cần ánh xạ tên cột → tiêu đề trong tệp (Mã hồ sơ: Số hồ sơ), gặp {found_vi}",
        "--columns: expected a mapping of column → header in the file (Mã hồ sơ: Số hồ sơ), "
        "found {found_en}",
    ),
    "PD012": (
        "--columns: cột {field!r} được ánh xạ hai lần",
        "--columns: the column {field!r} is mapped twice",
    ),
    "PD013": (
        "dấu ngoặc kép mở ô ở đây không được đóng: phần còn lại của tệp thành một ô",
        "the quote that opens a cell here is never closed: the rest of the file would be one cell",
    ),
    "PD014": (
        "dòng tiêu đề có {found} cột, quá {limit}: không phải tệp xuất của phần mềm một cửa",
        "the header row has {found} columns, more than {limit}: not a one-stop-shop export",
    ),
    # a row of the export that is not counted (listed with its row, never dropped)
    "PD020": ("thiếu {field}", "{field} missing"),
    "PD021": (
        "{field}: {value!r} không phải ngày (dd/mm/yyyy [HH:MM[:SS]] hoặc yyyy-mm-dd)",
        "{field}: {value!r} is not a date (dd/mm/yyyy [HH:MM[:SS]] or yyyy-mm-dd)",
    ),
    "PD022": (
        "{field}: {value!r} có năm ngoài khoảng 2000–2100",
        "{field}: {value!r} has a year outside 2000–2100",
    ),
    "PD023": (
        "kênh nộp {value!r} không rõ (Trực tuyến, Trực tiếp, Bưu chính công ích hoặc 2, 1, 3)",
        "unknown channel {value!r} (Trực tuyến, Trực tiếp, Bưu chính công ích or 2, 1, 3)",
    ),
    "PD024": (
        "mã hồ sơ {value!r} trùng với dòng {first}{where}",
        "the dossier code {value!r} is also on row {first}{where}",
    ),
    "PD025": (
        "ngày có kết quả {value} trước ngày nộp",
        "finished on {value}, before it was submitted",
    ),
    "PD026": (
        "ngày tiếp nhận {value} trước ngày nộp",
        "accepted on {value}, before it was submitted",
    ),
    "PD027": (
        "số lần yêu cầu bổ sung {value!r} không phải số nguyên từ 0 trở lên",
        "the number of supplement requests {value!r} is not a whole number of 0 or more",
    ),
    "PD028": (
        "nộp sau ngày tính {as_of} ({value})",
        "submitted after the as-of date {as_of} ({value})",
    ),
    "PD029": (
        "{field}: {value!r} không phải Có hoặc Không",
        "{field}: {value!r} is not Có or Không (yes or no)",
    ),
}

# A check's kind as a Vietnamese message says it (`là tiêu chí định kỳ`); an English one
# says the kind's own name (`recurring`), as the plan file and JSON do.
KIND_WORDS = {
    "threshold": "chỉ tiêu",
    "deliverable": "sản phẩm",
    "recurring": "định kỳ",
    "event": "sự kiện",
    "shared": "dùng chung",
}


def kind_words(kind: str) -> dict[str, str]:
    """The parameters `kind` (English) and `kind_vi` that name a check's kind."""
    return {"kind": kind, "kind_vi": KIND_WORDS.get(kind, kind)}


_SHAPES = {
    "dict": ("một ánh xạ (khóa: giá trị)", "a mapping"),
    "mapping": ("một ánh xạ (khóa: giá trị)", "a mapping"),
    "list": ("một danh sách", "a list"),
    "str": ("một dòng chữ", "a text"),
    "int": ("một số", "a number"),
    "float": ("một số", "a number"),
    "bool": ("một giá trị đúng/sai", "a true/false value"),
    "NoneType": ("một ô trống", "nothing"),
    "date": ("một ngày", "a date"),
}


def shape_words(kind: str) -> dict[str, str]:
    """The parameters `found_vi` and `found_en` that name a YAML value's shape in words,
    never a Python type name ("list", "NoneType")."""
    vi, en = _SHAPES.get(kind, ("một giá trị khác", "another value"))
    return {"found_vi": vi, "found_en": en}


# How much of a value a person wrote a message echoes: a 32,000-character cell is cut.
ECHO = 40


def clip(raw: object, limit: int = ECHO) -> str:
    """Text a person wrote, as a message echoes it: at most `limit` characters, a cut one
    ending in `…`. Every echo of a file's text in a message goes through it."""
    text = str(raw)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_raw(raw: object) -> str:
    """A value as written in a file, for a message: text in quotes as written (cut, never a
    Python repr with its escapes), dates as dd/mm/yyyy, a date and time as dd/mm/yyyy
    hh:mm (a workbook's date cell as its day and time), lists in brackets, never
    `datetime.date(2024, 11, 20)`."""
    import datetime as dt

    moment = getattr(raw, "moment", raw)  # a workbook's date cell knows the moment it holds
    if isinstance(moment, dt.datetime):
        if moment.time() == dt.time.min:
            return moment.strftime("%d/%m/%Y")
        return moment.strftime("%d/%m/%Y %H:%M")
    if isinstance(moment, dt.date):
        return moment.strftime("%d/%m/%Y")
    if isinstance(moment, dt.time):
        return moment.strftime("%H:%M")
    if isinstance(raw, list):
        return clip("[" + ", ".join(shown_raw(item) for item in raw) + "]")
    if isinstance(raw, dict):
        return clip("{" + ", ".join(f"{k}: {shown_raw(v)}" for k, v in raw.items()) + "}")
    return f"'{clip(raw)}'" if isinstance(raw, str) else clip(raw)


class Words(str):
    """A message's parameter told in both languages: the Vietnamese text (the string
    itself) and `en`. `Problem.message` takes the one of its language; adding text to it
    adds to both."""

    en: str

    def __new__(cls, vi: str, en: str) -> Words:
        made = super().__new__(cls, vi)
        made.en = en
        return made

    def __add__(self, other: str) -> Words:
        return Words(str(self) + str(other), self.en + _english(other))

    def __radd__(self, other: str) -> Words:
        return Words(str(other) + str(self), _english(other) + self.en)

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.en


def _english(text: str) -> str:
    return text.en if isinstance(text, Words) else str(text)


def count_words(count: int) -> Words:
    """A count as a message shows it: `100.000` in Vietnamese, `100,000` in English."""
    return Words(f"{count:,}".replace(",", "."), f"{count:,}")


def number_words(value: float) -> Words:
    """A number as a message shows it: `96,5` in Vietnamese, `96.5` in English, `150`
    (never `150.0` or `-0.0`). The number is finite."""
    value += 0.0  # -0 is 0
    text = str(int(value)) if value == int(value) else repr(value)
    return Words(text.replace(".", ","), text)


# The fields of a metrics file a message names, in words (Vietnamese) and as the key
# (English): PM007 "thiếu ngày bắt đầu", PM030 "ngày hoàn thành 10/12/2024 sau …".
FIELD_WORDS = {
    "done": "ngày hoàn thành",
    "start": "ngày bắt đầu",
    "as_of": "ngày số liệu",
    "evidence": "văn bản",
    "ref": "văn bản",
    "note": "ghi chú",
    "check": "mã tiêu chí",
    "value": "giá trị",
    "values": "các giá trị (values)",
    "numerator": "tử số",
    "denominator": "mẫu số",
    "plan": "mã kế hoạch",
}
# the codes whose `field` is one of these, named in words
_FIELD_CODES = frozenset({"PM007", "PM030"})


def field_words(key: str, *, keyed: bool = False) -> Words:
    """The field `key` in words (`ngày bắt đầu`), its key after it with `keyed` (a YAML
    file's: `ngày bắt đầu (start)`); English names the key."""
    vi = FIELD_WORDS.get(key, key)
    if keyed and vi != key and f"({key})" not in vi:
        vi = f"{vi} ({key})"
    return Words(vi, key)


# A file that could not be read at all: the command cannot run on it (exit 2).
CANNOT_READ = frozenset({"PC001", "PC002", "PF001", "PF002"})


@dataclass(frozen=True)
class Problem:
    """One finding in one file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    cell: str = ""  # `Sheet!C7` in a workbook: shown instead of the line and column

    def message(self, lang: Lang = "vi") -> str:
        """The message on one line: a value it quotes (a file's text, an id, a YAML error)
        cannot break it or carry terminal controls (`safety.text.one_line`)."""
        vi, en = MESSAGES[self.code]
        params = dict(self.params)
        field_ = params.get("field")
        if self.code in _FIELD_CODES and isinstance(field_, str) and not isinstance(field_, Words):
            params["field"] = field_words(field_)
        for key, value in params.items():
            if isinstance(value, Words):
                params[key] = value.en if lang == "en" else str(value)
        return one_line((vi if lang == "vi" else en).format(**params))

    def where(self) -> str:
        """`path:line:column` (in a CSV the column where the cell at fault starts);
        `path:line` when the column is not known; `path:Sheet!C7` for a workbook's cell;
        `path` for the whole file."""
        if self.cell:
            return f"{self.path}:{self.cell}"
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path

    def render(self, lang: Lang = "vi") -> str:
        """`path:line:column: severity CODE message`, one line that no file name or value
        can break or turn into a CI workflow command (`safety.text.log_line`)."""
        return log_line(f"{self.where()}: {self.severity.value} {self.code} {self.message(lang)}")

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "cell": self.cell
            or None,  # a workbook's `Sheet!C7`: line and column are its row and column
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message(lang),
        }


# Problems reported for one file. A file may hold a million (as many unknown keys): past
# this many, the others are only counted, and one last problem says how many there were.
MAX_REPORTED = 100


class Later(NamedTuple):
    """A problem found, made (its position looked up, its message's parameters worked out)
    only if it is reported."""

    severity: Severity
    make: Callable[[], Problem]


class FileProblems:
    """The problems of one file as they are found: the first `MAX_REPORTED` are made, the
    others only counted, for one last problem (`code`: PC051 in a plan, PM017 in a metrics
    file) that says how many more there were; it is an error if one of them is."""

    def __init__(self, path: str, code: str) -> None:
        self.path = path
        self.code = code
        self.limit = MAX_REPORTED
        self.shown: list[Problem] = []
        self.more = 0
        self.more_errors = False

    def __bool__(self) -> bool:
        return bool(self.shown)

    def add(self, found: Problem | Later) -> None:
        if len(self.shown) < self.limit:
            self.shown.append(found if isinstance(found, Problem) else found.make())
        else:
            self.more += 1
            self.more_errors = self.more_errors or found.severity is Severity.ERROR

    def extend(self, found: Iterable[Problem | Later]) -> None:
        for item in found:
            self.add(item)

    def problems(self, *, ordered: bool = False) -> list[Problem]:
        """The problems made, in the order found (by position with `ordered`), then the
        count of the others."""
        out = sorted(self.shown, key=lambda p: (p.line, p.column)) if ordered else self.shown[:]
        if self.more:
            severity = Severity.ERROR if self.more_errors else Severity.WARNING
            params = {"more": self.more, "limit": self.limit}
            out.append(Problem(self.path, 0, 0, self.code, params, severity))
        return out


# the codes of the one problem that stands for those past the per-file cap
CAPPED = frozenset({"PC051", "PM017"})


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
