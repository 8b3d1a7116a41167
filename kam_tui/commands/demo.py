"""`kam demo [--reset]`: open the app on a separate demo database, made on first use."""

from __future__ import annotations

from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="open the app on a demo database with three example accounts")
    p.add_argument("--reset", action="store_true", help="throw the demo database away and start it afresh")
    p.set_defaults(func=run)


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


def run(args) -> int:
    from kam_tui.commands.common import fail
    from kam_tui.commands.open_app import run_app
    from kam_tui.paths import demo_db_path

    path = Path(args.db).expanduser() if args.db else demo_db_path()
    try:
        prepare_demo_db(path, reset=args.reset)
    except DemoRefused as exc:
        return fail(str(exc))
    return run_app(args, db_path=path)
