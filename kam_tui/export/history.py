"""## Our history with them: the contracts in force with their dates, the
agreements, purchases and past engagements as written, then the competitors
in the account and possible partners, each with notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.business import render_sections
from kam_tui.export.markdown import block, heading, inline, table
from kam_tui.money import format_money
from kam_tui.rules.business import HISTORY_SECTIONS
from kam_tui.rules.contracts import describe_notice, notice_by, sorted_contracts
from kam_tui.rules.parties import sorted_parties
from kam_tui.vocabulary import PartyKind

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan

TITLES = {PartyKind.COMPETITOR: "Competitors", PartyKind.PARTNER: "Partners"}


def _item(name: str, notes: str) -> str:
    """A bullet: the name in bold, the notes below it inside the same item."""
    head = f"- **{inline(name)}**"
    body = block(notes)
    if not body:
        return head
    indented = "\n".join(("  " + line) if line else "" for line in body.split("\n"))
    return f"{head}\\\n{indented}"


def _contracts(plan: Plan) -> list[str]:
    contracts = sorted_contracts(plan.contracts)
    if not contracts:
        return []
    rows = []
    for c in contracts:
        deadline = notice_by(c)
        rows.append(
            [
                c.name,
                c.starts_on.isoformat() if c.starts_on else "",
                c.ends_on.isoformat() if c.ends_on else "open-ended",
                describe_notice(c),
                deadline.isoformat() if deadline else "",
                format_money(c.value, c.currency),
                c.notes,
            ]
        )
    return [heading(3, "Contracts"), table(["Contract", "Start", "End", "Notice", "Notice by", "Value", "Notes"], rows)]


def render(plan: Plan) -> str | None:
    parts = ["\n\n".join(_contracts(plan))] if plan.contracts else []
    parts += render_sections(plan, HISTORY_SECTIONS)
    everyone = sorted_parties(plan.parties)
    for kind in PartyKind:
        parties = [p for p in everyone if p.kind == kind]
        if parties:
            items = "\n".join(_item(p.name, p.notes) for p in parties)
            parts.append(f"{heading(3, TITLES[kind])}\n\n{items}")
    if not parts:
        return None
    return "\n\n".join([heading(2, "Our history with them"), *parts])
