"""Metrics snapshots written as CSV: `check,value,as_of,note`, a row a value, as a person or
Vietnamese Excel writes it: comma, semicolon or tab between cells (told from the header row),
Vietnamese headers (`Mã`, `Giá trị`, `Ngày số liệu`, `Ghi chú`, `Văn bản`) beside the English
ones, UTF-8 with or without BOM, UTF-16 with a BOM, and Windows-1258 where it can be told
apart safely; anything else is one problem saying how to save the file as "CSV UTF-8"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import cached_property, partial
from typing import NamedTuple

from parcheck.dates import dmy
from parcheck.figures.model import Events, FileRead, Snapshot, Submissions, Value
from parcheck.figures.values import (
    Bad,
    PlanChecks,
    early_submissions,
    read_day,
    read_value,
    row_submissions,
    row_threshold,
    says_no_events,
)
from parcheck.figures.values import text as text_field
from parcheck.plan.units import fold
from parcheck.problems import FileProblems, Later, Problem, Severity, Words, clip, shown_raw


def read_csv(name: str, data: bytes, checks: PlanChecks) -> FileRead:
    """The snapshots of a CSV file, one for each `as_of` its rows give. A check is on one
    row a day (a second row is an error naming the first), except a recurring duty's
    submissions, which may take a row each. A row with an empty value is not reported.

    Every bad row is reported, each at `line:column` of the cell at fault (a row's physical
    line: a quoted cell may span lines). A row wider than the header is refused unless the
    cells past it are empty (some exporters end every row with a separator); a row
    narrower than the header may leave out the optional note and evidence, not `check`,
    `value` or `as_of`. The snapshots of the rows read well are given with the problems, so
    that a conflict between two of them is reported too; nothing of a file with a problem
    is used."""
    try:
        text = decode(data)
    except _Unreadable as bad:
        return FileRead([], [Problem(name, bad.line, bad.column, bad.code, bad.params)])
    table = _Table(unicodedata.normalize("NFC", text))
    try:
        rows = table.records()
    except _Unreadable as bad:
        return FileRead([], [Problem(name, bad.line, bad.column, bad.code, bad.params)])
    head = next((i for i, (_, row) in enumerate(rows) if row), len(rows))
    if head < len(rows) and _separator_line(table.lines[rows[head][0] - 1]):
        head = next((i for i in range(head + 1, len(rows)) if rows[i][1]), len(rows))
    if head == len(rows):
        return FileRead([], [Problem(name, 1, 1, "PM009", {"found": "∅"})])
    header_line, header = rows[head]
    columns, at = _header(header)
    if columns is None:
        found = clip(table.delimiter.join(c.strip() for c in header), 120)
        line, column = table.cell(header_line, at)
        return FileRead([], [Problem(name, line, column, "PM009", {"found": found or "∅"})])
    width = len(header)
    while width > 1 and not header[width - 1].strip():
        width -= 1  # `check,value,as_of,`: a separator at the end of every line
    reader = _Rows(name, table, checks, columns, [c.strip() for c in header])
    for line, row in rows[head + 1 :]:
        if any(cell.strip() for cell in row):
            reader.row(line, row, width)
    return reader.read()


class _Rows:
    """The rows of a CSV file under its header, read one by one into values a day."""

    def __init__(
        self,
        name: str,
        table: _Table,
        checks: PlanChecks,
        columns: _Columns,
        header: list[str],
    ) -> None:
        self.name = name
        self.table = table
        self.checks = checks
        self.columns = columns
        self.header = header
        self.problems = FileProblems(name, "PM017")
        self.by_day: dict[dt.date, dict[str, Value]] = {}
        # each check's (its fact's) first row a day: its line, and the id written there
        self.first: dict[tuple[dt.date, str], tuple[int, str]] = {}

    def problem(
        self,
        line: int,
        index: int,
        code: str,
        params: dict[str, object],
        severity: Severity = Severity.ERROR,
    ) -> None:
        """A problem at the cell `index` of the row on `line`, its column looked up (and
        its parameters worked out, when callable) only if it is reported."""

        def make() -> Problem:
            row_line, column = self.table.cell(line, index)
            values = {k: v() if callable(v) else v for k, v in params.items()}
            return Problem(self.name, row_line, column, code, values, severity)

        self.problems.add(Later(severity, make))

    def row(self, line: int, row: list[str], width: int) -> None:
        check, value_at, as_of_at, note_at, evidence_at = self.columns
        split = self._decimal_comma(row, value_at, as_of_at, width)
        if split is not None:
            self.problem(line, value_at, "PM041", split)
            return
        extra = next((i for i in range(width, len(row)) if row[i].strip()), None)
        if extra is not None:
            params = {"value": clip(row[extra].strip()), "found": len(row), "width": width}
            self.problem(line, extra, "PM042", params)
            return
        missing = [self.header[i] for i in (check, value_at, as_of_at) if i >= len(row)]
        if missing:
            params = {"found": len(row), "missing": ", ".join(missing), "width": width}
            self.problem(line, len(row), "PM043", params)
            return
        ident, raw, day_raw, note, evidence = (
            row[i].strip() if i is not None and i < len(row) else "" for i in self.columns
        )
        if not ident:  # a spare row of the workbook saved as CSV: its date alone says nothing
            if raw or evidence or note:
                params = {"what": _held(raw, evidence, note), "column": self.header[check]}
                self.problem(line, check, "PM075", params)
            return
        ident = self.checks.canonical(ident)  # `i.1` is I.1
        if ident not in self.checks.kinds:  # the hint worked out only if it is reported
            params = {"id": clip(ident), "hint": partial(self.checks.hint, ident)}
            self.problem(line, check, "PM001", params)
            return
        kind, unit = self.checks.kinds[ident]
        at = note_at
        warnings: list[Bad] = []
        try:
            note = text_field(note) or ""
            at = evidence_at
            shown = None if evidence_at is None else text_field(evidence) or ""
            at = as_of_at
            if not day_raw:  # not "không đọc được ngày: ''"
                raise Bad("PM055")
            day = read_day(day_raw)
            at = value_at
            value = _value(ident, kind, unit, raw, note, day, shown, warnings)
        except Bad as bad:
            self.problem(
                line, at if at is not None else value_at, bad.code, bad.params_for(ident, kind)
            )
            return
        early = early_submissions(ident, value, self.checks.begins[ident])
        for warning in [*warnings, *([early] if early else [])]:
            self.problem(line, value_at, warning.code, warning.params, Severity.WARNING)
        if value is not None:  # left blank: not reported
            self._keep(line, check, day, ident, value)

    def _keep(self, line: int, check: int, day: dt.date, ident: str, value: Value) -> None:
        values = self.by_day.setdefault(day, {})
        fact = self.checks.fact(ident)  # X.4 and III.4.b are one fact: one row, either id
        if (day, fact) not in self.first:
            self.first[day, fact] = (line, ident)
            values[ident] = value
            return
        first, written = self.first[day, fact]
        key = next(k for k in values if self.checks.fact(k) == fact)
        before = values[key]
        if isinstance(value, Submissions) and isinstance(before, Submissions):
            days = tuple(sorted({*before.done, *value.done}))
            values[key] = Submissions(days, before.note or value.note)
            return
        if written == ident:
            self.problem(line, check, "PM029", {"id": ident, "day": dmy(day), "first": first})
        else:  # one shared check written under both its ids
            params = {"id": ident, "other": written, "day": dmy(day), "first": first}
            self.problem(line, check, "PM044", params)

    def _decimal_comma(
        self, row: list[str], value_at: int, as_of_at: int, width: int
    ) -> dict[str, object] | None:
        """`VI.3,72,4,2024-11-25`: a decimal comma, unquoted, split a number into two cells
        of a comma-separated file (which a row too wide, or an `as_of` of `4`, betrays)."""
        if self.table.delimiter != "," or value_at + 1 >= len(row):
            return None
        whole, part = row[value_at].strip(), row[value_at + 1].strip()
        if not (_WHOLE.fullmatch(whole) and _PART.fullmatch(part)):
            return None
        wide = any(cell.strip() for cell in row[width:])
        if not wide and not (as_of_at == value_at + 1 and not _is_day(part)):
            return None
        number = f"{whole},{part}"
        return {
            "value": clip(number),
            "whole": clip(whole),
            "part": clip(part),
            "dotted": clip(f"{whole}.{part}"),
        }

    def read(self) -> FileRead:
        """The snapshots, with the problems (a file with one is used for nothing)."""
        snapshots = [Snapshot(self.name, day, v) for day, v in sorted(self.by_day.items())]
        table, first, fact = self.table, self.first, self.checks.fact

        def place(day: dt.date, ident: str) -> tuple[int, int]:
            line, _ = first.get((day, fact(ident)), (0, ""))
            return table.cell(line, self.columns.value) if line else (0, 0)

        return FileRead(snapshots, self.problems.problems(), place)


_WHOLE = re.compile(r"[+-]?[0-9]+")
_PART = re.compile(r"[0-9]+%?")


def _is_day(raw: str) -> bool:
    try:
        read_day(raw)
    except Bad:
        return False
    return True


def _held(raw: str, evidence: str, note: str) -> Words:
    """What a row without its check id holds, in words: its value, else its document, else
    its note (never called a value)."""
    if raw:
        return Words(f"giá trị {clip(raw)}", f"the value {clip(raw)}")
    if evidence:
        return Words(f"văn bản «{clip(evidence)}»", f"the document «{clip(evidence)}»")
    return Words(f"ghi chú «{clip(note)}»", f"the note «{clip(note)}»")


def _value(
    ident: str,
    kind: str,
    unit: str,
    raw: str,
    note: str,
    day: dt.date,
    evidence: str | None = None,
    warnings: list[Bad] | None = None,
) -> Value | None:
    """The value of a row, None when it is blank (not reported, whatever the kind): a number
    or ratio (threshold); the day done with its `evidence` (the evidence column; the note in
    a file without one, `evidence` None) (deliverable); submission days separated by `;`
    (recurring); «không có» (or 0) for an event check with no events so far: a CSV cannot
    list events."""
    if kind == "threshold":
        return row_threshold(unit, raw, note, ident, warnings)
    if kind == "deliverable":
        if evidence is None:
            done: dict[str, object] = {"done": raw, "evidence": note}
        else:  # a note beside a blank evidence is a note: alone, it reports nothing
            done = {"done": raw, "evidence": evidence, "note": note or None}
        return read_value(kind, unit, done, (), ident=ident, as_of=day)
    if kind == "recurring":
        return row_submissions(raw, note, day)
    if not raw.strip():
        return None
    if says_no_events(raw):
        return Events((), note or None)
    raise Bad("PM070", id=ident, value=shown_raw(raw))


class _Unreadable(Exception):
    def __init__(self, line: int, code: str, column: int = 0, **params: object) -> None:
        super().__init__(code)
        self.line = line
        self.column = column
        self.code = code
        self.params = params


# The headers, each compared by `fold`: (English, Vietnamese) names of a column.
_HEADERS = {
    "check": ("check", "ma"),
    "value": ("value", "giatri"),
    "as_of": ("asof", "ngaysolieu"),
    "note": ("note", "ghichu"),
    "evidence": ("evidence", "vanban"),
}
_REQUIRED = ("check", "value", "as_of")


class _Columns(NamedTuple):
    """Where each column is in a row (None: the header has no such column)."""

    check: int
    value: int
    as_of: int
    note: int | None
    evidence: int | None


def _columns(header: list[str]) -> _Columns | None:
    """The position of each column in `header` (`_Columns`), or None when a
    required column is missing or a column is named twice (`_header`)."""
    return _header(header)[0]


def _header(header: list[str]) -> tuple[_Columns | None, int]:
    """The position of each column in `header` (`_Columns`); or None and
    the cell at fault: the second of a column named twice, else the first (a required
    column is missing). Other columns are ignored (a sheet may carry the check's title
    beside its id); after `check,value,as_of` in that order, a fourth column of any other
    name is the note, as before headers were matched by name."""
    names = {fold(alias): key for key, aliases in _HEADERS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(fold(cell))
        if key is None:
            continue
        if key in found:
            return None, index
        found[key] = index
    if any(key not in found for key in _REQUIRED):
        return None, 0
    legacy = [found.get(key) for key in _REQUIRED] == [0, 1, 2]
    if "note" not in found and len(header) > 3 and legacy and 3 not in found.values():
        found["note"] = 3  # `check,value,as_of,notes`: the fourth column was always the note
    columns = _Columns(
        found["check"], found["value"], found["as_of"], found.get("note"), found.get("evidence")
    )
    return columns, 0


def _separator_line(line: str) -> bool:
    """Excel's `sep=;` first line."""
    head = line.strip(" ")
    return head.lower().startswith("sep=") and len(head) == 5 and head[4] in ",;\t"


