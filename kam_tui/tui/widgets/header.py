"""The header line: the palette icon on the left, the screen's title centred.

Why not Textual's Header as it is: it is four widgets, and it sets
its title after mounting, which lays the screen out a second time; opening an
account paid for both. This is still a Header (same styles, found as one) but
draws the same line itself, as one widget, and repaints when the title
changes. A click on the icon opens the command palette.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header

# "≡", the sign for a menu, in every monospace font (Textual's "⭘" is in few: a blank box elsewhere)
ICON = "≡"
ICON_WIDTH = 8  # as Textual's header: the icon with room round it
RIGHT_WIDTH = 10  # where Textual's header keeps its clock


class KamHeader(Header):
    def compose(self) -> ComposeResult:
        return iter(())  # no icon, title and clock widgets: render() draws the line

    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # Header's own mount handler looks for its title widget
        for obj, name in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(obj, name, self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        room = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        title = self.format_title()
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        line = Content.assemble(f" {ICON}".ljust(ICON_WIDTH), " " * left, title)
        return line.pad_right(max(0, width - line.cell_length))

    async def on_click(self, event: events.Click) -> None:
        event.prevent_default()  # no tall header: the line stays one row
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
