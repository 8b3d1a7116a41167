"""What an import would change: match each row to an account, fill only what
is empty, never overwrite, never create a second account for one customer.

Matching order: the CRM id, then the name (case and accents ignored), then the
website's domain. Rows of the file that are one account are merged the same
way, so a file can be imported twice and the second time changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kam_tui.importer.links import crm_key, fold, run_sql
from kam_tui.importer.parse import ParsedFile, ParsedRow, Problem
from kam_tui.importer.values import domain_of

if TYPE_CHECKING:
    from kam_tui.importer.deals import DealPlan
    from kam_tui.importer.people import PeoplePlan

# Fields an import may fill; name is only ever set on a new account.
FILLABLE = ("crm_id", "country", "industry", "annual_revenue", "currency", "employees", "owner", "website", "notes")
FIELD_LABELS = {
    "crm_id": "CRM id",
    "country": "country",
    "industry": "industry",
    "annual_revenue": "revenue",
    "currency": "currency",
    "employees": "employees",
    "owner": "owner",
    "website": "website",
    "notes": "notes",
}
_LOADED = ("id", "name") + FILLABLE


@dataclass(slots=True)
class Target:
    """An account the import writes to: one already in the database (account_id
    set) or one the import creates. first_row: the file's first row for it."""

    account_id: int | None
    name: str
    current: dict[str, Any]
    first_row: ParsedRow | None = None
    fills: dict[str, Any] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    matched_by: str = ""
    domain: str | None = None  # of the website in the database

    def value(self, fld: str) -> Any:
        return self.fills.get(fld, self.current.get(fld))


@dataclass
class Plan:
    """What an import would change. Accounts are planned first; the people and
    deals of a file (or Odoo's people beside its companies) then find their
    accounts among those in kam and those this import creates."""

    parsed: ParsedFile
    creates: list[Target] = field(default_factory=list)
    updates: list[Target] = field(default_factory=list)
    unchanged: list[Target] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    people: PeoplePlan | None = None
    deals: DealPlan | None = None

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.creates
            or self.updates
            or (self.people and self.people.changes_anything)
            or (self.deals and self.deals.changes_anything)
        )

    @property
    def rows_kept(self) -> int:
        """Rows that were imported or found already there (not skipped)."""
        kept = len(self.creates) + len(self.updates) + len(self.unchanged) + len(self.merged)
        for part in (self.people, self.deals):
            if part is not None:
                kept += part.rows_kept
        return kept

    @property
    def skipped(self) -> list[Problem]:
        out = list(self.problems)
        for part in (self.people, self.deals):
            if part is not None:
                out += part.problems
        return out


def _empty(value: Any) -> bool:
    return value is None or value == ""


_LOAD_SQL = f"SELECT {', '.join(_LOADED)} FROM account"


def load_targets(conn: Any) -> list[Target]:
    """Every account as a Target. `conn` is a DB-API connection (sqlite3) or a
    SQLAlchemy Connection: plain SQL either way, so `kam import` never loads
    the ORM. Revenue is stored as text (models.DecimalText) and read back as
    a Decimal, as the ORM would."""
    revenue = _LOADED.index("annual_revenue")
    targets = []
    for row in run_sql(conn, _LOAD_SQL):
        current = dict(zip(_LOADED, row))
        if row[revenue] is not None:
            current["annual_revenue"] = Decimal(row[revenue])
        targets.append(Target(row[0], row[1], current, domain=domain_of(current["website"])))
    return targets


def make_plan(conn: Any, parsed: ParsedFile) -> Plan:
    """What importing `parsed` would change; `conn` as for load_targets."""
    plan = Plan(parsed, problems=list(parsed.problems))
    existing = load_targets(conn)
    if parsed.kind == "accounts":
        _plan_accounts(plan, existing)
    accounts = existing + plan.creates
    if parsed.kind == "contacts" or parsed.people:
        from kam_tui.importer.people import plan_people

        plan.people = plan_people(conn, parsed.people if parsed.kind == "accounts" else parsed.rows, accounts)
    if parsed.kind == "opportunities":
        from kam_tui.importer.deals import plan_deals

        plan.deals = plan_deals(conn, parsed.rows, accounts)
    part = plan.people if parsed.kind == "contacts" else plan.deals if parsed.kind == "opportunities" else None
    if part is not None:  # rows with no name or no account are skipped people or deals
        part.problems[:0] = plan.problems
        plan.problems = []
    return plan


