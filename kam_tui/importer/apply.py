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


def apply_import(engine: sa.Engine, parsed: ParsedFile,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Plan against the database as it is now and write the plan, in one
    transaction. The plan is made inside the transaction, so what was previewed
    a while ago cannot overwrite an edit made since."""
    with engine.begin() as conn:
        # Take the write lock before planning: the plan's reads and the writes
        # then see one state of the file, and no other writer slips in between.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        plan = make_plan(conn, parsed)
        write_plan(conn, plan, progress)
    return ImportResult(len(plan.creates), len(plan.updates), len(plan.unchanged), len(plan.problems), plan)


def write_plan(conn: sa.Connection, plan: Plan, progress: Callable[[int, int], None] | None = None) -> None:
    account = Account.__table__
    tier_change = TierChange.__table__
    now = utcnow()
    total = len(plan.creates) + len(plan.updates)
    done = 0
    batch = 1000
    for start in range(0, len(plan.creates), batch):
        chunk = plan.creates[start:start + batch]
        rows = []
        for target in chunk:
            values = {**_TEXT_DEFAULTS, **{f: None for f in _CREATE_FIELDS if f not in _TEXT_DEFAULTS}}
            values.update({f: v for f, v in target.fills.items() if f in _CREATE_FIELDS})
            values.update(name=target.name, name_key=name_key(target.name), tier=Tier.CANDIDATE,
                          created_at=now, updated_at=now)
            rows.append(values)
        ids = conn.execute(
            sa.insert(account).returning(account.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        conn.execute(sa.insert(tier_change), [
            {"account_id": i, "from_tier": None, "to_tier": Tier.CANDIDATE, "reason": IMPORTED_REASON,
             "changed_at": now} for i in ids
        ])
        for target, new_id in zip(chunk, ids):
            target.account_id = new_id
        done += len(chunk)
        if progress:
            progress(done, total)
    groups: dict[tuple[str, ...], list[dict]] = {}
    for target in plan.updates:
        fields = tuple(sorted(target.fills))
        groups.setdefault(fields, []).append(
            {"_id": target.account_id, **{"v_" + f: v for f, v in target.fills.items()}, "v_updated_at": now})
    for fields, rows in groups.items():
        stmt = (sa.update(account).where(account.c.id == sa.bindparam("_id"))
                .values({f: sa.bindparam("v_" + f, type_=account.c[f].type) for f in fields + ("updated_at",)}))
        conn.execute(stmt, rows)
        done += len(rows)
        if progress:
            progress(done, total)
