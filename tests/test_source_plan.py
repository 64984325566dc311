"""The shipped plan holds every row of the source plan, verbatim, and the plan body's duties."""

from __future__ import annotations

import pytest

from parcheck.plan.load import load_plan
from parcheck.plan.model import Plan, Task
from tests.conftest import PLAN
from tests.source_plan import SHARED, SOURCE_PLAN, fold, read_rows

ROWS = read_rows()


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_plan(PLAN)
    assert loaded.plan is not None
    return loaded.plan


def tasks(plan: Plan) -> dict[str, Task]:
    return {task.id: task for task in plan.tasks()}


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


def test_every_source_plan_row_is_a_task(plan: Plan) -> None:
    assert set(ROWS) <= set(tasks(plan))
    extra = set(tasks(plan)) - set(ROWS)
    assert extra == {"ORG.1", "ORG.2"}


@pytest.mark.parametrize("row_id", list(ROWS))
def test_row_text_is_verbatim(plan: Plan, row_id: str) -> None:
    task = tasks(plan)[row_id]
    row = ROWS[row_id].columns
    assert fold(task.task) == fold(row[0])
    assert fold(task.result) == fold(row[1])
    assert fold(task.schedule) == fold(row[2])
    assert fold(task.assignment) == fold(row[3])
    assert fold(task.remark) == fold(row[4])


def test_section_titles(plan: Plan) -> None:
    titles = {section.id: section.title for section in plan.sections}
    assert titles["IX"] == "CÁC TIÊU CHÍ VỀ ĐIỂM THƯỞNG"
    assert "IV" not in titles


@pytest.mark.parametrize(
    ("check_id", "kind", "detail"),
    [
        ("VI.3", "threshold", (">=", 85.0, "%", "2024-12-15")),
        ("VIII.1.a", "threshold", (">", 87.0, "%", "2024-12-31")),
        ("VII.4", "threshold", (">=", 80.0, "%", "2024-12-31")),
        ("V.3", "threshold", ("==", 0.0, "trường hợp", "continuous")),
        ("I.3", "threshold", (">=", 2.0, "sáng kiến", "2024-06-30")),
        ("V.2.a", "deliverable", "2024-06-15"),
        ("V.2.b", "deliverable", "2024-11-15"),
        ("X.1", "deliverable", "2024-12-20"),
        ("III.1.b", "deliverable", "2024-07-25"),
        ("ORG.1", "recurring", "FREQ=MONTHLY;BYMONTHDAY=25"),
        ("ORG.2", "recurring", "FREQ=WEEKLY;BYDAY=FR"),
        ("I.2.b", "recurring", "FREQ=WEEKLY;BYDAY=FR"),
        ("III.2.b", "event", (5, "working_days")),
        ("V.5", "event", (5, "calendar_days")),
        ("III.4.b", "event", (8, "working_hours")),
        ("X.4", "event", (8, "working_hours")),
    ],
)
def test_checks_encode_the_source_plan(
    plan: Plan, check_id: str, kind: str, detail: object
) -> None:
    checks = {c.id: c for task in plan.tasks() for c in task.checks}
    check = checks[check_id]
    assert check.kind == kind
    if kind == "threshold":
        due = check.due if check.due == "continuous" else check.due.isoformat()
        got = (check.target.op, check.target.value, check.target.unit, due)
    elif kind == "deliverable":
        got = check.due.isoformat()
    elif kind == "recurring":
        got = check.rrule
    else:
        got = (check.limit.amount, check.limit.unit)
    assert got == detail


def test_points_of_ix6_and_x5(plan: Plan) -> None:
    checks = {c.id: c for task in plan.tasks() for c in task.checks}
    assert checks["IX.6"].points is not None
    assert (checks["IX.6"].points.per_unit, checks["IX.6"].points.cap) == (0.5, 1.0)
    assert checks["X.5"].points is not None
    assert (checks["X.5"].points.per_unit, checks["X.5"].points.cap) == (-0.5, -2.0)


def test_source_plan_defects_are_kept_as_notes(plan: Plan) -> None:
    by_id = tasks(plan)
    assert "15/11/202" in by_id["V.2"].schedule
    assert any("15/11/202" in note for note in by_id["V.2"].notes)
    assert any("UBND thành phố" in note for note in by_id["II.4"].notes)
    assert any("lệch" in note for note in by_id["III.1"].notes)
    assert any("107/NĐ-CP" in note for note in by_id["III.4"].notes)
    assert any("mục IV" in note for note in plan.notes)
