"""What kind of export a header row belongs to: accounts, contacts or
opportunities, or something kam does not import (leads, cases, tasks...).

A kind is told by the columns only, never by the values: Pipedrive names its
entity in every column ('Deal - Title'), Dynamics 365 in its hidden record
column ('(Do Not Modify) Contact'), Odoo puts companies and people in one
file told apart by `is_company`; elsewhere the columns only one kind has
(first and last names, emails and titles for people; stages, close dates and
won flags for deals; revenue, employees and industry for companies) decide.
One kind is never read as another: a contacts export is never made into
accounts."""

from __future__ import annotations

from dataclasses import dataclass

from kam_tui.importer.headers import ColumnMap, expected_headers, header_key, map_headers

# Columns that belong to records kam does not import: any one set of keys present
# in full names the export. Checked before anything else.
OTHER_KINDS: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = tuple(
    (label, tuple(frozenset(s.split()) for s in sets))
    for label, sets in (
        (
            "Lead",
            (
                "isconverted",
                "convertedaccountid",
                "convertedcontactid",
                "converteddate",
                "leadowner",
                "leadid",
                "companyaccount leadstatus",
                "leadinhaber",
                "proprietairedupiste",
                "propietariodelcandidato",
                "leadagare",
                "musteriadayisahibi",
            ),
        ),
        ("Case", ("casenumber", "caseid", "caseowner", "ticketname", "ticketid", "ticketstatus")),
        (
            "Task or Event",
            (
                "whoid whatid",
                "activitydate subject",
                "tasksubtype",
                "eventsubtype",
                "activityid",
                "activityowner",
                "activitytype subject",
                "assignedto subject duedate",
            ),
        ),
        ("Campaign", ("budgetedcost", "numberofleads", "campaignname", "numberofcontacts expectedrevenue")),
        ("Product", ("productcode", "pricebookentryid", "productname unitprice", "productid listprice")),
        ("Opportunity Product", ("opportunitylineitemid", "opportunityid quantity", "opportunityid unitprice")),
        ("Opportunity Contact Role", ("opportunityid contactid role",)),
        ("Quote", ("quotenumber", "quoteid")),
        ("Order", ("ordernumber",)),
        ("Contract", ("contractnumber",)),
        ("Invoice", ("invoicenumber",)),
        ("User", ("username profileid", "username alias", "userroleid")),
        ("Note", ("parentid body", "notecontent")),
    )
)

# Pipedrive: the entity word before ' - ' in every column
PIPEDRIVE_ENTITIES = {
    "organization": "accounts",
    "organisation": "accounts",
    "person": "contacts",
    "deal": "opportunities",
    "lead": "Lead",
    "activity": "Activity",
    "product": "Product",
    "note": "Note",
    "project": "Project",
    "call": "Call log",
}

# Dynamics 365: '(Do Not Modify) <Entity>' names the record column, in the
# interface's language
DYNAMICS_PREFIXES = ("donotmodify", "nichtandern", "nepasmodifier", "nomodificar", "andrainte", "degistirmeyin")
DYNAMICS_ENTITIES = {
    "account": "accounts",
    "firma": "accounts",
    "compte": "accounts",
    "cuenta": "accounts",
    "konto": "accounts",
    "contact": "contacts",
    "kontakt": "contacts",
    "contacto": "contacts",
    "ilgilikisi": "contacts",
    "opportunity": "opportunities",
    "verkaufschance": "opportunities",
    "opportunite": "opportunities",
    "oportunidad": "opportunities",
    "affarsmojlighet": "opportunities",
    "firsat": "opportunities",
    "lead": "Lead",
    "incident": "Case",
    "case": "Case",
    "task": "Task",
    "phonecall": "Phone Call",
    "appointment": "Appointment",
    "email": "Email",
    "quote": "Quote",
    "salesorder": "Order",
    "order": "Order",
    "invoice": "Invoice",
    "product": "Product",
    "campaign": "Campaign",
    "competitor": "Competitor",
}
_DYNAMICS_HIDDEN = ("rowchecksum", "modifiedon")

# columns that only one kind has (see recognise)
_PERSON_FIELDS = ("first_name", "last_name", "email", "title", "department", "reports_to", "reports_to_id")
_ACCOUNT_FIELDS = ("annual_revenue", "employees", "industry", "website", "country", "type")
_DEAL_FIELDS = ("is_won", "is_closed", "expected_close", "closed_on")
_GENERIC_NAMES = frozenset(header_key(n) for n in ("Name", "Title", "name", "Namn", "Nom", "Nombre", "Ad"))

KIND_WORDS = {"accounts": "accounts", "contacts": "contacts (people)", "opportunities": "opportunities (deals)"}


class OtherKind(Exception):
    """A header that belongs to an export kam does not import; str() says what it looks like."""


@dataclass
class Recognised:
    kind: str  # "accounts", "contacts" or "opportunities"
    columns: ColumnMap
    source: str = ""  # "Salesforce", "HubSpot", ...: said in the summary when known
    people: ColumnMap | None = None  # Odoo: the people among the companies of one file


