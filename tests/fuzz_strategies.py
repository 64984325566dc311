"""Hypothesis strategies for tests/test_fuzz.py: YAML written from a grammar with the scalars
people and attackers write, metrics files in YAML and CSV, mutated copies of a plan, and
parcheck command lines; and a time limit that turns a hang into a failure."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import TypeGuard

from hypothesis import strategies as st

# --- scalars -------------------------------------------------------------------------------


class Long(str):
    """A long string that prints short, so that a failing example stays readable."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{self[:1]!r}*{len(self)}"


# As YAML 1.1 and people write them: sexagesimal times, octal, hex, NaN and infinities,
# yes/no, dates that do not exist or lie at the ends of the calendar, timestamps with
# offsets, numbers past Python's int-from-text limit, decimal commas, percents, ratios.
# fmt: off
ODD_SCALARS = (
    "07:00", "7:00", "1:20", "190:20:30", "075", "0o17", "0x50", "0b101", "1_000", "+12", "-0",
    "0.", ".5", "1e3", "1E+400", "-1e-400", "6.8523015e+5", ".nan", ".NaN", ".inf", "-.Inf", "yes",
    "No", "on", "OFF", "y", "n", "~", "null", "Null", "true", "False", "2024-02-30", "2024-02-29",
    "2023-02-29", "2024-13-01", "2024-00-10", "0001-01-01", "9999-12-31", "0000-01-01", "2024-1-5",
    "25/11/2024", "31/02/2024", "29/02/2023", "01/01/0001", "31/12/9999",
    "2024-11-25T10:00:00+07:00", "2024-11-25 10:00:00.5 -5", "2024-11-25t10:00:00Z",
    "2001-12-14 21:59:43.10 -05:00", "2024-11-25 16:10", "2024-11-25T16:10+07:00",
    "2024-11-25 25:61", "98,5", "98.5%", "98,5 %", "47/50", "1/0", "0/0", "-5", "-", "''", '""',
    Long("9" * 400), Long("1" * 4301), "1e309", "-1e309", Long("0x" + "f" * 600),
    "12345678901234567890", "[]", "{}",
    "[9999-12-31, 0001-01-01]", "[2024-02-30]", "{start: 07:00, end: 11:30}",
    '{start: "23:00", end: "01:00"}', "[{start: 25:00}]", "FREQ=SECONDLY", "FREQ=MINUTELY",
    "FREQ=HOURLY", "FREQ=DAILY", "FREQ=DAILY;COUNT=0", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;UNTIL=99991231",
    "FREQ=YEARLY;INTERVAL=0", "RRULE:FREQ=DAILY", "DTSTART:20240101\nRRULE:FREQ=DAILY",
    "Asia/Ho_Chi_Minh", "UTC", "Mars/Olympus", "VN", "XX", "working_hours", "calendar_days", "-1",
    "0", "1000000000",
)
ODD_TAGS = (
    "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set", "!!omap",
    "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!yaml", "!!python/object/apply:os.system",
    "!local", "!<tag:yaml.org,2002:int>", "!",
)
# Text that must stay data: terminal escapes, CR, NUL, BiDi overrides, a GitHub command.
HOSTILE_TEXT = (
    "\x1b[2J", "\x1b]0;pwned\x07", "a\rb", "a\nb", "::error::boom", "\u202egnp.exe", "\x00", "\t",
    "\u2028", "\x85", "\ufeff", "\x7f", "<script>", "| pipe |", "`code`", "# not a comment",
    "Văn phòng Sở", "Van\u0300 pho\u0300ng", "𝕏", "",
)
JUNK_CHARS = (
    "\x00", "\x1b", "\x07", "\r", "\t", "\x0c", "\x85", "\u2028", "\ufeff", "\ud7ff", "\x80", "&",
    "*", "!", "|", ">", "%", "@", "`", "{", "[", "]", "}", ":", "-", "#",
)
# fmt: on
ANCHORS = ("a", "b", "c")


def double_quoted(text: str) -> str:
    return json.dumps(text)


