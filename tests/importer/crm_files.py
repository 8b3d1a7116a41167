"""CRM exports as the tests build them: the columns and value shapes each CRM
writes (see shared/CRM-EXPORTS.md), one function per class of file."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    quote_all: bool = False,
    bom: bool = False,
    footer: Sequence[str] = (),
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    writer.writerows([["" if c is None else c for c in row] for row in rows])
    for line in footer:
        writer.writerow([line])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


# ---- Salesforce Data Export: one file per object, every value quoted -------

SF_ACCOUNT_HEADER = (
    "Id IsDeleted MasterRecordId Name Type ParentId BillingStreet BillingCity BillingState BillingPostalCode "
    "BillingCountry Phone Website Industry AnnualRevenue NumberOfEmployees OwnerId CreatedDate CurrencyIsoCode "
    "Customer_Priority__c"
).split()


def salesforce_accounts() -> bytes:
    rows = [
        (
            "0015g00000K7xQrAAJ",
            "false",
            "",
            "Acme Corporation",
            "Customer - Direct",
            "",
            "1 Acme Way",
            "Springfield",
            "IL",
            "62701",
            "United States",
            "+1 555 0100",
            "https://www.acme.example",
            "Manufacturing",
            "139000000",
            "4200",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "USD",
            "High",
        ),
        (
            "0015g00000K7xQsAAJ",
            "false",
            "",
            "Nordwind Industrietechnik GmbH",
            "Prospect",
            "",
            "Hafenstraße 5",
            "Bremen",
            "",
            "28195",
            "Germany",
            "",
            "nordwind.example",
            "Machinery",
            "1.25E7",
            "850",
            "0055g00000XyZabAAB",
            "2025-01-20 10:30:00",
            "EUR",
            "",
        ),
        (
            "0015g00000K7xQtAAJ",
            "true",
            "0015g00000K7xQrAAJ",
            "ACME Corp.",
            "",
            "",
            "",
            "",
            "",
            "",
            "United States",
            "",
            "",
            "",
            "",
            "",
            "0055g00000XyZabAAB",
            "2024-03-01T09:15:00.000Z",
            "USD",
            "",
        ),
        (
            "0015g00000K7xQuAAJ",
            "1",
            "",
            "Old Deleted Ltd",
            "",
            "",
            "",
            "",
            "",
            "",
            "United Kingdom",
            "",
            "",
            "",
            "",
            "",
            "0055g00000XyZabAAB",
            "2024-03-01T09:15:00.000Z",
            "GBP",
            "",
        ),
    ]
    return csv_bytes(SF_ACCOUNT_HEADER, rows, quote_all=True)


SF_CONTACT_HEADER = (
    "Id IsDeleted MasterRecordId AccountId LastName FirstName Salutation Name MailingCountry Phone MobilePhone "
    "Email Title Department ReportsToId OwnerId CreatedDate LastActivityDate"
).split()


def salesforce_contacts() -> bytes:
    acme, nordwind = "0015g00000K7xQrAAJ", "0015g00000K7xQs"  # a report's 15-character id too
    rows = [
        (
            "0035g00000Ab001AAA",
            "false",
            "",
            acme,
            "Miller",
            "Jane",
            "Ms.",
            "Jane Miller",
            "USA",
            "+1 555 0100",
            "",
            "jane.miller@acme.example",
            "Chief Executive Officer",
            "Board",
            "",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "2026-03-01",
        ),
        (
            "0035g00000Ab002AAA",
            "false",
            "",
            acme,
            "Stone",
            "Tom",
            "Mr.",
            "Tom Stone",
            "USA",
            "",
            "+1 555 0101",
            "tom.stone@acme.example",
            "CFO",
            "Finance",
            "0035g00000Ab001AAA",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "",
        ),
        (
            "0035g00000Ab003AAA",
            "false",
            "",
            acme,
            "Ray",
            "Ann",
            "",
            "Ann Ray",
            "USA",
            "",
            "",
            "ann.ray@acme.example",
            "Controller",
            "Finance",
            "0035g00000Ab002",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "2026-02-01",
        ),
        (
            "0035g00000Ab004AAA",
            "false",
            "",
            nordwind,
            "Brandt",
            "Jürgen",
            "Herr",
            "Jürgen Brandt",
            "Germany",
            "",
            "",
            "j.brandt@nordwind.example",
            "Einkaufsleiter",
            "Einkauf",
            "",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "",
        ),
        (
            "0035g00000Ab005AAA",
            "true",
            "",
            acme,
            "Gone",
            "Gary",
            "",
            "Gary Gone",
            "USA",
            "",
            "",
            "",
            "",
            "",
            "",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "",
        ),
        (
            "0035g00000Ab006AAA",
            "false",
            "",
            "0015g00000ZZZZZAAA",
            "Stranger",
            "Sam",
            "",
            "Sam Stranger",
            "",
            "",
            "",
            "sam@elsewhere.example",
            "",
            "",
            "000000000000000AAA",
            "0055g00000XyZabAAB",
            "2024-02-11T09:15:00.000Z",
            "",
        ),
    ]
    return csv_bytes(SF_CONTACT_HEADER, rows, quote_all=True)


SF_OPPORTUNITY_HEADER = (
    "Id IsDeleted AccountId Name Description StageName Amount Probability CloseDate Type IsClosed IsWon "
    "ForecastCategory CurrencyIsoCode"
).split()


def salesforce_opportunities() -> bytes:
    acme, nordwind = "0015g00000K7xQrAAJ", "0015g00000K7xQsAAJ"
    rows = [
        (
            "0065g00000Op001AAA",
            "false",
            acme,
            "Acme renewal 2026",
            "",
            "Negotiation/Review",
            "250000",
            "80",
            "2026-09-30",
            "Renewal",
            "false",
            "false",
            "Commit",
            "USD",
        ),
        (
            "0065g00000Op002AAA",
            "false",
            nordwind,
            "Nordwind pilot line",
            "",
            "Closed Won",
            "80000.50",
            "100",
            "2026-01-15",
            "New Business",
            "true",
            "true",
            "Closed",
            "EUR",
        ),
        (
            "0065g00000Op003AAA",
            "false",
            nordwind,
            "Nordwind service",
            "",
            "Closed Lost",
            "5000",
            "0",
            "2025-12-15",
            "",
            "true",
            "false",
            "Omitted",
            "EUR",
        ),
        (
            "0065g00000Op004AAA",
            "true",
            acme,
            "Deleted deal",
            "",
            "Prospecting",
            "1",
            "10",
            "2026-12-01",
            "",
            "false",
            "false",
            "Pipeline",
            "USD",
        ),
    ]
    return csv_bytes(SF_OPPORTUNITY_HEADER, rows, quote_all=True)


def salesforce_lead() -> bytes:
    header = "Id IsDeleted LastName FirstName Company Status LeadSource IsConverted ConvertedAccountId".split()
    return csv_bytes(header, [("00Q5g00000Le001AAA", "false", "Doe", "John", "Acme", "Open", "Web", "false", "")])


# ---- HubSpot -------------------------------------------------------------------


def hubspot_contacts() -> bytes:
    header = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Job Title",
        "Phone Number",
        "Associated Company",
        "Contact owner",
        "Create Date",
        "Last Activity Date",
        "Lifecycle Stage",
        "Lead Status",
    ]
    rows = [
        (
            "51001",
            "Lena",
            "Hoffmann",
            "lena@brightline.example",
            "VP Engineering",
            "+49 30 1234",
            "Brightline Analytics",
            "Jane Miller",
            "2025-06-30 14:02",
            "2026-04-02 09:00",
            "customer",
            "Connected",
        ),
        (
            "51002",
            "Marc",
            "Petit",
            "marc@brightline.example",
            "CTO",
            "",
            "Brightline Analytics",
            "Jane Miller",
            "2025-06-30 14:02",
            "",
            "customer",
            "",
        ),
        (
            "51003",
            "Nobody",
            "Known",
            "n@k.example",
            "",
            "",
            "Unknown Company Inc",
            "Jane Miller",
            "2025-06-30 14:02",
            "",
            "lead",
            "",
        ),
    ]
    return csv_bytes(header, rows, bom=True)


def hubspot_deals() -> bytes:
    header = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Pipeline", "Associated Company"]
    rows = [
        (
            "70001",
            "Brightline data platform",
            "Contract sent",
            "45000",
            "2026-10-01",
            "Sales Pipeline",
            "Brightline Analytics",
        ),
        ("70002", "Brightline training", "Closed won", "12000", "2026-02-01", "Sales Pipeline", "Brightline Analytics"),
        ("70003", "Brightline audit", "Closed lost", "9000", "2026-01-10", "Sales Pipeline", "Brightline Analytics"),
    ]
    return csv_bytes(header, rows)


# ---- Pipedrive -----------------------------------------------------------------


def pipedrive_organizations() -> bytes:
    header = [
        "Organization - ID",
        "Organization - Name",
        "Organization - Owner",
        "Organization - Address - Country",
        "Organization - Number of employees",
        "Organization - Annual revenue",
        "Organization - Website",
        "Organization - Labels",
    ]
    rows = [
        ("301", "Fjord Shipping AS", "Omar Haddad", "Norway", "1.000", "250000000", "fjord.example", "Customer"),
        ("302", "Vistula Logistics", "Omar Haddad", "Poland", "51-200", "", "vistula.example", ""),
    ]
    return csv_bytes(header, rows)


def pipedrive_persons() -> bytes:
    header = [
        "Person - ID",
        "Person - Name",
        "Person - Organization",
        "Person - Email - Work",
        "Person - Phone - Work",
        "Person - Job title",
        "Organization - ID",
    ]
    rows = [
        ("901", "Ingrid Berg", "Fjord Shipping AS", "ingrid@fjord.example", "+47 22 00 00 00", "COO", "301"),
        ("902", "Piotr Nowak", "Vistula Logistics", "piotr@vistula.example", "", "Head of Fleet", "302"),
    ]
    return csv_bytes(header, rows)


def pipedrive_deals() -> bytes:
    header = [
        "Deal - ID",
        "Deal - Title",
        "Deal - Value",
        "Deal - Currency",
        "Deal - Status",
        "Deal - Organization",
        "Deal - Expected close date",
        "Deal - Stage",
        "Person - Name",
    ]
    rows = [
        (
            "4001",
            "Fjord fleet tracking",
            "1200000",
            "NOK",
            "open",
            "Fjord Shipping AS",
            "2026-11-30",
            "Proposal made",
            "Ingrid Berg",
        ),
        (
            "4002",
            "Vistula pilot",
            "40000",
            "PLN",
            "won",
            "Vistula Logistics",
            "2026-03-31",
            "Negotiations started",
            "Piotr Nowak",
        ),
        ("4003", "Fjord analytics", "300000", "NOK", "lost", "Fjord Shipping AS", "2026-01-31", "Qualified", ""),
    ]
    return csv_bytes(header, rows)


# ---- Zoho ----------------------------------------------------------------------


def zoho_accounts() -> bytes:
    header = [
        "Record Id",
        "Account Owner",
        "Account Owner.id",
        "Account Name",
        "Phone",
        "Website",
        "Account Type",
        "Industry",
        "Employees",
        "Annual Revenue",
        "Billing City",
        "Billing Country",
        "Parent Account",
        "Parent Account.id",
        "Currency",
        "Exchange Rate",
        "Description",
    ]
    rows = [
        (
            "zcrm_4876876000000111",
            "Omar Haddad",
            "zcrm_4876876000000001",
            "Andes Minería SA",
            "+56 2 1234",
            "www.andes-mineria.example",
            "Customer",
            "Mining",
            "12000",
            "900000000",
            "Santiago",
            "Chile",
            "",
            "",
            "USD",
            "1",
            "Copper",
        ),
    ]
    return csv_bytes(header, rows)


def zoho_contacts() -> bytes:
    header = [
        "Record Id",
        "Contact Owner",
        "First Name",
        "Last Name",
        "Account Name",
        "Account Name.id",
        "Email",
        "Title",
        "Department",
        "Phone",
        "Mobile",
        "Reporting To",
        "Reporting To.id",
    ]
    rows = [
        (
            "zcrm_4876876000000501",
            "Omar Haddad",
            "Lucía",
            "Rojas",
            "Andes Minería SA",
            "zcrm_4876876000000111",
            "lucia@andes.example",
            "Gerente General",
            "Dirección",
            "",
            "+56 9 8765 4321",
            "",
            "",
        ),
        (
            "zcrm_4876876000000502",
            "Omar Haddad",
            "Diego",
            "Soto",
            "Andes Minería SA",
            "zcrm_4876876000000111",
            "diego@andes.example",
            "CFO",
            "Finanzas",
            "+56 2 5555",
            "",
            "Lucía Rojas",
            "zcrm_4876876000000501",
        ),
    ]
    return csv_bytes(header, rows)


def zoho_deals() -> bytes:
    header = [
        "Record Id",
        "Deal Owner",
        "Deal Name",
        "Amount",
        "Closing Date",
        "Stage",
        "Account Name",
        "Account Name.id",
        "Probability (%)",
        "Currency",
        "Exchange Rate",
    ]
    rows = [
        (
            "zcrm_4876876000000901",
            "Omar Haddad",
            "Andes conveyor upgrade",
            "1,250,000.00",
            "2026-08-31",
            "Negotiation/Review",
            "Andes Minería SA",
            "zcrm_4876876000000111",
            "75",
            "USD",
            "1",
        ),
        (
            "zcrm_4876876000000902",
            "Omar Haddad",
            "Andes spare parts",
            "80,000.00",
            "2026-02-28",
            "Closed-Lost to Competition",
            "Andes Minería SA",
            "zcrm_4876876000000111",
            "0",
            "USD",
            "1",
        ),
    ]
    return csv_bytes(header, rows)


# ---- Dynamics 365 ("Export to Excel", re-saved as CSV) --------------------------

DYNAMICS_HIDDEN = ["(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On"]


def dynamics_accounts() -> bytes:
    header = [
        "(Do Not Modify) Account",
        *DYNAMICS_HIDDEN,
        "Account Name",
        "Main Phone",
        "Address 1: City",
        "Address 1: Country/Region",
        "Annual Revenue",
        "Number of Employees",
        "Currency",
    ]
    rows = [
        (
            "8f3a2b1c-0000-4e5f-9a8b-000000000001",
            "abc==",
            "2026-05-01T10:00:00",
            "Skärgård Logistik AB",
            "+46 8 123",
            "Stockholm",
            "Sweden",
            "kr40,000,000.00",
            "1,200",
            "Swedish Krona",
        ),
        (
            "8f3a2b1c-0000-4e5f-9a8b-000000000002",
            "abd==",
            "2026-05-01T10:00:00",
            "Contoso Pharmaceuticals",
            "+1 425 555",
            "Redmond",
            "United States",
            "$1,000,000.00",
            "250",
            "US Dollar",
        ),
        (
            "8f3a2b1c-0000-4e5f-9a8b-000000000003",
            "abe==",
            "2026-05-01T10:00:00",
            "Fabrikam Europe BV",
            "",
            "Amsterdam",
            "Netherlands",
            "€2,000,000.00",
            "10001+",
            "Euro",
        ),
    ]
    return csv_bytes(header, rows)


def dynamics_contacts() -> bytes:
    header = [
        "(Do Not Modify) Contact",
        *DYNAMICS_HIDDEN,
        "Full Name",
        "Company Name",
        "Business Phone",
        "Email",
        "Job Title",
    ]
    rows = [
        (
            "1c2d-0001",
            "x==",
            "2026-05-01T10:00:00",
            "Karin Lund",
            "Skärgård Logistik AB",
            "+46 8 124",
            "karin@skargard.example",
            "VD",
        ),
    ]
    return csv_bytes(header, rows)


def dynamics_opportunities() -> bytes:
    header = [
        "(Do Not Modify) Opportunity",
        *DYNAMICS_HIDDEN,
        "Topic",
        "Potential Customer",
        "Est. Close Date",
        "Est. Revenue",
        "Status",
        "Currency",
    ]
    rows = [
        (
            "9e8f-0001",
            "y==",
            "2026-05-01T10:00:00",
            "Skärgård cold chain",
            "Skärgård Logistik AB",
            "2026-12-01",
            "kr2,500,000.00",
            "Open",
            "Swedish Krona",
        ),
        (
            "9e8f-0002",
            "z==",
            "2026-05-01T10:00:00",
            "Contoso lab kit",
            "Contoso Pharmaceuticals",
            "2026-04-01",
            "$90,000.00",
            "Won",
            "US Dollar",
        ),
    ]
    return csv_bytes(header, rows)


# ---- Odoo (Contacts, import-compatible export): companies and people in one file --


def odoo_partners() -> bytes:
    header = [
        "id",
        "name",
        "is_company",
        "parent_id/id",
        "parent_id",
        "email",
        "phone",
        "function",
        "country_id",
        "website",
    ]
    rows = [
        (
            "__export__.res_partner_838_c94aefaf",
            "Lumière Distribution SARL",
            "True",
            "",
            "",
            "contact@lumiere.example",
            "+33 1 23 45",
            "",
            "France",
            "https://lumiere.example",
        ),
        (
            "__export__.res_partner_839_0a1b2c3d",
            "Élodie Martin",
            "False",
            "__export__.res_partner_838_c94aefaf",
            "Lumière Distribution SARL",
            "elodie@lumiere.example",
            "+33 6 12 34",
            "Directrice des achats",
            "France",
            "",
        ),
        (
            "__export__.res_partner_840_1a2b3c4d",
            "Hugo Bernard",
            "False",
            "__export__.res_partner_838_c94aefaf",
            "Lumière Distribution SARL",
            "hugo@lumiere.example",
            "",
            "Acheteur",
            "France",
            "",
        ),
    ]
    return csv_bytes(header, rows)
