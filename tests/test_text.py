"""Text is data in every output: control characters in plan and metrics text are refused
with their position; every renderer shows hostile text as text (no escape sequence, no
bare CR, no line a CI runner reads as a workflow command, tables and files whole); and each
neutralising function of `safety/text.py` does what its output needs."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from parcheck.figures import Number, Snapshot
from parcheck.plan.load import load_plan
from parcheck.plan.model import Plan
from parcheck.safety import text as safe
from tests.conftest import DATA, PLAN, RunCli, markdown_tables

TEXT = DATA / "text"
HOSTILE = TEXT / "hostile.yaml"  # valid: every trick plan text may still hold
HOSTILE_METRICS = TEXT / "hostile-2024-11-25.yaml"
CONTROLS = TEXT / "controls.yaml"  # refused: every control character, to test renderers
AS_OF = "2024-11-25"

# what no output may hold: C0 controls but tab and newline (CR is checked on its own), DEL,
# C1, bidi controls; and a line GitHub Actions would run as a command (`::` or `##[`)
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMAND = re.compile(r"\s*(::|##\[)")


def assert_clean(output: str, *, crlf: bool = False, commands: int = 0) -> None:
    """The whole of a rendered output: no control character, no CR but in CR LF line ends
    (`crlf`), and no line a CI runner reads as a workflow command (but the `commands` lines
    parcheck writes as such on purpose)."""
    assert not RAW_CONTROL.findall(output), sorted(set(RAW_CONTROL.findall(output)))
    if crlf:
        assert "\r" not in output.replace("\r\n", ""), "a bare CR"
        lines = output.split("\r\n")
    else:
        assert "\r" not in output, "a CR"
        lines = output.split("\n")
    run = [line for line in lines if COMMAND.match(line)]
    assert len(run) == commands, run


def assert_markdown_whole(text: str) -> None:
    tables = markdown_tables(text)
    assert tables
    for rows in tables:
        assert len(set(rows)) == 1, rows
    html = MarkdownIt().enable("table").render(text)
    assert "<script>" not in html and "<b>" not in html and "<a " not in html


def unfold_ics(text: str) -> list[str]:
    """The content lines of an iCalendar file; every physical line at most 75 octets."""
    physical = text.split("\r\n")
    assert physical[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical[:-1]:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def assert_ics_whole(text: str, events: int) -> None:
    lines = unfold_ics(text)
    assert all(re.match(r"^[A-Z-]+(;[A-Z-]+=[^:;]*)*:", line) for line in lines), lines
    assert sum(line == "BEGIN:VEVENT" for line in lines) == events
    assert sum(line.startswith("SUMMARY:") for line in lines) == events
    assert sum(line == "END:VEVENT" for line in lines) == events
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines}
    assert names <= {
        "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME",
        "X-WR-TIMEZONE", "TZID", "DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "UID",
        "DTSTAMP", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "TRANSP", "RRULE",
        "ACTION", "TRIGGER",
    }  # fmt: skip


def assert_template_whole(text: str, plan: Path) -> None:
    """The template reads as YAML with exactly the plan's check ids, all blank; every other
    line is a comment."""
    loaded = load_plan(plan).plan
    assert loaded is not None
    ids = [check.id for task in loaded.tasks() for check in task.checks]
    data = yaml.safe_load(text)
    assert set(data) == {"plan", "as_of", "source", "values"}
    assert data["plan"] == loaded.id
    assert list(data["values"]) == ids
    for line in text.splitlines():
        assert re.match(r"^(\s*#|plan: |as_of: |source: |values:$|  [A-Z]+\.\d)", line), line


# --- refused at validate time -----------------------------------------------------------

MINIMAL = (DATA / "plans" / "valid" / "minimal.yaml").read_text(encoding="utf-8")

# (what, the text in minimal.yaml to replace, its replacement, line, column of the value)
PLACES = [
    ("plan title", 'title: "Kế hoạch thử"', 'title: "Kế hoạch {c} thử"', 2, 8),
    ("owner", 'owner: "Sở Công Thương Khánh Hòa"', 'owner: "Sở{c}"', 4, 8),
    ("unit name", 'name: "Thanh tra Sở"', 'name: "Thanh tra{c} Sở"', 7, 21),
    ("alias", 'aliases: ["VP"]', 'aliases: ["V{c}P"]', 6, 46),
    ("section title", 'title: "CẢI CÁCH TÀI CHÍNH CÔNG"', 'title: "CẢI CÁCH{c}"', 11, 12),
    ("task column", 'task: "Giải ngân"', 'task: "Giải ngân"\n        result: "x{c}"', 15, 17),
    ("check title", 'title: "Tỷ lệ giải ngân"', 'title: "Tỷ lệ{c}"', 19, 20),
    ("target unit", 'unit: "tiêu chí"}', 'unit: "tiêu chí{c}"}', 44, 48),
    ("event", 'event: "Thay đổi"', 'event: "Thay đổi{c}"', 39, 20),
    ("rrule", "rrule: FREQ=MONTHLY;BYMONTHDAY=25",
        'rrule: "FREQ=MONTHLY;BYMONTHDAY=25{c}"', 35, 20),
    ("a key", "    due: 16/12/2024", '    due: 16/12/2024\n            "x{c}": 1', 22, 13),
]  # fmt: skip
CHARS = [
    ("\\e", "U+001B (ESC)", "PC060"),
    ("\\e]8;;http://x\\a", "U+001B (ESC)", "PC060"),
    ("\\a", "U+0007 (BEL)", "PC060"),
    ("\\r", "U+000D (CR)", "PC060"),
    ("\\x7f", "U+007F (DEL)", "PC060"),
    ("\\x9b", "U+009B (CSI)", "PC060"),
    ("\\N", "U+0085 (NEL)", "PC060"),
    ("\\0", "U+0000 (NUL)", "PC060"),
    ("\\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)", "PC061"),
    ("\\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)", "PC061"),
]


@pytest.mark.parametrize(
    ("what", "old", "new", "line", "column"), PLACES, ids=[p[0] for p in PLACES]
)
@pytest.mark.parametrize(("escape", "name", "code"), CHARS, ids=[c[1] for c in CHARS])
def test_control_characters_are_refused_where_they_are(
    run_cli: RunCli,
    tmp_path: Path,
    what: str,
    old: str,
    new: str,
    line: int,
    column: int,
    escape: str,
    name: str,
    code: str,
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.replace(old, new.replace("{c}", escape)), encoding="utf-8")
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    problem = f"{plan}:{line}:{column}: error {code} "
    assert problem in result.stdout, result.stdout
    assert name in result.stdout
    assert_clean(result.stdout)
    status = run_cli("status", "--plan", plan, "--metrics", tmp_path, "--as-of", AS_OF)
    assert status.exit_code == 2
    assert problem in status.stderr


@pytest.mark.parametrize(
    ("raw", "column", "name"),
    [
        (b"\x1b[31m", 18, "U+001B (ESC)"),
        (b"\x07", 18, "U+0007 (BEL)"),
        (b"\x00", 18, "U+0000 (NUL)"),
        (b"\x7f", 18, "U+007F (DEL)"),
        (b"\xc2\x9b", 18, "U+009B (CSI)"),
    ],
)
def test_a_raw_control_character_in_the_file_is_named_at_its_place(
    run_cli: RunCli, tmp_path: Path, raw: bytes, column: int, name: str
) -> None:
    # YAML itself refuses these unescaped; the message names the character and its place
    plan = tmp_path / "plan.yaml"
    source = MINIMAL.encode("utf-8").replace("Kế hoạch thử".encode(), "Kế hoạch ".encode() + raw)
    plan.write_bytes(source)
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{plan}:2:{column}: error PC060 ")
    assert name in result.stdout
    assert_clean(result.stdout)


def test_tab_newline_and_crlf_line_ends_are_text(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = MINIMAL.replace('"Kế hoạch thử"', '"Kế hoạch\\tthử\\n::error::x \\u2028 \\u200f"')
    plan.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.stdout


METRICS_PLACES = [
    ("note", '  VI.3: {{value: 72.4, note: "a{c}b"}}\n', 5, 29),
    ("evidence", '  VI.4.a: {{done: 2024-11-20, evidence: "12{c}/BC"}}\n', 5, 40),
    ("ref", '  VI.4.c: {{events: [{{start: 2024-11-20, ref: "QĐ{c}"}}]}}\n', 5, 46),
    ("source", "", 3, 9),
]


@pytest.mark.parametrize(
    ("what", "value", "line", "column"), METRICS_PLACES, ids=[p[0] for p in METRICS_PLACES]
)
@pytest.mark.parametrize(("escape", "name", "code"), [
    ("\\e[31m", "U+001B (ESC)", "PM020"),
    ("\\r", "U+000D (CR)", "PM020"),
    ("\\x9b", "U+009B (CSI)", "PM020"),
    ("\\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)", "PM021"),
])  # fmt: skip
def test_control_characters_in_metrics_text_are_refused(
    run_cli: RunCli,
    tmp_path: Path,
    what: str,
    value: str,
    line: int,
    column: int,
    escape: str,
    name: str,
    code: str,
) -> None:
    plan = DATA / "plans" / "valid" / "minimal.yaml"
    source = f'"Văn phòng{escape}"' if what == "source" else "VP"
    metrics = tmp_path / "m.yaml"
    metrics.write_text(
        f"plan: mini\nas_of: 2024-11-25\nsource: {source}\nvalues:\n{value.format(c=escape)}",
        encoding="utf-8",
    )
    result = run_cli("validate", plan, "--metrics", metrics, "--lang", "en")
    assert result.exit_code == 1, result.stdout
    assert f"{metrics}:{line}:{column}: error {code} " in result.stdout, result.stdout
    assert name in result.stdout
    status = run_cli("status", "--plan", plan, "--metrics", metrics, "--as-of", AS_OF)
    assert status.exit_code == 2
    assert f"{metrics}:{line}:{column}: error {code} " in status.stderr


def test_a_control_character_in_a_csv_note_is_refused_at_its_row(
    run_cli: RunCli, tmp_path: Path
) -> None:
    metrics = tmp_path / "m.csv"
    metrics.write_bytes(
        b"check,value,as_of,note\nVI.3,72,2024-11-25,ok\nVI.3,73,2024-11-26,a\x1bb\n"
    )
    result = run_cli("validate", PLAN, "--metrics", metrics, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"{metrics}:3:20: error PM020 the text holds the control character U+001B" in result.stdout
    )


# --- every output, through the command line ----------------------------------------------


def run_ok(run_cli: RunCli, *args: object, code: int = 0) -> str:
    result = run_cli(*args)
    assert result.exit_code == code, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", [80, 140])
@pytest.mark.parametrize("by", ["section", "unit"])
def test_status_table(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, columns: int, by: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    args = ("--plan", HOSTILE, "--metrics", HOSTILE_METRICS, "--as-of", AS_OF, "--by", by)
    out = run_ok(run_cli, "status", *args, "--fail-on", "never")
    assert_clean(out)
    assert all(len(line) <= columns for line in out.splitlines())
    assert "Thanh tra | Sở" in out  # shown as text, on one line


def test_status_json_keeps_the_text_as_data(run_cli: RunCli) -> None:
    args = ("--plan", HOSTILE, "--metrics", HOSTILE_METRICS, "--as-of", AS_OF, "--format", "json")
    out = run_ok(run_cli, "status", *args, "--fail-on", "never")
    assert_clean(out)
    tasks = json.loads(out)["tasks"]
    assert tasks[0]["checks"][0]["detail"] == "ghi chú | `x`\n::error::ghi chú %0A"
    assert tasks[1]["lead"] == "Thanh tra | Sở\n::warning::x\u2028::error::y"
    assert "\u2028" not in out  # escaped: JavaScript reads it as a line break


def test_status_markdown(run_cli: RunCli) -> None:
    args = ("--plan", HOSTILE, "--metrics", HOSTILE_METRICS, "--as-of", AS_OF)
    out = run_ok(run_cli, "status", *args, "--format", "markdown", "--fail-on", "never")
    assert_clean(out)
    assert_markdown_whole(out)


@pytest.mark.parametrize("fmt", ["markdown", "terminal"])
def test_report(run_cli: RunCli, fmt: str) -> None:
    args = ("--plan", HOSTILE, "--metrics", HOSTILE_METRICS, "--as-of", AS_OF)
    out = run_ok(run_cli, "report", *args, "--format", fmt)
    assert_clean(out)
    if fmt == "markdown":
        assert_markdown_whole(out)


def test_calendar_text(run_cli: RunCli) -> None:
    out = run_ok(run_cli, "calendar", "--plan", HOSTILE)
    assert_clean(out)
    lines = out.splitlines()
    assert len(lines) == 15  # the heading and 14 deadlines
    assert all(re.match(r"\d\d/\d\d/2024  VI\.", line) for line in lines[1:])


def test_calendar_ics(run_cli: RunCli, tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    run_ok(run_cli, "calendar", "--plan", HOSTILE, "--ics", ics)
    text = ics.read_bytes().decode("utf-8")
    assert_clean(text, crlf=True)
    assert_ics_whole(text, events=14)
    summary = next(line for line in unfold_ics(text) if line.startswith("SUMMARY:VI.4.a"))
    assert summary.endswith(":: error :: ::error::deliverable #anchor \"q\" 'q' &amp\\;")


def test_template(run_cli: RunCli) -> None:
    out = run_ok(run_cli, "template", "--plan", HOSTILE, "--as-of", AS_OF)
    assert_clean(out)
    assert_template_whole(out, HOSTILE)


INVALID = """\
id: bad
title: "x"
year: 2024
owner: "x"
units:
  - {id: VP, name: "::error::Văn phòng Sở\\n##[error]y"}