def _printable(char: str) -> bool:
    """Whether `char` stands as itself in a YAML double-quoted scalar and stays itself."""
    code = ord(char)
    return (
        char == "\t"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    ) and char not in '"\\\u2028\u2029'  # YAML 1.1 folds its line breaks


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, escaped as YAML (not JSON) escapes it."""
    out = []
    for char in text:
        if _printable(char):
            out.append(char)
        elif char in '"\\':
            out.append("\\" + char)
        else:
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30))
words = st.from_regex(r"[A-Za-z0-9_.\-/ àáạảãăđêôơưỳ]{1,20}", fullmatch=True)


long_strings = st.builds(
    lambda char, size: Long(char * size), st.sampled_from("xé\x1b "), st.integers(1_000, 140_000)
)


def _day_text(day: dt.date, form: int) -> str:
    """`day` as YYYY-MM-DD or DD/MM/YYYY, bare or quoted."""
    iso = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    dmy = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    return (iso, dmy, f'"{iso}"', f"'{dmy}'")[form]


dates = st.builds(_day_text, st.dates(), st.integers(0, 3))
numbers = st.one_of(
    st.integers().map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(repr),
    st.floats(0, 100).map(lambda x: f'"{x}"'.replace(".", ",")),
    st.floats(-1, 200).map(lambda x: f"{x}%"),
    st.tuples(st.integers(-5, 100), st.integers(-2, 100)).map(lambda p: f"{p[0]}/{p[1]}"),
)
scalar_tokens = st.one_of(
    st.sampled_from(ODD_SCALARS),
    texts.map(double_quoted),
    texts.map(yaml_quoted),
    texts.map(single_quoted),
    words,
    numbers,
    dates,
    long_strings.map(double_quoted),
)
key_tokens = st.one_of(
    words,
    st.sampled_from(ODD_SCALARS[:40]),
    st.sampled_from(("<<", "? x", "[a, b]", "{a: 1}", "&k key", "*a", "id", "kind", "values")),
    texts.map(double_quoted),
)

# --- a YAML grammar ------------------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    text: str  # a scalar with its anchor and tag, or an alias


@dataclass(frozen=True)
class Node:
    kind: str  # "seq" or "map"
    props: str  # anchor and tag: "", "&a", "&a !!map"
    keys: tuple[str, ...]  # a mapping's keys as written; () for a sequence
    values: tuple[Leaf | Node, ...]
    flow: bool  # [a, b] and {k: v} rather than lines


def _is_block(node: Leaf | Node) -> TypeGuard[Node]:
    return isinstance(node, Node) and bool(node.values) and not node.flow


def render_flow(node: Leaf | Node) -> str:
    if isinstance(node, Leaf):
        return node.text
    props = f"{node.props} " if node.props else ""
    if node.kind == "seq":
        return props + "[" + ", ".join(render_flow(value) for value in node.values) + "]"
    pairs = zip(node.keys, node.values, strict=True)
    return props + "{" + ", ".join(f"{key}: {render_flow(value)}" for key, value in pairs) + "}"


def render_block(node: Leaf | Node, indent: int = 0) -> list[str]:
    pad = " " * indent
    if not _is_block(node):
        return [pad + render_flow(node)]
    if node.kind == "map":
        heads = [f"{pad}{key}:" for key in node.keys]
    else:
        heads = [f"{pad}-"] * len(node.values)
    lines: list[str] = []
    for head, value in zip(heads, node.values, strict=True):
        if _is_block(value):
            lines.append(f"{head} {value.props}".rstrip())
            lines.extend(render_block(value, indent + 2))
        else:
            lines.append(f"{head} {render_flow(value)}")
    return lines


def render(node: Leaf | Node) -> str:
    lines = render_block(node)
    if _is_block(node) and node.props:
        lines.insert(0, "--- " + node.props)
    return "\n".join(lines) + "\n"


props = st.tuples(
    st.sampled_from(("", "", "", "&a", "&b", "&c")),
    st.sampled_from(("", "", "", "", *ODD_TAGS)),
).map(lambda pair: " ".join(p for p in pair if p))
leaves = st.one_of(
    st.tuples(props, scalar_tokens).map(lambda pair: Leaf(f"{pair[0]} {pair[1]}".strip())),
    st.sampled_from(ANCHORS).map(lambda name: Leaf("*" + name)),
)


def _extend(children: st.SearchStrategy[Leaf | Node]) -> st.SearchStrategy[Leaf | Node]:
    seqs = st.builds(
        Node,
        st.just("seq"),
        props,
        st.just(()),
        st.lists(children, max_size=5).map(tuple),
        st.booleans(),
    )
    maps = st.lists(st.tuples(key_tokens, children), max_size=5).flatmap(
        lambda pairs: st.builds(
            Node,
            st.just("map"),
            props,
            st.just(tuple(k for k, _ in pairs)),
            st.just(tuple(v for _, v in pairs)),
            st.booleans(),
        )
    )
    return st.one_of(seqs, maps)


trees = st.recursive(leaves, _extend, max_leaves=40)


def _deep(kind: str, depth: int) -> str:
    if kind == "flow-seq":
        return "[" * depth + "]" * depth
    if kind == "flow-map":
        return "{a: " * depth + "1" + "}" * depth
    if kind == "block-seq":
        return "- " * depth + "x"
    return "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n"


deep_documents = st.builds(
    _deep,
    st.sampled_from(("flow-seq", "flow-map", "block-seq", "block-map")),
    st.integers(1, 1200),
)


def _laughs(levels: int, width: int) -> str:
    lines = ["l0: &l0 [x, x]"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


SELF_REFERENCES = (
    "a: &a [*a]\n",
    "&a {b: *a}\n",
    "&a [x, *a]\n",
    "a: &a\n  b: *a\n",
    "a: &a {b: [c, *a]}\n",
    "- &a [*a, *a]\n",
)
# fmt: off
PREFIXES = (
    "", "", "", "---\n", "--- ", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n",
    "%TAG !e! tag:example.com,2000:\n---\n", "# comment\n", "%FOO bar\n---\n",
)
SUFFIXES = (
    "", "", "", "\n...\n", "\n---\nb: 2\n", "\n# end", "\n--- !!python/name:os.system\n",
)
# fmt: on

yaml_bodies = st.one_of(
    trees.map(render),
    trees.map(render_flow),
    deep_documents,
    st.builds(_laughs, st.integers(1, 8), st.integers(1, 12)),
    st.sampled_from(SELF_REFERENCES),
    st.text(max_size=200),
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """A YAML document from the grammar, with directives, markers, odd line ends, a BOM and
    stray characters."""
    text = draw(st.sampled_from(PREFIXES)) + draw(yaml_bodies) + draw(st.sampled_from(SUFFIXES))
    text = text.replace("\n", draw(st.sampled_from(("\n", "\n", "\r\n", "\r"))))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(JUNK_CHARS)) + text[at:]
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


# fmt: off
ENCODINGS = (
    "utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1",
)
# fmt: on


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def encoded(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> bytes:
    """`texts` in an encoding a user's editor may pick, sometimes with random bytes spliced."""
    raw = encode(draw(texts), draw(st.sampled_from(ENCODINGS)))
    for _ in range(draw(st.integers(0, 1))):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


yaml_inputs = st.one_of(
    yaml_texts(), encoded(yaml_texts()), st.text(max_size=300), st.binary(max_size=300)
)

# --- mutated plans -------------------------------------------------------------------------

