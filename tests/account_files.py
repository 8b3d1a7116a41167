"""A kam file made with a few accounts, and the names read back with plain
sqlite3 (read-only, so looking changes nothing the test then checks)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kam_tui.services import accounts
from kam_tui.store.engine import new_session, open_database


def make_db(path: Path, *names: str) -> Path:
    """A kam database at `path` holding one account per name."""
    engine = open_database(path)
    with new_session(engine) as s:
        for name in names:
            accounts.create_account(s, name)
    engine.dispose()
    return path


def names_in(path: Path) -> list[str]:
    """The account names the file holds, sorted."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT name FROM account ORDER BY name")]
    finally:
        con.close()
