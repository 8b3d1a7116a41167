"""The import's writes: one transaction, on a SQLite file or a PostgreSQL server.

    with importing(db) as writer:          # lock + verified backup (a file), one transaction
        plan = make_plan(writer.connection, parsed)
        ids = writer.insert("account", rows, ids=True)
        writer.update("account", changes)  # each row: its "id" and the fields to set

A row holds only the values the import has; the table fills every other
column. Every row passes through `ImportWriter.written`, the one place where
what each written row carries besides the file's values is added.

Two writers, one contract:
- CoreWriter: SQLAlchemy Core against the models' tables, so their declared
  defaults fill the columns a row leaves out; ids come back from the database
  (RETURNING, in the rows' order). A server always takes this one.
- FileWriter: stdlib sqlite3 executemany, for a SQLite file. `kam import` into
  a file then loads neither SQLAlchemy nor the models (importing them costs
  0.4 s, as long as the whole 10,000-row import takes on plain sqlite3; Core's
  inserts cost another 0.2 s). What the tables would fill in is FILE_DEFAULTS;
  tests/core/test_import_writer.py holds the two writers to writing the same
  rows, column for column.
Neither works out an id itself: two people may import into one server at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.vocabulary import Attitude, Cadence, ContactStrength, Influence, OpportunityStatus, PlanDepth, Stage, Tier

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

Row = dict[str, Any]

# What the models' tables (kam_tui/models.py) give a column a row leaves out,
# for the file writer, which does not load them; a nullable column without a
# default is left to SQLite (NULL). Stored values (vocabulary keys), as the
# tables store them.
FILE_DEFAULTS: dict[str, Row] = {
    "account": {
        "industry": "",
        "country": "",
        "website": "",
        "tier": Tier.CANDIDATE.value,
        "why_key": "",
        "what_we_want": "",
        "owner": "",
        "stage": Stage.STRATEGY.value,
        "depth": PlanDepth.FULL.value,
        "review_cadence": Cadence.MONTHLY.value,
        "notes": "",
        "version": 1,
    },
    "tier_change": {"reason": "", "version": 1},
    "stakeholder": {
        "title": "",
        "department": "",
        "influence": Influence.MEDIUM.value,
        "attitude": Attitude.NEUTRAL.value,
        "contact_strength": ContactStrength.NONE.value,
        "notes": "",
        "email": "",
        "phone": "",
        "version": 1,
    },
    "opportunity": {"status": OpportunityStatus.OPEN.value, "notes": "", "version": 1},
}


def stored_decimal(value: Decimal | int | str | None) -> str | None:
    """A Decimal as models.DecimalText stores it: canonical text, no exponent."""
    if value is None:
        return None
    if type(value) is Decimal and (text := str(value)).isdigit():
        return text  # a whole amount as parsed (exponent 0): already canonical, and far cheaper
    return format(Decimal(value).normalize(), "f")


def stored_datetime(moment: datetime) -> str:
    """A datetime as SQLAlchemy's SQLite DATETIME stores it (UTC, no offset)."""
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _sql_literal(value: str | None) -> str:
    """One of OUR constants (FILE_DEFAULTS) as an SQL literal; never text from a file."""
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


class ImportWriter:
    """Inserts and updates inside the import's one transaction. `connection`
    is what make_plan reads through, so the plan sees what the writes change."""

    connection: Any

    def __init__(self, now: datetime, user: str) -> None:
        self.now = now
        self.user = user

    def written(self, table: str, rows: list[Row], *, new: bool) -> None:
        """THE place the rows the import writes are completed with what each
        carries besides the file's values: the time of the import and who ran
        it, on every row (a new account's created_at too), as an edit in the app
        records them. Every insert and update passes through here; a new row's
        uuid and version and an updated row's next version are the table's
        (a column default on Core, the database's default and `version + 1`
        on the file writer)."""
        now, user = self.now, self.user
        for row in rows:
            row["updated_at"] = now
            row["updated_by"] = user
        if table == "account" and new:
            for row in rows:
                row["created_at"] = now

    def insert(self, table: str, rows: list[Row], *, ids: bool = False) -> list[int]:
        """Insert `rows` (each only the values the import has); with `ids`, the
        new rows' ids in the order of `rows`, as the database gave them."""
        self.written(table, rows, new=True)
        groups = _by_columns(rows)
        if len(groups) == 1:
            return self._insert(table, rows, ids)
        found: dict[int, int] = {}  # id(row) -> its new id: each group's ids back in the rows' order
        for group in groups:
            found.update(zip(map(id, group), self._insert(table, group, ids), strict=ids))
        return [found[id(row)] for row in rows] if ids else []

    def update(self, table: str, rows: list[Row]) -> None:
        """Each row: "id" and the fields to set on that row; its version moves on."""
        self.written(table, rows, new=False)
        for group in _by_columns(rows):
            self._update(table, group, bump=True)

    def touch(self, table: str, ids: list[int]) -> None:
        """Mark rows as changed now, keeping their version, as
        services.accounts.touch does: a person or a deal changing is not a
        change to the account's own fields, so nobody's account form is refused."""
        rows: list[Row] = [{"id": i} for i in ids]
        if rows:
            self.written(table, rows, new=False)
            self._update(table, rows, bump=False)

    def _insert(self, table: str, rows: list[Row], ids: bool) -> list[int]:
        raise NotImplementedError

    def _update(self, table: str, rows: list[Row], *, bump: bool) -> None:
        raise NotImplementedError


