"""What every subcommand shares: finding and opening the database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

    if not rows or not all(rows):
        return json.dumps(rows, ensure_ascii=False, indent=2)
    flat = json.dumps(rows, ensure_ascii=False, separators=(",\n    ", ": "))
    return "[\n  {\n    " + flat[2:-2].replace("},\n    {", "\n  },\n  {\n    ") + "\n  }\n]"


def fail(message: str, code: int = 1) -> int:
    print(f"kam: {message}", file=sys.stderr)
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


def open_engine(args: Any, *, create: bool = True, location: Location | None = None) -> Engine | None:
    """Open the database (`location`, else the one args name), or print the
    one-line reason it is refused and return None (the caller exits 1)."""
    from kam_tui.store.engine import open_database
    from kam_tui.store.errors import DatabaseRefused

    location = location or location_of(args)
    if location is None:
        return None
    try:
        return open_database(location, create=create)
    except DatabaseRefused as exc:
        fail(str(exc))
        return None