sections:
  - id: VI
    title: "x"
    tasks:
      - id: "VI.3\\n::error::pwned %0A"
        task: "x"
        lead: "Văn phòng\\n::error::Sở"
        checks:
          - {id: VI.3, kind: deliverable, title: "x", due: 2024-12-01}
"""


@pytest.fixture
def invalid_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A plan whose problems quote hostile text, under a plain name and under names that
    are themselves hostile (a workflow command, a comma, a newline)."""
    monkeypatch.chdir(tmp_path)
    names = ["plan.yaml", "::error::name.yaml", "a,b:c%0A.yaml", "new\n::error::line.yaml"]
    for name in names:
        (tmp_path / name).write_text(INVALID, encoding="utf-8")
    return names


def test_validate_text(run_cli: RunCli, invalid_plans: list[str]) -> None:
    out = run_ok(run_cli, "validate", *invalid_plans, "--lang", "en", code=1)
    assert_clean(out)
    lines = out.splitlines()
    assert len(lines) == 2 * len(invalid_plans)  # a problem and a summary a file
    assert lines[0].startswith("plan.yaml:11:13: error PC020 sections[VI].tasks[VI.3 ::error::")
    assert lines[2].startswith("\u200b::error::name.yaml:11:13: error PC020 ")  # not a command
    assert lines[6].startswith("new\\n::error::line.yaml:11:13: error PC020 ")  # name escaped


