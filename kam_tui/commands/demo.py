"""`kam demo [--reset]`: open the app on a separate demo database, made on first use."""

from __future__ import annotations

from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="open the app on a demo database with three example accounts")
    p.add_argument("--reset", action="store_true", help="throw the demo database away and start it afresh")
    p.set_defaults(func=run)


def run(args) -> int:
    from kam_tui.commands.common import fail
    from kam_tui.commands.open_app import run_app
    from kam_tui.demo_db import DemoRefused, prepare_demo_db
    from kam_tui.paths import demo_db_path

    path = Path(args.db).expanduser() if args.db else demo_db_path()
    try:
        prepare_demo_db(path, reset=args.reset)
    except DemoRefused as exc:
        return fail(str(exc))
    return run_app(args, db_path=path)