_PAIR = re.compile(r'(?P<key>[A-Za-z_]+): (?P<value>"[^"]*"|[^,{}\[\]\n#]+)')
# fmt: off
PLAN_LINES = (
    "  extra_days_off: [2024-02-30]", "  working_hours: [{start: 07:00, end: 11:30}]",
    '    - {start: "17:00", end: "07:00"}', "<<: *a", "x: &a [*a]", "  - &a {id: X}",
    "          - {id: Z.9, kind: event, title: t, event: e, limit: {amount: 99999999, "
    "unit: working_hours}}",
    "          - {id: Z.8, kind: recurring, title: t, rrule: FREQ=SECONDLY}",
    "            rrule: FREQ=MINUTELY", "            due: 9999-12-31", "year: 9999", "year: 1",
    "start: 0001-01-01", "\t- tab", "  ", "...", "---", "? complex",
)
# fmt: on


@dataclass(frozen=True)
class Mutation:
    """One change to a plan's lines: delete, duplicate, copy (line `other` over `line`),
    scalar (value `other` of the line's `key: value` pairs becomes `text`), insert `text`,
    indent (by `other`, or dedent), truncate (the file cut after `other` characters of
    `line`, as a failed copy leaves it)."""

    op: str
    line: int
    other: int = 0
    text: str = ""


# Keys whose values the plan's checks and the engine compute with: changed more often.
_KEYED = re.compile(
    r"\b(start|end|due|rrule|limit|amount|unit|op|value|year|timezone|country|extra_days_off"
    r"|extra_working_days|working_hours|per_unit|cap|on_day_off|kind|id|lead|members|from):"
)


# Keys a plan writes a few times only (working hours, calendar, rules, limits, points):
# changed as often as all the others together.
_RARE = re.compile(
    r"\b(start|end|timezone|country|extra_days_off|extra_working_days|working_hours|rrule"
    r"|limit|year|points|on_day_off|from):"
)


def value_changes(lines: Sequence[str]) -> st.SearchStrategy[Mutation]:
    """A value changed where the plan's meaning lies, the file left well formed or nearly."""
    keyed = [i for i, text in enumerate(lines) if _KEYED.search(text)] or [0]
    rare = [i for i, text in enumerate(lines) if _RARE.search(text)] or [0]
    return st.builds(
        Mutation,
        st.just("scalar"),
        st.one_of(st.sampled_from(keyed), st.sampled_from(rare)),
        st.integers(0, 3),
        st.one_of(st.sampled_from(ODD_SCALARS), scalar_tokens),
    )


def mutations(lines: Sequence[str]) -> st.SearchStrategy[Mutation]:
    """Any change: a value, or lines deleted, duplicated, copied, inserted, re-indented, or
    the file cut short."""
    line = st.integers(0, max(len(lines) - 1, 0))
    return st.one_of(
        value_changes(lines),
        st.builds(Mutation, st.just("delete"), line),
        st.builds(Mutation, st.just("duplicate"), line),
        st.builds(Mutation, st.just("copy"), line, line),
        st.builds(Mutation, st.just("scalar"), line, st.integers(0, 3), scalar_tokens),
        st.builds(
            Mutation,
            st.just("insert"),
            line,
            text=st.one_of(st.sampled_from(PLAN_LINES), scalar_tokens, trees.map(render_flow)),
        ),
        st.builds(Mutation, st.just("indent"), line, st.integers(-4, 4)),
        st.builds(Mutation, st.just("truncate"), line, st.integers(0, 80)),
    )


def mutate(lines: Sequence[str], changes: Sequence[Mutation]) -> str:
    """The plan `lines` with each change applied in turn."""
    out = list(lines)
    for change in changes:
        if not out:
            break
        i = change.line % len(out)
        if change.op == "delete":
            del out[i]
        elif change.op == "duplicate":
            out.insert(i, out[i])
        elif change.op == "copy":
            out[i] = out[change.other % len(out)]
        elif change.op == "scalar":
            found = list(_PAIR.finditer(out[i]))
            if found:
                m = found[change.other % len(found)]
                out[i] = out[i][: m.start("value")] + change.text + out[i][m.end("value") :]
        elif change.op == "insert":
            out.insert(i, change.text)
        elif change.op == "indent":
            text = out[i]
            out[i] = " " * change.other + text if change.other >= 0 else text[-change.other :]
        else:
            out[i] = out[i][: change.other]
            del out[i + 1 :]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class MutatedPlan:
    """A plan with a few lines deleted, duplicated, replaced or re-indented, in an encoding;
    it prints as its changes, not as the whole file."""

    changes: tuple[Mutation, ...]
    encoding: str
    lines: tuple[str, ...] = field(repr=False, compare=False)

    def text(self) -> str:
        return mutate(self.lines, self.changes)

    def raw(self) -> bytes:
        return encode(self.text(), self.encoding)


def mutated_plans(lines: Sequence[str]) -> st.SearchStrategy[MutatedPlan]:
    return st.builds(
        MutatedPlan,
        st.one_of(
            st.lists(value_changes(lines), min_size=1, max_size=2),
            st.lists(mutations(lines), min_size=1, max_size=3),
        ).map(tuple),
        st.sampled_from(("utf-8",) * 9 + ("utf-8-sig", "utf-16", "cp1258")),
        st.just(tuple(lines)),
    )


# --- metrics files -------------------------------------------------------------------------

# fmt: off
MOMENTS = (
    "2024-05-03 16:10", '"2024-05-03T16:10:00+07:00"', "2024-05-03 16:10+07:00",
    "2024-05-03T16:10:00Z", "2024-05-03 24:00", "2024-05-03 16:10:99", "9999-12-31 23:59",
    "0001-01-01 00:00", '"2024-11-25 07:00"', "2024-11-25T23:59:59.999999",
)
# fmt: on


