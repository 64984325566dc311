"""The typer app and what every command shares: options, loading the inputs, and turning
errors into messages and exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from parcheck.errors import Interrupted, ParcheckError, UsageError
from parcheck.safety.text import one_line  # a file name in a message is data too

if TYPE_CHECKING:
    from parcheck.figures import MetricsRead
    from parcheck.plan.model import Plan
    from parcheck.problems import Problem


_LANG = ["vi"]  # the language of this run's help and option errors: set in GuardedGroup.main


def lang_of(args: Sequence[str]) -> str:
    """`en` when `--lang en` (or `--lang=en`) is anywhere on the line, or PARCHECK_LANG=en
    and no `--lang` is given; otherwise `vi`."""
    import os

    for i, word in enumerate(args):
        if word == "--lang" and i + 1 < len(args):
            return "en" if str(args[i + 1]).lower() == "en" else "vi"
        if str(word).startswith("--lang="):
            return "en" if str(word).split("=", 1)[1].lower() == "en" else "vi"
    return "en" if os.environ.get("PARCHECK_LANG", "").lower() == "en" else "vi"


def _options_after_command(args: list[str], commands: Mapping[str, Any]) -> list[str]:
    """`parcheck --plan p.yaml --lang en status`: a command's options given before the
    command, moved after it (only the commands have them), values and all. `--lang` is
    dropped when no command follows (`--help`) or the command has no `--lang` (`schema`:
    its output has no words). Any other word before the command stays where it is, for
    typer to judge."""

    def option(command: Any, word: str) -> Any:
        name = word.split("=", 1)[0]
        return next((p for p in command.params if name in getattr(p, "opts", ())), None)

    def takes_value(word: str) -> bool:
        found = (option(c, word) for c in commands.values())
        if word == "--lang":  # also where no command is known (after `schema`)
            return True
        return "=" not in word and any(p is not None and not p.is_flag for p in found)

    before: list[tuple[str, ...]] = []  # the words before the command, an option with its value
    i = 0
    while i < len(args):
        word = args[i]
        if word in commands:
            command = commands[word]
            kept: list[str] = []
            moved: list[str] = []
            for group in before:
                if option(command, group[0]) is not None:
                    moved += group
                elif not group[0].startswith("--lang"):
                    kept += group
            rest = args[i + 1 :]
            if option(command, "--lang") is None:  # nor after it: `schema -h --lang en`
                rest = _options_after_command(rest, {})
            return [*kept, word, *moved, *rest]
        if word.startswith("--") and takes_value(word) and i + 1 < len(args):
            before.append((word, args[i + 1]))
            i += 2
            continue
        before.append((word,))
        i += 1
    return [w for group in before if not group[0].startswith("--lang") for w in group]


def _help_text(text: str) -> str:
    """A line of help in this run's language."""
    from parcheck.cli import words

    return words.en(text) if _LANG[0] == "en" else words.vi_word(text)


class _Formatter(HelpFormatter):
    """typer's help page with its headings and typer's own words in Vietnamese, and
    parcheck's (Vietnamese) help in English under `--lang en`."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from parcheck.cli.words import usage_args

        if prefix is None and _LANG[0] != "en":
            prefix = "Cách dùng: "
        super().write_usage(prog, usage_args(args, _LANG[0]), prefix)

    def write_text(self, text: str) -> None:
        super().write_text(_help_text(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        from parcheck.cli.words import metavars_en

        name = metavars_en if _LANG[0] == "en" else str
        super().write_dl([(name(a), _help_text(b)) for a, b in rows], *args, **kwargs)

    def section(self, name: str) -> Any:
        return super().section(_help_text(name))


class _Context(Context):
    formatter_class = _Formatter


def _quiet_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that Python's own flush at exit
    does not fail again with a traceback of its own."""
    import contextlib
    import os

    with contextlib.suppress(Exception):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _whole_stdout() -> None:
    """The process's own stdout rewritten to write every byte or fail. Unbuffered
    (PYTHONUNBUFFERED=1, usual in CI images and containers), Python's stdout takes a pipe's
    short write (the reader left in the middle of a large write) for success and drops the
    rest: `parcheck status --format json | head -1` exited 0 with its output cut. It writes
    UTF-8 whatever the locale: a cp1258 stdout once turned letters into `\\xe0` inside JSON
    strings; a lone surrogate is escaped, never a UnicodeEncodeError."""
    import io

    from parcheck.safety.files import WholeWrites

    old = sys.stdout
    if old is None or old is not sys.__stdout__ or not isinstance(old, io.TextIOWrapper):
        return  # a test runner's capture: left alone
    try:
        fd = old.fileno()
        old.flush()
    except (OSError, ValueError):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(WholeWrites(fd)),
        encoding="utf-8",  # what every output is (JSON, Markdown): never a locale's code page
        errors="backslashreplace",
        line_buffering=old.line_buffering,
        write_through=old.write_through,
    )


