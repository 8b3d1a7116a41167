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
    parsed = parse_file(revenue_file(*cells))
    assert "Account 1" not in revenues(parsed)
    [problem] = parsed.problems
    assert (problem.where, problem.column) == ("row 2", "Annual Revenue")
    assert "could be read two ways" in problem.message
    assert str(problem).startswith("row 2, column 'Annual Revenue': ")


def test_currency_column_gives_the_currency_when_the_cell_has_none():
    parsed = parse_file(revenue_file("139000000", "$5,000,000", "", currency_column=["USD", "usd", "EUR"]))
    assert revenues(parsed) == {
        "Account 1": (Decimal(139_000_000), "USD"),
        "Account 2": (Decimal(5_000_000), "USD"),
        "Account 3": (None, None),
    }


def test_cell_and_currency_column_that_disagree_are_reported():
    parsed = parse_file(revenue_file("€5.000.000", currency_column=["USD"]))
    assert parsed.rows == []
    assert "says EUR" in str(parsed.problems[0]) and "USD" in str(parsed.problems[0])


def test_unknown_currency_code_is_reported_with_its_column():
    parsed = parse_file(revenue_file("5000000", currency_column=["XYZ"]))
    assert (parsed.problems[0].where, parsed.problems[0].column) == ("row 2", "Currency")


def test_text_in_a_revenue_column_is_reported_not_stored():
    parsed = parse_file(revenue_file("about five million", "-5000"))
    assert [p.where for p in parsed.problems] == ["row 2", "row 3"]
    assert parsed.rows == []


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
    ],
)
def test_employee_counts(cell, count):
    assert read_count(cell) == count


@pytest.mark.parametrize("cell", ["1,5", "twelve", "12,00,000", "-3"])
def test_bad_employee_counts(cell):
    with pytest.raises(CellProblem):
        read_count(cell)


def test_employee_problem_names_row_and_column():
    parsed = parse_file(b"Name,Number of Employees\nAcme,lots\nGlobex,1.500\n")
    assert [r.values["employees"] for r in parsed.rows] == [1500]
    assert str(parsed.problems[0]).startswith("row 2, column 'Number of Employees'")


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
    assert [p.where for p in parsed.problems] == ["row 3"]


def test_dotted_and_iso_dates_need_no_order():
    assert read_date("14.3.2026", "mdy") == date(2026, 3, 14)
    assert read_date("2026-03-14T10:00:00Z", "mdy") == date(2026, 3, 14)
    parsed = parse_file(dates_file("14.03.2026", "2026-01-02"))
    assert len(parsed.rows) == 2


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
