"""`kam demo [--reset]`: open the app on a separate demo database, made on first use."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from typing import Any


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("demo", parents=[common], help="open the app on a demo database with three example accounts")
    p.add_argument("--reset", action="store_true", help="throw the demo database away and start it afresh")
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from kam_tui.commands.common import fail, location_of
    from kam_tui.commands.open_app import run_app
    from kam_tui.demo_db import DemoRefused, prepare_demo_db
    from kam_tui.paths import demo_db_path
    from kam_tui.store.location import Location

    location = location_of(args) if args.db else Location.file(demo_db_path())
    if location is None:
        return 1
    try:
        prepare_demo_db(location, reset=args.reset)
    except DemoRefused as exc:
        return fail(str(exc))
    return run_app(args, location=location)
