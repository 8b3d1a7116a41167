"""Opportunities: validation, won/lost stamping, totals kept per currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kam_tui.errors import ValidationError
from kam_tui.models import Account, Opportunity, OpportunityStatus as S
from kam_tui.services import opportunities as opps
from kam_tui.services.accounts import create_account

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("250000", "250000"),
        ("250,000.00", "250000"),
        ("250 000", "250000"),
        ("1,250,000.75", "1250000.75"),
        ("€250.000,50", "250000.50"),
        ("1,25", "1.25"),
        ("0.125", "0.125"),
        ("12.5", "12.5"),
        ("", None),
        (None, None),
    ],
)
def test_parse_amount_accepts(typed, amount):
    assert opps.parse_amount(typed) == (None if amount is None else Decimal(amount))


@pytest.mark.parametrize("typed", ["250.000", "1.500", "250,000", "-5", "abc", "1,000 000", "25,00,000", "nan"])
def test_parse_amount_refuses_with_the_field_named(typed):
    with pytest.raises(ValidationError) as err:
        opps.parse_amount(typed, "value")
    assert err.value.field == "value"
    assert err.value.reason


def test_format_amount():
    assert opps.format_amount(Decimal("250000"), "EUR") == "EUR 250,000"
    assert opps.format_amount(Decimal("1250.5"), "USD") == "USD 1,250.50"
    assert opps.format_amount(Decimal("0.125")) == "0.125"
    assert opps.format_amount(None, "EUR") == ""


def test_add_checks_everything_and_touches_account(session, acme):
    before = acme.updated_at
    o = opps.add_opportunity(
        session,
        acme.id,
        " Fleet renewal ",
        value="250000",
        currency="eur",
        expected_close="+2w",
        notes="Via procurement",
        today=TODAY,
    )
    assert (o.name, o.value, o.currency, o.status, o.expected_close) == (
        "Fleet renewal",
        Decimal(250000),
        "EUR",
        S.OPEN,
        date(2026, 12, 7),
    )
    assert o.closed_on is None
    assert session.get(Account, acme.id).updated_at > before
    for fields, field in [
        ({"name": ""}, "name"),
        ({"name": "x", "value": "12"}, "currency"),
        ({"name": "x", "value": "1", "currency": "EURO"}, "currency"),
        ({"name": "x", "expected_close": "31.2.2026"}, "expected close"),
        ({"name": "x", "status": "maybe"}, "status"),
    ]:
        with pytest.raises(ValidationError) as err:
            opps.add_opportunity(session, acme.id, **fields)
        assert err.value.field == field
    assert len(opps.list_opportunities(session, acme.id)) == 1


def test_won_lost_stamp_today_and_reopen_clears(session, acme):
    o = opps.add_opportunity(session, acme.id, "Pilot", value="10000", currency="EUR")
    opps.set_status(session, o.id, S.WON, today=TODAY)
    assert (o.status, o.closed_on) == (S.WON, TODAY)
    # moving from won to lost keeps the deal closed; the date is that of the change
    opps.set_status(session, o.id, "lost", today=date(2026, 12, 1))
    assert (o.status, o.closed_on) == (S.LOST, date(2026, 12, 1))
    opps.set_status(session, o.id, "open", today=TODAY)
    assert (o.status, o.closed_on) == (S.OPEN, None)
    opps.set_status(session, o.id, "won", closed_on="1.10.2026", today=TODAY)
    assert o.closed_on == date(2026, 10, 1)
    # editing other fields of a closed deal keeps its close date
    opps.update_opportunity(session, o.id, notes="signed", today=TODAY)
    assert o.closed_on == date(2026, 10, 1)
    session.expire_all()
    stored = session.get(Opportunity, o.id)
    assert (stored.status, stored.closed_on, stored.notes) == (S.WON, date(2026, 10, 1), "signed")


def test_open_with_close_date_is_refused(session, acme):
    with pytest.raises(ValidationError) as err:
        opps.add_opportunity(session, acme.id, "x", closed_on="today")
    assert err.value.field == "closed on"


def test_refused_edit_changes_nothing(session, acme):
    o = opps.add_opportunity(session, acme.id, "Pilot", value="5", currency="EUR")
    with pytest.raises(ValidationError):
        opps.update_opportunity(session, o.id, name="Renamed", value="oops")
    assert o.name == "Pilot"
    session.expire_all()
    assert session.get(Opportunity, o.id).name == "Pilot"


def test_totals_are_per_currency_and_count_every_status(session, acme):
    add = opps.add_opportunity
    add(session, acme.id, "A", value="100000", currency="EUR", expected_close="2026-11-01")
    add(session, acme.id, "B", value="50000.50", currency="EUR")
    add(session, acme.id, "C", value="70000", currency="USD")
    add(session, acme.id, "D")
    won = add(session, acme.id, "E", value="30000", currency="EUR")
    lost = add(session, acme.id, "F", value="9000", currency="SEK")
    opps.set_status(session, won.id, "won")
    opps.set_status(session, lost.id, "lost")
    other = create_account(session, "Globex")
    add(session, other.id, "Elsewhere", value="1", currency="EUR")

    t = opps.totals(session, acme.id, today=TODAY)
    assert t.open == {"EUR": Decimal("150000.50"), "USD": Decimal(70000)}
    assert t.won == {"EUR": Decimal(30000)}
    assert t.lost == {"SEK": Decimal(9000)}
    assert t.counts == {S.OPEN: 4, S.WON: 1, S.LOST: 1}
    assert t.unvalued[S.OPEN] == 1
    assert t.overdue == 1
    assert t.describe(S.OPEN) == "4 · EUR 150,000.50 + USD 70,000 (1 without value)"


def test_list_orders_open_by_expected_close_then_closed(session, acme):
    add = opps.add_opportunity
    add(session, acme.id, "late", expected_close="2027-03-01")
    add(session, acme.id, "undated")
    add(session, acme.id, "soon", expected_close="2026-12-01")
    w = add(session, acme.id, "won")
    opps.set_status(session, w.id, "won")
    assert [o.name for o in opps.list_opportunities(session, acme.id)] == ["soon", "late", "undated", "won"]
    assert [o.name for o in opps.list_opportunities(session, acme.id, "won")] == ["won"]


def test_overdue_only_when_open():
    o = Opportunity(name="x", expected_close=date(2026, 1, 1))
    assert opps.is_overdue(o, TODAY)
    o.status = S.WON
    assert not opps.is_overdue(o, TODAY)
