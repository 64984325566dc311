"""The export file opened: CSV (UTF-8 with or without BOM, comma or semicolon) read in blocks
of whole records, or an `.xlsx` sheet; the header row matched; the used columns handed out
as text frames, in file order, for the rules to reduce. polars and fastexcel are imported
here and in `rules.py` only: no other command pays for them.

A row number is the row a spreadsheet shows: the header is row 1 and the first dossier row
2 (in a workbook, the sheet's own row). A CSV record whose quoted cell spans lines is one
row: records are counted, not lines."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcheck.dossiers.columns import USED, HeaderProblem, Matched, match_header
from parcheck.errors import os_reasons
from parcheck.problems import Problem
from parcheck.safety.files import MB, kind_of, shown

if TYPE_CHECKING:
    import polars as pl

# About 4.5 million dossiers of a province's export; the frames kept for them stay near a
# gigabyte. A workbook holds at most 1,048,576 rows; calamine keeps its cells in memory.
CSV_LIMIT = 1024 * MB
XLSX_LIMIT = 64 * MB
XLSX_UNPACKED = 1024 * MB  # what the members of a workbook may declare, unpacked, in all
BLOCK = 16 * MB  # bytes of CSV handed to one parse (8 MB: 0.1 s more CPU on 1M rows; 32 MB: more)
HEAD_LIMIT = 1 * MB  # the header line is found in the first megabyte
HEAD_ROWS = 10  # a sheet's header is one of its first rows
MAX_RECORD = 16 * MB  # a dossier's row is a few hundred bytes: past this, a quote never closed
MAX_COLUMNS = 1000  # an export has a few dozen; a parse of 300,000 would be slow for nothing
EXCEL = frozenset({".xlsx", ".xlsm"})
NOT_READ = frozenset({".xls", ".ods", ".xlsb", ".numbers"})


class ExportError(Exception):
    """The export cannot be read at all: one problem, exit 2."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


Part = Callable[[], "pl.DataFrame"]


@dataclass
class Export:
    """An export opened and its header matched. `parts()` hands out its rows, in file order,
    each part a callable that parses its block into a frame of text columns named by field
    key (only the fields found); `sha256` is the whole file's, known once the parts are
    handed out."""

    path: Path
    name: str  # the path as shown in messages
    kind: str  # "csv" or "xlsx"
    matched: Matched
    first_row: int  # the row number of the first row after the header
    size: int
    sheet: str | None = None
    sha256: str = ""
    _parts: Callable[[Callable[[int], None] | None], Iterator[Part]] | None = field(
        default=None, repr=False
    )

    def parts(self, progress: Callable[[int], None] | None = None) -> Iterator[Part]:
        assert self._parts is not None
        return self._parts(progress)

    def header_cell(self, key: str) -> str:
        return self.matched.header(key).strip()


def open_export(path: Path, renamed: Mapping[str, str] | None = None) -> Export:
    """The export at `path` opened, or ExportError: no such file, not a regular file, over
    the size limit, not CSV or .xlsx, not UTF-8, a header without a required column or
    with two columns for one field."""
    name = shown(path)
    suffix = path.suffix.lower()
    if suffix in NOT_READ:
        raise ExportError(Problem(name, 0, 0, "PD001", {"suffix": suffix}))
    fd = _open_regular(path, name)
    with os.fdopen(fd, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        start = file.read(8)
    if start.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an .xls, or an encrypted .xlsx
        raise ExportError(Problem(name, 0, 0, "PD001", {"suffix": suffix or "OLE"}))
    if suffix in EXCEL or start.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, name, size, renamed)
    return _open_csv(path, name, size, renamed)


