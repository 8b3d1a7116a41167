"""The database turned out to be damaged while the app was open (the page
check after the first paint, or SQLite refusing a damaged page on a read or
a save): the app stops there. It says what was found and the way back (the
latest good backup of this very file and the exact `kam restore` command),
changes nothing, and leaves; the same line stays on the terminal afterwards,
where the command can be copied."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kam_tui.text import display_text
from kam_tui.tui.screens.base import KamModal


class DamagedScreen(KamModal[None]):
    HELP = (
        "The database file is damaged: SQLite found a page it cannot read. kam changes "
        "nothing in it and stops here, so nothing more can go wrong. Put back the latest "
        "good backup with the command shown; the damaged file is kept as a copy first."
    )
    BINDINGS = [
        Binding("q,escape,enter", "leave", "Quit", id="damaged.quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__(classes="damaged-screen")
        self.message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="damaged-box"):
            yield Static(Content("This database is damaged"), classes="form-title")
            yield Static(Content(display_text(self.message)), id="damaged-message")
            yield Static(
                Content("kam has changed nothing in it. q quits; this message stays on the terminal."),
                classes="form-intro",
            )

    def action_leave(self) -> None:
        self.app.exit(return_code=1)
