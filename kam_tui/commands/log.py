"""`kam log ACCOUNT PERSON [--kind K] [--date D] [--level L] [--with OUR_PERSON]
[--note TEXT] [--next TEXT] [--next-by D]`: log a contact from the shell, a
script or a mail filter, as `l` does in the app."""

from __future__ import annotations

KINDS = "meeting, call, email, visit, event, other"
LEVELS = "internal, strategic, tactical, operational"


def register(sub, common) -> None:
    p = sub.add_parser(
        "log",
        parents=[common],
        help="log a contact (meeting, call, email, ...) with a stakeholder",
        description="Log a contact with a person of an account; their last contact follows the log. "
        "Names need not match case; an unknown account, person or colleague exits 1 naming close matches.",
    )
    p.add_argument("account", metavar="ACCOUNT", help="the account's name")
    p.add_argument("person", metavar="PERSON", help="the stakeholder's name")
    p.add_argument("--kind", default="meeting", metavar="K", help=f"{KINDS} (default meeting)")
    p.add_argument("--date", default="today", metavar="D", help="2026-11-20, 20.11.2026, today, yesterday, -3d")
    p.add_argument("--level", default="", metavar="L", help=f"a meeting of the meeting structure: {LEVELS}")
    p.add_argument(
        "--with",
        dest="ours",
        action="append",
        default=[],
        metavar="OUR_PERSON",
        help="who of our account team took part (repeat for several)",
    )
    p.add_argument("--note", default="", metavar="TEXT", help="what was said")
    p.add_argument("--next", default="", metavar="TEXT", help="the next step")
    p.add_argument("--next-by", default="", metavar="D", help="when the next step is due")
    p.set_defaults(func=run)


def _not_found(exc: Exception, what: str) -> int:
    from kam_tui.commands.common import fail
    from kam_tui.errors import NotFound

    close = list(dict.fromkeys(exc.suggestions)) if isinstance(exc, NotFound) else []
    hint = f"; did you mean: {', '.join(close)}?" if close else f"; {what}"
    return fail(f"{exc}{hint}")


def run(args) -> int:
    from kam_tui.commands.common import fail, open_engine, say
    from kam_tui.errors import NotFound, ValidationError
    from kam_tui.services import accounts, interactions, stakeholders, team
    from kam_tui.store.engine import new_session

    engine = open_engine(args, create=False)
    if engine is None:
        return 1
    try:
        with new_session(engine) as s:
            try:
                account = accounts.find_account(s, args.account)
            except NotFound as exc:
                return _not_found(exc, "`kam list` shows the accounts")
            account_id = account.id or 0
            try:
                person = stakeholders.find_stakeholder(s, account_id, args.person)
            except NotFound as exc:
                return _not_found(exc, f"{account.name} has no such person")
            ours = []
            for name in args.ours:
                try:
                    ours.append(team.find_member(s, account_id, name).id)
                except NotFound as exc:
                    return _not_found(exc, f"add them to {account.name}'s team first")
            try:
                entry = interactions.log_contact(
                    s,
                    person.id or 0,
                    args.date,
                    args.kind,
                    level=args.level,
                    with_ids=ours,
                    note=args.note,
                    next_step=args.next,
                    next_step_due=args.next_by,
                )
            except ValidationError as exc:
                return fail(f"--{exc.field.replace(' ', '-')}: {exc.reason}", 2)
            say(f"logged a {entry.kind.label.lower()} with {person.name} ({account.name}) on {entry.happened_on}")
    finally:
        engine.dispose()
    return 0
