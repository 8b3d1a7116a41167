"""`kam init [--demo]`: create (or check) the database and exit."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create or check the database, then exit")
    p.add_argument("--demo", action="store_true", help="fill a new database with the demo accounts")
    p.set_defaults(func=run)


def run(args) -> int:
    from kam_tui.commands.common import fail, open_engine
    from kam_tui.db import new_session
    from kam_tui.paths import resolve_db_path

    engine = open_engine(args)
    if engine is None:
        return 1
    path = resolve_db_path(args.db)
    try:
        if args.demo:
            from kam_tui.services.demo import seed_demo

            with new_session(engine) as s:
                if not seed_demo(s):
                    return fail(f"{path} already holds accounts; the demo goes into an empty database")
            print(f"kam database ready with the demo accounts: {path}")
            return 0
        print(f"kam database ready: {path}")
        return 0
    finally:
        engine.dispose()
