"""The id of a row read from the database.

SQLModel types every id as optional, because a new row has none until it is
saved; a row read back always has one. `id_of(goal)` says so once, instead of
a check at every use. Tables hold the same ids as row keys (`row_id`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.widgets.data_table import RowKey


class Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: Stored) -> int:
    if row.id is None:
        raise ValueError(f"this {type(row).__name__} is not saved yet")
    return row.id


def row_id(key: RowKey) -> int | None:
    """The id a table row was added under (`add_row(..., key=str(id))`)."""
    return None if key.value is None else int(key.value)