def test_validate_github(run_cli: RunCli, invalid_plans: list[str]) -> None:
    out = run_ok(run_cli, "validate", *invalid_plans, "--format", "github", code=1)
    assert_clean(out, commands=len(invalid_plans))
    command = re.compile(r"^::error file=[^:,\n]+,line=\d+,col=\d+::PC0\d\d [^\n]+$")
    assert all(command.match(line) for line in out.splitlines()), out
    assert "file=a%2Cb%3Ac%250A.yaml,line=11" in out


def test_validate_json(run_cli: RunCli, invalid_plans: list[str]) -> None:
    out = run_ok(run_cli, "validate", *invalid_plans, "--format", "json", code=1)
    assert_clean(out)
    payload = json.loads(out)
    # a name is shown escaped in every format, JSON too (the same form as on the terminal)
    shown = [name.replace("\n", "\\n") for name in invalid_plans]
    assert [f["path"] for f in payload["files"]] == shown
    messages = [p["message"] for f in payload["files"] for p in f["problems"]]
    assert len(messages) == len(invalid_plans)
    assert not any("\n" in m for m in messages)  # one line each, as on the terminal


def test_problems_on_stderr_are_one_line_each(run_cli: RunCli, invalid_plans: list[str]) -> None:
    result = run_cli("status", "--plan", invalid_plans[3], "--as-of", AS_OF)
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert result.stderr.startswith("new\\n::error::line.yaml:11:13: error PC020 ")
    assert len(result.stderr.splitlines()) == 1


