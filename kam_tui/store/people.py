"""An account's people as the workspace reads them: plain typed rows, not ORM
objects. An account may hold 200 people, each with a contact log, and the
section is read again after every edit; plain queries are several times
cheaper than loading the models."""

from __future__ import annotations

from datetime import date

from kam_tui.store.plans import (
    InteractionRow,
    RelationshipChangeRow,
    StakeholderCoverRow,
    StakeholderRow,
    read_rows,
)
from kam_tui.store.reader import Reader

_THEIRS = "SELECT id FROM stakeholder WHERE account_id = :account_id"


def stakeholder_rows(reader: Reader, account_id: int) -> list[StakeholderRow]:
    """The account's stakeholders, by id (the caller sorts them as it shows them)."""
    return read_rows(reader, StakeholderRow, account_id)


def member_names(reader: Reader, account_id: int) -> dict[int, str]:
    """Our team members' names by id: who can cover a stakeholder."""
    rows = reader.rows("SELECT id, name FROM team_member WHERE account_id = :account_id", {"account_id": account_id})
    return {member_id: name for member_id, name in rows}


def cover_rows(reader: Reader, account_id: int) -> list[StakeholderCoverRow]:
    return read_rows(reader, StakeholderCoverRow, account_id)


def latest_contacts(reader: Reader, account_id: int) -> dict[int, date]:
    """Each person's latest logged contact: one pass over the log's (person, date) index."""
    rows = reader.rows(
        f"SELECT stakeholder_id, MAX(happened_on) FROM interaction WHERE stakeholder_id IN ({_THEIRS})"
        " GROUP BY stakeholder_id",
        {"account_id": account_id},
    )
    # a file keeps ISO text, a server gives dates
    return {person: day if isinstance(day, date) else date.fromisoformat(day) for person, day in rows}


def interaction_rows(reader: Reader, account_id: int) -> list[InteractionRow]:
    """The account's contact log, newest first."""
    return read_rows(reader, InteractionRow, account_id)


def interaction_members(reader: Reader, account_id: int) -> dict[int, list[int]]:
    """Who of ours took part in each of the account's logged contacts."""
    rows = reader.rows(
        "SELECT m.interaction_id, m.member_id FROM interaction_member m JOIN interaction i ON i.id = m.interaction_id"
        f" WHERE i.stakeholder_id IN ({_THEIRS}) ORDER BY m.interaction_id, m.member_id",
        {"account_id": account_id},
    )
    out: dict[int, list[int]] = {}
    for interaction_id, member_id in rows:
        out.setdefault(interaction_id, []).append(member_id)
    return out


def change_rows(reader: Reader, account_id: int) -> list[RelationshipChangeRow]:
    """How the account's people's influence, attitude and contact moved, oldest first."""
    return read_rows(reader, RelationshipChangeRow, account_id)
