"""Every word of every help page in the user's language, as a user sees it: a real process
at 80 columns; and the mistakes of the command line (no command, a misspelt command, option
or choice) said in that language, with the closest name asked about, and exit 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parcheck.cli import COMMANDS
from tests.conftest import ROOT

# click's and typer's own English: headings, placeholders, marks and option help
ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|OPTIONS|COMMAND|ARGS|TEXT|INTEGER|PATH|FILE|DATE"
    r"|UNIT|SECTION|STATUS|DAYS|PLAN|Show|message|exit|default|required|path|str|int|range"
    r"|Try|Error|Install|completion|customize|copy|current)\b"
)
# what is typed as it is: option names, and the choices of an option (`<table|json>`)
TYPED = re.compile(r"(?<![\w-])--?[a-z][\w-]*|<\w+(?:\|\w+)+>|\{\w+(?:\|\w+)+\}|plan\|metrics")
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def parcheck(*args: str, lang_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCHECK_")}
    env["COLUMNS"] = "80"
    if lang_env is not None:
        env["PARCHECK_LANG"] = lang_env
    return subprocess.run(
        [str(Path(sys.executable).with_name("parcheck")), *args],  # the command people run
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(TYPED.sub(" ", text))


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_word_is_vietnamese_at_80_columns(command: str) -> None:
    done = parcheck(*([command] if command else []), "--help")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert page.startswith(f"Cách dùng: parcheck {command}".replace("  ", " "))
    assert english_words(page) == []
    assert "x>=" not in page
    assert re.search(r"\[(mặc|bắt)\n", page) is None  # a mark is wrapped whole
    assert [line for line in page.splitlines() if len(line) > 80] == []


def test_the_placeholders_in_vietnamese() -> None:
    assert parcheck("--help").stdout.startswith("Cách dùng: parcheck [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...\n")
    status = parcheck("status", "--help").stdout
    assert status.startswith("Cách dùng: parcheck status [TÙY_CHỌN]\n")
    for option in ("--plan TỆP ", "--metrics ĐƯỜNG_DẪN ", "--as-of NGÀY ", "--unit ĐƠN_VỊ "):
        assert f"\n  {option}" in status
    assert "--warn-days SỐ_NGÀY " in status
    assert "[mặc\u00a0định:\u00a014; ≥\u00a00]" in status  # wrapped between parts only
    assert "[biến\u00a0môi\u00a0trường:\u00a0PARCHECK_LANG;" in status  # PARCHECK_LANG=en
    validate = parcheck("validate", "-h").stdout
    assert validate.startswith("Cách dùng: parcheck validate [TÙY_CHỌN] [TỆP_KẾ_HOẠCH]...\n")
    assert "\nĐối số:\n  [TỆP_KẾ_HOẠCH]...  Các tệp kế hoạch" in validate
    schema = parcheck("schema", "-h").stdout
    assert schema.startswith("Cách dùng: parcheck schema [TÙY_CHỌN] {plan|metrics}\n")
    assert "[bắt\u00a0buộc]" in schema


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_word_is_english_with_lang_en(command: str) -> None:
    done = parcheck(*([command] if command else []), "--help", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: parcheck")
    assert VIETNAMESE.findall(done.stdout) == []
    assert [line for line in done.stdout.splitlines() if len(line) > 80] == []


def test_english_placeholders_from_the_environment() -> None:
    status = parcheck("status", "-h", lang_env="en").stdout
    assert status.startswith("Usage: parcheck status [OPTIONS]\n")
    for option in ("--plan FILE ", "--metrics PATH ", "--as-of DATE ", "--unit UNIT "):
        assert f"\n  {option}" in status
    assert (
        "Usage: parcheck validate [OPTIONS] [PLAN]...\n"
        in parcheck("validate", "-h", lang_env="en").stdout
    )


def test_the_word_lists_find_what_they_look_for() -> None:
    assert english_words("Cách dùng: parcheck [OPTIONS]\n  --plan <path>  Tệp.") == [
        "OPTIONS",
        "path",
    ]
    assert english_words("  --format <table|json>  text, json.  [default: table]") == ["default"]
    assert english_words("  --install-completion  Cài tự hoàn thành.") == []
    assert VIETNAMESE.findall("Usage: Tệp") == ["ệ"]


MISTAKES = [
    (
        [],
        "Cách dùng: parcheck [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...",
        "Usage: parcheck [OPTIONS] COMMAND [ARGS]...",
    ),
    (
        ["statsu"],
        "Lỗi: không có lệnh 'statsu'. Có phải ý bạn là 'status'?",
        "Error: No such command 'statsu'. Did you mean 'status'?",
    ),
    (
        ["xyz"],
        "Lỗi: không có lệnh 'xyz'. Các lệnh: calendar, dossiers, report, schema, status, "
        "template, validate.",
        "Error: No such command 'xyz'. Commands: calendar, dossiers, report, schema, status, "
        "template, validate.",
    ),
    (
        ["status", "--as-off", "2024-11-25"],
        "Lỗi: không có tùy chọn --as-off. Có phải ý bạn là --as-of?",
        "Error: No such option: --as-off. Did you mean --as-of?",
    ),
    (
        ["status", "--format", "jsno"],
        "Lỗi: giá trị không hợp lệ cho '--format': 'jsno' không phải một trong 'table', 'json', "
        "'markdown'. Có phải ý bạn là 'json'?",
        "Error: Invalid value for '--format': 'jsno' is not one of 'table', 'json', "
        "'markdown'. Did you mean 'json'?",
    ),
    (
        ["status", "--format", "xml"],
        "Lỗi: giá trị không hợp lệ cho '--format': 'xml' không phải một trong 'table', 'json', "
        "'markdown'.\n",
        "Error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'markdown'.\n",
    ),
    (
        ["schema"],
        "Lỗi: thiếu đối số, chọn một trong: plan, metrics.\n",
        "Error: Missing argument 'plan|metrics'. Choose from: plan, metrics.\n",
    ),
]


@pytest.mark.parametrize(("args", "vi", "en"), MISTAKES)
def test_a_mistake_on_the_command_line(args: list[str], vi: str, en: str) -> None:
    done = parcheck(*args)
    assert done.returncode == 2
    assert vi in done.stderr
    assert english_words(done.stderr) == []
    assert "Traceback" not in done.stderr
    english = parcheck(*args, lang_env="en")
    assert english.returncode == 2
    assert en in english.stderr
    assert VIETNAMESE.findall(english.stderr) == []
