"""Finding units by id, full name or alias, whatever the case, spacing or Unicode form."""

from __future__ import annotations

import difflib
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcheck.plan.model import Plan, Unit


def normal(text: str) -> str:
    """NFC, case-folded, white space folded: the form in which names are compared."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


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
        names = [unit.name for unit in self.units.values()]
        match = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        return match[0] if match else None

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