@dataclass(frozen=True)
class PlanFacts:
    """What the strategies need of a plan: its id, its checks (id, kind, unit), the names
    of its units and its sections' ids."""

    id: str
    checks: tuple[tuple[str, str, str], ...]
    units: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()

    @property
    def check_ids(self) -> tuple[str, ...]:
        return tuple(check[0] for check in self.checks)


# fmt: off
EDGE_DAYS = (
    "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2024-02-29", "29/02/2024",
    "31/12/9999", "01/01/0001", "2024-12-31", "2024-01-01",
)
# fmt: on
near_days = st.builds(
    _day_text, st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)), st.integers(0, 3)
)
fitting_days = st.one_of(near_days, near_days, st.sampled_from(EDGE_DAYS), dates)
fitting_moments = st.one_of(
    fitting_days,
    st.sampled_from(MOMENTS),
    st.builds(
        lambda day, hour, minute, zone: f'"{day.isoformat()} {hour:02d}:{minute:02d}{zone}"',
        st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
        st.integers(0, 23),
        st.integers(0, 59),
        st.sampled_from(("", "", "", "+07:00", "Z", "-05:00", ":00", ":59.999999")),
    ),
)


text_tokens = st.one_of(texts.map(double_quoted), words, st.sampled_from(ODD_SCALARS))


def _value_text(draw: st.DrawFn) -> str:
    number = draw(st.one_of(numbers, st.sampled_from(ODD_SCALARS)))
    day = draw(st.one_of(dates, st.sampled_from(ODD_SCALARS)))
    moment = draw(st.one_of(dates, st.sampled_from(MOMENTS)))
    note = draw(text_tokens)
    shape = draw(st.integers(0, 11))
    if shape == 0:
        return number
    if shape == 1:
        return f"{{value: {number}, note: {note}}}"
    if shape == 2:
        other = draw(st.one_of(numbers, st.sampled_from(("0", "-1", "0.0", "1e-320", "x"))))
        return f"{{numerator: {number}, denominator: {other}}}"
    if shape == 3:
        return f"{{done: {day}, evidence: {note}}}"
    if shape == 4:
        days = draw(st.lists(st.one_of(dates, st.sampled_from(ODD_SCALARS)), max_size=5))
        return "{done: [" + ", ".join(days) + "]}"
    if shape == 5:
        events = []
        for _ in range(draw(st.integers(0, 3))):
            done = draw(st.one_of(st.just("~"), dates, st.sampled_from(MOMENTS)))
            events.append(f"{{start: {moment}, done: {done}, ref: {note}}}")
        return "{events: [" + ", ".join(events) + "]}"
    if shape == 6:
        return draw(
            st.sampled_from(
                (
                    "",
                    "~",
                    "[]",
                    "{}",
                    "{foo: 1}",
                    "[1, 2]",
                    "{done: }",
                    "{events: x}",
                    "{events: [1]}",
                    "{events: [{}]}",
                )
            )
        )
    if shape == 7:
        return render_flow(draw(trees))
    if shape == 8:
        return f"{{done: {day}}}"
    if shape == 9:
        return f"{{events: [{{start: {moment}}}]}}"
    if shape == 10:
        return day
    return note


notes = st.one_of(texts.map(yaml_quoted), words)  # text that stays text


def _fitting_number(draw: st.DrawFn, unit: str) -> str:
    """A number that fits a threshold of `unit`, in one of the ways people write it."""
    top = 100.0 if unit == "%" else 1e300
    x = draw(
        st.one_of(
            st.floats(0, 100),
            st.integers(0, 100),
            st.floats(0, top),
            st.sampled_from((0, 100, 5e-324, 99.99999999999999, min(1e15, top))),
        )
    )
    text = f"{x:.{draw(st.integers(0, 6))}f}"  # as a person writes it: no exponent
    form = draw(st.integers(0, 4))
    if form == 0:
        return text
    if form == 1:
        return '"' + text.replace(".", ",") + '"'
    if form == 2:
        return f'"{text}%"' if draw(st.booleans()) else f"{text} %"
    if form == 3:
        return f"{{value: {text}, note: {draw(notes)}}}"
    denominator = draw(st.one_of(st.integers(1, 1000), st.integers(1, 10**30)))
    numerator = draw(st.integers(0, denominator))
    return f"{{numerator: {numerator}, denominator: {denominator}}}"


def _fitting_value(draw: st.DrawFn, kind: str, unit: str) -> str:
    """A value of the shape a check of `kind` takes, with contents at the edges: days near
    year 1 and 9999, times with offsets, hostile text in notes and evidence."""
    note = draw(notes)
    if kind == "threshold":
        return _fitting_number(draw, unit)
    if kind == "deliverable":
        return draw(
            st.sampled_from(
                (
                    f"{{done: {draw(fitting_days)}, evidence: {note}}}",
                    f"{{done: {draw(fitting_days)}}}",
                    "{done: ~}",
                    f"{{evidence: {note}}}",
                )
            )
        )
    if kind == "recurring":
        days = draw(st.lists(fitting_days, max_size=6))
        return "{done: [" + ", ".join(days) + "]}"
    events = []
    for _ in range(draw(st.integers(0, 4))):
        done = draw(st.one_of(st.just("~"), fitting_moments))
        events.append(f"{{start: {draw(fitting_moments)}, done: {done}, ref: {note}}}")
    return "{events: [" + ", ".join(events) + "]}"


