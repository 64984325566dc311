"""`parcheck dossiers --write-metrics FILE`: a snapshot of the plan's dossier checks,
stamped with the export's SHA-256 and row counts, that `validate`, `status` and `report`
read like any other."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DATA, PLAN, RunCli

FIXTURE = DATA / "dossiers"
AS_OF = "2024-05-15"


def written(run_cli: RunCli, tmp_path: Path, *more: str) -> Path:
    out = tmp_path / "metrics" / "dossiers.yaml"
    out.parent.mkdir(exist_ok=True)
    result = run_cli(
        "dossiers", FIXTURE / "export.csv", "--plan", PLAN, "--as-of", AS_OF,
        "--write-metrics", out, *more,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def checks(run_cli: RunCli, metrics: Path) -> dict[str, dict[str, Any]]:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", metrics, "--as-of", AS_OF, "--format", "json",
        "--fail-on", "never",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {c["id"]: c for t in data["tasks"] for c in t["checks"]}


def test_the_snapshot_is_stamped_with_the_export(run_cli: RunCli, tmp_path: Path) -> None:
    data = yaml.safe_load(written(run_cli, tmp_path).read_text(encoding="utf-8"))
    digest = hashlib.sha256((FIXTURE / "export.csv").read_bytes()).hexdigest()
    assert data["plan"] == "kh2024" and str(data["as_of"]) == AS_OF
    [export] = data["export"]
    assert export["sha256"] == digest
    assert (export["rows"], export["counted"], export["rejected"]) == (45, 34, 11)
    values = data["values"]
    assert values["III.6"]["numerator"] == 28 and values["III.6"]["denominator"] == 34
    assert values["III.5"] == {"numerator": 30, "denominator": 34}
    assert (values["III.4.c"], values["III.4.d"], values["III.4.e"]) == (2, 3, 3)
    assert values["I.4.b"]["value"] == 2
    events = values["III.4.b"]["events"]
    assert [e["ref"] for e in events] == [
        "H34-24-A03", "H34-24-A05", "H34-24-B02", "H34-24-B04", "H34-24-B05", "H34-24-C01",
        "H34-24-C10", "H34-24-C02", "H34-24-C03",
    ]  # fmt: skip
    assert events[6] == {"start": "2024-05-13 08:00", "done": "2024-05-14", "ref": "H34-24-C10"}


def test_status_shows_the_figures_as_the_values_of_the_checks(
    run_cli: RunCli, tmp_path: Path
) -> None:
    metrics = written(run_cli, tmp_path)
    assert run_cli("validate", PLAN, "--metrics", metrics).exit_code == 0
    found = checks(run_cli, metrics)
    assert round(found["III.6"]["actual"], 2) == 82.35
    assert round(found["III.5"]["actual"], 2) == 88.24
    assert [found[c]["actual"] for c in ("III.4.c", "III.4.d", "III.4.e", "I.4.b")] == [2, 3, 3, 2]
    for check in ("III.6", "III.5", "III.4.b", "III.4.c", "III.4.d", "III.4.e", "I.4.b"):
        assert found[check]["status"] == "not_met", check
    assert found["X.3"]["status"] == found["III.4.e"]["status"]  # one rule, two rows
    assert found["X.4"]["status"] == found["III.4.b"]["status"]


def test_report_reads_it_too(run_cli: RunCli, tmp_path: Path) -> None:
    metrics = written(run_cli, tmp_path)
    result = run_cli("report", "--plan", PLAN, "--metrics", metrics, "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    assert "III.6" in result.stdout


def test_never_written_onto_the_export(run_cli: RunCli, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    shutil.copy(FIXTURE / "export.csv", export)
    before = export.read_bytes()
    result = run_cli(
        "dossiers", export, "--plan", PLAN, "--as-of", AS_OF, "--write-metrics", export
    )
    assert result.exit_code == 2
    assert export.read_bytes() == before


def test_a_stamp_that_is_not_one_is_said(run_cli: RunCli, tmp_path: Path) -> None:
    metrics = tmp_path / "m.yaml"
    metrics.write_text(
        "plan: kh2024\nas_of: 2024-05-15\nexport:\n  - {sha256: abc, rows: -1, sheets: 2}\n"
        "values:\n  III.4.c: 0\n",
        encoding="utf-8",
    )
    result = run_cli("validate", PLAN, "--metrics", metrics)
    assert result.exit_code == 1
    assert "m.yaml:4:14: error PM002 giá trị của 'export[0].sha256'" in result.stdout
    assert "m.yaml:4:25: error PM002 giá trị của 'export[0].rows'" in result.stdout
    assert "m.yaml:4:29: error PM008 trường không có trong mẫu: 'sheets'" in result.stdout


def test_the_report_names_the_offending_dossiers_in_an_annex(run_cli: RunCli) -> None:
    result = run_cli(
        "report", "--plan", PLAN, "--month", "2024-05", "--dossiers", FIXTURE / "export.csv"
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    annex = text[text.index("## Phụ lục: hồ sơ TTHC tính đến hết ngày 25/05/2024") :]
    # by hand: at the 25th C01-C05, C09, C10 are open past due, C07 finished late (17/05 >
    # 10/05): 7 open_late + 4 late (A05, B07, C07, C08)
    assert "### Hồ sơ trễ hạn (11)" in annex
    assert "| dòng 18 | H34-24-B07 | trễ hạn |" in annex
    assert "| dòng 43 |  | số lần yêu cầu bổ sung 'hai'" in annex
    assert run_cli("report", "--plan", PLAN, "--month", "2024-05").stdout in text


def test_the_annex_of_an_export_that_cannot_be_read(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(
        "report", "--plan", PLAN, "--month", "2024-05", "--dossiers", tmp_path / "none.csv"
    )
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path}/none.csv: error PC001 không tìm thấy tệp\n"


def test_the_report_is_never_written_onto_an_export(run_cli: RunCli, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    shutil.copy(FIXTURE / "export.csv", export)
    result = run_cli(
        "report", "--plan", PLAN, "--month", "2024-05", "--dossiers", export, "-o", export
    )
    assert result.exit_code == 2
    assert export.read_bytes() == (FIXTURE / "export.csv").read_bytes()


def test_a_snapshot_written_from_hostile_names_reads_back(run_cli: RunCli, tmp_path: Path) -> None:
    """An official's name or a dossier code with terminal controls or bidi marks in the
    export: the snapshot holds them neutralised, so `status` reads its own tool's output."""
    header = "ma_ho_so,kenh_nop,ngay_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_co_ket_qua,"
    header += "can_bo_xu_ly,phieu_xin_loi"
    rows = [
        f"C{i}\x07,Trực tuyến,01/10/2024 08:00,,10/10/2024,11/10/2024 08:00,"
        "\x1b[31mRED\x1b[0m\u202e,Không"
        for i in range(3)
    ]
    export = tmp_path / "inj.csv"
    export.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    snapshot = tmp_path / "m.yaml"
    result = run_cli(
        "dossiers", export, "--plan", PLAN, "--as-of", "2024-11-25", "--write-metrics", snapshot
    )
    assert result.exit_code == 0, result.stderr
    text = snapshot.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "ref: C0}" in text and "RED" in text
    result = run_cli("status", "--plan", PLAN, "--metrics", snapshot, "--as-of", "2024-11-25")
    assert result.exit_code == 1 and result.stderr == "", result.stderr


def test_an_export_with_no_dossier_reports_no_figure(run_cli: RunCli, tmp_path: Path) -> None:
    """A header-only export counts nothing: its snapshot must not say "0 violations" (met)."""
    export = tmp_path / "header.csv"
    export.write_text(
        "ma_ho_so,kenh_nop,ngay_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_co_ket_qua,"
        "can_bo_xu_ly,phieu_xin_loi\n",
        encoding="utf-8",
    )
    snapshot = tmp_path / "m.yaml"
    result = run_cli(
        "dossiers", export, "--plan", PLAN, "--as-of", "2024-11-25", "--write-metrics", snapshot
    )
    assert result.exit_code == 0, result.stderr
    values = yaml.safe_load(snapshot.read_text(encoding="utf-8"))["values"]
    assert values == {}, values
    result = run_cli("validate", PLAN, "--metrics", snapshot)
    assert result.exit_code == 0, result.stdout
