"""The verdict rules of metrics files (contract §2 "Numbers", §3), through the command line:
blanks are "not reported"; numbers are decimal and finite, percentages 0–100 and counts
whole and ≥ 0; files of one day merge and a conflict names both places; a check twice in a
CSV is an error; `done` is never after its snapshot's date; events run forward in time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, PLAN, RunCli

RULES = DATA / "metrics" / "rules"
ENGINE = DATA / "plans" / "valid" / "engine.yaml"
EARLIER = RULES / "engine-2024-06-01.yaml"


def checks_of(run_cli: RunCli, plan: Path, as_of: str, *metrics: Path) -> dict[str, Any]:
    """`status --format json`: each check by its id, and the whole payload under `_`."""
    args = [a for m in metrics for a in ("--metrics", m)]
    result = run_cli(
        "status", "--plan", plan, *args, "--as-of", as_of, "--format", "json", "--fail-on", "never"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    payload = json.loads(result.stdout)
    return {c["id"]: c for t in payload["tasks"] for c in t["checks"]} | {"_": payload}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def engine_file(tmp_path: Path, values: str, as_of: str = "2024-11-25") -> Path:
    return write(tmp_path, "m.yaml", f"plan: eng\nas_of: {as_of}\nvalues:\n{values}")


def refused(
    run_cli: RunCli,
    plan: Path,
    metrics: Path,
    line: str,
    *,
    as_of: str = "2024-11-25",
    lang: str = "en",
) -> None:
    """`validate` lists the problem `line` (exit 1); `status` stops on it (exit 2)."""
    result = run_cli("validate", plan, "--metrics", metrics, "--lang", lang)
    assert result.exit_code == 1, result.stdout
    assert line in result.stdout.splitlines(), result.stdout
    args = ("--metrics", metrics, "--as-of", as_of, "--lang", lang)
    result = run_cli("status", "--plan", plan, *args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert line in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- 1. blanks are "not reported" --------------------------------------------------------


def test_an_untouched_template_erases_nothing_reported_before(run_cli: RunCli) -> None:
    """V.2.a done on 12/06, reported on 30/06; on 25/11 the template is sent back as it
    was written (`parcheck template --as-of 2024-11-25`): V.2.a stays met."""
    template = RULES / "blank" / "2024-11-25.yaml"
    result = run_cli("validate", PLAN, "--metrics", template)
    assert result.exit_code == 0, result.stdout
    assert f"{template}: hợp lệ — 0 giá trị" in result.stdout
    got = checks_of(run_cli, PLAN, "2024-11-25", RULES / "blank")
    v2a = got["V.2.a"]
    assert (v2a["status"], v2a["actual"], v2a["detail"]) == ("met", "2024-06-12", "123/BC-SCT")
    assert got["_"]["snapshots"] == ["2024-06-30", "2024-11-25"]


def test_the_template_reads_back_as_an_empty_snapshot(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("template", "--plan", ENGINE, "--as-of", "2024-11-25")
    assert out.exit_code == 0
    assert "  II.3.wd: \n" in out.stdout  # an event check is left bare, not {events: []}
    assert "# Ô để trống là chưa báo cáo" in out.stdout
    template = write(tmp_path, "template.yaml", out.stdout)
    result = run_cli("validate", ENGINE, "--metrics", template)
    assert (result.exit_code, f"{template}: hợp lệ — 0 giá trị") == (
        0,
        result.stdout.splitlines()[1],
    )
    got = checks_of(run_cli, ENGINE, "2024-11-25", EARLIER, template)
    assert got["II.3.wd"]["status"] == "met"  # the event reported on 01/06 still counts
    assert got["II.1"]["actual"] == "2024-05-20"


@pytest.mark.parametrize(
    ("check", "blank"),
    [
        ("I.1.ge", '""'),
        ("I.1.ge", "[]"),
        ("I.1.ge", '{value: , note: ""}'),
        ("I.1.ge", '{value: , note: "KBNN chưa gửi"}'),
        ("I.1.ge", "{numerator: , denominator: }"),
        ("II.1", '{done: , evidence: ""}'),
        ("II.1", "{done: null}"),
        ("II.2.a", "{done: []}"),
        ("II.2.a", '{done: ""}'),
        ("II.3.wd", "{events: }"),
    ],
)
def test_a_blank_value_keeps_the_figure_reported_before(
    run_cli: RunCli, tmp_path: Path, check: str, blank: str
) -> None:
    before = checks_of(run_cli, ENGINE, "2024-11-25", EARLIER)[check]
    later = engine_file(tmp_path, f"  {check}: {blank}\n")
    result = run_cli("validate", ENGINE, "--metrics", later)
    assert f"{later}: hợp lệ — 0 giá trị" in result.stdout, result.stdout
    after = checks_of(run_cli, ENGINE, "2024-11-25", EARLIER, later)[check]
    assert (after["status"], after["actual"]) == (before["status"], before["actual"])
    assert after["status"] != "no_data"


def test_the_metrics_schema_takes_the_blanks(run_cli: RunCli) -> None:
    import jsonschema

    schema = json.loads(run_cli("schema", "metrics").stdout)
    blanks = {
        "I.1.ge": "",
        "I.1.gt": {"value": None, "note": ""},
        "I.1.eq": [],
        "II.1": {"done": None, "evidence": ""},
        "II.2.a": {"done": []},
        "II.3.wd": {"events": None},
    }
    data = {"plan": "eng", "as_of": "2024-11-25", "values": blanks}
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_an_empty_csv_value_cell_is_not_reported(run_cli: RunCli, tmp_path: Path) -> None:
    later = write(
        tmp_path,
        "m.csv",
        "check,value,as_of,note\nI.1.ge,,2024-11-25,\nII.1,,2024-11-25,\nII.2.a,,2024-11-25,\n"
        "I.1.gt,88,2024-11-25,\n",
    )
    got = checks_of(run_cli, ENGINE, "2024-11-25", EARLIER, later)
    assert (got["I.1.ge"]["actual"], got["II.1"]["status"], got["II.2.a"]["actual"]) == (
        85,
        "met",
        1,
    )
    assert got["I.1.gt"]["actual"] == 88


def test_events_empty_list_is_reported_and_a_bare_key_is_not(
    run_cli: RunCli, tmp_path: Path
) -> None:
    values = "  II.3.wd: {events: []}\n  II.3.cd: {events: }\n  II.3.wh:\n"
    got = checks_of(run_cli, ENGINE, "2024-11-25", engine_file(tmp_path, values))
    assert (got["II.3.wd"]["status"], got["II.3.wd"]["actual"]) == ("met", 0)
    assert got["II.3.cd"]["status"] == got["II.3.wh"]["status"] == "no_data"


def test_evidence_without_a_done_date_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    metrics = engine_file(tmp_path, '  II.1: {done: , evidence: "12/BC-TTS"}\n')
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:4:16: error PM027 'II.1' gives the document '12/BC-TTS' but no done date; "
        "fill in done: YYYY-MM-DD, or remove the document if it is not done yet",
    )
    metrics = engine_file(tmp_path, '  II.1: {evidence: "12/BC-TTS"}\n')
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:4:9: error PM027 'II.1' có văn bản '12/BC-TTS' nhưng thiếu ngày hoàn thành; "
        "điền ngày hoàn thành (dd/mm/yyyy), hoặc xóa văn bản nếu việc chưa xong",
        lang="vi",
    )
    csv = write(tmp_path, "m.csv", "check,value,as_of,note\nII.1,,2024-11-25,12/BC-TTS\n")
    refused(
        run_cli,
        ENGINE,
        csv,
        f"{csv}:2:6: error PM027 'II.1' gives the document '12/BC-TTS' but no done date; "
        "fill in done: YYYY-MM-DD, or remove the document if it is not done yet",
    )


# --- 2. numbers are decimal and finite --------------------------------------------------


def _base(written: str, base: int, reading: int) -> str:
    return (
        f"PM022 {written!r} is not a decimal number but a base-{base} one ({reading}); "
        f"write a decimal number, e.g. {reading}"
    )


def _yes_no(written: str) -> str:
    return f"PM024 {written!r} is a yes/no word, not a number; write a number (e.g. 0)"


def _not_finite(written: str) -> str:
    return (
        f"PM025 {written!r} is not a finite number; write a number, or leave it blank when "
        "there is no figure yet"
    )


FORMS = [
    ("1:20", _base("1:20", 60, 80)),
    ("0x50", _base("0x50", 16, 80)),
    ("0o17", _base("0o17", 8, 15)),
    ("0b101", _base("0b101", 2, 5)),
    ("1_000", "PM023 '1_000' has underscores between its digits; write 1000"),
    *((word, _yes_no(word)) for word in ("yes", "no", "on", "off", "y", "n", "true", "false")),
    *((word, _not_finite(word)) for word in (".nan", ".inf", "-.inf", "NaN", "Infinity")),
]


@pytest.mark.parametrize(("written", "message"), FORMS, ids=[f[0] for f in FORMS])
def test_yaml_1_1_numbers_are_refused_saying_what_to_write(
    run_cli: RunCli, tmp_path: Path, written: str, message: str
) -> None:
    metrics = engine_file(tmp_path, f"  I.1.ge: {written}\n")
    refused(run_cli, ENGINE, metrics, f"{metrics}:4:11: error {message}")
    metrics = engine_file(tmp_path, f"  I.1.ge: {{value: {written}, note: x}}\n")
    refused(run_cli, ENGINE, metrics, f"{metrics}:4:19: error {message}")
    if written not in ("true", "false"):  # CSV has no booleans: the same text
        csv = write(tmp_path, "m.csv", f"check,value,as_of,note\nI.1.ge,{written},2024-11-25,\n")
        refused(run_cli, ENGINE, csv, f"{csv}:2:8: error {message}")


def test_long_cells_are_read_in_linear_time(run_cli: RunCli, tmp_path: Path) -> None:
    """A guard for the forms above: 100,000 zeros, underscores or colons in a CSV cell are
    one problem at once (a backtracking pattern took minutes)."""
    import time

    cells = ["0" * 100_000 + "x", "1" + "_" * 100_000 + "x", "1:" * 50_000 + "x"]
    rows = "".join(f"I.1.ge,{cell},2024-11-2{i},\n" for i, cell in enumerate(cells))
    csv = write(tmp_path, "m.csv", "check,value,as_of,note\n" + rows)
    start = time.perf_counter()
    result = run_cli("validate", ENGINE, "--metrics", csv)
    assert time.perf_counter() - start < 5
    assert result.stdout.count("error PM003 ") == 3


def test_the_messages_are_vietnamese_by_default(run_cli: RunCli, tmp_path: Path) -> None:
    metrics = engine_file(tmp_path, "  I.1.ge: 0x50\n  I.2.b: -4\n")
    result = run_cli("validate", ENGINE, "--metrics", metrics)
    assert result.stdout.splitlines()[1:3] == [
        f"{metrics}:4:11: error PM022 '0x50' không phải số thập phân mà là số hệ 16 (bằng 80); "
        "viết số thập phân, ví dụ 80",
        f"{metrics}:5:10: error PM026 'I.2.b' đếm tiêu chí: cần số nguyên từ 0 trở lên, gặp -4",
    ]


def test_x5_minus_4_is_refused_not_a_bonus(run_cli: RunCli) -> None:
    metrics = RULES / "x5-negative.yaml"
    refused(
        run_cli,
        PLAN,
        metrics,
        f"{metrics}:4:8: error PM026 'X.5' counts tiêu chí: a whole number of 0 or more is "
        "needed, found -4",
    )


@pytest.mark.parametrize(
    ("value", "shown"), [("2.5", "2.5"), ('"-1"', "-1"), ("{value: 1.5}", "1.5"), ("-0.5", "-0.5")]
)
def test_counts_are_whole_and_not_negative(
    run_cli: RunCli, tmp_path: Path, value: str, shown: str
) -> None:
    metrics = engine_file(tmp_path, f"  I.1.eq: {value}\n")
    result = run_cli("validate", ENGINE, "--metrics", metrics, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"error PM026 'I.1.eq' counts trường hợp: a whole number of 0 or more is needed, "
        f"found {shown}" in result.stdout
    )
    csv = write(tmp_path, "m.csv", f"check,value,as_of,note\nI.2.a,{shown},2024-11-25,\n")
    result = run_cli("validate", ENGINE, "--metrics", csv, "--lang", "en")
    assert f"{csv}:2:7: error PM026 'I.2.a' counts tiêu chí" in result.stdout


def test_whole_counts_and_zero_are_read(run_cli: RunCli, tmp_path: Path) -> None:
    """-0.0 is 0 (not "-0.0" in the JSON); 2.0 is a whole number."""
    got = checks_of(
        run_cli, ENGINE, "2024-11-25", engine_file(tmp_path, "  I.1.eq: -0.0\n  I.2.a: 2.0\n")
    )
    assert (got["I.1.eq"]["actual"], got["I.1.eq"]["status"], got["I.2.a"]["points"]) == (
        0,
        "met",
        1.0,
    )
    assert "-0.0" not in json.dumps(got["I.1.eq"])


def test_no_infinity_reaches_the_json(run_cli: RunCli, tmp_path: Path) -> None:
    """A ratio of two finite numbers whose quotient overflows was a count of Infinity."""
    metrics = engine_file(tmp_path, "  I.1.eq: {numerator: 1.0e+300, denominator: 1.0e-300}\n")
    result = run_cli(
        "status",
        "--plan",
        ENGINE,
        "--metrics",
        metrics,
        "--as-of",
        "2024-11-25",
        "--format",
        "json",
    )
    assert result.exit_code == 2
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    assert f"{metrics}:4:23: error PM003 " in result.stderr


def test_json_documents_refuse_nan() -> None:
    from parcheck.safety.text import json_document

    for number in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="JSON"):
            json_document({"actual": number})


# --- 3. files of one day merge; a conflict names both places ----------------------------


def test_files_of_one_day_merge(run_cli: RunCli) -> None:
    a = RULES / "merge" / "a-van-phong.yaml"
    b = RULES / "merge" / "b-thanh-tra.yaml"
    for order in ((a, b), (b, a)):
        got = checks_of(run_cli, PLAN, "2024-11-25", *order)
        assert (got["VI.3"]["actual"], got["III.6"]["actual"], got["II.3.a"]["actual"]) == (
            72.4,
            98.5,
            90,
        )
        assert got["VI.3"]["detail"] == "số liệu KBNN"  # the same, whichever file is first
        assert got["_"]["snapshots"] == ["2024-11-25"]


def test_two_values_of_one_day_are_an_error_naming_both_places(run_cli: RunCli) -> None:
    a = RULES / "merge" / "a-van-phong.yaml"
    c = RULES / "merge" / "c-ke-hoach.csv"
    refused(
        run_cli,
        PLAN,
        RULES / "merge",
        f"{c}:2:7: error PM028 'III.6' on 25/11/2024 has two different values: 97 here; "
        f"98.5 at {a}:6:10",
    )
    for first, second in ((a, c), (c, a)):  # either order: an error, never a choice
        result = run_cli(
            "status",
            "--plan",
            PLAN,
            "--metrics",
            first,
            "--metrics",
            second,
            "--as-of",
            "2024-11-25",
        )
        assert result.exit_code == 2
        assert "PM028 'III.6' ngày 25/11/2024 có hai giá trị khác nhau" in result.stderr
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", c, "--metrics", a, "--as-of", "2024-11-25"
    )
    assert (
        f"{a}:6:10: error PM028 'III.6' ngày 25/11/2024 có hai giá trị khác nhau: 98,5 ở đây; "
        f"97 ở {c}:2:7" in result.stderr.splitlines()
    )


def test_a_conflict_between_two_yaml_files(run_cli: RunCli, tmp_path: Path) -> None:
    one = write(
        tmp_path, "one.yaml", "plan: eng\nas_of: 2024-11-25\nvalues:\n  II.1: {done: 2024-06-14}\n"
    )
    two = write(
        tmp_path,
        "two.yaml",
        "plan: eng\nas_of: 25/11/2024\nvalues:\n  I.1.gt: 90\n  II.1: {done: 2024-06-17}\n",
    )
    result = run_cli("validate", ENGINE, "--metrics", one, "--metrics", two, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"{two}:5:9: error PM028 'II.1' on 25/11/2024 has two different values: "
        f"done 17/06/2024 here; done 14/06/2024 at {one}:4:9" in result.stdout
    )


def test_two_ids_of_one_fact_conflict(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks shared by two tasks (X.4 and III.4.b) are one fact: `PlanChecks.fact` maps
    both ids to one, and their values are compared as one check's."""
    from parcheck.figures.values import PlanChecks

    monkeypatch.setattr(PlanChecks, "fact", lambda self, ident: ident.replace("I.1.ge", "I.1.gt"))
    metrics = engine_file(tmp_path, "  I.1.gt: 90\n  I.1.ge: 91\n")
    result = run_cli("validate", ENGINE, "--metrics", metrics, "--lang", "en")
    assert (
        f"{metrics}:5:11: error PM028 'I.1.ge' on 25/11/2024 has two different values: 91 here; "
        f"90 (I.1.gt) at {metrics}:4:11" in result.stdout
    )
    same = engine_file(tmp_path, "  I.1.gt: 90\n  I.1.ge: 90\n")
    assert run_cli("validate", ENGINE, "--metrics", same).exit_code == 0


