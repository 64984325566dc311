"""The words of typer's (click's) own help and option errors, in Vietnamese, and the English
of parcheck's option help. Imported only when help or an option error is shown: a run that
does its work pays nothing for it."""

from __future__ import annotations

import re

# click's fixed words, whole phrases inside a help page or an error: English → Vietnamese
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"^Usage: ", "Cách dùng: "),
    (r"^Try '(.+?)' for help\.", r"Xem '\1' để được trợ giúp."),
    (r"^Error: ", "Lỗi: "),
    (r"No such option: ", "không có tùy chọn "),
    (
        r"(\S+) is an option of the commands? (.+?): write it with the command, e\.g\. ",
        r"\1 là tùy chọn của lệnh \2: ghi kèm tên lệnh, ví dụ ",
    ),
    (r"No such command '(.+?)'\.", r"không có lệnh '\1'."),
    (r"\. Commands: ", ". Các lệnh: "),
    (r"Missing command\.", "thiếu tên lệnh."),
    (r"Missing argument '(.+?)'\. Choose from: (.+?)\.$", r"thiếu đối số, chọn một trong: \2."),
    (r"Missing argument '(.+?)'\.", r"thiếu đối số '\1'."),
    (r"Missing option '(.+?)'\.", r"thiếu tùy chọn '\1'."),
    (r"Missing parameter: (\S+)", r"thiếu tham số \1"),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", r"thừa đối số: \1"),
    (r"Choose from: ", "chọn một trong: "),
    (r"Option '(.+?)' requires an argument\.", r"tùy chọn '\1' cần một giá trị."),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"tùy chọn '\1' cần \2 giá trị."),
    (r"Option '(.+?)' does not take a value\.", r"tùy chọn '\1' không nhận giá trị."),
    (r" \(env var: '(.+?)'\)", r" (biến môi trường \1)"),
    (r"Invalid value for (.+?): ", r"giá trị không hợp lệ cho \1: "),
    (r"Invalid value: ", "giá trị không hợp lệ: "),
    (r"(\S+) is not one of (.+?)\.(?= |$)", r"\1 không phải một trong \2."),
    (r"(\S+) is not a valid (?:integer|int range)\.", r"\1 không phải số nguyên."),
    (r"(\S+) is not a valid float\.", r"\1 không phải một số."),
    (r"(\S+) is not a valid boolean\.", r"\1 không phải có/không."),
    (r"(\S+) is not in the range (.+?)\.", r"\1 nằm ngoài khoảng \2."),
    (r"x>=(\S+)", r"≥ \1"),
    # parcheck's own ValueErrors that a command turns into a bad value (BadParameter)
    (r"no working day within ten years", "không có ngày làm việc nào trong mười năm"),
    (r"no working hours within ten years", "không có giờ làm việc nào trong mười năm"),
    (r"x<=(\S+)", r"≤ \1"),
)
_COMPILED = tuple((re.compile(pattern, re.MULTILINE), vi) for pattern, vi in _PHRASES)


def _did_you_mean(match: re.Match[str]) -> str:
    return f"Có phải ý bạn là {match[1].replace(' or ', ' hoặc ')}?"


_DID_YOU_MEAN = re.compile(r"Did you mean (.+?)\?$", re.MULTILINE)

# click's English as parcheck shows it (in either language): a list of choices on the line
# of its message, not one a line; the options that are close to a misspelt one, and the
# choice close to a misspelt value, asked as a question
_CHOICES = re.compile(r"Choose from:((?:\n\t[^\n]*)+)")
_POSSIBLE = re.compile(r" \(Possible options: (.+?)\)$", re.MULTILINE)
_NOT_ONE_OF = re.compile(r"'([^'\n]*)' is not one of ((?:'[^'\n]*'(?:, )?)+)\.$", re.MULTILINE)


