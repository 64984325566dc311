"""The YAML reader's guards: alias expansion (nodes and characters) and nesting are bounded,
file size is not; numbers are plain decimals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from parcheck.plan import yamldoc
from tests.conftest import PLAN, RunCli


def test_a_large_file_without_aliases_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "MAX_NODES", 50)
    text = "items:\n" + "".join(f"  - {{id: {i}, name: n{i}}}\n" for i in range(200))
    doc = yamldoc.parse(text, "big.yaml")
    assert len(doc.data["items"]) == 200


def test_alias_expansion_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "MAX_NODES", 50)
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(yamldoc.YamlProblems) as caught:
        yamldoc.parse(text, "bomb.yaml")
    assert [p.code for p in caught.value.problems] == ["PC013"]
    small = "a: &a [1, 2]\nb: [*a, *a]\n"
    assert yamldoc.parse(small, "ok.yaml").data == {"a": [1, 2], "b": [[1, 2], [1, 2]]}


def test_positions_are_found_on_demand() -> None:
    doc = yamldoc.parse("x:\n  - {id: a}\n  - {id: b, name: q}\n", "p.yaml")
    assert doc.position(("x", 1, "name")) == (3, 19)
    assert doc.position(("x", 1, "name"), key=True) == (3, 13)
    assert doc.position(("x", 1, "missing")) == (3, 5)


def refused(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(yamldoc.YamlProblems) as caught:
        yamldoc.parse(text, "x.yaml")
    return [(p.line, p.column, p.code) for p in caught.value.problems]


def test_nesting_is_bounded_and_refused_where_it_goes_too_deep() -> None:
    ok = "a: " + "[" * 63 + "]" * 63
    assert yamldoc.parse(ok, "ok.yaml").data["a"] is not None  # 64 levels with the mapping
    assert refused("a: " + "[" * 64 + "]" * 64) == [(1, 67, "PC045")]
    assert refused("a: " + "[" * 900 + "]" * 900) == [(1, 67, "PC045")]
    assert refused("a:\n  " + "- " * 800 + "x\n") == [(2, 129, "PC045")]
    # libyaml itself stops at 1,000 levels: the same message, at libyaml's position
    assert refused("a: " + "[" * 1200 + "]" * 1200) == [(1, 1003, "PC045")]


def test_the_pure_python_parser_is_bounded_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the pure-Python parser gives the same events: the same refusal at
    the node that goes too deep, no RecursionError."""
    monkeypatch.setattr(yamldoc, "_Loader", yaml.SafeLoader)
    assert refused("a: " + "[" * 900 + "]" * 900) == [(1, 67, "PC045")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &a [*a]\n", (1, 4)),
        ("a: &a {b: *a}\n", (1, 8)),
        ("a: &a [1, [2, *a]]\n", (1, 11)),
        ("x: {y: &a [{z: *a}]}\n", (1, 13)),
    ],
)
def test_an_alias_inside_its_own_node_is_refused(text: str, where: tuple[int, int]) -> None:
    assert refused(text) == [(*where, "PC046")]


def test_aliased_scalars_count_their_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "MAX_CHARS", 1000)
    head = "a: &a " + "x" * 100 + "\n"
    assert len(yamldoc.parse(head + "b: [" + ", ".join(["*a"] * 10) + "]\n", "ok").data["b"]) == 10
    assert refused(head + "b: [" + ", ".join(["*a"] * 11) + "]\n") == [(2, 4, "PC013")]
    assert refused(head + "".join(f"k{i}: *a\n" for i in range(11))) == [(12, 1, "PC013")]
    assert refused("k: &a " + "x" * 600 + "\nm: {*a : 1}\nn: {*a : 2}\n") == [(3, 4, "PC013")]


def test_titles_aliasing_one_long_string_are_refused_quickly() -> None:
    big = "x" * 100_000
    rows = "".join(f"  - {{id: T.{i}, title: *big}}\n" for i in range(5000))
    started = time.perf_counter()
    problems = refused(f"title: &big {big}\ntasks:\n{rows}")
    assert problems == [(13, 16, "PC013")]  # at `title` of the 11th: past a million characters
    assert time.perf_counter() - started < 2


WRITTEN_AND_READ = [
    ("80", 80),
    ("-3", -3),
    ("+5", 5),
    ("0", 0),
    ("98.5", 98.5),
    (".5", 0.5),
    ("1.0e+3", 1000.0),
    ("true", True),
    ("False", False),
    ("~", None),
    ("075", "075"),
    ("0x50", "0x50"),
    ("0b101", "0b101"),
    ("1_000", "1_000"),
    ("7:00", "7:00"),
    ("13:30", "13:30"),
    ("190:20:30.15", "190:20:30.15"),
    (".nan", ".nan"),
    (".inf", ".inf"),
    ("-.inf", "-.inf"),
    ("yes", "yes"),
    ("No", "No"),
    ("on", "on"),
    ("OFF", "OFF"),
    ("9" * 19, "9" * 19),
    ("9" * 5000, "9" * 5000),
    ("1" * 400 + ".0", "1" * 400 + ".0"),
    ("!!int abc", "abc"),
    ("!!float 1,5", "1,5"),
    ("!!bool maybe", "maybe"),
]
"""Plain decimals are numbers; YAML 1.1's other forms, and numbers too long to be one, are
the text they are written as."""


def test_numbers_are_plain_decimals_and_yaml11_forms_stay_text() -> None:
    for written, read in WRITTEN_AND_READ:
        value = yamldoc.parse(f"a: {written}\n", "n.yaml").data["a"]
        assert (value, type(value)) == (read, type(read)), written


@pytest.mark.parametrize(
    "text",
    ["a: &x [1, *x]\n", "a: &x {p: *x}\n", "b: {true: &x [*x]}\nc: *x\n"],
    ids=["list", "mapping", "skipped-then-used"],
)
def test_an_alias_inside_its_own_node_is_refused_not_a_recursion(text: str) -> None:
    with pytest.raises(yamldoc.YamlProblems) as caught:
        yamldoc.parse(text, "self.yaml")
    assert [p.code for p in caught.value.problems][-1] == "PC046"


def test_an_explicit_tag_on_a_value_it_cannot_read_stays_text() -> None:
    """`!!int 0x` is no int: the text it is, for the model to refuse (it once crashed)."""
    assert yamldoc.parse("a: 1\nb: !!int 0x\n", "tag.yaml").data == {"a": 1, "b": "0x"}


def test_a_valid_plan_is_read_without_composing_nodes(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions are looked up only for a problem: no node tree is built for a valid plan
    (on a 50,000-task plan it took 0.7 GB)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("yaml.compose called for a valid plan")

    monkeypatch.setattr(yaml, "compose", refuse)
    assert run_cli("validate", PLAN).exit_code == 0
    status = run_cli("status", "--plan", PLAN, "--as-of", "2024-11-25", "--fail-on", "never")
    assert status.exit_code == 0


def test_positions_of_a_duplicate_id_name_the_first_line(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "dup.yaml"
    text = PLAN.read_text(encoding="utf-8")
    first, second = (text.split("\n").index(f"      - id: {t}") + 1 for t in ("I.1", "I.2"))
    plan.write_text(text.replace("      - id: I.2\n", "      - id: I.1\n", 1), encoding="utf-8")
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{plan}:{second}:13: error PC030 id 'I.1' is used twice (first at line {first})\n"
    )
