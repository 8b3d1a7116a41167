"""Contacts become stakeholders of the account they belong to.

A person is matched to a stakeholder already in kam by the CRM's contact id,
else by email, else by name within the account; a match fills only what is
empty, so the same file twice changes nothing. The CRM's reporting line
becomes kam's "reports to" once every person of the file is known. Buying
role, influence and attitude are the KAM's judgement and never come from the
CRM. A person whose account is not in kam is reported, never made into an
account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kam_tui.importer.links import AccountIndex, crm_key, fold, missing_account, run_sql
from kam_tui.importer.parse import ParsedRow, Problem
from kam_tui.importer.record_plan import RecordPlan

if TYPE_CHECKING:
    from kam_tui.importer.planning import Target

# what an import may fill on a stakeholder, in the order they are written
PERSON_FIELDS = ("crm_id", "title", "department", "email", "phone", "last_contact")
PERSON_LABELS = {
    "crm_id": "CRM id",
    "title": "title",
    "department": "department",
    "email": "email",
    "phone": "phone",
    "last_contact": "last contact",
    "reports_to": "reports to",
}
_LOADED = ("id", "account_id", "name", "reports_to_id") + PERSON_FIELDS


@dataclass(eq=False)
class Person:
    """A stakeholder the import writes to: one in kam (stakeholder_id set) or a new one."""

    stakeholder_id: int | None
    account: Target
    name: str
    current: dict[str, Any]
    first_row: ParsedRow | None = None
    fills: dict[str, Any] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    matched_by: str = ""
    manager: Person | None = None  # reports to, when the import sets it

    def value(self, fld: str) -> Any:
        return self.fills.get(fld, self.current.get(fld))

    @property
    def changes(self) -> bool:
        return bool(self.fills) or self.manager is not None


PeoplePlan = RecordPlan[Person]


def _load(conn: Any, accounts: AccountIndex, by_id: dict[int, Target]) -> list[Person]:
    people = []
    for row in run_sql(conn, f"SELECT {', '.join(_LOADED)} FROM stakeholder"):
        current = dict(zip(_LOADED, row))
        if current["last_contact"]:
            current["last_contact"] = date.fromisoformat(str(current["last_contact"])[:10])
        account = by_id.get(current["account_id"])
        if account is not None:
            people.append(Person(current["id"], account, current["name"], current))
    return people


class _Index:
    """People by contact id (anywhere), and by email or name within an account."""

    def __init__(self) -> None:
        self.by_crm: dict[str, Person] = {}
        self.by_email: dict[tuple[int, str], Person] = {}
        self.by_name: dict[tuple[int, str], Person] = {}
        self.by_stakeholder: dict[int, Person] = {}

    def add(self, person: Person) -> None:
        crm_id, email = person.value("crm_id"), person.value("email")
        if crm_id:
            self.by_crm.setdefault(crm_key(str(crm_id)), person)
        if email:
            self.by_email.setdefault((id(person.account), email.casefold()), person)
        self.by_name.setdefault((id(person.account), fold(person.name)), person)
        if person.stakeholder_id is not None:
            self.by_stakeholder[person.stakeholder_id] = person

    def boss_of(self, person: Person) -> Person | None:
        """Whom the person reports to: set by this import, else as kam has it."""
        if person.manager is not None:
            return person.manager
        current = person.current.get("reports_to_id")
        return self.by_stakeholder.get(current) if current else None

    def find(self, account: Target, values: dict[str, Any]) -> tuple[Person | None, str]:
        crm_id, email = values.get("crm_id"), values.get("email")
        if crm_id and (found := self.by_crm.get(crm_key(crm_id))):
            return found, "CRM id"
        if email and (found := self.by_email.get((id(account), email.casefold()))):
            return found, "email"
        if found := self.by_name.get((id(account), fold(values["name"]))):
            return found, "name"
        return None, ""


def plan_people(conn: Any, rows: list[ParsedRow], accounts: list[Target]) -> PeoplePlan:
    plan = PeoplePlan()
    index = AccountIndex(accounts)
    by_account_id = {t.account_id: t for t in accounts if t.account_id is not None}
    existing = _load(conn, index, by_account_id)
    people = _Index()
    for person in existing:
        people.add(person)
    touched: list[Person] = []
    of_row: list[tuple[ParsedRow, Person]] = []
    for row in rows:
        account, _how = index.find(row.values)
        if account is None:
            plan.problems.append(Problem(row.where, None, f"{row.name}: {missing_account(row.values)}; not imported"))
            continue
        found, how = people.find(account, row.values)
        if found is None:
            person = Person(None, account, row.name, {}, first_row=row, rows=[row.where])
            person.fills = {f: row.values[f] for f in PERSON_FIELDS if row.values.get(f) is not None}
            plan.creates.append(person)
            people.add(person)
            of_row.append((row, person))
            continue
        person = found
        if person.rows:
            plan.merged.append(
                f"{row.where} is the same person as {person.rows[0]} ({person.name!r}, same {how}): "
                "it only filled what the earlier row left empty"
            )
        else:
            person.matched_by, person.first_row = how, row
            touched.append(person)
        person.rows.append(row.where)
        for fld in PERSON_FIELDS:
            given = row.values.get(fld)
            if given is not None and person.value(fld) in (None, ""):
                person.fills[fld] = given
        people.add(person)
        of_row.append((row, person))
    _link_managers(of_row, people, plan)
    for person in touched:
        (plan.updates if person.changes else plan.unchanged).append(person)
    return plan


def _link_managers(of_row: list[tuple[ParsedRow, Person]], people: _Index, plan: PeoplePlan) -> None:
    """Reports-to from the CRM's id of the manager, else their name in the same
    account, now that everyone in the file is known. Only an empty reports-to
    is set, and never one that would make a loop."""
    for row, person in of_row:
        manager_id, manager_name = row.values.get("reports_to_id"), row.values.get("reports_to")
        if not (manager_id or manager_name) or person.manager is not None:
            continue
        if person.current.get("reports_to_id"):
            continue
        manager = people.by_crm.get(crm_key(manager_id)) if manager_id else None
        if manager is None and manager_name:
            manager = people.by_name.get((id(person.account), fold(manager_name)))
        said = manager_name or manager_id
        if manager is None:
            plan.notes.append(f"{row.where}: {person.name} reports to {said!r}, who is not among the people in kam")
            continue
        if manager.account is not person.account:
            plan.notes.append(
                f"{row.where}: {person.name} reports to {manager.name}, who is at another account; left empty"
            )
            continue
        if manager is person or _reports_to(manager, person, people):
            plan.notes.append(f"{row.where}: {person.name} reporting to {manager.name} would make a loop; left empty")
            continue
        person.manager = manager


def _reports_to(person: Person, boss: Person, people: _Index) -> bool:
    """Does `person` already report (directly or not) to `boss`?"""
    seen: set[int] = set()
    node = people.boss_of(person)
    while node is not None and id(node) not in seen:
        if node is boss:
            return True
        seen.add(id(node))
        node = people.boss_of(node)
    return False
