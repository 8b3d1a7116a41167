"""How the records of an import find each other: CRM ids compared as the CRM
means them, names compared as kam compares them, and the account a person or
a deal belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kam_tui.text import fold_accents

if TYPE_CHECKING:
    from kam_tui.importer.planning import Target

# a Salesforce id: a three-character key prefix with a digit in it ('001' accounts,
# '003' contacts, '006' opportunities), then letters and digits
_SALESFORCE_18 = re.compile(r"(?=[0-9A-Za-z]{0,2}[0-9])[0-9A-Za-z]{18}")


def crm_key(crm_id: str) -> str:
    """Salesforce reports give the 15-character id, Data Export the 18-character
    one (the same id plus a case-checksum): both are one record. The first 15
    characters are compared case-sensitively, as Salesforce does."""
    if len(crm_id) == 18 and _SALESFORCE_18.fullmatch(crm_id):
        return crm_id[:15]
    return crm_id


def fold(name: str) -> str:
    """text.fold_accents, with the plain-ASCII case (most names) made cheap."""
    return name.casefold().strip() if name.isascii() else fold_accents(name)


def run_sql(conn: Any, sql: str) -> Iterable[Any]:
    """Rows of plain SQL on a DB-API connection (sqlite3) or a SQLAlchemy
    Connection: `kam import` never loads the ORM."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    return run(sql)  # type: ignore[no-any-return]


class AccountIndex:
    """The accounts people and deals can belong to: those in kam and those the
    same import creates. Found by the account's CRM id, else by its name."""

    def __init__(self, accounts: list[Target]):
        self.by_crm: dict[str, Target] = {}
        self.by_name: dict[str, Target] = {}
        for target in accounts:
            crm_id = target.value("crm_id")
            if crm_id:
                self.by_crm.setdefault(crm_key(str(crm_id)), target)
            self.by_name.setdefault(fold(target.name), target)

    def find(self, values: dict[str, Any]) -> tuple[Target | None, str]:
        """The account of a row, and how it was found ('' when it was not)."""
        crm_id = values.get("account_crm_id")
        if crm_id and (found := self.by_crm.get(crm_key(crm_id))):
            return found, "account's CRM id"
        name = values.get("account_name")
        if name:
            if found := self.by_name.get(fold(name)):
                return found, "account name"
            # HubSpot lists every associated company, separated by ';'
            for part in name.split(";"):
                if part.strip() and (found := self.by_name.get(fold(part))):
                    return found, "account name"
        return None, ""


def missing_account(values: dict[str, Any]) -> str:
    crm_id, name = values.get("account_crm_id"), values.get("account_name")
    if name and crm_id:
        return f"its account {name!r} (CRM id {crm_id}) is not in kam"
    if name:
        return f"its account {name!r} is not in kam"
    return f"its account (CRM id {crm_id}) is not in kam"
