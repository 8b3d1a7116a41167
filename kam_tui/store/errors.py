"""What the store raises: each str() is one line for the user, saying what and where.

Stdlib only: the app and the commands catch these before anything heavy loads."""

from __future__ import annotations


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
