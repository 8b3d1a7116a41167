"""The workspace's row of section titles with the bar under the one in view.

Why not Textual's TabbedContent: it is two widgets per section (a tab
and a pane holder) plus a handful for the strip, about two dozen widgets that
are each styled, laid out and drawn when an account opens: half the work of
opening one. This is one widget drawing two lines; the workspace keeps the
sections themselves in a ContentSwitcher and builds each when first shown.

Looks as the tabs did: " 1 Stakeholders  2 Team ..." with the section in view
brighter and underlined. When the ten titles do not fit on one line (below
about 110 columns) they take both lines, five a line, and the section in view
is marked "▸" and drawn brighter: every section stays in sight with its whole
name at 80 columns. A line still too wide slides so the section in view stays
whole. A click on a title selects it.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget


class SectionBar(Widget):
    COMPONENT_CLASSES = {
        "section-bar--tab",
        "section-bar--active",
        "section-bar--underline",
    }

    class Selected(Message):
        """A title was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, titles: list[str], active: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._titles = list(titles)
        self._active = active
        self._offset = 0  # cells scrolled off the left when the titles do not fit

    @property
    def titles(self) -> list[str]:
        return list(self._titles)

    @titles.setter
    def titles(self, titles: list[str]) -> None:
        self._titles = list(titles)
        self.refresh()

    @property
    def active(self) -> int:
        return self._active

    @active.setter
    def active(self, index: int) -> None:
        self._active = index
        self.refresh()

    def spans(self, titles: list[str] | None = None) -> list[tuple[int, int]]:
        """Each title's cells on its unscrolled row (start, end), padding included."""
        out, x = [], 0
        for title in self._titles if titles is None else titles:
            width = cell_len(title) + 2
            out.append((x, x + width))
            x += width
        return out

    def rows(self, width: int) -> list[list[int]]:
        """The title indexes on each line: one line if they fit, else two."""
        indexes = list(range(len(self._titles)))
        spans = self.spans()
        if not spans or spans[-1][1] <= width:
            return [indexes]
        half = (len(indexes) + 1) // 2
        return [indexes[:half], indexes[half:]]

    def _scroll_offset(self, width: int, row: list[int]) -> int:
        spans = self.spans([self._titles[i] for i in row])
        if not spans or spans[-1][1] <= width or self._active not in row:
            return 0
        start, end = spans[row.index(self._active)]
        offset = min(self._offset, start)
        if end - offset > width:
            offset = end - width
        return max(0, min(offset, spans[-1][1] - width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        rows = self.rows(width)
        tab = base + self.get_component_rich_style("section-bar--tab")
        active = base + self.get_component_rich_style("section-bar--active")
        if len(rows) == 1:
            row = rows[0]
            self._offset = offset = self._scroll_offset(width, row)
            spans = self.spans()
            if y == 0:
                segments = [
                    Segment(f" {title} ", active if i == self._active else tab) for i, title in enumerate(self._titles)
                ]
                return Strip(segments).crop(offset, offset + width).adjust_cell_length(width, base)
            if y == 1 and spans:
                return self._underline(spans[min(self._active, len(spans) - 1)], offset, width)
            return Strip.blank(width, base)
        if y >= len(rows):
            return Strip.blank(width, base)
        row = rows[y]
        offset = self._scroll_offset(width, row)
        marked = active + Style(underline=True)
        segments = [
            Segment(f"{'▸' if i == self._active else ' '}{self._titles[i]} ", marked if i == self._active else tab)
            for i in row
        ]
        return Strip(segments).crop(offset, offset + width).adjust_cell_length(width, base)

    def _underline(self, span: tuple[int, int], offset: int, width: int) -> Strip:
        base = self.rich_style
        bar_style = self.get_component_rich_style("section-bar--underline")
        start, end = span
        bar = Bar(
            (start + 1 - offset, end - 1 - offset),
            highlight_style=Style.from_color(bar_style.color),
            background_style=Style.from_color(bar_style.bgcolor),
        )
        options = self.app.console.options.update_width(width)
        line = list(self.app.console.render(bar, options))
        return Strip(
            [Segment(s.text, base + s.style if s.style else base) for s in line if s.text != "\n"]
        ).adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        width = self.size.width
        rows = self.rows(width)
        if event.y >= len(rows):
            return
        row = rows[event.y] if len(rows) > 1 else rows[0]
        x = event.x + self._scroll_offset(width, row)
        for index, (start, end) in zip(row, self.spans([self._titles[i] for i in row])):
            if start <= x < end:
                event.stop()
                self.post_message(self.Selected(index))
                return
