"""The typing floor: a bare Textual app with one Input over the same 10,000
accounts, filtered the same way as the account list (accent- and case-folded
text, a plain `in` per row), showing one screenful of the matches."""

from __future__ import annotations

import sqlite3
import sys
import unicodedata

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class FloorTypingApp(App):
    def __init__(self, db_path):
        super().__init__()
        self.db_path = str(db_path)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter")
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        con = sqlite3.connect(self.db_path)
        self.rows = con.execute("SELECT name, industry, country, owner FROM account ORDER BY name_key").fetchall()
        con.close()
        self.hay = [fold("\x00".join(r)) for r in self.rows]
        self.query_one(DataTable).add_columns("Name", "Industry", "Country", "Owner")
        self._show(self.rows)

    def _show(self, rows) -> None:
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(rows[: self.size.height or 40])

    def on_input_changed(self, event: Input.Changed) -> None:
        words = fold(event.value).split()
        matches = [r for r, h in zip(self.rows, self.hay) if all(w in h for w in words)]
        self._show(matches)


if __name__ == "__main__":
    FloorTypingApp(sys.argv[1]).run()
