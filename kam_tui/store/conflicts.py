"""Refusing a save over someone else's newer change.

A screen carries the version of each item it shows (`Seen`). Before an edit
runs, `check_seen` reads that item's version in the edit's own transaction
(on a server with FOR UPDATE, so no other save lands before this one
commits): if someone else saved it since, the edit is refused with
ChangedElsewhere ("changed by Anna at 14:05") and nothing is written. An
object a session loaded earlier is covered by SQLAlchemy's version_id_col
(kam_tui/models.py): its UPDATE names the version it read, matches no row if
another save got in first, and `changed_since` turns that StaleDataError into
the same refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field as dc_field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from kam_tui.store.errors import ChangedElsewhere

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Seen:
    """The version of one row as a screen showed it. `key` is the primary key
    (a tuple for a two-column key); version 0: the row did not exist yet (a
    section not written), so any row there now was written by someone else.

    A one-key edit that sets one field (a deal's status, a tier, a score)
    names that `field` and the `value` the screen showed instead: it is
    refused only when someone else changed that field, whatever else they did.
    For a row that may not exist (a score not given), value None."""

    table: str
    key: Any
    version: int = 0
    field: str | None = None
    value: Any = None
    # the row's columns as shown, when known: after a refusal, what the other
    # person changed is what differs between these and the row now
    was: dict[str, Any] | None = dc_field(default=None, compare=False)

    def moved_to(self, version: int, was: dict[str, Any] | None = None) -> Seen:
        return replace(self, version=version, was=was)


def _where(table: Any, key: Any) -> list[Any]:
    values = key if isinstance(key, tuple) else (key,)
    return [column == value for column, value in zip(table.primary_key.columns, values, strict=True)]


def read_now(con: Session | Connection, table_name: str, key: Any, *, lock: bool = False) -> dict[str, Any] | None:
    """The row as it is now, every column by name; None when it is gone.
    `lock`: on a server, hold the row until the transaction ends, so nobody's
    save lands between this check and the edit (a file has one writer anyway)."""
    import sqlalchemy as sa

    from kam_tui.store.schema import kam_metadata

    table = kam_metadata().tables[table_name]
    query = sa.select(table).where(*_where(table, key))
    row = con.execute(query.with_for_update() if lock else query).mappings().first()
    return None if row is None else dict(row)


def refusal(now: dict[str, Any] | None, seen: Seen) -> ChangedElsewhere:
    if now is None:
        return ChangedElsewhere("", None, version=None, deleted=True)
    at = now.get("updated_at")
    if isinstance(at, str):  # a plain SQL writer's text
        at = datetime.fromisoformat(at)
    if isinstance(at, datetime) and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return ChangedElsewhere(now.get("updated_by") or "", at, version=int(now["version"]), values=now)


def deletion(con: Session | Connection, seen: Seen) -> ChangedElsewhere:
    """The row is gone: "deleted by Ana at 14:05" when its tombstone says so."""
    import sqlalchemy as sa

    from kam_tui.store.schema import kam_metadata

    row_uuid = (seen.was or {}).get("uuid")
    if row_uuid:
        tombstone = kam_metadata().tables["tombstone"]
        found = con.execute(
            sa.select(tombstone.c.deleted_by, tombstone.c.deleted_at)
            .where(tombstone.c.row_uuid == row_uuid)
            .order_by(tombstone.c.id.desc())
        ).first()
        if found is not None:
            at = found.deleted_at if found.deleted_at.tzinfo else found.deleted_at.replace(tzinfo=UTC)
            return ChangedElsewhere(found.deleted_by, at, version=None, deleted=True)
    return ChangedElsewhere("", None, version=None, deleted=True)


def check_seen(con: Session | Connection, seen: Seen) -> None:
    """Raise ChangedElsewhere unless the row is still at the version shown."""
    now = read_now(con, seen.table, seen.key, lock=True)
    if seen.field is not None:
        if _plain(None if now is None else now[seen.field]) != _plain(seen.value):
            raise refusal(now, seen) if now is not None else deletion(con, seen)
        return
    if now is None:
        if seen.version == 0:
            return
        raise deletion(con, seen)
    if int(now["version"]) != seen.version:
        raise refusal(now, seen)


def _plain(value: Any) -> Any:
    """A vocabulary member as its stored key, so a shown value and a read one
    compare; a row not there yet shows its text fields blank."""
    value = getattr(value, "value", value)
    return "" if value is None else value


def changed_since(con: Session | Connection, seen: Seen | None) -> Exception:
    """What to say when an UPDATE matched no row because another save got in
    first (SQLAlchemy's StaleDataError), read in a fresh transaction."""
    if seen is None:
        return ChangedElsewhere("", None, version=None)
    now = read_now(con, seen.table, seen.key)
    return refusal(now, seen) if now is not None else deletion(con, seen)


def run_checked(session: Session, seen: Seen | None, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(session, *args, **kwargs)` and its commit, refused with ChangedElsewhere
    when the row `seen` names was saved by someone else since it was shown."""
    from sqlalchemy.orm.exc import StaleDataError

    try:
        if seen is not None:
            check_seen(session, seen)
        value = fn(session, *args, **kwargs)
        session.commit()
    except StaleDataError:
        session.rollback()
        raise changed_since(session, seen) from None
    return value


def seen_of(item: Any) -> Seen:
    """The Seen of an item as a screen holds it: an ORM object, or a typed row
    of kam_tui/store/plans.py (which carries its version too)."""
    from kam_tui.store.schema import kam_metadata

    name = getattr(item, "__tablename__", None)
    if not isinstance(name, str):
        from kam_tui.store.plans import TABLES

        name = TABLES[type(item)].name
    table = kam_metadata().tables[name]
    keys = tuple(getattr(item, column.name) for column in table.primary_key.columns)
    was = {column.name: getattr(item, column.name) for column in table.columns if hasattr(item, column.name)}
    return Seen(name, keys[0] if len(keys) == 1 else keys, item.version, was=was)
