"""`--unit` and `--section` as people type them: by id, name, short name or alias, whatever
the case, diacritics (đ as d) and spacing; an ambiguous name lists its candidates, an outside
body (kind external) says that it leads no task."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, PLAN, RunCli

STATUS = ("status", "--plan", PLAN, "--metrics", DATA / "metrics" / "ok.csv")
DAY = ("--as-of", "2024-11-25")


def _tasks(run_cli: RunCli, *args: object) -> list[str]:
    result = run_cli(*STATUS, *DAY, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return [t["id"] for t in json.loads(result.stdout)["tasks"]]


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("thanh tra so", "Thanh tra Sở"),
        ("THANH TRA SỞ", "Thanh tra Sở"),
        ("tts", "Thanh tra Sở"),
        ("Phòng CM", "Các phòng chuyên môn"),  # the short name the table prints
        ("phong cm", "Các phòng chuyên môn"),
        ("van phong so", "Văn phòng Sở"),
        ("Vanphong", "Văn phòng Sở"),
        ("cac phong, don vi thuoc so", "Các phòng, đơn vị thuộc Sở"),  # đ as d
    ],
)
def test_unit_as_people_type_it(run_cli: RunCli, typed: str, same_as: str) -> None:
    wanted = _tasks(run_cli, "--unit", same_as)
    assert wanted
    assert _tasks(run_cli, "--unit", typed) == wanted
    calendar = ("calendar", "--plan", PLAN, "--from", "2024-11-01", "--to", "2024-12-31")
    typed_calendar = run_cli(*calendar, "--unit", typed)
    assert typed_calendar.exit_code == 0, typed_calendar.stderr
    assert typed_calendar.stdout == run_cli(*calendar, "--unit", same_as).stdout


def test_report_unit_as_typed(run_cli: RunCli) -> None:
    report = ("report", "--plan", PLAN, "--metrics", DATA / "metrics" / "ok.csv", *DAY)
    typed = run_cli(*report, "--unit", "thanh tra so")
    assert typed.exit_code == 0, typed.stderr
    assert typed.stdout == run_cli(*report, "--unit", "Thanh tra Sở").stdout


def test_section_by_id_or_title(run_cli: RunCli) -> None:
    assert _tasks(run_cli, "--section", " vi ") == ["VI.1", "VI.2", "VI.3"]
    assert _tasks(run_cli, "--section", "cong tac chi dao dieu hanh") == _tasks(
        run_cli, "--section", "I"
    )


def test_outside_body_is_one_message_not_an_empty_table(run_cli: RunCli) -> None:
    for lang, words in (
        ("vi", "Sở Nội vụ là cơ quan ngoài Sở (nơi nhận báo cáo), không chủ trì hay phối hợp"),
        ("en", "Sở Nội vụ is an outside body (it receives reports) and leads or supports no"),
    ):
        result = run_cli(*STATUS, *DAY, "--unit", "so noi vu", "--lang", lang)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"parcheck: --unit 'so noi vu': {words}")
        assert "VP, TTS" in result.stderr
    calendar = run_cli("calendar", "--plan", PLAN, "--unit", "Sở Nội vụ")
    assert calendar.exit_code == 2
    assert "Sở Nội vụ là cơ quan ngoài Sở" in calendar.stdout + calendar.stderr


def test_ambiguous_name_lists_the_candidates(run_cli: RunCli, tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8").replace(
        'short: "Thanh tra", aliases: ["Thanh tra"]',
        'short: "Thanh tra", aliases: ["Thanh tra", "Phòng TT"]',
    )
    text = text.replace(
        'short: "TTKCXTTM", aliases: ["TTKCXTTM"]',
        'short: "TTKCXTTM", aliases: ["TTKCXTTM", "Phong-TT"]',
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    args = ("status", "--plan", plan, *DAY, "--unit", "phong tt")
    result = run_cli(*args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "parcheck: --unit 'phong tt': could be several units: TTS (Thanh tra Sở); TTKCXTTM "
        "(Trung tâm Khuyến công và Xúc tiến thương mại); write the unit's id\n"
    )
    assert run_cli(*args[:-1], "TTS").exit_code in (0, 1)
    assert run_cli(*args[:-1], "Phòng TT").exit_code in (0, 1)  # as written: that one unit


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("phong", "VP (Văn phòng Sở); PCM (Các phòng chuyên môn); PDV (Các phòng, đơn vị"),
        ("phòng", "VP (Văn phòng Sở); PCM (Các phòng chuyên môn); PDV (Các phòng, đơn vị"),
        ("TT", "TTS (Thanh tra Sở); TTKCXTTM (Trung tâm Khuyến công và Xúc tiến thương mại); "),
        ("so", "VP (Văn phòng Sở); TTS (Thanh tra Sở); PDV (Các phòng, đơn vị thuộc Sở); "),
    ],
)
def test_a_part_of_several_names_lists_them_all(
    run_cli: RunCli, typed: str, candidates: str
) -> None:
    result = run_cli(*STATUS, *DAY, "--unit", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"parcheck: --unit {typed!r}: có thể là nhiều đơn vị: {candidates}"
    )
    assert result.stderr.endswith("; hãy ghi mã đơn vị\n")
    assert result.stderr.count("\n") == 1
    english = run_cli(*STATUS, *DAY, "--unit", typed, "--lang", "en")
    assert f"could be several units: {candidates}" in english.stderr


def test_the_phong_candidates_are_every_unit_so_named(run_cli: RunCli) -> None:
    result = run_cli(*STATUS, *DAY, "--unit", "Phong")
    listed = re.findall(r"(?:: |; )([A-Z]+) \(", result.stderr)
    assert listed == ["VP", "PCM", "PDV", "PDVTT", "VPUBND"]


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("khuyen cong", "Trung tâm Khuyến công và Xúc tiến thương mại"),
        ("Xúc tiến", "Trung tâm Khuyến công và Xúc tiến thương mại"),
        ("chuyen mon", "Các phòng chuyên môn"),
    ],
)
def test_a_part_of_one_name_means_that_unit(run_cli: RunCli, typed: str, unit: str) -> None:
    assert _tasks(run_cli, "--unit", typed) == _tasks(run_cli, "--unit", unit)
    calendar = ("calendar", "--plan", PLAN, "--from", "2024-11-01", "--to", "2024-12-31")
    assert run_cli(*calendar, "--unit", typed).stdout == run_cli(*calendar, "--unit", unit).stdout
    report = ("report", "--plan", PLAN, "--metrics", DATA / "metrics" / "ok.csv", *DAY)
    typed_report = run_cli(*report, "--unit", typed)
    assert typed_report.exit_code == 0, typed_report.stderr
    assert f"Đơn vị: {unit}" in typed_report.stdout  # the report names the unit in full
    assert typed_report.stdout == run_cli(*report, "--unit", unit).stdout


def test_a_part_of_an_outside_bodys_name_says_it_leads_nothing(run_cli: RunCli) -> None:
    result = run_cli(*STATUS, *DAY, "--unit", "noi vu")
    assert result.exit_code == 2
    assert "Sở Nội vụ là cơ quan ngoài Sở" in result.stderr


def test_a_part_of_no_name_still_names_the_closest(run_cli: RunCli) -> None:
    result = run_cli(*STATUS, *DAY, "--unit", "thanh tra sox")
    assert result.stderr == (
        "parcheck: --unit 'thanh tra sox': không có đơn vị này trong kế hoạch — Thanh tra Sở?\n"
    )


def test_a_part_of_a_section_title(run_cli: RunCli) -> None:
    assert _tasks(run_cli, "--section", "tai chinh") == ["VI.1", "VI.2", "VI.3"]
    assert _tasks(run_cli, "--section", "chính quyền số") == _tasks(run_cli, "--section", "VII")
    assert _tasks(run_cli, "--section", "org") == _tasks(run_cli, "--section", "ORG")
    result = run_cli(*STATUS, *DAY, "--section", "cai cach")
    assert result.exit_code == 2
    assert result.stderr == (
        "parcheck: --section 'cai cach': có thể là nhiều mục: II (CẢI CÁCH THỂ CHẾ); III (CẢI "
        "CÁCH THỦ TỤC HÀNH CHÍNH); V (CẢI CÁCH CHẾ ĐỘ CÔNG VỤ); VI (CẢI CÁCH TÀI CHÍNH "
        "CÔNG); hãy ghi mã mục\n"
    )
    unknown = run_cli(*STATUS, *DAY, "--section", "xyz", "--lang", "en")
    assert unknown.stderr.startswith("parcheck: --section 'xyz': no such section; sections: I,")
