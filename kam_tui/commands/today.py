"""`kam today [--json] [--days N]`: what is overdue or due soon, across all accounts."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "today",
        parents=[common],
        help="list what is overdue or due across all accounts: actions, contacts, meetings, renewals, "
        "reviews, plan revisions, questions, goals and opportunities",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    p.add_argument("--days", type=int, default=7, metavar="N", help="how far ahead 'due soon' looks (default 7)")
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from kam_tui.commands.common import fail, json_rows, location_to_read, say, shown
    from kam_tui.services.today import KINDS, TodayItem, today_items
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.quick import reading

    if args.days < 0:
        return fail("--days must be zero or more")
    location = location_to_read(args)
    if location is None:
        return 1
    try:
        # on a file: stdlib sqlite3 after open_database's checks, no ORM
        with reading(location) as reader:
            items = today_items(reader, soon_days=args.days)
    except DatabaseRefused as exc:
        return fail(str(exc))
    if args.json:
        print(json_rows([i.as_json() for i in items]))
        return 0
    if not items:
        say(f"Nothing overdue or due in the next {args.days} days.")
        return 0
    groups: dict[str, list[TodayItem]] = {kind: [] for kind in KINDS}
    for i in items:
        groups[i.kind].append(i)
    # written at once: a print per line took longer than reading the database
    lines = []
    for kind, title in KINDS.items():
        group = groups[kind]
        if not group:
            continue
        lines.append(f"{title} ({len(group)})")
        for i in group:
            due = i.due.isoformat() if i.due else "no date"
            owner = f"  [{i.owner}]" if i.owner else ""
            lines.append(f"  {due}  {i.when():>9}  {i.account}: {i.text}{owner}")
        lines.append("")
    sys.stdout.write(shown("\n".join(lines)) + "\n")
    return 0