def _open_regular(path: Path, name: str) -> int:
    """A descriptor on `path`, a regular file (a FIFO or a device is never opened)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ExportError(Problem(name, 0, 0, "PF001", kind_of(st.st_mode)))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ExportError(Problem(name, 0, 0, "PC001")) from None
    except OSError as exc:
        raise ExportError(Problem(name, 0, 0, "PC002", os_reasons(exc))) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ExportError(Problem(name, 0, 0, "PF001", kind_of(st.st_mode)))
    return fd


# ----------------------------------------------------------------------------- CSV


def _open_csv(path: Path, name: str, size: int, renamed: Mapping[str, str] | None) -> Export:
    if size > CSV_LIMIT:
        raise ExportError(Problem(name, 0, 0, "PF002", {"limit": CSV_LIMIT // MB}))
    with open(path, "rb") as file:
        head = file.read(HEAD_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExportError(Problem(name, 1, 1, "PD002", {"reason": "UTF-16/UTF-32"}))
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ExportError(Problem(name, 1, 1, "PD005"))
    end = head.find(b"\n")
    if end < 0:
        if b"\r" in head:
            raise ExportError(Problem(name, 1, 1, "PD006"))
        if len(head) >= HEAD_LIMIT:
            raise ExportError(Problem(name, 1, 1, "PD007", {"limit": HEAD_LIMIT // MB}))
        end = len(head)
    line = head[:end]
    if b"\r" in line.rstrip(b"\r"):
        raise ExportError(Problem(name, 1, 1, "PD006"))
    try:
        text = line.decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError as exc:
        column = len(line[: exc.start].decode("utf-8-sig", "replace")) + 1
        raise ExportError(Problem(name, 1, column, "PD002", {"reason": "Windows-1258?"})) from None
    separator = ";" if _outside_quotes(text, ";") > _outside_quotes(text, ",") else ","
    names = next(csv.reader([text], delimiter=separator), [])
    if len(names) > MAX_COLUMNS:
        raise ExportError(Problem(name, 1, 1, "PD014", {"found": len(names), "limit": MAX_COLUMNS}))
    found = match_header(names, renamed)
    if isinstance(found, HeaderProblem):
        column = _cell_column(text, separator, found.index)
        raise ExportError(Problem(name, 1, column, found.code, found.params))
    export = Export(path, name, "csv", found, 2, size)
    export._parts = lambda progress: _csv_parts(export, separator, len(names), end + 1, progress)
    return export


def _outside_quotes(text: str, char: str) -> int:
    return sum(part.count(char) for part in text.split('"')[::2])


def _cell_column(text: str, separator: str, index: int) -> int:
    """The 1-based character column where cell `index` of a header line starts."""
    quoted = False
    cell = 0
    for at, char in enumerate(text):
        if cell == index:
            return at + 1
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            cell += 1
    return len(text) + 1 if cell == index else 1


def _csv_parts(
    export: Export,
    separator: str,
    width: int,
    body: int,
    progress: Callable[[int], None] | None,
) -> Iterator[Part]:
    """The records after the header, in blocks of about BLOCK bytes cut after a line end
    outside quotes; the file's SHA-256 taken on the way."""
    digest = hashlib.sha256()
    used = [(key, export.matched.at[key]) for key in USED if key in export.matched.at]
    schema = {f"c{i}": _string() for i in range(width)}
    columns = [index for _, index in used]
    names = {f"c{index}": key for key, index in used}
    offset = body  # the file offset of the next block

    def parse(block: bytes, at: int) -> pl.DataFrame:
        import polars as pl

        try:
            frame = pl.read_csv(
                io.BytesIO(block),
                separator=separator,
                has_header=False,
                schema=schema,
                columns=columns,
                truncate_ragged_lines=True,  # cells past the header's width: ignored
                missing_columns="insert",  # a short row (its empty last cells left out)
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError as exc:
            if "utf-8" in str(exc).lower():
                raise _not_utf8(export, block, at) from None
            raise ExportError(
                Problem(export.name, 0, 0, "PD008", {"reason": str(exc).splitlines()[0][:200]})
            ) from None
        return frame.rename(names)

    read = 0
    with os.fdopen(_open_regular(export.path, export.name), "rb") as file:
        head = file.read(body)
        digest.update(head)
        rest = b""
        quotes = 0  # the quotes in `rest`, which starts at a record's start
        while True:
            buf = file.read(BLOCK)
            read += len(buf)
            if read > CSV_LIMIT:  # the file grew since it was measured
                raise ExportError(Problem(export.name, 0, 0, "PF002", {"limit": CSV_LIMIT // MB}))
            digest.update(buf)
            data = rest + buf
            in_data = quotes + buf.count(b'"')
            cut = _cut(data, len(rest), in_data) if buf else len(data)
            if (not buf and in_data % 2) or (not cut and len(data) > MAX_RECORD):
                raise _unclosed(export, offset, data)  # never closed, or no record this long
            block, rest = data[:cut], data[cut:]
            quotes = rest.count(b'"') if cut else in_data  # `rest` is a partial line
            if block:
                yield partial(parse, block, offset)
                offset += len(block)
            if progress is not None:
                progress(len(buf))
            if not buf:
                break
    export.sha256 = digest.hexdigest()


def _cut(data: bytes, old: int, quotes: int) -> int:
    """The end of the last whole record in `data` (after a line end outside quotes), or 0.
    `data[:old]` held no such line end; `quotes` is the count of quotes in all of `data`.
    Only the bytes after the cut are counted again (a partial line, as a rule)."""
    cut = data.rfind(b"\n") + 1
    if cut <= old:
        return 0
    odd = (quotes - data.count(b'"', cut)) % 2
    while odd:
        before = data.rfind(b"\n", old, cut - 1) + 1
        if before <= old:
            return 0
        odd ^= data.count(b'"', before, cut) % 2
        cut = before
    return cut


def _unclosed(export: Export, at: int, data: bytes) -> ExportError:
    """The quote that opens a cell never closed: the last quote after which the count of
    quotes stays odd to the end of the file."""
    odd = False
    opened = 0
    start = 0
    while (found := data.find(b'"', start)) >= 0:
        odd = not odd
        if odd:
            opened = found
        start = found + 1
    with open(export.path, "rb") as file:
        before = file.read(at + opened)
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return ExportError(Problem(export.name, line, column, "PD013"))


def _not_utf8(export: Export, block: bytes, at: int) -> ExportError:
    """Where a block's first byte that is not UTF-8 lies: its line (counted in the file) and
    column."""
    try:
        block.decode("utf-8")
        start = 0
    except UnicodeDecodeError as exc:
        start = exc.start
    with open(export.path, "rb") as file:
        before = file.read(at + start)
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return ExportError(Problem(export.name, line, column, "PD002", {"reason": "Windows-1258?"}))


def _string() -> Any:
    import polars as pl

    return pl.String


# ----------------------------------------------------------------------------- Excel


def _open_xlsx(path: Path, name: str, size: int, renamed: Mapping[str, str] | None) -> Export:
    if size > XLSX_LIMIT:
        raise ExportError(Problem(name, 0, 0, "PF002", {"limit": XLSX_LIMIT // MB}))
    try:
        with os.fdopen(_open_regular(path, name), "rb") as file:
            data = file.read(XLSX_LIMIT + 1)
    except OSError as exc:
        raise ExportError(Problem(name, 0, 0, "PC002", os_reasons(exc))) from None
    if len(data) > XLSX_LIMIT:  # the file grew since it was measured
        raise ExportError(Problem(name, 0, 0, "PF002", {"limit": XLSX_LIMIT // MB}))
    _bounded_zip(name, data)
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        sheets = list(reader.sheet_names)
    except Exception:  # fastexcel's own errors: a damaged or foreign file
        raise ExportError(Problem(name, 0, 0, "PD009")) from None
    first: ExportError | None = None
    for index, sheet in enumerate(sheets):
        try:
            head = reader.load_sheet(
                index, header_row=None, skip_rows=0, n_rows=HEAD_ROWS, dtypes="string"
            )
            columns = head.available_columns()
            frame = head.to_polars()
        except Exception:
            raise ExportError(Problem(name, 0, 0, "PD009")) from None
        found: Matched | None = None
        widest: tuple[int, ExportError] | None = None  # the widest row's problem is said
        row = 0
        for row, values in enumerate(frame.iter_rows()):  # a title may stand above the header
            width = sum(1 for v in values if v)
            if not width:
                continue
            matched = match_header([str(v or "") for v in values], renamed)
            if isinstance(matched, Matched):
                found = matched
                break
            if widest is None or width > widest[0]:
                letter = _letter(columns[matched.index].absolute_index + 1)
                where = _cell(sheet, row, letter)
                widest = (
                    width,
                    ExportError(Problem(name, 0, 0, matched.code, matched.params, cell=where)),
                )
        if found is None:
            first = first or (widest[1] if widest else None)
            continue
        export = Export(path, name, "xlsx", found, row + 2, size, sheet)
        export.sha256 = hashlib.sha256(data).hexdigest()
        export._parts = lambda _progress, i=index, r=row, m=found: _xlsx_parts(
            reader, name, i, r, m
        )
        return export
    if first is not None:
        raise first
    raise ExportError(Problem(name, 0, 0, "PD005"))


def _xlsx_parts(reader: Any, name: str, index: int, row: int, matched: Matched) -> Iterator[Part]:
    used = [(key, matched.at[key]) for key in USED if key in matched.at]

    def load() -> pl.DataFrame:
        try:
            sheet = reader.load_sheet(
                index,
                header_row=None,
                skip_rows=row + 1,
                use_columns=[i for _, i in used],
                dtypes="string",
            )
            frame: pl.DataFrame = sheet.to_polars()
        except Exception:  # fastexcel's own errors: a damaged sheet
            raise ExportError(Problem(name, 0, 0, "PD009")) from None
        return frame.rename(dict(zip(frame.columns, [k for k, _ in used], strict=True)))

    yield load


def _bounded_zip(name: str, data: bytes) -> None:
    """A workbook whose members declare more than XLSX_UNPACKED bytes unpacked, or that is
    no zip at all, is refused before calamine unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ExportError(Problem(name, 0, 0, "PD009")) from None
    if len(members) > 10_000 or sum(m.file_size for m in members) > XLSX_UNPACKED:
        raise ExportError(Problem(name, 0, 0, "PF002", {"limit": XLSX_LIMIT // MB}))


def _letter(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + out
    return out


def _cell(sheet: str, row: int, letter: str) -> str:
    import re

    shown_sheet = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{shown_sheet}!{letter}{row + 1}"
