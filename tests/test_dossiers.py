"""`parcheck dossiers` on a hand-computed export: every figure of contract §7 against
tests/data/dossiers/expected.yaml, whose every line was worked out by hand (nothing there
comes from parcheck), and the boundaries of the rules on small exports built here."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, PLAN, RunCli

FIXTURE = DATA / "dossiers"
EXPECTED = yaml.safe_load((FIXTURE / "expected.yaml").read_text(encoding="utf-8"))
AS_OF = "2024-05-15"
HEADER = "Mã hồ sơ,Kênh nộp,Ngày nộp,Ngày tiếp nhận,Hạn trả kết quả,Ngày có kết quả,Cán bộ xử lý"


def figures(run_cli: RunCli, *args: str | Path) -> dict[str, Any]:
    result = run_cli("dossiers", *args, "--plan", PLAN, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def hand() -> dict[str, Any]:
    return EXPECTED  # type: ignore[no-any-return]


@pytest.fixture
def found(run_cli: RunCli) -> dict[str, Any]:
    return figures(run_cli, FIXTURE / "export.csv", "--as-of", AS_OF)


def test_rows_are_counted_or_rejected_never_dropped(found: dict[str, Any], hand: Any) -> None:
    assert found["rows"] == hand["totals"]["rows"] == 45
    assert found["counted"] == hand["totals"]["counted"] == len(hand["dossiers"]) == 34
    assert found["rows"] == found["counted"] + len(found["rejected"])
    assert found["as_of"] == AS_OF and found["timeliness_rule"] == "766"


def test_each_rejected_row_has_its_row_column_and_reason(found: dict[str, Any], hand: Any) -> None:
    rejected = {r["row"]: r for r in found["rejected"]}
    assert sorted(rejected) == sorted(hand["rejected"])
    for row, want in hand["rejected"].items():
        got = rejected[row]
        assert (got["code"], got["column"]) == (want["code"], want["column"]), row
        assert [f["code"] for f in got["faults"]] == [want["code"], *want.get("also", [])]
        assert got["reason"]
    assert rejected[39]["reason"] == "mã hồ sơ 'H34-24-A01' trùng với dòng 2"
    assert rejected[44]["reason"] == "nộp sau ngày tính 15/05/2024 (20/05/2024 08:00)"
    assert rejected[37]["value"] == "31/02/2024 08:00"


def test_timeliness_by_decision_766(found: dict[str, Any], hand: Any) -> None:
    labels = Counter(d["timeliness"] for d in hand["dossiers"].values())
    t = found["timeliness"]
    assert {k: t[k] for k in labels} == dict(labels) == hand["totals"]["timeliness"]
    assert t["rate"] == pytest.approx(hand["totals"]["rate_766"], abs=0.005)
    assert (t["numerator"], t["denominator"]) == (28, 34)
    late = {
        row: d["timeliness"]
        for row, d in hand["dossiers"].items()
        if d["timeliness"] in ("late", "open_late")
    }
    assert {d["row"]: d["status"] for d in t["late_dossiers"]} == late


def test_timeliness_of_finished_dossiers(run_cli: RunCli, hand: Any) -> None:
    found = figures(run_cli, FIXTURE / "export.csv", "--as-of", AS_OF, "--timeliness", "finished")
    t = found["timeliness"]
    assert found["timeliness_rule"] == "finished"
    assert (t["numerator"], t["denominator"]) == (20, 26)
    assert t["rate"] == pytest.approx(hand["totals"]["rate_finished"], abs=0.005)
    assert t["early"] == 11 and t["open"] == 8  # the counts are the same; the rate is not


def test_online_intake_in_working_hours(found: dict[str, Any], hand: Any) -> None:
    online = {row: d for row, d in hand["dossiers"].items() if "intake" in d}
    labels = Counter(d["intake"] for d in online.values())
    intake = found["online_intake"]
    assert intake["checked"] == len(online) == hand["totals"]["intake"]["checked"]
    assert {k: intake[k] for k in labels} == dict(labels)
    assert intake["limit_hours"] == 8
    late = {row: d for row, d in online.items() if d["intake"] == "late"}
    assert intake["late_codes"] == [d["code"] for d in late.values()]
    got = {d["row"]: (d["hours"], d["accepted"]) for d in intake["late_dossiers"]}
    assert got == {row: (d["hours"], d.get("accepted", True)) for row, d in late.items()}


def test_officials_at_ten_percent_and_below(found: dict[str, Any], hand: Any) -> None:
    officials = found["officials"]
    assert [o["name"] for o in officials] == [o["name"] for o in hand["totals"]["officials"]]
    for got, want in zip(officials, hand["totals"]["officials"], strict=True):
        assert (got["handled"], got["late"], got["flagged"]) == (
            want["handled"],
            want["late"],
            want["flagged"],
        ), want["name"]
        if want["share"] is None:
            assert got["share"] is None
        else:
            assert got["share"] == pytest.approx(want["share"], abs=0.005)


def test_digitised_pauses_apologies_supplements(found: dict[str, Any], hand: Any) -> None:
    totals = hand["totals"]
    assert {k: found["digitised"][k] for k in ("count", "total")} == totals["digitised"]
    assert found["digitised"]["rate"] == pytest.approx(100 * 30 / 34)
    pauses = found["pauses"]
    assert pauses["count"] == totals["pauses"]["count"]
    assert {v["row"]: v["missing"] for v in pauses["violations"]} == totals["pauses"]["violations"]
    assert found["apologies"]["late"] == totals["apologies"]["late"]
    assert [d["row"] for d in found["apologies"]["missing"]] == totals["apologies"]["missing"]
    over = found["supplements"]["over_once"]
    assert {d["row"]: d["count"] for d in over} == totals["supplements"]
    codes = {row: d["code"] for row, d in hand["dossiers"].items()}
    assert all(d["code"] == codes[d["row"]] for d in over + found["apologies"]["missing"])


def test_json_holds_the_fields_of_the_contract(found: dict[str, Any]) -> None:
    contract = {
        "rows": None,
        "counted": None,
        "rejected": ["row", "reason"],
        "timeliness": ["early", "on_time", "late", "open_late", "open", "rate"],
        "online_intake": ["checked", "late", "late_codes"],
        "officials": ["name", "handled", "late", "share", "flagged"],
        "digitised": ["count", "total", "rate"],
        "pauses": ["count", "violations"],
        "apologies": ["late", "missing"],
        "supplements": ["over_once"],
    }
    for key, fields in contract.items():
        assert key in found
        value = found[key]
        if fields is None:
            assert isinstance(value, int)
            continue
        for item in value if isinstance(value, list) else [value]:
            assert set(fields) <= set(item), key
    source = found["sources"][0]
    assert len(source["sha256"]) == 64 and source["rows"] == 45 and source["format"] == "csv"


def _export(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_an_official_at_9_9_percent_is_not_flagged_at_10_percent_is(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """9.9 % exactly needs 99 late of 1,000 handled; 10 % is 100 of 1,000."""
    rows = []
    for name, late in (("Cán bộ X", 99), ("Cán bộ Y", 100)):
        for i in range(1000):
            finished = "12/04/2024" if i < late else "10/04/2024"  # due 11/04
            rows.append(
                f"{name[-1]}{i},Trực tiếp,08/04/2024 08:00,08/04/2024 08:10,11/04/2024,"
                f"{finished},{name}"
            )
    found = figures(run_cli, _export(tmp_path, rows), "--as-of", "2024-05-15")
    x, y = found["officials"]
    assert (x["handled"], x["late"], x["share"], x["flagged"]) == (1000, 99, 9.9, False)
    assert (y["handled"], y["late"], y["share"], y["flagged"]) == (1000, 100, 10.0, True)


def test_a_semicolon_export_with_a_bom_and_crlf(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = HEADER.replace(",", ";") + "\r\n" + "A1;2;15/03/2024 16:00;;22/03/2024;;Cán bộ X\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    found = figures(run_cli, path, "--as-of", "2024-03-15")
    assert (found["rows"], found["counted"]) == (1, 1)
    assert found["online_intake"]["pending"] == 1  # 1 h by the end of Friday 15/03
    assert found["timeliness"]["open"] == 1
    assert found["officials"][0]["name"] == "Cán bộ X"
