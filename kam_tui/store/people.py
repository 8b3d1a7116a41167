"""An account's people as the workspace reads them: plain typed rows, not ORM
objects. An account may hold 200 people and the section is read again after
every edit; one plain query is several times cheaper than loading them."""

from __future__ import annotations

from kam_tui.store.plans import StakeholderRow, read_rows
from kam_tui.store.reader import Reader


def stakeholder_rows(reader: Reader, account_id: int) -> list[StakeholderRow]:
    """The account's stakeholders, by id (the caller sorts them as it shows them)."""
    return read_rows(reader, StakeholderRow, account_id)


def member_names(reader: Reader, account_id: int) -> dict[int, str]:
    """Our team members' names by id: who can cover a stakeholder."""
    rows = reader.rows("SELECT id, name FROM team_member WHERE account_id = :account_id", {"account_id": account_id})
    return {member_id: name for member_id, name in rows}
