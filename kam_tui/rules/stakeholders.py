"""The customer's people: the order they are listed in and the influence x attitude map."""

from __future__ import annotations

from collections.abc import Iterable

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import Attitude, Influence

INFLUENCE_ORDER = [Influence.LOW, Influence.MEDIUM, Influence.HIGH]
ATTITUDE_ORDER = list(Attitude)
_RANK = {inf: i for i, inf in enumerate(reversed(INFLUENCE_ORDER))}


def sorted_people(people: Iterable[Row]) -> list[Row]:
    """Most influential first: the method's attention goes to them."""
    return sorted(people, key=lambda p: (_RANK[p.influence], p.name.casefold(), p.id))


def grid_of(people: Iterable[Row]) -> dict[tuple[Influence, Attitude], list[Row]]:
    """People by map cell, every cell present, names sorted within a cell."""
    cells: dict[tuple[Influence, Attitude], list[Row]] = {
        (inf, att): [] for inf in reversed(INFLUENCE_ORDER) for att in ATTITUDE_ORDER
    }
    for p in people:
        cells[(p.influence, p.attitude)].append(p)
    for group in cells.values():
        group.sort(key=lambda p: (p.name.casefold(), p.id))
    return cells