# --- 4. a check twice in one file --------------------------------------------------------


def test_a_check_twice_in_one_csv_is_an_error_naming_both_rows(run_cli: RunCli) -> None:
    csv = RULES / "vi3-twice.csv"
    refused(
        run_cli,
        PLAN,
        csv,
        f"{csv}:4:1: error PM029 'VI.3' for 25/11/2024 is already on line 2; one row per check "
        "and day (only a recurring duty may take a row per submission)",
    )


def test_the_same_value_twice_in_a_csv_is_an_error_too(run_cli: RunCli, tmp_path: Path) -> None:
    csv = write(
        tmp_path, "m.csv", "check,value,as_of,note\nI.1.ge,85,2024-11-25,\nI.1.ge,85,2024-11-25,\n"
    )
    result = run_cli("validate", ENGINE, "--metrics", csv)
    assert result.exit_code == 1
    assert f"{csv}:3:1: error PM029 'I.1.ge' ngày 25/11/2024 đã có ở dòng 2; " in result.stdout


def test_a_recurring_duty_may_take_a_row_per_submission(run_cli: RunCli) -> None:
    got = checks_of(run_cli, PLAN, "2024-11-25", RULES / "org1-rows.csv")
    assert got["ORG.1"]["actual"] == 2  # 25/10 and 25/11, one row each
    assert got["ORG.1"]["status"] == "pending"  # today's done: the next one is on 25/12


