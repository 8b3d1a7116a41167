"""Row helpers shared by the services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlmodel import Session, SQLModel


class Stored(Protocol):
    """A table row with an integer key (every table but the link tables)."""

    id: int | None


def stored_id(row: Stored) -> int:
    """The id of a row the database holds. An ORM object has no id only before
    its first flush, so None here is a bug in the caller, never bad input."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id until it is flushed")
    return row.id


def delete_with_children(session: Session, parent: SQLModel, children: Sequence[SQLModel]) -> int:
    """Delete `parent` and the `children` that hang off it; returns how many
    children went. Children first: the unit of work does not know the foreign
    key, so it would not order the deletes itself."""
    for child in children:
        session.delete(child)
    session.flush()
    session.delete(parent)
    return len(children)


def move_in_order(items: list[Any], item: Any, delta: int, first: int = 0) -> bool:
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


def put_setting(session: Session, key: str, value: str) -> None:
    """Set one of the database's settings, adding it if new. Not session.merge
    of a new Setting: that would copy the new object's empty uuid and stamps
    over the stored row's."""
    from kam_tui.models import Setting

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value
        session.add(row)