def guess_source(cells: list[str]) -> str:
    keys = {header_key(c) for c in cells if c.strip()}
    stripped = [c.strip() for c in cells]
    if any(k.startswith(DYNAMICS_PREFIXES) for k in keys):
        return "Dynamics 365"
    if sum(1 for c in stripped if " - " in c and header_key(c.split(" - ", 1)[0]) in PIPEDRIVE_ENTITIES) >= 2:
        return "Pipedrive"
    if keys & {"iscompany", "companytype"} or any(c.endswith("/id") for c in stripped) or "displayname" in keys:
        return "Odoo"
    if keys & {"isdeleted", "masterrecordid", "ownerid", "createddate", "systemmodstamp"} or any(
        c.endswith("__c") for c in stripped
    ):
        return "Salesforce"
    if "Record Id" in stripped or any(c.endswith(".id") for c in stripped):
        return "Zoho"
    if "Record ID" in stripped or keys & {"associatedcompany", "lifecyclestage", "companydomainname"}:
        return "HubSpot"
    return ""


def _other_kind(keys: set[str]) -> str | None:
    for label, marker_sets in OTHER_KINDS:
        if any(markers <= keys for markers in marker_sets):
            return label
    return None


def _named_entity(cells: list[str]) -> str | None:
    """The kind (or other record) a Pipedrive or Dynamics export names in its columns."""
    for cell in cells:
        key = header_key(cell)
        for prefix in DYNAMICS_PREFIXES:
            if key.startswith(prefix):
                rest = key[len(prefix) :]
                if rest and not rest.startswith(_DYNAMICS_HIDDEN) and rest in DYNAMICS_ENTITIES:
                    return DYNAMICS_ENTITIES[rest]
    prefixed = [header_key(c.split(" - ", 1)[0]) for c in cells if " - " in c]
    entities = [PIPEDRIVE_ENTITIES[p] for p in prefixed if p in PIPEDRIVE_ENTITIES]
    if len(entities) >= 2:
        return entities[0]  # Pipedrive lists the exported entity's own columns first
    return None


def _refuse(label: str, source: str) -> OtherKind:
    what = f"{source} {label}" if source else label
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return OtherKind(
        f"this looks like {article} {what} export, which kam does not import "
        "(it takes accounts, contacts and opportunities)"
    )


def recognise(cells: list[str], by_hand: dict[str, str] | None = None) -> Recognised | None:
    """The kind of export whose header is `cells`, with its columns mapped; None
    when the row is not a header kam knows (a report title, say). Raises
    OtherKind for the header of an export kam does not import, or of a people
    or deals export with no column naming their account."""
    texts = [c.strip() for c in cells]
    keys = {header_key(t) for t in texts if t}
    if not keys:
        return None
    source = guess_source(texts)
    named = _named_entity(texts)
    if named is not None and named not in KIND_WORDS:
        raise _refuse(named, source)
    other = _other_kind(keys) if named is None else None
    if other is not None:
        raise _refuse(other, source)
    maps = {kind: map_headers(texts, kind, by_hand) for kind in KIND_WORDS}
    if keys & {"iscompany", "companytype"} and named is None:
        accounts, people = maps["accounts"], maps["contacts"]
        if "name" not in accounts.fields:
            return None
        return Recognised("accounts", accounts, source, people=people)
    kind = named or _kind_by_fields(maps)
    if kind is None:
        return None
    columns = maps[kind]
    if kind != "accounts" and not ({"account_crm_id", "account_name"} & set(columns.fields)):
        raise OtherKind(
            f"this looks like a {KIND_WORDS[kind]} export, but no column says which account each "
            f"{'person' if kind == 'contacts' else 'deal'} belongs to (expected one of "
            f"{expected_headers(kind, 'account_name')}, {expected_headers(kind, 'account_crm_id', 2)})"
        )
    if not _has_name(columns):
        return None
    return Recognised(kind, columns, source)


def _has_name(columns: ColumnMap) -> bool:
    found = set(columns.fields)
    return "name" in found or bool(columns.kind == "contacts" and found & {"first_name", "last_name"})


def _specific_name(columns: ColumnMap) -> bool:
    """A name column whose header says whose name it is ('Opportunity Name', 'Full Name')."""
    return "name" in columns.fields and header_key(columns.header_of("name")) not in _GENERIC_NAMES


def _kind_by_fields(maps: dict[str, ColumnMap]) -> str | None:
    deals, people, accounts = maps["opportunities"], maps["contacts"], maps["accounts"]
    deal_fields = set(deals.fields)
    if _has_name(deals) and (
        deal_fields & set(_DEAL_FIELDS)
        or {"stage", "amount"} <= deal_fields
        or (_specific_name(deals) and deal_fields & {"stage", "amount", "status"})
    ):
        return "opportunities"
    person_score = len(set(people.fields) & set(_PERSON_FIELDS))
    if _specific_name(people):
        person_score += 1
    if "name" in people.fields and "account_name" in people.fields:
        person_score += 1  # a person's name beside the name of their account
    account_score = len(set(accounts.fields) & set(_ACCOUNT_FIELDS))
    if _has_name(people) and person_score > account_score:
        return "contacts"
    if "name" in accounts.fields:
        return "accounts"
    if _has_name(people) and person_score:
        return "contacts"
    return None