@st.composite
def fitting_metrics_yaml(draw: st.DrawFn, plan: PlanFacts) -> str:
    """A snapshot the reader accepts, or nearly: the plan's own ids, each with a value of
    its kind's shape."""
    lines = [f"plan: {plan.id}", f"as_of: {draw(fitting_days)}"]
    if draw(st.booleans()):
        lines.append(f"source: {draw(notes)}")
    lines.append("values:")
    chosen = draw(
        st.lists(st.sampled_from(plan.checks), min_size=1, max_size=10, unique_by=lambda c: c[0])
    )
    lines.extend(f"  {ident}: {_fitting_value(draw, kind, unit)}" for ident, kind, unit in chosen)
    return "\n".join(lines) + "\n"


@st.composite
def metrics_yaml(draw: st.DrawFn, plan: PlanFacts) -> str:
    """A snapshot from the grammar: fields present or not, ids of the plan or not, values
    of every shape."""
    if plan.checks and draw(st.booleans()):
        return draw(fitting_metrics_yaml(plan))
    lines = []
    if draw(st.integers(0, 9)):
        lines.append("plan: " + draw(st.one_of(st.just(plan.id), st.sampled_from(ODD_SCALARS))))
    if draw(st.integers(0, 9)):
        lines.append("as_of: " + draw(st.one_of(dates, st.sampled_from(ODD_SCALARS))))
    if draw(st.booleans()):
        lines.append("source: " + draw(text_tokens))
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(key_tokens) + ": 1")
    layout = draw(st.integers(0, 9))
    if layout == 0:
        lines.append("values: " + draw(st.sampled_from(("~", "[]", "{}", "1", "x", "*a"))))
    elif layout:
        lines.append("values:")
        ids = (
            st.one_of(st.sampled_from(plan.check_ids), key_tokens) if plan.check_ids else key_tokens
        )
        for _ in range(draw(st.integers(0, 8))):
            lines.append(f"  {draw(ids)}: {_value_text(draw)}")
    return "\n".join(lines) + "\n"


# fmt: off
CSV_HEADERS = (
    "check,value,as_of,note", "check,value,as_of,note", "check,value,as_of",
    " Check , VALUE ,As_Of,note", "check;value;as_of;note", "mã,giá trị,ngày số liệu",
    "check,value", "", "check,value,as_of,note,extra", '"check","value","as_of","note"',
)
# fmt: on


def _csv_value(draw: st.DrawFn) -> str:
    shape = draw(st.integers(0, 6))
    if shape == 0:
        return draw(numbers).strip('"')
    if shape == 1:
        days = draw(st.lists(dates.map(lambda d: d.strip("\"'")), max_size=4))
        return draw(st.sampled_from((";", " ", "; ", ","))).join(days)
    if shape == 2:
        return draw(long_strings)
    if shape == 3:
        return draw(st.sampled_from(ODD_SCALARS))
    if shape == 4:
        return draw(texts)
    return draw(dates).strip("\"'")


def _fitting_csv_row(draw: st.DrawFn, check: tuple[str, str, str]) -> list[str]:
    ident, kind, unit = check
    if kind == "threshold":
        value = draw(
            st.one_of(
                st.floats(0, 100 if unit == "%" else 1e300).map(
                    lambda x: f"{x:.3f}".replace(".", ",")
                ),
                st.integers(0, 100).map(lambda n: f"{n}%"),
                st.integers(1, 100).flatmap(lambda d: st.integers(0, d).map(lambda n: f"{n}/{d}")),
            )
        )
    elif kind == "recurring":
        value = ";".join(d.strip("\"'") for d in draw(st.lists(fitting_days, max_size=5)))
    else:
        value = draw(st.one_of(st.just(""), fitting_days.map(lambda d: d.strip("\"'"))))
    as_of = draw(fitting_days).strip("\"'")
    return [ident, value, as_of, draw(texts)]


@st.composite
def fitting_metrics_csv(draw: st.DrawFn, plan: PlanFacts) -> str:
    """A CSV snapshot the reader accepts, or nearly: the plan's rows with values that fit."""
    kinds = ("threshold", "deliverable", "recurring")
    rows = [check for check in plan.checks if check[1] in kinds] or list(plan.checks)
    chosen = draw(st.lists(st.sampled_from(rows), max_size=10, unique_by=lambda c: c[0]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(("\n", "\r\n"))))
    writer.writerow(["check", "value", "as_of", "note"])
    writer.writerows(_fitting_csv_row(draw, check) for check in chosen)
    return buffer.getvalue()


@st.composite
def metrics_csv(draw: st.DrawFn, plan: PlanFacts) -> str:
    """A CSV snapshot: the plan's rows with values that fit, or rows of anything, written
    properly or by hand, with odd headers, delimiters and line ends."""
    if plan.checks and draw(st.booleans()):
        return draw(fitting_metrics_csv(plan))
    rows: list[list[str]] = []
    ids = st.one_of(st.sampled_from(plan.check_ids), words, texts) if plan.check_ids else words
    for _ in range(draw(st.integers(0, 8))):
        row = [
            draw(ids),
            _csv_value(draw),
            draw(st.one_of(dates, st.sampled_from(ODD_SCALARS))).strip("\"'"),
            draw(texts),
        ]
        rows.append(row[: draw(st.integers(0, 5))] + draw(st.lists(texts, max_size=1)))
    newline = draw(st.sampled_from(("\n", "\r\n", "\r")))
    delimiter = draw(st.sampled_from((",", ",", ",", ";", "\t")))
    header = draw(st.sampled_from(CSV_HEADERS))
    if draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
        body = buffer.getvalue()
    else:  # by hand, as a clumsy exporter does: quotes left unbalanced, fields unquoted
        body = "".join(delimiter.join(row) + newline for row in rows)
    return header + newline + body


