"""A done date a later snapshot changes (PM045) is a correction only for a run on or after
that snapshot's date: `status` and `report` compare the snapshots of their date and before,
`validate` (no date) all of them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PLAN, RunCli


def _snapshots(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    head = 'plan: kh2024\nas_of: {}\nvalues:\n  II.3.b: {{done: {}, evidence: "1/BC"}}\n'
    a, b = folder / "a.yaml", folder / "b.yaml"
    a.write_text(head.format("2024-11-20", "2024-11-20"), encoding="utf-8")
    b.write_text(head.format("2024-11-25", "2024-11-22"), encoding="utf-8")
    return a, b


def test_a_correction_after_the_date_of_the_run_is_not_said(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "metrics"
    a, b = _snapshots(folder)
    warning = (
        f"{b}:4:11: warning PM045 II.3.b: ngày hoàn thành sửa từ 20/11/2024 ({a}:4:11) thành "
        f"22/11/2024 ({b}); coi là đính chính: từ ngày số liệu 25/11/2024, tính ngày 22/11/2024"
    )
    for day in ("2024-11-20", "2024-11-24"):  # b.yaml's figures are not yet: nothing changed
        result = run_cli("status", "--plan", PLAN, "--metrics", folder, "--as-of", day)
        assert result.exit_code in (0, 1)
        assert result.stderr == ""
        report = run_cli(
            "report", "--plan", PLAN, "--metrics", folder, "--as-of", day, "-o", tmp_path / "r.md"
        )
        assert report.exit_code == 0
        assert report.stderr == ""
    result = run_cli("status", "--plan", PLAN, "--metrics", folder, "--as-of", "2024-11-25")
    assert result.stderr.splitlines() == [warning]
    result = run_cli("validate", PLAN, "--metrics", folder)
    assert result.exit_code == 0
    assert warning in result.stdout.splitlines()
