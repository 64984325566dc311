"""Safe YAML reading that keeps every node's line and column and refuses what PyYAML lets by.

PyYAML silently keeps the last of two equal keys, expands aliases without bound and, with
the unsafe loaders, builds Python objects from tags. Here the file is composed into nodes
(the C composer when present) and built by hand: duplicate keys, foreign tags, merge keys
and alias bombs become problems at their positions, strings are NFC-normalised, and
dates that do not exist stay strings for the models to reject with a clear message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parcheck.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 100_000  # nodes an alias may expand to, in all
_TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS = {
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "null": _CONSTRUCTOR.construct_yaml_null,
}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML file's data and the composed nodes it was built from, which know the line and
    column of every value and key. Positions are looked up only when a problem is reported,
    so a file without problems costs no bookkeeping for them."""

    path: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

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
                match = next(((k, v) for k, v in node.value if _key_text(k) == part), None)
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


def _key_text(node: yaml.Node) -> str | None:
    """A mapping key as the built data has it (NFC text; numbers as written)."""
    if isinstance(node, yaml.ScalarNode):
        return unicodedata.normalize("NFC", node.value)
    return None


class YamlProblems(Exception):
    """The file could not be turned into data; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].render("en") if problems else "YAML problems")
        self.problems = problems


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text with or without a BOM; anything else is a problem at its position."""
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
    """The file's text (see `decode`); a file that cannot be opened is a problem too."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblems([Problem(str(path), 0, 0, "PC001")]) from None
    except OSError as exc:
        raise YamlProblems([Problem(str(path), 0, 0, "PC002", {"reason": exc.strerror})]) from None
    return decode(raw, str(path))


def load(path: Path) -> Document:
    """Read and build the YAML file at `path`, or raise `YamlProblems`."""
    return parse(read_text(path), str(path))


def parse(text: str, path: str) -> Document:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        raise YamlProblems([_unreadable_character(exc, text, path)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise YamlProblems([Problem(path, line, column, "PC010", {"reason": reason})]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(path, 1, 1, "PC010", {"reason": str(exc)})]) from None
    if root is None:
        raise YamlProblems([Problem(path, 1, 1, "PC015")])
    builder = _Builder(path)
    data = builder.build(root)
    if builder.problems:
        raise YamlProblems(builder.problems)
    return Document(path, data, root)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


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
    return Problem(path, line, column, "PC010", {"reason": f"{describe(char)}: {exc.reason}"})


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Budget(Exception):
    pass


class _Builder:
    """Builds data from composed nodes, collecting problems. An alias is a node met again;
    what it expands to is counted, and past `MAX_NODES` the file is refused (an alias
    bomb), however large the file itself is."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.expanded = 0
        self.in_alias = 0

    def problem(self, node: yaml.Node, code: str, **params: Any) -> None:
        self.problems.append(Problem(self.path, *_pos(node), code, params))

    def build(self, node: yaml.Node) -> Any:
        try:
            return self._build(node)
        except _Budget:
            self.problems = [Problem(self.path, *_pos(node), "PC013", {"limit": MAX_NODES})]
            return None

    def _build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            self._count()
            return self._scalar(node)
        again = id(node) in self.seen
        self.seen.add(id(node))
        self.in_alias += again
        try:
            self._count()
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node)
            if node.tag != _TAG + "seq":
                self.problem(node, "PC012", tag=node.tag)
            return [self._build(item) for item in node.value]
        finally:
            self.in_alias -= again

    def _count(self) -> None:
        if self.in_alias:
            self.expanded += 1
            if self.expanded > MAX_NODES:
                raise _Budget

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self.problem(node, "PC012", tag=node.tag)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, "PC018")
                continue
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, int | float) and not isinstance(key, bool):
                key = str(key_node.value)  # `2024: …` is a key like any other
            if not isinstance(key, str):
                self.problem(key_node, "PC017", found=type(key).__name__)
                continue
            if key in out:
                self.problem(key_node, "PC011", key=key, first=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self._build(value_node)
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        value = node.value
        if tag == _TAG + "str":
            return unicodedata.normalize("NFC", value)
        if tag == _TAG + "timestamp":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value  # "2024-02-30": the model names it as a date that does not exist
        constructor = _SCALARS.get(tag)
        if constructor is None:
            self.problem(node, "PC012", tag=tag)
            return None
        return constructor(node)  # type: ignore[arg-type]
