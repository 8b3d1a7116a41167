"""A DataTable that moves with j/k as well as the arrows, for the Reviews & KPIs lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from kam_tui.tui.widgets.plain_table import PlainTable


class KpiTable(PlainTable):
    def __init__(self, *, what: str, empty: str = "", **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        # what a row is, for messages like "Put the cursor on a review"
        self.what = what
        self.empty_text = empty or f"no {what}s yet: n adds one"

    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # an empty or refreshing table has no cursor row
            return None

    def refill(self, rows: Sequence[tuple[str, Sequence[RenderableType]]], keep: str | None = None) -> None:
        """Replace all rows; the cursor stays on the row with key `keep` (or the old one)."""
        keep = keep if keep is not None else self.selected_key()
        self.clear()
        for key, cells in rows:
            self.add_row(*cells, key=key)
        if keep is not None:
            keys = [key for key, _ in rows]
            if keep in keys:
                self.move_cursor(row=keys.index(keep), animate=False)

    def select_key(self, key: str) -> None:
        try:
            self.move_cursor(row=self.get_row_index(key), animate=False)
        except RowDoesNotExist:  # the row is gone: leave the cursor where it is
            pass
