"""What every subcommand shares: finding and opening the database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from kam_tui.store.location import Location


def shown(text: object) -> str:
    """Text for the terminal: each line as display_text makes it (an account
    name holding an escape sequence shows it, never runs it)."""
    from kam_tui.text import display_text

    return "\n".join(display_text(line) for line in str(text).split("\n"))


def say(text: object = "", *, err: bool = False) -> None:
    """print() for everything a command writes that may quote a user's text or
    a file's: names, values, paths."""
    print(shown(text), file=sys.stderr if err else sys.stdout)


def fail(message: object, code: int = 1) -> int:
    """The one line a refusal is: `kam: what was wrong, and where`."""
    from kam_tui.text import display_text

    print(f"kam: {display_text(message)}", file=sys.stderr)
    return code


def location_of(args: Any) -> Location | None:
    """The database named by --db / KAM_DB / the settings file / the default, or
    None after printing why the name cannot be used (the caller exits 1)."""
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.location import resolve_location

    try:
        return resolve_location(getattr(args, "db", None))
    except DatabaseRefused as exc:
        fail(str(exc))
        return None


def open_engine(
    args: Any, *, create: bool = True, location: Location | None = None, pages: bool = False
) -> Engine | None:
    """Open the database (`location`, else the one args name), or print the
    one-line reason it is refused and return None (the caller exits 1).
    `pages`: a file is checked page by page first (a command about to read
    all of it: a damaged page is refused here, naming the latest good backup)."""
    from kam_tui.store.engine import open_database
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import check_file

    location = location or location_of(args)
    if location is None:
        return None
    try:
        if pages and location.path is not None:
            check_file(location.path, pages=True)
        return open_database(location, create=create)
    except DatabaseRefused as exc:
        fail(str(exc))
        return None
