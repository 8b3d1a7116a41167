"""## Opportunities: every opportunity in a table, then the totals per currency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import heading, inline, table
from kam_tui.rules import opportunities as opps
from kam_tui.vocabulary import OpportunityStatus

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan

HEADERS = ("Opportunity", "Value", "Status", "Expected close", "Closed", "Notes")


def render(plan: Plan) -> str | None:
    rows = opps.sorted_opportunities(plan.opportunities)
    if not rows:
        return None
    totals = opps.totals_of(rows)
    body = []
    for o in rows:
        # the date alone, never "overdue": unchanged data exports the same on any day
        expected = o.expected_close.isoformat() if o.expected_close else ""
        body.append(
            (
                o.name,
                opps.format_amount(o.value, o.currency),
                o.status.label,
                expected,
                o.closed_on.isoformat() if o.closed_on else "",
                o.notes,
            )
        )
    lines = [
        f"**Open pipeline:** {inline(totals.describe(OpportunityStatus.OPEN))}",
        f"**Won:** {inline(totals.describe(OpportunityStatus.WON))}",
        f"**Lost:** {inline(totals.describe(OpportunityStatus.LOST))}",
    ]
    # two trailing spaces would be invisible; a backslash is the visible hard break
    return "\n\n".join([heading(2, "Opportunities"), table(HEADERS, body), "\\\n".join(lines)])
