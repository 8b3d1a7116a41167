"""The DataTable every table of kam builds on: text cells are text, and j/k move
beside the arrows.

Textual's DataTable reads a str cell as Rich markup: a name like "[/]Acme" from
a CRM export, or a note with a bracket in it, would stop the app. Here what the
user typed is shown as typed, whoever fills the table.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text, TextType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from kam_tui.text import display_text
from kam_tui.tui.widgets.cursor_keys import CursorKeys


def _plain(cell: RenderableType) -> RenderableType:
    return Text(display_text(cell)) if isinstance(cell, str) else cell


class PlainTable(DataTable[RenderableType], CursorKeys):
    def add_row(
        self,
        *cells: RenderableType,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
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