def test_a_file_name_in_an_error_message_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x\x1b[31m\n::error::pwned.md"
    result = run_cli("report", "--plan", PLAN, "--as-of", AS_OF, "-o", target)
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert result.stderr.count("\n") == 1 and "x\\x1b[31m\\n::error::pwned.md" in result.stderr


# --- every renderer, given text that validation would refuse ------------------------------


def controls_plan() -> Plan:
    """The model of a plan with every control character in its text: validation refuses
    the file, but what a renderer is given must still come out as text."""
    loaded = load_plan(CONTROLS)
    assert loaded.plan is not None and not loaded.ok
    return loaded.plan


def _status(fmt: str) -> Callable[[Plan], str]:
    def render(plan: Plan) -> str:
        from rich.console import Console

        from parcheck.engine.verdicts import evaluate
        from parcheck.render import status

        day = dt.date(2024, 11, 25)
        note = "ghi chú \x1b[31mđỏ\r::error::x\x9b2J\u202e"
        snapshot = Snapshot("m.yaml", day, {"VI.3": Number(72.4, note)}, "VP\x1b]0;x\x07")
        evaluation = evaluate(plan, [snapshot], day)
        if fmt == "json":
            return status.render_json(evaluation, evaluation.tasks, "vi")
        if fmt == "markdown":
            return status.render_markdown(evaluation, evaluation.tasks, "vi")
        out = io.StringIO()
        console = Console(file=out, width=80, color_system=None, force_terminal=False)
        for part in status.render_table(evaluation, evaluation.tasks, "vi", fmt, width=80):
            console.print(part)
        return out.getvalue()

    return render


def _report(fmt: str) -> Callable[[Plan], str]:
    def render(plan: Plan) -> str:
        from parcheck.engine.report import build_report
        from parcheck.render import report

        data = build_report(
            plan, [], dt.date(2024, 11, 25), plan_path="p\x1b[2J", plan_digest="d", unit=None
        )
        if fmt == "markdown":
            return report.render_markdown(data, "vi")
        return report.render_terminal(data, "vi", width=80, color=False)

    return render


def _calendar(plan: Plan) -> str:
    from parcheck.engine.agenda import deadlines
    from parcheck.render.calendar import render_text

    return render_text(deadlines(plan, plan.begins, plan.end), plan.begins, plan.end, "vi")


def _ics(plan: Plan) -> str:
    from parcheck.render.ics import render_ics

    return render_ics(plan, plan.begins, plan.end, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))


