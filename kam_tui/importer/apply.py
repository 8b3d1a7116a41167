"""Write a plan in ONE transaction: all of it, or (on any error, or a kill)
nothing.

Plain DB-API (sqlite3) executemany of tuples, no SQLAlchemy and no models:
`kam import` of 10,000 rows then costs a few times a plain csv + sqlite3 load,
where importing SQLModel alone took half a second. The values are
stored exactly as the ORM stores them (models.py): see NEW_ACCOUNT and
stored_decimal; tests/importer/test_import_plain.py holds the two to each other.

One apply path for everyone: `kam import` passes a sqlite3 connection from
db.open_plain, the import screen passes the app's engine, whose pooled
connection (with the same PRAGMAs) is used as a plain DB-API connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.importer.parse import ParsedFile
from kam_tui.importer.planning import Plan, make_plan
from kam_tui.text import name_key
from kam_tui.vocabulary import Attitude, Cadence, ContactStrength, Influence, PlanDepth, Stage, Tier, utcnow

if TYPE_CHECKING:
    from sqlalchemy import Engine

IMPORTED_REASON = "imported"
# what the file may give a new account, in the order write_plan binds them
_CREATE_FIELDS = (
    "crm_id",
    "country",
    "industry",
    "annual_revenue",
    "currency",
    "employees",
    "owner",
    "website",
    "notes",
)
# every other column of a new account, stored as models.Account's defaults are
# (created_at and updated_at are the import's time)
NEW_ACCOUNT: dict[str, Any] = {
    "tier": Tier.CANDIDATE.value,
    "focus": None,
    "why_key": "",
    "what_we_want": "",
    "stage": Stage.STRATEGY.value,
    "depth": PlanDepth.FULL.value,
    "review_cadence": Cadence.MONTHLY.value,
    "last_review": None,
    "next_plan_revision": None,
}
# a new stakeholder's judgement fields as models.Stakeholder's defaults: never guessed from the CRM
NEW_STAKEHOLDER: dict[str, Any] = {
    "buying_role": None,
    "influence": Influence.MEDIUM.value,
    "attitude": Attitude.NEUTRAL.value,
    "contact_strength": ContactStrength.NONE.value,
    "notes": "",
}
_BATCH = 2000


@dataclass
class ImportResult:
    """Counts over every kind the file held (accounts, people, deals)."""

    created: int
    updated: int
    unchanged: int
    skipped: int
    plan: Plan

    @property
    def nothing_kept(self) -> bool:
        """Every row was skipped: exit status 1."""
        return self.plan.parsed.rows_read > 0 and self.plan.rows_kept == 0 and not self.plan.parsed.left_out


def result_of(plan: Plan) -> ImportResult:
    created, updated, unchanged = len(plan.creates), len(plan.updates), len(plan.unchanged)
    for part in (plan.people, plan.deals):
        if part is not None:
            created += len(part.creates)
            updated += len(part.updates)
            unchanged += len(part.unchanged)
    return ImportResult(created, updated, unchanged, len(plan.skipped), plan)


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


def database_path(con: sqlite3.Connection) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    for _seq, name, file in con.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def before_import(path: Path | None) -> None:
    """THE place for the automatic backup before an import, so an import can
    always be undone by restoring the copy. Every
        import (the `kam import` command and the import screen) passes through
        it, once, before its one transaction; a dry run or a refused file never
        gets here. Raises backup.BackupFailed: then nothing is imported."""
    if path is None:
        return
    from kam_tui.backup import backup_before

    backup_before(path, "import")


def apply_import(
    db: sqlite3.Connection | Engine, parsed: ParsedFile, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Plan against the database as it is now and write the plan, in one
    transaction. The plan is made inside the transaction, so what was previewed
    a while ago cannot overwrite an edit made since.

    `db`: a sqlite3 connection (db.open_plain) or an Engine (the app's). Holds
    the writer lock throughout (shared when this process has it already, as
    the app does). A storage failure (disk full, read-only, busy) raises
    db.StorageError with a one-line message; any other database error is
    re-raised as it is. Either way nothing was written."""
    if isinstance(db, sqlite3.Connection):
        return _apply(db, parsed, progress, read_only=False, reason="")
    raw = db.raw_connection()  # pooled: our PRAGMAs are set on it (db.make_engine)
    try:
        con = raw.driver_connection
        assert isinstance(con, sqlite3.Connection), "kam's engines are SQLite"
        return _apply(
            con,
            parsed,
            progress,
            read_only=getattr(db, "kam_read_only", False),
            reason=getattr(db, "kam_read_only_reason", ""),
        )
    finally:
        raw.close()


