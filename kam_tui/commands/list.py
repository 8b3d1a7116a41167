"""`kam list [--format table|tsv|json]`: the accounts, as a table for people,
tab-separated values or JSON for scripts.

Read through the store (kam_tui/store/ranking.py): on a file, stdlib sqlite3
and nothing of the ORM, so listing 100,000 accounts takes about as long as
reading and printing them."""

from __future__ import annotations

from functools import cache

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from typing import Any

    from kam_tui.rules.scoring import KeyLimits, Ranked


FORMATS = ("table", "tsv", "json")


def register(sub, common) -> None:
    p = sub.add_parser(
        "list",
        parents=[common],
        help="print the accounts (a table, or tab-separated values or JSON for scripts)",
        description="Print the accounts, best key-account score first: a table for people "
        "(cut to fit a terminal, whole lines when piped), or for scripts tab-separated values "
        "(--format tsv, a header line first) or JSON (--json).",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per account")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="table (the default), tsv (one line per account, tab-separated, with a header), or json",
    )
    p.set_defaults(func=run)


def account_rows(ranked: list[Ranked]) -> list[dict[str, Any]]:
    """One dict per account, best score first; the keys are the JSON contract."""
    from decimal import Decimal

    from kam_tui.countries import country_name

    rows = []
    scores: dict[Any, float | None] = {}  # the same total, rounded once
    for r in ranked:
        a = r.account
        weighted = r.total.weighted
        if weighted in scores:
            score = scores[weighted]
        else:
            score = scores[weighted] = r.total.as_float()
        rows.append(
            {
                "name": a.name,
                "tier": a.tier,
                "stage": a.stage,
                "industry": a.industry,
                "country": a.country,
                "country_name": country_name(a.country),
                "annual_revenue": None if a.annual_revenue is None else format(Decimal(a.annual_revenue), "f"),
                "currency": a.currency,
                "employees": a.employees,
                "crm_id": a.crm_id,
                "owner": a.owner,
                "focus": a.focus,
                "score": score,
                "rank": r.rank,
                "suggested_key": r.suggested,
            }
        )
    return rows


def run(args) -> int:
    from kam_tui.commands.common import fail, json_rows, location_to_read
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.quick import reading
    from kam_tui.store.ranking import key_limits, ranked_accounts

    form = args.format or ("json" if args.json else "table")
    if args.json and form != "json":
        return fail(f"--json and --format {form} ask for two different outputs: give one", 2)
    location = location_to_read(args)
    if location is None:
        return 1
    try:
        # on a file: stdlib sqlite3 after open_database's checks, no ORM
        with reading(location) as reader:
            ranked = ranked_accounts(reader)
            limits = key_limits(reader)
    except DatabaseRefused as exc:
        return fail(str(exc))
    rows = account_rows(ranked)
    if form == "json":
        print(json_rows(rows))
    elif form == "tsv":
        _print_tsv(rows)
    else:
        _print_table(rows, _key_lists(ranked, limits))
    return 0


@cache
def _sizes() -> tuple[tuple[Any, str], ...]:
    from decimal import Decimal

    return ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k"))


def compact_money(amount: str | None, currency: str | None) -> str:
    """'48200000000', 'SEK' -> 'SEK 48.2bn': a table column stays narrow."""
    if not amount:
        return ""
    from decimal import Decimal

    if amount.isdigit() and len(amount) < 30:  # a whole amount, as nearly all are: exact in integers
        return _compact_whole(int(amount), currency)
    value = Decimal(amount)
    for size, suffix in _sizes():
        if value >= size:
            short = f"{value / size:.1f}".removesuffix(".0")
            text = f"{short}{suffix}"
            break
    else:
        text = f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,f}"
    return f"{currency} {text}" if currency else text


def _compact_whole(value: int, currency: str | None) -> str:
    """compact_money for a whole amount, in integers: the tenths rounded half
    to even, as Decimal's format rounds them."""
    for size, suffix in ((10**9, "bn"), (10**6, "m"), (10**3, "k")):
        if value >= size:
            tenths, rest = divmod(value * 10, size)
            if rest * 2 > size or (rest * 2 == size and tenths % 2):
                tenths += 1
            whole, tenth = divmod(tenths, 10)
            text = f"{whole}{suffix}" if tenth == 0 else f"{whole}.{tenth}{suffix}"
            break
    else:
        text = f"{value:,}"
    return f"{currency} {text}" if currency else text


# a name longer than the app lets anyone type (a file from elsewhere) is cut
# short even when piped: one line of 10,000 characters is no table to read;
# --format tsv and --json give it whole
NAME_SHOWN = 200