@st.composite
def metrics_files(draw: st.DrawFn, plan: PlanFacts) -> tuple[str, bytes]:
    """A file name's suffix and the bytes of a metrics file: YAML or CSV from a grammar in an
    encoding an editor may pick, or junk."""
    form = draw(st.integers(0, 9))
    bom = "\ufeff" if draw(st.integers(0, 4)) == 0 else ""
    if form < 5:
        suffix = draw(st.sampled_from((".yaml", ".yaml", ".yml", ".YAML")))
        return suffix, draw(encoded(metrics_yaml(plan).map(lambda text: bom + text)))
    if form < 9:
        suffix = draw(st.sampled_from((".csv", ".csv", ".CSV")))
        return suffix, draw(encoded(metrics_csv(plan).map(lambda text: bom + text)))
    suffix = draw(st.sampled_from((".yaml", ".csv", ".txt", "")))
    junk = (st.binary(max_size=300), st.just(b""), st.just(b"\xef\xbb\xbf"), encoded(yaml_texts()))
    return suffix, draw(st.one_of(*junk))


# fmt: off
# File names a metrics folder may hold: a name that is not UTF-8 (as an old zip or a Windows
# share leaves it), an editor's lock file, hidden files, control characters.
FILE_NAMES = (
    "figures", "figures", "figures", "s\udce1\udcbb\udc91-li\udcff", ".~lock.figures.csv#",
    ".hidden", "ý kiến", "a\nb", "\x1b[31mred", "-rf", "con",
)
# fmt: on
file_names = st.sampled_from(FILE_NAMES)


# --- one-stop-shop exports -----------------------------------------------------------------

# fmt: off
EXPORT_HEADERS = (
    "Mã hồ sơ,Kênh nộp,Ngày nộp,Ngày tiếp nhận,Hạn trả kết quả,Ngày có kết quả,Cán bộ xử lý,"
    "Số hóa,Tạm dừng,Lý do tạm dừng,Văn bản tạm dừng,Đã thông báo,Phiếu xin lỗi,"
    "Số lần yêu cầu bổ sung",
    "MaHoSo;KenhThucHien;NgayNopHoSo;NgayTiepNhan;NgayHenTra;NgayKetThucXuLy;NguoiXuLy",
    "ma_ho_so,kenh_nop,ngay_nop,han_tra_ket_qua,can_bo_xu_ly,MaHoSo", "Mã hồ sơ,Kênh nộp", "",
)
EXPORT_CELLS = (
    "Trực tuyến", "Trực tiếp", "Bưu chính công ích", "1", "2", "3", "Fax", "Có", "Không", "x",
    "15/03/2024 16:00", "16/03/2024", "2024-05-04 09:00:00", "2024-05-04T09:00", "31/02/2024",
    "26/04/24 10:00", "15/03/1999 08:00", "9999-12-31", "0", "2", "-1", "2.0", "hai", " ", "",
    '"', '""', "a\nb", "\r", "H34-1", "H34-1", "Nguyễn Văn An", "\x00", "1e9", "00:00",
)
# fmt: on


@st.composite
def exports(draw: st.DrawFn) -> bytes:
    """A one-stop-shop export as CSV: a header (the contract's, the portal's, broken) and
    rows of likely and unlikely cells, separated and encoded as a clumsy exporter does."""
    delimiter = draw(st.sampled_from((",", ";", ",", "\t")))
    header = draw(st.sampled_from(EXPORT_HEADERS)).replace(",", delimiter).replace(";", delimiter)
    width = header.count(delimiter) + 1
    cells = st.one_of(st.sampled_from(EXPORT_CELLS), texts, dates)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=12))
    newline = draw(st.sampled_from(("\n", "\r\n", "\n", "\r")))
    if draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
        body = buffer.getvalue()
    else:
        body = "".join(delimiter.join(row) + newline for row in rows)
    return encode(header + newline + body, draw(st.sampled_from(ENCODINGS)))


# --- command lines -------------------------------------------------------------------------