class GuardedGroup(TyperGroup):
    """The one place where errors become messages: a ParcheckError its message and exit
    code; a failed write to stdout (full disk, closed pipe) one message and exit 2; Ctrl-C
    exit 130; anything unexpected a short message asking for a report, and exit 2. No
    traceback reaches the user. typer's own option errors and help are shown in the
    run's language (Vietnamese unless `--lang en` or PARCHECK_LANG=en)."""

    context_class = _Context

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        _LANG[0] = lang_of(words)
        return super().main(_options_after_command(words, self.commands), *rest, **kwargs)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command names the closest one (typer's "Did you mean"), or, when none
        is close, every command there is."""
        try:
            return super().resolve_command(ctx, args)
        except Exception as exc:
            message = getattr(exc, "message", None)
            unknown = isinstance(message, str) and message.startswith("No such command")
            if unknown and "Did you mean" not in str(message):
                names = ", ".join(sorted(self.commands))
                exc.message = f"{message} Commands: {names}."  # type: ignore[attr-defined]
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = _Context
        return command

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parsing the options prints `--help` (and no-arguments help) before `invoke`: a
        failed write there is one message and exit 2 too, not a traceback."""
        try:
            try:
                return super().make_context(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except OSError as exc:
            say(f"parcheck: {one_line(_message(exc, english=_LANG[0] == 'en'))}\n")
            raise typer.Exit(2) from None
        except Exception as exc:
            if _is_cli_error(exc):
                name = getattr(exc, "option_name", None)  # no such option: whose is it?
                if name and hasattr(exc, "message"):
                    whose = self._whose(name)
                    if whose:  # the option exists, with a command: not "no such option"
                        exc.message = whose
                        setattr(exc, "possibilities", None)  # noqa: B010 (click's, untyped here)
                raise _shown(exc) from None
            raise

    def _whose(self, name: str) -> str:
        """`--plan` written with no command: which commands it belongs to, and how it is
        written, "--plan is an option of the commands calendar, …: write it with the
        command, e.g. parcheck status --plan FILE" ("" when no command has it)."""
        owners = {
            command_name: param
            for command_name, command in sorted(self.commands.items())
            for param in command.params
            if name in getattr(param, "opts", ())
        }
        if not owners:
            return ""
        example = "status" if "status" in owners else next(iter(owners))
        param: Any = owners[example]
        choices = getattr(param.type, "choices", None)
        value = "" if param.is_flag else param.metavar or "…"
        if choices and not param.metavar:
            value = "<" + "|".join(map(str, choices)) + ">"
        if value and _LANG[0] == "en":
            from parcheck.cli.words import metavars_en

            value = metavars_en(value)
        which = "command" if len(owners) == 1 else "commands"
        return (
            f"{name} is an option of the {which} {', '.join(owners)}: write it with the"
            f" command, e.g. parcheck {example} {name}{' ' + value if value else ''}"
        )

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        english = _LANG[0] == "en"  # `--lang en` anywhere, or PARCHECK_LANG=en
        _whole_stdout()
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        except (Exception, KeyboardInterrupt, Interrupted) as exc:
            if _is_cli_error(exc):
                raise _shown(exc) from None
            if _is_cli_signal(exc):
                raise
            say(f"parcheck: {one_line(_message(exc, english))}\n")
            raise typer.Exit(_exit_code(exc)) from None


def _is_cli_signal(exc: BaseException) -> bool:
    """typer's (click's) own exits, aborts and usage errors: they carry their exit code and
    message already. Matched by class name: typer 0.28 vendors click under another module."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"Exit", "Abort", "ClickException"})


def _is_cli_error(exc: BaseException) -> bool:
    """An option error of typer's (click's): no such option, a bad value, a missing or an
    extra argument; it can show itself (with the usage line)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return "ClickException" in names and hasattr(exc, "show")


def _shown(exc: Any) -> typer.Exit:
    """typer's option error on stderr in the run's language; its exit code (2)."""
    import io

    _env_hint_only_from_env(exc)
    buffer = io.StringIO()
    exc.show(file=buffer)
    from parcheck.cli.words import plain, vi

    text = plain(buffer.getvalue())
    say(text if _LANG[0] == "en" else vi(text))
    return typer.Exit(getattr(exc, "exit_code", 2))


def _env_hint_only_from_env(exc: Any) -> None:
    """A bad value names the variable it can come from (PARCHECK_LANG) only when it did
    come from it: `--lang fr` on the line is the option's mistake, not the variable's."""
    param, ctx = getattr(exc, "param", None), getattr(exc, "ctx", None)
    if param is None or ctx is None or getattr(exc, "param_hint", None) is not None:
        return
    if not getattr(param, "envvar", None) or not getattr(param, "opts", None):
        return  # an argument, or an option no variable sets: its own hint
    source = ctx.get_parameter_source(param.name) if param.name else None
    if getattr(source, "name", "") != "ENVIRONMENT":
        exc.param_hint = " / ".join(f"'{name}'" for name in param.opts)


def say(text: str) -> None:
    """`text` on stderr, if stderr can take it: a message about a failure must not fail in
    turn (a full or closed stderr) and change the exit code."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _exit_code(exc: BaseException) -> int:
    if isinstance(exc, ParcheckError):
        return exc.exit_code
    if isinstance(exc, Interrupted):
        return 128 + exc.signum  # as the signal itself would have ended the process
    return 130 if isinstance(exc, KeyboardInterrupt) else 2


def _message(exc: BaseException, english: bool) -> str:
    """What the user is told of `exc`: one line, in their language."""
    if isinstance(exc, ParcheckError):
        return exc.message
    if isinstance(exc, KeyboardInterrupt | Interrupted):
        import signal

        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        name = signal.Signals(signum).name
        return f"interrupted ({name})" if english else f"đã dừng ({name})"
    if isinstance(exc, OSError):
        from parcheck.safety.files import reason_of, shown

        _quiet_stdout()
        where = f"{shown(exc.filename)}: " if isinstance(exc.filename, str) else ""
        reason = reason_of(exc, english)
        if english:
            return f"cannot write or read: {where}{reason}"
        return f"không ghi hoặc đọc được: {where}{reason}"
    kind = type(exc).__name__
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    if english:
        return (
            f"internal error ({kind}: {text}). This is a bug in parcheck: please report it "
            "with the command and the input files."
        )
    return (
        f"lỗi nội bộ ({kind}: {text}). Đây là lỗi của parcheck: xin báo lại kèm câu lệnh "
        "và các tệp đầu vào."
    )


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"parcheck {version('parcheck')}")
        raise typer.Exit(0)


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Hiện phiên bản rồi thoát.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """(With a callback typer keeps a group even when main() registered one command.)"""


app = typer.Typer(
    cls=GuardedGroup,
    callback=_root,
    name="parcheck",
    help="Kiểm tra việc thực hiện Kế hoạch nâng cao Chỉ số CCHC (PAR Index).",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_PLAN = Path("plans/kh2024.yaml")


class LangOpt(StrEnum):
    vi = "vi"
    en = "en"


LangOption = Annotated[
    LangOpt,
    typer.Option(
        "--lang",
        help="Ngôn ngữ: vi hoặc en.",
        case_sensitive=False,
        envvar="PARCHECK_LANG",
        show_envvar=True,
    ),
]


PlanOption = Annotated[Path, typer.Option("--plan", metavar="TỆP", help="Tệp kế hoạch.")]
MetricsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--metrics",
        metavar="ĐƯỜNG_DẪN",
        help="Tệp hoặc thư mục số liệu (lặp lại được; mặc định metrics/).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="NGÀY",
        help="Ngày xét, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay theo giờ Việt Nam).",
    ),
]


def stop_with(exc: ParcheckError) -> typer.Exit:
    """An error that ends the command: its message on stderr, its exit code."""
    say(f"parcheck: {one_line(exc.message)}\n")
    return typer.Exit(exc.exit_code)


def stop(problems: Sequence[Problem], lang: str) -> typer.Exit:
    """Problems in an input file: each on stderr at its position, exit 2."""
    say("".join(problem.render("en" if lang == "en" else "vi") + "\n" for problem in problems))
    return typer.Exit(2)


def load_inputs(
    plan: Path, metrics: list[Path] | None, lang: str, day: dt.date | None = None
) -> tuple[Plan, MetricsRead, str]:
    """The plan, the metrics snapshots and the plan file's short hash, or exit 2 with every
    problem. A `day` outside the plan's year is said in a warning, and the run goes on."""
    from parcheck.figures import read_metrics
    from parcheck.plan.load import load_plan

    loaded = load_plan(plan)
    if not loaded.ok or loaded.plan is None:
        stopped = stop([p for p in loaded.problems if p.severity == "error"], lang)
        missing_default(plan, lang)
        raise stopped
    if day is not None:
        outside_year(day, loaded.plan.year, lang)
    read = read_metrics(metrics_paths(metrics), loaded.plan, day)
    if any(p.severity == "error" for p in read.problems):
        raise stop(read.problems, lang)
    # an empty folder, a FIFO skipped: said, and the run goes on
    say("".join(w.render("en" if lang == "en" else "vi") + "\n" for w in read.problems))
    return loaded.plan, read, loaded.digest


def missing_default(plan: Path, lang: str) -> None:
    """When the default plan is not where the command runs: a hint to pass `--plan`."""
    if plan != DEFAULT_PLAN or plan.exists():
        return
    if lang == "en":
        say(
            f"parcheck: there is no {DEFAULT_PLAN} in this folder; run parcheck in the "
            "project folder or name the plan with --plan FILE\n"
        )
    else:
        say(
            f"parcheck: không có {DEFAULT_PLAN} trong thư mục này; hãy chạy parcheck trong "
            "thư mục dự án hoặc chỉ ra tệp kế hoạch bằng --plan TỆP\n"
        )


def outside_year(day: dt.date, year: int, lang: str) -> None:
    """A one-line warning when the date of the run lies outside the plan's year (running in
    2026 against the 2024 plan counts every deadline as years late)."""
    from parcheck.dates import dmy

    if day.year == year:
        return
    if lang == "en":
        say(
            f"parcheck: warning: the date {dmy(day)} lies outside the plan's year {year}; "
            f"pass --as-of with a day of {year}\n"
        )
    else:
        say(
            f"parcheck: cảnh báo: ngày {dmy(day)} nằm ngoài năm của kế hoạch ({year}); "
            f"hãy dùng --as-of với một ngày trong năm {year}\n"
        )


def metrics_paths(metrics: list[Path] | None) -> list[Path]:
    """The metrics files and folders a command reads: those given, or `metrics/` when it
    exists. Outputs are kept out of the folders among them (`safety.files.write_output`)."""
    if metrics is not None:
        return metrics
    return [Path("metrics")] if Path("metrics").is_dir() else []


def as_of_option(value: str | None, option: str = "--as-of", lang: str = "vi") -> dt.date:
    from parcheck.dates import parse_date

    if value is None:
        return today_in_vietnam()
    try:
        day = parse_date(value)
    except ValueError as exc:
        no_such_day = str(exc).startswith("no such day")  # the form is right, the day is not
        if lang == "en":
            what = "no such day" if no_such_day else "not a date"
            raise UsageError(
                f"{option} {value!r}: {what}; write YYYY-MM-DD (2024-11-25) or DD/MM/YYYY "
                "(25/11/2024)"
            ) from None
        what = "không có ngày này" if no_such_day else "không phải một ngày"
        raise UsageError(
            f"{option} {value!r}: {what}; hãy viết YYYY-MM-DD (2024-11-25) hoặc DD/MM/YYYY "
            "(25/11/2024)"
        ) from None
    return date_in_range(day, option, lang)


def date_in_range(day: dt.date, option: str, lang: str) -> dt.date:
    """`day`, if it lies in the years parcheck reads (1900–2100); a date near year 1 or 9999
    would run off the calendar when a report counts a month back or 30 days on."""
    from parcheck.dates import EARLIEST, LATEST, dmy, in_range

    if in_range(day):
        return day
    span = f"{dmy(EARLIEST)}–{dmy(LATEST)}"
    if lang == "en":
        raise UsageError(f"{option}: {dmy(day)} lies outside {span}")
    raise UsageError(f"{option}: ngày {dmy(day)} nằm ngoài khoảng {span}")


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh: UTC+7, no DST


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The date in Khánh Hòa at `now` (default: this moment): at 23:30 UTC it is already
    the next day there, whatever the machine's own zone."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VIETNAM).date()
