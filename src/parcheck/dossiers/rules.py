"""The rules of contract §7 over the export's rows, in polars: each block of rows reduced to
a narrow frame where it is read (dates parsed, values checked, timeliness judged), then the
steps that need every row (duplicate codes, working time, the counts and lists).

Working time is one idea done once: every moment is mapped to the working seconds elapsed
since the first day the data needs, from a table of days built from the plan's calendar
(`WorkCalendar`) and its working hours; the intake limit is then a subtraction."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import polars as pl

from parcheck.dates import dmy
from parcheck.dossiers.columns import BY_KEY, FIELDS, USED
from parcheck.dossiers.result import (
    Apologies,
    Digitised,
    Dossier,
    DossierResult,
    Fault,
    Intake,
    LateDossier,
    Official,
    PauseFault,
    Pauses,
    Rejected,
    SlowIntake,
    Source,
    Supplemented,
    Timeliness,
)
from parcheck.plan.units import fold

if TYPE_CHECKING:
    from parcheck.dossiers.read import Export, Part
    from parcheck.engine.calendar import WorkCalendar

US = pl.Datetime("us")
US_DAY = 86_400_000_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
)
CHANNELS = {
    "tructuyen": "online",
    "2": "online",
    "tructiep": "direct",
    "1": "direct",
    "buuchinhcongich": "postal",
    "buuchinh": "postal",
    "3": "postal",
}
YES = frozenset({"co", "x", "1", "yes", "y", "true", "dung", "da"})
NO = frozenset({"khong", "0", "no", "n", "false", "sai", "chua"})
STATUS = pl.Enum(["early", "on_time", "late", "open_late", "open"])
CHANNEL = pl.Enum(["online", "direct", "postal", "?"])
MOMENTS = ("submitted", "accepted", "due", "finished")
YESNO = ("digitised", "paused", "notified", "apology")
WORKERS = 2  # blocks parsed at once: polars lets the GIL go while it parses
PAUSE_PARTS = ("reason", "document", "notice")
MISSING = {bits: tuple(p for i, p in enumerate(PAUSE_PARTS) if bits >> i & 1) for bits in range(8)}

# The faults a row can have, in the order a row's faults are listed: (code, field, bit).
FAULTS: tuple[tuple[str, str], ...] = (
    ("PD020", "code"),
    ("PD024", "code"),
    ("PD020", "channel"),
    ("PD023", "channel"),
    ("PD020", "submitted"),
    ("PD021", "submitted"),
    ("PD022", "submitted"),
    ("PD028", "submitted"),
    ("PD021", "accepted"),
    ("PD022", "accepted"),
    ("PD026", "accepted"),
    ("PD020", "due"),
    ("PD021", "due"),
    ("PD022", "due"),
    ("PD021", "finished"),
    ("PD022", "finished"),
    ("PD025", "finished"),
    ("PD020", "official"),
    ("PD029", "digitised"),
    ("PD029", "paused"),
    ("PD029", "notified"),
    ("PD029", "apology"),
    ("PD027", "supplements"),
)
BIT = {fault: 1 << i for i, fault in enumerate(FAULTS)}
DUPLICATE = BIT[("PD024", "code")]


# ----------------------------------------------------------------------------- values


def _raw(frame: pl.DataFrame, key: str) -> pl.Series:
    """A column as read (an empty cell is null); all null when the file has no such column."""
    if key not in frame.columns:
        return pl.Series(key, [None] * frame.height, dtype=pl.String)
    return frame[key]


def rank_formats(frame: pl.DataFrame) -> dict[str, tuple[str, ...]]:
    """For each moment column, FORMATS with those most of a sample of `frame` fits first:
    judged once, on the first block, and used for every block."""
    ranked = {}
    for key in MOMENTS:
        sample = _raw(frame, key).drop_nulls().head(500)
        fits = {f: int(sample.str.strptime(US, f, strict=False).count()) for f in FORMATS}
        ranked[key] = tuple(sorted(FORMATS, key=lambda f: -fits[f]))
    return ranked


def _parse_moments(s: pl.Series, ranked: Sequence[str] = FORMATS) -> tuple[pl.Series, pl.Series]:
    """Text in any of FORMATS → Datetime, null where none fits (31/02, N/A, 2024-13-01);
    and whether the cell holds anything but white space. The format most of a sample fits
    runs on the whole column, the others only on what is left (stripped): a failing
    strptime costs some three times a succeeding one."""
    out = s.str.strptime(US, ranked[0], strict=False)
    given = s.is_not_null()
    left = out.is_null() & given
    if not left.any():
        return out, given
    rest = s.filter(left).str.strip_chars()
    parsed = rest.str.strptime(US, ranked[0], strict=False)
    for fmt in ranked[1:]:  # each format only on what the others left
        still = parsed.is_null()
        if not still.any():
            break
        at = still.arg_true()
        parsed = parsed.scatter(at, rest.gather(at).str.strptime(US, fmt, strict=False))
    where = left.arg_true()
    return out.scatter(where, parsed), given.scatter(where, rest.str.len_bytes() > 0)


def _channel(value: str) -> str | None:
    folded = fold(value)
    return CHANNELS.get(folded, "?") if folded else None


def _yes_no(value: str) -> str | None:
    folded = fold(value)
    return "y" if folded in YES else "n" if folded in NO else "?" if folded else None


# ----------------------------------------------------------------------------- one block


def reduce_block(
    frame: pl.DataFrame, as_of: dt.date, ranked: dict[str, tuple[str, ...]] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A block of rows (text columns by field key) reduced to one narrow row each: the
    faults as bits, the timeliness, what the later steps need; and, for the rows with a
    fault, their cells as written (for the messages)."""
    c = pl.col
    present = set(frame.columns)
    missing_columns = [pl.lit(None, pl.String).alias(k) for k in USED if k not in present]
    if missing_columns:
        frame = frame.with_columns(missing_columns)
    ranked = ranked or rank_formats(frame)
    # the few distinct values of the coded columns, folded in Python once each
    small = ("channel", *YESNO)
    distinct = frame.select([c(k).unique().implode() for k in small]).row(0)
    tables = {
        k: {v: (_channel if k == "channel" else _yes_no)(v) for v in values if v is not None}
        for k, values in zip(small, distinct, strict=True)
    }

    def stripped(key: str) -> pl.Expr:
        s = c(key).str.strip_chars()
        return pl.when(s.str.len_bytes() > 0).then(s)

    sup_text = stripped("supplements")
    t = frame.select(
        stripped("code").alias("code"),
        stripped("official").alias("official"),
        c("channel").replace_strict(tables["channel"], default=None, return_dtype=CHANNEL),
        *[c(k).str.strptime(US, ranked[k][0], strict=False) for k in MOMENTS],
        *[c(k).is_not_null().alias(f"{k}_text") for k in MOMENTS],
        *[c(k).replace_strict(tables[k], default=None, return_dtype=pl.String) for k in YESNO],
        c("pause_reason").str.contains(r"\S").fill_null(False).alias("reason"),
        c("pause_document").str.contains(r"\S").fill_null(False).alias("document"),
        sup_text.is_not_null().alias("sup_text"),
        sup_text.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False).alias("sup"),
        pl.all_horizontal([c(k).is_null() for k in USED]).alias("blank"),
    )
    for key in MOMENTS:  # cells the first format did not fit: the others, on those only
        left = t[key].is_null() & t[f"{key}_text"]
        if left.any():
            parsed, given = _parse_moments(frame[key].filter(left), ranked[key])
            where = left.arg_true()
            t = t.with_columns(
                t[key].scatter(where, parsed), t[f"{key}_text"].scatter(where, given)
            )
    end_of = pl.lit(US_DAY - 1).cast(pl.Duration("us"))

    def day_only(key: str) -> pl.Expr:
        return (c(key).cast(pl.Int64) % US_DAY) == 0

    def year_bad(key: str) -> pl.Expr:
        return ~c(key).dt.year().is_between(FIRST_YEAR, LAST_YEAR)

    # a done event known by its day only is counted at the day's end
    t = t.with_columns(
        [
            pl.when(day_only(k)).then(c(k) + end_of).otherwise(c(k)).alias(f"{k}_end")
            for k in ("accepted", "finished")
        ]
    )
    last = pl.lit(as_of)
    checks: dict[tuple[str, str], pl.Expr] = {
        ("PD020", "code"): c("code").is_null(),
        ("PD020", "channel"): c("channel").is_null(),
        ("PD023", "channel"): c("channel") == "?",
        ("PD020", "submitted"): ~c("submitted_text"),
        ("PD021", "submitted"): c("submitted_text") & c("submitted").is_null(),
        ("PD022", "submitted"): year_bad("submitted"),
        ("PD028", "submitted"): c("submitted").dt.date() > last,
        ("PD021", "accepted"): c("accepted_text") & c("accepted").is_null(),
        ("PD022", "accepted"): year_bad("accepted"),
        ("PD026", "accepted"): c("accepted_end") < c("submitted"),
        ("PD020", "due"): ~c("due_text"),
        ("PD021", "due"): c("due_text") & c("due").is_null(),
        ("PD022", "due"): year_bad("due"),
        ("PD021", "finished"): c("finished_text") & c("finished").is_null(),
        ("PD022", "finished"): year_bad("finished"),
        ("PD025", "finished"): c("finished_end") < c("submitted"),
        ("PD020", "official"): c("official").is_null(),
        **{("PD029", k): c(k) == "?" for k in YESNO},
        ("PD027", "supplements"): c("sup_text") & (c("sup").is_null() | (c("sup") < 0)),
    }
    faults = pl.sum_horizontal(
        [
            pl.when(expr.fill_null(False)).then(pl.lit(BIT[key], pl.UInt32)).otherwise(0)
            for key, expr in checks.items()
        ]
    ).cast(pl.UInt32)
    sup = c("sup").fill_null(0)
    finished = c("finished").is_not_null() & (c("finished").dt.date() <= last)
    fin_day, due_day = c("finished").dt.date(), c("due").dt.date()
    status = (
        pl.when(finished)
        .then(
            pl.when(sup > 1)
            .then(pl.lit("late"))
            .when(fin_day < due_day)
            .then(pl.lit("early"))
            .when(fin_day == due_day)
            .then(pl.lit("on_time"))
            .otherwise(pl.lit("late"))
        )
        .when((sup > 1) | (due_day < last))
        .then(pl.lit("open_late"))
        .otherwise(pl.lit("open"))
        .cast(STATUS)
    )
    accepted = pl.when(c("accepted").dt.date() <= last).then(c("accepted_end"))
    missing = (
        pl.when(c("reason") | ("pause_reason" not in present)).then(0).otherwise(1)
        + pl.when(c("document") | ("pause_document" not in present)).then(0).otherwise(2)
        + pl.when((c("notified") == "y") | ("notified" not in present)).then(0).otherwise(4)
    )
    narrow = t.select(
        faults.alias("faults"),
        c("blank"),
        c("code"),
        c("official").cast(pl.Categorical),
        (c("channel") == "online").fill_null(False).alias("online"),
        c("submitted"),
        accepted.alias("accepted"),
        status.alias("status"),
        finished.fill_null(False).alias("finished"),
        (c("digitised") == "y").fill_null(False).alias("digitised"),
        pl.when(c("paused") == "y").then(missing).otherwise(None).cast(pl.UInt8).alias("pause"),
        (c("apology") == "y").fill_null(False).alias("apology"),
        sup.clip(-1, 127).cast(pl.Int8).alias("supplements"),
    ).with_row_index("index")
    bad = (narrow["faults"] > 0) & ~narrow["blank"]
    if not bad.any():
        return narrow, frame.clear().select(present & set(USED)).with_row_index("index")
    cells = frame.select([k for k in USED if k in present]).with_row_index("index")
    return narrow, cells.filter(bad)