# Workspace-relative paths the command lines name (tests/test_fuzz.py builds the workspace).
# fmt: off
PLAN_PATHS = (
    "plans/kh2024.yaml", "small/engine.yaml", "small/minimal.yaml", "mutated/plan.yaml",
    "mutated/plan.yaml", "mutated/plan.yaml", "missing.yaml", "small", "empty", "link-to-plan.md",
    "metrics/2024-11-25.yaml", "/dev/null", "",
)
METRICS_PATHS = (
    "metrics", "metrics/2024-11-25.yaml", "small/engine-2024-11-25.yaml", "gen/figures.yaml",
    "gen/figures.yaml", "gen/figures.yaml", "gen/figures.csv", "gen/figures.csv", "gen", "gen",
    "empty", "missing", "plans/kh2024.yaml", "/dev/null", "",
)
OUTPUT_PATHS = ("out/report.md", "out/report.md", "out/calendar.ics", "out", "out/missing/x.md", "")
EXPORT_PATHS = (
    "exports/export.csv", "exports/export-portal.csv", "exports/export.xlsx", "gen/export.csv",
    "gen/export.csv", "gen/export.csv", "metrics/2024-11-25.yaml", "plans/kh2024.yaml",
    "missing.csv", "empty", "/dev/null", "",
)
CAREFUL_PLANS = (
    "plans/kh2024.yaml", "small/engine.yaml", "small/minimal.yaml", "mutated/plan.yaml",
)
CAREFUL_METRICS = (
    "metrics", "metrics/2024-11-25.yaml", "gen/figures.yaml", "gen/figures.csv", "gen",
)
# Outputs aimed at an input of the same run, added at the end of a command line so that
# they are surely its inputs: the plan, a metrics file, a link to the plan, a file in a
# metrics folder (each must be refused, the input left as it was).
ONTO_INPUTS = {
    "report": (
        ("--plan", "plans/kh2024.yaml", "-o", "plans/kh2024.yaml"),
        ("--plan", "small/engine.yaml", "--output", "small/engine.yaml"),
        ("--plan", "plans/kh2024.yaml", "-o", "link-to-plan.md"),
        ("--metrics", "metrics/2024-11-25.yaml", "-o", "metrics/2024-11-25.yaml"),
        ("--metrics", "metrics", "-o", "metrics/2024-11-25.yaml"),
        ("--metrics", "gen/figures.yaml", "-o", "gen/figures.yaml"),
    ),
    "dossiers": (
        ("exports/export.csv", "--write-metrics", "exports/export.csv"),
        ("--plan", "plans/kh2024.yaml", "--write-metrics", "plans/kh2024.yaml"),
        ("gen/export.csv", "--write-metrics", "gen/export.csv"),
    ),
    "calendar": (
        ("--plan", "plans/kh2024.yaml", "--ics", "plans/kh2024.yaml"),
        ("--plan", "small/engine.yaml", "--ics", "small/engine.yaml"),
        ("--plan", "plans/kh2024.yaml", "--ics", "link-to-plan.md"),
    ),
}
AS_OF = (
    "2024-11-25", "2024-11-25", "25/11/2024", "0001-01-01", "9999-12-31", "2024-02-30",
    "31/12/9999", "01/01/0001", "2024-02-29", "garbage", "", " 2024-11-25 ", "2024-1-5",
    "２０２４-１１-２５", "2024-11-25T00:00", "99999-01-01", "-2024-01-01", "2024/11/25",
)
MONTHS = (
    "2024-11", "2024-1", "9999-12", "0001-01", "0-1", "2024-13", "2024-00", "2024", "2024-11-25",
    "", "abc", "2024-11-", "-2024-11", "1e3-1", "２０２４-１１", "10000-01",
)
STATUSES = ("met", "not_met", "overdue", "at_risk", "due_soon", "no_data", "pending")
FORMATS = (
    "text", "json", "github", "table", "markdown", "terminal", "junit", "sarif", "html", "docx",
    "xlsx", "yaml", "", "TABLE", "Json",
)
FORMATS_OF = {
    "validate": ("text", "json", "github"),
    "status": ("table", "json", "markdown"),
    "report": ("markdown", "terminal"),
    "dossiers": ("table", "json", "markdown"),
}
SCHEMAS = ("plan", "metrics", "plan", "x", "", "PLAN")
# Each command's options; an option listed twice is drawn twice as often.
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("--plan", "--metrics", "--metrics", "--format", "--lang"),
    "status": (
        "--plan", "--metrics", "--metrics", "--as-of", "--as-of", "--lang", "--format", "--unit",
        "--section", "--only", "--warn-days", "--fail-on", "--by",
    ),
    "report": (
        "--plan", "--metrics", "--as-of", "--as-of", "--month", "--unit", "--lang", "--format",
        "-o", "--output",
    ),
    "calendar": ("--plan", "--from", "--to", "--unit", "--lang", "--ics"),
    "dossiers": (
        "--plan", "--as-of", "--as-of", "--lang", "--format", "--timeliness", "--show",
        "--write-metrics",
    ),
    "template": ("--plan", "--as-of", "--as-of"),
    "schema": (),
}
STRAY = (
    "--help", "--version", "--", "-", "--bogus", "-x", "--plan", "--as-of=", "-o", "é", "--lang=en",
    "--format=json", "--all",
)
# fmt: on


@dataclass
class Run:
    """One command line, the generated files it reads, and its environment."""

    args: list[str]
    files: dict[str, bytes | MutatedPlan] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)


def _careful_value(draw: st.DrawFn, plan: PlanFacts, command: str, option: str) -> str:
    """A value a careful user may give `option`: valid, though perhaps at an edge (a day
    in year 1 or 9999, a huge --warn-days, a unit's alias)."""
    if option == "--plan":
        return draw(st.sampled_from(CAREFUL_PLANS))
    if option == "--metrics":
        return draw(st.sampled_from(CAREFUL_METRICS))
    if option in {"--as-of", "--from", "--to"}:
        return draw(fitting_days).strip("\"'")
    if option == "--month":
        year = draw(st.one_of(st.integers(2023, 2025), st.integers(1, 9999)))
        return f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    if option == "--unit":
        return draw(st.sampled_from(plan.units or ("VP",)))
    if option == "--section":
        return draw(st.sampled_from(plan.sections or ("I",)))
    if option == "--only":
        return ",".join(draw(st.lists(st.sampled_from(STATUSES), min_size=1, unique=True)))
    if option == "--warn-days":
        return str(draw(st.one_of(st.integers(0, 60), st.integers(0, 10**12))))
    if option == "--fail-on":
        return draw(st.sampled_from(("red", "yellow", "never")))
    if option == "--format":
        return draw(st.sampled_from(FORMATS_OF.get(command, ("text",))))
    if option == "--lang":
        return draw(st.sampled_from(("vi", "en")))
    if option == "--by":
        return draw(st.sampled_from(("section", "unit")))
    if option == "--timeliness":
        return draw(st.sampled_from(("766", "finished")))
    if option == "--show":
        return str(draw(st.integers(0, 100)))
    if option == "--write-metrics":
        return "out/dossiers.yaml"
    return draw(st.sampled_from(("out/report.md", "out/calendar.ics")))


