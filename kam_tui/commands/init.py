"""`kam init [--demo]`: create (or check) the database and exit."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from typing import Any


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("init", parents=[common], help="create or check the database, then exit")
    p.add_argument("--demo", action="store_true", help="fill a new database with the demo accounts")
    p.set_defaults(func=run)


def _report_unknown_countries(session: Any) -> None:
    """Countries are kept as ISO codes; say which accounts hold text kam could
    not read as a country (kept as typed), so the user can correct them."""
    from kam_tui.commands.common import say
    from kam_tui.services.accounts import unknown_countries

    unknown = unknown_countries(session)
    if not unknown:
        return
    shown = ", ".join(f"{name} ({country!r})" for name, country in unknown[:10])
    more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
    who = "1 account names" if len(unknown) == 1 else f"{len(unknown)} accounts name"
    say(
        f"{who} a country kam does not know, kept as written: {shown}{more}. "
        "Edit the account (e in the list) to pick the country."
    )


def run(args: Any) -> int:
    from kam_tui.commands.common import fail, location_of, open_engine, say
    from kam_tui.store.engine import engine_info, new_session

    location = location_of(args)
    engine = open_engine(args, location=location, create=True) if location is not None else None
    if engine is None or location is None:
        return 1
    try:
        info = engine_info(engine)
        if info.read_only:  # a read-only folder or mount: it can be read, never set up or changed here
            return fail(f"cannot write {location}: {info.reason}; kam can read it there but not change it")
        if args.demo:
            from kam_tui.services.demo import seed_demo

            with new_session(engine) as s:
                if not seed_demo(s):
                    return fail(f"{location} already holds accounts; the demo goes into an empty database")
            say(f"kam database ready with the demo accounts: {location}")
            return 0
        say(f"kam database ready: {location}")
        with new_session(engine) as s:
            _report_unknown_countries(s)
        return 0
    finally:
        engine.dispose()
