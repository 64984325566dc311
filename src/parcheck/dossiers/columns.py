"""The export's columns (contract §7): each field, its header and aliases, and the header row
matched to them, ignoring case, spacing and Vietnamese diacritics, or by a `--columns` map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from parcheck.plan.units import fold
from parcheck.problems import Problem, shape_words

Kind = Literal["text", "channel", "moment", "yesno", "count"]


@dataclass(frozen=True)
class Field:
    """One column of the export: its key in parcheck, the header the contract gives it, the
    other names it goes by, whether a dossier needs a value there, and what it holds."""

    key: str
    header: str
    aliases: tuple[str, ...]
    required: bool
    kind: Kind

    def names(self) -> tuple[str, ...]:
        return (self.header, self.key, *self.aliases)


FIELDS: tuple[Field, ...] = (
    Field("code", "Mã hồ sơ", ("ma_ho_so", "MaHoSo"), True, "text"),
    Field("procedure", "Thủ tục", ("thu_tuc", "Tên TTHC", "TenTTHC"), False, "text"),
    Field(
        "channel",
        "Kênh nộp",
        ("kenh_nop", "Kênh thực hiện", "KenhThucHien", "Hình thức", "HinhThuc"),
        True,
        "channel",
    ),
    Field("submitted", "Ngày nộp", ("ngay_nop", "Ngày nộp hồ sơ", "NgayNopHoSo"), True, "moment"),
    Field(
        "accepted",
        "Ngày tiếp nhận",
        ("ngay_tiep_nhan", "Ngày nhận", "NgayTiepNhan"),
        False,
        "moment",
    ),
    Field(
        "due", "Hạn trả kết quả", ("han_tra_ket_qua", "Ngày hẹn trả", "NgayHenTra"), True, "moment"
    ),
    Field(
        "finished",
        "Ngày có kết quả",
        ("ngay_co_ket_qua", "Ngày kết thúc xử lý", "NgayKetThucXuLy"),
        False,
        "moment",
    ),
    Field("official", "Cán bộ xử lý", ("can_bo_xu_ly", "Người xử lý"), True, "text"),
    Field("unit", "Phòng xử lý", ("phong_xu_ly", "Đơn vị xử lý", "DonViXuLy"), False, "text"),
    Field("digitised", "Số hóa", ("so_hoa",), False, "yesno"),
    Field("paused", "Tạm dừng", ("tam_dung",), False, "yesno"),
    Field("pause_reason", "Lý do tạm dừng", ("ly_do_tam_dung",), False, "text"),
    Field("pause_document", "Văn bản tạm dừng", ("van_ban_tam_dung",), False, "text"),
    Field("notified", "Đã thông báo", ("da_thong_bao",), False, "yesno"),
    Field("apology", "Phiếu xin lỗi", ("phieu_xin_loi",), False, "yesno"),
    Field("supplements", "Số lần yêu cầu bổ sung", ("so_lan_yeu_cau_bo_sung",), False, "count"),
)
BY_KEY = {f.key: f for f in FIELDS}
# the columns the rules read (the procedure and the unit are not needed for any figure)
USED = tuple(f.key for f in FIELDS if f.key not in ("procedure", "unit"))
_BY_NAME = {fold(name): f.key for f in FIELDS for name in f.names()}


def field_of(name: str) -> str | None:
    """The key of the field `name` means (its header, key or an alias, folded), or None."""
    return _BY_NAME.get(fold(name))


@dataclass(frozen=True)
class Matched:
    """The header row matched: each field found, by its key, at its column index (0-based)."""

    at: dict[str, int]
    names: list[str]  # the header row as written

    def header(self, key: str) -> str:
        return self.names[self.at[key]]


@dataclass(frozen=True)
class HeaderProblem:
    """Why a header row cannot be read: `missing` required fields, or a field that two
    columns (`index` and `first`) both name."""

    code: str  # PD003 (missing) or PD004 (ambiguous)
    index: int  # the column at fault (PD004), or 0
    params: dict[str, object]


def match_header(
    names: Sequence[str], renamed: Mapping[str, str] | None = None
) -> Matched | HeaderProblem:
    """The header row `names` matched to the fields. `renamed` (from `--columns`) maps a
    field's key to the header the file gives it; those headers are matched first (folded
    too), and a column it names is not matched otherwise."""
    at: dict[str, int] = {}
    by_header: dict[str, str] = {fold(h): key for key, h in (renamed or {}).items()}
    for index, name in enumerate(names):
        folded = fold(name)
        if not folded:
            continue
        key = by_header.get(folded)
        if key is None:
            key = _BY_NAME.get(folded)
            if key is not None and renamed and key in renamed:
                continue  # the map says which column this field is
        if key is None:
            continue
        if key in at:
            params: dict[str, object] = {
                "field": BY_KEY[key].header,
                "first": names[at[key]].strip(),
                "second": name.strip(),
            }
            return HeaderProblem("PD004", index, params)
        at[key] = index
    missing = [f.header for f in FIELDS if f.required and f.key not in at]
    if missing:
        unmatched = [n.strip() for n in names if n.strip()]
        found = ", ".join(unmatched[:20]) + (" …" if len(unmatched) > 20 else "")
        return HeaderProblem("PD003", 0, {"missing": ", ".join(missing), "found": found or "∅"})
    return Matched(at, list(names))


def read_column_map(path: str) -> dict[str, str] | list[Problem]:
    """`--columns map.yaml`: each of the export's columns (by its header, key or an alias)
    mapped to the header the file gives it, e.g. `Mã hồ sơ: Số hồ sơ`. The map, or every
    problem with it at its line and column."""
    from pathlib import Path

    from parcheck.plan.yamldoc import YamlProblems, load

    try:
        document = load(Path(path))
    except YamlProblems as exc:
        return exc.problems
    data = document.data
    if not isinstance(data, dict):
        return [Problem(path, 1, 1, "PD011", shape_words(type(data).__name__))]
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        return [
            Problem(path, *document.position((k,)), "PD011", shape_words(type(data[k]).__name__))
            for k in bad
        ]
    out: dict[str, str] = {}
    problems: list[Problem] = []
    fields = ", ".join(f.header for f in FIELDS)
    for name, header in data.items():
        key = field_of(str(name))
        line, column = document.position((name,), key=True)
        if key is None:
            problems.append(Problem(path, line, column, "PD010", {"name": name, "fields": fields}))
        elif key in out:
            problems.append(Problem(path, line, column, "PD012", {"field": BY_KEY[key].header}))
        else:
            out[key] = header
    return problems or out