def _by_columns(rows: list[Row]) -> list[list[Row]]:
    """Rows grouped by the columns they give, each group in the rows' order: one
    statement per group (an export's rows mostly give the same columns)."""
    if not rows:
        return []
    first = rows[0].keys()
    if all(row.keys() == first for row in rows):
        return [rows]
    groups: dict[frozenset[str], list[Row]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    return list(groups.values())


# ---------------------------------------------------------------- SQLAlchemy Core


class CoreWriter(ImportWriter):
    def __init__(self, connection: Connection, now: datetime, user: str) -> None:
        super().__init__(now, user)
        self.connection = connection

    def _insert(self, table: str, rows: list[Row], ids: bool) -> list[int]:
        t = _table(table)
        if not ids:
            self.connection.execute(t.insert(), rows)
            return []
        # sort_by_parameter_order: SQLAlchemy matches each returned id to its row
        # (on PostgreSQL and SQLite alike), whatever order the database answers in
        result = self.connection.execute(t.insert().returning(t.c.id, sort_by_parameter_order=True), rows)
        return [row_id for (row_id,) in result]

    def _update(self, table: str, rows: list[Row], *, bump: bool) -> None:
        from sqlalchemy import bindparam

        t = _table(table)
        # the SET clause is the columns each row gives; the row's own id picks it.
        # The version moves on by the table's onupdate unless it is set to itself
        statement = t.update().where(t.c.id == bindparam("row_id"))
        if not bump:
            statement = statement.values(version=t.c.version)
        self.connection.execute(
            statement,
            [{**{k: v for k, v in row.items() if k != "id"}, "row_id": row["id"]} for row in rows],
        )


def _table(name: str) -> Any:
    from kam_tui import models

    return models.SQLModel.metadata.tables[name]


# ---------------------------------------------------------------- stdlib sqlite3


class FileWriter(ImportWriter):
    def __init__(self, connection: sqlite3.Connection, now: datetime, user: str) -> None:
        super().__init__(now, user)
        self.connection = connection

    def _insert(self, table: str, rows: list[Row], ids: bool) -> list[int]:
        plain = _Plain(rows)
        constants = dict(plain.constants)
        for column, value in FILE_DEFAULTS.get(table, {}).items():
            if column not in plain.bound and column not in constants:
                constants[column] = value
        sql = (
            f"INSERT INTO {table} ({', '.join(plain.bound + list(constants))}) "
            f"VALUES ({', '.join(['?'] * len(plain.bound) + [_sql_literal(v) for v in constants.values()])})"
        )
        if not ids:
            self.connection.executemany(sql, plain.rows)
            return []
        key = _UNIQUE.get(table)
        if key is None or key not in plain.bound:
            cursor = self.connection.cursor()
            found = []
            for values in plain.rows:
                cursor.execute(sql, values)
                assert cursor.lastrowid is not None
                found.append(cursor.lastrowid)
            return found
        # one statement for all, then each new row found by its unique key
        self.connection.executemany(sql, plain.rows)
        keys = plain.column(key)
        by_key: dict[Any, int] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ", ".join("?" * len(part))
            by_key.update(self.connection.execute(f"SELECT {key}, id FROM {table} WHERE {key} IN ({marks})", part))
        return [by_key[k] for k in keys]

    def _update(self, table: str, rows: list[Row], *, bump: bool) -> None:
        plain = _Plain(rows, last="id")
        sets = [f"{f} = {_sql_literal(v)}" for f, v in plain.constants.items()]
        sets += [f"{f} = ?" for f in plain.bound if f != "id"]
        if bump:  # what the models' onupdate does on Core: an edit seen before is now stale
            sets.append("version = version + 1")
        self.connection.executemany(f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?", plain.rows)


# a column whose value identifies a new row, so a batch's ids are read back in one go
_UNIQUE = {"account": "name_key"}
_NATIVE = frozenset((str, int, float, type(None)))
_AMOUNTS = frozenset((Decimal, type(None)))


class _Plain:
    """Rows as the tables store them on a file, a column at a time: what sqlite3
    takes as it is stays; a Decimal, a date, a moment or a vocabulary member
    becomes the text SQLAlchemy would have written. A column holding one of our
    own values (the import's moment, a vocabulary key) on every row is written
    into the statement once (`constants`); the rest are bound per row (`bound`,
    in `rows` as tuples). `last`: a column bound last (the id of an update)."""

    def __init__(self, rows: list[Row], last: str | None = None) -> None:
        names = [c for c in rows[0] if c != last] + ([last] if last else [])
        get = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        columns = list(zip(*map(get, rows), strict=True))
        self.bound: list[str] = []
        self.constants: dict[str, Any] = {}
        kept: list[tuple[Any, ...] | list[Any]] = []
        for name, values in zip(names, columns, strict=True):
            kinds = set(map(type, values))
            if kinds <= _NATIVE:
                self.bound.append(name)
                kept.append(values)
                continue
            if (
                name != last
                and len(kinds) == 1
                and issubclass(next(iter(kinds)), (datetime, Enum))
                and values.count(values[0]) == len(values)
            ):
                self.constants[name] = _stored(values[0])
                continue
            self.bound.append(name)
            # an amount column (the bulk of what needs turning into text) goes straight to its form
            convert = stored_decimal if kinds <= _AMOUNTS else _stored
            kept.append([convert(v) for v in values])
        self._columns = dict(zip(self.bound, kept, strict=True))
        self.rows = list(zip(*kept, strict=True)) if kept else [() for _ in rows]

    def column(self, name: str) -> list[Any]:
        return list(self._columns[name])


def _stored(value: Any) -> Any:
    if type(value) in _NATIVE:
        return value
    if isinstance(value, Decimal):
        return stored_decimal(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return stored_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- the transaction


def database_path(con: sqlite3.Connection) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    for _seq, name, file in con.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def backup_before_import(path: Path | None) -> None:
    """THE place for the automatic backup before an import into a file, so an
    import can always be undone by restoring the copy. Every import (the
    `kam import` command and the import screen) passes through it, once,
    before its one transaction; a dry run or a refused file never gets here.
    A server has no kam backup (its own backups are the server's). Raises
    backup.BackupFailed: then nothing is imported."""
    if path is None:
        return
    from kam_tui.backup import backup_before

    backup_before(path, "import")


@contextmanager
def importing(db: sqlite3.Connection | Engine, *, plain_on_a_file: bool = True) -> Iterator[ImportWriter]:
    """One transaction for a whole import: all of it is written, or (on any
    error, or a kill) nothing. `db`: a sqlite3 connection (`kam import`,
    sqlite_file.open_plain) or an Engine (the app's; a server's).

    On a file: the writer lock (shared when this process holds it already, as
    the app does), the verified backup, then SQLite's write lock before the
    plan is made, so the plan's reads and the writes see one state of the file.
    On a server: the account table is locked against other writers (readers go
    on) for the same reason, so two imports at once take turns.
    Storage trouble raises StorageError (ReadOnlyDatabase) with one line; a
    server that cannot be reached or drops the connection, StorageError or
    ServerUnavailable. `plain_on_a_file=False` writes a file through Core too."""
    if isinstance(db, sqlite3.Connection):
        from kam_tui.settings import current_user

        with _plain_transaction(db, read_only=False, reason="", user=current_user()) as writer:
            yield writer
        return
    from kam_tui.store.engine import engine_info
    from kam_tui.store.stamps import user_of

    if db.dialect.name == "sqlite" and plain_on_a_file:
        info = engine_info(db)
        raw = db.raw_connection()  # pooled: our PRAGMAs are set on it (engine.make_engine)
        try:
            con = raw.driver_connection
            assert isinstance(con, sqlite3.Connection)
            with _plain_transaction(con, read_only=info.read_only, reason=info.reason, user=user_of(db)) as writer:
                yield writer
        finally:
            raw.close()
        return
    with _core_transaction(db) as writer:
        yield writer


@contextmanager
def _plain_transaction(con: sqlite3.Connection, *, read_only: bool, reason: str, user: str) -> Iterator[ImportWriter]:
    from kam_tui import lock
    from kam_tui.store.errors import ReadOnlyDatabase, StorageError
    from kam_tui.store.sqlite_file import OPEN_ELSEWHERE, describe_storage_error
    from kam_tui.vocabulary import utcnow

    path = database_path(con)
    try:
        with lock.WriterLock(path, "import") if path else nullcontext():
            backup_before_import(path)
            con.execute("BEGIN IMMEDIATE")
            try:
                yield FileWriter(con, utcnow(), user)
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        # storage trouble becomes one line, as an engine's would (engine.make_engine)
        if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
            cls = ReadOnlyDatabase if read_only else StorageError
            raise cls(
                describe_storage_error(str(exc), path or Path(":memory:"), read_only, reason or OPEN_ELSEWHERE)
            ) from None
        raise


@contextmanager
def _core_transaction(engine: Engine) -> Iterator[ImportWriter]:
    from kam_tui import lock
    from kam_tui.store.engine import file_of
    from kam_tui.store.stamps import user_of
    from kam_tui.vocabulary import utcnow

    path = file_of(engine)
    with lock.WriterLock(path, "import") if path else nullcontext():
        backup_before_import(path)
        with engine.connect() as conn, conn.begin():
            if engine.dialect.name == "postgresql":
                # conflicts with itself and with every write to accounts, not with reads
                conn.exec_driver_sql("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE")
            yield CoreWriter(conn, utcnow(), user_of(engine))


__all__ = ["FILE_DEFAULTS", "ImportWriter", "importing", "stored_datetime", "stored_decimal"]
