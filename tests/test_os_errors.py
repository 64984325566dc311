"""The system's own errors said in the user's language: a plan through a file, a name too
long, a loop of links, a full disk are Vietnamese by default and English with --lang en,
never the system's "Not a directory"; every reason comes from one table (errors.py).
Tests run as root, so EACCES cannot be made by chmod: the table is tested for the rest."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from parcheck.errors import OS_REASONS, os_reason, os_reasons
from tests.conftest import PLAN, ROOT, RunCli

VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựđ]")
# the errno values a user can meet reading a plan or writing a report
COMMON = [
    "EACCES",
    "EPERM",
    "ENOENT",
    "EISDIR",
    "ENOTDIR",
    "ENOSPC",
    "EROFS",
    "ELOOP",
    "ENAMETOOLONG",
    "EMFILE",
    "EIO",
    "EPIPE",
    "EEXIST",
    "EXDEV",
    "EFBIG",
    "EDQUOT",
]


@pytest.mark.parametrize("name", COMMON)
def test_every_common_errno_has_words_in_both_languages(name: str) -> None:
    number = getattr(errno, name)
    exc = OSError(number, os.strerror(number))
    vi, en = os_reason(exc, "vi"), os_reason(exc, "en")
    assert VIETNAMESE.search(vi), vi
    assert vi != os.strerror(number) and not VIETNAMESE.search(en)
    assert number in OS_REASONS
    assert os_reasons(exc) == {"reason_vi": vi, "reason_en": en}


def test_an_errno_not_in_the_table_is_named_not_said_in_english() -> None:
    exc = OSError(errno.ECONNREFUSED, os.strerror(errno.ECONNREFUSED))
    assert os_reason(exc, "vi") == "lỗi hệ thống ECONNREFUSED"
    assert os_reason(exc, "en") == os.strerror(errno.ECONNREFUSED)
    assert os_reason(OSError("gone"), "vi") == "lỗi hệ thống (gone)"


def test_no_other_module_reads_the_systems_own_words() -> None:
    """`exc.strerror` is English: every message takes its reason from `os_reason`."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src" / "parcheck").rglob("*.py"))
        if path.name != "errors.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.strerror\b(?!\()", line)
    ]
    assert found == []


def _plan_read(run_cli: RunCli, plan: object, lang: str) -> str:
    result = run_cli("status", "--plan", plan, "--as-of", "2024-11-25", "--lang", lang)
    assert result.exit_code == 2
    return result.stderr.splitlines()[0]


def test_a_plan_through_a_file(run_cli: RunCli) -> None:
    through = PLAN / "x.yaml"
    assert _plan_read(run_cli, through, "vi") == (
        f"{through}: error PC002 không đọc được tệp: một phần của đường dẫn không phải thư mục"
    )
    assert _plan_read(run_cli, through, "en") == (
        f"{through}: error PC002 cannot read the file: part of the path is not a folder"
    )


def test_a_plan_name_too_long(run_cli: RunCli, tmp_path: Path) -> None:
    long = tmp_path / ("k" * 300 + ".yaml")
    assert _plan_read(run_cli, long, "vi").endswith(
        "error PC002 không đọc được tệp: tên tệp hoặc đường dẫn quá dài"
    )
    assert _plan_read(run_cli, long, "en").endswith(
        "error PC002 cannot read the file: the file name or path is too long"
    )


def test_a_plan_in_a_loop_of_links(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert _plan_read(run_cli, tmp_path / "a.yaml", "vi").endswith(
        "không đọc được tệp: các liên kết trỏ vòng lẫn nhau"
    )
    validate = run_cli("validate", tmp_path / "a.yaml", "--lang", "en")
    assert validate.exit_code == 2
    assert "error PC002 cannot read the file: a loop of links" in validate.stdout


def test_a_report_written_through_a_file_or_onto_a_full_disk(run_cli: RunCli) -> None:
    report = ("report", "--plan", PLAN, "--metrics", ROOT / "metrics", "--as-of", "2024-11-25")
    through = PLAN / "out.md"
    result = run_cli(*report, "-o", through)
    assert result.exit_code == 2
    assert result.stderr == (
        f"parcheck: không ghi được {through}: một phần của đường dẫn không phải thư mục\n"
    )
    if Path("/dev/full").exists():
        english = run_cli(*report, "-o", "/dev/full", "--lang", "en")
        assert english.stderr == "parcheck: cannot write /dev/full: no space left on the device\n"
