"""Safe YAML reading that keeps every node's line and column and refuses what PyYAML lets by.

PyYAML silently keeps the last of two equal keys, expands aliases without bound and, with
the unsafe loaders, builds Python objects from tags. Here the file is composed into nodes
(the C composer when present) and built by hand: duplicate keys, foreign tags, merge keys,
alias bombs (in nodes or in characters), aliases that contain themselves and nesting past
`MAX_DEPTH` become problems at their positions, strings are NFC-normalised, and dates that
do not exist stay strings for the models to reject with a clear message.

Numbers are read as a person writes them: only plain decimals (`80`, `-3`, `98.5`) are
numbers, and only `true`/`false` are booleans. YAML 1.1's other forms (`075` octal, `0x50`,
`1_000`, `7:00` sexagesimal, `.nan`, `.inf`, `yes`/`no`/`on`/`off`) stay the text they are,
so that `start: 13:30` is the time it reads as and a number field says "not a number"
instead of taking another value.
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

MAX_DEPTH = 64  # mappings and lists inside one another, aliases expanded; a plan needs ~10
MAX_NODES = 100_000  # nodes aliases may expand to, in all
MAX_CHARS = 1_000_000  # characters of the scalars aliases expand to, in all
_TAG = "tag:yaml.org,2002:"
# Plain decimals only; at most 18 digits, so that a number is never a 5,000-digit int.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "false": False}

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
        if "maximum nesting depth" in str(exc.problem):  # libyaml stops at 1,000 levels
            raise YamlProblems(
                [Problem(path, line, column, "PC045", {"limit": MAX_DEPTH})]
            ) from None
        reason = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise YamlProblems([Problem(path, line, column, "PC010", {"reason": reason})]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(path, 1, 1, "PC010", {"reason": str(exc)})]) from None
    except RecursionError:  # PyYAML without libyaml: its pure-Python composer recurses
        raise YamlProblems([Problem(path, 1, 1, "PC045", {"limit": MAX_DEPTH})]) from None
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


class _Refused(Exception):
    """The file is refused as a whole: `code` at the node `at`."""

    def __init__(self, at: yaml.Node, code: str, **params: Any) -> None:
        super().__init__(code)
        self.at = at
        self.code = code
        self.params = params


class _Builder:
    """Builds data from composed nodes, collecting problems.

    An alias is a node met again. What aliases expand to is counted, in nodes and in the
    characters of their scalars: past `MAX_NODES` or `MAX_CHARS` the file is refused (an
    alias bomb, however small the file itself is: 5,000 titles that alias one 100 kB string
    are 500 MB of text). A node met again inside itself (`a: &a [*a]`) and nesting deeper
    than `MAX_DEPTH` are refused too, so building never recurses without bound. Problems of
    an expansion are reported where the alias is used: at the key it is the value of, or
    at the list that holds it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the collections being built: the current node's parents
        self.nodes = 0
        self.chars = 0
        self.alias: yaml.Node | None = None  # where the alias being expanded is used

    def problem(self, node: yaml.Node, code: str, **params: Any) -> None:
        self.problems.append(Problem(self.path, *_pos(node), code, params))

    def build(self, node: yaml.Node) -> Any:
        try:
            return self._build(node, 0, node)
        except _Refused as refused:
            self.problems = [Problem(self.path, *_pos(refused.at), refused.code, refused.params)]
            return None

    def _count(self, node: yaml.Node, used_at: yaml.Node) -> None:
        """Count a node met again to the budget (`used_at`: where, if no alias is open)."""
        self.nodes += 1
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
        if self.nodes > MAX_NODES or self.chars > MAX_CHARS:
            raise _Refused(self.alias or used_at, "PC013", nodes=MAX_NODES, chars=MAX_CHARS)

    def _build(self, node: yaml.Node, depth: int, used_at: yaml.Node) -> Any:
        if id(node) in self.seen:
            return self._again(node, depth, used_at)
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        return self._collection(node, depth)

    def _again(self, node: yaml.Node, depth: int, used_at: yaml.Node) -> Any:
        """A node met again: an alias, expanded and counted; its problems are reported
        where the outermost alias being expanded is used."""
        outer = self.alias
        self.alias = outer or used_at
        try:
            self._count(node, used_at)
            if isinstance(node, yaml.ScalarNode):
                return self._scalar(node)
            return self._collection(node, depth)
        finally:
            self.alias = outer

    def _collection(self, node: yaml.Node, depth: int) -> Any:
        at = self.alias or node
        if id(node) in self.open:
            raise _Refused(at, "PC046")
        if depth >= MAX_DEPTH:
            raise _Refused(at, "PC045", limit=MAX_DEPTH)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, depth + 1)
            if node.tag != _TAG + "seq":
                self.problem(node, "PC012", tag=node.tag)
            return [self._build(item, depth + 1, node) for item in node.value]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self.problem(node, "PC012", tag=node.tag)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, "PC018")
                continue
            key = None
            if isinstance(key_node, yaml.ScalarNode):
                if id(key_node) in self.seen:
                    self._count(key_node, node)  # where: the mapping it is a key of
                self.seen.add(id(key_node))
                key = self._scalar(key_node)
            if isinstance(key, int | float) and not isinstance(key, bool):
                key = str(key_node.value)  # `2024: …` is a key like any other
            if not isinstance(key, str):
                self.problem(key_node, "PC017", found=type(key).__name__)
                continue
            if key in out:
                self.problem(key_node, "PC011", key=key, first=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self._build(value_node, depth, key_node)
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
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "int" and _INT.fullmatch(value):
            return int(value)
        if tag == _TAG + "float" and _FLOAT.fullmatch(value):
            number = float(value)
            if number not in (float("inf"), float("-inf")):
                return number
        if tag == _TAG + "bool" and value.lower() in _BOOLS:
            return _BOOLS[value.lower()]
        if tag in (_TAG + "int", _TAG + "float", _TAG + "bool"):
            return unicodedata.normalize("NFC", value)  # `075`, `7:00`, `.nan`, `yes`: text
        self.problem(node, "PC012", tag=tag)
        return None
