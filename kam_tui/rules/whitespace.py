"""The whitespace map: the status cycle and the grid of units x offerings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import WhitespaceStatus

# The order a key press walks through; a cell not set yet starts at the first.
CYCLE: tuple[WhitespaceStatus, ...] = (
    WhitespaceStatus.HAVE,
    WhitespaceStatus.PURSUING,
    WhitespaceStatus.OPEN,
    WhitespaceStatus.NOT_RELEVANT,
)


def next_status(status: WhitespaceStatus | None) -> WhitespaceStatus:
    if status is None:
        return CYCLE[0]
    return CYCLE[(CYCLE.index(status) + 1) % len(CYCLE)]


@dataclass
class Grid:
    units: list[Row]
    offerings: list[Row]
    cells: dict[tuple[int, int], WhitespaceStatus] = field(default_factory=dict)

    def status(self, unit_id: int, offering_id: int) -> WhitespaceStatus | None:
        return self.cells.get((unit_id, offering_id))

    def counts(self) -> dict[WhitespaceStatus | None, int]:
        """Cells per status, None for cells not set yet."""
        out: dict[WhitespaceStatus | None, int] = {s: 0 for s in CYCLE}
        out[None] = 0
        for u in self.units:
            for o in self.offerings:
                out[self.status(u.id, o.id)] += 1
        return out

    @property
    def is_empty(self) -> bool:
        return not self.units and not self.offerings