def _template(plan: Plan) -> str:
    from parcheck.render.template import render_template

    return render_template(plan, dt.date(2024, 11, 25))


RENDERERS: dict[str, Callable[[Plan], str]] = {
    "status table": _status("section"),
    "status table by unit": _status("unit"),
    "status json": _status("json"),
    "status markdown": _status("markdown"),
    "report markdown": _report("markdown"),
    "report terminal": _report("terminal"),
    "calendar": _calendar,
    "ics": _ics,
    "template": _template,
}


@pytest.mark.parametrize("name", RENDERERS)
def test_renderers_show_control_characters_as_nothing(name: str) -> None:
    out = RENDERERS[name](controls_plan())
    assert_clean(out, crlf=name == "ics")
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    if name == "ics":
        assert_ics_whole(out, events=14)
    if name == "template":
        assert_template_whole(out, CONTROLS)
    if "markdown" in name:
        assert_markdown_whole(out)
    if name == "status json":
        task = json.loads(out)["tasks"][0]
        assert task["checks"][0]["detail"] == "ghi chú \x1b[31mđỏ\r::error::x\x9b2J\u202e"


def test_findings_formats_with_hostile_paths_and_messages() -> None:
    from parcheck.problems import Problem
    from parcheck.render.findings import RENDERERS as FINDINGS
    from parcheck.render.findings import FileFindings

    message = "x\x1b[31m\r\n::error::pwned\u202e%0A"
    problems = [
        Problem("::error::p\x1b.yaml", 3, 4, "PC020", {"message": message, "message_en": message}),
        Problem(
            "a,b:c\n::warning::d.yaml\udcff", 0, 0, "PC032", {"unit": message, "hint": message}
        ),
    ]
    files = [FileFindings(p.path, "plan", [p]) for p in problems]
    for fmt, render in FINDINGS.items():
        out = render(files, "en")
        assert_clean(out, commands=2 if fmt == "github" else 0)
        out.encode("utf-8")  # a lone surrogate (an undecodable file name) is not written raw
        if fmt == "json":
            assert json.loads(out)["files"][1]["path"] == problems[1].path


