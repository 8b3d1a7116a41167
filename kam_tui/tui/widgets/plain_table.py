"""The DataTable every table of kam builds on: text cells are text, a cut
value ends in "…", the columns share the width there is, and j/k move beside
the arrows.

Textual's DataTable reads a str cell as Rich markup: a name like "[/]Acme" from
a CRM export, or a note with a bracket in it, would stop the app. Here what the
user typed is shown as typed, whoever fills the table.

An empty table still shows where the keyboard is: a line under its header
says what it would hold and, while the table has the focus, is drawn as the
cursor ("▸ no reviews yet: n adds one"), so `n` is never pressed on a table
the user cannot see is the one in use.

A DataTable makes each column as wide as its widest value and lets the table
run off the right edge, cutting a name mid-word with no sign of it. Here the
columns are fitted to the table's width whenever its rows or its size change
(widgets/column_fit.py): the widest give way first, down to a floor, and a cut
value ends in "…". A table whose columns are laid out on purpose (the scoring
matrix, the whitespace grid) sets FIT_WIDTH to False.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text, TextType
from textual import events
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from kam_tui.text import display_text
from kam_tui.tui.widgets.column_fit import Want, fit_widths, floor_of
from kam_tui.tui.widgets.cursor_keys import CursorKeys


def _plain(cell: RenderableType) -> RenderableType:
    if isinstance(cell, str):
        return Text(display_text(cell), no_wrap=True, overflow="ellipsis")
    if isinstance(cell, Text) and cell.overflow is None:
        cell = cell.copy()
        cell.overflow = "ellipsis"
        cell.no_wrap = True
    return cell


def _width_of(cell: object) -> int:
    if isinstance(cell, Text):
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    return cell_len(display_text(str(cell)))


class PlainTable(DataTable[RenderableType], CursorKeys):
    FIT_WIDTH: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # column key -> priority (lowest is cut first) and the one that takes what is left
        self.column_priority: dict[str, int] = {}
        self.flex_column: str | None = None
        # columns never cut (a person's name): when they and the floors of the
        # rest do not fit, the least needed column is left out instead
        self.whole_columns: set[str] = set()
        self._fit_pending = False
        self.hidden: list[str] = []  # the labels of the columns left out at this width
        # the line an empty table shows under its header
        self.empty_text = "nothing here yet"

    # ------------------------------------------------------------ empty

    def render_line(self, y: int) -> Strip:
        header = self.header_height if self.show_header else 0
        if not self.row_count and self.columns and y == header:
            focused = self.has_focus
            style = self.get_component_rich_style("datatable--cursor" if focused else "datatable--header")
            if not focused:
                style = self.rich_style + Style(dim=True, italic=True)
            text = f"{'▸' if focused else ' '} {self.empty_text}"
            return Strip([Segment(text, style)]).adjust_cell_length(self.size.width, self.rich_style)
        return super().render_line(y)

    def on_focus(self) -> None:
        if not self.row_count:
            self.refresh()

    def on_blur(self) -> None:
        if not self.row_count:
            self.refresh()

    def add_row(
        self,
        *cells: RenderableType,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
        self._refit()
        return super().add_row(*map(_plain, cells), height=height, key=key, label=label)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: RenderableType,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, _plain(value), update_width=update_width)
        if update_width:
            self._refit()

    # ------------------------------------------------------------ fitting

    def _refit(self) -> None:
        if self.FIT_WIDTH and not self._fit_pending and self.is_mounted:
            self._fit_pending = True
            self.call_after_refresh(self.fit_columns)

    def on_resize(self, event: events.Resize) -> None:
        self._refit()

    def on_mount(self) -> None:
        self._refit()

    def fit_columns(self) -> None:
        """Share the table's width among its columns (see column_fit.py)."""
        self._fit_pending = False
        if not self.FIT_WIDTH or not self.columns:
            return
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        columns = list(self.ordered_columns)
        wants = []
        for column in columns:
            label = _width_of(column.label)
            natural = max([label, *(_width_of(row[column.key]) for row in self._data.values())])
            key = str(column.key.value)
            flex = key == self.flex_column
            floor = natural if key in self.whole_columns else floor_of(label, natural, flex)
            wants.append(Want(natural, floor, self.column_priority.get(key, 50), flex))
        widths = fit_widths(wants, width, gap=2 * self.cell_padding)
        self.hidden = [str(c.label.plain) for c, w in zip(columns, widths) if w is None]
        changed = False
        for column, fitted in zip(columns, widths):
            # a column with no room left is drawn zero wide: the line under the table shows its value
            new = fitted if fitted is not None else 0
            if column.auto_width or column.width != new:
                column.auto_width = False
                column.width = new
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()
