"""The floor the benchmark compares against: a bare Textual app that reads the
same accounts with plain sqlite3 and paints one screenful of them."""

from __future__ import annotations

import sqlite3
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class FloorApp(App):
    TITLE = "kam"

    def __init__(self, db_path, rows=None):
        super().__init__()
        self.db_path = str(db_path)
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        con = sqlite3.connect(self.db_path)
        rows = con.execute("SELECT name, tier, stage, owner FROM account ORDER BY name_key").fetchall()
        con.close()
        table = self.query_one(DataTable)
        table.add_columns("Name", "Tier", "Stage", "Owner")
        table.add_rows(rows[: self.rows or self.size.height or 40])
        table.focus()  # as the account list's table has the keys: the cursor moves on its first key


if __name__ == "__main__":
    # a row count after the file: as many as the cursor figure moves over (a screenful by default)
    FloorApp(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None).run()
