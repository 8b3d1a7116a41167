"""Row helpers shared by the services."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session


def delete_with_children(session: Session, parent, children: Sequence) -> int:
    """Delete `parent` and the `children` that hang off it; returns how many
    children went. Children first: the unit of work does not know the foreign
    key, so it would not order the deletes itself."""
    for child in children:
        session.delete(child)
    session.flush()
    session.delete(parent)
    return len(children)


def move_in_order(items: list, item, delta: int, first: int = 0) -> bool:
    """Move `item` up (delta < 0) or down among `items` (in their shown order),
    stopping at the ends, and number their `position`s from `first`. False
    when it was already at that end (nothing renumbered)."""
    i = next(n for n, x in enumerate(items) if x.id == item.id)
    j = max(0, min(len(items) - 1, i + delta))
    if i == j:
        return False
    items.insert(j, items.pop(i))
    for n, x in enumerate(items, start=first):
        x.position = n
    return True
