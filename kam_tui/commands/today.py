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
    import json

    from kam_tui.commands.common import fail, open_engine, say
    from kam_tui.services.today import KINDS, today_items
    from kam_tui.store.engine import new_session
    from kam_tui.text import json_text

    if args.days < 0:
        return fail("--days must be zero or more")
    engine = open_engine(args, create=False)
    if engine is None:
        return 1
    try:
        with new_session(engine) as s:
            items = today_items(s, soon_days=args.days)
    finally:
        engine.dispose()
    if args.json:
        print(json_text(json.dumps([i.as_json() for i in items], indent=2, ensure_ascii=False)))
        return 0
    if not items:
        say(f"Nothing overdue or due in the next {args.days} days.")
        return 0
    for kind, title in KINDS.items():
        group = [i for i in items if i.kind == kind]
        if not group:
            continue
        say(f"{title} ({len(group)})")
        for i in group:
            due = i.due.isoformat() if i.due else "no date"
            owner = f"  [{i.owner}]" if i.owner else ""
            say(f"  {due}  {i.when():>9}  {i.account}: {i.text}{owner}")
        say()
    return 0
