"""`kam calendar [-o FILE] [--days N]`: every dated item Today knows, and what
is coming, as an iCalendar file for Outlook, Google Calendar or Apple
Calendar. UIDs stay the same between runs, so importing a newer file updates
the events instead of adding them twice."""

from __future__ import annotations

DEFAULT_DAYS = 90  # as kam_tui.export.calendar.DEFAULT_DAYS (not imported: --help stays cheap)


def register(sub, common) -> None:
    p = sub.add_parser(
        "calendar",
        parents=[common],
        help="write open actions, reviews, meetings, renewals and more as an .ics calendar",
        description="Write every dated item of Today - open actions, reviews, plan revisions, contacts and "
        "meetings due, renewals, questions to find out - as all-day events in an iCalendar file. "
        "Importing the file again updates the same events.",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="the .ics file to write; default: stdout")
    p.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"how far ahead to look (default {DEFAULT_DAYS}); what is overdue is always in",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from kam_tui.commands.common import fail, open_engine, say
    from kam_tui.errors import ValidationError
    from kam_tui.export.calendar import calendar_bytes, write_calendar
    from kam_tui.services.today import calendar_items
    from kam_tui.store.engine import new_session

    if args.days < 0:
        return fail("--days must be zero or more", 2)
    engine = open_engine(args, create=False)
    if engine is None:
        return 1
    try:
        with new_session(engine) as s:
            if not args.output or args.output == "-":
                sys.stdout.buffer.write(calendar_bytes(calendar_items(s, args.days)))
                return 0
            try:
                path = write_calendar(calendar_items(s, args.days), args.output)
            except ValidationError as exc:
                return fail(exc.reason if exc.field == "path" else str(exc))
            say(f"wrote {path}", err=True)
    finally:
        engine.dispose()
    return 0