def test_a_check_twice_in_one_yaml_file_is_a_duplicate_key(run_cli: RunCli, tmp_path: Path) -> None:
    """Already refused by the YAML reader (this pins it, equal values included)."""
    metrics = engine_file(tmp_path, "  I.1.ge: 85\n  I.1.ge: 85\n")
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:5:3: error PC011 duplicate key 'I.1.ge' (first at line 4)",
    )


# --- 5. done is never after its snapshot's date -----------------------------------------


@pytest.mark.parametrize(
    ("values", "where", "field", "day"),
    [
        ("  II.1: {done: 2024-06-30}\n", "4:16", "done", "30/06/2024"),
        ("  II.2.a: {done: [2024-05-24, 2024-06-25]}\n", "4:31", "done", "25/06/2024"),
        ("  II.3.wd:\n    events:\n      - {start: 2024-06-21}\n", "6:17", "start", "21/06/2024"),
        (
            "  II.3.wd:\n    events:\n      - {start: 2024-06-14, done: 2024-06-21}\n",
            "6:35",
            "done",
            "21/06/2024",
        ),
        (
            '  II.3.wh: {events: [{start: "2024-06-20 16:10", done: "2024-06-21 08:00"}]}\n',
            "4:56",
            "done",
            "21/06/2024",
        ),
    ],
)
def test_a_day_after_the_snapshots_date_is_an_error(
    run_cli: RunCli, tmp_path: Path, values: str, where: str, field: str, day: str
) -> None:
    metrics = engine_file(tmp_path, values, as_of="2024-06-20")
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:{where}: error PM030 {field} {day} is after the file's as_of 20/06/2024: "
        "figures of 20/06/2024 cannot hold what happened later",
        as_of="2024-06-20",
    )


