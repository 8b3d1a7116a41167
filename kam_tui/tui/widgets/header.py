"""The header line: the palette icon on the left, the screen's title centred.

Why not Textual's Header (issue 8): it is four widgets, and it sets its title
after mounting, which lays the screen out a second time; opening an account
paid for both. This is one widget that draws the same line when it paints and
repaints when the title changes. A click on the icon opens the command palette.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Textual's header: the icon with room round it
RIGHT_WIDTH = 10  # where Textual's header keeps its clock


class KamHeader(Widget):
    def on_mount(self) -> None:
        for obj, name in ((self.app, "title"), (self.app, "sub_title"),
                          (self.screen, "title"), (self.screen, "sub_title")):
            self.watch(obj, name, self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def title_content(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        room = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        title = self.title_content()
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        line = Content.assemble(f" {ICON}".ljust(ICON_WIDTH), " " * left, title)
        return line.pad_right(max(0, width - line.cell_length))

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
