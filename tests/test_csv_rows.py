"""CSV rows as a try-out found them: a row wider than its header (an unquoted decimal comma,
a stray cell) is refused at the cell, a row narrower than it may leave out only the optional
cells, and every CSV problem is at `file:line:column`, the column where the cell at fault
starts, whatever quotes, line breaks in cells, CR LF or BOM the file holds."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PLAN, RunCli


def _csv(folder: Path, text: str, name: str = "m.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _validate(run_cli: RunCli, path: Path, lang: str = "vi") -> tuple[int, list[str]]:
    result = run_cli("validate", PLAN, "--metrics", path, "--lang", lang)
    return result.exit_code, result.stdout.splitlines()[1:]


def _status(run_cli: RunCli, path: Path) -> tuple[int, str, str]:
    result = run_cli(
        "status", "--plan", PLAN, "--metrics", path, "--as-of", "2024-11-25", "--format", "json"
    )
    return result.exit_code, result.stdout, result.stderr


def _actual(stdout: str) -> dict[str, object]:
    checks = (c for t in json.loads(stdout)["tasks"] for c in t["checks"])
    return {c["id"]: c["actual"] for c in checks}


def test_an_unquoted_decimal_comma_is_refused_saying_to_quote_or_use_semicolons(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # `72,4` in a comma file is two cells: the 4 was the as_of (or the row one cell too
    # wide), and 72 used to be taken with the rest of the row dropped
    for header, row in [
        ("check,value,as_of", "VI.3,72,4,2024-11-25"),
        ("check,value,as_of,note", "VI.3,72,4,2024-11-25"),
        ("check,value,as_of,note", "VI.3,72,4,2024-11-25,số liệu KBNN"),
    ]:
        path = _csv(tmp_path, f"{header}\n{row}\n")
        code, lines = _validate(run_cli, path)
        assert code == 1, lines
        assert lines[0] == (
            f"{path}:2:6: error PM041 '72,4' bị tách thành hai ô '72' và '4' vì dấu phẩy là "
            'dấu phân cách các ô; đặt số trong ngoặc kép ("72,4"), viết 72.4, hoặc dùng dấu '
            "chấm phẩy (;) giữa các ô"
        )
        code, stdout, stderr = _status(run_cli, path)
        assert (code, stdout) == (2, "")
        assert f"{path}:2:6: error PM041 '72,4'" in stderr
    code, lines = _validate(run_cli, path, "en")
    assert (
        'quote the number ("72,4"), write 72.4, or separate the cells with semicolons' in (lines[0])
    )


def test_a_cell_past_the_header_is_refused_at_that_cell(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "check,value,as_of\nIII.6,98.5,2024-11-25\nVII.3.a,47/50,2024-11-25,Sở Tư pháp\n",
    )
    code, lines = _validate(run_cli, path)
    assert code == 1
    assert lines == [
        f"{path}:3:26: error PM042 ô thừa 'Sở Tư pháp': dòng có 4 ô, dòng tiêu đề chỉ có 3 "
        "cột; xóa ô này, hoặc đặt trong ngoặc kép một ô có dấu phân cách trong đó",
        f"{path}: có lỗi — 1 lỗi, 0 cảnh báo",
    ]


def test_empty_cells_past_the_header_are_a_trailing_separator_and_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # some exporters end every line with a separator (`a,b,c,d,`): nothing is lost
    for text in (
        'check,value,as_of,note,\nVI.3,"72,4",2024-11-25,số liệu KBNN,\nIII.6,98.5,2024-11-25,,\n',
        "check,value,as_of\nVI.3,72.4,2024-11-25,,\nIII.6,98.5,2024-11-25,\n",
        "Mã;Giá trị;Ngày số liệu;\nVI.3;72,4;25/11/2024;;\nIII.6;98,5;25/11/2024;\n",
    ):
        path = _csv(tmp_path, text)
        code, lines = _validate(run_cli, path)
        assert (code, lines) == (0, [f"{path}: hợp lệ — 2 giá trị"])
        code, stdout, _ = _status(run_cli, path)
        actual = _actual(stdout)
        assert (actual["VI.3"], actual["III.6"]) == (72.4, 98.5)


def test_a_short_row_may_leave_out_the_note_not_the_date(run_cli: RunCli, tmp_path: Path) -> None:
    # a row with its trailing blank cells left out: the note and evidence are blank
    path = _csv(tmp_path, "check,value,as_of,note,evidence\nVI.3,72.4,2024-11-25\n")
    assert _validate(run_cli, path) == (0, [f"{path}: hợp lệ — 1 giá trị"])
    path = _csv(tmp_path, "check,value,as_of,note\nVI.3,72.4\nIII.6\n")
    code, lines = _validate(run_cli, path, "en")
    assert code == 1
    assert lines[:2] == [
        f"{path}:2:10: error PM043 the row stops after 2 of the header's 4 columns, so as_of "
        "is missing; add the missing cells",
        f"{path}:3:6: error PM043 the row stops after 1 of the header's 4 columns, so value, "
        "as_of is missing; add the missing cells",
    ]
    path = _csv(tmp_path, "Mã;Giá trị;Ngày số liệu;Ghi chú\nVI.3;72,4\n")
    code, lines = _validate(run_cli, path)
    assert lines[0] == (
        f"{path}:2:10: error PM043 dòng dừng sau 2 trong 4 cột của dòng tiêu đề nên thiếu Ngày "
        "số liệu; thêm các ô còn thiếu"
    )


def test_a_problem_is_at_the_line_and_column_of_its_cell(run_cli: RunCli, tmp_path: Path) -> None:
    # BOM, CR LF, quoted cells and a note over two lines: the line an editor shows, and the
    # column where the cell starts (its opening quote), the BOM not counted
    text = (
        "\ufeffcheck,value,as_of,note\r\n"
        '"VI.3","72,4",2024-11-25,"dòng một\r\ndòng hai"\r\n'
        'III.6,"9x",2024-11-25,\r\n'
        "  VII.3.a , 47/50 ,25/13/2024,\r\n"
        "ZZ.9,1,2024-11-25,\r\n"
    )
    path = _csv(tmp_path, text)
    code, lines = _validate(run_cli, path, "en")
    assert code == 1
    assert lines == [
        f"{path}:4:7: error PM003 not a number: '9x'",
        f"{path}:5:20: error PM004 not a date: '25/13/2024' (write one date, YYYY-MM-DD or "
        "DD/MM/YYYY)",
        f"{path}:6:1: error PM001 no check 'ZZ.9' in the plan",
        f"{path}: has errors — 3 errors, 0 warnings",
    ]
    # a cell that starts on the second line of its row: columns in another order
    path = _csv(tmp_path, 'Mã,Ghi chú,Giá trị,Ngày số liệu\nVI.3,"a\nb",7x,25/11/2024\n')
    code, lines = _validate(run_cli, path, "en")
    assert lines[0] == f"{path}:3:4: error PM003 not a number: '7x'"


def test_a_header_problem_is_at_its_cell(run_cli: RunCli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "\ufeffcheck,value,note,as_of,Value\nVI.3,72.4,,2024-11-25,\n")
    code, lines = _validate(run_cli, path, "en")
    assert code == 1
    assert lines[0].startswith(f"{path}:1:24: error PM009 CSV needs the header")
    path = _csv(tmp_path, "\ufeffcheck,value,date\nVI.3,72.4,2024-11-25\n")
    code, lines = _validate(run_cli, path, "en")
    assert code == 1
    assert lines[0].startswith(f"{path}:1:1: error PM009 CSV needs the header")


def test_every_bad_row_is_reported_and_a_conflict_beside_them(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # a bad row does not hide the next, nor a conflict between two good values
    (tmp_path / "a.yaml").write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  VI.3: 72.4\n", encoding="utf-8"
    )
    path = _csv(
        tmp_path,
        "check,value,as_of\nIII.6,x,2024-11-25\nVI.3,74.1,2024-11-25\nIII.6,98,4,2024-11-25\n",
        "b.csv",
    )
    result = run_cli("validate", PLAN, "--metrics", tmp_path, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        f"{path}:2:7: error PM003 not a number: 'x'",
        f"{path}:3:6: error PM028 'VI.3' on 25/11/2024 has two different values: 74.1 here; "
        f"72.4 at {tmp_path / 'a.yaml'}:4:9",
        f"{path}:4:7: error PM041 '98,4' is split into two cells '98' and '4' because the "
        'comma separates cells; quote the number ("98,4"), write 98.4, or separate the cells '
        "with semicolons (;)",
        f"{path}: has errors — 3 errors, 0 warnings",
    ]
