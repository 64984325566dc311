"""The YAML reader's guards: alias expansion is bounded, file size is not; positions are
looked up only for a problem."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    "text",
    ["a: &x [1, *x]\n", "a: &x {p: *x}\n", "b: {true: &x [*x]}\nc: *x\n"],
    ids=["list", "mapping", "skipped-then-used"],
)
def test_an_alias_inside_its_own_node_is_refused_not_a_recursion(text: str) -> None:
    with pytest.raises(yamldoc.YamlProblems) as caught:
        yamldoc.parse(text, "self.yaml")
    assert [p.code for p in caught.value.problems][-1] == "PC013"


def test_an_explicit_tag_on_a_value_it_cannot_read_is_a_problem_at_its_position() -> None:
    with pytest.raises(yamldoc.YamlProblems) as caught:
        yamldoc.parse("a: 1\nb: !!int 0x\n", "tag.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (2, 4, "PC010")


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
    text = PLAN.read_text(encoding="utf-8").replace("      - id: I.2\n", "      - id: I.1\n", 1)
    plan.write_text(text, encoding="utf-8")
    result = run_cli("validate", plan, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{plan}:52:13: error PC030 id 'I.1' is used twice (first at line 39)\n"
    )
