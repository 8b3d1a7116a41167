"""`kam today [--json] [--days N] [--limit N | --all]`: what is overdue or due soon, across all accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kam_tui.services.today import TodayItem

# Items of each kind the table shows unless told otherwise: a morning's worth.
FIRST = 20


def register(sub, common) -> None:
    p = sub.add_parser(
        "today",
        parents=[common],
        help="list what is overdue or due across all accounts: actions, contacts, meetings, renewals, "
        "reviews, plan revisions, questions, goals and opportunities",
    )
    p.add_argument("--json", action="store_true", help="print every item as a JSON list, for scripts")
    p.add_argument("--days", type=int, default=7, metavar="N", help="how far ahead 'due soon' looks (default 7)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument(
        "--limit",
        type=int,
        default=FIRST,
        metavar="N",
        help=f"the table shows each kind's count and its first N items, the most overdue first (default {FIRST})",
    )
    shown.add_argument("--all", action="store_true", help="the table shows every item")
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from kam_tui.commands.common import fail, json_rows, location_to_read, say, shown
    from kam_tui.services.today import grouped, today_items, today_summary
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.quick import reading

    if args.days < 0:
        return fail("--days must be zero or more")
    if args.limit < 1:
        return fail("--limit must be 1 or more (--all shows every item)")
    location = location_to_read(args)
    if location is None:
        return 1
    try:
        # on a file: stdlib sqlite3 after open_database's checks, no ORM
        with reading(location) as reader:
            if args.json or args.all:
                items = today_items(reader, soon_days=args.days)
                groups = grouped(items)
            else:
                groups = today_summary(reader, soon_days=args.days, first=args.limit)
    except DatabaseRefused as exc:
        return fail(str(exc))
    if args.json:
        print(json_rows([i.as_json() for i in items]))
        return 0
    if not groups:
        say(f"Nothing overdue or due in the next {args.days} days.")
        return 0
    # written at once: a print per line took longer than reading the database
    lines = []
    for group in groups:
        lines.append(f"{group.title} ({group.count:,})")
        lines += [_line(i) for i in group.first]
        if group.count > len(group.first):
            lines.append(f"  … and {group.count - len(group.first):,} more (--all lists every item)")
        lines.append("")
    sys.stdout.write(shown("\n".join(lines)) + "\n")
    return 0


def _line(item: TodayItem) -> str:
    due = item.due.isoformat() if item.due else "no date"
    owner = f"  [{item.owner}]" if item.owner else ""
    return f"  {due}  {item.when():>9}  {item.account}: {item.text}{owner}"
