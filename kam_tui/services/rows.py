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
