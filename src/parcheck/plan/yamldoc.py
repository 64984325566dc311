"""Safe YAML reading that keeps every node's line and column and refuses what PyYAML lets by.

PyYAML silently keeps the last of two equal keys, expands aliases without bound and, with
the unsafe loaders, builds Python objects from tags. Here the file's parser events (the C
parser when present) are built into data by hand: duplicate keys, foreign tags, merge keys,
alias bombs (in nodes or in characters), aliases that contain themselves and nesting past
`MAX_DEPTH` become problems at their positions, strings are NFC-normalised, and dates that
do not exist stay strings for the models to reject with a clear message.

Numbers are read as a person writes them: only plain decimals (`80`, `-3`, `98.5`) are
numbers, and only `true`/`false` are booleans. YAML 1.1's other forms (`075` octal, `0x50`,
`1_000`, `7:00` sexagesimal, `.nan`, `.inf`, `yes`/`no`/`on`/`off`) stay the text they are,
so that `start: 13:30` is the time it reads as and a number field says "not a number"
instead of taking another value.

No node tree is kept while the data is built (on a 50,000-task plan it took 0.7 GB):
the positions of values are found only when a problem is reported, by composing the text
again (`Document.root`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from parcheck.problems import FileProblems, Problem, shape_words

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Event = Any  # a parser event (PyYAML's stubs do not give each kind's fields)

MAX_DEPTH = 64  # mappings and lists inside one another, aliases expanded; a plan needs ~10
MAX_NODES = 100_000  # nodes aliases may expand to, in all
MAX_CHARS = 1_000_000  # characters of the scalars aliases expand to, in all
_TAG = "tag:yaml.org,2002:"
# Plain decimals only; at most 18 digits, so that a number is never a 5,000-digit int.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# `1.000`, `12.500`: a thousands separator in Vietnamese, a decimal point in English; kept
# as text, which the readers of figures and plans refuse as ambiguous (PM032).
_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")
_BOOLS = {"true": True, "false": False}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML file's data and its text. Positions are looked up only when a problem is
    reported: the text is then composed into nodes (`root`), which know the line and column
    of every value and key; a file without problems costs no bookkeeping for them."""

    path: str
    data: Any
    text: str = field(default="", repr=False)
    # each mapping node's entries by key, made at its first lookup (by the node's id: the
    # nodes live as long as `root`), so that a position costs one lookup a level
    _entries: dict[int, dict[str | None, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, init=False, repr=False
    )

    @cached_property
    def root(self) -> yaml.Node | None:
        """The composed nodes of `text` (the same text was parsed before: no error here)."""
        return yaml.compose(self.text, Loader=_Loader)

    def resolve(self, loc: tuple[Any, ...], *, keep_last: bool = False) -> Path_:
        """The part of `loc` (a path as pydantic reports it) that exists in the document.

        Parts pydantic adds are skipped: the tag of a discriminated union (which follows a
        list index and equals the item's `kind`), validator names, and a missing field's
        name unless `keep_last`.
        """
        node = self.data
        found: Path_ = ()
        for i, part in enumerate(loc):
            after_index = bool(found) and isinstance(found[-1], int)
            if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            elif isinstance(node, dict) and isinstance(part, str):
                if after_index and node.get("kind") == part and i + 1 < len(loc):
                    continue
                if part not in node and not (keep_last and i == len(loc) - 1):
                    continue
                node = node.get(part)
            else:
                continue
            found = (*found, part)
        return found

    def position(self, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
        """The position of the deepest node of `loc` that exists (its key's, with `key`)."""
        node, key_node = self.root, None
        for part in self.resolve(loc, keep_last=key):
            if isinstance(node, yaml.MappingNode):
                entries = self._entries_of(node)
                match = entries.get(part) if isinstance(part, str) else None
                if match is None:
                    break  # a missing field: the mapping that lacks it
                key_node, node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                key_node, node = None, node.value[part]
            else:
                break
        else:
            if key and key_node is not None:
                return _pos(key_node)
        return _pos(node) if node is not None else (1, 1)

    def _entries_of(self, node: yaml.MappingNode) -> dict[str | None, tuple[yaml.Node, yaml.Node]]:
        entries = self._entries.get(id(node))
        if entries is None:
            entries = {}
            for key, value in node.value:
                entries.setdefault(_key_text(key), (key, value))
            self._entries[id(node)] = entries
        return entries


def _key_text(node: yaml.Node) -> str | None:
    """A mapping key as the built data has it (NFC text; numbers as written)."""
    if isinstance(node, yaml.ScalarNode):
        return unicodedata.normalize("NFC", node.value)
    return None


class YamlProblems(Exception):
    """The file could not be turned into data; `problems` says where and why. `document`
    is what could be read all the same (None when nothing could): the data without the
    parts refused (a key written twice keeps its first value; a value with a tag not
    allowed is None), for a reader that reports the file's other problems too."""

    def __init__(self, problems: list[Problem], document: Document | None = None) -> None:
        super().__init__(problems[0].render("en") if problems else "YAML problems")
        self.problems = problems
        self.document = document


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text with or without a BOM; anything else is a problem at its position."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise YamlProblems([Problem(path, 1, 1, "PC014", {"reason": "UTF-32 (BOM)"})])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblems([Problem(path, 1, 1, "PC014", {"reason": "UTF-16 (BOM)"})])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        reason = f"byte 0x{raw[exc.start]:02x}"
        raise YamlProblems([Problem(path, line, column, "PC014", {"reason": reason})]) from None


def read_text(path: Path) -> str:
    """The file's text (see `decode`), read as a bounded regular file (`safety.files`); a
    file that cannot be read is a problem too."""
    from parcheck.safety.files import PLAN_LIMIT, Unreadable, read_input

    try:
        raw = read_input(path, PLAN_LIMIT)
    except Unreadable as exc:
        raise YamlProblems([Problem(str(path), 0, 0, exc.code, exc.params)]) from None
    return decode(raw, str(path))


def load(path: Path) -> Document:
    """Read and build the YAML file at `path`, or raise `YamlProblems`."""
    return parse(read_text(path), str(path))


def parse(text: str, path: str, more: str = "PC051") -> Document:
    """The file's data, or `YamlProblems`: at most `MAX_REPORTED` of them, then one (`more`:
    PC051 in a plan, PM017 in a metrics file) that counts the others."""
    loader = _Loader(text)
    builder = _Builder(path, loader, more)
    try:
        try:
            data = builder.document()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        raise YamlProblems([_unreadable_character(exc, text, path)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "maximum nesting depth" in str(exc.problem):  # libyaml stops at 1,000 levels
            raise YamlProblems(
                [Problem(path, line, column, "PC045", {"limit": MAX_DEPTH})]
            ) from None
        raise YamlProblems([Problem(path, line, column, "PC010", _syntax(exc, text))]) from None
    except yaml.YAMLError as exc:
        from parcheck.library_words import yaml_reasons  # only for a broken file

        raise YamlProblems([Problem(path, 1, 1, "PC010", yaml_reasons(str(exc)))]) from None
    except RecursionError:  # past MAX_DEPTH nothing recurses: kept as a last guard
        raise YamlProblems([Problem(path, 1, 1, "PC045", {"limit": MAX_DEPTH})]) from None
    if data is _EMPTY:
        raise YamlProblems([Problem(path, 1, 1, "PC015")])
    if builder.problems:
        read = None if builder.refused else Document(path, data, text)
        raise YamlProblems(builder.problems.problems(), read)
    return Document(path, data, text)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> dict[str, str]:
    """The parameters of PC010 for a syntax error: PyYAML's English and its Vietnamese
    (`library_words.YAML`), which names the character at the error and where the context
    began (the quote left open, the block a key belongs to) when that is elsewhere."""
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    mark, began = exc.problem_mark, exc.context_mark
    char = ""
    if mark is not None:
        lines = _LINE_BREAK.split(text)
        if mark.line < len(lines):
            char = lines[mark.line][mark.column : mark.column + 1]
    where = ""
    if began is not None and (
        mark is None or (began.line, began.column) != (mark.line, mark.column)
    ):
        where = f" ở dòng {began.line + 1}, cột {began.column + 1}"
    from parcheck.library_words import yaml_reasons

    return yaml_reasons(english, char, where)


def _unreadable_character(exc: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    """A character YAML refuses (a control character: ESC, NUL, BEL, DEL, C1), named, at
    its line and column. libyaml gives its place as an offset in the UTF-8 bytes."""
    from parcheck.safety.text import describe, forbidden

    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "replace")
    if (
        text[len(before) : len(before) + 1] != char
        and text[exc.position : exc.position + 1] == char
    ):
        before = text[: exc.position]  # the pure-Python reader counts characters
    breaks = list(_LINE_BREAK.finditer(before))
    line = len(breaks) + 1
    column = len(before) - (breaks[-1].end() if breaks else 0) + 1
    if forbidden(char):
        return Problem(path, line, column, "PC060", {"char": describe(char)})
    english = f"{describe(char)}: {exc.reason}"
    from parcheck.library_words import yaml_reasons

    return Problem(path, line, column, "PC010", yaml_reasons(english, describe(char)))


def _pos(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Refused(Exception):
    """The file is refused as a whole: `code` at the event `at`."""

    def __init__(self, at: Event, code: str, **params: Any) -> None:
        super().__init__(code)
        self.at = at
        self.code = code
        self.params = params


_EMPTY = object()  # a stream without a document
_MISSING = object()


@dataclass
class _Anchor:
    """An anchored node: its events, to build again where an alias names it (None while
    the node itself is being read: an alias inside it would expand without end)."""

    first: Event
    events: list[Event] | None


class _Builder:
    """Builds data from parser events, collecting problems, as composing the nodes and
    building from them would, without keeping the nodes. An alias builds its anchored node
    again from the node's recorded events.

    What aliases expand to is counted, in nodes and in the characters of their scalars:
    past `MAX_NODES` or `MAX_CHARS` the file is refused (an alias bomb, however small the
    file itself is: 5,000 titles that alias one 100 kB string are 500 MB of text). An alias
    met inside the node it names (`a: &a [*a]`) and nesting deeper than `MAX_DEPTH` are
    refused too, so building never recurses without bound. Problems of an expansion are
    reported where the outermost alias is used: at the key it is the value of, or at the
    list that holds it."""

    def __init__(self, path: str, loader: Any, more: str) -> None:
        self.path = path
        self.problems = FileProblems(path, more)
        self.refused = False  # the file as a whole: nothing of it is read
        self.nodes = 0
        self.chars = 0
        self.in_alias = 0
        self.alias: Event | None = None  # where the outermost alias being expanded is used
        self.source: Callable[[], Event] = loader.get_event
        self.get: Callable[[], Event] = self.source  # the next event to build from
        self.resolve = loader.resolve
        self.plain: dict[str, Any] = {}  # the value of each plain scalar's text
        self.anchors: dict[str, _Anchor] = {}
        self.recording: list[list[Event]] = []  # the anchored nodes being read
        self.replaying: list[str] = []  # the anchors being built again, innermost last

    def problem(self, node: Event, code: str, **params: Any) -> None:
        self.problems.add(Problem(self.path, *_pos(node), code, params))

    def document(self) -> Any:
        """The data of the stream's one document, or `_EMPTY`."""
        self.get()  # stream start
        event = self.get()
        if type(event) is StreamEndEvent:
            return _EMPTY
        root = self.get()  # after the document start
        try:
            data = self._build(root, 0, root)
        except _Refused as refused:
            self.refused = True
            self._drain()
            self.problems = FileProblems(self.path, self.problems.code)
            self.problems.add(Problem(self.path, *_pos(refused.at), refused.code, refused.params))
            return None
        self.get()  # document end
        event = self.get()
        if type(event) is not StreamEndEvent:
            raise ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                event.start_mark,
            )
        return data

    def _build(self, event: Event, depth: int, used_at: Event) -> Any:
        """The value of the node `event` starts, `depth` collections deep, used at `used_at`
        (the key it is the value of, or the list that holds it)."""
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None and not self.replaying:
                self._anchor(event)
            if self.in_alias:
                self._count(event, used_at)
            if event.tag is None and event.implicit[0]:
                value = self.plain.get(event.value, _MISSING)
                if value is not _MISSING:
                    return value
            return self._scalar(event)
        if kind is AliasEvent:
            return self._alias(event, depth, used_at)
        if event.anchor is not None and not self.replaying:
            self._anchor(event)
        if self.in_alias:
            self._count(event, used_at)
        if depth >= MAX_DEPTH:
            raise _Refused(self.alias or event, "PC045", limit=MAX_DEPTH)
        if kind is MappingStartEvent:
            built: Any = self._mapping(event, depth + 1)
        else:
            if self._tag(event) != _TAG + "seq":
                self.problem(event, "PC012", tag=self._tag(event))
            built = []
            while type(item := self.get()) is not SequenceEndEvent:
                built.append(self._build(item, depth + 1, event))
        if event.anchor is not None and not self.replaying:
            self._anchored()
        return built

    def _count(self, event: Event, used_at: Event) -> None:
        """Count a node met again (through an alias) to the budget."""
        self.nodes += 1
        if type(event) is ScalarEvent:
            self.chars += len(event.value)
        if self.nodes > MAX_NODES or self.chars > MAX_CHARS:
            raise _Refused(self.alias or used_at, "PC013", nodes=MAX_NODES, chars=MAX_CHARS)

    def _unique_anchor(self, event: Event) -> None:
        """The error composing would raise for an anchor defined twice."""
        if event.anchor in self.anchors:
            raise ComposerError(
                "found duplicate anchor; first occurrence",
                self.anchors[event.anchor].first.start_mark,
                "second occurrence",
                event.start_mark,
            )

    def _anchor(self, event: Event) -> None:
        """Note the anchor `event` defines; a collection's events are recorded until its
        end (`_anchored`)."""
        name = event.anchor
        self._unique_anchor(event)
        if type(event) is ScalarEvent:
            self.anchors[name] = _Anchor(event, [event])
            return
        self.anchors[name] = _Anchor(event, None)
        self.recording.append([event])
        self.get = self._get_recorded

    def _anchored(self) -> None:
        events = self.recording.pop()
        self.anchors[events[0].anchor].events = events
        if not self.recording:
            self.get = self.source

    def _get_recorded(self) -> Event:
        event = self.source()
        for events in self.recording:
            events.append(event)
        return event

    def _alias(self, event: Event, depth: int, used_at: Event) -> Any:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)
        outer_alias = self.alias
        self.alias = outer_alias or used_at
        if anchor.events is None or event.anchor in self.replaying:
            raise _Refused(self.alias, "PC046")  # the node holds an alias of itself: no end
        outer = self.get
        replay = iter(anchor.events)
        self.get = replay.__next__
        self.in_alias += 1
        self.replaying.append(event.anchor)
        try:
            return self._build(next(replay), depth, used_at)
        finally:
            self.get = outer
            self.in_alias -= 1
            self.replaying.pop()
            self.alias = outer_alias

    def _skip(self, event: Event) -> None:
        """Read past the node `event` starts without building it (a value that is not
        used), noting the anchors it defines."""
        kind = type(event)
        if kind is AliasEvent:
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, "found undefined alias", event.start_mark)
            return
        if event.anchor is not None and not self.replaying:
            self._anchor(event)
        if kind is ScalarEvent:
            return
        end = MappingEndEvent if kind is MappingStartEvent else SequenceEndEvent
        while type(inner := self.get()) is not end:
            self._skip(inner)
        if event.anchor is not None and not self.replaying:
            self._anchored()

    def _drain(self) -> None:
        """Read the rest of the stream after the alias budget ran out, for the errors that
        composing it would raise first."""
        self.get = self.source
        while type(event := self.source()) is not StreamEndEvent:
            kind = type(event)
            if kind is DocumentStartEvent:  # the first one was read before the budget ran out
                raise ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,
                )
            elif kind is AliasEvent:
                if event.anchor not in self.anchors:
                    raise ComposerError(None, None, "found undefined alias", event.start_mark)
            elif getattr(event, "anchor", None) is not None:
                name = event.anchor
                self._unique_anchor(event)
                self.anchors[name] = _Anchor(event, [])

    def _tag(self, event: Event) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            kind = yaml.MappingNode if type(event) is MappingStartEvent else yaml.SequenceNode
            tag = self.resolve(kind, None, event.implicit)
        return str(tag)

    def _key(self, event: Event) -> tuple[Event, str]:
        """A mapping key's node (its first event; an alias's is its anchor's) and tag. A key
        that is not a scalar is read past."""
        kind = type(event)
        if kind is AliasEvent:
            anchor = self.anchors.get(event.anchor)
            if anchor is None:
                raise ComposerError(None, None, "found undefined alias", event.start_mark)
            node = anchor.first
            return node, self._scalar_tag(node) if type(node) is ScalarEvent else self._tag(node)
        if kind is ScalarEvent:
            if event.anchor is not None and not self.replaying:
                self._anchor(event)
            return event, self._scalar_tag(event)
        tag = self._tag(event)
        self._skip(event)
        return event, tag

    def _mapping(self, event: Event, depth: int) -> dict[str, Any]:
        tag = self._tag(event)
        if tag != _TAG + "map":
            self.problem(event, "PC012", tag=tag)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        get, plain = self.get, self.plain  # (self.get is the same again after each value)
        while type(key_event := get()) is not MappingEndEvent:
            key: Any = _MISSING
            if (
                type(key_event) is ScalarEvent
                and key_event.tag is None
                and key_event.anchor is None
                and key_event.implicit[0]
            ):
                key = plain.get(key_event.value, _MISSING)  # a plain key read before
            if key is _MISSING:
                key_node, key_tag = self._key(key_event)
                if type(key_event) is AliasEvent:  # a key met again counts to the budget
                    self._count(key_node, event)
                if key_tag == _TAG + "merge":
                    self.problem(key_node, "PC018")
                    self._skip(get())
                    continue
                key = self._scalar(key_node) if type(key_node) is ScalarEvent else None
            else:
                key_node = key_event
            if type(key) is not str:
                if isinstance(key, int | float) and not isinstance(key, bool):
                    key = str(key_node.value)  # `2024: …` is a key like any other
                else:
                    kind = type(key_node)
                    found = (
                        type(key).__name__
                        if kind is ScalarEvent
                        else "mapping"
                        if kind is MappingStartEvent
                        else "list"
                    )
                    self.problem(key_node, "PC017", **shape_words(found))
                    self._skip(get())
                    continue
            if key in out:
                self.problem(key_node, "PC011", key=key, first=first_line[key])
                self._skip(get())
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self._build(get(), depth, key_node)
        return out

    def _scalar_tag(self, event: Event) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
        return str(tag)

    def _scalar(self, event: Event) -> Any:
        """A scalar's value. A plain scalar's value depends on its text alone, and is
        immutable: the value of each plain text is kept (`plain`) and given again."""
        tag = self._scalar_tag(event)
        value = event.value
        if tag == _TAG + "str":
            built: Any = unicodedata.normalize("NFC", value)
        elif tag == _TAG + "timestamp":
            try:
                built = dt.date.fromisoformat(value)
            except ValueError:
                built = value  # "2024-02-30": the model names it as a day that does not exist
        elif tag == _TAG + "null":
            built = None
        elif tag == _TAG + "int" and _INT.fullmatch(value):
            built = int(value)
        elif (
            tag == _TAG + "float"
            and _FLOAT.fullmatch(value)
            and _finite(value)
            and not _THOUSANDS.fullmatch(value)
        ):
            built = float(value)
        elif tag == _TAG + "bool" and value.lower() in _BOOLS:
            built = _BOOLS[value.lower()]
        elif tag in (_TAG + "int", _TAG + "float", _TAG + "bool"):
            built = unicodedata.normalize("NFC", value)  # `075`, `7:00`, `.nan`, `yes`: text
        else:
            self.problem(event, "PC012", tag=tag)
            return None
        if event.tag is None and event.implicit[0]:
            self.plain[value] = built
        return built


def _finite(text: str) -> bool:
    """Whether a decimal's value is a finite float (`1e999` is not)."""
    return float(text) not in (float("inf"), float("-inf"))
