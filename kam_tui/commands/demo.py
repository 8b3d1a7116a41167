"""`kam demo [--reset]`: open the app on a separate demo database, made on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kam_tui.store.location import Location


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("demo", parents=[common], help="open the app on a demo database with three example accounts")
    p.add_argument("--reset", action="store_true", help="throw the demo database away and start it afresh")
    p.set_defaults(func=run)


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


def run(args: Any) -> int:
    from kam_tui.commands.common import fail, location_of
    from kam_tui.commands.open_app import run_app
    from kam_tui.paths import demo_db_path

    location = location_of(args) if args.db else Location.file(demo_db_path())
    if location is None:
        return 1
    try:
        prepare_demo_db(location, reset=args.reset)
    except DemoRefused as exc:
        return fail(str(exc))
    return run_app(args, location=location)
