"""Opportunities (Salesforce), deals (HubSpot, Pipedrive, Zoho, Dynamics) become
opportunities of their account.

Matched on re-import by the CRM's id, else by name within the account. A
match fills only what is empty, with one exception a KAM expects: a deal
still open in kam that the CRM has since won or lost takes that status (and
its close date). A deal whose account is not in kam is reported, never made
into an account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kam_tui.importer.links import AccountIndex, crm_key, fold, missing_account, run_sql
from kam_tui.importer.parse import ParsedRow, Problem
from kam_tui.importer.record_plan import RecordPlan

if TYPE_CHECKING:
    from kam_tui.importer.planning import Target

DEAL_FIELDS = ("crm_id", "value", "currency", "status", "expected_close", "closed_on", "notes")
DEAL_LABELS = {
    "crm_id": "CRM id",
    "value": "amount",
    "currency": "currency",
    "status": "status",
    "expected_close": "expected close",
    "closed_on": "closed on",
    "notes": "notes",
}
_LOADED = ("id", "account_id", "name") + DEAL_FIELDS


@dataclass(eq=False)
class Deal:
    opportunity_id: int | None
    account: Target
    name: str
    current: dict[str, Any]
    first_row: ParsedRow | None = None
    fills: dict[str, Any] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    matched_by: str = ""

    def value(self, fld: str) -> Any:
        return self.fills.get(fld, self.current.get(fld))


DealPlan = RecordPlan[Deal]


def _load(conn: Any, by_id: dict[int, Target]) -> list[Deal]:
    deals = []
    for row in run_sql(conn, f"SELECT {', '.join(_LOADED)} FROM opportunity"):
        current = dict(zip(_LOADED, row))
        if current["value"] is not None:
            current["value"] = Decimal(current["value"])
        for fld in ("expected_close", "closed_on"):
            if current[fld]:
                current[fld] = date.fromisoformat(str(current[fld])[:10])
        account = by_id.get(current["account_id"])
        if account is not None:
            deals.append(Deal(current["id"], account, current["name"], current))
    return deals


def plan_deals(conn: Any, rows: list[ParsedRow], accounts: list[Target]) -> DealPlan:
    plan = DealPlan()
    index = AccountIndex(accounts)
    by_crm: dict[str, Deal] = {}
    by_name: dict[tuple[int, str], Deal] = {}

    def register(deal: Deal) -> None:
        crm_id = deal.value("crm_id")
        if crm_id:
            by_crm.setdefault(crm_key(str(crm_id)), deal)
        by_name.setdefault((id(deal.account), fold(deal.name)), deal)

    for deal in _load(conn, {t.account_id: t for t in accounts if t.account_id is not None}):
        register(deal)
    touched: list[Deal] = []
    for row in rows:
        values = row.values
        account, _how = index.find(values)
        if account is None:
            plan.problems.append(Problem(row.where, None, f"{row.name}: {missing_account(values)}; not imported"))
            continue
        crm_id = values.get("crm_id")
        found, how = None, ""
        if crm_id and (found := by_crm.get(crm_key(crm_id))):
            how = "CRM id"
        elif found := by_name.get((id(account), fold(row.name))):
            other = found.value("crm_id")
            if crm_id and other and crm_key(str(other)) != crm_key(crm_id):
                found = None  # two deals of one name, told apart by their ids
            else:
                how = "name"
        if found is None:
            deal = Deal(None, account, row.name, {}, first_row=row, rows=[row.where])
            deal.fills = {f: values[f] for f in DEAL_FIELDS if values.get(f) is not None}
            plan.creates.append(deal)
            register(deal)
            continue
        if found.rows:
            plan.merged.append(
                f"{row.where} is the same deal as {found.rows[0]} ({found.name!r}, same {how}): "
                "it only filled what the earlier row left empty"
            )
        else:
            found.matched_by, found.first_row = how, row
            touched.append(found)
        found.rows.append(row.where)
        _fill(found, values, row, plan)
        register(found)
    for deal in touched:
        (plan.updates if deal.fills else plan.unchanged).append(deal)
    return plan


def _fill(deal: Deal, values: dict[str, Any], row: ParsedRow, plan: DealPlan) -> None:
    for fld in ("crm_id", "expected_close", "closed_on", "notes"):
        given = values.get(fld)
        if given is not None and deal.value(fld) in (None, ""):
            deal.fills[fld] = given
    if values.get("value") is not None and deal.value("value") is None:
        kept, given = deal.value("currency"), values.get("currency")
        if kept and given and kept != given:
            plan.notes.append(
                f"{row.where}: amount not filled for {deal.name!r}: kam has it in {kept}, the file in {given}"
            )
        else:
            deal.fills["value"] = values["value"]
            if given and not kept:
                deal.fills["currency"] = given
    status = values.get("status")
    if status in ("won", "lost") and deal.value("status") in (None, "open"):
        deal.fills["status"] = status
        if values.get("closed_on") and not deal.value("closed_on"):
            deal.fills["closed_on"] = values["closed_on"]