def _either(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def _closest_choice(match: re.Match[str]) -> str:
    import difflib

    choices = re.findall(r"'([^']*)'", match[2])
    close = difflib.get_close_matches(match[1].lower(), choices, n=1, cutoff=0.5)
    return match[0] + (f" Did you mean '{close[0]}'?" if close else "")


def plain(text: str) -> str:
    """typer's (click's) error `text` with every message on one line and its suggestion
    asked as a question: `No such option: --as-off. Did you mean --as-of?`, `'jsno' is not
    one of 'table', 'json', 'markdown'. Did you mean 'json'?`."""
    text = _CHOICES.sub(
        lambda m: "Choose from: " + ", ".join(w.strip(" \t,") for w in m[1].split("\n")[1:]) + ".",
        text,
    )
    text = _POSSIBLE.sub(lambda m: f". Did you mean {_either(m[1].split(', '))}?", text)
    return _NOT_ONE_OF.sub(_closest_choice, text)


def _unknown_unit(match: re.Match[str]) -> str:
    close = f" — có phải {match[2]}?" if match[2] else ""
    return f"không có đơn vị {match[1]} trong kế hoạch{close}"


_UNKNOWN_UNIT = re.compile(r"unknown unit ('.*?')(?: — (.+?)\?)?$", re.MULTILINE)

# headings, marks and typer's own option help
_WORDS = {
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Install completion for the current shell.": (
        "Cài tự hoàn thành lệnh (Tab) cho shell đang dùng."
    ),
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Hiện mã tự hoàn thành lệnh cho shell đang dùng, để chép hoặc tự cài."
    ),
    "required": "bắt buộc",
}
_MARKS = re.compile(r"(\[|; )(default|required|env var)(: )?")
_MARK_WORDS = {"default": "mặc định", "required": "bắt buộc", "env var": "biến môi trường"}


def vi(text: str) -> str:
    """`text` from typer (a help page, an error with its usage frame) in Vietnamese."""
    for pattern, words in _COMPILED:
        text = pattern.sub(words, text)
    text = _DID_YOU_MEAN.sub(_did_you_mean, text)
    return _UNKNOWN_UNIT.sub(_unknown_unit, text)


def vi_word(text: str) -> str:
    """A heading or an option's help from typer itself, in Vietnamese; others unchanged."""
    text = re.sub(r"x([<>])=(\S+?)\]", lambda m: ("≥ " if m[1] == ">" else "≤ ") + m[2] + "]", text)
    text = _WORDS.get(text, text)
    text = _MARKS.sub(lambda m: m[1] + _MARK_WORDS[m[2]] + (m[3] or ""), text)
    # a mark is wrapped whole: `[mặc định: section]` split after "mặc" reads as nonsense
    # (a line may break between its parts, after a ";")
    return _MARK.sub(lambda m: "; ".join(p.replace(" ", "\u00a0") for p in m[0].split("; ")), text)


_MARK = re.compile(r"\[(?:mặc định|bắt buộc|biến môi trường)[^\]]*\]")


# The placeholders of a help page. parcheck's own are written in Vietnamese in the commands
# (`metavar=`) and said in English under --lang en; click's own are English, said in
# Vietnamese by default. A choice (`<table|json|markdown>`) is what is typed: kept as it is.
METAVARS = {
    "TỆP": "FILE",
    "ĐƯỜNG_DẪN": "PATH",
    "NGÀY": "DATE",
    "THÁNG": "MONTH",
    "ĐƠN_VỊ": "UNIT",
    "MỤC": "SECTION",
    "KẾT_QUẢ": "STATUS",
    "SỐ_NGÀY": "DAYS",
    "TỆP_KẾ_HOẠCH": "PLAN",
    "TỆP_XUẤT": "EXPORT",
    "SỐ_HỒ_SƠ": "COUNT",
}
_CLICK_METAVARS = {"[OPTIONS]": "[TÙY_CHỌN]", "COMMAND [ARGS]...": "LỆNH [ĐỐI_SỐ]..."}
_METAVAR = re.compile(r"\b[^\W\d_a-z]+(?:_[^\W\d_a-z]+)*\b")


def usage_args(args: str, lang: str) -> str:
    """The placeholders after `parcheck status` in a usage line, in `lang`."""
    if lang == "en":
        return metavars_en(args)
    for english, vietnamese in _CLICK_METAVARS.items():
        args = args.replace(english, vietnamese)
    return args


