"""Matching and writing: fill only what is empty, never a duplicate, the same
file twice changes nothing, one transaction."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from kam_tui.importer import apply_import, make_plan, parse_file
from kam_tui.models import Account, Tier, TierChange
from kam_tui.services import accounts

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def run_import(engine, data: bytes, **kw):
    return apply_import(engine, parse_file(data, **kw))


def all_accounts(session) -> dict[str, Account]:
    session.expire_all()
    return {a.name: a for a in accounts.list_accounts(session)}


def test_new_accounts_arrive_as_candidates_with_an_imported_tier_change(engine, session):
    result = run_import(engine, b'Account Name,Industry,Annual Revenue\nAcme,Steel,"$139,000,000"\n')
    assert (result.created, result.updated, result.unchanged, result.skipped) == (1, 0, 0, 0)
    acme = all_accounts(session)["Acme"]
    assert acme.tier == Tier.CANDIDATE
    assert (acme.industry, acme.annual_revenue, acme.currency) == ("Steel", Decimal(139_000_000), "USD")
    [change] = accounts.tier_history(session, acme.id)
    assert (change.from_tier, change.to_tier, change.reason) == (None, Tier.CANDIDATE, "imported")


def test_a_match_fills_empty_fields_and_never_overwrites(engine, session):
    kept = accounts.create_account(
        session, "Acme", industry="Metals", annual_revenue="EUR 5,000,000", tier="existing_key"
    )
    result = run_import(
        engine,
        b'Account Name,Industry,Billing Country,Annual Revenue,Employees\nACME,Steel,USA,"$139,000,000","4,200"\n',
    )
    assert (result.created, result.updated) == (0, 1)
    assert result.plan.updates[0].matched_by == "name"
    acme = all_accounts(session)["Acme"]
    assert (acme.industry, acme.country, acme.employees) == ("Metals", "US", 4200)
    assert (acme.annual_revenue, acme.currency) == (Decimal(5_000_000), "EUR")
    assert acme.tier == Tier.EXISTING_KEY
    assert acme.id == kept.id


def test_revenue_in_another_currency_is_not_filled_under_the_accounts_currency(engine, session):
    accounts.create_account(session, "Acme", currency="EUR")
    result = run_import(engine, b'Name,Annual Revenue\nAcme,"$139,000,000"\n')
    acme = all_accounts(session)["Acme"]
    assert (acme.annual_revenue, acme.currency) == (None, "EUR")
    assert any("currency is EUR" in n for n in result.plan.notes)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(engine, session):
    for fixture in sorted(FIXTURES.iterdir()):
        run_import(engine, fixture.read_bytes())
    with engine.connect() as conn:
        before = conn.execute(sa.text("SELECT * FROM account ORDER BY id")).all()
        changes = conn.execute(sa.text("SELECT count(*) FROM tier_change")).scalar()
    for fixture in sorted(FIXTURES.iterdir()):
        result = run_import(engine, fixture.read_bytes())
        assert (result.created, result.updated) == (0, 0), fixture.name
        assert result.unchanged == result.plan.parsed.rows_read - len(result.plan.merged)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT * FROM account ORDER BY id")).all() == before
        assert conn.execute(sa.text("SELECT count(*) FROM tier_change")).scalar() == changes


def test_match_by_crm_id_survives_a_rename_in_the_crm(engine, session):
    run_import(engine, b"Record ID,Company name\n9871000001,Acme Corporation\n")
    result = run_import(engine, b"Record ID,Company name,Industry\n9871000001,Acme Corp (renamed),Steel\n")
    assert (result.created, result.updated) == (0, 1)
    assert result.plan.updates[0].matched_by == "CRM id"
    assert list(all_accounts(session)) == ["Acme Corporation"]
    assert all_accounts(session)["Acme Corporation"].industry == "Steel"


def test_match_by_name_ignores_case_and_accents(engine, session):
    accounts.create_account(session, "Société Générale")
    result = run_import(engine, b"Name,Country\nSOCIETE GENERALE,France\n")
    assert (result.created, result.updated) == (0, 1)
    assert all_accounts(session)["Société Générale"].country == "FR"


def test_match_by_website_domain(engine, session):
    accounts.create_account(session, "Acme Corporation", website="https://www.acme.example/")
    result = run_import(engine, b"Company name,Company Domain Name,Industry\nAcme Corp.,acme.example,Steel\n")
    assert (result.created, result.updated) == (0, 1)
    assert result.plan.updates[0].matched_by == "website"
    assert list(all_accounts(session)) == ["Acme Corporation"]


def test_duplicates_within_the_file_are_merged_and_reported(engine, session):
    result = run_import(
        engine,
        "Name,Industry,Country,Website\n"
        "Zürich Rück,Insurance,,zurich.example\n"
        "ZURICH RUCK,Reinsurance,Switzerland,\n"
        "Zurich Re Services,,,www.zurich.example\n".encode(),
    )
    assert result.created == 1
    z = all_accounts(session)["Zürich Rück"]
    assert (z.industry, z.country) == ("Insurance", "CH")
    assert [m.split(" is ")[0] for m in result.plan.merged] == ["row 3", "row 4"]
    assert "same name" in result.plan.merged[0] and "same website" in result.plan.merged[1]


def test_a_row_without_a_name_is_skipped_and_an_unreadable_cell_costs_only_itself(engine, session):
    """Behaviour changed on purpose: a bad cell used to drop the whole account."""
    result = run_import(engine, b"Name,Employees\nAcme,12\n,40\nGlobex,many\n")
    assert (result.created, result.skipped) == (2, 1)
    assert [str(p) for p in result.plan.problems] == ["row 3, column 'Name': is required"]
    assert [str(p) for p in result.plan.parsed.left_empty] == [
        "row 4, column 'Employees': 'many' is not a whole number of employees; left empty"
    ]
    assert sorted(all_accounts(session)) == ["Acme", "Globex"]
    assert all_accounts(session)["Globex"].employees is None


def test_preview_plan_writes_nothing(engine, session):
    parsed = parse_file(b"Name\nAcme\nGlobex\n")
    with engine.connect() as conn:
        plan = make_plan(conn, parsed)
    assert [t.name for t in plan.creates] == ["Acme", "Globex"]
    assert all_accounts(session) == {}


def test_a_failing_write_leaves_nothing_behind(engine, session, backend):
    if backend != "sqlite":
        pytest.skip("a SQLite trigger; on a server, tests/cli/test_import_server.py drops the connection mid-import")
    accounts.create_account(session, "Existing")
    parsed = parse_file(b"Name\nAcme\nGlobex\n")
    with engine.begin() as conn:  # a trigger makes the second insert fail, mid-transaction
        conn.exec_driver_sql(
            "CREATE TRIGGER no_globex BEFORE INSERT ON account WHEN NEW.name = 'Globex' "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    with pytest.raises(sqlite3.DatabaseError):  # on a file the importer writes through sqlite3
        apply_import(engine, parsed)
    assert list(all_accounts(session)) == ["Existing"]
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(TierChange.__table__)).scalar() == 1


def test_ten_thousand_rows_in_one_go(engine, session):
    lines = ["Account ID,Account Name,Annual Revenue,Employees"]
    lines += [f'ID{i:05d},Company {i},"${i * 1_000_000:,}",{i}' for i in range(1, 10_001)]
    result = run_import(engine, ("\n".join(lines) + "\n").encode())
    assert result.created == 10_000
    again = run_import(engine, ("\n".join(lines) + "\n").encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10_000)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM tier_change WHERE reason='imported'")).scalar() == 10_000
    assert all_accounts(session)["Company 9999"].annual_revenue == Decimal(9_999_000_000)


def test_imported_rows_are_stored_exactly_as_the_app_stores_them(engine, session):
    from kam_tui.store.stamps import set_user

    set_user(engine, "Typist")
    accounts.create_account(
        session, "Typed Co", annual_revenue="EUR 1,250,000.50", employees=5, website="typed.example", country="France"
    )
    run_import(
        engine,
        b"Name,Annual Revenue,Currency,Employees,Website,Country\n"
        b'Imported Co,"1,250,000.50",EUR,5,typed2.example,France\n',
    )
    with engine.connect() as conn:
        typed, imported = conn.execute(sa.text("SELECT * FROM account ORDER BY id")).all()
        changes = conn.execute(sa.text("SELECT * FROM tier_change ORDER BY id")).all()
    for column, a, b in zip(typed._fields, typed, imported):
        if column in ("id", "name", "name_key", "website"):
            assert type(a) is type(b), column
        elif column in ("created_at", "updated_at"):
            assert same_moment_form(a, b), column
        elif column == "uuid":  # each row its own, in the same form
            assert len(a) == len(b) == 36 and a != b
        elif column == "updated_by":  # each records who wrote it
            assert (a, b) == ("Typist", "Typist"), column
        else:
            assert a == b, column
    assert same_moment_form(changes[0].changed_at, changes[1].changed_at)


def same_moment_form(a, b) -> bool:
    """On a file, the same text format (e.g. no '+00:00' on one of them); on a server, the same kind of timestamp."""
    if isinstance(a, str):
        return isinstance(b, str) and len(a) == len(b) and "+" not in b
    return type(a) is type(b) and a.tzinfo == b.tzinfo


def test_salesforce_15_and_18_character_ids_are_one_account(engine, session):
    run_import(engine, b"Account ID,Account Name\n0015g00000AbCdE,Acme Corporation\n")
    result = run_import(engine, b"Id,Name,Industry\n0015g00000AbCdEAAV,Acme Corp (renamed),Steel\n")
    assert (result.created, result.updated) == (0, 1)
    assert result.plan.updates[0].matched_by == "CRM id"
    # a different record whose id only shares the prefix is not the same account
    other = run_import(engine, b"Id,Name\n0015g00000AbCdFAAV,Globex\n")
    assert other.created == 1


def test_same_domain_under_two_crm_ids_is_one_account_and_reported(engine, session):
    result = run_import(
        engine,
        b"Record ID,Company name,Company Domain Name,Industry,Number of Employees\n"
        b"9871000011,Nordwind Energie GmbH,nordwind-energie.example,Utilities,\n"
        b'9871000012,Nordwind Energie,www.nordwind-energie.example,,"1,200"\n',
    )
    assert result.created == 1
    [merge] = result.plan.merged
    assert merge.startswith("row 3 is the same account as row 2") and "same website" in merge
    assert any("9871000012" in n and "keeps 9871000011" in n for n in result.plan.notes)
    nordwind = all_accounts(session)["Nordwind Energie GmbH"]
    assert (nordwind.crm_id, nordwind.industry, nordwind.employees) == ("9871000011", "Utilities", 1200)
    again = run_import(
        engine, b"Record ID,Company name,Company Domain Name\n9871000012,Nordwind Energie,nordwind-energie.example\n"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_shared_hosts_such_as_linkedin_do_not_make_two_companies_one(engine, session):
    result = run_import(
        engine,
        b"Name,Website\nAcme,https://www.linkedin.com/company/acme\n"
        b"Globex,https://www.linkedin.com/company/globex\nInitech,initech.wixsite.com/home\n"
        b"Umbrella,umbrella.wixsite.com\n",
    )
    assert result.created == 4 and result.plan.merged == []


def test_countries_land_as_their_codes_however_the_crm_spells_them(engine, session):
    accounts.create_account(session, "Typed Co", country="Germany")
    data = (
        "Account Name,Billing Country\n"
        "Typed Co,Deutschland\n"
        "Müller AG,Allemagne\n"
        "Weber GmbH,DEU\n"
        "Skärgård AB,Sverige\n"
        "Nordlicht,Nordics\n"
        "Ankara AŞ,Türkiye\n"
    ).encode()
    result = run_import(engine, data)
    assert result.created == 5
    found = all_accounts(session)
    assert {name: a.country for name, a in found.items()} == {
        "Typed Co": "DE",
        "Müller AG": "DE",
        "Weber GmbH": "DE",
        "Skärgård AB": "SE",
        "Nordlicht": "Nordics",  # not a country: kept as written
        "Ankara AŞ": "TR",
    }
    # the same account in another spelling is unchanged, not a second country
    assert result.plan.unchanged and result.plan.unchanged[0].name == "Typed Co"


def test_an_import_that_fills_an_account_makes_an_edit_shown_before_it_stale(engine, session):
    """A colleague's import is a save like any other: an account form opened
    before it is refused, naming who imported; people and deals that come in
    change only the account's time, so they refuse nobody's account form."""
    import pytest

    from kam_tui.store.conflicts import run_checked, seen_of
    from kam_tui.store.errors import ChangedElsewhere
    from kam_tui.store.stamps import set_user

    set_user(engine, "Importer")
    acme = accounts.create_account(session, "Acme Corp")
    shown = seen_of(accounts.get_account(session, acme.id))
    run_import(engine, b"Account Name,Industry\nAcme Corp,Retail\n")
    with pytest.raises(ChangedElsewhere, match="^changed by Importer at "):
        run_checked(session, shown, accounts.update_account, acme.id, industry="Mine")
    session.rollback()
    filled = all_accounts(session)["Acme Corp"]
    assert (filled.industry, filled.updated_by, filled.version) == ("Retail", "Importer", 2)
    run_import(engine, b"First Name,Last Name,Account Name,Title\nKarin,Ek,Acme Corp,CFO\n")
    assert all_accounts(session)["Acme Corp"].version == 2