# ----------------------------------------------------------------------------- all rows


def _reduce_part(
    part: Part, as_of: dt.date, ranked: dict[str, tuple[str, ...]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    return reduce_block(part(), as_of, ranked)


def reduce_all(
    parts: Iterator[Part], as_of: dt.date
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Each part parsed and reduced, in order, at most WORKERS at once; the date formats
    ranked on the first."""
    first = next(parts, None)
    if first is None:
        return
    frame = first()
    ranked = rank_formats(frame)
    with ThreadPoolExecutor(WORKERS) as pool:
        waiting: deque[Future[tuple[pl.DataFrame, pl.DataFrame]]] = deque()
        waiting.append(pool.submit(reduce_block, frame, as_of, ranked))
        del frame
        for part in parts:
            waiting.append(pool.submit(_reduce_part, part, as_of, ranked))
            if len(waiting) >= WORKERS:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


def evaluate(
    exports: Sequence[Export],
    calendar: WorkCalendar,
    limit_hours: float,
    as_of: dt.date,
    rule: str,
    progress: Callable[[int], None] | None = None,
) -> DossierResult:
    """Every figure of contract §7 over the rows of `exports`, as they stood at the end of
    `as_of`, timeliness by `rule` (766 or finished)."""
    frames: list[pl.DataFrame] = []
    cells: list[pl.DataFrame] = []
    for number, export in enumerate(exports):
        start = export.first_row
        for narrow, bad in reduce_all(export.parts(progress), as_of):
            shift = (pl.col("index") + start).cast(pl.UInt32)
            frames.append(
                narrow.select(
                    shift.alias("row"),
                    pl.lit(number, pl.UInt16).alias("file"),
                    pl.all().exclude("index"),
                )
            )
            cells.append(
                bad.with_columns(shift.alias("row"), pl.lit(number, pl.UInt16).alias("file"))
            )
            start += narrow.height
    if not frames:  # headers only: no rows, the same columns
        empty = pl.DataFrame({k: pl.Series(k, [], dtype=pl.String) for k in USED})
        narrow, bad = reduce_block(empty, as_of)
        where = (pl.lit(0, pl.UInt32).alias("row"), pl.lit(0, pl.UInt16).alias("file"))
        frames = [narrow.drop("index").with_columns(*where)]
        cells = [bad.with_columns(*where)]
    every = pl.concat(frames, rechunk=False)
    del frames
    if every["blank"].any():
        every = every.filter(~pl.col("blank"))
    every = every.drop("blank")
    every = every.with_columns(_mark_duplicates(every["code"], every["faults"]))
    names = [e.name for e in exports]
    present = set().union(*(e.matched.at for e in exports))
    rejected = _rejected(every, cells, exports, as_of)
    per_file = (
        every.group_by("file")
        .agg(pl.len().alias("rows"), (pl.col("faults") > 0).sum().alias("bad"))
        .sort("file")
    )
    totals = {f: (n, b) for f, n, b in per_file.iter_rows()}
    sources = tuple(
        Source(
            e.name,
            e.kind,
            e.sheet,
            e.sha256,
            totals.get(i, (0, 0))[0],
            totals.get(i, (0, 0))[0] - totals.get(i, (0, 0))[1],
            totals.get(i, (0, 0))[1],
        )
        for i, e in enumerate(exports)
    )
    counted = sum(s.counted for s in sources)
    return _figures(
        every, counted, names, present, calendar, limit_hours, as_of, rule, sources, rejected
    )


def _mark_duplicates(code: pl.Series, faults: pl.Series) -> pl.Series:
    """`faults` with DUPLICATE on every row whose code is on an earlier row (of any file).
    Hashes first (cheap on a million rows); codes compared only where a hash repeats."""
    hashes = code.hash(seed=7)
    again = ~hashes.is_first_distinct() & code.is_not_null()
    if not again.any():
        return faults
    suspects = hashes.is_in(hashes.filter(again).unique().implode()) & code.is_not_null()
    where = suspects.arg_true()
    later = where.filter(~code.gather(where).is_first_distinct())
    return faults.scatter(later, faults.gather(later) | DUPLICATE)


def _rejected(
    every: pl.DataFrame,
    cells: list[pl.DataFrame],
    exports: Sequence[Export],
    as_of: dt.date,
) -> tuple[Rejected, ...]:
    """Each row with a fault, in file and row order, with every fault and the cells."""
    bad = every.filter(pl.col("faults") > 0).select("file", "row", "faults", "code")
    if bad.height == 0:
        return ()
    text = pl.concat(cells, how="diagonal_relaxed").drop("index")
    joined = bad.join(text.drop("code", strict=False), on=["file", "row"], how="left")
    firsts: dict[str, tuple[int, int]] = {}
    again = bad.filter((pl.col("faults") & DUPLICATE) > 0)["code"].unique()
    if again.len():
        seen = (
            every.filter(pl.col("code").is_in(again.implode()))
            .group_by("code")
            .agg(pl.col("file").first(), pl.col("row").first())
        )
        firsts = {code: (file, row) for code, file, row in seen.iter_rows()}
    out = []
    for record in joined.sort("file", "row").iter_rows(named=True):
        export = exports[record["file"]]
        faults = []
        for (code, key), bit in BIT.items():
            if not record["faults"] & bit:
                continue
            value = _short(record.get(key))
            if code in ("PD022", "PD025", "PD026", "PD028"):
                value = _moment_text(value)  # the same in a CSV and in a date cell
            params: dict[str, Any] = {"field": BY_KEY[key].header, "value": value}
            if code == "PD024":
                file, row = firsts.get(record["code"], (record["file"], 0))
                params["first"] = row
                params["where"] = "" if file == record["file"] else f" ({exports[file].name})"
            elif code == "PD028":
                params["as_of"] = dmy(as_of)
            header = export.header_cell(key) if key in export.matched.at else ""
            faults.append(Fault(BY_KEY[key].header, header, code, params, value))
        out.append(Rejected(export.name, record["row"], tuple(faults)))
    return tuple(out)


def _moment_text(text: str) -> str:
    """A date and time read by one of FORMATS, as dd/mm/yyyy HH:MM[:SS] (dd/mm/yyyy at
    00:00): how a cell is shown whatever form the file wrote it in."""
    for fmt in FORMATS:
        try:
            moment = dt.datetime.strptime(text.strip(), fmt.replace("%.f", ".%f"))
        except ValueError:
            continue
        day = dmy(moment.date())  # strftime writes the year 0024 as "24"
        if moment.time() == dt.time(0):
            return day
        return day + moment.strftime(" %H:%M:%S" if moment.second else " %H:%M")
    return text


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


# ----------------------------------------------------------------------------- figures


def _figures(
    every: pl.DataFrame,
    counted: int,
    names: list[str],
    present: set[str],
    calendar: WorkCalendar,
    limit_hours: float,
    as_of: dt.date,
    rule: str,
    sources: tuple[Source, ...],
    rejected: tuple[Rejected, ...],
) -> DossierResult:
    c = pl.col
    limit = round(limit_hours * 3600)
    named = c("file").replace_strict(dict(enumerate(names)), return_dtype=pl.String)
    lazy = every.lazy().filter(c("faults") == 0)  # the counted rows, never copied whole
    online = (
        lazy.filter(c("online") & ("accepted" in present))
        .select("file", "row", "code", "submitted", "accepted")
        .collect()
    )  # without the column, no acceptance is known: the intake is not judged
    clock = WorkingClock(calendar, online, as_of)
    spent = (
        clock.seconds(c("accepted")).fill_null(clock.end_of_as_of) - clock.seconds(c("submitted"))
    ).alias("spent")
    intake = online.lazy().select(
        named,
        "row",
        "code",
        spent,
        c("accepted").is_not_null().alias("accepted"),
        "submitted",
        c("accepted").alias("accepted_at"),
    )
    late_status = c("status").is_in(["late", "open_late"])
    queries = [
        lazy.group_by("status").len(),
        intake.select(
            (c("spent") > limit).sum().alias("late"),
            ((c("spent") <= limit) & c("accepted")).sum().alias("ok"),
        ),
        intake.filter(c("spent") > limit).with_columns(c("spent") / 3600),
        intake.filter((c("spent") <= limit) & ~c("accepted")).with_columns(c("spent") / 3600),
        lazy.group_by("official").agg(
            (c("finished") | (c("status") == "open_late")).sum().alias("handled"),
            late_status.sum().alias("late"),
        ),
        lazy.filter(late_status).select(named, "row", "code", c("status").cast(pl.String)),
        lazy.filter(late_status & ~c("apology")).select(named, "row", "code"),
        lazy.select(c("digitised").sum(), c("pause").is_not_null().sum()),
        lazy.filter(c("pause") > 0).select(named, "row", "code", "pause"),
        lazy.filter(c("supplements") > 1).select(named, "row", "code", "supplements"),
    ]
    found = pl.collect_all(queries)
    statuses, intakes, slow, waiting, officials, late, unapologised, sums, pauses, supplements = (
        found
    )
    by_status = dict(statuses.iter_rows())
    late_intake, ok_intake = intakes.row(0)
    digitised, paused = sums.row(0)
    absent = tuple(f.key for f in FIELDS if f.key in USED and f.key not in present)
    return DossierResult(
        as_of=as_of,
        sources=sources,
        rows=counted + len(rejected),
        counted=counted,
        rejected=rejected,
        timeliness=Timeliness(
            rule=rule,
            early=by_status.get("early", 0),
            on_time=by_status.get("on_time", 0),
            late=by_status.get("late", 0),
            open_late=by_status.get("open_late", 0),
            open=by_status.get("open", 0),
            late_dossiers=tuple(map(LateDossier._make, late.iter_rows())),
        ),
        intake=Intake(
            limit_hours,
            online.height,
            ok_intake or 0,
            late_intake or 0,
            online.height - (ok_intake or 0) - (late_intake or 0),
            tuple(map(SlowIntake._make, slow.iter_rows())),
            tuple(map(SlowIntake._make, waiting.iter_rows())),
        ),
        officials=tuple(
            Official(str(name), handled, n)
            for name, handled, n in sorted(officials.iter_rows(), key=lambda o: str(o[0]))
        ),
        digitised=Digitised(digitised, counted) if "digitised" in present else Digitised(0, 0),
        pauses=Pauses(
            paused,
            tuple(PauseFault(f, r, code, MISSING[bits]) for f, r, code, bits in pauses.iter_rows()),
        ),
        apologies=Apologies(
            late.height,
            () if "apology" not in present else tuple(map(Dossier._make, unapologised.iter_rows())),
        ),
        supplements=tuple(map(Supplemented._make, supplements.iter_rows())),
        absent=absent,
    )


class WorkingClock:
    """Moments as working seconds: a table of the days the data needs (from the first
    submission's day to the day after `as_of`), each with the working seconds before it and
    whether it is worked; a moment's seconds are its day's plus those of its day's working
    hours before it (none on a day off)."""

    def __init__(self, calendar: WorkCalendar, frame: pl.DataFrame, as_of: dt.date) -> None:
        days = [as_of, as_of + dt.timedelta(days=1)]
        for key in ("submitted", "accepted"):
            s = frame[key].drop_nulls()
            if s.len():
                days += [s.min().date(), s.max().date()]  # type: ignore[union-attr]
        self.first = min(days)
        last = max(days) + dt.timedelta(days=1)
        self.spans = [
            (_seconds(span.start), _seconds(span.end)) for span in calendar.calendar.working_hours
        ]
        per_day = sum(end - start for start, end in self.spans)
        before: list[int] = []
        worked: list[bool] = []
        total = 0
        day = self.first
        while day <= last:
            working = calendar.is_working_day(day)
            before.append(total)
            worked.append(working)
            total += per_day if working else 0
            day += dt.timedelta(days=1)
        self.before = pl.Series("before", before, dtype=pl.Int64)
        self.worked = pl.Series("worked", worked, dtype=pl.Boolean)
        self.end_of_as_of = before[(as_of - self.first).days + 1]
        self.day_zero = (self.first - dt.date(1970, 1, 1)).days

    def seconds(self, moment: pl.Expr) -> pl.Expr:
        us = moment.cast(pl.Int64)
        index = us // US_DAY - self.day_zero
        of_day = (us % US_DAY) // 1_000_000
        inside = pl.sum_horizontal(
            [(of_day - start).clip(0, end - start) for start, end in self.spans]
        )
        day_before = pl.lit(self.before).gather(index)
        worked = pl.lit(self.worked).gather(index)
        return day_before + pl.when(worked).then(inside).otherwise(0)


def _seconds(moment: dt.time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second
