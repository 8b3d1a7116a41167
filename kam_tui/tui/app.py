"""The app: owns the database engine and the screen stack."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from textual.app import App
from textual.binding import Binding


class KamApp(App):
    CSS_PATH = "kam.tcss"
    TITLE = "kam"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
    ]

    def __init__(self, db_path: Path, read_only: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.db_path = Path(db_path)
        self._engine = None
        # trust hook: a second kam opens read-only; every write then fails with
        # a one-line ReadOnlyDatabase message through report_error
        self.read_only = read_only
        if read_only:
            self.sub_title = "read-only"

    @property
    def engine(self):
        """Opened on first use, so the first screen can paint before SQLAlchemy loads."""
        if self._engine is None:
            from kam_tui.db import open_database

            self._engine = open_database(self.db_path, read_only=self.read_only)
        return self._engine

    @contextmanager
    def session(self):
        """One Session per unit of work: `with self.app.session() as s: ...`."""
        from kam_tui.db import new_session

        with new_session(self.engine) as s:
            yield s

    def report_error(self, exc: Exception, title: str = "Not saved") -> None:
        """Tell the user what went wrong in one line; never a traceback."""
        self.notify(str(exc), title=title, severity="error", timeout=8)

    def action_help(self) -> None:
        from kam_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))
