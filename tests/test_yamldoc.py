"""The YAML reader's guards: alias expansion is bounded, file size is not."""

from __future__ import annotations

import pytest

from parcheck.plan import yamldoc


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
