"""The typing floor: a bare Textual app with one Input over the same 10,000
accounts, filtered the same way as the account list (accent- and case-folded
text, a plain `in` per row), repainting one screenful of the matches. The
least work that shows the result: the list is filtered in memory and the
rows widget only repaints (no table is rebuilt per keystroke)."""

from __future__ import annotations

import sqlite3
import sys
import unicodedata

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Input


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class Rows(Widget):
    """The visible matches, drawn from the list it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.matches: list[tuple[str, ...]] = []

    def render(self) -> Text:
        shown = self.matches[: self.size.height or 40]
        return Text("\n".join(f"{n:<40}  {i:<16}  {c:<16}  {o}" for n, i, c, o in shown))


class FloorTypingApp(App):
    CSS = "Rows { height: 1fr; }"

    def __init__(self, db_path):
        super().__init__()
        self.db_path = str(db_path)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter")
        yield Rows()

    def on_mount(self) -> None:
        con = sqlite3.connect(self.db_path)
        self.rows = con.execute("SELECT name, industry, country, owner FROM account ORDER BY name_key").fetchall()
        con.close()
        self.hay = [fold("\x00".join(r)) for r in self.rows]
        self._show(self.rows)

    def _show(self, rows) -> None:
        widget = self.query_one(Rows)
        widget.matches = rows
        widget.refresh()

    def on_input_changed(self, event: Input.Changed) -> None:
        words = fold(event.value).split()
        self._show([r for r, h in zip(self.rows, self.hay) if all(w in h for w in words)])


if __name__ == "__main__":
    FloorTypingApp(sys.argv[1]).run()
