"""The shipped sample export, examples/mot-cua-2024.csv: `parcheck dossiers` prints its
figures, and `--write-metrics` then `status` shows them as the values of III.6 and the rest,
alongside the example figures of metrics/ (the export is their source: docs/example-story.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, RunCli

EXPORT = ROOT / "examples" / "mot-cua-2024.csv"
AGAIN = "run `python scripts/make_example_export.py` and update this test's figures"


def figures(run_cli: RunCli, as_of: str) -> dict[str, Any]:
    result = run_cli("dossiers", EXPORT, "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_sample_export_gives_the_story_figures(run_cli: RunCli) -> None:
    data = figures(run_cli, "2024-11-25")
    assert (data["rows"], data["counted"], len(data["rejected"])) == (352, 350, 2), AGAIN
    assert [(r["row"], r["code"]) for r in data["rejected"]] == [(165, "PD021"), (190, "PD024")], (
        AGAIN
    )
    timeliness = data["timeliness"]
    assert (timeliness["numerator"], timeliness["denominator"]) == (349, 350), AGAIN
    assert round(timeliness["rate"], 2) == 99.71, AGAIN
    assert [d["code"] for d in timeliness["late_dossiers"]] == ["000.00.17.H34-240923-0015"]
    assert data["digitised"]["rate"] == 100, AGAIN
    assert data["pauses"]["count"] == 5 and data["pauses"]["violations"] == [], AGAIN
    assert (data["apologies"]["late"], data["apologies"]["missing"]) == (1, []), AGAIN
    assert data["supplements"]["over_once"] == [], AGAIN
    assert data["online_intake"]["late"] == 0, AGAIN
    # the story's October report: 312/313 (the later submissions are not counted yet)
    october = figures(run_cli, "2024-10-25")["timeliness"]
    assert (october["numerator"], october["denominator"]) == (312, 313), AGAIN


def test_status_shows_the_written_figures_as_the_checks_values(
    run_cli: RunCli, tmp_path: Path
) -> None:
    written = tmp_path / "mot-cua.yaml"
    result = run_cli("dossiers", EXPORT, "--as-of", "2024-11-25", "--write-metrics", written)
    assert result.exit_code == 0, result.stderr
    assert "99,71 % (349/350)" in result.stdout, AGAIN
    # no intake late or waiting: the written file says so as a person would write it
    assert "\n  III.4.b: {events: []}\n" in written.read_text(encoding="utf-8")
    result = run_cli(
        "status", "--metrics", ROOT / "metrics", "--metrics", written, "--as-of", "2024-11-25",
        "--format", "json", "--fail-on", "never",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", result.stderr  # no conflict with metrics/2024-11-25.yaml
    found = {c["id"]: c for t in json.loads(result.stdout)["tasks"] for c in t["checks"]}
    assert round(found["III.6"]["actual"], 2) == 99.71, AGAIN
    assert found["III.6"]["status"] == "not_met"
    assert found["III.5"]["actual"] == 100, AGAIN
    for check in ("III.4.c", "III.4.d", "III.4.e", "I.4.b"):
        assert found[check]["actual"] == 0, (check, AGAIN)
        assert found[check]["status"] == "met", check
    assert found["III.4.b"]["status"] == "met"


def test_the_script_writes_the_same_bytes(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_example_export.py"
    subprocess.run([sys.executable, script, "--out", tmp_path / "x.csv"], check=True)
    again = "run `python scripts/make_example_export.py`"
    assert (tmp_path / "x.csv").read_bytes() == EXPORT.read_bytes(), again
    assert EXPORT.stat().st_size < 200_000
