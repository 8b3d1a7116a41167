"""Write a plan in ONE transaction: all of it, or (on any error, or a kill)
nothing, through the store's import writer (kam_tui/store/import_writer.py),
on a SQLite file or a PostgreSQL server.

Here each row the import writes is assembled from the plan: only the values
the file gave (and the ids that tie a person or a deal to its account); the
models' tables fill in every other column. The store writes them: on a file
through stdlib sqlite3 (`kam import` of 10,000 rows costs a few times a plain
csv + sqlite3 load, where importing SQLModel alone took half a second), on a
server through SQLAlchemy Core."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kam_tui.importer.parse import ParsedFile
from kam_tui.importer.planning import FILLABLE, Plan, Target, make_plan
from kam_tui.store.import_writer import ImportWriter, importing
from kam_tui.text import name_key
from kam_tui.vocabulary import Tier

if TYPE_CHECKING:
    from sqlalchemy import Engine

IMPORTED_REASON = "imported"
_BATCH = 2000
_CREATABLE = frozenset(FILLABLE) | {"name"}


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


def apply_import(
    db: sqlite3.Connection | Engine, parsed: ParsedFile, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Plan against the database as it is now and write the plan, in one
    transaction. The plan is made inside the transaction, so what was previewed
    a while ago cannot overwrite an edit made since.

    `db`: a sqlite3 connection (store.sqlite_file.open_plain) or an Engine (the
    app's, or a server's). On a file, holds the writer lock throughout (shared
    when this process has it already, as the app does) and makes the verified
    backup first (backup.BackupFailed: nothing imported). A storage failure
    (disk full, read-only, busy; a server lost) raises StorageError with a
    one-line message; any other database error is re-raised as it is. Either
    way nothing was written."""
    with importing(db) as writer:
        plan = make_plan(writer.connection, parsed)
        write_plan(writer, plan, progress)
    return result_of(plan)


def write_plan(writer: ImportWriter, plan: Plan, progress: Callable[[int, int], None] | None = None) -> None:
    """New accounts in batches (the progress bar moves per batch), each with its
    "imported" tier change, then the fields filled on known accounts, then
    people and deals; the caller holds the transaction."""
    total = len(plan.creates) + len(plan.updates)
    for part in (plan.people, plan.deals):
        if part is not None:
            total += len(part.creates) + len(part.updates)
    done = 0
    for start in range(0, len(plan.creates), _BATCH):
        chunk = plan.creates[start : start + _BATCH]
        ids = writer.insert("account", [_new_account(target) for target in chunk], ids=True)
        for target, account_id in zip(chunk, ids, strict=True):
            target.account_id = account_id
        writer.insert(
            "tier_change",
            [
                {"account_id": a, "to_tier": Tier.CANDIDATE, "reason": IMPORTED_REASON, "changed_at": writer.now}
                for a in ids
            ],
        )
        done += len(chunk)
        if progress:
            progress(done, total)
    if plan.updates:
        writer.update("account", [{**target.fills, "id": target.account_id} for target in plan.updates])
        done += len(plan.updates)
        if progress:
            progress(done, total)
    touched: set[int] = set()
    if plan.people is not None:
        done = _write_people(writer, plan, touched, done, total, progress)
    if plan.deals is not None:
        done = _write_deals(writer, plan, touched, done, total, progress)
    # what services.accounts.touch does when a person or deal changes by hand
    writer.touch("account", sorted(touched))


def _new_account(target: Target) -> dict[str, Any]:
    """A new account: its name and what the file gave it."""
    fills = target.fills
    if fills.keys() <= _CREATABLE and None not in fills.values():
        row = dict(fills)  # a file's row as parsed: its values, all of them an account's (most rows)
    else:
        row = {f: fills[f] for f in FILLABLE if fills.get(f) is not None}
    row["name"] = target.name
    row["name_key"] = name_key(target.name)
    return row


def _write_people(
    writer: ImportWriter,
    plan: Plan,
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
    for start in range(0, len(people.creates), _BATCH):
        chunk = people.creates[start : start + _BATCH]
        rows = []
        for person in chunk:
            account_id = person.account.account_id
            assert account_id is not None
            rows.append(
                {"account_id": account_id, "name": person.name}
                | {f: person.fills[f] for f in PERSON_FIELDS if f in person.fills}
            )
            touched.add(account_id)
        for person, stakeholder_id in zip(chunk, writer.insert("stakeholder", rows, ids=True), strict=True):
            person.stakeholder_id = stakeholder_id
        done += len(chunk)
        if progress:
            progress(done, total)
    filled = [p for p in people.updates if p.fills]
    if filled:
        writer.update("stakeholder", [{**p.fills, "id": p.stakeholder_id} for p in filled])
    for person in people.updates:
        if person.account.account_id is not None:
            touched.add(person.account.account_id)
    done += len(people.updates)
    managed = [
        {"reports_to_id": p.manager.stakeholder_id, "id": p.stakeholder_id}
        for p in people.creates + people.updates
        if p.manager is not None and p.manager.stakeholder_id is not None
    ]
    if managed:
        writer.update("stakeholder", managed)
    if progress:
        progress(done, total)
    return done


def _write_deals(
    writer: ImportWriter,
    plan: Plan,
    touched: set[int],
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    from kam_tui.importer.deals import DEAL_FIELDS

    deals = plan.deals
    assert deals is not None
    rows = []
    for deal in deals.creates:
        account_id = deal.account.account_id
        assert account_id is not None
        rows.append(
            {"account_id": account_id, "name": deal.name} | {f: deal.fills[f] for f in DEAL_FIELDS if f in deal.fills}
        )
        touched.add(account_id)
    if rows:
        writer.insert("opportunity", rows)
    done += len(rows)
    if deals.updates:
        writer.update("opportunity", [{**d.fills, "id": d.opportunity_id} for d in deals.updates])
    for deal in deals.updates:
        if deal.account.account_id is not None:
            touched.add(deal.account.account_id)
    done += len(deals.updates)
    if progress:
        progress(done, total)
    return done