# --- the neutralising functions ---------------------------------------------------------

HOSTILE_STRINGS = [
    "\x1b[31mđỏ\x1b[0m",
    "\x1b]8;;http://evil.example\x07liên kết\x1b]8;;\x07",
    "\x1b]8;;http://x\x1b\\bấm\x1b]8;;\x1b\\",
    "\x9b2J\x9d0;title\x9c",
    "a\rb\r\nc\nd",
    "\x00\x07\x08\x0b\x0c\x7f\x85",
    "exe.\u202egnp\u202c \u2066x\u2069",
    "x\u2028y\u2029z",
    "\n::error::pwned\n##[error]old",
    "| a | b |\n|---|\n<script>x</script> [red]r[/red] `c` *e* _u_ # h ~s~ $m$ \\",
    "; , \\n \\ %0A %25 : \"q\" 'q' &amp;",
    "yes",
    "\udcff name",
    "",
]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_terminal_and_one_line(text: str) -> None:
    shown = safe.terminal(text)
    assert not RAW_CONTROL.search(shown) and "\r" not in shown
    assert "]8;;" not in shown and "[31m" not in shown and "0;title" not in shown
    line = safe.one_line(text)
    assert line == " ".join(line.split()) and "\n" not in line and "\u2028" not in line


def test_terminal_keeps_text() -> None:
    assert safe.terminal("Tỷ lệ\tgiải ngân\n85 %") == "Tỷ lệ\tgiải ngân\n85 %"
    assert safe.terminal("a\x1b[31mb\x1b]8;;http://x\x07c\x1b]8;;\x07d") == "abcd"
    assert safe.terminal("a\rb\r\nc") == "a\nb\nc"
    assert safe.one_line(" a \n\t b\u2028c ") == "a b c"


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_markdown_cell(text: str) -> None:
    row = f"| {safe.markdown(text)} | x |"
    assert markdown_tables(f"| a | b |\n|---|---|\n{row}\n") == [[2, 2]]
    html = MarkdownIt().enable("table").render(f"| a | b |\n|---|---|\n{row}\n")
    assert "<script>" not in html and "<em>" not in html and "<code>" not in html


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_yaml_comment(text: str) -> None:
    document = f"a: 1  # {safe.yaml_comment(text)}\nb: 2\n"
    assert yaml.safe_load(document) == {"a": 1, "b": 2}
    assert yaml.load(document, Loader=yaml.CSafeLoader) == {"a": 1, "b": 2}


