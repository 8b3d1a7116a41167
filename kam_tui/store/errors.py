"""What the store raises: each str() is one line for the user, saying what and where.

Stdlib only: the app and the commands catch these before anything heavy loads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


class DatabaseRefused(Exception):
    """The database cannot be used; str() is a one-line message for the user."""


class NotKamDatabase(DatabaseRefused):
    pass


class DamagedDatabase(DatabaseRefused):
    pass


class NewerDatabase(DatabaseRefused):
    pass


class StorageError(Exception):
    """Reading or writing the database failed (disk full, read-only, locked, I/O,
    a server that cannot be reached or that dropped the connection).

    Raised instead of SQLAlchemy's multi-line OperationalError so that screens
    and commands can show str() as it is: one line saying what and why. The
    transaction that failed was rolled back, so nothing half-written remains."""


class ReadOnlyDatabase(StorageError):
    """A write was attempted on a database opened read-only."""


class DamagedWhileWorking(StorageError):
    """SQLite found a damaged page while reading or writing ("malformed", "not
    a database"): str() is the same refusal a damaged file gets when opened,
    naming the latest good backup of that file and the command that puts it
    back. The app and the commands stop there rather than go on with it."""


class ServerUnavailable(StorageError, DatabaseRefused):
    """The database server cannot be reached, or refuses us (wrong password, no
    such database). Both a refusal to open and a failed read or write."""


class ChangedElsewhere(Exception):
    """A save refused because someone else saved the same item after it was
    shown: "changed by Anna at 14:05". Nothing was written. `version` is the
    item's version now (None: it was deleted), `values` its columns now, so a
    screen can show what the other person saved and let the user apply theirs
    again over it deliberately."""

    def __init__(
        self,
        by: str,
        at: datetime | None,
        *,
        version: int | None,
        values: dict[str, Any] | None = None,
        deleted: bool = False,
    ) -> None:
        self.by = by
        self.at = at
        self.version = version
        self.values = values or {}
        self.deleted = deleted
        super().__init__(self._message())

    def _message(self) -> str:
        verb = "deleted" if self.deleted else "changed"
        who = self.by or "someone else"
        if self.at is None:
            return f"{verb} by {who} meanwhile"
        return f"{verb} by {who} at {when(self.at)}"


def when(moment: datetime) -> str:
    """HH:MM in local time, with the date when it is not today."""
    local = moment.astimezone() if moment.tzinfo is not None else moment.replace(tzinfo=UTC).astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"
