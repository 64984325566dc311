"""Help and option errors in Vietnamese by default, English with --lang en (anywhere on the
line) or PARCHECK_LANG=en; --version, -h; every message in both languages."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from parcheck.cli import COMMANDS
from parcheck.problems import MESSAGES
from tests.conftest import PLAN, RunCli

ENGLISH_FRAME = ("Usage:", "Try '", "Error:", "Options:", "Show this message")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_vietnamese_by_default(run_cli: RunCli, command: str) -> None:
    args = [command, "--help"] if command else ["--help"]
    result = run_cli(*args)
    assert result.exit_code == 0
    assert "Cách dùng: parcheck" in result.stdout
    assert "Tùy chọn:" in result.stdout
    assert "Hiện trợ giúp này rồi thoát." in result.stdout
    for word in ENGLISH_FRAME:
        assert word not in result.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_in_english_with_lang_en(run_cli: RunCli, command: str) -> None:
    args = [command, "-h", "--lang", "en"] if command else ["--lang", "en", "-h"]
    result = run_cli(*args)
    assert result.exit_code == 0
    assert "Usage: parcheck" in result.stdout
    assert "Options:" in result.stdout
    assert "Cách dùng" not in result.stdout
    assert "Tùy chọn" not in result.stdout


def test_status_help_words(run_cli: RunCli) -> None:
    vi = " ".join(run_cli("status", "-h").stdout.split())
    assert "Coi là sắp đến hạn trong ngần này ngày." in vi
    assert "[mặc định: 14; ≥ 0]" in vi
    en = " ".join(run_cli("--lang", "en", "status", "-h").stdout.split())
    assert "Due soon within this many days." in en
    assert "[default: 14" in en


OPTION_ERRORS = [
    (["status", "--nope"], "không có tùy chọn --nope", "No such option: --nope"),
    (
        ["status", "--format", "xml"],
        "giá trị không hợp lệ cho '--format': 'xml' không phải một trong",
        "Invalid value for '--format': 'xml' is not one of",
    ),
    (
        ["status", "--warn-days", "-5"],
        "giá trị không hợp lệ cho '--warn-days': -5 nằm ngoài khoảng ≥ 0.",
        "-5 is not in the range x>=0.",
    ),
    (["status", "--warn-days"], "tùy chọn '--warn-days' cần một giá trị.", "requires an"),
    (["schema"], "thiếu đối số, chọn một trong: plan, metrics.", "Choose from: plan, metrics."),
    (["schema", "plan", "extra"], "thừa đối số: extra", "unexpected extra argument"),
    (["staus"], "không có lệnh 'staus'. Có phải ý bạn là 'status'?", "Did you mean 'status'?"),
    (["validate", "--format", "xml"], "không phải một trong", "is not one of"),
]


@pytest.mark.parametrize(("args", "vi", "en"), OPTION_ERRORS)
def test_option_errors_in_vietnamese(run_cli: RunCli, args: list[str], vi: str, en: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert vi in result.stderr
    if args != ["status", "--warn-days"]:  # click shows no usage for a value left out
        assert "Cách dùng: parcheck" in result.stderr
        assert "Xem 'parcheck" in result.stderr and "-h' để được trợ giúp." in result.stderr
    assert "Lỗi: " in result.stderr
    for word in ("Usage:", "Try '", "Error:", en):
        assert word not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "vi", "en"), OPTION_ERRORS)
def test_option_errors_in_english(
    run_cli: RunCli, args: list[str], vi: str, en: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_cli("--lang", "en", *args)
    assert result.exit_code == 2
    assert en in result.stderr
    assert "Error: " in result.stderr
    monkeypatch.setenv("PARCHECK_LANG", "en")
    result = run_cli(*args)
    assert en in result.stderr
    assert "Lỗi" not in result.stderr


def test_lang_before_the_command(run_cli: RunCli) -> None:
    result = run_cli("--lang", "en", "status", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_lang_en_on_the_line_wins_over_environment(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCHECK_LANG", "en")
    result = run_cli("status", "--lang", "vi", "--nope")
    assert "không có tùy chọn --nope" in result.stderr


def test_version() -> None:
    from importlib.metadata import version

    result = subprocess.run(
        [sys.executable, "-m", "parcheck", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == f"parcheck {version('parcheck')}\n"


def test_short_help_everywhere(run_cli: RunCli) -> None:
    for command in COMMANDS:
        result = run_cli(command, "-h")
        assert result.exit_code == 0
        assert f"Cách dùng: parcheck {command}" in result.stdout


def test_shell_completion_is_offered(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


def test_a_directory_as_plan_has_no_python_words(run_cli: RunCli) -> None:
    result = run_cli("status", "--plan", str(PLAN.parent), "--as-of", "2024-11-25")
    assert result.exit_code == 2
    for word in ("Is a directory", "[Errno", "NoneType", "datetime.date"):
        assert word not in result.stderr


def _fields(text: str) -> set[str]:
    """The placeholders of a message; `{x_vi}`/`{x_en}` are one value in each language."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {name.removesuffix("_vi").removesuffix("_en") for name in names}