def _apply(
    con: sqlite3.Connection,
    parsed: ParsedFile,
    progress: Callable[[int, int], None] | None,
    *,
    read_only: bool,
    reason: str,
) -> ImportResult:
    from kam_tui import lock
    from kam_tui.db import OPEN_ELSEWHERE, ReadOnlyDatabase, StorageError, describe_storage_error

    path = database_path(con)
    try:
        with lock.WriterLock(path, "import") if path else nullcontext():
            before_import(path)
            # Take SQLite's write lock before planning: the plan's reads and
            # the writes then see one state of the file, and no other writer
            # slips in between.
            con.execute("BEGIN IMMEDIATE")
            try:
                plan = make_plan(con, parsed)
                write_plan(con, plan, progress)
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        # storage trouble becomes one line, as an engine's would (db.make_engine)
        if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
            cls = ReadOnlyDatabase if read_only else StorageError
            raise cls(
                describe_storage_error(str(exc), path or Path(":memory:"), read_only, reason or OPEN_ELSEWHERE)
            ) from None
        raise
    return result_of(plan)


def sql_literal(value: str | None) -> str:
    """One of OUR constants (a vocabulary key, a timestamp we made) as an SQL
    literal; never used for text from a file."""
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


def write_plan(con: sqlite3.Connection, plan: Plan, progress: Callable[[int, int], None] | None = None) -> None:
    """executemany of tuples in batches (the progress bar moves per batch);
    the caller holds the transaction. What every new account shares is
    written into the statement, so each row binds only what the file gave."""
    now = stored_datetime(utcnow())
    constants = {**NEW_ACCOUNT, "created_at": now, "updated_at": now}
    columns = ["id", "name", "name_key", *_CREATE_FIELDS]
    insert_sql = (
        f"INSERT INTO account ({', '.join(columns + list(constants))}) "
        f"VALUES ({', '.join('?' * len(columns))}, {', '.join(map(sql_literal, constants.values()))})"
    )
    # one statement per batch: the new accounts' ids are consecutive (next_id on)
    tier_change_sql = (
        "INSERT INTO tier_change (account_id, from_tier, to_tier, reason, changed_at) "
        "SELECT id, NULL, ?, ?, ? FROM account WHERE id BETWEEN ? AND ? ORDER BY id"
    )
    total = len(plan.creates) + len(plan.updates)
    for part in (plan.people, plan.deals):
        if part is not None:
            total += len(part.creates) + len(part.updates)
    done = 0
    next_id = con.execute("SELECT coalesce(max(id), 0) FROM account").fetchone()[0] + 1
    for start in range(0, len(plan.creates), _BATCH):
        chunk = plan.creates[start : start + _BATCH]
        first = next_id
        rows = []
        for target in chunk:
            get = target.fills.get
            target.account_id = next_id
            revenue = get("annual_revenue")
            rows.append(
                (
                    next_id,
                    target.name,
                    name_key(target.name),
                    get("crm_id"),
                    get("country", ""),
                    get("industry", ""),
                    None if revenue is None else stored_decimal(revenue),
                    get("currency"),
                    get("employees"),
                    get("owner", ""),
                    get("website", ""),
                    get("notes", ""),
                )
            )
            next_id += 1
        con.executemany(insert_sql, rows)
        con.execute(tier_change_sql, (Tier.CANDIDATE.value, IMPORTED_REASON, now, first, next_id - 1))
        done += len(chunk)
        if progress:
            progress(done, total)
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for target in plan.updates:
        fields = tuple(sorted(target.fills))
        groups.setdefault(fields, []).append(
            tuple(stored_decimal(target.fills[f]) if f == "annual_revenue" else target.fills[f] for f in fields)
            + (now, target.account_id)
        )
    for fields, rows in groups.items():
        sets = ", ".join(f"{f} = ?" for f in fields + ("updated_at",))
        con.executemany(f"UPDATE account SET {sets} WHERE id = ?", rows)
        done += len(rows)
        if progress:
            progress(done, total)
    touched: set[int] = set()
    if plan.people is not None:
        done = _write_people(con, plan, now, touched, done, total, progress)
    if plan.deals is not None:
        done = _write_deals(con, plan, touched, done, total, progress)
    # what services.accounts.touch does when a person or deal changes by hand
    con.executemany("UPDATE account SET updated_at = ? WHERE id = ?", [(now, a) for a in sorted(touched)])


