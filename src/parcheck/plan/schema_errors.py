"""Pydantic validation errors as problems at the YAML position they came from, in vi and en."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from parcheck.plan.yamldoc import Document
from parcheck.problems import Later, Problem, Severity

_VI: dict[str, str] = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu (xem `parcheck schema`)",
    "unexpected_keyword_argument": "trường không có trong mẫu (xem `parcheck schema`)",
    "missing_argument": "thiếu trường bắt buộc",
    "dataclass_type": "cần một ánh xạ (khóa: giá trị)",
    "dataclass_args_type": "cần một ánh xạ (khóa: giá trị)",
    "string_type": "cần một chuỗi văn bản",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "float_type": "cần một số",
    "float_parsing": "cần một số",
    "bool_type": "cần true hoặc false",
    "list_type": "cần một danh sách",
    "dict_type": "cần một ánh xạ (khóa: giá trị)",
    "model_type": "cần một ánh xạ (khóa: giá trị)",
    "model_attributes_type": "cần một ánh xạ (khóa: giá trị)",
    "literal_error": "giá trị phải là một trong: {expected}",
    "union_tag_invalid": "kind {tag} không có; chọn một trong: {expected_tags}",
    "union_tag_not_found": "thiếu trường kind (threshold, deliverable, recurring, event)",
    "string_pattern_mismatch": "không theo mẫu {pattern}",
    "string_too_short": "không được để trống",
    "too_short": "cần ít nhất {min_length} phần tử",
    "too_long": "nhiều nhất {max_length} phần tử",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than_equal": "phải từ {le} trở xuống",
    "time_parsing": "giờ không hợp lệ (viết HH:MM)",
    "time_type": "giờ không hợp lệ (viết HH:MM)",
    "plan_date_unreal": "ngày không có thật: {value}",
    "plan_date_format": "không phải ngày: {value} (viết YYYY-MM-DD hoặc DD/MM/YYYY)",
    "plan_date_range": "ngày {value} nằm ngoài khoảng 01/01/1900–31/12/2100",
    "finite_number": "cần một số hữu hạn",
}


def _field(where: tuple[Any, ...], doc: Document) -> str:
    """A document path as a reader would write it: `sections[VI].tasks[VI.3].lead`."""
    out = ""
    node: Any = doc.data
    for part in where:
        if isinstance(part, int) and isinstance(node, list):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


# The model's own checks (`__post_init__` in model.py) raise ValueError in English.
_VI_VALUE_ERRORS = {
    "a working-hours span must end after it starts": (
        "khoảng giờ làm việc phải kết thúc sau khi bắt đầu"
    ),
    "per_unit must not be 0": "per_unit (điểm mỗi đơn vị) không được bằng 0",
}


def _vi(error: ErrorDetails) -> str:
    """The Vietnamese of a pydantic error; one this module does not know is pydantic's
    English in quotes after a Vietnamese lead."""
    if error["type"] == "value_error":
        text = error["msg"].removeprefix("Value error, ")
        return _VI_VALUE_ERRORS.get(text, _UNKNOWN_VI.format(text))
    template = _VI.get(error["type"])
    ctx = dict(error.get("ctx") or {})
    if template is None:
        return _UNKNOWN_VI.format(error["msg"])
    try:
        return template.format(**{k: str(v) for k, v in ctx.items()})
    except (KeyError, IndexError):
        return _UNKNOWN_VI.format(error["msg"])


_UNKNOWN_VI = 'giá trị không hợp lệ: "{}"'


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


# The model's classes are dataclasses: pydantic reports their missing and unknown fields as
# missing or unexpected arguments; for a plan file they are fields like any other.
_MISSING = {"missing", "missing_argument"}
_UNKNOWN = {"extra_forbidden", "unexpected_keyword_argument"}
_EN = {
    "missing_argument": "Field required",
    "unexpected_keyword_argument": "Extra inputs are not permitted",
}
_NO_INPUT = _MISSING | _UNKNOWN | {"plan_date_unreal", "plan_date_format", "plan_date_range"}


def problems_from(exc: ValidationError, doc: Document) -> Iterator[Later]:
    """One problem for each place pydantic found wrong, made (positioned, worded) only if
    it is reported: a plan with 20,000 unknown fields gives 20,000 of them."""
    seen: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False):
        named = error["type"] in _MISSING | _UNKNOWN
        where = doc.resolve(tuple(error["loc"]), keep_last=named)
        if where in seen:
            continue  # one message per place: a union reports each of its members
        seen.add(where)
        yield Later(Severity.ERROR, partial(_problem, error, where, doc))


# A number refused as one of YAML 1.1's other forms (`075`, `0x50`, `yes`, `.nan` …) is
# named with what to write instead (`convert.number_form`): PC062–PC066.
_NUMBER_ERRORS = frozenset(
    {"float_type", "int_type", "float_parsing", "int_parsing", "finite_number"}
)


def _problem(error: ErrorDetails, where: tuple[Any, ...], doc: Document) -> Problem:
    name = _field(where, doc)
    line, column = doc.position(where, key=error["type"] in _UNKNOWN)
    if error["type"] in _NUMBER_ERRORS:
        from parcheck.plan.convert import PLAN_NUMBER_CODES, number_form

        if form := number_form(error.get("input")):
            return Problem(doc.path, line, column, PLAN_NUMBER_CODES[form[0]], form[1])
    vi = _vi(error).replace("' or '", "' hoặc '")
    en = _EN.get(error["type"], error["msg"])
    if error["type"] not in _NO_INPUT and not isinstance(error.get("input"), dict | list):
        vi += f" (gặp {_shown(error.get('input'))})"
        en += f" (found {_shown(error.get('input'))})"
    message_vi = f"{name}: {vi}" if name else vi
    message_en = f"{name}: {en}" if name else en
    return Problem(
        doc.path, line, column, "PC020", {"message": message_vi, "message_en": message_en}
    )
