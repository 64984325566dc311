"""No English of a library in a Vietnamese message: PyYAML's syntax errors (PC010), dateutil's
RRULE errors (PC035), csv's (PM015) and pydantic's are said in Vietnamese, the library's
English kept for `--lang en`; a check's kind is said in Vietnamese words (PM002)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from parcheck.library_words import csv_reasons, yaml_reasons
from parcheck.plan import schema_errors
from tests.conftest import DATA, PLAN, RunCli

MINI = DATA / "plans" / "valid" / "minimal.yaml"
HEAD = "plan: kh2024\nas_of: 2024-11-25\nvalues:\n"


def _plan(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _metrics(tmp_path: Path, values: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + values, encoding="utf-8")
    return path


# (what a person wrote, where PyYAML stops, the Vietnamese, PyYAML's English)
METRICS_SYNTAX = [
    (
        "  VI.3 72.4\n  III.6: 98\n",
        "5:8",
        "không được có dấu hai chấm (:) ở đây: một giá trị có dấu hai chấm phải đặt trong "
        'ngoặc kép ("…"); nếu đây là một khóa, hãy kiểm tra thụt lề',
        "mapping values are not allowed in this context",
    ),
    (
        "  VI.3: 72.4\n\tIII.6: 98\n",
        "5:1",
        "gặp ký tự tab: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách",
        "while scanning a plain scalar found a tab character that violates indentation",
    ),
    (
        "  VI.3: 98\n  III.6\n",
        "6:1",
        "thiếu dấu hai chấm (:) sau khóa ở dòng 5, cột 3",
        "while scanning a simple key could not find expected ':'",
    ),
    (
        "  VI.3: 72.4\n  III.6: 98\n  - 1\n",
        "6:3",
        "ở đây cần một khóa (tên: giá trị) thẳng lề với các khóa của khối bắt đầu ở dòng 4, "
        "cột 3: hãy kiểm tra thụt lề, hoặc chữ thừa sau một giá trị trong ngoặc",
        "while parsing a block mapping did not find expected key",
    ),
    (
        "  VI.3: *x\n",
        "4:9",
        "tham chiếu (*tên) không ứng với neo (&tên) nào viết trước nó",
        "found undefined alias",
    ),
    (
        '  VI.3: {value: 72.4, note: "KBNN}\n  III.6: 98\n',
        "6:1",
        "dấu ngoặc mở ở dòng 4, cột 29 chưa được đóng: hãy thêm dấu ngoặc đóng ở cuối giá trị",
        "while scanning a quoted scalar found unexpected end of stream",
    ),
    (
        "  VI.3: {value: 72.4, note: KBNN\n  III.6: 98\n",
        "5:8",
        "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc nhọn (}) của ánh xạ mở ở dòng 4, cột 9",
        "while parsing a flow mapping did not find expected ',' or '}'",
    ),
    (
        '  II.3.b: {done: 2024-11-20, evidence: "123\\BC"}\n',
        "4:44",
        "sau dấu gạch ngược (\\) trong ngoặc kép là một mã thoát không có: hãy viết \\\\ cho "
        "một dấu \\, hoặc đặt giá trị trong ngoặc đơn ('…')",
        "while parsing a quoted scalar found unknown escape character",
    ),
]


@pytest.mark.parametrize(("values", "at", "vi", "en"), METRICS_SYNTAX)
def test_a_yaml_syntax_error_in_a_metrics_file_is_said_in_vietnamese(
    run_cli: RunCli, tmp_path: Path, values: str, at: str, vi: str, en: str
) -> None:
    path = _metrics(tmp_path, values)
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == f"{path}:{at}: error PC010 lỗi cú pháp YAML: {vi}"
    result = run_cli("status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert result.stderr == f"{path}:{at}: error PC010 lỗi cú pháp YAML: {vi}\n"
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", "en")
    assert result.stdout.splitlines()[1] == f"{path}:{at}: error PC010 invalid YAML: {en}"


PLAN_SYNTAX = [
    (
        'title: "Kế hoạch thử"',
        "title: Kế hoạch: năm 2024",
        "2:16",
        "không được có dấu hai chấm (:) ở đây: một giá trị có dấu hai chấm phải đặt trong "
        'ngoặc kép ("…"); nếu đây là một khóa, hãy kiểm tra thụt lề',
    ),
    (
        '  - {id: TTS, name: "Thanh tra Sở"}',
        '\t- {id: TTS, name: "Thanh tra Sở"}',
        "7:1",
        "gặp ký tự tab: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách",
    ),
    (
        "support: [TTS]",
        "support: [TTS",
        "26:15",
        "thiếu dấu phẩy (,) hoặc dấu đóng ngoặc vuông (]) của danh sách mở ở dòng 25, cột 18",
    ),
    (
        "year: 2024",
        "year: 2024\n---\nyear: 2025",
        "4:1",
        "tệp chỉ được có một tài liệu YAML: hãy xóa dòng --- thứ hai và phần sau nó, hoặc "
        "tách thành hai tệp",
    ),
    (
        'owner: "Sở Công Thương Khánh Hòa"',
        "owner: @SCT",
        "4:8",
        "ký tự '@' không thể mở đầu một giá trị: hãy đặt giá trị trong ngoặc kép (\"…\")",
    ),
]


@pytest.mark.parametrize(("old", "new", "at", "vi"), PLAN_SYNTAX)
def test_a_yaml_syntax_error_in_a_plan_is_said_in_vietnamese(
    run_cli: RunCli, tmp_path: Path, old: str, new: str, at: str, vi: str
) -> None:
    path = _plan(tmp_path, old, new)
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:{at}: error PC010 lỗi cú pháp YAML: {vi}"
    result = run_cli("status", "--plan", path, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert f"{path}:{at}: error PC010 lỗi cú pháp YAML: {vi}" in result.stderr
    english = run_cli("validate", path, "--lang", "en").stdout
    assert f"{path}:{at}: error PC010 invalid YAML: " in english
    assert "lỗi" not in english


def test_a_yaml_error_no_row_knows_is_quoted_after_a_vietnamese_lead() -> None:
    said = yaml_reasons("while doing something new found a thing never seen")
    assert said == {
        "reason_vi": '"while doing something new found a thing never seen"',
        "reason_en": "while doing something new found a thing never seen",
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a: 1\n\tb: 2\n",
        "a:\n  b: 1\n c: 2\n",
        "- a\n- b\nc\n",
        "a: *x\n",
        'a: "abc\nb: 1\n',
        "a: [1, 2\nb: 1\n",
        "a: {x: 1\nb: 1\n",
        'a: "C:\\d"\n',
        'a: "\\uZZZZ"\n',
        "a: & 1\n",
        "a:\n  - 1\n  b: 2\n",
        "a: 'x'y\n",
    ],
)
def test_the_pure_python_parsers_words_are_known_too(text: str) -> None:
    # without libyaml, PyYAML parses in Python, with words of its own ("mapping values are
    # not allowed here", "expected <block end>, but found '<scalar>'")
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=yaml.SafeLoader)
    exc = caught.value
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    said = yaml_reasons(english)
    assert not said["reason_vi"].startswith('"'), english
    assert said["reason_en"] == english


# (the rule as written, the Vietnamese, the English)
RULES = [
    (
        "FREQ=SOMETIMES",
        "FREQ=SOMETIMES không có; hãy chọn YEARLY, MONTHLY, WEEKLY hoặc DAILY",
        "invalid 'FREQ': SOMETIMES",
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAY=25;",
        "mỗi phần của RRULE phải có dạng TÊN=GIÁ_TRỊ, các phần ngăn nhau bằng dấu chấm phẩy "
        "(;) (thừa dấu ; hoặc thiếu dấu =?)",
        "each part of the rule is NAME=VALUE, the parts separated by semicolons (;) (a stray "
        "; or a missing =?)",
    ),
    (
        "BYMONTHDAY=25",
        "thiếu FREQ; hãy viết FREQ=YEARLY, MONTHLY, WEEKLY hoặc DAILY",
        "FREQ is missing; write FREQ=YEARLY, MONTHLY, WEEKLY or DAILY",
    ),
    (
        "FREQ=WEEKLY;BYDAY=T6",
        "BYDAY=T6 không hợp lệ; hãy viết các thứ MO, TU, WE, TH, FR, SA, SU, ngăn nhau bằng "
        "dấu phẩy, có thể kèm số thứ tự (ví dụ BYDAY=MO,FR hoặc BYDAY=-1FR)",
        "invalid 'BYDAY': T6",
    ),
    (
        "FREQ=MONTHLY;BYMONTHDAYS=25",
        "RRULE không có tham số BYMONTHDAYS; các tham số là FREQ, INTERVAL, COUNT, UNTIL, "
        "BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, WKST",
        "unknown parameter 'BYMONTHDAYS'",
    ),
    (
        "FREQ=MONTHLY;UNTIL=2024-13-45",
        "UNTIL=2024-13-45 không phải một ngày; hãy viết YYYYMMDD, ví dụ UNTIL=20241231",
        "invalid 'UNTIL': 2024-13-45",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=hai",
        "INTERVAL=HAI không hợp lệ; hãy viết một số nguyên, hoặc các số nguyên ngăn nhau bằng "
        "dấu phẩy",
        "invalid 'INTERVAL': HAI",
    ),
    (
        "FREQ=DAILY;COUNT=3;UNTIL=20241231",
        "không dùng cùng lúc COUNT và UNTIL (RFC 5545 không cho phép); hãy giữ một trong hai",
        "Using both 'count' and 'until' is inconsistent with RFC 5545 and has been deprecated "
        "in dateutil. Future versions will raise an error.",
    ),
    (
        "DTSTART:20240101 FREQ=DAILY",
        "không ghi DTSTART trong RRULE: ngày bắt đầu ghi ở trường start của tiêu chí",
        "DTSTART belongs in the check's `start`, not in the rule",
    ),
]


@pytest.mark.parametrize(("rule", "vi", "en"), RULES)
def test_an_rrule_dateutil_cannot_read_is_said_in_vietnamese(
    run_cli: RunCli, tmp_path: Path, rule: str, vi: str, en: str
) -> None:
    path = _plan(tmp_path, "rrule: FREQ=MONTHLY;BYMONTHDAY=25", f'rrule: "{rule}"')
    line = next(
        i
        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "rrule:" in text
    )
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}:20: error PC035 RRULE không hợp lệ: {vi}"
    )
    result = run_cli("validate", path, "--lang", "en")
    assert result.stdout.splitlines()[0] == f"{path}:{line}:20: error PC035 invalid RRULE: {en}"


def test_a_check_kind_is_said_in_vietnamese_words(run_cli: RunCli, tmp_path: Path) -> None:
    path = _metrics(tmp_path, "  I.2.b: 5\n  II.3.b: [2024-11-20]\n  III.2.b: 3\n")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:4] == [
        f"{path}:4:10: error PM002 giá trị của 'I.2.b' (tiêu chí định kỳ) không đúng dạng; "
        "cần {done: [YYYY-MM-DD, …]}",
        f"{path}:5:11: error PM002 giá trị của 'II.3.b' (tiêu chí sản phẩm) không đúng dạng; "
        'cần {done: YYYY-MM-DD, evidence: "123/BC-SCT"}',
        f"{path}:6:12: error PM002 giá trị của 'III.2.b' (tiêu chí sự kiện) không đúng dạng; "
        "cần {events: [{start: YYYY-MM-DD, done: YYYY-MM-DD, ref: …}, …]}",
    ]
    english = run_cli("validate", PLAN, "--metrics", path, "--lang", "en").stdout
    assert "the value of 'I.2.b' (recurring) has the wrong shape" in english
    csv = tmp_path / "m.csv"
    csv.write_text("check,value,as_of\nIII.2.b,3,2024-11-25\n", encoding="utf-8")
    result = run_cli("status", "--plan", PLAN, "--metrics", csv, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{csv}:2:9: error PM070 'III.2.b' là tiêu chí sự kiện")
    # `values:` itself not a mapping: no English word for it either
    path = tmp_path / "list.yaml"
    path.write_text(HEAD + "  - VI.3\n", encoding="utf-8")
    result = run_cli("validate", PLAN, "--metrics", path)
    assert result.stdout.splitlines()[1] == (
        f"{path}:4:3: error PM002 giá trị của 'values' (ánh xạ) không đúng dạng; cần "
        "{VI.3: 98.5, II.3: {done: YYYY-MM-DD}, …}"
    )


def test_a_plan_date_that_is_a_mapping_is_shown_as_written(run_cli: RunCli, tmp_path: Path) -> None:
    path = _plan(tmp_path, "due: 2024-11-29", "due: {a: 1}")
    result = run_cli("validate", path)
    assert "không phải ngày: {a: 1} (viết YYYY-MM-DD hoặc DD/MM/YYYY)" in result.stdout
    result = run_cli("validate", path, "--lang", "en")
    assert "not a date: {a: 1} (write YYYY-MM-DD or DD/MM/YYYY)" in result.stdout


def test_a_pydantic_error_no_row_knows_is_quoted_after_a_vietnamese_lead() -> None:
    error = {"type": "something_new", "loc": ("year",), "msg": "Input is new", "input": 1}
    assert schema_errors._vi(error) == 'giá trị không hợp lệ: "Input is new"'  # type: ignore[arg-type]
    error = {"type": "value_error", "loc": ("x",), "msg": "Value error, a new rule", "input": 1}
    assert schema_errors._vi(error) == 'giá trị không hợp lệ: "a new rule"'  # type: ignore[arg-type]


def test_what_csv_still_refuses_is_said_in_vietnamese() -> None:
    # csv's own errors (PM015): lines are read as LF and NUL is allowed, so few remain
    assert csv_reasons("line contains NUL")["reason_vi"] == "dòng có ký tự NUL (U+0000)"
    assert csv_reasons("',' expected after '\"'")["reason_vi"].startswith("sau dấu ngoặc kép")
    assert csv_reasons("something new") == {
        "reason_vi": '"something new"',
        "reason_en": "something new",
    }