def test_a_day_after_a_csv_rows_date_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    csv = write(
        tmp_path,
        "m.csv",
        "check,value,as_of,note\nII.1,2024-06-30,2024-06-20,7/BC\nII.2.a,2024-05-24;2024-06-25,2024-06-20,\n",
    )
    result = run_cli("validate", ENGINE, "--metrics", csv)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:3] == [
        f"{csv}:2:6: error PM030 ngày hoàn thành 30/06/2024 sau ngày số liệu 20/06/2024 "
        "của tệp: số liệu ngày 20/06/2024 chưa thể có việc của ngày sau",
        f"{csv}:3:8: error PM030 ngày hoàn thành 25/06/2024 sau ngày số liệu 20/06/2024 "
        "của tệp: số liệu ngày 20/06/2024 chưa thể có việc của ngày sau",
    ]
    # the day of the snapshot itself is fine
    values = (
        "  II.1: {done: 2024-06-15}\n  II.3.cd: {events: [{start: 2024-06-12, done: 2024-06-15}]}\n"
    )
    got = checks_of(
        run_cli, ENGINE, "2024-06-15", engine_file(tmp_path, values, as_of="2024-06-15")
    )
    assert (got["II.1"]["status"], got["II.3.cd"]["status"]) == ("met", "met")


# --- 6. events run forward in time ------------------------------------------------------


def test_an_event_done_before_it_started_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    values = (
        '  II.3.wh:\n    events:\n      - {start: "2024-05-03 16:10", done: "2024-05-03 09:00"}\n'
    )
    metrics = engine_file(tmp_path, values)
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:6:43: error PM031 the event is done (03/05/2024 09:00) before it starts "
        "(03/05/2024 16:10); check both dates",
    )
    metrics = engine_file(
        tmp_path, "  II.3.wd: {events: [{start: 2024-06-20, done: 2024-06-10}]}\n"
    )
    refused(
        run_cli,
        ENGINE,
        metrics,
        f"{metrics}:4:48: error PM031 sự kiện hoàn thành (10/06/2024) trước khi bắt đầu "
        "(20/06/2024); kiểm tra lại hai ngày",
        lang="vi",
    )
    # done on the day it started, as a bare date: the end of that day, after the start
    values = '  II.3.wh: {events: [{start: "2024-05-03 16:10", done: 2024-05-03}]}\n'
    got = checks_of(run_cli, ENGINE, "2024-11-25", engine_file(tmp_path, values))
    assert got["II.3.wh"]["status"] == "met"