def _faults(table: dict[str, tuple[str, ...]]) -> list[str]:
    """What is wrong in a code → (vi, en) table: a code not of the form, a language
    missing or empty, the English left as the Vietnamese, placeholders that differ."""
    faults = []
    for code, texts in table.items():
        if not re.fullmatch(r"P[A-Z]\d{3}", code):
            faults.append(f"{code}: not a code")
        if len(texts) != 2 or not all(isinstance(t, str) and t.strip() for t in texts):
            faults.append(f"{code}: needs a Vietnamese and an English text")
            continue
        vi, en = texts
        if vi == en:
            faults.append(f"{code}: the same text in both languages")
        if _fields(vi) != _fields(en):
            faults.append(f"{code}: placeholders {_fields(vi)} ≠ {_fields(en)}")
    return faults


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    assert _faults(dict(MESSAGES)) == []


def test_the_message_check_finds_a_missing_language() -> None:
    bad: dict[str, tuple[str, ...]] = {
        "PC001": ("không tìm thấy tệp",),
        "PC002": ("không đọc được {path}", ""),
        "PC003": ("không đọc được {path}", "cannot read {file}"),
        "PC004": ("{key}: thiếu", "{key_en}: missing"),
    }
    assert len(_faults(bad)) == 3


def test_a_date_outside_the_plan_year_is_a_warning(run_cli: RunCli) -> None:
    result = run_cli("status", "--plan", PLAN, "--as-of", "2026-11-25", "--fail-on", "never")
    assert result.exit_code == 0
    warning = [line for line in result.stderr.splitlines() if "2026" in line]
    assert warning == [
        "parcheck: cảnh báo: ngày 25/11/2026 nằm ngoài năm của kế hoạch (2024); "
        "hãy dùng --as-of với một ngày trong năm 2024"
    ]
    english = run_cli("report", "--plan", PLAN, "--as-of", "2026-01-25", "--lang", "en")
    assert "warning: the date 25/01/2026 lies outside the plan's year 2024" in english.stderr
    inside = run_cli("status", "--plan", PLAN, "--as-of", "2024-11-25", "--fail-on", "never")
    assert "năm của kế hoạch" not in inside.stderr


