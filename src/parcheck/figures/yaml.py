"""Metrics snapshots written as YAML (the shape of `parcheck template`)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from parcheck.dates import dmy
from parcheck.figures.model import FileRead, Snapshot, Value
from parcheck.figures.values import Bad, PlanChecks, read_day, read_value, text
from parcheck.plan import yamldoc
from parcheck.problems import FileProblems, Later, Problem, Severity, shape_words


def read_yaml(name: str, raw: bytes, checks: PlanChecks) -> FileRead:
    try:
        doc = yamldoc.parse(yamldoc.decode(raw, name), name, more="PM017")
    except yamldoc.YamlProblems as exc:
        return FileRead([], exc.problems)
    data = doc.data
    if not isinstance(data, dict):
        line, column = doc.position(())
        return FileRead(
            [], [Problem(name, line, column, "PC016", shape_words(type(data).__name__))]
        )
    problems = FileProblems(name, "PM017")

    def problem(where: tuple[Any, ...], code: str, *, key: bool = False, **params: Any) -> None:
        """A problem at `where`, looked up only if it is reported (a parameter may be a
        function: the hint of an unknown id is worked out then too)."""

        def make() -> Problem:
            line, column = doc.position(where, key=key)
            values = {k: v() if callable(v) else v for k, v in params.items()}
            return Problem(name, line, column, code, values)

        problems.add(Later(Severity.ERROR, make))

    for key in data:
        if key not in {"plan", "as_of", "source", "values"}:
            problem((key,), "PM008", key=True, field=key)
    if data.get("plan") is not None and str(data["plan"]) != checks.plan.id:
        problem(("plan",), "PM006", found=str(data["plan"]), plan=checks.plan.id)
    as_of: dt.date | None = None
    if "as_of" not in data:
        problem((), "PM007", field="as_of")
    else:
        try:
            as_of = read_day(data["as_of"])
        except Bad as bad:
            problem(("as_of",), bad.code, **bad.params)
    source = None
    try:
        source = text(data.get("source"), ("source",))
    except Bad as bad:
        problem(bad.where, bad.code, **bad.params)
    values_raw = data.get("values")
    values: dict[str, Value] = {}
    keys: dict[Any, Any] = {}  # the id of each value → its key as written (`i.1` for I.1)
    if values_raw is None:
        problem((), "PM007", field="values")
    elif not isinstance(values_raw, dict):
        problem(("values",), "PM002", id="values", kind="mapping", fits="check id: value")
    else:
        for written, raw in values_raw.items():
            where = ("values", written)
            ident = checks.canonical(written) if isinstance(written, str) else written
            if ident in keys:  # `vi.3` and `VI.3`: one check written twice
                first = keys[ident]
                problem(
                    where,
                    "PM029",
                    key=True,
                    id=ident,
                    day=dmy(as_of) if as_of else "?",
                    first=partial(lambda k: doc.position(("values", k), key=True)[0], first),
                )
                continue
            keys[ident] = written
            if ident not in checks.kinds:
                problem(where, "PM001", key=True, id=ident, hint=partial(checks.hint, ident))
                continue
            kind, unit = checks.kinds[ident]
            try:
                value = read_value(kind, unit, raw, where, ident=ident, as_of=as_of)
            except Bad as bad:
                params = bad.params_for(ident, kind)
                problem(bad.where or where, bad.code, key=bad.code == "PM008", **params)
                continue
            if value is not None:  # left blank: not reported
                values[ident] = value
    if problems or as_of is None:
        return FileRead([], problems.problems())

    def place(day: dt.date, ident: str) -> tuple[int, int]:
        return doc.position(("values", keys.get(ident, ident)))

    return FileRead([Snapshot(name, as_of, values, source)], [], place)