def metavars_en(text: str) -> str:
    """parcheck's (Vietnamese) placeholders in `text` (`--plan TỆP`) in English."""
    return _METAVAR.sub(lambda m: METAVARS.get(m[0], m[0]), text)


# parcheck's own help (written in Vietnamese in the commands) → English for --lang en
EN: dict[str, str] = {
    "Ngày đầu (mặc định: 01/01 của năm kế hoạch).": "First day (default: 1 January of the plan).",
    "Ngày cuối (mặc định: 31/12 của năm kế hoạch).": (
        "Last day (default: 31 December of the plan)."
    ),
    "Chỉ các hạn của đơn vị này.": "Only this unit's deadlines.",
    "Ghi thêm tệp iCalendar cho Outlook/Google.": (
        "Also write an iCalendar file for Outlook/Google."
    ),
    (
        "Mọi hạn trong một khoảng theo thứ tự ngày, kể cả việc định "
        "kỳ; --ics xuất ra lịch (sự kiện cả ngày cho mỗi hạn, nhắc "
        "trước ba ngày làm việc)."
    ): (
        "Every deadline in a window in date order, recurring duties "
        "expanded; --ics exports them (an all-day event for each due "
        "day, a reminder three working days before)."
    ),
    "YYYY-MM hoặc MM/YYYY: báo cáo ngày 25 của tháng đó.": (
        "YYYY-MM or MM/YYYY: the report of the 25th of that month."
    ),
    "Báo cáo riêng của một đơn vị.": "One unit's own report.",
    "markdown hoặc terminal.": "markdown or terminal.",
    "Ghi ra tệp này (ghi trọn một lần).": "Write to this file (atomically).",
    "yaml, hoặc xlsx: bảng tính gửi các đơn vị (cần -o).": (
        "yaml, or xlsx: the workbook sent to the units (needs -o)."
    ),
    (
        "Bảng tính riêng của đơn vị này: các tiêu chí đơn vị tự báo cáo (xlsx, luôn"
        " bằng tiếng Việt)."
    ): (
        "This unit's own workbook: the checks it reports itself (xlsx, always in Vietnamese:"
        " it goes to the units)."
    ),
    (
        "Báo cáo tháng: việc đỏ trước, việc có nguy cơ cùng tốc độ "
        "cần đạt, việc đến hạn trong 30 ngày, đơn vị cần nhắc gửi số "
        "liệu, và từng chỉ tiêu theo tháng."
    ): (
        "The monthly gap report: red first, at risk with the pace "
        "needed, what falls due in 30 days, whom to chase for "
        "figures, and every threshold month by month."
    ),
    "Các tệp kế hoạch cần kiểm tra (mặc định: --plan, plans/kh2024.yaml).": (
        "Plan files to check (default: --plan, plans/kh2024.yaml)."
    ),
    "Tệp kế hoạch.": "Plan file.",
    "Tệp hoặc thư mục số liệu cần kiểm tra theo kế hoạch.": (
        "Metrics files or folders to check against the plan."
    ),
    "text, json hoặc github.": "text, json or github.",
    "Kiểm tra cấu trúc và nội dung tệp kế hoạch (và tệp số liệu); mã thoát 1 khi có lỗi.": (
        "Check plan files (and metrics files) for schema and meaning; exit 1 on problems."
    ),
    "Loại tệp: plan (kế hoạch) hoặc metrics (số liệu).": "Which file format: plan or metrics.",
    "In JSON Schema của tệp kế hoạch hoặc tệp số liệu.": (
        "Print the JSON Schema of plan files or metrics files."
    ),
    "Tệp hoặc thư mục số liệu (lặp lại được; mặc định metrics/).": (
        "Metrics file or folder (repeatable; default metrics/)."
    ),
    "Ngày xét, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay theo giờ Việt Nam).": (
        "Status date, YYYY-MM-DD or DD/MM/YYYY (default: today in Asia/Ho_Chi_Minh)."
    ),
    "Ngôn ngữ: vi hoặc en.": "Language: vi or en.",
    "Kiểm tra việc thực hiện Kế hoạch nâng cao Chỉ số CCHC (PAR Index).": (
        "Compliance checker for the PAR Index plan."
    ),
    "Hiện phiên bản rồi thoát.": "Show the version and exit.",
    "table, json hoặc markdown.": "table, json or markdown.",
    "Chỉ các nhiệm vụ đơn vị này chủ trì hoặc phối hợp.": (
        "Only tasks this unit leads or supports."
    ),
    "Chỉ mục này (VI).": "Only this section (VI).",
    (
        "Chỉ các chỉ tiêu có kết quả này: mã (not_met,overdue,…) hoặc nhãn (Quá hạn,…);"
        " lặp lại được."
    ): (
        "Only the checks with these verdicts: codes (not_met,overdue,…) or labels"
        " (Overdue,…); repeatable."
    ),
    "Coi là sắp đến hạn trong ngần này ngày.": "Due soon within this many days.",
    "Mã thoát 1 khi có đỏ, khi có vàng hoặc đỏ, hoặc không bao giờ.": (
        "Exit 1 on red, on yellow or red, or never."
    ),
    "Nhóm bảng theo mục hoặc theo đơn vị.": "Group the table by section or unit.",
    "Kết quả của mọi chỉ tiêu trong kế hoạch tại một ngày; mã thoát 1 khi chạm mức --fail-on.": (
        "A verdict for every check of the plan on a date; exit 1 when --fail-on is reached."
    ),
    "Tệp xuất từ phần mềm một cửa: CSV (UTF-8) hoặc .xlsx.": (
        "Exports of the one-stop-shop software: CSV (UTF-8) or .xlsx."
    ),
    (
        "Cách tính tỷ lệ đúng hạn: 766 (theo Quyết định 766/QĐ-TTg) hoặc finished (chỉ hồ sơ "
        "đã có kết quả và hồ sơ quá hạn chưa có kết quả)."
    ): (
        "How the on-time rate is counted: 766 (the Prime Minister's Decision 766) or "
        "finished (finished dossiers and overdue open ones only)."
    ),
    "Tệp YAML đặt tên cột khác: Mã hồ sơ: Số hồ sơ (mỗi dòng một cột).": (
        "A YAML file naming other headers, a column a line (ma_ho_so: Reference)."
    ),
    "Bảng và markdown: liệt kê tối đa ngần này hồ sơ mỗi mục.": (
        "Table and markdown: list at most this many dossiers a list."
    ),
    (
        "Ghi thêm tệp số liệu (YAML) cho status và report: III.6, III.5, III.4.b, III.4.c–e, "
        "I.4.b, kèm SHA-256 và số dòng của tệp xuất."
    ): (
        "Also write a metrics file (YAML) for status and report: III.6, III.5, III.4.b, "
        "III.4.c–e, I.4.b, stamped with the export's SHA-256 and row counts."
    ),
    "Tệp xuất của phần mềm một cửa: thêm phụ lục nêu các hồ sơ vi phạm (lặp lại được).": (
        "One-stop-shop exports: add an annex naming the offending dossiers (repeatable)."
    ),
    "Các chỉ số hồ sơ TTHC của kế hoạch tính từ tệp xuất của phần mềm một cửa.": (
        "The plan's dossier figures computed from the one-stop-shop export."
    ),
    "In mẫu số liệu cho một ngày: mọi mã chỉ tiêu với loại, mục tiêu và hạn.": (
        "Print a metrics skeleton for a date: every check id with its kind, target and due date."
    ),
}


_TAIL = re.compile(
    r"(.*?)((?:\s+\[(?:mặc định|default|required|bắt buộc|env var|biến môi trường)[^\]]*\])*)$",
    re.S,
)


def en(text: str) -> str:
    """parcheck's Vietnamese help `text` in English, where it has a translation; a short
    help cut with `...` (the list of commands) is cut in English too."""
    match = _TAIL.match(text)
    body, tail = (match.group(1), match.group(2)) if match else (text, "")
    body = " ".join(body.split())
    if body in EN:
        return EN[body] + tail
    if body.endswith("..."):
        for vi_text, en_text in EN.items():
            if vi_text.startswith(body[:-3]):
                first = en_text.split(". ")[0].split("; ")[0]
                return first if len(first) <= len(body) + 10 else first[: len(body) - 3] + "..."
    return text
