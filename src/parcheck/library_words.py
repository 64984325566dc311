"""What the libraries that read inputs say when they refuse one (PyYAML's syntax errors,
dateutil's RRULE errors, csv's), in Vietnamese: one table per library, each row a regular
expression on the library's English text → the Vietnamese (and the English, where the
library's own words are Python's: `not enough values to unpack`). A text no row knows is
shown in quotes after the Vietnamese lead of its message, never in place of it.

The English a message shows with `--lang en` stays the library's text (the one a search for
the error finds), unless a row gives its own."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass


@dataclass(frozen=True)
class Said:
    """One row: the English it recognises (searched for), and what it says instead. The
    texts may name the groups of `pattern` and the extra parameters the caller gives."""

    pattern: re.Pattern[str]
    vi: str
    en: str | None = None  # None: the library's English, as it is


def _table(*rows: tuple[str, ...]) -> tuple[Said, ...]:
    return tuple(Said(re.compile(row[0], re.DOTALL), *row[1:]) for row in rows)


class _Blank(dict[str, str]):
    """Parameters for `format_map`: a group that did not take part is left blank."""

    def __missing__(self, key: str) -> str:
        return ""


def reasons(table: tuple[Said, ...], english: str, **extra: str) -> dict[str, str]:
    """The parameters `reason_vi` and `reason_en` of a message about the library text
    `english`: the first row of `table` whose pattern it holds, else the text itself, in
    quotes in Vietnamese."""
    text = " ".join(english.split())
    for said in table:
        found = said.pattern.search(text)
        if found is None:
            continue
        params = _Blank(extra)
        params.update({k: v for k, v in found.groupdict().items() if v is not None})
        vi = string.Formatter().vformat(said.vi, (), params)
        en = string.Formatter().vformat(said.en, (), params) if said.en else text
        return {"reason_vi": vi, "reason_en": en}
    return {"reason_vi": f'"{text}"', "reason_en": text}


# ------------------------------------------------------------------------------ YAML
# PyYAML's errors, in both its parsers' words: libyaml's (the C parser parcheck uses) and
# the pure-Python one's. The English searched is "context problem" (`while scanning a
# quoted scalar found unexpected end of stream`); `{where}` is ` ở dòng 3, cột 4`: where
# the context began (the quote left open, the block the key belongs to), when that is not
# where the error is; `{char}` names the character at the error.

TAB = "gặp ký tự tab: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách"

YAML = _table(
    (r"found a tab character", TAB),
    (
        r"that cannot start any token",
        '{char} không thể mở đầu một giá trị: hãy đặt giá trị trong ngoặc kép ("…")',
    ),
    (
        r"mapping values are not allowed",
        "không được có dấu hai chấm (:) ở đây: một giá trị có dấu hai chấm phải đặt trong "
        'ngoặc kép ("…"); nếu đây là một khóa, hãy kiểm tra thụt lề',
    ),
    (
        r"sequence entries are not allowed",
        "không được có dấu gạch đầu dòng (-) ở đây: hãy kiểm tra thụt lề của danh sách",
    ),
    (
        r"mapping keys are not allowed",
        'không được có dấu hỏi (?) ở đây: hãy đặt giá trị trong ngoặc kép ("…")',
    ),
    (r"could not find expected ':'", "thiếu dấu hai chấm (:) sau khóa{where}"),
    (
        r"quoted scalar .*(unexpected end of stream|unexpected document indicator)",
        "dấu ngoặc mở{where} chưa được đóng: hãy thêm dấu ngoặc đóng ở cuối giá trị",
    ),
    (r"found unexpected end of stream", "tệp kết thúc khi một giá trị chưa viết xong{where}"),
    (
        r"block collection .*(did not find expected '-' indicator|expected <block end>)"
        r"|did not find expected '-' indicator",
        "ở đây cần một phần tử danh sách (- …) thẳng lề với các phần tử của danh sách bắt "
        "đầu{where}: hãy kiểm tra thụt lề",
    ),
    (
        r"did not find expected key|expected <block end>",
        "ở đây cần một khóa (tên: giá trị) thẳng lề với các khóa của khối bắt đầu{where}: "
        "hãy kiểm tra thụt lề, hoặc chữ thừa sau một giá trị trong ngoặc",
    ),
    (r"expected node content|expected the node content", "thiếu giá trị ở đây"),
    (
        r"expected ',' or '\]'",
        "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc vuông (]) của danh sách mở{where}",
    ),
    (
        r"expected ',' or '\}'",
        "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc nhọn (}}) của ánh xạ mở{where}",
    ),
    (
        r"found unknown escape character",
        "sau dấu gạch ngược (\\) trong ngoặc kép là một mã thoát không có: hãy viết \\\\ "
        "cho một dấu \\, hoặc đặt giá trị trong ngoặc đơn ('…')",
    ),
    (
        r"hexdecimal number|hexadecimal numbers",
        "mã thoát \\x, \\u hoặc \\U trong ngoặc kép cần các chữ số hệ 16",
    ),
    (
        r"invalid Unicode character escape code",
        "mã thoát Unicode trong ngoặc kép không ứng với ký tự nào",
    ),
    (
        r"found undefined alias",
        "tham chiếu (*tên) không ứng với neo (&tên) nào viết trước nó",
    ),
    (
        r"found duplicate anchor",
        "neo (&tên) được đặt hai lần (lần đầu{where}): mỗi neo cần một tên riêng",
    ),
    (
        r"expected a single document",
        "tệp chỉ được có một tài liệu YAML: hãy xóa dòng --- thứ hai và phần sau nó, "
        "hoặc tách thành hai tệp",
    ),
    (
        r"(anchor|alias) .*alphabetic or numeric",
        "tên neo (&) hoặc tham chiếu (*) phải là chữ hoặc số, viết liền sau dấu",
    ),
    (
        r"indentation indicator equal to 0",
        "chỉ số thụt lề của khối văn bản (| hoặc >) không được là 0",
    ),
    (
        r"comment or (a )?line break",
        "sau giá trị này chỉ được có chú thích (# …) hoặc xuống dòng",
    ),
    (r"undefined tag handle", "thẻ (!…!) dùng một tiền tố chưa khai báo"),
    (r"<document start>", "thiếu dòng --- mở đầu tài liệu sau các dòng chỉ thị %"),
    (
        r"directive",
        "dòng bắt đầu bằng % là một chỉ thị YAML viết sai: hãy xóa dòng này, hoặc đặt giá "
        'trị có % trong ngoặc kép ("…")',
    ),
    (r"(control|special) characters are not allowed", "{char}: YAML không cho phép ký tự này"),
    (r"scanning a tag|while parsing a tag", "thẻ YAML (!…) viết sai"),
)


def yaml_reasons(english: str, char: str = "", where: str = "") -> dict[str, str]:
    """`reason_vi` and `reason_en` of a YAML syntax error (PC010): `char` is the character
    at the error (tab is said as such), `where` the line and column its context began."""
    if char == "\t" and "cannot start any token" in english:
        return {"reason_vi": TAB, "reason_en": " ".join(english.split())}
    return reasons(YAML, english, char=_char(char), where=where)


def _char(char: str) -> str:
    """A character as a Vietnamese message names it: `ký tự '@'`, or its code point when it
    cannot be seen."""
    if not char:
        return "ký tự này"
    if len(char) > 1:  # already named: `U+FFFE`
        return char
    if char.isprintable() and not char.isspace():
        return f"ký tự '{char}'"
    return f"ký tự U+{ord(char[0]):04X}"


# ------------------------------------------------------------------------------ RRULE
# dateutil's rrulestr, and what Python says inside it (`FREQ=DAILY;` splits into a part
# without `=`), and the rules parcheck refuses itself (`recurrence._parse`).

_PARTS_VI = "mỗi phần của RRULE phải có dạng TÊN=GIÁ_TRỊ, các phần ngăn nhau bằng dấu chấm phẩy (;)"
_PARTS_EN = "each part of the rule is NAME=VALUE, the parts separated by semicolons (;)"
_WEEKDAYS = "MO, TU, WE, TH, FR, SA, SU"

RRULE = _table(
    (
        r"^invalid 'FREQ': ?(?P<value>.*)",
        "FREQ={value} không có; hãy chọn YEARLY, MONTHLY, WEEKLY hoặc DAILY",
    ),
    (
        r"^invalid 'UNTIL': ?(?P<value>.*)",
        "UNTIL={value} không phải một ngày; hãy viết YYYYMMDD, ví dụ UNTIL=20241231",
    ),
    (
        r"^invalid '(?P<name>BYDAY|BYWEEKDAY)': ?(?P<value>.*)",
        "{name}={value} không hợp lệ; hãy viết các thứ " + _WEEKDAYS + ", ngăn nhau bằng dấu "
        "phẩy, có thể kèm số thứ tự (ví dụ BYDAY=MO,FR hoặc BYDAY=-1FR)",
    ),
    (
        r"^invalid 'WKST': ?(?P<value>.*)",
        "WKST={value} không hợp lệ; hãy viết một thứ: " + _WEEKDAYS,
    ),
    (
        r"^invalid '(?P<name>[^']*)': ?(?P<value>.*)",
        "{name}={value} không hợp lệ; hãy viết một số nguyên, hoặc các số nguyên ngăn nhau "
        "bằng dấu phẩy",
    ),
    (
        r"^unknown parameter '(?P<name>[^']*)'",
        "RRULE không có tham số {name}; các tham số là FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
        "BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, WKST",
    ),
    (
        r"^unsupported property: ?(?P<name>.*)",
        "{name} không phải một phần của RRULE; chỉ viết một quy tắc dạng FREQ=…;…",
    ),
    (
        r"^unknown parameter name|^unsupported \w+ parm",
        "chỉ viết một quy tắc dạng FREQ=…;… (có thể mở đầu bằng RRULE:)",
    ),
    (r"^empty string|^empty property name", "RRULE trống"),
    (
        r"not enough values to unpack",
        _PARTS_VI + " (thừa dấu ; hoặc thiếu dấu =?)",
        _PARTS_EN + " (a stray ; or a missing =?)",
    ),
    (
        r"too many values to unpack",
        _PARTS_VI + " (thừa dấu = hoặc thiếu dấu ;?)",
        _PARTS_EN + " (a stray = or a missing ;?)",
    ),
    (
        r"required positional argument: 'freq'",
        "thiếu FREQ; hãy viết FREQ=YEARLY, MONTHLY, WEEKLY hoặc DAILY",
        "FREQ is missing; write FREQ=YEARLY, MONTHLY, WEEKLY or DAILY",
    ),
    (
        r"both 'count' and 'until'",
        "không dùng cùng lúc COUNT và UNTIL (RFC 5545 không cho phép); hãy giữ một trong hai",
    ),
    (
        r"bysetpos must be between",
        "BYSETPOS phải từ 1 đến 366 hoặc từ -366 đến -1",
    ),
    (
        r"UNTIL values must be specified in UTC",
        "UNTIL không được ghi theo giờ UTC: hãy bỏ giờ và chữ Z ở cuối (UNTIL=20241231); hạn "
        "tính theo ngày ở Việt Nam",
        "UNTIL must not be a UTC time: drop the time and the trailing Z (UNTIL=20241231); due days "
        "are Vietnam's days",
    ),
    (
        r"generates an empty set|Invalid combination of interval",
        "các phần BY… của RRULE (cùng INTERVAL) không bao giờ cho một ngày nào",
    ),
    (
        r"^DTSTART belongs",
        "không ghi DTSTART trong RRULE: ngày bắt đầu ghi ở trường start của tiêu chí",
    ),
    (
        r"^one RRULE only",
        "chỉ viết một quy tắc RRULE (không dùng RDATE, EXDATE hay EXRULE)",
    ),
    (r"^BYEASTER is not RFC 5545", "BYEASTER không thuộc RFC 5545; hãy bỏ nó"),
    (
        r"out of range|OverflowError|too large",
        "RRULE đi quá giới hạn của lịch (năm 9999)",
        "the rule runs past the end of the calendar (year 9999)",
    ),
)


def rrule_reasons(english: str) -> dict[str, str]:
    """`reason_vi` and `reason_en` of a rule that cannot be read (PC035)."""
    return reasons(RRULE, english)


# ------------------------------------------------------------------------------ CSV
# Python's csv reader: what it still refuses once lines are read as LF and NUL allowed.

CSV = _table(
    (r"line contains NUL", "dòng có ký tự NUL (U+0000)"),
    (
        r"new-line character seen in unquoted field",
        "ô không có ngoặc kép chứa ký tự xuống dòng",
    ),
    (
        r"expected after '\"'",
        'sau dấu ngoặc kép đóng một ô cần dấu phân cách: hãy viết "" cho một dấu ngoặc kép trong ô',
    ),
    (r"unexpected end of data", "tệp kết thúc khi một ô trong ngoặc kép chưa được đóng"),
)


def csv_reasons(english: str) -> dict[str, str]:
    """`reason_vi` and `reason_en` of a CSV record that cannot be read (PM015)."""
    return reasons(CSV, english)
