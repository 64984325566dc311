"""Property-based tests: whatever a file or a command line holds, parcheck answers with exit
0, 1 or 2 and messages, never a traceback, an escaped exception or a hang, and it leaves its
inputs unchanged.

Four targets, 2,000 examples each, derandomised so that CI runs the same examples every
time: the YAML loader, the plan loader on mutated copies of the source plan, the metrics
readers and the command line. The strategies are in tests/fuzz_strategies.py.

    pytest tests/test_fuzz.py --hypothesis-show-statistics    # counts and times per target
    PARCHECK_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py    # search harder
    PARCHECK_FUZZ_LOG=fuzz.log pytest tests/test_fuzz.py      # every command line and its
                                                              # output, for `grep Traceback`
    pytest -m "not fuzz"                                      # everything else, quickly
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parcheck.cli import app
from parcheck.figures import MetricsRead, read_metrics
from parcheck.plan import yamldoc
from parcheck.plan.load import LoadedPlan, load_plan
from parcheck.problems import Problem
from tests.conftest import DATA, PLAN, ROOT
from tests.fuzz_strategies import (
    MutatedPlan,
    PlanFacts,
    Run,
    command_lines,
    exports,
    file_names,
    metrics_files,
    mutated_plans,
    time_limit,
    yaml_inputs,
)

pytestmark = [
    pytest.mark.fuzz,
    # a failing example holding a whole plan or a 140 kB field prints long; let it
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

EXAMPLES = int(os.environ.get("PARCHECK_FUZZ_EXAMPLES", "2000"))
LIMIT = 10.0  # seconds one example may take before it counts as a hang
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,  # the autouse NO_COLOR fixture: the same each time
    ],
)
# What the top-level guard says of an exception that escaped a command (cli/app.py): a bug
# in parcheck, even though the user sees no traceback.
INTERNAL_ERROR = ("lỗi nội bộ", "internal error")

_source = load_plan(PLAN)
assert _source.plan is not None
SOURCE_PLAN = _source.plan
SOURCE_LINES = PLAN.read_text(encoding="utf-8").splitlines()
SOURCE_FACTS = PlanFacts(
    SOURCE_PLAN.id,
    tuple(
        (check.id, check.kind, check.target.unit if check.kind == "threshold" else "")
        for task in SOURCE_PLAN.tasks()
        for check in task.checks
    ),
    tuple(
        name
        for unit in SOURCE_PLAN.units
        for name in (unit.id, unit.name, unit.short or "", *unit.aliases)
    ),
    tuple(section.id for section in SOURCE_PLAN.sections),
)


def _one_line(problems: list[Problem]) -> None:
    """Each problem renders in both languages as one line that can be written out."""
    assert problems, "a refusal must say why"
    for problem in problems:
        for lang in ("vi", "en"):
            text = problem.render(lang)
            assert len(text.splitlines()) == 1, f"more than one line: {text!r}"
            text.encode("utf-8")


# --- 1. the YAML loader --------------------------------------------------------------------


@FUZZ
@given(yaml_inputs)
def test_the_yaml_loader_returns_a_document_or_problems(raw: str | bytes) -> None:
    """decode() and parse() give text and a Document, or raise YamlProblems; nothing else."""
    with time_limit(LIMIT):
        try:
            text = yamldoc.decode(raw, "fuzz.yaml") if isinstance(raw, bytes) else raw
            doc = yamldoc.parse(text, "fuzz.yaml")
        except yamldoc.YamlProblems as refused:
            _one_line(refused.problems)
            return
        assert isinstance(doc, yamldoc.Document)
        doc.position(())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(mutated_plans(SOURCE_LINES))
def test_the_plan_loader_answers_on_mutated_source_plans(scratch: Path, plan: MutatedPlan) -> None:
    """A source plan with lines deleted, duplicated, replaced or re-indented loads into a
    LoadedPlan with problems, or a plan; nothing escapes and the file is unchanged."""
    raw = plan.raw()
    path = scratch / "kh2024.yaml"
    path.write_bytes(raw)
    with time_limit(LIMIT):
        loaded = load_plan(path)
    assert isinstance(loaded, LoadedPlan)
    if not loaded.ok:
        assert loaded.problems, "a plan refused must say why"
    if loaded.problems:
        _one_line(loaded.problems)
    assert path.read_bytes() == raw


# --- 2. the metrics readers ----------------------------------------------------------------


@FUZZ
@given(
    st.lists(st.tuples(file_names, metrics_files(SOURCE_FACTS)), min_size=1, max_size=3),
    st.booleans(),
)
def test_the_metrics_readers_answer_on_any_file(
    scratch: Path, files: list[tuple[str, tuple[str, bytes]]], as_folder: bool
) -> None:
    """Metrics files in YAML or CSV, well formed or not, named as people and archives name
    them, given one by one or as a folder, are read into snapshots or problems; nothing
    escapes and no file is changed."""
    folder = scratch / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    written = {}
    for i, (name, (suffix, raw)) in enumerate(files):
        path = folder / f"{i}{name}{suffix}"
        path.write_bytes(raw)
        written[path] = raw
    with time_limit(LIMIT):
        read = read_metrics([folder] if as_folder else list(written), SOURCE_PLAN)
    assert isinstance(read, MetricsRead)
    if read.problems:
        _one_line(read.problems)
    for path, raw in written.items():
        assert path.read_bytes() == raw, path


@FUZZ
@given(exports(), st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)))
def test_the_export_reader_answers_on_any_file(scratch: Path, raw: bytes, day: dt.date) -> None:
    """An export of likely and unlikely cells, headers and encodings is read into figures
    (every row counted or rejected) or one problem; nothing escapes, the file is unchanged."""
    from parcheck.dossiers import open_exports, read_dossiers
    from parcheck.dossiers.read import ExportError
    from parcheck.engine.calendar import WorkCalendar

    path = scratch / "export.csv"
    path.write_bytes(raw)
    with time_limit(LIMIT):
        try:
            result = read_dossiers(open_exports([path]), WorkCalendar(SOURCE_PLAN.calendar), 8, day)
        except ExportError as exc:
            _one_line([exc.problem])
        else:
            assert result.rows == result.counted + len(result.rejected)
            assert result.rows == sum(s.rows for s in result.sources)
    assert path.read_bytes() == raw


# --- 3. the command line -------------------------------------------------------------------


class Workspace:
    """A folder the command lines run in: a copy of the source plan and its metrics as the
    defaults (plans/kh2024.yaml, metrics/), small plans, generated files, an empty folder,
    a link to the plan and out/ for outputs. Reset before each run; after it, every file a
    run may read must hold the same bytes (links must still be links)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        sources = {
            "plans/kh2024.yaml": PLAN,
            "small/engine.yaml": DATA / "plans" / "valid" / "engine.yaml",
            "small/minimal.yaml": DATA / "plans" / "valid" / "minimal.yaml",
            "small/engine-2024-11-25.yaml": DATA / "metrics" / "engine-2024-11-25.yaml",
            "mutated/plan.yaml": PLAN,
            "gen/figures.yaml": DATA / "metrics" / "engine-2024-11-25.yaml",
            "gen/figures.csv": DATA / "metrics" / "ok.csv",
            "exports/export.csv": DATA / "dossiers" / "export.csv",
            "exports/export-portal.csv": DATA / "dossiers" / "export-portal.csv",
            "exports/export.xlsx": DATA / "dossiers" / "export.xlsx",
        }
        for path in sorted((ROOT / "metrics").glob("*.yaml")):
            sources[f"metrics/{path.name}"] = path
        self.pristine = {name: path.read_bytes() for name, path in sources.items()}
        self.expected = dict(self.pristine)

    def reset(self, files: dict[str, bytes | MutatedPlan]) -> None:
        made = {k: v.raw() if isinstance(v, MutatedPlan) else v for k, v in files.items()}
        self.expected = {**self.pristine, **made}
        for path in (self.root / "gen").glob("*"):
            if f"gen/{path.name}" not in self.expected:
                path.unlink()
        for name, content in self.expected.items():
            path = self.root / name
            if path.is_symlink() or not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.unlink(missing_ok=True)
                path.write_bytes(content)
        link = self.root / "link-to-plan.md"
        if not link.is_symlink():
            link.unlink(missing_ok=True)
            link.symlink_to("plans/kh2024.yaml")
        shutil.rmtree(self.root / "out", ignore_errors=True)
        (self.root / "out").mkdir()
        (self.root / "empty").mkdir(exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)

    def changed(self) -> list[str]:
        """The inputs a run changed, replaced or removed."""
        out = [
            name
            for name, content in self.expected.items()
            if (self.root / name).is_symlink()
            or not (self.root / name).is_file()
            or (self.root / name).read_bytes() != content
        ]
        if not (self.root / "link-to-plan.md").is_symlink():
            out.append("link-to-plan.md")
        return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("workspace"))


