"""Cell values: money mixed in one column, separators read by the column,
employee counts, dates whose day/month order the column shows or is asked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kam_tui.importer import DateOrderUnknown, parse_file
from kam_tui.importer.values import CellProblem, domain_of, read_count, read_date


def revenue_file(*cells: str, currency_column: list[str] | None = None) -> bytes:
    header = "Account Name;Annual Revenue" + (";Currency" if currency_column else "")
    lines = [header]
    for i, cell in enumerate(cells):
        line = f"Account {i + 1};{cell}"
        if currency_column:
            line += f";{currency_column[i]}"
        lines.append(line)
    return ("\n".join(lines) + "\n").encode()


def revenues(parsed) -> dict[str, tuple]:
    return {r.values["name"]: (r.values.get("annual_revenue"), r.values.get("currency")) for r in parsed.rows}


def test_money_of_every_shape_mixed_in_one_column():
    parsed = parse_file(
        revenue_file("$139,000,000", "€12.500.000", "SEK 40 000 000", "₺250.000.000", "1.250.000,50", "1000000", "")
    )
    assert parsed.problems == []
    assert revenues(parsed) == {
        "Account 1": (Decimal(139_000_000), "USD"),
        "Account 2": (Decimal(12_500_000), "EUR"),
        "Account 3": (Decimal(40_000_000), "SEK"),
        "Account 4": (Decimal(250_000_000), "TRY"),
        "Account 5": (Decimal("1250000.50"), None),
        "Account 6": (Decimal(1_000_000), None),
        "Account 7": (None, None),
    }


def test_ambiguous_amount_follows_a_european_column():
    parsed = parse_file(revenue_file("1.250", "€12.500.000", "2.300.000,00"))
    assert revenues(parsed)["Account 1"] == (Decimal(1250), None)


def test_ambiguous_amount_follows_an_english_column():
    parsed = parse_file(revenue_file("1,250", "$1,200.50", "4,500,000"))
    assert revenues(parsed)["Account 1"] == (Decimal(1250), None)
    parsed = parse_file(revenue_file("1.250", "1,200.50"))
    assert revenues(parsed)["Account 1"] == (Decimal("1.25"), None)


@pytest.mark.parametrize("cells", [("1.250", "1000000"), ("1,250", "$139,000,000", "€12.500.000")])
def test_ambiguous_amount_is_reported_when_the_column_cannot_tell(cells):
    """One unreadable cell never costs the row: the account comes in, its revenue empty."""
    parsed = parse_file(revenue_file(*cells))
    assert revenues(parsed)["Account 1"] == (None, None)
    assert parsed.problems == []
    [cell] = parsed.left_empty
    assert (cell.where, cell.column, cell.value) == ("row 2", "Annual Revenue", cells[0])
    assert "could be read two ways" in cell.message and cell.message.endswith("; left empty")
    assert str(cell).startswith("row 2, column 'Annual Revenue': ")


def test_currency_column_gives_the_currency_when_the_cell_has_none():
    parsed = parse_file(revenue_file("139000000", "$5,000,000", "", currency_column=["USD", "usd", "EUR"]))
    assert revenues(parsed) == {
        "Account 1": (Decimal(139_000_000), "USD"),
        "Account 2": (Decimal(5_000_000), "USD"),
        "Account 3": (None, None),
    }


def test_cell_and_currency_column_that_disagree_leave_the_revenue_empty_and_are_reported():
    parsed = parse_file(revenue_file("€5.000.000", currency_column=["USD"]))
    assert revenues(parsed) == {"Account 1": (None, None)}
    assert "says EUR" in str(parsed.left_empty[0]) and "USD" in str(parsed.left_empty[0])


def test_unknown_currency_is_reported_with_its_column_and_the_revenue_left_empty():
    parsed = parse_file(revenue_file("5000000", currency_column=["XYZ"]))
    assert revenues(parsed) == {"Account 1": (Decimal(5_000_000), None)}
    [cell] = parsed.left_empty
    assert (cell.where, cell.column, cell.value) == ("row 2", "Currency", "XYZ")


def test_text_in_a_revenue_column_is_reported_not_stored():
    parsed = parse_file(revenue_file("about five million", "-5000"))
    assert [p.where for p in parsed.left_empty] == ["row 2", "row 3"]
    assert revenues(parsed) == {"Account 1": (None, None), "Account 2": (None, None)}


@pytest.mark.parametrize(
    ("cell", "currency", "amount"),
    [
        ("kr 40,000,000.00", "SEK", Decimal(40_000_000)),
        ("kr40,000,000.00", "Swedish Krona", Decimal(40_000_000)),
        ("40.000.000,00 kr", "NOK", Decimal(40_000_000)),
        ("$1,000,000.00", "Canadian Dollar", Decimal(1_000_000)),
        ("$1,000,000.00", "US Dollar", Decimal(1_000_000)),
        ("2,000.00", "Euro", Decimal(2000)),
        ("1.0E8", "EUR", Decimal(100_000_000)),
    ],
)
def test_a_shared_symbol_is_settled_by_the_currency_column(cell, currency, amount):
    from kam_tui.currencies import currency_from_text

    parsed = parse_file(revenue_file(cell, currency_column=[currency]))
    assert revenues(parsed) == {"Account 1": (amount, currency_from_text(currency))}
    assert parsed.left_empty == []


def test_kr_without_a_currency_column_is_reported_not_guessed():
    parsed = parse_file(revenue_file("kr 40,000,000.00"))
    assert revenues(parsed) == {"Account 1": (None, None)}
    assert "SEK, NOK, DKK or ISK" in parsed.left_empty[0].message


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US Dollar", "USD"),
        ("Euro", "EUR"),
        ("Swedish Krona", "SEK"),
        ("Pound Sterling", "GBP"),
        ("Swiss Franc", "CHF"),
        ("Japanese Yen", "JPY"),
        ("Turkish Lira", "TRY"),
        ("Polish Zloty", "PLN"),
        ("Czech Koruna", "CZK"),
        ("Indian Rupee", "INR"),
        ("South African Rand", "ZAR"),
        ("Brazilian Real", "BRL"),
        ("Chinese Yuan", "CNY"),
        ("Norwegian Krone", "NOK"),
        ("Danish Krone", "DKK"),
        ("Schwedische Krone", "SEK"),
        ("Türk Lirası", "TRY"),
        ("SEK - Swedish Krona", "SEK"),
        ("usd", "USD"),
    ],
)
def test_currency_names_as_dynamics_writes_them(name, code):
    parsed = parse_file(revenue_file("1000000", currency_column=[name]))
    assert revenues(parsed) == {"Account 1": (Decimal(1_000_000), code)}


@pytest.mark.parametrize(
    ("cell", "count"),
    [
        ("1,200", 1200),
        ("1.200", 1200),
        ("1 200", 1200),
        ("1200", 1200),
        ("1200.0", 1200),
        ("12", 12),
        ("", None),
        ("1,200,000", 1_200_000),
        ("1,000", 1000),
        ("2.000", 2000),
        ("10,000", 10_000),
        ("12.000", 12_000),
        ("1,500", 1500),
        ("12 000", 12_000),
        ("1.000,00", 1000),
        ("2,000.00", 2000),
        ("1'200", 1200),
    ],
)
def test_employee_counts(cell, count):
    """A count is a whole number: one group of three digits after a separator is
    thousands, never decimals."""
    assert read_count(cell) == count


@pytest.mark.parametrize("cell", ["1,5", "twelve", "12,00,000", "-3", "51-200", "10001+", "10,001+", "1200.5"])
def test_bad_employee_counts(cell):
    with pytest.raises(CellProblem):
        read_count(cell)


def test_employee_problem_names_row_column_and_value_and_keeps_the_account():
    parsed = parse_file(b'Name,Number of Employees\nAcme,lots\nGlobex,1.500\nInitech,51-200\nHooli,"1,000"\n')
    assert [r.values.get("employees") for r in parsed.rows] == [None, 1500, None, 1000]
    assert [(p.where, p.column, p.value) for p in parsed.left_empty] == [
        ("row 2", "Number of Employees", "lots"),
        ("row 4", "Number of Employees", "51-200"),
    ]
    assert "a range, not a number of employees" in parsed.left_empty[1].message


def dates_file(*cells: str) -> bytes:
    return ("Name,Last Activity\n" + "".join(f"Acc {i},{c}\n" for i, c in enumerate(cells))).encode()


def test_date_order_from_the_column():
    parsed = parse_file(dates_file("3/4/2026", "25/12/2025"))
    assert parsed.date_order == "dmy"
    assert "Last activity in the CRM: 2026-04-03" in parsed.rows[0].values["notes"]
    parsed = parse_file(dates_file("3/4/2026", "12/25/2025 3:12 PM"))
    assert parsed.date_order == "mdy"
    assert "2026-03-04" in parsed.rows[0].values["notes"]


def test_date_order_that_cannot_be_told_is_asked():
    with pytest.raises(DateOrderUnknown) as caught:
        parse_file(dates_file("3/4/2026", "1/2/2026"))
    assert "'Last Activity'" in str(caught.value) and "--dates" in str(caught.value)
    assert "row 2" in str(caught.value)
    parsed = parse_file(dates_file("3/4/2026", "1/2/2026"), dates="mdy")
    assert "2026-03-04" in parsed.rows[0].values["notes"]


def test_contradictory_date_column_is_asked_and_then_rows_that_do_not_fit_are_reported():
    with pytest.raises(DateOrderUnknown):
        parse_file(dates_file("25/12/2025", "12/25/2025"))
    parsed = parse_file(dates_file("25/12/2025", "12/25/2025"), dates="dmy")
    assert [p.where for p in parsed.left_empty] == ["row 3"]
    assert len(parsed.rows) == 2


def test_dotted_and_iso_dates_need_no_order_and_say_none():
    assert read_date("14.3.2026", "mdy") == date(2026, 3, 14)
    assert read_date("2026-03-14T10:00:00Z", "mdy") == date(2026, 3, 14)
    parsed = parse_file(dates_file("14.03.2026", "2026-01-02"))
    assert len(parsed.rows) == 2
    assert parsed.date_order is None  # no date depended on the order: nothing to say
    parsed = parse_file(dates_file("25/12/2025", "2026-01-02"))
    assert parsed.date_order is None


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.Acme.example/about", "acme.example"),
        ("acme.example", "acme.example"),
        ("WWW.acme.example:8080", "acme.example"),
        ("", None),
        ("n/a", None),
        ("https://www.linkedin.com/company/acme", None),
        ("acme.wixsite.com", None),
        ("acme.co.uk", "acme.co.uk"),
    ],
)
def test_domain_of(website, domain):
    assert domain_of(website) == domain


def test_salesforce_multi_currency_amounts_keep_the_records_own_amount():
    parsed = parse_file(revenue_file("EUR 12,500,000.00 (USD 13,600,000.00)", "USD 139,000,000.00"))
    assert revenues(parsed) == {"Account 1": (Decimal(12_500_000), "EUR"), "Account 2": (Decimal(139_000_000), "USD")}


@pytest.mark.parametrize(
    "cell",
    [
        "$139,000,000",
        "€12.500.000",
        "USD 139,000,000.50",
        "EUR12.500.000,75",
        "1000000",
        "12,500,000.00",
        "1.250.000,50",
        "£1,000,000",
        "US$2,000,000",
        "₺250.000.000",
    ],
)
def test_the_fast_path_agrees_with_the_general_parser(cell):
    from kam_tui.importer.values import _fast_money
    from kam_tui.money import decimal_separator_of, parse_money

    fast = _fast_money(cell)
    assert fast is not None
    general = parse_money(cell)
    assert (fast[0], fast[1]) == (general.amount, general.currency)
    assert fast[2] == decimal_separator_of(cell)


@pytest.mark.parametrize("cell", ["$1,250", "1.250", "XYZ 1,000,000", "1,2345,678", "12 500 000"])
def test_the_fast_path_leaves_the_rest_to_the_general_parser(cell):
    from kam_tui.importer.values import _fast_money

    assert _fast_money(cell) is None


@given(
    amount=st.decimals(min_value=0, max_value=10**12, places=2),
    prefix=st.sampled_from(["", "$", "€", "EUR ", "SEK", "₺"]),
    european=st.booleans(),
)
def test_fast_path_and_general_parser_agree_on_any_amount(amount, prefix, european):
    from kam_tui.importer.values import read_money
    from kam_tui.money import parse_money

    text = f"{amount:,.2f}"
    if european:
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    cell = prefix + text
    general = parse_money(cell, decimal_separator="," if european else ".")
    assert read_money(cell, "," if european else ".") == (general.amount, general.currency)
