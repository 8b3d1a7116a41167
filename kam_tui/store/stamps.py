"""What every row carries for a team and for offline copies: a uuid made when
the row is, and the name of whoever saved it last.

A uuid is made by whichever writer inserts the row: the ORM and Core inserts
through the column's default (new_uuid), a plain SQL writer that does not
name the column through the database's own default (NewUuid, one expression
per dialect). The name recorded in `updated_by` belongs to the engine: given
when the app or a command opens the database (open_database's `user`), so a
flush never reads the settings file.
"""

from __future__ import annotations

import uuid
import weakref
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_USERS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def new_uuid() -> str:
    return str(uuid.uuid4())


class NewUuid(FunctionElement[str]):
    """A random (version 4) uuid as text, made by the database: the server
    default of every `uuid` column."""

    type = String()
    inherit_cache = True


@compiles(NewUuid, "sqlite")
def _sqlite_uuid(_element: Any, _compiler: Any, **_kw: Any) -> str:
    # randomblob is evaluated per row, so a rebuilt table's old rows each get their own
    return (
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
        "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
    )


@compiles(NewUuid, "postgresql")
def _server_uuid(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "gen_random_uuid()::text"


def set_user(engine: Engine, name: str) -> None:
    """Record `name` beside every row written through `engine`."""
    _USERS[engine] = name


def user_of(engine: Engine) -> str:
    """The name edits through `engine` are recorded under; an engine opened
    without one (a test's, a tool's) asks the settings once."""
    name = _USERS.get(engine)
    if name is None:
        from kam_tui.settings import current_user

        name = _USERS[engine] = current_user()
    return name
