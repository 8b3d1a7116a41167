"""The database's names as they were before the store (kam_tui/store/) took
them over, for code that still imports them from here (the importer, until it
moves onto the store too). New code imports from kam_tui.store.* directly."""

from __future__ import annotations

from kam_tui.store.engine import backup_before_migrate, make_engine, new_session, open_database
from kam_tui.store.errors import (
    DamagedDatabase,
    DatabaseRefused,
    NewerDatabase,
    NotKamDatabase,
    ReadOnlyDatabase,
    StorageError,
)
from kam_tui.store.revisions import SCHEMA_VERSION
from kam_tui.store.sqlite_file import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    OPEN_ELSEWHERE,
    SQLITE_MAGIC,
    FileState,
    apply_pragmas,
    check_file,
    connect_plain,
    describe_storage_error,
    inspect_file,
    location_writable,
    open_plain,
    read_only_message,
    read_uri,
    with_backup_hint,
)

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "OPEN_ELSEWHERE",
    "SCHEMA_VERSION",
    "SQLITE_MAGIC",
    "DamagedDatabase",
    "DatabaseRefused",
    "FileState",
    "NewerDatabase",
    "NotKamDatabase",
    "ReadOnlyDatabase",
    "StorageError",
    "apply_pragmas",
    "backup_before_migrate",
    "check_file",
    "connect_plain",
    "describe_storage_error",
    "inspect_file",
    "location_writable",
    "make_engine",
    "new_session",
    "open_database",
    "open_plain",
    "read_only_message",
    "read_uri",
    "with_backup_hint",
]
