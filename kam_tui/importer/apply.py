"""Write a plan in ONE transaction: all of it, or (on any error, or a kill)
nothing. SQLAlchemy Core executemany, not ORM objects: a 10,000-row import
costs about what a plain csv + sqlite3 load does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa

from kam_tui.importer.parse import ParsedFile
from kam_tui.importer.planning import Plan, make_plan
from kam_tui.models import Account, Tier, TierChange, utcnow
from kam_tui.services.text import name_key

IMPORTED_REASON = "imported"
_CREATE_FIELDS = ("crm_id", "country", "industry", "annual_revenue", "currency", "employees", "owner",
                  "website", "notes")
_TEXT_DEFAULTS = {"country": "", "industry": "", "owner": "", "website": "", "notes": ""}


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int
    plan: Plan


def before_import(engine: sa.Engine) -> None:
    """THE place for the automatic backup before an import (issue 7): call
    `backup_before(<database path>, "import")` here. Every import (the `kam
    import` command and the import screen) passes through it, once, before its
    one transaction; a dry run or a refused file never gets here."""
    from pathlib import Path

    from kam_tui.backup import backup_before

    backup_before(Path(engine.url.database), "import")


def apply_import(engine: sa.Engine, parsed: ParsedFile,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Plan against the database as it is now and write the plan, in one
    transaction. The plan is made inside the transaction, so what was previewed
    a while ago cannot overwrite an edit made since."""
    before_import(engine)
    with engine.begin() as conn:
        # Take the write lock before planning: the plan's reads and the writes
        # then see one state of the file, and no other writer slips in between.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        plan = make_plan(conn, parsed)
        write_plan(conn, plan, progress)
    return ImportResult(len(plan.creates), len(plan.updates), len(plan.unchanged), len(plan.problems), plan)


def _processors(table: sa.Table, dialect) -> dict[str, Callable | None]:
    return {c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.c}


def _stored(processors: dict, column: str, value):
    """A value as SQLAlchemy would store it (Decimal as text, enums by value, ...)."""
    proc = processors[column]
    return proc(value) if proc is not None and value is not None else value


def write_plan(conn: sa.Connection, plan: Plan, progress: Callable[[int, int], None] | None = None) -> None:
    """Plain executemany of tuples: the rows go through the same column types
    SQLAlchemy uses, without building a statement per row (see issue 8)."""
    account = Account.__table__
    dialect = conn.dialect
    acc_proc = _processors(account, dialect)
    now = utcnow()
    constants: dict[str, object] = {}
    for column in account.c:
        if column.name in ("id", "name", "name_key") + _CREATE_FIELDS:
            continue
        default = column.default
        value = None if default is None else (default.arg(None) if default.is_callable else default.arg)
        if column.name in ("created_at", "updated_at"):
            value = now
        constants[column.name] = _stored(acc_proc, column.name, value)
    constants["tier"] = _stored(acc_proc, "tier", Tier.CANDIDATE)
    columns = ["id", "name", "name_key", *_CREATE_FIELDS, *constants]
    insert_sql = f"INSERT INTO account ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    constant_values = tuple(constants.values())
    total = len(plan.creates) + len(plan.updates)
    done = 0
    next_id = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM account").scalar() + 1
    tc_proc = _processors(TierChange.__table__, dialect)
    tier_change_sql = "INSERT INTO tier_change (account_id, from_tier, to_tier, reason, changed_at) VALUES (?, ?, ?, ?, ?)"
    tier_change_tail = (None, _stored(tc_proc, "to_tier", Tier.CANDIDATE), IMPORTED_REASON,
                        _stored(tc_proc, "changed_at", now))
    # (field, default, processor): only the Decimal column needs one per row
    create_fields = [(f, _TEXT_DEFAULTS.get(f), acc_proc[f]) for f in _CREATE_FIELDS]
    batch = 2000
    for start in range(0, len(plan.creates), batch):
        chunk = plan.creates[start:start + batch]
        rows = []
        for target in chunk:
            fills = target.fills
            target.account_id = next_id
            next_id += 1
            values = [target.account_id, target.name, name_key(target.name)]
            for f, default, proc in create_fields:
                value = fills.get(f, default)
                values.append(proc(value) if proc is not None and value is not None else value)
            values.extend(constant_values)
            rows.append(tuple(values))
        conn.exec_driver_sql(insert_sql, rows)
        conn.exec_driver_sql(tier_change_sql, [(t.account_id, *tier_change_tail) for t in chunk])
        done += len(chunk)
        if progress:
            progress(done, total)
    groups: dict[tuple[str, ...], list[tuple]] = {}
    stamp = _stored(acc_proc, "updated_at", now)
    for target in plan.updates:
        fields = tuple(sorted(target.fills))
        groups.setdefault(fields, []).append(
            tuple(_stored(acc_proc, f, target.fills[f]) for f in fields) + (stamp, target.account_id))
    for fields, rows in groups.items():
        sets = ", ".join(f"{f} = ?" for f in fields + ("updated_at",))
        conn.exec_driver_sql(f"UPDATE account SET {sets} WHERE id = ?", rows)
        done += len(rows)
        if progress:
            progress(done, total)