def _delimiter(text: str) -> str:
    """The delimiter between cells, told from the header row (the first line with text):
    Excel's own `sep=;` line, else whichever of `;`, tab or `,` splits the header into the
    required columns, else the one that splits it into the most column names (a header
    with a column twice is then named at that column), else `,`. A semicolon file's
    decimal commas stay inside their cells."""
    line = next((line for line in text[:65536].split("\n") if line.strip()), "")
    if _separator_line(line):
        return line.strip(" ")[4]
    names = {fold(alias) for aliases in _HEADERS.values() for alias in aliases}
    best, most = ",", 1
    for delimiter in (";", "\t", ","):
        cells = next(csv.reader([line], delimiter=delimiter))
        if _columns(cells) is not None:
            return delimiter
        known = sum(fold(cell) in names for cell in cells)
        if known > most:
            best, most = delimiter, known
    return best


# Windows-1258 is read only when the text it gives is plainly Vietnamese: every non-ASCII
# character a Vietnamese letter (after NFC, which joins cp1258's combining tone marks) or one
# of the few punctuation marks Word and Excel type (dashes, curly quotes, ellipsis, bullet),
# and every word with such a letter spelt as a Vietnamese syllable (`_syllable`). Text in
# another code page (`ü`, `ß`, `æ`), a binary file, or a UTF-8 file with one broken byte (its
# other letters read as `Ã¡`, `á»‡`, `Æ°`) gives other characters and is refused; Latin-1 text
# whose letters are all Vietnamese ones too (`São Tomé` reads `Săo Tomé`, `été`, `Hôtel`) is
# no Vietnamese syllable and is refused as well.
_VIETNAMESE = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    "–—‘’“”…•"
)
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# A syllable without its tone: initial consonants, a vowel group, final consonants (`k`
# for Đắk Lắk). `gi` and `qu` take the vowel after them (`giữa`, `quyết`).
_SYLLABLE = re.compile(
    "(?P<initial>ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnpqrstvx])?"
    "(?P<vowels>[aăâeêioôơuưy]+)(?P<final>ch|ng|nh|[cmnptk])?"
)
_VOWEL_GROUPS = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ "
    "uê ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu"
)
_VOWELS = frozenset(_VOWEL_GROUPS.split())


