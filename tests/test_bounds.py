"""Bounds on the work an input may cause (issue 7, "unbounded work"): recurring rules over
two centuries, problems by the hundred thousand, "did you mean" hints, event limits times
events; and numbers written in digits other than ASCII."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, RunCli

MINI = DATA / "plans" / "valid" / "minimal.yaml"


def metrics_file(tmp_path: Path, body: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- numbers and dates in ASCII digits only ------------------------------------------


@pytest.mark.parametrize("written", ["٨٨", "８８", "８８%", "٨٨,٥", "۸۸"])
def test_digits_other_than_ascii_are_not_a_number(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    path = metrics_file(tmp_path, f'plan: mini\nas_of: 2024-11-25\nvalues:\n  VI.3: "{written}"\n')
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{path}:4:9: error PM003 not a number: {written!r}" in result.stdout
    csv = metrics_file(tmp_path, f'check,value,as_of,note\nVI.3,"{written}",2024-11-25,\n', "m.csv")
    result = run_cli("validate", MINI, "--metrics", csv, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{csv}:2: error PM003 not a number: {written!r}" in result.stdout


def test_ascii_numbers_are_still_read(run_cli: RunCli, tmp_path: Path) -> None:
    path = metrics_file(tmp_path, 'plan: mini\nas_of: 2024-11-25\nvalues:\n  VI.3: "88,5%"\n')
    result = run_cli("validate", MINI, "--metrics", path)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("written", ["٢٠٢٤-١١-٢٥", "２０２４-１１-２５", "25/11/２０２４"])
def test_dates_in_other_digits_are_not_a_date(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    path = metrics_file(tmp_path, f'plan: mini\nas_of: "{written}"\nvalues:\n  VI.3: 88\n')
    result = run_cli("validate", MINI, "--metrics", path, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{path}:2:8: error PM004 not a date: {written!r}" in result.stdout
    events = metrics_file(
        tmp_path,
        "plan: mini\nas_of: 2024-11-25\nvalues:\n"
        '  VI.4.c: {events: [{start: "2024-11-01 ٠٧:٣٠"}]}\n',
    )
    result = run_cli("validate", MINI, "--metrics", events, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert "error PM004 not a date: '2024-11-01 ٠٧:٣٠'" in result.stdout
