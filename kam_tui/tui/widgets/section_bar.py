"""The workspace's row of section titles with the bar under the one in view.

Why not Textual's TabbedContent: it is two widgets per section (a tab
and a pane holder) plus a handful for the strip, about two dozen widgets that
are each styled, laid out and drawn when an account opens: half the work of
opening one. This is one widget drawing two lines; the workspace keeps the
sections themselves in a ContentSwitcher and builds each when first shown.

Looks as the tabs did: " 1 Stakeholders  2 Team ..." with the section in view
brighter and underlined. When the titles are wider than the screen the row
slides so the section in view stays whole. A click on a title selects it.
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

    def spans(self) -> list[tuple[int, int]]:
        """Each title's cells on the unscrolled row (start, end), padding included."""
        out, x = [], 0
        for title in self._titles:
            width = cell_len(title) + 2
            out.append((x, x + width))
            x += width
        return out

    def _scroll_offset(self, width: int) -> int:
        spans = self.spans()
        if not spans or spans[-1][1] <= width:
            return 0
        start, end = spans[min(self._active, len(spans) - 1)]
        offset = min(self._offset, start)
        if end - offset > width:
            offset = end - width
        return max(0, min(offset, spans[-1][1] - width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        self._offset = offset = self._scroll_offset(width)
        spans = self.spans()
        if y == 0:
            tab = base + self.get_component_rich_style("section-bar--tab")
            active = base + self.get_component_rich_style("section-bar--active")
            segments = [
                Segment(f" {title} ", active if i == self._active else tab) for i, title in enumerate(self._titles)
            ]
            return Strip(segments).crop(offset, offset + width).adjust_cell_length(width, base)
        if y == 1 and spans:
            bar_style = self.get_component_rich_style("section-bar--underline")
            start, end = spans[min(self._active, len(spans) - 1)]
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
        return Strip.blank(width, base)

    def on_click(self, event: events.Click) -> None:
        x = event.x + self._offset
        for index, (start, end) in enumerate(self.spans()):
            if start <= x < end:
                event.stop()
                self.post_message(self.Selected(index))
                return
