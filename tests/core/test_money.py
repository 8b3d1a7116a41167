from decimal import Decimal

import pytest

from kam_tui.errors import ValidationError
from kam_tui.money import AmbiguousAmount, MoneyError, format_money, parse_money
from kam_tui.services import accounts


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("1.2M", "1200000", None),
        ("$1,200,000", "1200000", "USD"),
        ("€12.500.000", "12500000", "EUR"),
        ("SEK 40 000 000", "40000000", "SEK"),
        ("40 000 000 SEK", "40000000", "SEK"),
        ("₺250.000.000", "250000000", "TRY"),
        ("1.250.000,50", "1250000.50", None),
        ("1000000", "1000000", None),
        ("USD 139M", "139000000", "USD"),
        ("12,5 Mio", "12500000", None),
        ("EUR1.5bn", "1500000000", "EUR"),
        ("1,250.75", "1250.75", None),
    ],
)
def test_amounts_as_people_type_them(text, amount, currency):
    money = parse_money(text)
    assert money.amount == Decimal(amount)
    assert money.currency == currency


@pytest.mark.parametrize("text", ["1.250", "1,250"])
def test_a_separator_that_could_be_either_is_not_guessed(text):
    with pytest.raises(AmbiguousAmount) as info:
        parse_money(text)
    assert "1250" in str(info.value)
    assert parse_money(text, decimal_separator=",").amount == Decimal("1250" if text == "1.250" else "1.25")


@pytest.mark.parametrize(
    "text, why",
    [("abc", "not an amount"), ("kr 40 000", "SEK, NOK"), ("1,2,3", "odd places"), ("12 XYZ", "not a currency code")],
)
def test_garbage_is_refused_with_a_reason(text, why):
    with pytest.raises(MoneyError) as info:
        parse_money(text)
    assert why in str(info.value)


def test_blank_is_no_amount():
    assert parse_money("  ") is None


def test_shown_back_formatted():
    assert format_money(Decimal("12500000"), "EUR") == "EUR 12,500,000"
    assert format_money(Decimal("1250000.5"), None) == "1,250,000.50"


def test_account_revenue_takes_typed_text_and_its_currency(session):
    a = accounts.create_account(session, "Nordbank", annual_revenue="SEK 40 000 000")
    assert (a.annual_revenue, a.currency) == (Decimal(40_000_000), "SEK")
    accounts.update_account(session, a.id, annual_revenue="€12.500.000")
    assert (a.annual_revenue, a.currency) == (Decimal(12_500_000), "EUR")
    with pytest.raises(ValidationError) as info:
        accounts.update_account(session, a.id, annual_revenue="1.250")
    assert info.value.field == "annual revenue"
    with pytest.raises(ValidationError) as info:
        accounts.update_account(session, a.id, annual_revenue="USD 5M", currency="EUR")
    assert info.value.field == "currency"
    assert accounts.get_account(session, a.id).currency == "EUR"
