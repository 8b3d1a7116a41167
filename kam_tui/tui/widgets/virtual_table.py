"""A table that renders only the rows in view, so 10,000 rows cost what 30 do.

Why not a DataTable: it builds every row up front (10,000 rows: 1.6 s to first
paint, 1.1 s to refill on a filter). This widget keeps a plain Python list of
row objects and draws each visible line on demand through the Line API
(`render_line`), so setting new rows (a filter, a sort) is a list assignment
plus one repaint. The header is line 0 and never scrolls away.

The table knows nothing about accounts: columns say how to read a cell from a
row, `row_class` names a component class for a row's colour, `key` identifies
a row so the cursor can stay on it when the rows change. A cell is a plain
string, or a Rich `Text` when parts of it need their own style (a name in its
attitude's colour with a warning mark after it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kam_tui.text import display_text
from kam_tui.tui.widgets.column_fit import Want, fit_widths, floor_of

SCROLL_MARK_WIDTH = 1
WHEEL_ROWS = 3


@dataclass
class VirtualColumn:
    key: str
    label: str
    width: int
    cell: Callable[[Any], str | Text]
    align: str = "left"
    # the one flexible column takes the width left over (at least `width`)
    flex: bool = False
    # on a narrow screen the widest columns are cut first (a cut value ends in
    # "…"), down to this (default: the label, or 8); only then are columns with
    # the lowest priority left out
    priority: int = 50
    min_width: int | None = None


class VirtualTable(ScrollView, can_focus=True, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page_up"),
        Binding("home,g", "first", "First row", show=False, id="table.first"),
        Binding("end,G", "last", "Last row", show=False, id="table.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--empty",
        "virtual-table--key",
        "virtual-table--alert",
        "virtual-table--muted",
        "virtual-table--scroll-track",
        "virtual-table--scroll-thumb",
    }

    class Selected(Message):
        """Enter or a double click on a row."""

        def __init__(self, table: VirtualTable, row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Highlighted(Message):
        def __init__(self, table: VirtualTable, row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class HeaderClicked(Message):
        def __init__(self, table: VirtualTable, column_key: str) -> None:
            super().__init__()
            self.table = table
            self.column_key = column_key

    def __init__(
        self,
        columns: Sequence[VirtualColumn],
        *,
        key: Callable[[Any], Any] = lambda row: row,
        row_class: Callable[[Any], str | None] | None = None,
        empty_text: str = "Nothing to show.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.cursor = 0
        self.key = key
        self.row_class = row_class
        self.empty_text = empty_text
        self.header_marks: dict[str, str] = {}
        # what every line of a paint shares, worked out once a paint, not once a line
        # (the two were two thirds of drawing a line): the base style, and the
        # columns fitted to the width with what the fit depends on
        self._paint_style: Style | None = None
        self._fitted: tuple[tuple[Any, ...], list[tuple[VirtualColumn, int]]] | None = None

    # ------------------------------------------------------------------ data

    def set_rows(self, rows: list[Any], keep: Any = None) -> None:
        """Show `rows`; the cursor stays on the row whose key is `keep` (or on
        the row it was on), else it keeps its position, clamped."""
        if keep is None and self.rows and 0 <= self.cursor < len(self.rows):
            keep = self.key(self.rows[self.cursor])
        self.rows = rows
        index = None
        if keep is not None:
            key = self.key
            index = next((i for i, r in enumerate(rows) if key(r) == keep), None)
        self.cursor = min(self.cursor if index is None else index, max(len(rows) - 1, 0))
        self._update_size()
        self._ensure_visible()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_row))

    @property
    def current_row(self) -> Any:
        return self.rows[self.cursor] if self.rows else None

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_cells(self, index: int) -> list[str | Text]:
        """Every column's cell of one row, hidden columns too (what the row says)."""
        row = self.rows[index]
        return [col.cell(row) for col in self.columns]

    def move_to_key(self, keep: Any) -> bool:
        for i, row in enumerate(self.rows):
            if self.key(row) == keep:
                self._move(i)
                return True
        return False

    def set_header_mark(self, column_key: str | None, mark: str = "") -> None:
        """Show `mark` (e.g. ▲) beside one column's label: the sort."""
        self.header_marks = {column_key: mark} if column_key else {}
        self.refresh()

    # ---------------------------------------------------------------- layout

    def _update_size(self) -> None:
        # no horizontal scrolling (narrow screens hide columns instead), so the
        # width stays 0: a resize then changes nothing and costs no second layout
        self.virtual_size = Size(0, len(self.rows) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._ensure_visible()

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _header_label(self, col: VirtualColumn) -> str:
        mark = self.header_marks.get(col.key, "")
        return f"{col.label} {mark}" if mark else col.label

    def _visible_columns(self, width: int) -> list[tuple[VirtualColumn, int]]:
        """The columns shown at this width and the width of each (see column_fit.py)."""
        # a column's width may be set again in place (the people table fits its values)
        signature = (
            width,
            tuple(self.header_marks.items()),
            tuple((c.label, c.width, c.min_width, c.priority, c.flex) for c in self.columns),
        )
        if self._fitted is not None and self._fitted[0] == signature:
            return self._fitted[1]
        wants = []
        for col in self.columns:
            label = cell_len(self._header_label(col))  # the sort mark is part of the header, never cut off
            natural = max(col.width, label)
            floor = col.min_width if col.min_width is not None else floor_of(label, natural, col.flex)
            wants.append(Want(natural, min(floor, natural), col.priority, col.flex))
        # the last column needs no separator after it
        widths = fit_widths(wants, width + 1)
        fitted = [(col, w) for col, w in zip(self.columns, widths) if w is not None]
        self._fitted = (signature, fitted)
        return fitted

    def hidden_columns(self) -> list[str]:
        """The labels of the columns left out at the present width."""
        width = max(1, self.scrollable_content_region.width - SCROLL_MARK_WIDTH)
        shown = {col.key for col, _ in self._visible_columns(width)}
        return [col.label for col in self.columns if col.key not in shown]

    # ---------------------------------------------------------------- render

    def _cell(self, text: str, width: int, align: str) -> str:
        text = display_text(text)  # one line, and nothing in it acts on the terminal
        if cell_len(text) > width:
            return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
        pad = width - cell_len(text)
        return (" " * pad + text) if align == "right" else (text + " " * pad)

    def _styled_cell(self, text: Text, width: int, align: str, style: Style) -> list[Segment]:
        text = text.copy()
        text.plain = display_text(text.plain)
        if text.cell_len > width:
            text.truncate(width, overflow="ellipsis")
        pad = width - text.cell_len
        if pad > 0:
            if align == "right":
                text.pad_left(pad)
            else:
                text.pad_right(pad)
        return [Segment(seg.text, style + seg.style if seg.style else style) for seg in text.render(self.app.console)]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    @property
    def _base_style(self) -> Style:
        return self.rich_style if self._paint_style is None else self._paint_style

    def render_line(self, y: int) -> Strip:
        # The table draws its own one-column scroll mark instead of Textual's
        # scrollbar widget: that one repaints in the frame after the rows
        # change, which added a frame (~15 ms) to every filter keystroke.
        width = self.scrollable_content_region.width
        body = self._body_line(y, max(1, width - SCROLL_MARK_WIDTH))
        return Strip.join([body, self._scroll_mark(y)])

    def _scroll_mark(self, y: int) -> Strip:
        page = self._page
        total = len(self.rows)
        if y == 0 or total <= page:
            return Strip.blank(SCROLL_MARK_WIDTH, self._base_style)
        size = max(1, round(page * page / total))
        top = round(int(self.scroll_offset.y) / max(1, total - page) * (page - size))
        part = "thumb" if top <= y - 1 < top + size else "track"
        return Strip.blank(SCROLL_MARK_WIDTH, self.get_component_rich_style(f"virtual-table--scroll-{part}"))

    def _body_line(self, y: int, width: int) -> Strip:
        base = self._base_style
        columns = self._visible_columns(width)
        if y == 0:
            style = base + self.get_component_rich_style("virtual-table--header")
            parts = [self._cell(self._header_label(col), w, col.align) for col, w in columns]
            return Strip([Segment(" ".join(parts), style)]).adjust_cell_length(width, style)
        index = int(self.scroll_offset.y) + y - 1
        if not self.rows:
            if y == 1:
                # with the focus here, the empty line is drawn as the cursor: keys act on this table
                focused = self.has_focus
                part = "cursor" if focused else "empty"
                style = base + self.get_component_rich_style(f"virtual-table--{part}")
                text = f"{'▸' if focused else ' '} {self.empty_text}"
                return Strip([Segment(self._cell(text, width, "left"), style)])
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        name = self.row_class(row) if self.row_class else None
        if name:
            style = style + self.get_component_rich_style(f"virtual-table--{name}")
        if index == self.cursor:
            style = style + self.get_component_rich_style("virtual-table--cursor")
        cells = [col.cell(row) for col, _ in columns]
        plain = [c for c in cells if isinstance(c, str)]
        if len(plain) == len(cells):  # no styled cell: the row is one segment
            text = " ".join(self._cell(c, w, col.align) for c, (col, w) in zip(plain, columns))
            return Strip([Segment(text, style)]).adjust_cell_length(width, style)
        segments: list[Segment] = []
        for n, (value, (col, w)) in enumerate(zip(cells, columns)):
            if n:
                segments.append(Segment(" ", style))
            if isinstance(value, Text):
                segments.extend(self._styled_cell(value, w, col.align, style))
            else:
                segments.append(Segment(self._cell(value, w, col.align), style))
        return Strip(segments).adjust_cell_length(width, style)

    def on_focus(self) -> None:
        if not self.rows:
            self.refresh()

    def on_blur(self) -> None:
        if not self.rows:
            self.refresh()

    # ---------------------------------------------------------------- cursor

    def _ensure_visible(self) -> None:
        top = int(self.scroll_offset.y)
        page = self._page
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor > top + page - 1:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)

    def _move(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.cursor:
            old, self.cursor = self.cursor, index
            top = int(self.scroll_offset.y)
            self._ensure_visible()
            if int(self.scroll_offset.y) == top:
                # the view stayed put: only the row left and the row reached change,
                # and repainting the whole view cost a cursor move half again the floor's time
                width = self.size.width
                self.refresh(Region(0, old - top + 1, width, 1), Region(0, index - top + 1, width, 1))
            else:
                self.refresh()
            self.post_message(self.Highlighted(self, self.current_row))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._page)

    def action_page_up(self) -> None:
        self._move(self.cursor - self._page)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1)

    # The view follows the cursor (_ensure_visible), so the wheel moves the
    # cursor; scrolling the view alone would be pulled back to it.
    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.prevent_default()
        event.stop()
        if self.rows:
            self._move(min(len(self.rows) - 1, self.cursor + WHEEL_ROWS))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.prevent_default()
        event.stop()
        if self.rows:
            self._move(max(0, self.cursor - WHEEL_ROWS))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for col, w in self._visible_columns(self.scrollable_content_region.width):
                if x <= offset.x < x + w + 1:
                    self.post_message(self.HeaderClicked(self, col.key))
                    return
                x += w + 1
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if 0 <= index < len(self.rows):
            self._move(index)
            if event.chain >= 2:
                self.post_message(self.Selected(self, self.current_row))