@pytest.mark.parametrize("command", ["status", "report", "validate", "template"])
def test_missing_default_plan_hints_at_plan_option(
    run_cli: RunCli, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = (
        run_cli(command, "--as-of", "2024-11-25") if command != "validate" else run_cli(command)
    )
    assert result.exit_code == 2
    assert "PC001" in result.stderr or "PC001" in result.stdout
    assert "hãy chạy parcheck trong thư mục dự án hoặc chỉ ra tệp kế hoạch bằng --plan" in (
        result.stderr
    )


def test_missing_plan_given_by_name_has_no_hint(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("status", "--plan", tmp_path / "kh.yaml", "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert "--plan" not in result.stderr


def test_an_empty_metrics_folder_is_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("status", "--plan", PLAN, "--metrics", tmp_path, "--as-of", "2024-11-25")
    assert result.exit_code in (0, 1)
    assert "warning PM011" in result.stderr
    assert "error" not in result.stderr


def test_an_unknown_unit_in_calendar_is_said_in_vietnamese(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--unit", "phong xyz")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "parcheck: --unit 'phong xyz': không có đơn vị này trong kế hoạch; các đơn vị có nhiệm "
        "vụ: VP, TTS, TTKCXTTM, PCM, PDV, PDVTT"
    )  # `phong xyz` is not close to `Phòng CM`: no "did you mean"
    english = run_cli("calendar", "--plan", PLAN, "--unit", "phong xyz", "--lang", "en")
    assert english.exit_code == 2
    assert "--unit 'phong xyz': no such unit in the plan" in english.stderr


def test_the_template_comments_are_in_words(run_cli: RunCli) -> None:
    text = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25").stdout
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "  # I.2.b [định kỳ] Báo cáo Lãnh đạo Sở" in text
    assert "  #   thứ Sáu hằng tuần · lần tới 29/11/2024 · Văn phòng Sở" in text
    assert "  #   cuối mỗi quý · lần tới 31/12/2024 · Văn phòng Sở" in text
    assert "  #   chỉ tiêu: từ 2 sáng kiến trở lên · hạn 30/06/2024" in text
    assert "[chỉ tiêu]" in text and "[sản phẩm]" in text and "[sự kiện]" in text
    for word in ("FREQ=", "[threshold]", "[deliverable]", "[event]", "[recurring]", ">=", "2024-"):
        assert word not in comments, word
    assert "as_of: 2024-11-25" in text  # the data stays ISO: it is read back


def test_the_template_follows_lang(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`template` takes --lang as every command does: its comments and its mistakes."""
    text = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25", "--lang", "en").stdout
    assert "  # I.2.b [recurring] Báo cáo Lãnh đạo Sở" in text  # the plan's text as written
    assert "  #   weekly, Friday · next 2024-11-29 · Văn phòng Sở" in text
    assert "  #   target: at least 2 sáng kiến · due 2024-06-30" in text
    assert "  #   target: at least 100 % · continuous · " in text
    assert "within 8 working hours of: Hồ sơ trực tuyến" in text
    assert "lần tới" not in text and "chỉ tiêu:" not in text
    english = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25", "--format", "xlsx")
    assert english.exit_code == 2 and "cần -o TỆP.xlsx" in english.stderr
    monkeypatch.setenv("PARCHECK_LANG", "en")
    english = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25", "--format", "xlsx")
    assert english.exit_code == 2 and "needs -o FILE.xlsx" in english.stderr
    unit = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25", "--unit", "VP")
    assert unit.exit_code == 2 and "--unit goes with --format xlsx only" in unit.stderr


def test_shell_completion_script_for_bash(run_cli: RunCli) -> None:
    result = run_cli("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_PARCHECK_COMPLETE" in result.stdout


PYTHON_WORDS = (
    "NoneType",
    "datetime.date(",
    "Is a directory",
    "[Errno",
    "No such file",
    "Traceback",
)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--plan", PLAN, "--as-of", "2024-11-25", "-o", "/"],
        ["report", "--plan", PLAN, "--as-of", "2024-11-25", "-o", "/nonexistent/x.md"],
        ["calendar", "--plan", PLAN, "--ics", "/"],
        ["status", "--plan", PLAN, "--as-of", ""],
        ["status", "--plan", PLAN, "--as-of", "2024-02-30"],
        ["status", "--plan", PLAN, "--metrics", "/nonexistent", "--as-of", "2024-11-25"],
        ["status", "--plan", "/", "--as-of", "2024-11-25"],
        ["report", "--plan", PLAN, "--month", "2024-13"],
    ],
)
def test_messages_have_no_python_words(run_cli: RunCli, args: list[object]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.strip()
    for word in PYTHON_WORDS:
        assert word not in result.stderr + result.stdout, word


def test_a_shape_and_a_date_are_said_in_words_not_python(run_cli: RunCli, tmp_path: Path) -> None:
    listed = tmp_path / "d1.yaml"
    listed.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  II.1: {done: [2024-11-20]}\n", "utf-8"
    )
    result = run_cli("validate", "--plan", PLAN, "--metrics", listed)
    assert f"{listed}:4:16: error PM004 không đọc được ngày: [20/11/2024]" in result.stdout
    assert "datetime" not in result.stdout
    top = tmp_path / "d2.yaml"
    top.write_text("- a\n", "utf-8")
    result = run_cli("validate", "--plan", PLAN, "--metrics", top, "--lang", "en")
    assert (
        f"{top}:1:1: error PC016 expected a mapping (key: value) at the top level, found a list"
        in (result.stdout)
    )


def test_a_commands_options_may_come_before_it(run_cli: RunCli) -> None:
    """`parcheck --plan P --as-of D status` is `parcheck status --plan P --as-of D`: the
    options are the command's, wherever they are written."""
    before = run_cli("--plan", PLAN, "--as-of", "2024-11-25", "--lang", "en", "status")
    after = run_cli("status", "--plan", PLAN, "--as-of", "2024-11-25", "--lang", "en")
    assert before.exit_code == after.exit_code
    assert before.stdout == after.stdout and "Overdue" in before.stdout
    schema = run_cli("schema", "--lang", "en", "plan")  # schema has no words: no --lang
    assert schema.exit_code == 0 and schema.stdout.startswith("{")


def test_a_commands_option_with_no_command_says_whose_it_is(run_cli: RunCli) -> None:
    """`parcheck --plan` with no command: the option exists (`parcheck --plan P status`
    works), so the message says whose it is and how it is written, not "no such option"."""
    result = run_cli("--unit", "VP")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Lỗi: --unit là tùy chọn của lệnh calendar, report, status, template: ghi kèm tên "
        "lệnh, ví dụ parcheck status --unit ĐƠN_VỊ"
    )
    bare = run_cli("--plan")
    assert bare.exit_code == 2 and "không có tùy chọn" not in bare.stderr
    assert bare.stderr.splitlines()[-1] == (
        "Lỗi: --plan là tùy chọn của lệnh calendar, dossiers, report, status, template, validate: "
        "ghi kèm tên lệnh, ví dụ parcheck status --plan TỆP"
    )
    english = run_cli("--lang", "en", "--format", "json")
    assert english.exit_code == 2 and "No such option" not in english.stderr
    assert english.stderr.splitlines()[-1] == (
        "Error: --format is an option of the commands dossiers, report, status, template, "
        "validate: "
        "write it with the command, e.g. parcheck status --format <table|json|markdown>"
    )
    ics = run_cli("--lang", "en", "--ics", "x.ics")
    assert ics.stderr.splitlines()[-1] == (
        "Error: --ics is an option of the command calendar: write it with the command, "
        "e.g. parcheck calendar --ics FILE"
    )


def test_a_bad_lang_names_the_variable_only_when_it_came_from_it(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--lang fr` typed on the line is the option's mistake: the message does not blame
    PARCHECK_LANG, which was not set; PARCHECK_LANG=fr with no --lang is the variable's."""
    monkeypatch.delenv("PARCHECK_LANG", raising=False)
    for args in (("status", "--lang", "fr"), ("--lang", "fr", "status")):
        typed = run_cli(*args)
        assert (typed.exit_code, typed.stdout) == (2, "")
        assert typed.stderr.splitlines()[-1] == (
            "Lỗi: giá trị không hợp lệ cho '--lang': 'fr' không phải một trong 'vi', 'en'."
        )
    monkeypatch.setenv("PARCHECK_LANG", "fr")
    from_env = run_cli("status")
    assert (from_env.exit_code, from_env.stdout) == (2, "")
    assert from_env.stderr.splitlines()[-1] == (
        "Lỗi: giá trị không hợp lệ cho '--lang' (biến môi trường PARCHECK_LANG): 'fr' không "
        "phải một trong 'vi', 'en'."
    )
    both = run_cli("calendar", "--plan", PLAN, "--lang", "de")  # the line wins: its value
    assert both.stderr.splitlines()[-1].startswith(
        "Lỗi: giá trị không hợp lệ cho '--lang': 'de' không phải"
    )