def _plan_accounts(plan: Plan, existing: list[Target]) -> None:
    parsed = plan.parsed
    by_crm: dict[str, Target] = {}
    by_name: dict[str, Target] = {}
    by_domain: dict[str, Target] = {}
    for known in existing:
        _register(known, by_crm, by_name, by_domain)
    touched: list[Target] = []
    for row in parsed.rows:
        crm_id = row.values.get("crm_id")
        key = crm_key(crm_id) if crm_id else None
        target: Target | None
        how = ""
        target = None
        if key and key in by_crm:
            target, how = by_crm[key], "CRM id"
        elif (name_fold := fold(row.name)) in by_name:
            # Names are unique in kam, so one name is one account even when
            # two CRM records (or two CRMs) give it different ids.
            target, how = by_name[name_fold], "name"
            other = target.value("crm_id")
            if crm_id and other and crm_key(other) != crm_key(crm_id):
                plan.notes.append(
                    f"{row.where}: {row.name!r} has CRM id {crm_id} in the file; the account keeps {other}"
                )
        elif row.domain and row.domain in by_domain:
            # one website, one company: CRMs keep duplicates under two ids (HubSpot
            # most of all); the account keeps its first id and the other is noted
            target, how = by_domain[row.domain], "website"
            other = target.value("crm_id")
            if crm_id and other and crm_key(other) != crm_key(crm_id):
                plan.notes.append(
                    f"{row.where}: {row.name!r} (CRM id {crm_id}) has the website of {target.name!r} "
                    f"(CRM id {other}): one account, which keeps {other}"
                )
        if target is None:
            target = Target(
                None, row.name, {}, first_row=row, fills=dict(row.values), rows=[row.where], domain=row.domain
            )
            plan.creates.append(target)
            # _register, with the keys this row already gave (most rows of a
            # first import end here)
            if key:
                by_crm.setdefault(key, target)
            by_name.setdefault(name_fold, target)
            if row.domain:
                by_domain.setdefault(row.domain, target)
            continue
        if target.rows:
            first = target.rows[0]
            plan.merged.append(
                f"{row.where} is the same account as {first} ({target.name!r}, same {how}): "
                "it only filled what the earlier row left empty"
            )
        else:
            target.matched_by = how
            target.first_row = row
            touched.append(target)
        target.rows.append(row.where)
        if _fill(target, row, plan):  # a new id or website is a new way to find the account
            _register(target, by_crm, by_name, by_domain)
    for target in touched:
        (plan.updates if target.fills else plan.unchanged).append(target)


def _register(
    target: Target, by_crm: dict[str, Target], by_name: dict[str, Target], by_domain: dict[str, Target]
) -> None:
    crm_id = target.value("crm_id")
    if crm_id:
        by_crm.setdefault(crm_key(crm_id), target)
    by_name.setdefault(fold(target.name), target)
    domain = target.domain
    if domain is None and "website" in target.fills:
        domain = target.domain = domain_of(target.fills["website"])
    if domain:
        by_domain.setdefault(domain, target)


_SIMPLE = frozenset(FILLABLE) - {"annual_revenue", "currency"}


def _fill(target: Target, row: ParsedRow, plan: Plan) -> bool:
    """Fill the target's empty fields from the row; never overwrite. True when
    the row gave the account a CRM id or a website it lacked. Only the row's
    own values are looked at: a re-import matches 10,000 rows that fill nothing."""
    values = row.values
    fills, current = target.fills, target.current
    for fld, given in values.items():
        if fld in _SIMPLE and fld not in fills and _empty(current.get(fld)):
            fills[fld] = given
    same_amount = values.get("annual_revenue") is not None and values.get("annual_revenue") == target.value(
        "annual_revenue"
    )
    if "currency" in values and _empty(target.value("currency")) and same_amount:
        target.fills["currency"] = values["currency"]  # the same amount, now with its currency
    if "annual_revenue" in values and _empty(target.value("annual_revenue")):
        kept = target.value("currency")
        given = values.get("currency")
        if kept and given and kept != given:
            plan.notes.append(
                f"{row.where}: revenue not filled for {target.name!r}: the account's currency is "
                f"{kept} and the file's is {given}"
            )
        else:
            target.fills["annual_revenue"] = values["annual_revenue"]
            if given and not kept:
                target.fills["currency"] = given
    return "crm_id" in fills or "website" in fills
