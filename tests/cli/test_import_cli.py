"""`kam import` as a user runs it: the summary, --dry-run, exit codes, and bad
files that leave the database byte for byte as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kam_tui.services import accounts
from tests.bad_files import digest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT name, tier, country, annual_revenue, currency, employees FROM account ORDER BY name"
        ).fetchall()


def test_dry_run_prints_the_plan_and_writes_nothing(kam, ready_db):
    before = digest(ready_db)
    result = kam("import", str(FIXTURES / "salesforce_report.csv"), "--dry-run", db=ready_db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Encoding: UTF-8" in out and "Delimiter: comma" in out
    assert "Account Name -> name" in out and "Annual Revenue -> annual revenue" in out
    assert "Dry run, nothing written: 8 rows read, 8 would be created, 0 would be updated" in out
    assert "row 2: Acme Corporation (USD 139,000,000)" in out
    assert "report footer ('Grand Totals (8 records)'" in out
    assert digest(ready_db) == before
    assert rows(ready_db) == []


def test_real_import_then_the_same_file_again_is_unchanged(kam, ready_db):
    first = kam("import", str(FIXTURES / "salesforce_report.csv"), db=ready_db)
    assert first.returncode == 0, first.stderr
    assert "Imported: 8 rows read, 8 created, 0 updated, 0 unchanged, 0 skipped" in first.stdout
    imported = rows(ready_db)
    assert ("Anadolu Enerji A.Ş.", "candidate", "TR", "250000000", "TRY", 3100) in imported
    assert ("Skärgård Logistik AB", "candidate", "SE", "40000000", "SEK", 1200) in imported
    before = digest(ready_db)
    second = kam("import", str(FIXTURES / "salesforce_report.csv"), db=ready_db)
    assert second.returncode == 0
    assert "8 rows read, 0 created, 0 updated, 8 unchanged, 0 skipped" in second.stdout
    assert rows(ready_db) == imported
    assert digest(ready_db) == before


def test_hubspot_then_its_excel_unicode_resave_updates_by_crm_id(kam, ready_db):
    assert kam("import", str(FIXTURES / "hubspot_companies.csv"), db=ready_db).returncode == 0
    result = kam("import", str(FIXTURES / "hubspot_excel_unicode.txt"), db=ready_db)
    assert result.returncode == 0, result.stderr
    assert "Encoding: UTF-16 (little-endian, BOM)" in result.stdout and "Delimiter: tab" in result.stdout
    assert "2 created, 0 updated, 1 unchanged" in result.stdout
    assert "row 2: Brightline Analytics (matched by CRM id): nothing empty to fill" in result.stdout
    names = [r[0] for r in rows(ready_db)]
    assert names.count("Brightline Analytics") == 1 and "İstanbul Tekstil A.Ş." in names


def test_update_lists_the_fields_it_fills(kam, ready_db):
    kam("import", str(FIXTURES / "hubspot_companies.csv"), db=ready_db)
    result = kam("import", str(FIXTURES / "salesforce_Account.csv"), db=ready_db)
    assert "row 4: Helios Solar Ltd (matched by name): fills revenue, notes" in result.stdout
    assert ("Helios Solar Ltd", "candidate", "GB", "8750000.5", "GBP", 60) in rows(ready_db)


def test_row_problems_are_listed_skipped_and_exit_zero(kam, ready_db, tmp_path):
    """An unreadable cell leaves its field empty (it used to cost the row); a row
    with no name is skipped; the rest is imported."""
    path = tmp_path / "mixed.csv"
    path.write_text("Account Name,Annual Revenue\nAcme,1.250\nGlobex,1000000\n,5\n", encoding="utf-8")
    result = kam("import", str(path), db=ready_db)
    assert result.returncode == 0
    assert (
        "2 created" in result.stdout and "1 skipped" in result.stdout and "1 cell left empty" in result.stdout
    )  # one cell, said so
    assert "row 2, column 'Annual Revenue': '1.250' could be read two ways" in result.stdout
    assert "row 4, column 'Account Name': is required" in result.stdout
    assert [(r[0], r[3]) for r in rows(ready_db)] == [("Acme", None), ("Globex", "1000000")]


def test_every_row_skipped_exits_one(kam, ready_db, tmp_path):
    path = tmp_path / "nameless.csv"
    path.write_text("Account Name,Annual Revenue\n,5\n , 6\n", encoding="utf-8")
    result = kam("import", str(path), db=ready_db)
    assert result.returncode == 1 and "every row was skipped" in result.stderr
    assert kam("import", str(path), "--dry-run", db=ready_db).returncode == 1
    assert rows(ready_db) == []


BAD_FILES = {
    "binary.csv": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "binary file"),
    "ragged.csv": (b"Name,Country\nAcme,USA\nDupont, Fils,France\n", "row 3 has 3 fields"),
    "broken_quote.csv": (b'Name,Country\n"Acme,USA\nGlobex,Canada\n', "opened on line 2 is never closed"),
    "no_name.csv": (b"Industry,Country\nSteel,USA\n", "no column holds the account name"),
    "empty.csv": (b"", "the file is empty"),
    "header_only.csv": (b"Account Name,Industry\r\n", "no rows of accounts"),
    "workbook.xlsx": (b"PK\x03\x04\x14\x00\x00\x00", "Excel workbook"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_and_the_database_is_untouched(kam, session, ready_db, tmp_path, name):
    accounts.create_account(session, "Kept Co", industry="Steel")
    session.close()
    before, before_rows = digest(ready_db), rows(ready_db)
    data, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = kam("import", str(path), db=ready_db)
    assert result.returncode == 1
    assert f"kam: {path}: not imported: " in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert digest(ready_db) == before and rows(ready_db) == before_rows


def test_missing_file_is_refused(kam, ready_db, tmp_path):
    result = kam("import", str(tmp_path / "nope.csv"), db=ready_db)
    assert result.returncode == 1 and "no file" in result.stderr


def test_date_order_is_asked_then_given_by_option(kam, ready_db, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Account Name,Last Activity\nAcme,3/4/2026\nGlobex,5/6/2026\n", encoding="utf-8")
    asked = kam("import", str(path), db=ready_db)
    assert asked.returncode == 1 and "--dates dmy" in asked.stderr and "'Last Activity'" in asked.stderr
    assert rows(ready_db) == []
    given = kam("import", str(path), "--dates", "dmy", db=ready_db)
    assert given.returncode == 0 and "Dates read as day/month/year" in given.stdout
    with sqlite3.connect(ready_db) as con:
        notes = con.execute("SELECT notes FROM account WHERE name='Acme'").fetchone()[0]
    assert notes == "Last activity in the CRM: 2026-04-03"


def test_usage_errors_exit_two(kam, ready_db):
    assert kam("import", db=ready_db).returncode == 2
    assert kam("import", "x.csv", "--dates", "ymd", db=ready_db).returncode == 2


def test_a_refused_database_gives_exit_one(kam, tmp_path):
    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"this is not a database" * 100)
    result = kam("import", str(FIXTURES / "hubspot_companies.csv"), db=bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert bad.read_bytes() == b"this is not a database" * 100


def test_kill_minus_nine_in_the_middle_of_an_import_leaves_the_database_as_it_was(engine, db_path, tmp_path):
    """The import is one transaction: killed while writing, nothing of it stays."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from kam_tui.db import new_session

    with new_session(engine) as s:
        accounts.create_account(s, "Kept Co", industry="Steel")
    engine.dispose()
    before = rows(db_path)
    big = tmp_path / "big.csv"
    lines = ["Account ID,Account Name,Industry,Notes from CRM,Annual Revenue"]
    filler = "x" * 300
    lines += [f'ID{i:06d},Company {i},Steel,{filler},"${i:,}000"' for i in range(60_000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wal = Path(str(db_path) + "-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kam_tui", "import", str(big), "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    deadline = time.monotonic() + 120
    # the transaction is under way once uncommitted pages spill into the WAL
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 2 * 1024 * 1024:
            break
        time.sleep(0.002)
    if proc.poll() is not None:
        pytest.skip("the import finished before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert rows(db_path) == before
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM tier_change").fetchone()[0] == 1


def test_long_lists_are_capped_unless_all_but_problems_never_are(kam, ready_db, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(
        "Account Name,Employees\n"
        + "".join(f"Company {i},{i}\n" for i in range(60))
        + "".join(f"Bad {i},many\n" for i in range(55)),
        encoding="utf-8",
    )
    capped = kam("import", str(path), "--dry-run", db=ready_db).stdout
    assert "Would create (115):" in capped and "  ... and 65 more (--all lists every row)" in capped
    assert "row 61: Company 59" not in capped
    assert capped.count("is not a whole number of employees") == 55
    full = kam("import", str(path), "--dry-run", "--all", db=ready_db).stdout
    assert "row 61: Company 59" in full and "more (--all" not in full


def test_the_issue_s_employee_counts_come_in_as_thousands_and_the_dry_run_shows_them(kam, ready_db, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text('Account Name,Employees\nA,"1,000"\nB,"2.000"\nC,51-200\n', encoding="utf-8")
    dry = kam("import", str(path), "--dry-run", db=ready_db)
    assert dry.returncode == 0
    assert "row 2: name: A · employees: 1,000" in dry.stdout and "row 3: name: B · employees: 2,000" in dry.stdout
    assert "row 4, column 'Employees': '51-200' is a range, not a number of employees; left empty" in dry.stdout
    assert kam("import", str(path), db=ready_db).returncode == 0
    listed = json.loads(kam("list", "--json", db=ready_db).stdout)
    assert {a["name"]: a["employees"] for a in listed} == {"A": 1000, "B": 2000, "C": None}


def test_a_salesforce_set_from_the_shell_and_each_reimport_changes_nothing(kam, ready_db, tmp_path):
    from tests.importer import crm_files as crm

    for name, data in (
        ("Account.csv", crm.salesforce_accounts()),
        ("Contact.csv", crm.salesforce_contacts()),
        ("Opportunity.csv", crm.salesforce_opportunities()),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        first = kam("import", str(path), db=ready_db)
        assert first.returncode == 0, first.stderr
        assert "Read as: Salesforce" in first.stdout
        before = digest(ready_db)
        again = kam("import", str(path), db=ready_db)
        assert again.returncode == 0 and " 0 created, 0 updated" in again.stdout, again.stdout
        assert digest(ready_db) == before
    dry = kam("import", str(tmp_path / "Contact.csv"), "--dry-run", db=ready_db).stdout
    assert "people: 0 would be created, 0 would be updated, 4 unchanged, 1 skipped" in dry
    assert "1 left out as deleted or merged in the CRM" in dry


def test_map_assigns_a_column_by_hand_and_bad_maps_are_usage_errors(kam, ready_db, tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text("Kundenname;Umsatz\nMüller AG;1.500.000\n", encoding="utf-8")
    refused = kam("import", str(path), db=ready_db)
    assert refused.returncode == 1 and "--map" in refused.stderr
    done = kam("import", str(path), "--map", "Kundenname=name", "--map", "Umsatz=annual_revenue", db=ready_db)
    assert done.returncode == 0, done.stderr
    assert ("Müller AG", "candidate", "", "1500000", None, None) in rows(ready_db)
    unknown_field = kam("import", str(path), "--map", "Umsatz=turnover", db=ready_db)
    assert (
        unknown_field.returncode == 2 and "annual_revenue" in unknown_field.stderr and "ignore" in unknown_field.stderr
    )
    unknown_column = kam(
        "import", str(path), "--map", "Kundenname=name", "--map", "Revenue=annual_revenue", db=ready_db
    )
    assert unknown_column.returncode == 2 and "no column 'Revenue'" in unknown_column.stderr
    assert "Kundenname, Umsatz" in unknown_column.stderr
    assert kam("import", str(path), "--map", "oops", db=ready_db).returncode == 2


def test_encoding_is_asked_with_the_exact_option_then_taken(kam, ready_db, tmp_path):
    path = tmp_path / "tr.csv"
    path.write_bytes("Account Name;Billing Country\nAğaç Sanayi;Türkiye\nYıldız;Türkiye\n".encode("cp1254"))
    result = kam("import", str(path), db=ready_db)
    if result.returncode == 0:  # the text told it: it must then be right
        assert "Ağaç Sanayi" in [r[0] for r in rows(ready_db)]
    else:
        assert result.returncode == 1 and "--encoding windows-1254" in result.stderr
        assert rows(ready_db) == []
    path.write_bytes("Account Name;Billing Country\nAğaç;X\n".encode("cp1254"))
    asked = kam("import", str(path), db=ready_db)
    assert asked.returncode == 1 and "--encoding windows-1254" in asked.stderr and "'Ağaç'" in asked.stderr
    taken = kam("import", str(path), "--encoding", "windows-1254", db=ready_db)
    assert taken.returncode == 0 and "Windows-1254 (as you said)" in taken.stdout
    assert "Ağaç" in [r[0] for r in rows(ready_db)]
    assert kam("import", str(path), "--encoding", "klingon", db=ready_db).returncode == 2


def test_an_xlsx_file_imports_from_the_shell_and_names_its_sheet(kam, ready_db, tmp_path):
    from tests.importer.test_import_workbook import hubspot_companies_xlsx

    path = tmp_path / "companies.xlsx"
    path.write_bytes(hubspot_companies_xlsx())
    result = kam("import", str(path), db=ready_db)
    assert result.returncode == 0, result.stderr
    assert "Sheet: Companies" in result.stdout and "2 created" in result.stdout


def test_two_imports_in_two_processes_one_after_the_other_never_share_an_id(kam, ready_db, tmp_path):
    """Each `kam import` takes its ids from the database: the second process's
    accounts, people and tier history follow the first's, each tied to its own."""
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("Account Name\n" + "".join(f"First {i}\n" for i in range(30)), encoding="utf-8")
    second.write_text("Account Name\n" + "".join(f"Second {i}\n" for i in range(20)), encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text(
        "First Name,Last Name,Account Name,Title\nAda,One,First 29,CTO\nBo,Two,Second 0,CFO\nCy,Three,Second 19,COO\n",
        encoding="utf-8",
    )
    for path in (first, second, people):
        done = kam("import", str(path), db=ready_db)
        assert done.returncode == 0, done.stderr
    with sqlite3.connect(ready_db) as con:
        names = dict(con.execute("SELECT id, name FROM account"))
        history = con.execute("SELECT account_id FROM tier_change WHERE reason = 'imported'").fetchall()
        where = dict(con.execute("SELECT s.name, a.name FROM stakeholder s JOIN account a ON a.id = s.account_id"))
    assert sorted(names.values()) == sorted([f"First {i}" for i in range(30)] + [f"Second {i}" for i in range(20)])
    assert sorted(a for (a,) in history) == sorted(names)  # one each, on its own account
    assert where == {"Ada One": "First 29", "Bo Two": "Second 0", "Cy Three": "Second 19"}