def _any_value(draw: st.DrawFn, plan: PlanFacts, option: str) -> str:
    """A value a clumsy user may give `option`: sometimes sensible, often not."""
    if option == "--plan":
        return draw(st.sampled_from(PLAN_PATHS))
    if option == "--metrics":
        return draw(st.sampled_from(METRICS_PATHS))
    if option in {"--as-of", "--from", "--to"}:
        days = dates.map(lambda d: d.strip("\"'"))
        return draw(st.one_of(st.sampled_from(AS_OF), days, st.text(max_size=12)))
    if option == "--month":
        numbers = st.builds("{}-{}".format, st.integers(-1, 10_001), st.integers(-1, 13))
        return draw(st.one_of(st.sampled_from(MONTHS), numbers))
    if option == "--unit":
        odd = st.sampled_from(("", " ", "vp", "VĂN PHÒNG SỞ", "x" * 1000))
        return draw(st.one_of(st.sampled_from(plan.units or ("VP",)), texts, odd))
    if option == "--section":
        odd = st.sampled_from(("IV", "ORG", "", "vi", "XI"))
        return draw(st.one_of(st.sampled_from(plan.sections or ("I",)), odd, texts))
    if option == "--only":
        odd = st.sampled_from(("", "MET", " met ", "bogus", "red"))
        return ",".join(draw(st.lists(st.one_of(st.sampled_from(STATUSES), odd), max_size=4)))
    if option == "--warn-days":
        odd = st.sampled_from(("", "abc", "1e3", "1.5", "-0", "0x10", "９"))
        huge = st.integers(-(10**30), 10**30).map(str)
        return draw(st.one_of(st.integers(-5, 400).map(str), huge, odd))
    if option == "--fail-on":
        return draw(st.sampled_from(("red", "yellow", "never", "RED", "", "green")))
    if option == "--format":
        return draw(st.sampled_from(FORMATS))
    if option == "--lang":
        return draw(st.sampled_from(("vi", "en", "EN", "fr", "")))
    if option == "--by":
        return draw(st.sampled_from(("section", "unit", "x")))
    if option == "--timeliness":
        return draw(st.sampled_from(("766", "finished", "FINISHED", "", "765")))
    if option == "--show":
        return draw(st.sampled_from(("0", "1", "-1", "abc", "10000000000000000000000", "")))
    return draw(st.sampled_from(OUTPUT_PATHS))


@st.composite
def command_lines(draw: st.DrawFn, plan: PlanFacts, plan_lines: Sequence[str]) -> Run:
    """A parcheck command line from the grammar of its commands and options: half of them
    as a careful user writes them (valid values, at the edges), half as a clumsy one (any
    value, stray words, an option without its value)."""
    careful = draw(st.booleans())
    commands = (*COMMANDS, "status", "status", "report", "validate")
    command = draw(st.sampled_from(commands if careful else (*commands, "bogus")))
    args: list[str] = []
    if not careful and draw(st.integers(0, 19)) == 0:
        args.append(draw(st.sampled_from(STRAY)))
    args.append(command)
    if command == "schema":
        args.append(draw(st.sampled_from(("plan", "metrics") if careful else SCHEMAS)))
    if command == "validate":
        paths = CAREFUL_PLANS if careful else PLAN_PATHS
        args.extend(draw(st.lists(st.sampled_from(paths), max_size=2)))
    if command == "dossiers":
        paths = EXPORT_PATHS[:6] if careful else EXPORT_PATHS
        args.extend(
            draw(st.lists(st.sampled_from(paths), min_size=1 if careful else 0, max_size=2))
        )
    options = COMMANDS.get(command, ("--plan",))
    for _ in range(draw(st.integers(0, 6)) if options else 0):
        option = draw(st.sampled_from(options))
        if careful and option in {"--as-of", "--month"}:  # one or the other, as --help says
            option = next((a for a in args if a in {"--as-of", "--month"}), option)
        if careful:
            value = _careful_value(draw, plan, command, option)
        else:
            value = _any_value(draw, plan, option)
        if option.startswith("--") and draw(st.integers(0, 5)) == 0:
            args.append(f"{option}={value}")
        else:
            args.extend((option, value))
    dated = any(a.startswith(("--as-of", "--month")) for a in args)
    if (
        command in {"status", "report", "template", "dossiers"}
        and not dated
        and draw(st.integers(0, 3))
    ):
        args.extend(("--as-of", "2024-11-25"))  # mostly a date a test may fix
    if not careful and draw(st.integers(0, 9)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(st.sampled_from(STRAY)))
    if not careful and draw(st.integers(0, 19)) == 0 and args:
        del args[-1]  # an option left without its value
    if command in ONTO_INPUTS and draw(st.integers(0, 4)) == 0:
        args.extend(draw(st.sampled_from(ONTO_INPUTS[command])))
    run = Run(args)
    if any("mutated/plan.yaml" in a for a in args):
        run.files["mutated/plan.yaml"] = draw(mutated_plans(plan_lines))
    if any(a == "gen/export.csv" for a in args):
        run.files["gen/export.csv"] = draw(exports())
    if any("gen/figures" in a or a == "gen" for a in args):
        if careful:
            run.files["gen/figures.yaml"] = draw(fitting_metrics_yaml(plan)).encode()
            run.files["gen/figures.csv"] = draw(fitting_metrics_csv(plan)).encode()
        else:
            run.files["gen/figures.yaml"] = draw(encoded(metrics_yaml(plan)))
            run.files["gen/figures.csv"] = draw(encoded(metrics_csv(plan)))
        if draw(st.integers(0, 3)) == 0:
            suffix, raw = draw(metrics_files(plan))
            run.files[f"gen/{draw(file_names)}{suffix}"] = raw
    if draw(st.integers(0, 9)) == 0:
        run.env["PARCHECK_LANG"] = draw(st.sampled_from(("en", "EN", "vi", "", "fr")))
    if draw(st.integers(0, 9)) == 0:
        run.env["COLUMNS"] = draw(st.sampled_from(("100", "40", "1", "0", "-5", "abc", "5000")))
    return run


# --- hangs ---------------------------------------------------------------------------------


class Hang(BaseException):  # not an Exception: nothing under test may catch it
    """A run took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `Hang` in the code under test when it runs longer than `seconds`."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
