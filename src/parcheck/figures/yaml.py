"""Metrics snapshots written as YAML (the shape of `parcheck template`)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from parcheck.dates import dmy
from parcheck.figures.model import FileRead, Snapshot, Value
from parcheck.figures.values import Bad, PlanChecks, fields_fit, read_day, read_value, text
from parcheck.plan import yamldoc
from parcheck.problems import FileProblems, Later, Problem, Severity, clip, field_words, shape_words

# The codes whose `field` is named in words with its key (`ngày bắt đầu (start)`).
_FIELDS = frozenset({"PM007", "PM030"})
_TOP_FITS = fields_fit(("plan", "as_of", "source", "export", "values"))

# `export`: the export files a snapshot was computed from (`parcheck dossiers
# --write-metrics`), each by its path, format, sheet, SHA-256 and row counts. Provenance
# only: no verdict reads it.
EXPORT_FIELDS = frozenset({"path", "format", "sheet", "sha256", "rows", "counted", "rejected"})


def export_problems(raw: Any) -> list[tuple[tuple[Any, ...], str, dict[str, Any]]]:
    """What is wrong with an `export` stamp: it is a list of mappings of EXPORT_FIELDS,
    `sha256` 64 hexadecimal digits, the counts whole numbers of 0 or more."""
    if raw is None:
        return []
    fits = {
        "id": "export",
        "kind": "export stamp",
        "kind_vi": "dấu tệp xuất",
        "fits": "[{path, sha256, rows, counted, rejected}]",
    }
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        return [(("export",), "PM002", fits)]
    out: list[tuple[tuple[Any, ...], str, dict[str, Any]]] = []
    for i, item in enumerate(raw):
        for key, value in item.items():
            where = ("export", i, key)
            fits["id"] = f"export[{i}].{key}"
            if key not in EXPORT_FIELDS:
                out.append(
                    (
                        where,
                        "PM008",
                        {"field": clip(key), "fits": fields_fit(tuple(sorted(EXPORT_FIELDS)))},
                    )
                )
            elif (
                key in ("rows", "counted", "rejected")
                and (isinstance(value, bool) or not isinstance(value, int) or value < 0)
            ) or (
                key == "sha256"
                and not (
                    isinstance(value, str)
                    and len(value) == 64
                    and all(c in "0123456789abcdef" for c in value)
                )
            ):
                out.append((where, "PM002", dict(fits)))
    return out


def read_yaml(name: str, raw: bytes, checks: PlanChecks) -> FileRead:
    """The snapshot of a YAML metrics file, with every problem found in it, in the file's
    order: a key written twice (PC011) or a tag refused does not hide the problems of the
    other values. The values read well are given with the problems, so that a conflict
    between two of them is reported too (`read.merge`); nothing of a file with a problem is
    used."""
    try:
        doc = yamldoc.parse(yamldoc.decode(raw, name), name, more="PM017")
        early: list[Problem] = []
    except yamldoc.YamlProblems as exc:
        if exc.document is None or any(p.code == "PM017" for p in exc.problems):
            return FileRead([], exc.problems)
        doc, early = exc.document, exc.problems
    data = doc.data
    if not isinstance(data, dict):
        line, column = doc.position(())
        found = shape_words(type(data).__name__)
        return FileRead([], [*early, Problem(name, line, column, "PC016", found)])
    problems = FileProblems(name, "PM017")
    problems.extend(early)
    taken = {(p.line, p.column) for p in early}  # a value refused there: nothing else

    def problem(
        where: tuple[Any, ...],
        code: str,
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        **params: Any,
    ) -> None:
        """A problem at `where`, looked up only if it is reported (a parameter may be a
        function: the hint of an unknown id is worked out then too)."""

        def make() -> Problem:
            line, column = doc.position(where, key=key)
            values = {k: v() if callable(v) else v for k, v in params.items()}
            return Problem(name, line, column, code, values, severity)

        if code in _FIELDS and isinstance(params.get("field"), str):
            params["field"] = field_words(params["field"], keyed=True)
        if taken and doc.position(where, key=key) in taken:
            return  # the value is refused there already (a tag): not a second problem
        problems.add(Later(severity, make))

    for key in data:
        if key not in {"plan", "as_of", "source", "export", "values"}:
            problem((key,), "PM008", key=True, field=clip(key), fits=_TOP_FITS)
    for where, code, params in export_problems(data.get("export")):
        problem(where, code, key=code == "PM008", **params)
    if data.get("plan") is not None and str(data["plan"]) != checks.plan.id:
        problem(("plan",), "PM006", found=clip(data["plan"]), plan=checks.plan.id)
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
        fits = "{VI.3: 98.5, II.3: {done: YYYY-MM-DD}, …}"
        problem(("values",), "PM002", id="values", kind="mapping", kind_vi="ánh xạ", fits=fits)
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
                cut = clip(ident)
                problem(where, "PM001", key=True, id=cut, hint=partial(checks.hint, ident))
                continue
            kind, unit = checks.kinds[ident]
            warnings: list[Bad] = []
            try:
                value = read_value(
                    kind,
                    unit,
                    raw,
                    where,
                    ident=ident,
                    as_of=as_of,
                    begins=checks.begins[ident],
                    warnings=warnings,
                )
            except Bad as bad:
                for each in bad.every():  # every bad event of the list
                    params = each.params_for(ident, kind)
                    problem(each.where or where, each.code, key=each.code == "PM008", **params)
                continue
            for warning in warnings:
                problem(warning.where, warning.code, severity=Severity.WARNING, **warning.params)
            if value is not None:  # left blank: not reported
                values[ident] = value

    def place(day: dt.date, ident: str) -> tuple[int, int]:
        return doc.position(("values", keys.get(ident, ident)))

    snapshots = [] if as_of is None else [Snapshot(name, as_of, values, source)]
    shown = problems.problems(ordered=bool(early))
    return FileRead(snapshots, shown, place)
