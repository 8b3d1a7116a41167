"""The demo database: made and seeded on first use, so trying kam never
touches the user's own plans (a file of its own, or an empty server database).
Both `kam demo` and the app's welcome screen open it, so it lives below both
of them."""

from __future__ import annotations

from pathlib import Path

from kam_tui.store.location import Location


class DemoRefused(Exception):
    """One line saying why the demo database cannot be used."""


def _is_demo(location: Location) -> bool:
    """Whether the database holds the demo (or nothing): the only kind --reset may throw away."""
    from kam_tui.models import Setting
    from kam_tui.services.demo import DEMO_SETTING, has_accounts
    from kam_tui.store.engine import new_session, open_database
    from kam_tui.store.errors import DatabaseRefused

    try:
        engine = open_database(location, create=False)
    except DatabaseRefused as exc:
        raise DemoRefused(str(exc)) from None
    try:
        with new_session(engine) as s:
            return s.get(Setting, DEMO_SETTING) is not None or not has_accounts(s)
    finally:
        engine.dispose()


def _throw_away(location: Location) -> None:
    """The demo's file (with its -wal and -shm), or every kam table of a server database."""
    if location.path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{location.path}{suffix}").unlink(missing_ok=True)
        return
    from kam_tui.store.engine import make_server_engine
    from kam_tui.store.schema import drop_everything

    engine = make_server_engine(location)
    try:
        drop_everything(engine)
    finally:
        engine.dispose()


def prepare_demo_db(where: Location | Path, reset: bool = False) -> Location:
    """Make sure the database holds the demo: create and seed it on first use;
    with `reset`, throw it away first, but only if it is a demo database (never
    a real one). A server database is seeded only while it holds no accounts."""
    from kam_tui.services.demo import seed_demo
    from kam_tui.store.engine import new_session, open_database
    from kam_tui.store.errors import DatabaseRefused

    location = where if isinstance(where, Location) else Location.file(where)
    exists = location.is_server or (location.path is not None and location.path.exists())
    if reset and exists:
        if not _is_demo(location):
            raise DemoRefused(f"{location} holds accounts that are not the demo; --reset deletes only a demo database")
        _throw_away(location)
    try:
        engine = open_database(location)
    except DatabaseRefused as exc:
        raise DemoRefused(str(exc)) from None
    try:
        with new_session(engine) as s:
            seeded = seed_demo(s)  # False when the demo (or anything) is already there
        if not seeded and location.is_server and not _is_demo(location):
            raise DemoRefused(f"{location} holds accounts that are not the demo; the demo goes into an empty database")
    finally:
        engine.dispose()
    return location
