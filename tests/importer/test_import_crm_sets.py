"""Whole CRM sets through the real importer and a real database: accounts, then
the people and deals that belong to them, from every CRM kam takes; each
re-import changes nothing; a file of one kind never becomes another."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from kam_tui.importer import ImportRefused, apply_import, parse_file
from kam_tui.services import accounts, stakeholders as sh
from tests.importer import crm_files as crm


def run(engine, data: bytes, **kw):
    return apply_import(engine, parse_file(data, **kw))


def table(engine, sql: str) -> list[tuple]:
    """Rows of plain SQL, a date as the text a file keeps it in (a server gives a date)."""
    with engine.connect() as conn:
        return [tuple(v.isoformat() if type(v) is date else v for v in r) for r in conn.execute(sa.text(sql))]


def people(engine) -> dict[str, tuple]:
    rows = table(
        engine,
        "SELECT s.name, a.name, s.title, s.department, s.email, s.phone, s.crm_id, m.name, s.last_contact,"
        " s.buying_role, s.influence, s.attitude FROM stakeholder s JOIN account a ON a.id = s.account_id"
        " LEFT JOIN stakeholder m ON m.id = s.reports_to_id",
    )
    return {r[0]: r[1:] for r in rows}


def deals(engine) -> dict[str, tuple]:
    rows = table(
        engine,
        "SELECT o.name, a.name, o.value, o.currency, o.status, o.expected_close, o.closed_on, o.crm_id"
        " FROM opportunity o JOIN account a ON a.id = o.account_id",
    )
    return {r[0]: r[1:] for r in rows}


def snapshot(engine) -> tuple:
    return tuple(table(engine, f"SELECT * FROM {t} ORDER BY id") for t in ("account", "stakeholder", "opportunity"))


def test_salesforce_accounts_contacts_and_opportunities_land_on_the_right_accounts(engine, session):
    first = [
        run(engine, data()) for data in (crm.salesforce_accounts, crm.salesforce_contacts, crm.salesforce_opportunities)
    ]
    acc, con, opp = first
    # accounts: deleted and merged-away records are left out and counted
    assert (acc.created, acc.skipped) == (2, 0)
    assert [line.split(":")[0] for line in acc.plan.parsed.left_out] == ["row 4", "row 5"]
    nordwind = accounts.find_account(session, "Nordwind Industrietechnik GmbH")
    assert (nordwind.annual_revenue, nordwind.currency, nordwind.employees) == (Decimal(12_500_000), "EUR", 850)
    assert nordwind.crm_id == "0015g00000K7xQsAAJ"
    # contacts: stakeholders with their reporting lines, nothing guessed
    assert (con.created, con.skipped) == (4, 1)
    assert "its account (CRM id 0015g00000ZZZZZAAA) is not in kam" in str(con.plan.skipped[0])
    assert len(con.plan.parsed.left_out) == 1
    found = people(engine)
    assert found["Jane Miller"] == (
        "Acme Corporation",
        "Chief Executive Officer",
        "Board",
        "jane.miller@acme.example",
        "+1 555 0100",
        "0035g00000Ab001AAA",
        None,
        "2026-03-01",
        None,
        "medium",
        "neutral",
    )
    assert found["Tom Stone"][6] == "Jane Miller" and found["Tom Stone"][4] == "+1 555 0101"  # mobile, no phone
    assert found["Ann Ray"][6] == "Tom Stone"  # a 15-character ReportsToId is the same contact
    assert found["Jürgen Brandt"][0] == "Nordwind Industrietechnik GmbH"  # a 15-character AccountId
    assert "Sam Stranger" not in found and "Gary Gone" not in found
    assert set(table(engine, "SELECT name FROM account")) == {
        ("Acme Corporation",),
        ("Nordwind Industrietechnik GmbH",),
    }
    # opportunities
    assert (opp.created, opp.skipped) == (3, 0)
    assert deals(engine) == {
        "Acme renewal 2026": ("Acme Corporation", "250000", "USD", "open", "2026-09-30", None, "0065g00000Op001AAA"),
        "Nordwind pilot line": (
            "Nordwind Industrietechnik GmbH",
            "80000.5",
            "EUR",
            "won",
            "2026-01-15",
            "2026-01-15",
            "0065g00000Op002AAA",
        ),
        "Nordwind service": (
            "Nordwind Industrietechnik GmbH",
            "5000",
            "EUR",
            "lost",
            "2025-12-15",
            "2025-12-15",
            "0065g00000Op003AAA",
        ),
    }
    # the org chart draws itself
    roots, children = sh.org_forest(session, accounts.find_account(session, "Acme Corporation").id)
    assert [p.name for p in roots] == ["Jane Miller"]
    assert [p.name for p in children[roots[0].id]] == ["Tom Stone"]
    # every re-import changes nothing
    before = snapshot(engine)
    for data in (crm.salesforce_accounts, crm.salesforce_contacts, crm.salesforce_opportunities):
        again = run(engine, data())
        assert (again.created, again.updated) == (0, 0), data.__name__
    assert snapshot(engine) == before


def test_a_contact_reimport_fills_only_empty_fields_and_matches_by_email_then_name(engine, session):
    run(engine, crm.salesforce_accounts())
    acme = accounts.find_account(session, "Acme Corporation")
    kept = sh.create_stakeholder(session, acme.id, "Jane Miller", title="CEO", influence="high", attitude="champion")
    sh.create_stakeholder(session, acme.id, "T. Stone", department="Money")
    session.commit()
    result = run(engine, crm.salesforce_contacts())
    assert result.plan.people.updates[0].matched_by == "name"
    found = people(engine)
    assert found["Jane Miller"][1:4] == ("CEO", "Board", "jane.miller@acme.example")  # title kept, rest filled
    assert found["Jane Miller"][9:] == ("high", "champion")  # the KAM's judgement untouched
    assert table(engine, f"SELECT count(*) FROM stakeholder WHERE id = {kept.id}") == [(1,)]
    # a known email matches whatever the name
    result = run(
        engine,
        crm.csv_bytes(
            ["Full Name", "Account Name", "Email"], [("Thomas Stone", "Acme Corporation", "tom.stone@acme.example")]
        ),
    )
    assert (result.created, result.unchanged) == (0, 1)


def test_hubspot_contacts_and_deals_find_their_company_by_name(engine, session):
    accounts.create_account(session, "Brightline Analytics")
    result = run(engine, crm.hubspot_contacts())
    assert result.plan.parsed.kind == "contacts" and result.plan.parsed.source == "HubSpot"
    assert (result.created, result.skipped) == (2, 1)
    assert people(engine)["Lena Hoffmann"][:5] == (
        "Brightline Analytics",
        "VP Engineering",
        "",
        "lena@brightline.example",
        "+49 30 1234",
    )
    assert people(engine)["Lena Hoffmann"][7] == "2026-04-02"
    result = run(engine, crm.hubspot_deals())
    assert result.created == 3
    assert {n: d[3] for n, d in deals(engine).items()} == {
        "Brightline data platform": "open",
        "Brightline training": "won",
        "Brightline audit": "lost",
    }
    assert (run(engine, crm.hubspot_deals()).created, run(engine, crm.hubspot_contacts()).created) == (0, 0)


def test_pipedrive_organizations_persons_and_deals(engine, session):
    orgs = run(engine, crm.pipedrive_organizations())
    assert orgs.created == 2
    fjord = accounts.find_account(session, "Fjord Shipping AS")
    assert (fjord.crm_id, fjord.country, fjord.employees, fjord.website) == ("301", "NO", 1000, "fjord.example")
    vistula = accounts.find_account(session, "Vistula Logistics")
    assert vistula.employees is None  # a range: left empty and reported, the account kept
    assert [(c.where, c.value) for c in orgs.plan.parsed.left_empty] == [("row 3", "51-200")]
    persons = run(engine, crm.pipedrive_persons())
    assert persons.plan.parsed.kind == "contacts" and persons.created == 2
    assert people(engine)["Ingrid Berg"][:5] == (
        "Fjord Shipping AS",
        "COO",
        "",
        "ingrid@fjord.example",
        "+47 22 00 00 00",
    )
    result = run(engine, crm.pipedrive_deals())
    assert result.plan.parsed.kind == "opportunities" and result.created == 3
    assert deals(engine)["Vistula pilot"][:4] == ("Vistula Logistics", "40000", "PLN", "won")
    assert deals(engine)["Fjord fleet tracking"][:5] == ("Fjord Shipping AS", "1200000", "NOK", "open", "2026-11-30")


def test_zoho_accounts_contacts_and_deals(engine, session):
    assert run(engine, crm.zoho_accounts()).created == 1
    andes = accounts.find_account(session, "Andes Minería SA")
    assert (andes.crm_id, andes.owner, andes.employees, andes.currency) == (
        "zcrm_4876876000000111",
        "Omar Haddad",
        12000,
        "USD",
    )
    result = run(engine, crm.zoho_contacts())
    assert result.created == 2
    assert people(engine)["Diego Soto"][6] == "Lucía Rojas"
    assert people(engine)["Lucía Rojas"][4] == "+56 9 8765 4321"
    result = run(engine, crm.zoho_deals())
    assert deals(engine)["Andes conveyor upgrade"][1:4] == ("1250000", "USD", "open")
    assert deals(engine)["Andes spare parts"][3] == "lost"


def test_dynamics_exports_with_currency_names_and_kr_amounts(engine, session):
    result = run(engine, crm.dynamics_accounts())
    assert result.plan.parsed.source == "Dynamics 365" and result.created == 3
    skargard = accounts.find_account(session, "Skärgård Logistik AB")
    assert (skargard.crm_id, skargard.country, skargard.annual_revenue, skargard.currency, skargard.employees) == (
        "8f3a2b1c-0000-4e5f-9a8b-000000000001",
        "SE",
        Decimal(40_000_000),
        "SEK",
        1200,
    )
    contoso = accounts.find_account(session, "Contoso Pharmaceuticals")
    assert (contoso.annual_revenue, contoso.currency) == (Decimal(1_000_000), "USD")
    fabrikam = accounts.find_account(session, "Fabrikam Europe BV")
    assert (fabrikam.annual_revenue, fabrikam.currency, fabrikam.employees) == (Decimal(2_000_000), "EUR", None)
    assert run(engine, crm.dynamics_contacts()).created == 1
    assert people(engine)["Karin Lund"][:2] == ("Skärgård Logistik AB", "VD")
    assert run(engine, crm.dynamics_opportunities()).created == 2
    assert deals(engine)["Skärgård cold chain"][1:4] == ("2500000", "SEK", "open")
    assert deals(engine)["Contoso lab kit"][3] == "won"


def test_odoo_companies_and_people_from_one_file(engine, session):
    result = run(engine, crm.odoo_partners())
    assert (result.created, result.skipped) == (3, 0)  # one company, two people
    assert [a[0] for a in table(engine, "SELECT name FROM account")] == ["Lumière Distribution SARL"]
    lumiere = accounts.find_account(session, "Lumière Distribution SARL")
    assert (lumiere.crm_id, lumiere.country) == ("__export__.res_partner_838_c94aefaf", "FR")
    assert people(engine)["Élodie Martin"][:2] == ("Lumière Distribution SARL", "Directrice des achats")
    before = snapshot(engine)
    again = run(engine, crm.odoo_partners())
    assert (again.created, again.updated) == (0, 0) and snapshot(engine) == before


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (crm.salesforce_accounts, "accounts"),
        (crm.salesforce_contacts, "contacts"),
        (crm.salesforce_opportunities, "opportunities"),
        (crm.hubspot_contacts, "contacts"),
        (crm.hubspot_deals, "opportunities"),
        (crm.pipedrive_organizations, "accounts"),
        (crm.pipedrive_persons, "contacts"),
        (crm.pipedrive_deals, "opportunities"),
        (crm.zoho_accounts, "accounts"),
        (crm.zoho_contacts, "contacts"),
        (crm.zoho_deals, "opportunities"),
        (crm.dynamics_accounts, "accounts"),
        (crm.dynamics_contacts, "contacts"),
        (crm.dynamics_opportunities, "opportunities"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_kinds_are_told_by_their_headers(data, kind):
    assert parse_file(data()).kind == kind


def test_wrong_kind_ids_are_the_account_link_never_the_records_own(engine, session):
    run(engine, crm.salesforce_accounts())
    before = table(engine, "SELECT * FROM account ORDER BY id")
    result = run(engine, crm.salesforce_contacts())
    assert result.plan.creates == [] and result.plan.updates == []  # no account made or touched by a person
    assert table(engine, "SELECT * FROM account ORDER BY id")[0][:-1] == before[0][:-1]  # only updated_at moves


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (crm.salesforce_lead(), "a Salesforce Lead export, which kam does not import"),
        (crm.csv_bytes(["CaseNumber", "Subject", "Status", "AccountId"], [("0001", "Broken", "New", "001")]), "Case"),
        (crm.csv_bytes(["Lead - Title", "Lead - Value", "Organization - Name"], [("x", "1", "y")]), "Pipedrive Lead"),
        (crm.csv_bytes(["(Do Not Modify) Lead", "Topic", "Company Name"], [("1", "x", "y")]), "Dynamics 365 Lead"),
        (
            crm.csv_bytes(["First Name", "Last Name", "Email"], [("Jane", "Doe", "j@d.example")]),
            "no column says which account",
        ),
    ],
)
def test_a_file_kam_does_not_take_is_refused_saying_what_it_looks_like(data, looks_like):
    with pytest.raises(ImportRefused) as caught:
        parse_file(data)
    assert looks_like in str(caught.value)


def test_deleted_and_merged_rows_are_counted_in_the_summary(engine):
    from kam_tui.importer.summary import counts_line

    result = run(engine, crm.salesforce_accounts())
    assert "2 left out as deleted or merged in the CRM" in counts_line(result.plan, dry_run=False)


def test_a_person_file_date_order_is_said_only_when_a_date_needed_it():
    data = crm.csv_bytes(["First Name", "Last Name", "Account Name", "Last Activity"], [("A", "B", "C", "2026-03-04")])
    assert parse_file(data).date_order is None
    data = crm.csv_bytes(
        ["First Name", "Last Name", "Account Name", "Last Activity"],
        [("A", "B", "C", "3/4/2026"), ("D", "E", "C", "25/4/2026")],
    )
    parsed = parse_file(data)
    assert parsed.date_order == "dmy" and parsed.rows[0].values["last_contact"] == date(2026, 4, 3)


def test_odoo_company_type_tells_companies_from_people_too(engine):
    data = crm.csv_bytes(
        ["id", "name", "company_type", "parent_id/id", "email"],
        [
            ("__export__.c_1", "Acme", "company", "", ""),
            ("__export__.p_1", "Eva Kaya", "person", "__export__.c_1", "e@a.example"),
        ],
    )
    result = run(engine, data)
    assert result.created == 2 and people(engine)["Eva Kaya"][0] == "Acme"