@pytest.mark.parametrize("text", [*HOSTILE_STRINGS, "null", "0x1f", "2024-01-01", "1.5", "~"])
def test_yaml_scalar_reads_back_as_the_same_string(text: str) -> None:
    expected = text.replace("\udcff", "\ufffd")
    assert yaml.safe_load(f"k: {safe.yaml_scalar(text)}\n") == {"k": expected}
    assert safe.yaml_scalar("kh2024") == "kh2024"
    assert safe.yaml_scalar("VI.3") == "VI.3"


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_ics_text(text: str) -> None:
    value = safe.ics_text(text)
    assert not RAW_CONTROL.search(value) and "\r" not in value and "\n" not in value
    assert not re.search(r"(?<!\\)(\\\\)*[;,]", value)  # every ; and , escaped
    unescaped = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)
    assert unescaped == safe.terminal(text)


def test_ics_folding() -> None:
    from parcheck.render.ics import _fold

    for filler in range(60, 80):
        for text in ("x" * filler + "::error::pwned", "x" * filler + "\\n::", "ế" * filler):
            folded = _fold("SUMMARY:" + text)
            lines = folded.split("\r\n")
            assert all(len(line.encode("utf-8")) <= 75 for line in lines)
            assert "".join([lines[0], *(line[1:] for line in lines[1:])]) == "SUMMARY:" + text
            assert not any(COMMAND.match(line) for line in lines[1:]), lines
            assert not any(line.endswith("\\") for line in lines[:-1])


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_github(text: str) -> None:
    data, prop = safe.github_data(text), safe.github_property(text)
    for value in (data, prop):
        assert "\n" not in value and "\r" not in value and not RAW_CONTROL.search(value)
    assert ":" not in prop and "," not in prop
    assert data.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == safe.one_line(text)


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_log_line(text: str) -> None:
    line = safe.log_line(text)
    assert "\n" not in line and not COMMAND.match(line)


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_json_document(text: str) -> None:
    out = safe.json_document({"t": text}, indent=2)
    out.encode("utf-8")
    assert not RAW_CONTROL.search(out) and "\u2028" not in out
    assert json.loads(out) == {"t": text}
    assert "đỏ" in safe.json_document("đỏ")  # letters stay readable


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_xml(text: str) -> None:
    element = ET.fromstring(f'<a b="{safe.xml_attribute(text)}">{safe.xml_text(text)}</a>')
    shown = safe.terminal(text).replace("\udcff", "\ufffd")
    assert (element.text or "") == shown
    assert element.get("b") == shown


def test_describe_names_the_character() -> None:
    assert safe.describe("\x1b") == "U+001B (ESC)"
    assert safe.describe("\x9b") == "U+009B (CSI)"
    assert safe.describe("\x7f") == "U+007F (DEL)"
    assert safe.describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_safe_in_every_output(text: str) -> None:
    line = safe.one_line(text)
    assert line == " ".join(safe.terminal(text).split())
    assert not RAW_CONTROL.search(line) and not any(c in line for c in "\r\n\u2028\u2029")
    assert not COMMAND.match(safe.log_line(text))
    assert yaml.safe_load(f"a: 1  # {safe.yaml_comment(text)}\nb: 2\n") == {"a": 1, "b": 2}
    assert yaml.safe_load(f"k: {safe.yaml_scalar(text)}") == {"k": text}
    assert json.loads(safe.json_document(text)) == text
    value = safe.ics_text(text)
    assert "\r" not in value and "\n" not in value and not RAW_CONTROL.search(value)
    ET.fromstring(f'<a b="{safe.xml_attribute(text)}">{safe.xml_text(text)}</a>')
    assert ":" not in safe.github_property(text) and "\n" not in safe.github_data(text)
