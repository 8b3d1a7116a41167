"""The whitespace map as a table: customer units down, our offerings across, one
status per cell with a symbol and a colour, so it reads without colour too."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from kam_tui.models import WhitespaceStatus as S
from kam_tui.services.whitespace import Grid
from kam_tui.tui.widgets.plain_table import PlainTable

SYMBOL = {S.HAVE: "●", S.PURSUING: "◐", S.OPEN: "○", S.NOT_RELEVANT: "×", None: "·"}
STYLE = {S.HAVE: "green", S.PURSUING: "yellow", S.OPEN: "bold cyan", S.NOT_RELEVANT: "dim", None: "dim"}
NOT_SET = "not set"


def status_text(status: S | None) -> Text:
    label = status.label if status else NOT_SET
    return Text(f"{SYMBOL[status]} {label}", style=STYLE[status])


def legend(counts: dict[S | None, int]) -> Text:
    out = Text()
    for status in (S.HAVE, S.PURSUING, S.OPEN, S.NOT_RELEVANT, None):
        if out:
            out.append("   ")
        out.append_text(status_text(status))
        out.append(f" {counts.get(status, 0)}", style="bold")
    return out


class WhitespaceGrid(PlainTable):
    FIT_WIDTH = False  # a matrix: its columns are as wide as their offering, and it scrolls sideways

    BINDINGS = [
        Binding("enter,space", "cycle", "Cycle status", id="whitespace.cycle"),
        Binding("h", "cursor_left", "Left", show=False, id="whitespace.left"),
        Binding("l", "cursor_right", "Right", show=False, id="whitespace.right"),
    ]

    class CycleRequested(Message):
        """Enter or space on a cell: the pane moves it to the next status and saves."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self.unit_ids: list[int] = []
        self.offering_ids: list[int] = []

    def show_grid(self, grid: Grid, unit_id: int | None = None, offering_id: int | None = None) -> None:
        """Rebuild from `grid`, keeping the cursor on the given unit and offering if they remain."""
        row, col = self.cursor_coordinate
        self.clear(columns=True)
        self.unit_ids = [u.id for u in grid.units]
        self.offering_ids = [o.id for o in grid.offerings]
        for o in grid.offerings:
            self.add_column(Text(o.name, style="bold"), key=str(o.id), width=max(len(o.name), 14))
        for u in grid.units:
            self.add_row(
                *(status_text(grid.status(u.id, o.id)) for o in grid.offerings),
                key=str(u.id),
                label=Text(u.name, style="bold"),
            )
        if unit_id in self.unit_ids:
            row = self.unit_ids.index(unit_id)
        if offering_id in self.offering_ids:
            col = self.offering_ids.index(offering_id)
        if self.unit_ids and self.offering_ids:
            self.move_cursor(
                row=min(row, len(self.unit_ids) - 1), column=min(col, len(self.offering_ids) - 1), animate=False
            )

    def set_cell(self, unit_id: int, offering_id: int, status: S | None) -> None:
        self.update_cell(str(unit_id), str(offering_id), status_text(status))

    @property
    def current_unit_id(self) -> int | None:
        row = self.cursor_coordinate.row
        return self.unit_ids[row] if 0 <= row < len(self.unit_ids) else None

    @property
    def current_offering_id(self) -> int | None:
        col = self.cursor_coordinate.column
        return self.offering_ids[col] if 0 <= col < len(self.offering_ids) else None

    def action_cycle(self) -> None:
        # the pane does the saving; the grid only says which cell
        self.post_message(self.CycleRequested())
