"""A deleted row leaves a tombstone: its table, its uuid, when and by whom.

A later offline copy pairs rows across copies by uuid; without a tombstone it
could not tell a row deleted here from one added there, and would bring the
deleted row back. Rows the database deletes on its own (ON DELETE CASCADE:
an account's people, a goal's actions) get theirs too: before the flush that
deletes a row, the rows that will go with it are looked up table by table.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.orm import Session


@cache
def _cascades() -> dict[str, tuple[tuple[sa.Table, sa.Column[Any]], ...]]:
    """table name -> (child table, its column pointing at the parent's id) for
    every foreign key the database follows with ON DELETE CASCADE."""
    from kam_tui.store.schema import kam_metadata

    found: dict[str, list[tuple[sa.Table, sa.Column[Any]]]] = {}
    for table in kam_metadata().sorted_tables:
        for fk in table.foreign_keys:
            if (fk.ondelete or "").upper() == "CASCADE":
                found.setdefault(fk.column.table.name, []).append((table, fk.parent))
    return {name: tuple(children) for name, children in found.items()}


def _gone_with(session: Session, table_name: str, ids: list[Any], out: dict[str, str]) -> None:
    """Add the uuids of rows that cascade from deleting `ids` of `table_name`."""
    import sqlalchemy as sa

    for child, column in _cascades().get(table_name, ()):
        has_id = "id" in child.c and child.c.id.primary_key
        picked = [child.c.uuid, child.c.id] if has_id else [child.c.uuid]
        rows = session.execute(sa.select(*picked).where(column.in_(ids))).all()
        for row in rows:
            out.setdefault(row[0], child.name)
        if has_id and rows:
            _gone_with(session, child.name, [row[1] for row in rows], out)


def record_deletes(session: Session, deleted: Iterable[Any], user: str) -> None:
    """Write a tombstone for every row in `deleted` (ORM objects about to be
    deleted) and every row the database will delete with them."""
    import sqlalchemy as sa

    from kam_tui.models import Tombstone, utcnow

    gone: dict[str, str] = {}  # uuid -> table
    for obj in deleted:
        table = obj.__table__
        if obj.uuid is not None:
            gone.setdefault(obj.uuid, table.name)
        if "id" in table.c and getattr(obj, "id", None) is not None:
            _gone_with(session, table.name, [obj.id], gone)
    if gone:
        now = utcnow()
        session.execute(
            sa.insert(Tombstone.__table__),  # type: ignore[attr-defined]
            [
                {"table_name": table, "row_uuid": row_uuid, "deleted_at": now, "deleted_by": user}
                for row_uuid, table in gone.items()
            ],
        )


def keep_tombstones(session: Session) -> None:
    """Make every flush of `session` that deletes rows record their tombstones."""
    from sqlalchemy import event

    from kam_tui.store.stamps import user_of

    def before_flush(sess: Session, _context: Any, _instances: Any) -> None:
        if sess.deleted:
            record_deletes(sess, list(sess.deleted), user_of(sess.get_bind()))  # type: ignore[arg-type]

    event.listen(session, "before_flush", before_flush)
