"""One SWOT quadrant: a titled list of items that tells its pane when the cursor
runs off its top or bottom edge, so up/down can carry on into the quadrant
above or below."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kam_tui.models import SwotItem, SwotQuadrant
from kam_tui.tui.ids import id_of
from kam_tui.tui.widgets.cursor_keys import CursorKeys


def _numbered(n: int, text: str) -> Table:
    # a grid keeps wrapped and multi-line items hanging under their text, not their number
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(f"{n}.", Text(text))  # Text, not str: Rich reads a str cell as markup
    return grid


class SwotQuadrantList(OptionList, CursorKeys):
    class Edge(Message):
        """The cursor tried to leave the list: direction is 'up' or 'down'."""

        def __init__(self, quadrant_list: SwotQuadrantList, direction: str) -> None:
            super().__init__()
            self.quadrant_list = quadrant_list
            self.direction = direction

    def __init__(self, quadrant: SwotQuadrant, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quadrant = quadrant
        side = "internal" if quadrant in (SwotQuadrant.STRENGTH, SwotQuadrant.WEAKNESS) else "external"
        self.border_title = f"{quadrant.label} · {side}"
        self.item_ids: list[int] = []

    def show_items(self, items: list[SwotItem], keep_id: int | None = None) -> None:
        """Fill the list; keep the cursor on `keep_id`, or near where it was."""
        old = self.highlighted
        self.clear_options()
        self.item_ids = [id_of(it) for it in items]
        if not items:
            self.add_option(Option(Text(f"{self.quadrant.hint}.", style="dim italic"), disabled=True))
            self.border_subtitle = ""
            return
        self.add_options(Option(_numbered(i, it.text), id=str(it.id)) for i, it in enumerate(items, start=1))
        self.border_subtitle = f"{len(items)}"
        if keep_id in self.item_ids:
            self.highlighted = self.item_ids.index(keep_id)
        else:
            self.highlighted = min(old or 0, len(items) - 1)

    @property
    def current_id(self) -> int | None:
        if self.highlighted is None or not self.item_ids or self.highlighted >= len(self.item_ids):
            return None
        return self.item_ids[self.highlighted]

    def action_cursor_up(self) -> None:
        if not self.item_ids or (self.highlighted or 0) <= 0:
            self.post_message(self.Edge(self, "up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if not self.item_ids or (self.highlighted or 0) >= len(self.item_ids) - 1:
            self.post_message(self.Edge(self, "down"))
        else:
            super().action_cursor_down()
