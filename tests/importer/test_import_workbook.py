"""Excel workbooks read directly: HubSpot's default .xlsx, Salesforce's
Formatted report, Dynamics' export with hidden columns and a hidden sheet.
The workbooks are built here with openpyxl, as those CRMs lay them out."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from kam_tui.importer import ImportRefused, apply_import, parse_file
from kam_tui.services import accounts


def workbook(
    *sheets: tuple[str, list[list[object]]], hidden_sheets: tuple[str, ...] = (), hidden_columns: str = ""
) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden_sheets:
            sheet.sheet_state = "hidden"
        for letter in hidden_columns:
            sheet.column_dimensions[letter].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def hubspot_companies_xlsx() -> bytes:
    header = [
        "Record ID",
        "Company name",
        "Company owner",
        "Create Date",
        "Phone Number",
        "Last Activity Date",
        "City",
        "Country/Region",
        "Industry",
        "Annual Revenue",
        "Number of Employees",
        "Company Domain Name",
    ]
    rows = [
        [
            9871000001,
            "Acme Corporation",
            "Jane Miller",
            datetime(2024, 2, 11, 9, 15),
            "+1 555",
            datetime(2026, 3, 4),
            "Springfield",
            "United States",
            "MANUFACTURING",
            139000000,
            4200,
            "acme.example",
        ],
        [
            9871000002,
            "Brightline Analytics",
            "Jane Miller",
            datetime(2025, 6, 30),
            None,
            None,
            "Austin",
            "United States",
            "COMPUTER_SOFTWARE",
            1250.125,
            1000,
            "brightline.example",
        ],
    ]
    return workbook(("Companies", [header, *rows]))


def test_hubspot_xlsx_takes_numbers_and_dates_as_typed(engine, session):
    parsed = parse_file(hubspot_companies_xlsx())
    assert (parsed.sheet, parsed.kind, parsed.source) == ("Companies", "accounts", "HubSpot")
    acme, bright = (r.values for r in parsed.rows)
    assert acme["crm_id"] == "9871000001" and acme["annual_revenue"] == Decimal(139_000_000)
    assert acme["employees"] == 4200 and "Last activity in the CRM: 2026-03-04" in acme["notes"]
    # a number with three decimals is never read as thousands, a count of 1000 stays 1000
    assert bright["annual_revenue"] == Decimal("1250.125") and bright["employees"] == 1000
    assert parsed.date_order is None
    result = apply_import(engine, parsed)
    assert result.created == 2
    assert accounts.find_account(session, "Acme Corporation").employees == 4200


def salesforce_formatted_report() -> bytes:
    rows: list[list[object]] = [
        [None, "Key Accounts by Country"],
        [None, "Filtered By:", "Account Owner equals Jane Miller"],
        [],
        [None, "Billing Country", "Account Name", "Annual Revenue", "Employees", "Industry"],
        [None, "Germany (2)"],
        [None, None, "Nordwind Industrietechnik GmbH", 12500000, 850, "Machinery"],
        [None, None, "Müller Präzision AG", 9000000, 1250, "Machinery"],
        [None, "Subtotal", None, 21500000, 2100],
        [None, "Sweden (1)"],
        [None, None, "Skärgård Logistik AB", 40000000, 1200, "Transportation"],
        [None, "Subtotal", None, 40000000, 1200],
        [None, "Grand Totals (3 records)", None, 61500000, 3300],
        [],
        [None, "Confidential Information - Do Not Distribute"],
        [None, "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
    ]
    return workbook(("Key Accounts", rows))


def test_salesforce_formatted_report_title_groups_subtotals_and_footer():
    parsed = parse_file(salesforce_formatted_report())
    assert parsed.header_where == "row 4"
    names = {r.values["name"]: r.values for r in parsed.rows}
    assert list(names) == ["Nordwind Industrietechnik GmbH", "Müller Präzision AG", "Skärgård Logistik AB"]
    # the group's value is given to its rows
    assert [v["country"] for v in names.values()] == ["DE", "DE", "SE"]
    assert names["Skärgård Logistik AB"]["annual_revenue"] == Decimal(40_000_000)
    assert parsed.problems == [] and parsed.left_empty == []
    notes = " ".join(parsed.notes)
    assert "above the header" in notes and "group heading" in notes and "total line" in notes
    assert "report footer" in notes


def test_dynamics_xlsx_reads_its_hidden_record_columns_and_skips_its_hidden_sheet():
    header = [
        "(Do Not Modify) Account",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Account Name",
        "Main Phone",
        "Address 1: Country/Region",
        "Annual Revenue",
        "Currency",
    ]
    row = [
        "8f3a2b1c-0000-4e5f-9a8b-000000000001",
        "abc==",
        datetime(2026, 5, 1),
        "Skärgård Logistik AB",
        "+46",
        "Sweden",
        40000000,
        "Swedish Krona",
    ]
    data = workbook(
        ("hiddenSheet", [["entity", "account"], ["Account Name", "Annual Revenue"]]),
        ("Active Accounts", [header, row]),
        hidden_sheets=("hiddenSheet",),
        hidden_columns="ABC",
    )
    parsed = parse_file(data)
    assert parsed.sheet == "Active Accounts" and parsed.source == "Dynamics 365"
    assert parsed.rows[0].values["crm_id"] == "8f3a2b1c-0000-4e5f-9a8b-000000000001"
    assert (parsed.rows[0].values["annual_revenue"], parsed.rows[0].values["currency"]) == (Decimal(40_000_000), "SEK")


def test_the_first_sheet_with_a_header_is_read_and_named():
    data = workbook(
        ("Notes", [["Exported for the QBR"], ["see next sheet"]]),
        ("Contacts", [["First Name", "Last Name", "Account Name", "Email"], ["Eva", "Kaya", "Acme", "e@acme.example"]]),
    )
    parsed = parse_file(data)
    assert (parsed.sheet, parsed.kind) == ("Contacts", "contacts")
    assert any("read sheet 'Contacts'" in n for n in parsed.notes)


def test_dates_typed_in_excel_need_no_order():
    data = workbook(
        ("Deals", [["Opportunity Name", "Account Name", "Close Date", "Stage"], ["D", "A", date(2026, 3, 4), "Open"]])
    )
    parsed = parse_file(data)
    assert parsed.rows[0].values["expected_close"] == date(2026, 3, 4) and parsed.date_order is None


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: b"PK\x03\x04\x14\x00\x06\x00", "cannot be read"),
        (
            lambda: workbook(("Sheet1", [["Industry", "Country"], ["Steel", "USA"]])),
            "no sheet of the workbook has a header",
        ),
        (
            lambda: workbook(("Leads", [["Lead Owner", "First Name", "Last Name", "Company"], ["J", "A", "B", "C"]])),
            "Lead export",
        ),
    ],
    ids=["damaged", "no header", "leads"],
)
def test_workbooks_kam_cannot_take_are_refused_saying_why(build, words):
    with pytest.raises(ImportRefused) as caught:
        parse_file(build())
    assert words in str(caught.value)
