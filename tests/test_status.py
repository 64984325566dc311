"""`parcheck status` on the shipped plan and example metrics, as the secretary runs it."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import PLAN, ROOT, RunCli

METRICS = ROOT / "metrics"
STATUS = ("status", "--plan", PLAN, "--metrics", METRICS, "--as-of", "2024-11-25")
CHECK = {
    "type": "object",
    "required": [
        "id",
        "kind",
        "status",
        "target",
        "actual",
        "gap",
        "due",
        "days_left",
        "rrule",
        "points",
    ],
    "properties": {
        "kind": {"enum": ["threshold", "deliverable", "recurring", "event"]},
        "status": {
            "enum": ["met", "not_met", "overdue", "at_risk", "due_soon", "no_data", "pending"]
        },
        "due": {"type": ["string", "null"]},
        "days_left": {"type": ["integer", "null"]},
    },
}
CONTRACT = {
    "type": "object",
    "required": ["plan", "as_of", "summary", "score", "tasks"],
    "properties": {
        "summary": {
            "type": "object",
            "required": ["met", "not_met", "overdue", "at_risk", "due_soon", "no_data", "pending"],
        },
        "score": {"type": "object", "required": ["bonus", "deduction", "net"]},
        "tasks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "section", "title", "lead", "support", "status", "checks"],
                "properties": {"checks": {"type": "array", "items": CHECK}},
            },
        },
    },
}


def run_json(run_cli: RunCli, *extra: str) -> dict[str, object]:
    result = run_cli(*STATUS, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_matches_the_contract(run_cli: RunCli) -> None:
    payload = run_json(run_cli)
    jsonschema.validate(payload, CONTRACT)
    assert payload["plan"] == "kh2024"
    assert payload["as_of"] == "2024-11-25"
    tasks = {t["id"]: t for t in payload["tasks"]}  # type: ignore[attr-defined]
    vi3 = tasks["VI.3"]["checks"][0]
    assert vi3 == vi3 | {
        "status": "at_risk",
        "actual": 78.4,
        "gap": -6.6,
        "due": "2024-12-15",
        "days_left": 20,
        "target": {"op": ">=", "value": 85.0, "unit": "%"},
    }
    score = {
        "bonus": 1.0,
        "deduction": -0.5,
        "net": 0.5,
        "criteria_total": 11,
        "criteria_with_points": 2,
    }
    assert payload["score"] == score
    assert sum(payload["summary"].values()) == 45  # type: ignore[attr-defined]


def test_shipped_data_shows_a_mix_of_verdicts(run_cli: RunCli) -> None:
    payload = run_json(run_cli)
    statuses = {c["status"] for t in payload["tasks"] for c in t["checks"]}  # type: ignore[attr-defined]
    assert statuses == {"met", "not_met", "overdue", "at_risk", "due_soon", "no_data", "pending"}


def test_fail_on(run_cli: RunCli) -> None:
    args = STATUS
    assert run_cli(*args).exit_code == 1
    assert run_cli(*args, "--fail-on", "never").exit_code == 0
    assert run_cli(*args, "--only", "met", "--fail-on", "yellow").exit_code == 0


def test_filters(run_cli: RunCli) -> None:
    payload = run_json(run_cli, "--unit", "Thanh tra Sở")
    ids = [t["id"] for t in payload["tasks"]]  # type: ignore[attr-defined]
    assert "II.1" in ids and "VI.3" not in ids
    payload = run_json(run_cli, "--section", "vi")
    assert [t["id"] for t in payload["tasks"]] == ["VI.1", "VI.2", "VI.3"]  # type: ignore[attr-defined]
    payload = run_json(run_cli, "--only", "overdue")
    assert all(t["status"] == "overdue" for t in payload["tasks"])  # type: ignore[attr-defined]


def test_grouped_by_unit(run_cli: RunCli) -> None:
    by_unit = run_cli(*STATUS, "--by", "unit", "--fail-on", "never").stdout
    lines = {line.strip() for line in by_unit.splitlines()}
    assert {"Thanh tra Sở", "Văn phòng Sở", "Các phòng chuyên môn"} <= lines
    by_section = run_cli(*STATUS, "--fail-on", "never").stdout
    assert "Thanh tra Sở" not in {line.strip() for line in by_section.splitlines()}


def test_bad_filter_is_exit_2(run_cli: RunCli) -> None:
    args = STATUS
    assert run_cli(*args, "--unit", "Phòng Không Có").exit_code == 2
    assert run_cli(*args, "--only", "red").exit_code == 2
    assert run_cli(*args[:-1], "30/02/2024").exit_code == 2


def test_table_in_english_shows_words_not_only_colour(run_cli: RunCli) -> None:
    result = run_cli(
        *STATUS,
        "--lang",
        "en",
        "--section",
        "VI",
        "--fail-on",
        "never",
    )
    assert result.exit_code == 0
    assert "▲ At risk" in result.stdout
    assert "\x1b[" not in result.stdout


def test_hostile_text_stays_text(run_cli: RunCli, tmp_path: object) -> None:
    from pathlib import Path

    metrics = Path(str(tmp_path)) / "m.yaml"
    metrics.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n"
        '  VI.3: {value: 72.4, note: "[red]x|y\\n::error::z"}\n',
        encoding="utf-8",
    )
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", metrics, "--as-of", "2024-11-25", "--format", "json"
    )
    vi3 = next(t for t in json.loads(result.stdout)["tasks"] if t["id"] == "VI.3")
    assert vi3["checks"][0]["detail"] == "[red]x|y\n::error::z"  # as written, JSON-escaped
    assert "\n::" not in result.stdout


def test_template_lists_every_check(run_cli: RunCli) -> None:
    result = run_cli("template", "--plan", PLAN, "--as-of", "2024-11-25")
    assert result.exit_code == 0
    assert "  VI.3: \n" in result.stdout
    assert "  ORG.1: {done: []}" in result.stdout
    assert result.stdout.count("\n  # ") >= 62