def _syllable(word: str) -> bool:
    """`word` (letters, lower case, NFC) is spelt as a Vietnamese syllable: at most one tone
    mark; initial consonants, one group of vowels Vietnamese writes, final consonants (no
    `f`, `j`, `w`, `z`; `đ` only first); `ă` and `â` before a final consonant (`ăn`, `ấp`),
    `â` also in `âu`, `ây`, never last."""
    bare = unicodedata.normalize("NFD", word)
    if sum(bare.count(tone) for tone in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in bare if c not in _TONES))
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    vowels, initial = m["vowels"], m["initial"] or ""
    if initial == "g" and vowels[:1] == "i" and vowels[1:]:
        vowels = vowels[1:]  # gi-ữa
    elif initial == "q":  # qu-yết; never `q` without `u`, nor `quư` (Windows-1252's `Quý`)
        if vowels[:1] != "u" or vowels[1:2] in ("", "ư"):
            return False
        vowels = vowels[1:]
    return vowels in _VOWELS and (vowels[-1] not in "ăâ" or m["final"] is not None)


_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters


def _words(run: str) -> list[str]:
    """The words of a run of letters: split where a lower-case letter meets a capital
    (`ĐắkLắk`)."""
    cuts = [0, *(i for i in range(1, len(run)) if run[i].isupper() and run[i - 1].islower())]
    return [run[a:b] for a, b in zip(cuts, [*cuts[1:], len(run)], strict=True)]


