"""Numbers in a plan file as a person writes them (contract §2): YAML 1.1's other forms
(`075`, `0x50`, `1:20`, `1_000`, `yes`, `.nan` …) are refused saying what to write instead;
a target in % lies in 0–100 and one in any other unit is a whole number ≥ 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, RunCli

ENGINE = DATA / "plans" / "valid" / "engine.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _base(written: str, base: int, reading: int) -> str:
    return (
        f"PC063 {written!r} is not a decimal number but a base-{base} one ({reading}); "
        f"write a decimal number, e.g. {reading}"
    )


PLAN_FORMS = [
    ("yes", "PC065 'yes' is a yes/no word, not a number; write a number"),
    ("0x50", _base("0x50", 16, 80)),
    (".nan", "PC066 '.nan' is not a finite number; write a number"),
    ("Infinity", "PC066 'Infinity' is not a finite number; write a number"),
    ("075", "PC062 a number with a leading zero: '075' (YAML 1.1 reads it as octal); write 75"),
    ("1:20", _base("1:20", 60, 80)),
    ("1_000", "PC064 '1_000' has underscores between its digits; write 1000"),
    ("-4", "PC067 a target that counts trường hợp must be a whole number of 0 or more, found -4"),
    ("2.5", "PC067 a target that counts trường hợp must be a whole number of 0 or more, found 2.5"),
]


@pytest.mark.parametrize(("written", "message"), PLAN_FORMS, ids=[f[0] for f in PLAN_FORMS])
def test_plan_targets_are_decimal_and_counts_whole(
    run_cli: RunCli, tmp_path: Path, written: str, message: str
) -> None:
    text = ENGINE.read_text(encoding="utf-8").replace(
        'value: 0, unit: "trường hợp"', f'value: {written}, unit: "trường hợp"'
    )
    plan = write(tmp_path, "plan.yaml", text)
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{plan}:18:99: error {message}"
    result = run_cli("status", "--plan", plan, "--as-of", "2024-11-25", "--lang", "en")
    assert result.exit_code == 2
    assert f"{plan}:18:99: error {message}" in result.stderr


def test_plan_limits_and_percent_targets(run_cli: RunCli, tmp_path: Path) -> None:
    text = ENGINE.read_text(encoding="utf-8")
    limit = text.replace("amount: 5, unit: working_days", "amount: 0x05, unit: working_days")
    plan = write(tmp_path, "limit.yaml", limit)
    assert run_cli("validate", plan).stdout.splitlines()[0] == (
        f"{plan}:45:95: error PC063 '0x05' không phải số thập phân mà là số hệ 16 (bằng 5); "
        "viết số thập phân, ví dụ 5"
    )
    percent = text.replace('value: 87, unit: "%"', 'value: 187, unit: "%"')
    plan = write(tmp_path, "percent.yaml", percent)
    assert run_cli("validate", plan).stdout.splitlines()[0] == (
        f"{plan}:16:87: error PC034 chỉ tiêu phần trăm phải trong khoảng 0–100, gặp 187"
    )
