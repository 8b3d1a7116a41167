"""What every subcommand shares: finding and opening the database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine import Engine

    from kam_tui.store.location import Location


def json_rows(rows: list[dict[str, Any]]) -> str:
    """`json.dumps(rows, ensure_ascii=False, indent=2)` to the byte, for a
    list of non-empty objects whose values are strings, numbers, booleans or
    null (the rows `kam list` and `kam today` print). json's indenting encoder
    is pure Python and took most of `kam today --json`'s time; without indent
    it is C: each object is written with the indented separators and only the
    seams between objects are re-indented (a literal newline never occurs in
    encoded JSON, so a seam cannot be mistaken for text)."""
    import json

    from kam_tui.text import json_text

    if not rows or not all(rows):
        return json_text(json.dumps(rows, ensure_ascii=False, indent=2))
    flat = json.dumps(rows, ensure_ascii=False, separators=(",\n    ", ": "))
    return json_text("[\n  {\n    " + flat[2:-2].replace("},\n    {", "\n  },\n  {\n    ") + "\n  }\n]")


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


def note_leftover_journal(path: Path) -> None:
    """Before a command opens a file whose journal no kam holds: a copy of the
    file as it stands is kept, and the user told why (backup.keep_before_journal)."""
    import os

    try:
        if os.stat(f"{path}-wal").st_size == 0:
            return
    except OSError:
        return  # no journal, the usual case: the reading commands need not load the backup module
    from kam_tui.backup import journal_note, keep_before_journal

    kept = keep_before_journal(path)
    if kept is not None:
        fail(f"note: {journal_note(path, kept)}")


def no_terminal() -> str | None:
    """Why the app cannot run here, or None: it draws on a terminal and reads
    keys from one, and on a pipe or /dev/null it would write escape codes
    nobody sees and wait for keys that never come."""
    for what, stream in (("input", sys.stdin), ("output", sys.stdout), ("output", sys.stderr)):
        if stream is None or not stream.isatty():
            return (
                f"the app needs a terminal, and its {what} is not one (a pipe, a file or /dev/null); "
                "the commands work without one: kam list, kam today, kam export (kam --help lists them all)"
            )
    return None


def refuse_without_terminal(reason: str) -> int:
    """Exit 2 with `reason`, said where someone may see it."""
    from kam_tui.text import display_text

    terminals = [s for s in (sys.stderr, sys.stdout) if s is not None and s.isatty()]
    stream = terminals[0] if terminals else sys.stderr
    if stream is not None:
        print(f"kam: {display_text(reason)}", file=stream)
    return 2


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


def location_to_read(args: Any) -> Location | None:
    """location_of for the commands that read a file with stdlib sqlite3 (list,
    today, export): a journal no kam holds is kept aside and named first, as
    open_engine does for the others."""
    location = location_of(args)
    if location is not None and location.path is not None and location.path.exists():
        note_leftover_journal(location.path)
    return location


def open_engine(
    args: Any, *, create: bool = False, location: Location | None = None, pages: bool = False
) -> Engine | None:
    """Open the database (`location`, else the one args name), or print the
    one-line reason it is refused and return None (the caller exits 1).
    Only `create` (kam init) makes a database that is not there.
    `pages`: a file is checked page by page first (a command about to read
    all of it: a damaged page is refused here, naming the latest good backup)."""
    from kam_tui.store.engine import open_database
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import check_file

    location = location or location_of(args)
    if location is None:
        return None
    try:
        if location.path is not None:
            if check_file(location.path, pages=pages).exists:
                note_leftover_journal(location.path)
        return open_database(location, create=create)
    except DatabaseRefused as exc:
        fail(str(exc))
        return None
