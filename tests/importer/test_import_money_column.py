"""The importer reads a revenue column in one pass (values.read_money_column),
so a large import stays fast. Whatever a column holds, it must read each cell exactly as the
cell-by-cell rules do: the column's separator from its unambiguous cells,
then read_money per cell with that separator."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kam_tui.importer.values import (
    CellProblem,
    cell_separators,
    column_decimal_separator,
    read_money,
    read_money_column,
)


def one_by_one(cells: list[str]) -> list:
    """The rules as they read: separators per cell, the column's, then each cell."""
    own = cell_separators(cells)
    column = column_decimal_separator(own)
    out = []
    for cell, sep in zip(cells, own):
        try:
            money = read_money(cell, column, sep)
        except CellProblem as exc:
            out.append(("problem", str(exc)))
            continue
        out.append(None if money is None else (str(money[0]), money[1]))
    return out


def in_one_pass(cells: list[str]) -> list:
    return [
        ("problem", str(m)) if isinstance(m, CellProblem) else None if m is None else (str(m[0]), m[1])
        for m in read_money_column(cells)
    ]


def grouped(number: int, sep: str) -> str:
    return f"{number:,}".replace(",", sep)


prefixes = st.sampled_from(["", "$", "€", "EUR ", "SEK", "₺", "US$", "XYZ ", "kr "])
suffixes = st.sampled_from(["", "", "", " SEK", "€", " (USD 1,200.00)", "M", " k"])
numbers = st.one_of(
    st.integers(0, 10**10).map(str),
    st.tuples(st.integers(0, 10**10), st.sampled_from([",", ".", " "])).map(lambda t: grouped(*t)),
    st.tuples(st.integers(1000, 999_999), st.sampled_from([",", "."])).map(lambda t: grouped(*t)),
    st.tuples(st.integers(0, 10**9), st.sampled_from([",", "."]), st.sampled_from([",", "."]), st.integers(0, 99)).map(
        lambda t: f"{grouped(t[0], t[1])}{t[2]}{t[3]:02d}"
    ),
    st.sampled_from(["-1,000", "1,0000", "12,34,567", "abc", "1.2.3", "0,500", "00,500", "1 000,5"]),
)
cells = st.tuples(prefixes, numbers, suffixes).map(lambda t: "".join(t).strip()) | st.just("")


@settings(max_examples=400, deadline=None)
@given(column=st.lists(cells, min_size=1, max_size=8))
def test_one_pass_reads_every_cell_as_the_cell_by_cell_rules(column):
    assert in_one_pass(column) == one_by_one(column)


def test_one_thousands_group_follows_the_column():
    us, eu = "$1,000,000.50", "€12.500.000,25"
    assert in_one_pass(["1,250", us]) == [("1250", None), ("1000000.50", "USD")]
    assert in_one_pass(["1,250", eu]) == [("1.250", None), ("12500000.25", "EUR")]
    assert in_one_pass(["€1.250", eu]) == [("1250", "EUR"), ("12500000.25", "EUR")]
    assert in_one_pass(["1.000", us]) == [("1", None), ("1000000.50", "USD")]
    assert in_one_pass(["1,250"])[0][0] == "problem"  # nothing in the column tells: reported, not guessed
    # a leading zero group shows its own separator: 0,500 is half, whatever the column says
    assert in_one_pass(["0,500", us]) == one_by_one(["0,500", us]) == [("0.500", None), ("1000000.50", "USD")]
