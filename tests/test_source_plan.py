"""The shipped plan holds every row of the source plan, verbatim, and every duty of the plan
body; every commitment has a check, and every check quotes the source's words it rests on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from parcheck.engine.calendar import WorkCalendar
from parcheck.plan.load import load_plan
from parcheck.plan.model import AnyCheck, Plan, Task
from tests.conftest import PLAN, RunCli
from tests.source_plan import (
    SHARED,
    SOURCE_PLAN,
    fold,
    lines,
    quotations,
    read_duties,
    read_rows,
    source_words,
)

ROWS = read_rows()
DUTIES = read_duties()
WORDS = source_words()
COLUMNS = ("task", "result", "schedule", "assignment", "remark")


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_plan(PLAN)
    assert loaded.plan is not None
    return loaded.plan


def tasks(plan: Plan) -> dict[str, Task]:
    return {task.id: task for task in plan.tasks()}


def checks(plan: Plan) -> dict[str, AnyCheck]:
    return {check.id: check for task in plan.tasks() for check in task.checks}


def test_source_plan_is_in_the_repository() -> None:
    assert SOURCE_PLAN.exists(), f"the source plan is expected at {SOURCE_PLAN}"


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared beside this clone")
def test_the_copy_is_the_shared_source_plan() -> None:
    assert SOURCE_PLAN.read_bytes() == SHARED.read_bytes()


def test_source_plan_has_39_rows_in_its_own_numbering() -> None:
    assert len(ROWS) == 39
    assert not any(key.startswith("IV.") for key in ROWS)  # the source plan has no section IV
    assert list(ROWS)[:4] == ["I.1", "I.2", "I.3", "I.4"]
    assert list(ROWS)[-1] == "X.5"


def test_bullets_split_by_a_page_break_are_read_as_separate_lines() -> None:
    # III.4 and V.5 each carry on over a page break with a new list item
    assert "+ Yêu cầu bổ sung hồ sơ tối đa không quá 01 lần" in lines(ROWS["III.4"].columns[3])[2]
    assert lines(ROWS["V.5"].columns[3])[1].startswith("- Văn phòng Sở theo dõi, đôn đốc")
    # while a sentence cut by a page break goes on on the same line
    assert "tại cuộc họp giao ban kết quả thực hiện" in ROWS["I.2"].columns[3]


def test_section_iii_of_the_plan_body_has_eight_duties() -> None:
    assert [d.where for d in DUTIES] == [
        "III.1 ý 1",
        "III.1 ý 2",
        "III.1 ý 3",
        "III.1 ý 4",
        "III.1 ý 5",
        "III.2 ý 1",
        "III.2 ý 2",
        "III.3 ý 1",
    ]
    assert DUTIES[4].text.startswith("Định kỳ vào ngày 25 hằng tháng")
    assert DUTIES[5].text.endswith("đối với các nhiệm vụ được giao.")


def test_every_source_plan_row_is_a_task(plan: Plan) -> None:
    assert set(ROWS) <= set(tasks(plan))
    extra = set(tasks(plan)) - set(ROWS)
    # ORG.6 is not used: the duty it would be has no product (a plan note says why)
    assert extra == {f"ORG.{n}" for n in (1, 2, 3, 4, 5, 7)}


@pytest.mark.parametrize("row_id", list(ROWS))
def test_row_text_is_verbatim(plan: Plan, row_id: str) -> None:
    """Line by line: a bullet joined to the one before it, or a text cut off, differs."""
    task = tasks(plan)[row_id]
    for name, source in zip(COLUMNS, ROWS[row_id].columns, strict=True):
        assert lines(getattr(task, name)) == lines(source), f"{row_id} {name}"


def duty_of(task: Task) -> int:
    """The index in DUTIES of the duty an ORG task copies (its text, line for line)."""
    found = [i for i, duty in enumerate(DUTIES) if lines(duty.text) == lines(task.task)]
    assert len(found) == 1, f"{task.id}: its text is not one duty of section III, verbatim"
    return found[0]


def test_org_tasks_copy_the_duties_of_section_iii_verbatim(plan: Plan) -> None:
    org = [task for task in plan.tasks() if task.id.startswith("ORG.")]
    for task in org:
        duty = DUTIES[duty_of(task)]
        assert task.assignment == duty.heading, f"{task.id}: who, as section III names it"
        # the schedule is the duty's own words, or nothing when it names no time
        assert fold(task.schedule) in fold(duty.text), f"{task.id}: schedule not in its duty"
        assert any(duty.where.replace("III.", "mục ").split(" ý")[0] in n for n in task.notes)
    assert tasks(plan)["ORG.1"].schedule == "Định kỳ vào ngày 25 hằng tháng"
    assert tasks(plan)["ORG.2"].schedule == "trong các cuộc họp giao ban hàng tuần"


def test_every_duty_of_section_iii_has_a_check_or_a_stated_reason(plan: Plan) -> None:
    """A duty of section III is an ORG task (with its checks), or a plan note quotes it and
    says why it has none (part 3 is a request to the Party cells, not a unit's duty)."""
    copied = {duty_of(task) for task in plan.tasks() if task.id.startswith("ORG.")}
    quoted = [piece for note in plan.notes for piece in quotations(note)]
    for i, duty in enumerate(DUTIES):
        if i in copied:
            continue
        said = fold(f"{duty.heading} {duty.text}")
        assert any(len(piece) > 40 and piece in said for piece in quoted), duty.where
    assert len(copied) == 6  # III.1 ý 4 and III.3 are quoted in plan notes


def test_every_check_quotes_the_source_words_it_rests_on(plan: Plan) -> None:
    for check in checks(plan).values():
        assert check.note, f"{check.id}: no note tracing it to the source plan"
        assert quotations(check.note), f"{check.id}: its note quotes nothing of the source"


def test_every_quotation_in_the_plan_is_the_source_plans_words(plan: Plan) -> None:
    notes = list(plan.notes)
    for task in plan.tasks():
        notes += [f"{task.id}: {note}" for note in task.notes]
        notes += [f"{c.id}: {c.note}" for c in task.checks if c.note]
    missing = [
        (note.split(":")[0], piece)
        for note in notes
        for piece in quotations(note)
        if piece not in WORDS
    ]
    assert missing == []


def test_section_titles(plan: Plan) -> None:
    titles = {section.id: section.title for section in plan.sections}
    assert titles["IX"] == "CÁC TIÊU CHÍ VỀ ĐIỂM THƯỞNG"
    assert "IV" not in titles


@pytest.mark.parametrize(
    ("check_id", "kind", "detail"),
    [
        ("I.1", "threshold", (">=", 100.0, "%", "continuous")),
        ("VI.3", "threshold", (">=", 85.0, "%", "2024-12-15")),
        ("VIII.1.a", "threshold", (">", 87.0, "%", "2024-12-31")),
        ("VII.4", "threshold", (">=", 80.0, "%", "2024-12-31")),
        ("V.3", "threshold", ("==", 0.0, "trường hợp", "continuous")),
        ("I.3", "threshold", (">=", 2.0, "sáng kiến", "2024-06-30")),
        ("III.4.f", "threshold", ("==", 0.0, "hồ sơ", "continuous")),
        ("III.4.g", "threshold", ("==", 0.0, "hồ sơ", "continuous")),
        ("VI.2.a", "threshold", (">=", 10.0, "%", "2024-12-31")),
        ("VII.5.a", "threshold", (">=", 100.0, "%", "2024-11-30")),
        ("I.4.c", "deliverable", "2024-12-31"),
        ("I.4.d", "deliverable", "2024-12-31"),
        ("V.2.a", "deliverable", "2024-06-15"),
        ("V.2.b", "deliverable", "2024-11-15"),
        ("V.4.a", "deliverable", "2024-11-30"),
        ("V.4.b", "deliverable", "2024-11-30"),
        ("VI.2.b", "deliverable", "2024-12-31"),
        ("VII.5.b", "deliverable", "2024-11-30"),
        ("X.1", "deliverable", "2024-12-20"),
        ("III.1.b", "deliverable", "2024-07-25"),
        ("ORG.1", "recurring", "FREQ=MONTHLY;BYMONTHDAY=25"),
        ("ORG.2", "recurring", "FREQ=WEEKLY;BYDAY=FR"),
        ("I.2.b", "recurring", "FREQ=WEEKLY;BYDAY=FR"),
        ("I.4.a", "recurring", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("I.4.e", "recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
        ("III.2.b", "event", (5, "working_days")),
        ("V.5", "event", (5, "calendar_days")),
        ("III.4.b", "event", (8, "working_hours")),
    ],
)
def test_checks_encode_the_source_plan(
    plan: Plan, check_id: str, kind: str, detail: object
) -> None:
    check = checks(plan)[check_id]
    assert check.kind == kind
    if check.kind == "threshold":
        due = check.due if check.due == "continuous" else check.due.isoformat()
        got: object = (check.target.op, check.target.value, check.target.unit, due)
    elif check.kind == "deliverable":
        got = check.due.isoformat()
    elif check.kind == "recurring":
        got = check.rrule
    else:
        assert check.kind == "event"
        got = (check.limit.amount, check.limit.unit)
    assert got == detail


@pytest.mark.parametrize(
    ("check_id", "words"),
    [
        # commitments that had no check
        ("I.4.c", "người đứng đầu cơ quan, đơn vị năm 2023 và năm 2024"),
        ("I.4.d", "đánh giá cuối năm"),
        ("I.4.e", "đưa vào đánh giá hằng quý"),
        ("III.4.f", "bằng Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        ("III.4.g", "bằng Phiếu từ chối tiếp nhận, giải quyết hồ sơ"),
        ("V.4.a", "Kế hoạch, báo cáo"),
        ("VII.5.b", "Mục tiêu và Kế hoạch thực hiện mục tiêu chất lượng năm 2024"),
        ("VI.2.b", "báo cáo kết quả thực hiện về Sở Tài chính theo quy định"),
        ("ORG.3", "bảo đảm tất cả công chức, viên chức, người lao động"),
        ("ORG.4", "Thường xuyên tổ chức phổ biến, cập nhật kiến thức pháp luật"),
        ("ORG.5", "Phân công trách nhiệm cụ thể cho tất cả công chức"),
        ("ORG.7", "Tham mưu Giám đốc sở rà soát, phân công nhiệm vụ cụ thể"),
        # readings worth stating
        ("I.1", "đúng tiến độ"),
        ("II.3.b", "xây dựng kế hoạch theo đúng nội dung và thời hạn quy định"),
        ("VI.1.c", "cập nhật chuẩn hóa tài sản công trên Cơ sở dữ liệu quốc gia"),
        ("X.2.a", "Kết quả thẩm định, quyết định công bố chỉ số và xếp hạng"),
        ("X.2.b", "quyết định công bố chỉ số và xếp hạng"),
        ("II.2.b", "Xử lý, kiến nghị xử lý kịp thời văn bản trái pháp luật"),
    ],
    ids=lambda value: value if "." in value and len(value) < 9 else "",
)
def test_a_check_rests_on_these_words(plan: Plan, check_id: str, words: str) -> None:
    note = checks(plan)[check_id].note
    assert note is not None
    assert any(words in piece for piece in quotations(note)), note


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("VII.4", "IX.3"),  # one ratio, two targets
        ("VI.3", "IX.5"),  # one investment plan, two targets and dates
        ("I.2.b", "ORG.2"),  # one weekly meeting, two reports
        ("II.1", "II.2.a"),  # one report on checking legal documents
        ("I.2.c", "I.4.b"),  # the same 10 % bar, in two rows
        ("III.4.b", "X.4"),  # the 8-working-hour intake
        ("III.4.e", "X.3"),  # pauses
    ],
)
def test_paired_checks_say_how_they_relate(plan: Plan, one: str, other: str) -> None:
    by_id = checks(plan)
    assert other in (by_id[one].note or ""), f"{one} does not name {other}"
    assert one in (by_id[other].note or ""), f"{other} does not name {one}"


def test_points_of_ix6_and_x5(plan: Plan) -> None:
    by_id = checks(plan)
    assert by_id["IX.6"].points is not None
    assert (by_id["IX.6"].points.per_unit, by_id["IX.6"].points.cap) == (0.5, 1.0)
    assert by_id["X.5"].points is not None
    assert (by_id["X.5"].points.per_unit, by_id["X.5"].points.cap) == (-0.5, -2.0)
    with_points = {c.id for c in by_id.values() if c.points is not None}
    assert with_points == {"IX.6", "X.5"}  # the source gives no other points


def test_source_plan_defects_are_kept_as_notes(plan: Plan) -> None:
    by_id = tasks(plan)
    assert "15/11/202" in by_id["V.2"].schedule
    assert any("15/11/202" in note for note in by_id["V.2"].notes)
    assert any("UBND thành phố" in note for note in by_id["II.4"].notes)
    assert any("lệch" in note for note in by_id["III.1"].notes)
    assert any("107/NĐ-CP" in note for note in by_id["III.4"].notes)
    assert any("“)”" in note for note in by_id["II.3"].notes)
    assert any("mục IV" in note for note in plan.notes)


def written_checks() -> dict[str, dict[str, Any]]:
    """Each check as the plan file writes it (before loading fills in defaults)."""
    raw = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    return {
        check["id"]: check
        for section in raw["sections"]
        for task in section["tasks"]
        for check in task["checks"]
    }


def test_the_plan_takes_effect_on_the_last_day_of_march(plan: Plan) -> None:
    # "ngày … tháng 3 năm 2024" leaves the day blank: the latest day it can have been
    assert plan.start == dt.date(2024, 3, 31)
    said = [note for note in plan.notes if "start: 2024-03-31" in note]
    assert said and "ngày tháng 3 năm 2024" in quotations(said[0])


@pytest.mark.parametrize(
    ("check_id", "rule"),
    [
        ("ORG.1", "next_working_day"),  # a report to Văn phòng Sở on the 25th
        ("ORG.2", "skip"),  # the weekly meeting does not take place on a day off
        ("I.2.b", "skip"),  # the same meeting
        ("I.4.a", "next_working_day"),  # a month is judged once it is over
        ("I.4.e", "next_working_day"),  # likewise a quarter
    ],
)
def test_every_recurring_duty_says_what_it_does_on_a_day_off(check_id: str, rule: str) -> None:
    written = written_checks()
    recurring = {i for i, c in written.items() if c["kind"] == "recurring"}
    assert recurring == {"ORG.1", "ORG.2", "I.2.b", "I.4.a", "I.4.e"}
    assert written[check_id].get("on_day_off") == rule  # written, not the default
    assert "ngày nghỉ" in written[check_id]["note"]  # and the note says why


@pytest.mark.parametrize(
    ("check_id", "same_as"),
    [("X.4", "III.4.b"), ("X.3", "III.4.e"), ("II.2.a", "II.1")],
)
def test_one_fact_in_two_rows_is_one_shared_check(plan: Plan, check_id: str, same_as: str) -> None:
    written = written_checks()[check_id]
    assert (written["kind"], written["same_as"]) == ("shared", same_as)
    loaded = checks(plan)[check_id]
    assert loaded.same_as == same_as
    assert loaded.kind == checks(plan)[same_as].kind


def test_sections_ix_and_x_are_the_bonus_and_deduction_criteria(plan: Plan) -> None:
    scoring = {section.id: section.scoring for section in plan.sections}
    assert (scoring["IX"], scoring["X"]) == ("bonus", "deduction")
    assert {k for k, v in scoring.items() if v} == {"IX", "X"}


def status_on(run_cli: RunCli, day: str, metrics: Path) -> dict[str, Any]:
    args = ("--as-of", day, "--metrics", metrics, "--format", "json", "--fail-on", "never")
    result = run_cli("status", "--plan", PLAN, *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_nothing_is_owed_before_the_plan_takes_effect(run_cli: RunCli, tmp_path: Path) -> None:
    payload = status_on(run_cli, "2024-02-20", tmp_path)  # no figures at all
    assert payload["summary"]["pending"] == len(payload["tasks"]) == 45
    assert payload["score"]["criteria_total"] == 11
    assert payload["score"]["criteria_with_points"] == 2
    # the first duties fall due on Monday 01/04, the month's and the quarter's evaluation
    # of Sunday 31/03 moved to the next working day
    later = status_on(run_cli, "2024-04-02", tmp_path)
    overdue = {c["id"] for t in later["tasks"] for c in t["checks"] if c["status"] == "overdue"}
    assert overdue == {"I.4.a", "I.4.e"}


def calendar_lines(run_cli: RunCli) -> list[tuple[dt.date, str]]:
    result = run_cli("calendar", "--plan", PLAN)
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = [line.split()[:2] for line in result.stdout.splitlines()[1:]]
    return [(dt.datetime.strptime(day, "%d/%m/%Y").date(), check) for day, check in rows]


def test_no_deadline_falls_on_a_day_off_unless_the_check_keeps_it(
    run_cli: RunCli, plan: Plan
) -> None:
    work = WorkCalendar(plan.calendar)
    listed = calendar_lines(run_cli)
    assert min(day for day, _ in listed) == dt.date(2024, 4, 1)  # nothing before the start
    keep = {i for i, c in written_checks().items() if c.get("on_day_off") == "keep"}
    for i, c in written_checks().items():
        if c["kind"] == "shared" and c["same_as"] in keep:
            keep.add(i)
    on_days_off = {(day, check) for day, check in listed if not work.is_working_day(day)}
    assert on_days_off and {check for _, check in on_days_off} <= keep
    # each of them is a date the source plan writes, or derives ("06 tháng đầu năm")
    assert {day for day, _ in on_days_off} == {
        dt.date(2024, 6, 15),
        dt.date(2024, 6, 30),
        dt.date(2024, 11, 30),
        dt.date(2024, 12, 15),
    }


def test_the_monthly_report_and_the_weekly_meeting_fall_on_working_days(
    run_cli: RunCli,
) -> None:
    listed = calendar_lines(run_cli)
    org1 = [day for day, check in listed if check == "ORG.1"]
    assert dt.date(2024, 5, 27) in org1 and dt.date(2024, 8, 26) in org1  # Sat 25/05, Sun 25/08
    assert len(org1) == 9  # April to December
    meetings = [day for day, check in listed if check == "I.2.b"]
    assert meetings == [day for day, check in listed if check == "ORG.2"]  # one meeting
    assert meetings[0] == dt.date(2024, 4, 5) and {d.weekday() for d in meetings} == {4}
