"""What every subcommand shares: finding and opening the database."""

from __future__ import annotations

import sys
from pathlib import Path


def fail(message: str, code: int = 1) -> int:
    print(f"kam: {message}", file=sys.stderr)
    return code


def open_engine(args, *, create: bool = True):
    """Open the database named by --db / KAM_DB / the default, or print the
    one-line reason it is refused and return None (the caller exits 1)."""
    from kam_tui.db import DatabaseRefused, open_database
    from kam_tui.paths import resolve_db_path

    path: Path = resolve_db_path(getattr(args, "db", None))
    try:
        return open_database(path, create=create)
    except DatabaseRefused as exc:
        fail(str(exc))
        return None
