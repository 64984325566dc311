"""`status --format json` in the user's language: the words it makes up itself (`detail`:
events handled late, the occurrence a duty missed) follow --lang; codes, ids, field names,
dates and what the figures carry (a note, a document number) are the same in both."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLAN, ROOT, RunCli

ENGLISH = re.compile(r"\b(late|missing|for|sent|days?|left|overdue)\b")
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựđ]")


def checks(run_cli: RunCli, lang: str, *metrics: object) -> dict[str, dict[str, Any]]:
    more = [a for m in metrics for a in ("--metrics", m)] or ["--metrics", ROOT / "metrics"]
    result = run_cli(
        "status", "--plan", PLAN, *more, "--as-of", "2024-11-25", "--format", "json",
        "--lang", lang,
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.stderr
    return {c["id"]: c for t in json.loads(result.stdout)["tasks"] for c in t["checks"]}


@pytest.mark.parametrize(
    ("lang", "events", "missed", "note"),
    [
        ("vi", "1/3 trễ", "chưa nộp kỳ 22/11/2024", "KBNN: 9.800/12.500 triệu đồng"),
        ("en", "1/3 late", "missing for 2024-11-22", "KBNN: 9.800/12.500 triệu đồng"),
    ],
)
def test_the_detail_is_in_the_users_language(
    run_cli: RunCli, lang: str, events: str, missed: str, note: str
) -> None:
    got = checks(run_cli, lang)
    assert got["III.2.b"]["detail"] == events
    assert got["I.2.b"]["detail"] == missed
    assert got["VI.3"]["detail"] == note  # the figures' own note: as written
    # the contract's words stay as they are
    assert (got["I.2.b"]["status"], got["I.2.b"]["kind"]) == ("overdue", "recurring")
    assert got["I.2.b"]["overdue_since"] == "2024-11-22"


def test_no_english_detail_in_vietnamese_nor_the_reverse(run_cli: RunCli) -> None:
    made_up = {"event", "recurring"}  # the kinds whose detail parcheck writes itself
    vi = [c["detail"] for c in checks(run_cli, "vi").values() if c["kind"] in made_up]
    en = [c["detail"] for c in checks(run_cli, "en").values() if c["kind"] in made_up]
    assert [d for d in vi if d and ENGLISH.search(d)] == []
    assert [d for d in en if d and VIETNAMESE.search(d)] == []
    assert len([d for d in vi if d]) == len([d for d in en if d]) >= 5


def test_a_duty_sent_late_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    late = tmp_path / "late.yaml"
    late.write_text(
        "plan: kh2024\nas_of: 2024-11-25\nvalues:\n  I.2.b: {done: [2024-11-23]}\n", "utf-8"
    )
    assert checks(run_cli, "vi", late)["I.2.b"]["detail"] == "nộp trễ kỳ 22/11/2024"
    assert checks(run_cli, "en", late)["I.2.b"]["detail"] == "late for 2024-11-22"
    assert checks(run_cli, "vi", late)["I.2.b"]["status"] == "not_met"


def test_markdown_says_the_late_events_in_the_language(run_cli: RunCli) -> None:
    args = ("status", "--plan", PLAN, "--metrics", ROOT / "metrics", "--as-of", "2024-11-25")
    vi = run_cli(*args, "--format", "markdown").stdout
    en = run_cli(*args, "--format", "markdown", "--lang", "en").stdout
    assert "| 1/3 trễ |" in vi and "late" not in vi
    assert "| 1/3 late |" in en
