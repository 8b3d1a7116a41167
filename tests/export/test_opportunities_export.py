"""The three sections in the Markdown export: headings, escaping, totals."""

from __future__ import annotations

from datetime import date

from kam_tui.export import business as business_export, history as history_export, opportunities as opp_export
from kam_tui.export.plan import SECTIONS, render_plan
from kam_tui.export.snapshot import plan_for
from kam_tui.models import ProfileSection as P
from kam_tui.services import business, opportunities as opps, parties
from kam_tui.services.accounts import create_account


def test_sections_are_registered_in_workspace_order():
    assert SECTIONS.index("business") < SECTIONS.index("history") < SECTIONS.index("opportunities")


def test_empty_account_exports_none_of_the_three(session):
    acme = create_account(session, "Acme")
    for module in (business_export, history_export, opp_export):
        assert not module.render(plan_for(session, acme))


def test_business_sections_in_order_with_user_text_escaped(session):
    acme = create_account(session, "Acme")
    business.set_section(session, acme.id, P.DECISION_PROCESS, "# not a heading\n- board *signs*")
    business.set_section(session, acme.id, P.STRATEGY_GOALS, "Grow in Asia")
    text = business_export.render(plan_for(session, acme))
    assert text.startswith("## The customer's business\n")
    assert text.index("### Strategy and goals") < text.index("### Decision process")
    assert "### Financial health" not in text  # empty sections are left out
    assert "\\# not a heading\\\n\\- board \\*signs\\*" in text


def test_history_with_competitors_and_partners(session):
    acme = create_account(session, "Acme")
    business.set_section(session, acme.id, P.PURCHASES, "Licences since 2019")
    parties.add_party(session, acme.id, "competitor", "Initech_Corp", "Cheaper\nWeak support")
    parties.add_party(session, acme.id, "partner", "Umbrella")
    text = history_export.render(plan_for(session, acme))
    assert text.startswith("## Our history with them\n")
    assert "### What they have bought\n\nLicences since 2019" in text
    assert "### Competitors\n\n- **Initech\\_Corp**\\\n  Cheaper\\\n  Weak support" in text
    assert "### Partners\n\n- **Umbrella**" in text
    # only parties, no sections: still exported
    other = create_account(session, "Globex")
    parties.add_party(session, other.id, "competitor", "Hooli")
    assert "### Competitors" in history_export.render(plan_for(session, other))


def test_opportunities_table_and_totals_per_currency(session):
    acme = create_account(session, "Acme")
    opps.add_opportunity(
        session,
        acme.id,
        "Fleet | renewal",
        value="250000",
        currency="EUR",
        expected_close="2026-01-10",
        notes="two\nlines",
    )
    opps.add_opportunity(session, acme.id, "US pilot", value="70000", currency="USD")
    won = opps.add_opportunity(session, acme.id, "Training", value="30000", currency="EUR")
    opps.set_status(session, won.id, "won", closed_on="2026-11-02")
    text = opp_export.render(plan_for(session, acme, today=date(2026, 11, 23)))
    assert text.startswith("## Opportunities\n\n| Opportunity | Value | Status | Expected close | Closed | Notes |")
    # the date alone: "overdue" would make an export of unchanged data differ from day to day
    assert "| Fleet \\| renewal | EUR 250,000 | Open | 2026-01-10 |  | two<br>lines |" in text
    assert "| Training | EUR 30,000 | Won |  | 2026-11-02 |  |" in text
    assert "**Open pipeline:** 2 · EUR 250,000 + USD 70,000" in text
    assert "**Won:** 1 · EUR 30,000" in text
    assert "**Lost:** 0" in text
    assert "verdue" not in text


def test_whole_plan_holds_the_three_in_order(session):
    acme = create_account(session, "Acme")
    business.set_section(session, acme.id, P.ORGANISATION, "Three divisions")
    parties.add_party(session, acme.id, "competitor", "Initech")
    opps.add_opportunity(session, acme.id, "Pilot")
    doc = render_plan(session, acme)
    assert (
        doc.index("## The customer's business") < doc.index("## Our history with them") < doc.index("## Opportunities")
    )
