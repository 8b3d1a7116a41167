"""Reading CRM exports: encodings, delimiters, quoting, headers, footers, and
the files that must be refused (with what and where)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.importer import ImportRefused, parse_file
from kam_tui.importer.reading import read_table, sniff_delimiter

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def names(parsed) -> list[str]:
    return [r.values["name"] for r in parsed.rows]


# ---- encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Name,Country\nSkärgård AB,Sweden\n".encode(), "UTF-8"),
        ("Name,Country\nSkärgård AB,Sweden\n".encode("utf-8-sig"), "UTF-8 with BOM"),
        (b"\xff\xfe" + "Name\tCountry\r\nSkärgård AB\tSweden\r\n".encode("utf-16-le"), "UTF-16 (little-endian, BOM)"),
        (b"\xfe\xff" + "Name\tCountry\r\nSkärgård AB\tSweden\r\n".encode("utf-16-be"), "UTF-16 (big-endian, BOM)"),
        ("Name;Country\r\nSkärgård AB;Sweden\r\n".encode("cp1252"), "Windows-1252"),
    ],
)
def test_each_encoding_reads_the_same_name(data, encoding):
    parsed = parse_file(data)
    assert parsed.encoding == encoding
    assert names(parsed) == ["Skärgård AB"]
    assert parsed.rows[0].values["country"] == "SE"


def test_windows_1252_is_named_as_a_fallback():
    parsed = parse_file("Name;Revenue\r\nCafé Lumière;€ 1.250.000,00\r\n".encode("cp1252"))
    assert parsed.encoding == "Windows-1252"
    assert "not UTF-8" in parsed.encoding_note and "line 2" in parsed.encoding_note
    assert names(parsed) == ["Café Lumière"]
    assert parsed.rows[0].values["currency"] == "EUR"


def test_utf8_bom_is_not_part_of_the_first_header():
    parsed = parse_file("\ufeffAccount Name,Industry\nAcme,Steel\n".encode("utf-8"))
    assert parsed.columns.fields["name"] == 0


# ---- delimiters and quoting --------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed_even_when_values_hold_the_others(delimiter):
    rows = [
        ["Account Name", "Industry", "Annual Revenue"],
        ["Dupont; Fils, & Cie", "Chemicals", "1000"],
        ["Acme\tCorp", "Steel, iron; metals", "2000"],
    ]
    text = "\n".join(delimiter.join(f'"{c}"' for c in r) for r in rows) + "\n"
    parsed = parse_file(text.encode())
    assert names(parsed) == ["Dupont; Fils, & Cie", "Acme Corp"]
    assert parsed.rows[1].values["industry"] == "Steel, iron; metals"


def test_sniffing_counts_fields_respecting_quotes():
    # commas only inside quotes: a naive count would call this comma-separated
    text = '"a, b, c";"d, e"\n"f, g";"h"\n'
    assert sniff_delimiter(text) == ";"


def test_quoted_fields_hold_quotes_and_line_breaks():
    data = (
        b'Name,Notes,Industry\r\n"Blue Harbor ""Marine"" Services","line one\r\nline two",Shipping\r\n'
        b"Next Co,,Retail\r\n"
    )
    parsed = parse_file(data)
    assert names(parsed) == ['Blue Harbor "Marine" Services', "Next Co"]
    # spreadsheet row 3 starts on line 4 because row 2 holds a line break
    assert parsed.rows[1].where == "row 3 (line 4)"


def test_excel_sep_line_names_the_delimiter():
    parsed = parse_file(b"sep=;\r\nName;Country\r\nAcme, Inc.;USA\r\n")
    assert parsed.delimiter_name == "semicolon"
    assert names(parsed) == ["Acme, Inc."]
    assert any("sep=;" in n for n in parsed.notes)


def test_excel_trailing_empty_columns_and_blank_rows_are_harmless():
    parsed = parse_file(b"Name;Country;;\r\nAcme;USA;;\r\n;;;\r\nGlobex;Canada;;\r\n")
    assert names(parsed) == ["Acme", "Globex"]
    assert parsed.columns.ignored == []


def test_crlf_lf_and_cr_line_endings():
    for eol in ("\r\n", "\n", "\r"):
        parsed = parse_file(eol.join(["Name,Country", "Acme,USA", "Globex,Canada"]).encode())
        assert names(parsed) == ["Acme", "Globex"], repr(eol)


# ---- headers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "header", ["Account Name", "Name", "Company name", "Company", "ACCOUNT_NAME", " account  name ", "AccountName"]
)
def test_name_header_variants(header):
    parsed = parse_file(f'"{header}",Billing Country\nAcme,USA\n'.encode())
    assert names(parsed) == ["Acme"]
    assert parsed.rows[0].values["country"] == "US"


@pytest.mark.parametrize(
    ("header", "field", "cell", "value"),
    [
        ("Billing Country", "country", "France", "FR"),
        ("Country/Region", "country", "France", "FR"),
        ("Industry", "industry", "Retail", "Retail"),
        ("Number of Employees", "employees", "1,200", 1200),
        ("Employees", "employees", "1 200", 1200),
        ("Account Owner", "owner", "Jane Miller", "Jane Miller"),
        ("Company owner", "owner", "Jane Miller", "Jane Miller"),
        ("Website", "website", "https://www.acme.example", "https://www.acme.example"),
        ("Company Domain Name", "website", "acme.example", "acme.example"),
        ("Account ID", "crm_id", "0015g00000AbCdEAAV", "0015g00000AbCdEAAV"),
        ("Record ID", "crm_id", "9871000001", "9871000001"),
        ("Id", "crm_id", "0015g00000AbCdEAAV", "0015g00000AbCdEAAV"),
        ("Type", "notes", "Customer - Direct", "Type in the CRM: Customer - Direct"),
    ],
)
def test_field_headers(header, field, cell, value):
    parsed = parse_file(f'Account Name,"{header}"\nAcme,"{cell}"\n'.encode())
    assert parsed.rows[0].values[field] == value


def test_unknown_columns_are_listed_and_ignored():
    parsed = parse_file(b"Name,Lifecycle Stage,Fax,Industry\nAcme,Lead,555,Steel\n")
    assert parsed.columns.ignored == ["Lifecycle Stage", "Fax"]
    assert parsed.rows[0].values == {"name": "Acme", "industry": "Steel"}


def test_header_below_a_report_title_is_found():
    parsed = parse_file(b'"My Key Accounts report"\n\n"Account Name","Industry"\n"Acme","Steel"\n')
    assert names(parsed) == ["Acme"]
    assert any("above the header" in n for n in parsed.notes)


# ---- real exports ------------------------------------------------------------


def test_salesforce_report_footer_is_not_data():
    parsed = parse_file((FIXTURES / "salesforce_report.csv").read_bytes())
    assert parsed.rows_read == 8
    assert "Grand Totals (8 records)" not in names(parsed)
    assert "Contoso Sales Ltd." not in names(parsed)
    assert any("report footer" in n and "Grand Totals" in n for n in parsed.notes)
    assert parsed.problems == []


def test_total_line_inside_the_data_is_reported_not_imported():
    parsed = parse_file(b"Account Name,Annual Revenue\nAcme,100\nTotal,100\nTotal Energies SE,5\n")
    assert names(parsed) == ["Acme", "Total Energies SE"]
    assert any("row 3: a total line" in n for n in parsed.notes)


def test_last_name_only_row_is_kept_when_no_footer_follows():
    parsed = parse_file(b"Name,Country\nAcme,USA\nGlobex,\n")
    assert names(parsed) == ["Acme", "Globex"]


@pytest.mark.parametrize(
    ("fixture", "count", "encoding", "delimiter"),
    [
        ("salesforce_Account.csv", 4, "UTF-8", "comma"),
        ("hubspot_companies.csv", 4, "UTF-8 with BOM", "comma"),
        ("salesforce_report_excel_de.csv", 4, "Windows-1252", "semicolon"),
        ("hubspot_excel_unicode.txt", 3, "UTF-16 (little-endian, BOM)", "tab"),
    ],
)
def test_fixtures_read(fixture, count, encoding, delimiter):
    parsed = parse_file((FIXTURES / fixture).read_bytes())
    assert (parsed.rows_read, parsed.encoding, parsed.delimiter_name) == (count, encoding, delimiter)
    assert parsed.problems == []


# ---- refused files -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ["empty"]),
        (b"\r\n\r\n  \n", ["empty"]),
        (b"\xef\xbb\xbf", ["empty"]),
        (b"Account Name,Industry\r\n", ["header", "no rows"]),
        (b"Account Name,Industry\r\n,\r\n\r\n", ["header", "no rows"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ["binary", "line"]),
        (b"PK\x03\x04\x14\x00\x06\x00", ["Excel workbook", "CSV UTF-8"]),
        (b"Industry,Country\nSteel,USA\n", ["no column holds the account name", "row 1", "Industry, Country"]),
        (b'Name,Country\nAcme,USA\n"Globex,Canada\nInitech,USA\n', ["broken quoting", "line 3", "never closed"]),
        (b'Name,Country\nAcme,USA\n"Glo"bex,Canada\n', ["broken quoting", "line 3"]),
        (b"Name,Country\nAcme,USA\nDupont, Fils & Cie,France\n", ["row 3", "3 fields", "header (row 1) has 2"]),
    ],
)
def test_bad_files_are_refused_with_what_and_where(data, words):
    with pytest.raises(ImportRefused) as caught:
        parse_file(data)
    for word in words:
        assert word in str(caught.value)


def test_raw_records_keep_their_lines():
    table = read_table(b'a,b\n"x\ny",1\nz,2\n')
    assert [(r.row, r.line) for r in table.records] == [(1, 1), (2, 2), (3, 4)]


def test_the_more_specific_header_wins_when_two_could_fill_a_field():
    parsed = parse_file(b"Name,Account Name,Industry\nAcme Steel Division,Acme,Steel\n")
    assert names(parsed) == ["Acme"]
    assert parsed.columns.ignored == ["Name (another name column)"]


def test_a_name_beside_an_account_name_and_an_email_is_a_person_not_an_account():
    """Behaviour changed on purpose: this file used to make an account 'Acme' of Jane's row."""
    parsed = parse_file(b"Name,Account Name,Email\nJane Doe,Acme,jane@acme.example\n")
    assert parsed.kind == "contacts"
    assert parsed.rows[0].values == {"name": "Jane Doe", "account_name": "Acme", "email": "jane@acme.example"}


def test_name_only_rows_after_a_blank_line_are_accounts_not_a_footer():
    parsed = parse_file(b"Name,Country\nAcme,USA\n\nGlobex,\nInitech,\n")
    assert names(parsed) == ["Acme", "Globex", "Initech"]
    parsed = parse_file(b"Name\nAcme\n\nGlobex\n")
    assert names(parsed) == ["Acme", "Globex"]


def test_footer_padded_by_excel_is_still_a_footer():
    data = (
        b"Account Name;Industry;Employees\r\nAcme;Steel;12\r\n;;\r\nGrand Totals (1 records);;\r\n;;\r\n"
        b"Confidential Information - Do Not Distribute;;\r\nGenerated By:  Jane Miller  11/20/2026 3:12 PM;;\r\n"
        b"Contoso Sales Ltd.;;\r\n"
    )
    parsed = parse_file(data)
    assert names(parsed) == ["Acme"]
    assert any("rows 4-8 after the accounts: report footer" in n for n in parsed.notes)
