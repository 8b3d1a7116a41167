"""The top of an exported plan: the account's title, its facts, why it is key
and what we want from it, how its tier and its stage have moved, and free notes."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from kam_tui.countries import country_name
from kam_tui.export.markdown import block, heading, inline, table
from kam_tui.rules.rows import Row

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def format_money(amount: Decimal | None, currency: str | None) -> str:
    """48200000000, SEK -> 'SEK 48,200,000,000'; no amount -> ''."""
    if amount is None:
        return ""
    text = f"{amount:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{currency} {text}" if currency else text


def facts(account: Row) -> list[tuple[str, object]]:
    """The account's facts in reading order, blanks left out."""
    rows: list[tuple[str, object]] = [
        ("Tier", account.tier.label),
        ("Stage", f"{account.stage.number} {account.stage.label}"),
        ("Focus", account.focus.label if account.focus else ""),
        ("Industry", account.industry),
        ("Country", country_name(account.country)),
        ("Annual revenue", format_money(account.annual_revenue, account.currency)),
        ("Employees", f"{account.employees:,}" if account.employees is not None else ""),
        ("CRM id", account.crm_id or ""),
        ("Website", account.website),
        ("Owner", account.owner),
        ("Plan depth", account.depth.label),
        ("Review cadence", account.review_cadence.label),
        ("Last review", account.last_review.isoformat() if account.last_review else "not yet"),
        ("Next plan revision", account.next_plan_revision.isoformat() if account.next_plan_revision else "not set"),
    ]
    return [(k, v) for k, v in rows if v not in ("", None)]


def render(plan: Plan) -> str:
    account = plan.account
    parts = [heading(1, account.name), table(("Fact", "Value"), facts(account))]

    strategy = []
    if account.why_key.strip():
        strategy += ["**Why this account is key**", "", block(account.why_key), ""]
    if account.what_we_want.strip():
        strategy += ["**What we want from it**", "", block(account.what_we_want), ""]
    if account.focus:
        strategy += [f"**Focus:** {inline(account.focus.label)} ({inline(account.focus.hint.lower())})", ""]
    parts.append(heading(2, "Strategy") + "\n\n" + ("\n".join(strategy).strip() or "_Not written yet._"))

    history = plan.tier_changes
    if history:
        rows = [
            (
                change.changed_at.date().isoformat(),
                change.from_tier.label if change.from_tier else "(new account)",
                change.to_tier.label,
                change.reason,
            )
            for change in history
        ]
        parts.append(heading(2, "Tier history") + "\n\n" + table(("Date", "From", "To", "Reason"), rows))

    stages = plan.stage_changes
    if stages:
        rows = [
            (
                change.changed_at.date().isoformat(),
                f"{change.from_stage.number} {change.from_stage.label}" if change.from_stage else "",
                f"{change.to_stage.number} {change.to_stage.label}",
                change.note,
            )
            for change in stages
        ]
        parts.append(heading(2, "Stage history") + "\n\n" + table(("Date", "From", "To", "Open then"), rows))

    if account.notes.strip():
        parts.append(heading(2, "Notes") + "\n\n" + block(account.notes))
    return "\n\n".join(parts)
