"""## Whitespace: the customer's units against our offerings, as a Markdown table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import cell, table
from kam_tui.rules import whitespace

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan

NOT_SET = "–"


def render(plan: Plan) -> str | None:
    g = whitespace.Grid(plan.ws_units, plan.ws_offerings, plan.ws_cells)
    if g.is_empty:
        return None
    parts = ["## Whitespace"]
    if g.units and g.offerings:
        headers = ["Unit"] + [cell(o.name) for o in g.offerings]
        rows = []
        for u in g.units:
            statuses = [g.status(u.id, o.id) for o in g.offerings]
            rows.append([u.name] + [s.label if s else NOT_SET for s in statuses])
        parts.append(table(headers, rows))
        counts = g.counts()
        totals = [f"{s.label}: {counts[s]}" for s in whitespace.CYCLE]
        if counts[None]:
            totals.append(f"not set: {counts[None]}")
        parts.append("Cells: " + ", ".join(totals) + ".")
    else:
        # half a grid is still worth reading: say what is there and what is missing
        if g.units:
            parts.append("Units: " + ", ".join(cell(u.name) for u in g.units) + ". No offerings yet.")
        else:
            parts.append("Offerings: " + ", ".join(cell(o.name) for o in g.offerings) + ". No units yet.")
    return "\n\n".join(parts)
