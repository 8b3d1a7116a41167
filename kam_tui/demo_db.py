"""The demo database: a file of its own, made and seeded on first use, so trying
kam never touches the user's own plans. Both `kam demo` and the app's welcome
screen open it, so it lives below both of them."""

from __future__ import annotations

from pathlib import Path


class DemoRefused(Exception):
    """One line saying why the demo database cannot be used."""


def prepare_demo_db(path: Path, reset: bool = False) -> Path:
    """Make sure `path` holds the demo: create and seed it on first use; with
    `reset`, delete it first, but only if it is a demo database (never a real one)."""
    from kam_tui.db import DatabaseRefused, new_session, open_database
    from kam_tui.services.demo import DEMO_SETTING, has_accounts, seed_demo

    if reset and path.exists():
        try:
            engine = open_database(path, create=False)
        except DatabaseRefused as exc:
            raise DemoRefused(str(exc)) from None
        try:
            from kam_tui.models import Setting

            with new_session(engine) as s:
                is_demo = s.get(Setting, DEMO_SETTING) is not None or not has_accounts(s)
        finally:
            engine.dispose()
        if not is_demo:
            raise DemoRefused(f"{path} holds accounts that are not the demo; --reset deletes only a demo database")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        engine = open_database(path)
    except DatabaseRefused as exc:
        raise DemoRefused(str(exc)) from None
    try:
        with new_session(engine) as s:
            seed_demo(s)  # a no-op when the demo is already there
    finally:
        engine.dispose()
    return path