def _print_tsv(rows: list[dict[str, Any]]) -> None:
    """The JSON's fields in its order, a header line first; empty for null."""
    import sys

    from kam_tui.commands.table import tsv_line

    if not rows:
        return
    keys = list(rows[0])
    shown = {None: "", True: "true", False: "false"}
    lines = [tsv_line(keys)]
    for r in rows:
        lines.append(tsv_line([shown.get(v, v) if v is None or isinstance(v, bool) else v for v in r.values()]))
    sys.stdout.write("\n".join(lines) + "\n")


def _terminal_width() -> int | None:
    """The terminal's width, or None when the output is not a terminal."""
    import os
    import sys

    if not sys.stdout.isatty():
        return None
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except OSError:
        return 80


def _key_lists(ranked: list[Ranked], limits: KeyLimits) -> list[tuple[str, int, int]]:
    """(owner, key accounts, their limit) for each owner, by name; "" owns
    the accounts that have no owner. Each owner's list is counted against
    their own limit (else the shared one)."""
    from kam_tui.text import name_key

    counts: dict[str, int] = {}
    for r in ranked:
        owner = r.account.owner
        counts[owner] = counts.get(owner, 0) + r.account.is_key
    return [(o, counts[o], limits.of(o)) for o in sorted(counts, key=lambda o: (o == "", name_key(o)))]


# owners named in the note, one line each; more are counted on one line
OWNERS_NAMED = 20


def _note(count: int, lists: list[tuple[str, int, int]], suggested: bool) -> list[str]:
    """The lines under the table: the key accounts against the limit, per owner when there are several."""
    from kam_tui.commands.table import cut, plain
    from kam_tui.text import counted

    mark = "; * qualifies as key by score" + ("" if len(lists) < 2 else " (among its owner's top)")
    if len(lists) < 2:
        key, limit = (lists[0][1], lists[0][2]) if lists else (0, 0)
        note = f"{counted(count, 'account')}, {key} key (limit {limit})"
        if suggested:
            note += mark
        if key > limit:
            note += "; over the limit: keep the key list short"
        return [note]
    key = sum(k for _, k, _ in lists)
    lines = [f"{counted(count, 'account')}, {key} key, {len(lists)} owners" + (mark if suggested else "")]
    # the owners with key accounts, or over their limit, are the ones to read about
    named = [x for x in lists if x[1]]
    for owner, k, limit in named[:OWNERS_NAMED]:
        line = f"  {cut(plain(owner), 40) if owner else '(no owner)'}: {k} key (limit {limit})"
        if k > limit:
            line += "; over the limit: keep the key list short"
        lines.append(line)
    if len(named) > OWNERS_NAMED:
        lines.append(f"  and {counted(len(named) - OWNERS_NAMED, 'more owner')} with key accounts")
    if len(lists) > len(named):
        lines.append(f"  {counted(len(lists) - len(named), 'other owner')} with no key account")
    return lines


def _print_table(rows: list[dict[str, Any]], lists: list[tuple[str, int, int]]) -> None:
    import sys

    from kam_tui.commands.table import Column, cut, plain_column, render
    from kam_tui.vocabulary import Stage, Tier

    if not rows:
        print("No accounts yet. `kam` opens the app; `kam demo` shows a filled-in example.")
        return
    width = _terminal_width()
    # a narrow terminal drops the least needed columns rather than squeezing names
    shown = width or 1_000
    tiers = {t.value: t.label for t in Tier}
    stages = {s.value: s.label for s in Stage}
    columns = [
        (
            Column("Name", shrinks=True, min_width=12),
            [cut(n, NAME_SHOWN) for n in plain_column([r["name"] for r in rows])],
        ),
        (Column("Tier"), [tiers.get(r["tier"], r["tier"]) for r in rows]),
        (Column("Stage"), [stages.get(r["stage"], r["stage"]) for r in rows]),
        (
            Column("Score", right=True),
            ["" if r["score"] is None else f"{r['score']:.1f}" + (" *" if r["suggested_key"] else "  ") for r in rows],
        ),
    ]
    if shown >= 70:
        columns.append((Column("Rank", right=True), ["" if r["rank"] is None else str(r["rank"]) for r in rows]))
    if shown >= 64:
        revenue = [compact_money(r["annual_revenue"], r["currency"]) for r in rows]
        columns.append((Column("Revenue", right=True), plain_column(revenue)))
    if shown >= 96:
        owners = plain_column([r["owner"] for r in rows])
        columns.append((Column("Owner", shrinks=True, min_width=8, max_width=24), owners))
    note = _note(len(rows), lists, any(r["suggested_key"] for r in rows))
    sys.stdout.write("\n".join([*render(columns, width), *note]) + "\n")
