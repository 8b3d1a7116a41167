"""## SWOT: the latest run's four quadrants, then what changed since the run before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import block, bullet_list, inline
from kam_tui.rules import swot
from kam_tui.rules.rows import Row

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def _item(text: str) -> str:
    # a multi-line item stays one bullet: continuation lines are indented under it
    return block(text).replace("\n", "\n  ")


def _where(item: Row) -> str:
    return f" ({item.quadrant.label})"


def _edited(old: Row, new: Row) -> str:
    if old.quadrant == new.quadrant:
        return f"Edited: {_item(old.text)} → {_item(new.text)}{_where(new)}"
    return f"Edited: {_item(old.text)}{_where(old)} → {_item(new.text)}{_where(new)}"


def render(plan: Plan) -> str | None:
    runs = swot.sorted_runs(plan.swot_runs)
    if not runs:
        return None
    run = runs[-1]
    previous = runs[-2] if len(runs) > 1 else None
    items_of: dict[int, list[Row]] = {}
    for item in plan.swot_items:
        items_of.setdefault(item.run_id, []).append(item)
    current = items_of.get(run.id, [])
    by_q = swot.items_by_quadrant_of(current)
    parts = ["## SWOT", f"Latest run: {run.run_on.isoformat()}"]
    for q, items in by_q.items():
        parts.append(f"### {q.label}\n*{inline(q.hint)}*")
        parts.append(bullet_list(_item(it.text) for it in items) if items else "(none)")
    cmp = swot.compare_items(run, previous, current, items_of.get(previous.id, []) if previous else [])
    if cmp.previous is not None:
        lines = [f"### Changes since {cmp.previous.run_on.isoformat()}"]
        if not cmp.has_changes:
            lines.append("No changes.")
        changes = (
            [f"Added: {_item(it.text)}{_where(it)}" for it in cmp.added]
            + [f"Removed: {_item(it.text)}{_where(it)}" for it in cmp.removed]
            + [_edited(old, new) for old, new in cmp.edited]
        )
        if changes:
            lines.append(bullet_list(changes))
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts)
