"""A `--metrics` or `--plan` path the system refuses to follow: a loop of links, a name too
long. Each is one problem at that path saying why (exit 2), never "no such file" and never
the general error handler's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PLAN, RunCli


def _loop(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    return tmp_path / "a.yaml"


def _too_long(tmp_path: Path) -> Path:
    return tmp_path / ("x" * 300 + ".yaml")


@pytest.mark.parametrize("command", ["status", "report"])
def test_a_metrics_link_loop_says_the_links_loop(
    run_cli: RunCli, tmp_path: Path, command: str
) -> None:
    loop = _loop(tmp_path)
    args = ["--plan", PLAN, "--metrics", loop, "--as-of", "2024-11-25"]
    result = run_cli(command, *args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{loop}: error PC002 không đọc được tệp: các liên kết trỏ vòng lẫn nhau\n"
    )
    result = run_cli(command, *args, "--lang", "en")
    assert result.stderr == f"{loop}: error PC002 cannot read the file: a loop of links\n"


def test_validate_says_a_metrics_link_loop_too(run_cli: RunCli, tmp_path: Path) -> None:
    loop = _loop(tmp_path)
    result = run_cli("validate", PLAN, "--metrics", loop)
    assert result.exit_code == 2
    assert f"{loop}: error PC002 không đọc được tệp: các liên kết trỏ vòng lẫn nhau" in (
        result.stdout.splitlines()
    )


def test_a_metrics_name_too_long_is_a_problem_at_that_path(run_cli: RunCli, tmp_path: Path) -> None:
    long = _too_long(tmp_path)
    result = run_cli("status", "--plan", PLAN, "--metrics", long, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{long}: error PC002 không đọc được tệp: tên tệp hoặc đường dẫn quá dài\n"
    )
    result = run_cli("validate", PLAN, "--metrics", long, "--lang", "en")
    assert result.exit_code == 2
    assert f"{long}: error PC002 cannot read the file: the file name or path is too long" in (
        result.stdout.splitlines()
    )


def test_a_missing_metrics_file_is_still_not_found(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    result = run_cli("status", "--plan", PLAN, "--metrics", missing, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert result.stderr == f"{missing}: error PC001 không tìm thấy tệp\n"


@pytest.mark.parametrize(
    ("make", "vi"),
    [
        (_loop, "các liên kết trỏ vòng lẫn nhau"),
        (_too_long, "tên tệp hoặc đường dẫn quá dài"),
    ],
)
def test_a_plan_path_the_system_refuses_says_why(
    run_cli: RunCli, tmp_path: Path, make: object, vi: str
) -> None:
    assert callable(make)
    plan = make(tmp_path)
    result = run_cli("status", "--plan", plan, "--as-of", "2024-11-25")
    assert result.exit_code == 2
    assert result.stderr == f"{plan}: error PC002 không đọc được tệp: {vi}\n"
    result = run_cli("validate", plan)
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"{plan}: error PC002 không đọc được tệp: {vi}"


def test_a_link_loop_in_a_metrics_folder_is_skipped_as_a_loop(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    loop = _loop(folder)
    result = run_cli("status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25")
    assert result.exit_code in (0, 1)
    assert f"{loop}: warning PF003 bỏ qua: không phải tệp thường mà là liên kết trỏ vòng" in (
        result.stderr.splitlines()
    )
