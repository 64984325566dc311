"""Finding units by id, full name or alias, whatever the case, spacing or Unicode form."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Unit


def fold(name: str) -> str:
    """`name` as a person may type it: lower case, without diacritics (đ as d), spaces,
    underscores or hyphens (`thanh tra so` is `Thanh tra Sở`; a CSV header `NGAY SO LIEU` is
    `Ngày số liệu`)."""
    name = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D")).casefold()
    return "".join(c for c in name if not unicodedata.combining(c) and c not in " _-\t\u00a0")


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
        import difflib  # only when a name is not found

        match = difflib.get_close_matches(word, self.candidates(word), n=1, cutoff=cutoff)
        return match[0] if match else None


class UnitIndex:
    """The plan's units by every name they go by: id, name, short name, aliases; as written
    (case and spacing aside) and as `fold`ed (diacritics aside too)."""

    def __init__(self, plan: Plan) -> None:
        self.units = {unit.id: unit for unit in plan.units}
        self.by_name: dict[str, Unit] = {}
        self.by_fold: dict[str, dict[str, Unit]] = {}
        for unit in plan.units:
            for name in (unit.id, unit.name, unit.short, *unit.aliases):
                if name:
                    self.by_name.setdefault(normal(name), unit)
                    self.by_fold.setdefault(fold(name), {}).setdefault(unit.id, unit)

    def matches(self, name: str) -> list[Unit]:
        """The units `name` may mean: the one it names but for case and spacing, else every
        unit it names but for diacritics too (more than one: ambiguous)."""
        exact = self.by_name.get(normal(name))
        if exact is not None:
            return [exact]
        return list(self.by_fold.get(fold(name), {}).values())

    def find(self, name: str) -> Unit | None:
        found = self.matches(name)
        return found[0] if len(found) == 1 else None

    def closest(self, name: str, cutoff: float = 0.5) -> str | None:
        """The full name of the unit one of whose names is closest to `name`, both folded
        (`thanh tra sox` → `Thanh tra Sở`), if one is close enough (`cutoff`, difflib's)."""
        close = self._names.closest(fold(name), cutoff=cutoff)
        if close is None:
            return None
        return next(iter(self.by_fold[close].values())).name

    @cached_property
    def _names(self) -> Nearest:
        return Nearest(self.by_fold)

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