RUNNER = CliRunner()


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _log(run: Run, exit_code: int, output: str) -> None:
    log = os.environ.get("PARCHECK_FUZZ_LOG")
    if log:
        with open(log, "a", encoding="utf-8", errors="replace") as out:
            out.write(f"$ parcheck {run.args!r} env={run.env!r}\n{output}\n[exit {exit_code}]\n")


@FUZZ
@given(command_lines(SOURCE_FACTS, SOURCE_LINES))
def test_the_command_line_answers_with_0_1_or_2(workspace: Workspace, run: Run) -> None:
    """Any command line, over the source plan, small plans, mutated copies, generated
    metrics, missing paths and folders: exit 0, 1 or 2 with a message, never a traceback or
    an escaped exception, and no input changed. Outputs go to the workspace only."""
    workspace.reset(run.files)
    env = {"NO_COLOR": "1", "HOME": str(workspace.root / "home"), "PARCHECK_LANG": None}
    with _inside(workspace.root), time_limit(LIMIT):
        result = RUNNER.invoke(app, run.args, env={**env, **run.env}, catch_exceptions=True)
    output = result.output
    _log(run, result.exit_code, output)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        escaped = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"an exception escaped: {run.args!r}\n{escaped}")
    said = f"parcheck {' '.join(run.args)!r} (env {run.env})\n{output}"
    assert result.exit_code in (0, 1, 2), f"exit code {result.exit_code}: {said}"
    assert "Traceback" not in output, f"a traceback: {said}"
    assert not any(marker in output for marker in INTERNAL_ERROR), f"an internal error: {said}"
    changed = workspace.changed()
    assert not changed, f"inputs changed {changed}: {said}"


def test_the_fuzz_strategies_reach_every_command() -> None:
    """The command-line grammar names every command of the app: a command added to the app
    and not to the grammar fails here rather than going unfuzzed."""
    from tests.fuzz_strategies import COMMANDS

    names = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    assert names <= set(COMMANDS), names - set(COMMANDS)
