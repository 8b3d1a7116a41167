"""## SWOT: the latest run's four quadrants, then what changed since the run before."""

from __future__ import annotations

from sqlmodel import Session

from kam_tui.export.markdown import block, bullet_list, inline
from kam_tui.models import Account, SwotItem
from kam_tui.services import swot


def _item(text: str) -> str:
    # a multi-line item stays one bullet: continuation lines are indented under it
    return block(text).replace("\n", "\n  ")


def _where(item: SwotItem) -> str:
    return f" ({item.quadrant.label})"


def _edited(old: SwotItem, new: SwotItem) -> str:
    if old.quadrant == new.quadrant:
        return f"Edited: {_item(old.text)} → {_item(new.text)}{_where(new)}"
    return f"Edited: {_item(old.text)}{_where(old)} → {_item(new.text)}{_where(new)}"


def render(session: Session, account: Account) -> str | None:
    run = swot.latest_run(session, account.id)
    if run is None:
        return None
    by_q = swot.items_by_quadrant(session, run.id)
    parts = ["## SWOT", f"Latest run: {run.run_on.isoformat()}"]
    for q, items in by_q.items():
        parts.append(f"### {q.label}\n*{inline(q.hint)}*")
        parts.append(bullet_list(_item(it.text) for it in items) if items else "(none)")
    cmp = swot.compare(session, run.id)
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
