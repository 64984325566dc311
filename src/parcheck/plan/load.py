"""Loading a plan file: YAML with positions, validated into a `Plan`, then the checks of
meaning (`meaning.py`). Nothing is cached between runs: every run reads the file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from parcheck.problems import FileProblems, Problem, Severity, shape_words
from parcheck.safety.files import PLAN_LIMIT, Unreadable, read_input, shown

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pydantic_core import CoreSchema, SchemaValidator

    from parcheck.plan.model import Plan
    from parcheck.plan.yamldoc import Document
    from parcheck.problems import Later

    More = Callable[[Plan, Document], Iterable[Later]]


@dataclass
class LoadedPlan:
    """The outcome of reading one plan file: the plan if it could be built, every problem,
    and the file's bytes, for a short hash of them (reports name the plan version they
    used)."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    summary: dict[str, int] | None = None
    plan: Plan | None = None
    raw: bytes | None = field(default=None, repr=False)

    @property
    def digest(self) -> str:
        """A short hash of the file's bytes ("" when it could not be read); hashlib is
        imported only for it (OpenSSL costs some 2 ms to load)."""
        if self.raw is None:
            return ""
        import hashlib

        return hashlib.sha256(self.raw).hexdigest()[:12]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(
            p.severity is Severity.ERROR for p in self.problems
        )


def load_plan(path: Path, more: More | None = None) -> LoadedPlan:
    """Read, build and check the plan at `path`; problems are collected, never raised.
    `more` adds checks the plan package cannot make itself (`parcheck validate` passes the
    engine's: deadlines on days off)."""
    name = shown(path)
    try:
        raw = read_input(path, PLAN_LIMIT)
    except Unreadable as exc:
        return LoadedPlan(name, [Problem(name, 0, 0, exc.code, exc.params)])
    from parcheck.gc_pause import paused_gc

    with paused_gc():
        loaded = _build(name, raw, more)
    loaded.raw = raw
    return loaded


def plan_validator() -> SchemaValidator:
    """Pydantic's validator of plan data, made from the prebuilt core schema
    (`core_schema.py`, about 1 ms) when it was built with the installed pydantic-core, and
    from the model by pydantic (some 60 ms) otherwise."""
    import pydantic_core

    from parcheck.plan import core_schema

    if pydantic_core.__version__ == core_schema.PYDANTIC_CORE:
        return pydantic_core.SchemaValidator(cast("CoreSchema", core_schema.SCHEMA))
    from parcheck.plan.validator import PLAN

    return pydantic_core.SchemaValidator(PLAN.core_schema)


def _build(name: str, raw: bytes, more: More | None) -> LoadedPlan:
    from pydantic_core import ValidationError

    from parcheck.plan import yamldoc
    from parcheck.plan.meaning import meaning_problems, plan_summary, text_problems
    from parcheck.plan.schema_errors import problems_from
    from parcheck.plan.shared import resolve_shared

    try:
        doc = yamldoc.parse(yamldoc.decode(raw, name), name)
    except yamldoc.YamlProblems as exc:
        return LoadedPlan(name, exc.problems)
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__
        line, column = doc.position(())
        return LoadedPlan(name, [Problem(name, line, column, "PC016", shape_words(kind))])
    # At most MAX_REPORTED problems are made, in the order found, then put in the file's
    # order; the others are only counted (PC051).
    found = FileProblems(name, "PC051")
    found.extend(text_problems(doc))  # whatever else is wrong: text reaches every output
    try:
        plan = plan_validator().validate_python(doc.data)
    except ValidationError as exc:
        found.extend(problems_from(exc, doc))
        return LoadedPlan(name, found.problems(ordered=True))
    found.extend(meaning_problems(plan, doc))
    if more is not None:
        found.extend(more(plan, doc))
    plan = resolve_shared(plan)
    problems = found.problems(ordered=True)
    return LoadedPlan(name, problems, summary=plan_summary(plan), plan=plan)