def _stored(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return stored_decimal(value)
    return value


def _write_people(
    con: sqlite3.Connection,
    plan: Plan,
    now: str,
    touched: set[int],
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    """New stakeholders, then the fields filled on known ones, then reports-to
    (a manager may be new, so their id is known only now)."""
    from kam_tui.importer.people import PERSON_FIELDS

    people = plan.people
    assert people is not None
    columns = ["account_id", "name", *PERSON_FIELDS]
    insert_sql = (
        f"INSERT INTO stakeholder ({', '.join(columns + list(NEW_STAKEHOLDER))}) "
        f"VALUES ({', '.join('?' * len(columns))}, {', '.join(map(sql_literal, NEW_STAKEHOLDER.values()))})"
    )
    for person in people.creates:
        account_id = person.account.account_id
        assert account_id is not None
        get = person.fills.get
        cursor = con.execute(
            insert_sql,
            (
                account_id,
                person.name,
                *(
                    _stored(get(f, "" if f in ("title", "department", "email", "phone") else None))
                    for f in PERSON_FIELDS
                ),
            ),
        )
        person.stakeholder_id = cursor.lastrowid
        touched.add(account_id)
        done += 1
        if progress and done % _BATCH == 0:
            progress(done, total)
    for person in people.updates:
        if person.fills:
            fields = sorted(person.fills)
            con.execute(
                f"UPDATE stakeholder SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?",
                (*(_stored(person.fills[f]) for f in fields), person.stakeholder_id),
            )
        if person.account.account_id is not None:
            touched.add(person.account.account_id)
        done += 1
    con.executemany(
        "UPDATE stakeholder SET reports_to_id = ? WHERE id = ?",
        [
            (p.manager.stakeholder_id, p.stakeholder_id)
            for p in people.creates + people.updates
            if p.manager is not None and p.manager.stakeholder_id is not None
        ],
    )
    if progress:
        progress(done, total)
    return done


def _write_deals(
    con: sqlite3.Connection,
    plan: Plan,
    touched: set[int],
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    from kam_tui.importer.deals import DEAL_FIELDS

    deals = plan.deals
    assert deals is not None
    columns = ["account_id", "name", *DEAL_FIELDS]
    insert_sql = f"INSERT INTO opportunity ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    rows = []
    for deal in deals.creates:
        account_id = deal.account.account_id
        assert account_id is not None
        get = deal.fills.get
        rows.append(
            (
                account_id,
                deal.name,
                *(_stored(get(f, "" if f == "notes" else "open" if f == "status" else None)) for f in DEAL_FIELDS),
            )
        )
        touched.add(account_id)
    con.executemany(insert_sql, rows)
    done += len(rows)
    for deal in deals.updates:
        fields = sorted(deal.fills)
        con.execute(
            f"UPDATE opportunity SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?",
            (*(_stored(deal.fills[f]) for f in fields), deal.opportunity_id),
        )
        if deal.account.account_id is not None:
            touched.add(deal.account.account_id)
        done += 1
    if progress:
        progress(done, total)
    return done
