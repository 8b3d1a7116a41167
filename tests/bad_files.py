"""Files that are not a kam database kam can open: each command must refuse
them in one line and leave them byte-identical: a user who points kam at
the wrong file must lose nothing, whichever command they ran."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from kam_tui.db import SCHEMA_VERSION, new_session, open_database
from kam_tui.services import accounts


def digest(path: Path) -> str:
    """What a file holds, to show it byte-identical after a command."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    """Every file and folder under `folder`: nothing left beside a refused file."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def text_file(path: Path) -> None:
    path.write_text("name,revenue\nAcme,1\n")


def foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table notes(x)")
    con.execute("insert into notes values ('mine')")
    con.commit()
    con.close()


def newer_kam(path: Path) -> None:
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()


def truncated_kam(path: Path) -> None:
    engine = open_database(path)
    with new_session(engine) as s:
        accounts.create_account(s, "Acme", notes="x" * 20_000)
    engine.dispose()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


BAD_FILES = {"text file": text_file, "foreign sqlite": foreign_sqlite, "newer version": newer_kam}


def zero_page(path: Path, of: str, *, keep_mtime: bool = False) -> None:
    """Zero the root page of the table or index `of`, the file's header left
    intact (a disk that lost one block): the header check cannot see it, a
    page check or a read of that table can. `keep_mtime` puts the file's times
    back, as if the damage came from below the file system (no start-up copy
    is made of a file whose times say it did not change)."""
    before = path.stat()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (of,)).fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x00" * size)
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
