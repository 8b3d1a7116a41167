"""## Our history with them: agreements, purchases, past engagements, then the
competitors in the account and possible partners, each with notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.business import render_sections
from kam_tui.export.markdown import block, heading, inline
from kam_tui.rules.business import HISTORY_SECTIONS
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


def render(plan: Plan) -> str | None:
    parts = render_sections(plan, HISTORY_SECTIONS)
    everyone = sorted_parties(plan.parties)
    for kind in PartyKind:
        parties = [p for p in everyone if p.kind == kind]
        if parties:
            items = "\n".join(_item(p.name, p.notes) for p in parties)
            parts.append(f"{heading(3, TITLES[kind])}\n\n{items}")
    if not parts:
        return None
    return "\n\n".join([heading(2, "Our history with them"), *parts])
