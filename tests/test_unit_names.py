"""`--unit` and `--section` as people type them: by id, name, short name or alias, whatever
the case, diacritics (đ as d) and spacing; an ambiguous name lists its candidates, an outside
body (kind external) says that it leads no task."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, PLAN, ROOT, RunCli

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


# --- a part of a name is whole words, never letters across a word's edge ------------------

SECTIONS = "I, II, III, V, VI, VII, VIII, IX, X, ORG"


@pytest.mark.parametrize("typed", ["IV", "iv", "ed", "hi ve", "ieu chi"])
def test_a_section_part_does_not_run_across_words(run_cli: RunCli, typed: str) -> None:
    # "tiêu chí về" folded ran together as "tieuchive", which holds "iv": IX was shown for
    # IV, a section the plan does not have; "chế độ" and "về điểm" hold "ed"
    for lang, words in (
        ("vi", f"không có mục này; các mục: {SECTIONS}"),
        ("en", f"no such section; sections: {SECTIONS}"),
    ):
        result = run_cli(*STATUS, *DAY, "--section", typed, "--lang", lang)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"parcheck: --section {typed!r}: {words}\n"


@pytest.mark.parametrize(
    ("typed", "section"),
    [
        ("ve diem thuong", "IX"),
        ("TIEU CHI", "IX"),
        ("chính q", "VII"),
        ("ix", "IX"),
        ("Org", "ORG"),
    ],
)
def test_a_section_part_of_whole_words_or_an_id(run_cli: RunCli, typed: str, section: str) -> None:
    assert _tasks(run_cli, "--section", typed) == _tasks(run_cli, "--section", section)


def test_a_unit_part_does_not_run_across_words(run_cli: RunCli) -> None:
    # "hanh tra" was a part of "thanhtraso": Thanh tra Sở's tasks, silently
    result = run_cli(*STATUS, *DAY, "--unit", "hanh tra")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "parcheck: --unit 'hanh tra': không có đơn vị này trong kế hoạch — Thanh tra Sở?\n"
    )
    assert _tasks(run_cli, "--unit", "TTKC") == _tasks(
        run_cli, "--unit", "TTKCXTTM"
    )  # an id's part


# --- a unit of the department with no task: one message, not an empty list ---------------

LDS_VI = (
    "parcheck: --unit 'Lãnh đạo Sở': Lãnh đạo Sở không chủ trì hay phối hợp nhiệm vụ nào trong "
    "kế hoạch; các đơn vị có nhiệm vụ: VP, TTS, TTKCXTTM, PCM, PDV, PDVTT\n"
)
LDS_EN = (
    "parcheck: --unit 'Lãnh đạo Sở': Lãnh đạo Sở leads or supports no task of the plan; the "
    "units with tasks: VP, TTS, TTKCXTTM, PCM, PDV, PDVTT\n"
)


@pytest.mark.parametrize(
    "command",
    [
        STATUS + DAY,
        ("report", "--plan", PLAN, "--metrics", DATA / "metrics" / "ok.csv", *DAY),
        ("calendar", "--plan", PLAN, "--from", "2024-11-01", "--to", "2024-12-31"),
        ("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", "lds.xlsx"),
    ],
)
def test_a_unit_with_no_task_says_so(
    run_cli: RunCli, command: tuple[object, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lãnh đạo Sở is of the department (kind unit): not "an outside body", not an empty table
    monkeypatch.chdir(tmp_path)
    for lang, message in (("vi", LDS_VI), ("en", LDS_EN)):
        result = run_cli(*command, "--unit", "Lãnh đạo Sở", "--lang", lang)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (tmp_path / "lds.xlsx").exists()


# --- a blank name is no name: refused, as `--only ""` is --------------------------------


@pytest.mark.parametrize(
    "command",
    [
        STATUS + DAY,
        ("report", "--plan", PLAN, "--metrics", DATA / "metrics" / "ok.csv", *DAY),
        ("calendar", "--plan", PLAN),
        ("template", "--plan", PLAN, *DAY, "--format", "xlsx", "-o", "blank.xlsx"),
    ],
)
@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_unit_is_refused(
    run_cli: RunCli,
    command: tuple[object, ...],
    blank: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    units = "VP, TTS, TTKCXTTM, PCM, PDV, PDVTT"
    result = run_cli(*command, "--unit", blank)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"parcheck: --unit {blank!r}: chưa ghi đơn vị; hãy ghi tên hoặc mã một đơn vị: {units}\n"
    )
    english = run_cli(*command, "--unit", blank, "--lang", "en")
    assert english.stderr == (
        f"parcheck: --unit {blank!r}: no unit named; write a unit's name or id: {units}\n"
    )
    assert not (tmp_path / "blank.xlsx").exists()


def test_a_blank_section_is_refused(run_cli: RunCli) -> None:
    result = run_cli(*STATUS, *DAY, "--section", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"parcheck: --section '': chưa ghi mục; các mục: {SECTIONS}\n"
    english = run_cli(*STATUS, *DAY, "--section", " ", "--lang", "en")
    assert english.stderr == f"parcheck: --section ' ': no section named; sections: {SECTIONS}\n"


def test_the_yaml_template_refuses_a_blank_unit_too(run_cli: RunCli) -> None:
    result = run_cli("template", "--plan", PLAN, *DAY, "--unit", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "parcheck: --unit chỉ dùng với --format xlsx\n"


# --- --only takes the labels the table prints ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Quá hạn", "overdue"),
        ("qua han", "overdue"),
        ("QUÁ HẠN", "overdue"),
        ("⏰ Quá hạn", "overdue"),  # the badge as the table prints it
        ("Có nguy cơ", "at_risk"),
        ("co nguy co", "at_risk"),
        ("At risk", "at_risk"),
        ("Overdue", "overdue"),
        ("Chưa có số liệu", "no_data"),
        ("Sắp đến hạn, Quá hạn", "due_soon,overdue"),
        ("AT_RISK", "at_risk"),
    ],
)
def test_only_takes_the_labels(run_cli: RunCli, typed: str, code: str) -> None:
    assert _tasks(run_cli, "--only", typed) == _tasks(run_cli, "--only", code)
    assert _tasks(run_cli, "--only", typed)


# --- a filter that leaves nothing: the count, without a dangling dash -------------------


def test_nothing_listed_is_a_clean_count(run_cli: RunCli) -> None:
    for lang, line in (("vi", "0 nhiệm vụ\n"), ("en", "0 tasks\n")):
        result = run_cli(*STATUS, *DAY, "--unit", "thanh tra so", "--section", "VI", "--lang", lang)
        assert result.exit_code == 0, result.stderr
        assert line in result.stdout
        assert " — \n" not in result.stdout


@pytest.mark.parametrize("typed", ["Không đạt", "khong dat", "KHÔNG ĐẠT", "Not met", "✘ Không đạt"])
def test_only_takes_the_not_met_label(run_cli: RunCli, typed: str) -> None:
    shipped = ("status", "--plan", PLAN, "--metrics", ROOT / "metrics", *DAY, "--format", "json")
    wanted = run_cli(*shipped, "--only", "not_met")
    assert json.loads(wanted.stdout)["summary"]["not_met"] > 0
    assert run_cli(*shipped, "--only", typed).stdout == wanted.stdout


# --- names as the table prints them ----------------------------------------------------------


@pytest.mark.parametrize("typed", ["I.", " i. ", "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "i. cong tac"])
def test_a_section_as_its_heading_prints_it(run_cli: RunCli, typed: str) -> None:
    """The table heads a section `I. CÔNG TÁC …`: `I.` copied from it is section I; so is the
    whole heading (a part of it after the id is not: `i. cong tac` names none)."""
    if typed == "i. cong tac":
        result = run_cli(*STATUS, *DAY, "--section", typed)
        assert (result.exit_code, result.stdout) == (2, "")
        assert f"không có mục này; các mục: {SECTIONS}" in result.stderr
        return
    assert _tasks(run_cli, "--section", typed) == _tasks(run_cli, "--section", "I")


@pytest.mark.parametrize(
    ("typed", "vi", "en"),
    [
        (
            "VI.3",
            "VI.3 là một nhiệm vụ của mục VI: --section VI",
            "VI.3 is a task of section VI: --section VI",
        ),
        (
            "I.2.b",
            "I.2.b là một tiêu chí của mục I: --section I",
            "I.2.b is a check of section I: --section I",
        ),
        (
            "org.1",
            "org.1 là một nhiệm vụ của mục ORG: --section ORG",
            "org.1 is a task of section ORG: --section ORG",
        ),
    ],
)
def test_a_task_id_given_as_a_section_names_its_section(
    run_cli: RunCli, typed: str, vi: str, en: str
) -> None:
    for lang, words in (("vi", vi), ("en", en)):
        result = run_cli(*STATUS, *DAY, "--section", typed, "--lang", lang)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"parcheck: --section {typed!r}: {words}\n"


@pytest.mark.parametrize("typed", ["So Cong Thuong", "sct", "Van phong So Cong Thuong"])
def test_a_unit_close_to_no_name_lists_the_units(run_cli: RunCli, typed: str) -> None:
    """`So Cong Thuong` (the department itself) was asked "Các phòng chuyên môn?", `sct`
    "Sở Tư pháp?": a suggestion only for a name close to a unit's; else the list."""
    for lang, words in (
        ("vi", "không có đơn vị này trong kế hoạch; các đơn vị có nhiệm vụ: "),
        ("en", "no such unit in the plan; the units with tasks: "),
    ):
        result = run_cli(*STATUS, *DAY, "--unit", typed, "--lang", lang)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"parcheck: --unit {typed!r}: {words}VP, TTS, TTKCXTTM, PCM, PDV, PDVTT\n"
        )
    assert "— Thanh tra Sở?" in run_cli(*STATUS, *DAY, "--unit", "thanh tra sox").stderr
    assert "— Trung tâm Khuyến công" in run_cli(*STATUS, *DAY, "--unit", "ttkcxtm").stderr
