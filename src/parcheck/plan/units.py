"""Finding units by id, full name or alias, whatever the case, spacing or Unicode form."""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Unit


def normal(text: str) -> str:
    """NFC, case-folded, white space folded: the form in which names are compared."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Nearest:
    """The closest of many names to a word, for a "did you mean …?" hint, at a bounded cost.

    difflib compares the word with each candidate in Python: with 10,000 check ids a hint
    took 20 ms, and 5,000 unknown ids 106 s. Here the candidates are at most `2 * AROUND`
    names on either side of the word in alphabetical order (names that begin as it does)
    and in the order of their reversed spelling (names that end as it does: a typo in the
    section's letters). Up to `4 * AROUND` names, every one is a candidate: the hint is the
    one difflib gives."""

    AROUND = 100

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))

    @cached_property
    def backwards(self) -> list[str]:
        return sorted(name[::-1] for name in self.names)

    def candidates(self, word: str) -> list[str]:
        if len(self.names) <= 4 * self.AROUND:
            return self.names
        near = self.AROUND
        here = bisect.bisect_left(self.names, word)
        there = bisect.bisect_left(self.backwards, word[::-1])
        found = self.names[max(0, here - near) : here + near]
        found += [name[::-1] for name in self.backwards[max(0, there - near) : there + near]]
        return list(dict.fromkeys(found))

    def closest(self, word: str, cutoff: float) -> str | None:
        match = difflib.get_close_matches(word, self.candidates(word), n=1, cutoff=cutoff)
        return match[0] if match else None


class UnitIndex:
    """The plan's units by every name they go by."""

    def __init__(self, plan: Plan) -> None:
        self.units = {unit.id: unit for unit in plan.units}
        self.by_name: dict[str, Unit] = {}
        for unit in plan.units:
            for name in (unit.id, unit.name, *unit.aliases):
                self.by_name.setdefault(normal(name), unit)

    def find(self, name: str) -> Unit | None:
        return self.by_name.get(normal(name))

    def closest(self, name: str) -> str | None:
        return self._names.closest(name, cutoff=0.5)

    @cached_property
    def _names(self) -> Nearest:
        return Nearest(unit.name for unit in self.units.values())

    def name_of(self, name: str) -> str:
        """The full name of the unit `name` refers to (or `name` itself if unknown)."""
        unit = self.find(name)
        return unit.name if unit else name

    def covers(self, name: str, wanted: Unit) -> bool:
        """Whether the unit called `name` is `wanted` or a group with `wanted` among its members."""
        unit = self.find(name)
        if unit is None:
            return False
        return unit.id == wanted.id or wanted.id in unit.members
