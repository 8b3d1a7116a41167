"""Which column holds which account field, by the names CRMs give them.

Names are compared without case, spaces or punctuation, so 'Account Name',
'AccountName' and 'account_name' are one; a column we do not know is listed
in the summary and left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# field -> the header names Salesforce (reports and Data Export), HubSpot and
# people typing their own sheet use for it. First match in the file wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("Account Name", "Name", "Company name", "Company", "Account", "Organization", "Organisation"),
    "crm_id": ("Account ID", "Record ID", "Id", "Account ID (18)", "Company ID", "CRM ID"),
    "country": ("Billing Country", "BillingCountry", "Country/Region", "Country", "Country Region"),
    "annual_revenue": ("Annual Revenue", "AnnualRevenue", "Revenue"),
    "currency": (
        "Annual Revenue Currency",
        "Currency",
        "Currency ISO Code",
        "CurrencyIsoCode",
        "Account Currency",
        "Currency Code",
    ),
    "industry": ("Industry",),
    "employees": ("Employees", "Number of Employees", "NumberOfEmployees", "No. of Employees"),
    "type": ("Type", "Account Type", "Type of Account"),
    "owner": ("Account Owner", "Company owner", "Owner", "Account Owner Name", "HubSpot Owner"),
    "website": ("Website", "Company Domain Name", "Domain", "Website URL"),
    "last_activity": ("Last Activity", "Last Activity Date", "LastActivityDate", "Last Activity Date (HubSpot)"),
}

LABELS = {
    "name": "name",
    "crm_id": "CRM id",
    "country": "country",
    "annual_revenue": "annual revenue",
    "currency": "currency",
    "industry": "industry",
    "employees": "employees",
    "type": "type (kept in notes)",
    "owner": "owner",
    "website": "website",
    "last_activity": "last activity (kept in notes)",
}


def header_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# header key -> (field, rank): when two columns could fill one field, the name
# listed first above wins ('Account Name' over 'Name' in a contacts report).
_LOOKUP = {
    header_key(name): (fld, rank)
    for fld, names in FIELD_NAMES.items()
    for rank, name in reversed(list(enumerate(names)))
}


@dataclass
class ColumnMap:
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    headers: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # header texts we do not use

    def header_of(self, fld: str) -> str:
        return self.headers[self.fields[fld]]

    def pairs(self) -> list[tuple[str, str]]:
        """(header in the file, what it fills), in file order."""
        by_index = {i: f for f, i in self.fields.items()}
        return [(self.headers[i], LABELS[by_index[i]]) for i in sorted(by_index)]


def map_headers(cells: list[str]) -> ColumnMap:
    result = ColumnMap(headers=[c.strip() for c in cells])
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column index)
    for index, text in enumerate(result.headers):
        found = _LOOKUP.get(header_key(text)) if text else None
        if found is None:
            continue
        fld, rank = found
        if fld not in best or rank < best[fld][0]:
            best[fld] = (rank, index)
    chosen = {index: fld for fld, (_, index) in best.items()}
    for index, text in enumerate(result.headers):
        if not text:
            continue
        if index in chosen:
            result.fields[chosen[index]] = index
        elif (found := _LOOKUP.get(header_key(text))) is not None:
            result.ignored.append(f"{text} (another {LABELS[found[0]]} column)")
        else:
            result.ignored.append(text)
    return result


def expected_name_headers() -> str:
    return ", ".join(FIELD_NAMES["name"][:4])
