"""SWOT runs and their items.

The method asks for a SWOT run regularly, not once, so an account holds dated
runs. A new run starts as a copy of the latest one; each copy remembers the item
it came from (`copied_from_id`), which lets a comparison tell an edited item from
one removed and another added.

Only the latest run can be changed: earlier runs are the record of what we
thought then, and editing them would rewrite the comparison after the fact.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import SwotItem, SwotQuadrant, SwotRun
from kam_tui.rules.swot import (  # the rules, re-exported for callers
    QUADRANTS as QUADRANTS,
    Comparison as Comparison,
    compare_items as compare_items,
    items_by_quadrant_of as items_by_quadrant_of,
    sorted_items as sorted_items,
    sorted_runs as sorted_runs,
)
from kam_tui.services import accounts
from kam_tui.services.rows import move_in_order, stored_id

MAX_TEXT = 2000


def clean_text(value: str | None) -> str:
    """An item's text: required; one line or several, trailing blanks trimmed."""
    lines = [ln.rstrip() for ln in (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    if not text:
        raise ValidationError("text", "is required")
    if len(text) > MAX_TEXT:
        raise ValidationError("text", f"is {len(text)} characters long; at most {MAX_TEXT}")
    return text


def _quadrant(value: SwotQuadrant | str) -> SwotQuadrant:
    if isinstance(value, SwotQuadrant):
        return value
    try:
        return SwotQuadrant.parse(str(value or ""))
    except ValueError as exc:
        raise ValidationError("quadrant", str(exc)) from None


# --------------------------------------------------------------------------
# Runs


def list_runs(session: Session, account_id: int) -> list[SwotRun]:
    """The account's runs, oldest first (same-day runs in the order they were made)."""
    return sorted_runs(session.exec(select(SwotRun).where(SwotRun.account_id == account_id)))


def latest_run(session: Session, account_id: int) -> SwotRun | None:
    runs = list_runs(session, account_id)
    return runs[-1] if runs else None


def get_run(session: Session, run_id: int) -> SwotRun:
    run = session.get(SwotRun, run_id)
    if run is None:
        raise NotFound(f"no SWOT run with id {run_id}")
    return run


def previous_run(session: Session, run_id: int) -> SwotRun | None:
    """The run before this one, or None for the first."""
    run = get_run(session, run_id)
    runs = list_runs(session, run.account_id)
    i = [r.id for r in runs].index(run.id)
    return runs[i - 1] if i > 0 else None


def is_latest(session: Session, run_id: int) -> bool:
    run = get_run(session, run_id)
    latest = latest_run(session, run.account_id)
    return latest is not None and latest.id == run.id


def new_run(session: Session, account_id: int, *, today: date | None = None) -> SwotRun:
    """Start a run dated today as a copy of the latest run (empty if there is none)."""
    accounts.get_account(session, account_id)
    previous = latest_run(session, account_id)
    run = SwotRun(account_id=account_id, run_on=today or clock.today())
    session.add(run)
    session.flush()
    if previous is not None:
        for item in run_items(session, stored_id(previous)):
            session.add(
                SwotItem(
                    run_id=stored_id(run),
                    quadrant=item.quadrant,
                    position=item.position,
                    text=item.text,
                    copied_from_id=item.id,
                )
            )
    accounts.touch(session, account_id)
    session.commit()
    return run


def ensure_run(session: Session, account_id: int) -> SwotRun:
    """The latest run, starting the account's first one if it has none."""
    return latest_run(session, account_id) or new_run(session, account_id)


def delete_run(session: Session, run_id: int) -> None:
    """Delete the latest run (e.g. one started by mistake); earlier runs stay."""
    run = get_run(session, run_id)
    _check_editable(session, run)
    account_id = run.account_id
    for item in run_items(session, stored_id(run)):
        session.delete(item)
    session.delete(run)
    accounts.touch(session, account_id)
    session.commit()


# --------------------------------------------------------------------------
# Items


def run_items(session: Session, run_id: int, quadrant: SwotQuadrant | None = None) -> list[SwotItem]:
    """A run's items by quadrant (method order), then position."""
    stmt = select(SwotItem).where(SwotItem.run_id == run_id)
    if quadrant is not None:
        stmt = stmt.where(SwotItem.quadrant == quadrant)
    return sorted_items(session.exec(stmt))


def items_by_quadrant(session: Session, run_id: int) -> dict[SwotQuadrant, list[SwotItem]]:
    return items_by_quadrant_of(run_items(session, run_id))


def get_item(session: Session, item_id: int) -> SwotItem:
    item = session.get(SwotItem, item_id)
    if item is None:
        raise NotFound(f"no SWOT item with id {item_id}")
    return item


def _check_editable(session: Session, run: SwotRun) -> None:
    if not is_latest(session, stored_id(run)):
        raise ValidationError(
            "run", f"the run of {run.run_on.isoformat()} is an earlier run and is kept as it was; edit the latest run"
        )


def _renumber(session: Session, run_id: int, quadrant: SwotQuadrant) -> None:
    """Keep positions dense (0, 1, 2, ...) within a quadrant."""
    for i, item in enumerate(run_items(session, run_id, quadrant)):
        if item.position != i:
            item.position = i
            session.add(item)


def add_item(session: Session, run_id: int, quadrant: SwotQuadrant | str, text: str) -> SwotItem:
    """Add an item at the end of its quadrant."""
    run = get_run(session, run_id)
    q = _quadrant(quadrant)
    text = clean_text(text)
    _check_editable(session, run)
    item = SwotItem(run_id=stored_id(run), quadrant=q, text=text, position=len(run_items(session, stored_id(run), q)))
    session.add(item)
    accounts.touch(session, run.account_id)
    session.commit()
    return item


def edit_item(
    session: Session, item_id: int, *, text: str | None = None, quadrant: SwotQuadrant | str | None = None
) -> SwotItem:
    """Change an item's text and/or move it to another quadrant (at its end)."""
    item = get_item(session, item_id)
    run = get_run(session, item.run_id)
    new_text = clean_text(text) if text is not None else item.text
    new_q = _quadrant(quadrant) if quadrant not in (None, "") else item.quadrant
    _check_editable(session, run)
    old_q = item.quadrant
    item.text = new_text
    if new_q != old_q:
        position = len(run_items(session, stored_id(run), new_q))
        item.quadrant = new_q
        item.position = position
    session.add(item)
    session.flush()
    if new_q != old_q:
        _renumber(session, stored_id(run), old_q)
    accounts.touch(session, run.account_id)
    session.commit()
    return item


def delete_item(session: Session, item_id: int) -> None:
    item = get_item(session, item_id)
    run = get_run(session, item.run_id)
    _check_editable(session, run)
    quadrant = item.quadrant
    session.delete(item)
    session.flush()
    _renumber(session, stored_id(run), quadrant)
    accounts.touch(session, run.account_id)
    session.commit()


def move_item(session: Session, item_id: int, delta: int) -> SwotItem:
    """Move an item up (delta < 0) or down within its quadrant; stops at the ends."""
    item = get_item(session, item_id)
    run = get_run(session, item.run_id)
    _check_editable(session, run)
    siblings = run_items(session, stored_id(run), item.quadrant)
    if move_in_order(siblings, item, delta):
        session.add_all(siblings)
        accounts.touch(session, run.account_id)
        session.commit()
    return item


# --------------------------------------------------------------------------
# Comparison


def compare(session: Session, run_id: int) -> Comparison:
    """Compare a run with the run before it.

    added: items not copied from the previous run; removed: previous items no
    item copied from; edited: copied, but text or quadrant changed."""
    run = get_run(session, run_id)
    prev = previous_run(session, run_id)
    before = run_items(session, stored_id(prev)) if prev is not None else []
    return compare_items(run, prev, run_items(session, stored_id(run)), before)
