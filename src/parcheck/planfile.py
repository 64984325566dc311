"""Loading a plan file: YAML with positions → `Plan` → the checks of meaning (`meaning.py`),
with the outcome cached by the file's bytes (`cache.py`)."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcheck import cache
from parcheck.problems import Problem, Severity

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from parcheck.model import Plan


@dataclass
class LoadedPlan:
    """The outcome of reading one plan file: the plan if it could be built, every problem,
    and a short hash of the file's bytes (reports name the plan version they used).

    The plan itself is kept pickled until asked for, so that a cached result can answer
    `parcheck validate` without importing pydantic at all.
    """

    path: str
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""
    summary: dict[str, int] | None = None
    blob: bytes | None = None
    _plan: Plan | None = field(default=None, repr=False, compare=False)

    @property
    def plan(self) -> Plan | None:
        if self._plan is None and self.blob is not None:
            self._plan = pickle.loads(self.blob)
        return self._plan

    @property
    def built(self) -> bool:
        return self.blob is not None

    @property
    def ok(self) -> bool:
        return self.built and not any(p.severity is Severity.ERROR for p in self.problems)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_plan": None}


def load_plan(path: Path) -> LoadedPlan:
    """Read, build and check the plan at `path`; problems are collected, never raised."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedPlan(name, [Problem(name, 0, 0, "PC001")])
    except OSError as exc:
        return LoadedPlan(name, [Problem(name, 0, 0, "PC002", {"reason": exc.strerror})])
    entry = cache.key("plan", name, raw)
    cached = cache.get(entry)
    if isinstance(cached, LoadedPlan):
        return cached
    loaded = _build(name, raw)
    loaded.digest = hashlib.sha256(raw).hexdigest()[:12]
    cache.put(entry, loaded)
    return loaded


def plan_validator() -> SchemaValidator:
    """Pydantic's validator of plan data. Generating its schema from the model takes
    pydantic about 90 ms, the schema depends only on the code, and pydantic-core builds a
    validator from it in 1 ms: so the schema is kept in the cache (keyed by parcheck's code
    and both pydantic versions) and an edited plan is validated without generating it."""
    import pydantic
    import pydantic_core

    entry = cache.key("plan-schema", pydantic.VERSION, pydantic_core.__version__)
    schema = cache.get(entry)
    if not isinstance(schema, dict):
        from parcheck.planvalidator import PLAN

        schema = PLAN.core_schema
        cache.put(entry, schema)
    return pydantic_core.SchemaValidator(schema)


def _build(name: str, raw: bytes) -> LoadedPlan:
    # imported here: a cached plan needs none of them
    from pydantic import ValidationError

    from parcheck import yamlsource
    from parcheck.meaning import meaning_problems, plan_summary
    from parcheck.schemaerrors import problems_from

    try:
        doc = yamlsource.parse(yamlsource.decode(raw, name), name)
    except yamlsource.YamlProblems as exc:
        return LoadedPlan(name, exc.problems)
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__
        line, column = doc.position(())
        return LoadedPlan(name, [Problem(name, line, column, "PC016", {"found": found})])
    try:
        plan = plan_validator().validate_python(doc.data)
    except ValidationError as exc:
        return LoadedPlan(name, problems_from(exc, doc))
    problems = sorted(meaning_problems(plan, doc), key=lambda p: (p.line, p.column))
    blob = pickle.dumps(plan, pickle.HIGHEST_PROTOCOL)
    return LoadedPlan(name, problems, summary=plan_summary(plan), blob=blob, _plan=plan)
