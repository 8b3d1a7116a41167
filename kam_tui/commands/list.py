"""`kam list [--json]`: the accounts, as a table for people or JSON for scripts."""

from __future__ import annotations

from typing import Any


def register(sub, common) -> None:
    p = sub.add_parser("list", parents=[common], help="print the accounts (a table, or JSON with --json)")
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per account")
    p.set_defaults(func=run)


def account_rows(session) -> list[dict]:
    """One dict per account, best score first; the keys are the JSON contract."""
    from kam_tui.countries import country_name
    from kam_tui.services import scoring

    rows = []
    for r in scoring.ranking(session):
        a = r.account
        rows.append(
            {
                "name": a.name,
                "tier": a.tier.value,
                "stage": a.stage.value,
                "industry": a.industry,
                "country": a.country,
                "country_name": country_name(a.country),
                "annual_revenue": None if a.annual_revenue is None else format(a.annual_revenue, "f"),
                "currency": a.currency,
                "employees": a.employees,
                "crm_id": a.crm_id,
                "owner": a.owner,
                "focus": a.focus.value if a.focus else None,
                "score": r.total.as_float(),
                "rank": r.rank,
                "suggested_key": r.suggested,
            }
        )
    return rows


def run(args) -> int:
    import json

    from kam_tui.commands.common import open_engine
    from kam_tui.store.engine import new_session

    engine = open_engine(args)
    if engine is None:
        return 1
    try:
        with new_session(engine) as s:
            rows = account_rows(s)
            if args.json:
                from kam_tui.text import json_text

                print(json_text(json.dumps(rows, ensure_ascii=False, indent=2)))
                return 0
            _print_table(s, rows)
        return 0
    finally:
        engine.dispose()


def compact_money(amount: str | None, currency: str | None) -> str:
    """'48200000000', 'SEK' -> 'SEK 48.2bn': a table column stays narrow."""
    if not amount:
        return ""
    from decimal import Decimal

    value = Decimal(amount)
    for size, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k")):
        if value >= size:
            short = f"{value / size:.1f}".removesuffix(".0")
            text = f"{short}{suffix}"
            break
    else:
        text = f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,f}"
    return f"{currency} {text}" if currency else text


# a name longer than the app lets anyone type (a file from elsewhere) is cut
# short here: folded whole, 10,000 characters would fill screens of the table
NAME_SHOWN = 200


def _print_table(session, rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kam_tui.models import Stage, Tier
    from kam_tui.services import scoring
    from kam_tui.text import counted, display_text

    console = Console()
    if not rows:
        console.print("No accounts yet. `kam` opens the app; `kam demo` shows a filled-in example.", markup=False)
        return
    # a narrow terminal drops the least needed columns rather than squeezing names
    width = console.width
    columns: list[tuple[str, dict[str, Any]]] = [
        ("Name", {"overflow": "fold", "min_width": 12}),
        ("Tier", {"no_wrap": True}),
        ("Stage", {"no_wrap": True}),
        ("Score", {"justify": "right", "no_wrap": True}),
    ]
    if width >= 70:
        columns.append(("Rank", {"justify": "right", "no_wrap": True}))
    if width >= 64:
        columns.append(("Revenue", {"justify": "right", "no_wrap": True}))
    if width >= 96:
        columns.append(("Owner", {"overflow": "ellipsis", "no_wrap": True, "max_width": 24}))
    table = Table(box=None, header_style="bold", pad_edge=False)
    for header, opts in columns:
        table.add_column(header, **opts)
    for r in rows:
        score = "" if r["score"] is None else f"{r['score']:.1f}" + (" *" if r["suggested_key"] else "  ")
        name = r["name"] if len(r["name"]) <= NAME_SHOWN else r["name"][: NAME_SHOWN - 1] + "…"
        cells = {
            "Name": name,
            "Tier": Tier(r["tier"]).label,
            "Stage": Stage(r["stage"]).label,
            "Score": score,
            "Rank": "" if r["rank"] is None else str(r["rank"]),
            "Revenue": compact_money(r["annual_revenue"], r["currency"]),
            "Owner": r["owner"],
        }
        # a cell is text, never markup: a name like "[/]" or "[link=...]" shows as typed
        table.add_row(*(Text(display_text(cells[h])) for h, _ in columns))
    console.print(table)
    key = scoring.key_account_count(session)
    limit = scoring.key_account_limit(session)
    note = f"{counted(len(rows), 'account')}, {key} key (limit {limit})"
    if any(r["suggested_key"] for r in rows):
        note += "; * qualifies as key by score"
    if key > limit:
        note += "; over the limit: keep the key list short"
    console.print(note, highlight=False, markup=False)
