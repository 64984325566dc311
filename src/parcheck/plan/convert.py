"""Conversions pydantic's validator of plan files calls while it validates: plain functions
that import pydantic only when they raise, so that loading a plan does not import pydantic's
Python side (the validator itself is built from `core_schema.py`); and `number_form`, which
names the numbers YAML 1.1 writes other than as plain decimals, for plan and metrics files."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from parcheck.dates import EARLIEST, LATEST, dmy, in_range, parse_date


def plan_date(value: Any) -> dt.date:
    """`parse_date` for pydantic: a day that does not exist and a text that is no date are
    errors of their own kinds, so that messages can say which."""
    from pydantic_core import PydanticCustomError

    try:
        day = parse_date(value)
    except ValueError as exc:
        from parcheck.problems import shown_raw

        kind = "plan_date_unreal" if str(exc).startswith("no such day") else "plan_date_format"
        shown = value if isinstance(value, str) else shown_raw(value)  # `{a: 1}`, no repr
        reason = str(exc)
        if not isinstance(value, str):
            reason = f"not a date: {shown} (write YYYY-MM-DD or DD/MM/YYYY)"
        raise PydanticCustomError(kind, "{reason}", {"reason": reason, "value": shown}) from None
    if not in_range(day):
        reason = f"{dmy(day)} lies outside {dmy(EARLIEST)}–{dmy(LATEST)}"
        raise PydanticCustomError(
            "plan_date_range", "{reason}", {"reason": reason, "value": dmy(day)}
        )
    return day


_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")


def clock_time(value: Any) -> dt.time:
    """`7:00` or `07:00` as the time it reads as; a number (YAML 1.1 reads an unquoted `13:30`
    as 810) or a time with a zone is refused."""
    from pydantic_core import PydanticCustomError

    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and (m := _CLOCK.fullmatch(value.strip())):
        return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    raise PydanticCustomError("time_parsing", "Input should be a time written HH:MM")


# What YAML 1.1 (and people) write for numbers that are not plain decimals. The YAML reader
# keeps each of them as the text it is (`yamldoc`); these say what it is and what to write.
_BASES = {"x": 16, "o": 8, "b": 2}
_BASED = re.compile(r"([-+]?)0([xob])([0-9a-f_]+)", re.IGNORECASE)
_SEXAGESIMAL = re.compile(r"([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+)(\.[0-9_]*)?")
# Each pattern reads a text once, without backtracking (a CSV cell may be 131,072
# characters long); a text longer than `_LONGEST` is no number anyone wrote.
_LEADING_ZERO = re.compile(r"([-+]?)0([0-9][0-9_]*(?:[.,][0-9_]*)?)")
_DIGITS = re.compile(r"[-+]?[0-9][0-9_]*(?:[.,][0-9_]*)?")
_LONGEST = 100
_NOT_FINITE = re.compile(r"[-+]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
_YES_NO = frozenset({"y", "yes", "n", "no", "on", "off", "true", "false"})


def decimal_text(value: float) -> str:
    """`value` as a person writes it: `80`, `80.5` (never `80.0` or `8e+01`)."""
    return str(int(value)) if value == int(value) else repr(value)


# One separator then exactly three digits, no leading zero: `1.000`, `12,500`.
_THOUSANDS = re.compile(r"([-+]?)([1-9][0-9]{0,2})[.,]([0-9]{3})")


def number_form(raw: Any) -> tuple[str, dict[str, Any]] | None:
    """What a value written where a number is expected is, when it is one of YAML 1.1's
    other forms (or a word YAML 1.1 reads as a boolean): a kind and the message's
    parameters (`value` as written, and what to write instead), or None.

    Kinds: `leading_zero` (`075`: write 75), `base` (`0x50`, `0o17`, `0b101`, `1:20`: a
    number in base 16, 8, 2 or 60), `separator` (`1_000`: write 1000), `yes_no` (`yes`,
    `no`, `on`, `off`, `y`, `n`, `true`, `false`), `not_finite` (`.nan`, `.inf`, `NaN`,
    `Infinity`, or a float too large: 1e999), `thousands` (`1.000`, `12,500`: a thousands
    separator in Vietnamese, a decimal point in English)."""
    if isinstance(raw, bool):
        return "yes_no", {"value": "true" if raw else "false"}
    if isinstance(raw, float) and not math.isfinite(raw):
        return "not_finite", {"value": str(raw)}
    if not isinstance(raw, str) or len(raw) > _LONGEST:
        return None
    text = raw.strip().removesuffix("%").strip()
    if text.casefold() in _YES_NO:
        return "yes_no", {"value": raw}
    if _NOT_FINITE.fullmatch(text):
        return "not_finite", {"value": raw}
    if m := _BASED.fullmatch(text):
        try:
            number = int(m[3].replace("_", ""), _BASES[m[2].lower()])
        except ValueError:
            return None  # `0b102`: no number in any base
        reading = ("-" if m[1] == "-" else "") + str(number)
        return "base", {"value": raw, "base": _BASES[m[2].lower()], "reading": reading}
    if m := _SEXAGESIMAL.fullmatch(text):
        total = 0.0
        for part in m[2].replace("_", "").split(":"):
            total = total * 60 + int(part)
        total += float(m[3].replace("_", "") or 0) if m[3] and m[3] != "." else 0
        reading = ("-" if m[1] == "-" else "") + decimal_text(total)
        return "base", {"value": raw, "base": 60, "reading": reading}
    # 0.5 and 0,5 are plain decimals
    if (m := _LEADING_ZERO.fullmatch(text)) and not re.match(r"[-+]?0[.,]", text):
        digits = m[2].replace("_", "").lstrip("0") or "0"
        if digits[0] in ".,":
            digits = "0" + digits
        return "leading_zero", {"value": raw, "plain": ("-" if m[1] == "-" else "") + digits}
    if "_" in text and _DIGITS.fullmatch(text):
        plain = text.replace("_", "").lstrip("+")
        zero = number_form(plain)  # `0_75`: 75
        return "separator", {"value": raw, "plain": zero[1]["plain"] if zero else plain}
    if m := _THOUSANDS.fullmatch(text):  # `1.000`: one thousand in Vietnamese, one in English
        whole, fraction = m[2], m[3]
        decimal = whole + ("," + fraction.rstrip("0") if fraction.rstrip("0") else "")
        sign = "-" if m[1] == "-" else ""
        params = {"value": raw, "thousands": sign + whole + fraction, "decimal": sign + decimal}
        return "thousands", params
    return None


# The plan's codes for each kind of `number_form` (a metrics file has its own: figures);
# `plan/schema_errors.py` gives them where the plan's validator refused a number.
PLAN_NUMBER_CODES = {
    "leading_zero": "PC062",
    "base": "PC063",
    "separator": "PC064",
    "yes_no": "PC065",
    "not_finite": "PC066",
    "thousands": "PC077",
}