def _plainly_vietnamese(text: str) -> bool:
    """Every non-ASCII character of `text` is a Vietnamese letter (or dash, curly quote …)
    and every word with one is a Vietnamese syllable, or an abbreviation of some in capitals
    whose other letters are ASCII: `TTĐT`, `HĐND`, `QĐ`, `TƯ` (Trung ương); or `đ` alone
    (50.000 đ)."""
    text = unicodedata.normalize("NFC", text)
    if not all(c.isascii() or c in _VIETNAMESE for c in set(text)):
        return False
    # each distinct run of text once (a file repeats its words): split by C's str.split,
    # 2.7x faster on 11 MB than finding the letters of the whole text
    runs = {
        run for part in set(text.split()) if not part.isascii() for run in _LETTERS.findall(part)
    }
    for run in runs:
        if run.isascii():
            continue
        for word in _words(run):
            if word.isascii() or _syllable(word.lower()):
                continue
            if word == "đ" or (word.isupper() and all(c.isascii() or c in "ĐƯ" for c in word)):
                continue
            return False
    return True


def _at(data: bytes, offset: int) -> _Unreadable:
    """PM040 at the byte at `offset`, by line and column."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return _Unreadable(line, "PM040", column, reason=f"byte 0x{data[offset]:02x}")


def _cut_utf16(data: bytes, offset: int) -> _Unreadable:
    """PM073 at the line and column of the UTF-16 text where it is cut or damaged."""
    offset -= offset % 2
    before = data[:offset].decode("utf-16", errors="replace").replace("\r\n", "\n")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return _Unreadable(line, "PM073", column, offset=offset)


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, or
    Windows-1258 when the bytes are not UTF-8 and read as plainly Vietnamese text; else
    `_Unreadable` (PM040) at the first byte that is not UTF-8 (or the first NUL: UTF-16
    without a BOM, a binary file), with the hint to save the file as CSV UTF-8."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _Unreadable(1, "PM040", 1, reason="UTF-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # cut short (an odd byte, half a pair) or damaged
            raise _cut_utf16(data, exc.start) from None
    nul = data.find(b"\x00")  # UTF-16 without a BOM is valid UTF-8 with a NUL in every pair
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        failed = _at(data, exc.start)
        if nul >= 0:
            raise failed from None
    else:
        if nul >= 0:
            raise _at(data, nul)
        return text
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise failed from None
    if not _plainly_vietnamese(text) or _horn_u_without_tones(data):
        raise failed
    return text


# Windows-1258 bytes: `ư`, `Ư`, and the five combining tone marks. Windows-1258 has few
# toned letters precomposed (`ý`, `ỳ`, `ữ` … are a letter and a combining mark), so
# Vietnamese text in it with `ư` nearly always has tone marks; Windows-1252's `ý` and `Ý`
# are the bytes of `ư` and `Ư`.
_HORN_U = (0xFD, 0xDD)
_TONE_BYTES = re.compile(rb"[\xcc\xec\xd2\xde\xf2]")


def _horn_u_without_tones(data: bytes) -> bool:
    """Bytes read as Windows-1258 with `ư` or `Ư` in them but no combining tone mark at
    all: Windows-1252 text with `ý` (`Quý III` read `Quư III`), not Vietnamese."""
    return any(b in data for b in (bytes([u]) for u in _HORN_U)) and not _TONE_BYTES.search(data)


class _Table:
    """The cells of a CSV text, each record with the physical line it starts on (a quoted
    cell may hold line breaks); the line and column of a cell are worked out only when a
    problem names it. Lines may end in CR LF, LF or a bare CR (old Mac files), which csv
    alone refuses: all are read as LF first, as the lines an editor shows."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.delimiter = _delimiter(self.text)
        self._starts: dict[int, list[tuple[int, int]]] = {}

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def records(self) -> list[tuple[int, list[str]]]:
        """Each record with its first line; a record csv cannot read is `_Unreadable` at
        its line (a cell longer than csv's limit of 131,072 characters is often a quote
        left open: named at the cell's start)."""
        reader = csv.reader(io.StringIO(self.text, newline=None), delimiter=self.delimiter)
        rows: list[tuple[int, list[str]]] = []
        while True:
            line = reader.line_num + 1
            try:
                rows.append((line, next(reader)))
            except StopIteration:
                return rows
            except csv.Error as exc:
                limit = csv.field_size_limit()
                if "field larger than field limit" in str(exc):
                    at, column = self._long_cell(line, limit)
                    raise _Unreadable(at, "PM013", column, row=line, limit=limit) from None
                at = reader.line_num or line
                column = self.lines[at - 1].find("\x00") + 1 if at <= len(self.lines) else 0
                from parcheck.library_words import csv_reasons

                reason = csv_reasons(str(exc))
                raise _Unreadable(at, "PM015", column or 1, row=at, **reason) from None

    def cell(self, line: int, index: int) -> tuple[int, int]:
        """The line and column where the cell `index` of the record on `line` starts (past
        its last cell: just after the record's end)."""
        starts = self._starts.get(line)
        if starts is None:
            starts = self._starts[line] = [start for start, _ in self._scan(line)]
        if index < len(starts):
            return starts[index]
        last = starts[-1][0] if starts else line
        return last, len(self.lines[last - 1]) + 1 if last <= len(self.lines) else 1

    def _long_cell(self, line: int, limit: int) -> tuple[int, int]:
        cells = self._scan(line)
        return next((start for start, size in cells if size > limit), cells[-1][0])

    def _scan(self, line: int) -> list[tuple[tuple[int, int], int]]:
        """The start (line, column) and length of each cell of the record on `line`, read
        as csv reads it: a cell that starts with `"` is quoted up to a lone `"` (`""` is a
        quote in it) and may span lines; a `"` elsewhere is text."""
        cells: list[tuple[tuple[int, int], int]] = []
        delimiter, quote = self.delimiter, '"'
        state = _START
        size = 0
        for number in range(line, len(self.lines) + 1):
            text = self.lines[number - 1]
            for column, char in enumerate(text, start=1):
                if state is _START:
                    if cells:
                        cells[-1] = (cells[-1][0], size)
                    cells.append(((number, column), 0))
                    size = 0
                    state = _QUOTED if char == quote else _PLAIN
                    if char == delimiter:
                        state = _START
                    continue
                size += 1
                if state is _PLAIN:
                    if char == delimiter:
                        state = _START
                elif state is _QUOTED:
                    if char == quote:
                        state = _QUOTE_IN_QUOTED
                elif char == quote:  # `""` in a quoted cell
                    state = _QUOTED
                elif char == delimiter:
                    state = _START
                else:
                    state = _PLAIN
            if state is _START:  # the line ends with a separator (or is empty): one more
                if cells:
                    cells[-1] = (cells[-1][0], size)
                cells.append(((number, len(text) + 1), 0))
                return cells
            if cells:
                cells[-1] = (cells[-1][0], size)
            if state is not _QUOTED:
                return cells
            size += 1  # the line break, inside the quoted cell
        return cells or [((line, 1), 0)]


_START, _PLAIN, _QUOTED, _QUOTE_IN_QUOTED = (object() for _ in range(4))
