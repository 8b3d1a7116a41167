"""`kam export ACCOUNT [-o FILE]` and `kam export --all -o DIR`: plans as Markdown."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="write an account's whole plan as Markdown (or every plan with --all)",
        description="Write an account's whole plan as Markdown to stdout or a file. "
        "With --all, write one file per account plus index.md into a folder.",
    )
    p.add_argument("account", nargs="?", metavar="ACCOUNT", help="the account's name (case does not matter)")
    p.add_argument("--all", action="store_true", help="export every account into the folder given by -o")
    p.add_argument("-o", "--output", metavar="PATH", help="the file to write (a folder with --all); default: stdout")
    p.add_argument(
        "--for-customer",
        action="store_true",
        help="the joint plan to share with the customer: summary, goals and actions, meetings, KPIs; "
        "nothing that is ours alone (people's attitudes and influence, SWOT, competitors, notes, whitespace)",
    )
    p.set_defaults(func=run, _parser=p)


def run(args) -> int:
    from kam_tui.commands.common import fail

    if args.all and args.account:
        return fail("give an account name or --all, not both", 2)
    if not args.all and not args.account:
        return fail("name the account to export (see `kam list`), or use --all -o FOLDER", 2)
    if args.all and args.for_customer:
        return fail("--for-customer writes one account's plan for that customer: name the account, not --all", 2)
    if args.all and not args.output:
        return fail("--all writes one file per account: give the folder with -o FOLDER", 2)

    if args.all:
        import gc

        # a short batch that builds ~100,000 row objects and leaves no cycles
        # to collect: the collector's passes over them would be pure cost
        gc.disable()
        try:
            return _export_all(args, args.output)
        finally:
            gc.enable()
    return _export_one(args, args.account, args.output, for_customer=args.for_customer)


def _export_one(args, name: str, output: str | None, *, for_customer: bool = False) -> int:
    import sys
    from pathlib import Path

    from kam_tui.commands.common import fail, location_to_read, say
    from kam_tui.export.plan import plan_markdown
    from kam_tui.export.snapshot import plan_alone
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.plans import find_account_id
    from kam_tui.store.quick import reading
    from kam_tui.text import close_matches

    location = location_to_read(args)
    if location is None:
        return 1
    try:
        # on a file: stdlib sqlite3 after open_database's checks, no ORM; no page
        # check of the whole file for the few pages one plan reads (store/sqlite_file.check_file)
        with reading(location) as reader:
            found, names = find_account_id(reader, name)
            if found is None:
                close = list(dict.fromkeys(close_matches(name, names)))  # two accounts can share a close name
                hint = f"; did you mean: {', '.join(close)}?" if close else "; `kam list` shows the accounts"
                return fail(f"no account called {name!r}{hint}")
            plan = plan_alone(reader, found)
    except DatabaseRefused as exc:
        return fail(str(exc))
    if for_customer:
        from kam_tui.export.customer import customer_markdown

        text = customer_markdown(plan)
    else:
        text = plan_markdown(plan)
    if not output or output == "-":
        sys.stdout.write(text)
        return 0
    from kam_tui.fsutil import WriteRefused, atomic_write_text

    try:
        atomic_write_text(Path(output).expanduser(), text)
    except WriteRefused as exc:
        return fail(str(exc))
    say(f"wrote {output}", err=True)
    return 0


def _export_all(args, folder: str) -> int:
    from pathlib import Path

    from kam_tui.commands.common import fail, location_to_read, note_leftover_journal, say
    from kam_tui.export.batch import render_plans
    from kam_tui.export.file_names import plan_file_names
    from kam_tui.export.markdown import heading
    from kam_tui.export.scoring import render_portfolio
    from kam_tui.export.snapshot import read_portfolio
    from kam_tui.fsutil import WriteRefused, atomic_write_many
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.quick import reading
    from kam_tui.text import counted

    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        return fail(f"{target} is a file; --all needs a folder")
    location = location_to_read(args)
    if location is None:
        return 1
    if location.path is not None and location.path.exists():
        note_leftover_journal(location.path)
    try:
        # on a file: stdlib sqlite3 with the same checks as open_database, no SQLAlchemy
        with reading(location, pages=True) as reader:
            portfolio = read_portfolio(reader)
    except DatabaseRefused as exc:
        return fail(str(exc))
    everyone = sorted(portfolio.accounts, key=lambda a: (not a.tier.is_key, a.name_key))
    links = plan_file_names((a.id, a.name) for a in everyone)

    # the index first: it computes the portfolio-wide figures every plan shows
    index = heading(1, "Account plans") + "\n\n" + render_portfolio(portfolio, links) + "\n"

    def files():
        yield from zip([links[a.id] for a in everyone], render_plans(portfolio.plans, [a.id for a in everyone]))
        yield "index.md", index

    try:
        atomic_write_many(target, files())
    except WriteRefused as exc:
        return fail(str(exc))
    say(f"wrote {counted(len(everyone), 'plan')} and index.md to {target}", err=True)
    return 0
