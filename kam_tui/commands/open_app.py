"""`kam` with no subcommand: open the app on the user's database."""

from __future__ import annotations


def run_app(args, db_path=None) -> int:
    from kam_tui.commands.common import fail
    from kam_tui.db import DatabaseRefused, inspect_file
    from kam_tui.paths import resolve_db_path

    path = db_path or resolve_db_path(getattr(args, "db", None))
    try:
        inspect_file(path)
    except DatabaseRefused as exc:
        return fail(str(exc))
    from kam_tui.tui.app import KamApp

    KamApp(db_path=path).run()
    return 0
