"""Cell text to account values, one column at a time.

A column is read as a whole before any cell of it: '1.250' means 1250 in a
column that also holds '€12.500.000', and 1.25 in one that holds '$1,200.50';
when the column does not tell, the row is reported, never guessed. Dates work
the same way for day/month order."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Literal

from kam_tui.currencies import ISO_4217, SHARED_SYMBOLS, SYMBOLS
from kam_tui.money import AmbiguousAmount, MoneyError, decimal_separator_of, parse_money


class CellProblem(ValueError):
    """A cell that cannot be read; str() says why, in words for the user."""


# ---- money -----------------------------------------------------------------

# The shapes exports mostly hold, read without the general parser (so
# 10,000 rows import in a few times a plain load): an optional symbol or ISO code,
# then a plain number or one grouped into at least two thousands groups, which
# shows its convention unambiguously. Anything else goes to money.parse_money.
_SYMBOLS_RE = "|".join(re.escape(sym) for sym in sorted(SYMBOLS, key=len, reverse=True))
_PREFIX_RE = rf"(?:(?P<sym>{_SYMBOLS_RE})|(?P<code>[A-Z]{{3}}) ?)?"
_NUMBER_RE = r"(?:(?P<us>\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?)|(?P<eu>\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?)|(?P<plain>\d+))"
_FAST_MONEY = re.compile(_PREFIX_RE + _NUMBER_RE)
_FAST_NUMBER = re.compile(_NUMBER_RE)  # a cell starting with a digit has no prefix
# one thousands group and no decimals ('1,250', '€1.250'): the column's
# convention says which it is (read_money_column)
_ONE_GROUP = re.compile(_PREFIX_RE + r"(?P<head>\d{1,3})(?P<sep>[,.])(?P<tail>\d{3})")


def _prefix_currency(m: re.Match[str]) -> str | None | Literal[False]:
    """The currency a fast match's prefix names; False when it is not one we know."""
    sym, code = m.group("sym", "code")
    currency = SYMBOLS[sym] if sym else code
    return False if currency is not None and currency not in ISO_4217 else currency


def _whole_if_integral(amount: Decimal) -> Decimal:
    return Decimal(int(amount)) if amount == amount.to_integral_value() else amount


def _fast_money(cell: str) -> tuple[Decimal, str | None, str | None] | None:
    """(amount, currency, decimal separator shown) for the common shapes, else
    None. The amount is as read_money gives it (whole amounts without decimals)."""
    if cell[:1].isdigit():
        m = _FAST_NUMBER.fullmatch(cell)
        if m is None:
            return None
        currency = None
    else:
        m = _FAST_MONEY.fullmatch(cell)
        if m is None:
            return None
        prefixed = _prefix_currency(m)
        if prefixed is False:
            return None
        currency = prefixed
    kind = m.lastgroup
    if kind is None:  # every shape is a named group; nothing else can match
        return None
    text = m[kind]
    if kind == "plain":
        return Decimal(text), currency, None
    if kind == "us":
        return (
            (_whole_if_integral(Decimal(text.replace(",", ""))) if "." in text else Decimal(text.replace(",", ""))),
            currency,
            ".",
        )
    return (
        (
            _whole_if_integral(Decimal(text.replace(".", "").replace(",", ".")))
            if "," in text
            else Decimal(text.replace(".", ""))
        ),
        currency,
        ",",
    )


def cell_separators(cells: list[str]) -> list[str | None]:
    """What each cell shows on its own (see money.decimal_separator_of)."""
    out: list[str | None] = []
    for cell in cells:
        if not cell or cell.isdigit():
            out.append(None)
        elif fast := _fast_money(cell):
            out.append(fast[2])
        else:
            out.append(decimal_separator_of(without_conversion(cell)))
    return out


def column_decimal_separator(separators: list[str | None]) -> str | None:
    """The one decimal separator the column's unambiguous cells agree on, else None."""
    seen = {s for s in separators if s}
    return seen.pop() if len(seen) == 1 else None


_CONVERTED = re.compile(r"^(.*?\S)\s*\([^()]*\d[^()]*\)$")


def without_conversion(cell: str) -> str:
    """Salesforce multi-currency orgs add the amount in the user's currency:
    'EUR 12,500,000.00 (USD 13,600,000.00)'. The record's own amount comes first."""
    if cell.endswith(")") and (m := _CONVERTED.match(cell.strip())):
        return m.group(1)
    return cell


def read_money_column(cells: list[str]) -> list[tuple[Decimal, str | None] | CellProblem | None]:
    """read_money for a whole column of stripped cells, the separator decided
    by the column (column_decimal_separator): per cell an (amount, currency),
    None for a blank, or the CellProblem saying why it cannot be read. Each
    cell is matched once; the general parser sees only what the fast shapes
    do not cover."""
    n = len(cells)
    read: list[tuple[Decimal, str | None] | CellProblem | None] = [None] * n
    own: list[str | None] = [None] * n
    one_group: dict[int, tuple[re.Match[str], str | None]] = {}
    general: list[int] = []
    for i, cell in enumerate(cells):
        if not cell:
            continue
        if cell.isdigit():
            read[i] = (Decimal(cell), None)
        elif (hit := _fast_money(cell)) is not None:
            read[i] = hit[:2]
            own[i] = hit[2]
        elif (m := _ONE_GROUP.fullmatch(cell)) and (currency := _prefix_currency(m)) is not False:
            # what decimal_separator_of says of '1,250': nothing, unless it is '0,250'
            own[i] = m["sep"] if m["head"] == "0" else None
            if own[i] is None:
                one_group[i] = (m, currency)
            else:
                general.append(i)
        else:
            own[i] = decimal_separator_of(without_conversion(cell))
            general.append(i)
    column = column_decimal_separator(own)
    for i, (m, currency) in one_group.items():
        if column is None:
            general.append(i)  # the column does not tell: the general parser says so
            continue
        head, tail = m.group("head", "tail")
        # what parse_money gives with the column's separator, without its general work
        read[i] = (
            (_whole_if_integral(Decimal(f"{head}.{tail}")) if m["sep"] == column else Decimal(head + tail)),
            currency,
        )
    for i in general:
        cell, sep = cells[i], own[i]
        if _SCIENTIFIC.fullmatch(cell):  # Salesforce writes large amounts as 1.0E8
            read[i] = (_whole_if_integral(Decimal(cell)), None)
            continue
        try:
            read[i] = _read_general(without_conversion(cell), sep or column)
        except CellProblem as exc:
            read[i] = exc
    return read


_SHARED_AT_START = re.compile(r"^(kr\.?|\$|¥|£|Fr\.)\s*", re.IGNORECASE)
_SHARED_AT_END = re.compile(r"\s*(kr\.?|\$|¥|£|Fr\.)$", re.IGNORECASE)


def settle_symbol(cell: str, currency: str) -> str:
    """A symbol several currencies share, written as the code the row's currency
    column gives: 'kr 40,000,000.00' with SEK -> 'SEK 40,000,000.00', '$1,000'
    with CAD -> 'CAD 1,000'. Anything else is left as it is."""
    for pattern in (_SHARED_AT_START, _SHARED_AT_END):
        m = pattern.search(cell)
        if m and currency in SHARED_SYMBOLS.get(m.group(1).casefold() if m.group(1)[0] in "kK" else m.group(1), ()):
            rest = cell[: m.start()] + cell[m.end() :]
            return f"{currency} {rest.strip()}"
    return cell


def read_money(cell: str, column_separator: str | None, own: str | None = None) -> tuple[Decimal, str | None] | None:
    """`own` is what decimal_separator_of(cell) said, when the caller has it."""
    if not cell or not cell.strip():
        return None
    if cell.isdigit():
        return Decimal(cell), None
    if fast := _fast_money(cell):
        return fast[0], fast[1]
    cell = without_conversion(cell)
    if own is None:
        own = decimal_separator_of(cell)
    return _read_general(cell, own or column_separator)


def _read_general(cell: str, separator: str | None) -> tuple[Decimal, str | None] | None:
    """money.parse_money, its errors in the words of an import."""
    try:
        money = parse_money(cell, decimal_separator=separator)
    except AmbiguousAmount:
        raise CellProblem(
            f"{cell.strip()!r} could be read two ways (thousands or decimals) and the rest "
            "of the column does not tell; write it without the separator, or with two decimals"
        ) from None
    except MoneyError as exc:
        raise CellProblem(str(exc)) from None
    if money is None:
        return None
    if money.amount < 0:
        raise CellProblem(f"{cell.strip()!r} is negative; revenue must be zero or more")
    return money.amount, money.currency


# ---- counts ----------------------------------------------------------------

# A count is a whole number, so a separator followed by exactly three digits
# groups thousands ('1,000', '2.000', '12 000', "1'200"), never decimals.
_GROUPED = re.compile(r"\d{1,3}(?:([,. \u00a0\u202f'’])\d{3})(?:\1\d{3})*")
_GROUPED_WITH_ZERO_DECIMALS = re.compile(r"(\d{1,3}(?:([,. \u00a0\u202f'’])\d{3})(?:\2\d{3})*)([.,])0{1,2}")
_WHOLE_WITH_ZEROS = re.compile(r"(\d+)[.,](?:0|00|0000+)")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d+")
_RANGE = re.compile(
    r"\d[\d,. \u00a0]*\s*(?:-|–|—|to|bis|à|a|till|ile)\s*\d[\d,. \u00a0]*|\d[\d,. \u00a0]*\s*\+|[<>≤≥]\s*\d.*"
)
_NOT_DIGIT = re.compile(r"\D")


def read_count(cell: str) -> int | None:
    """'1,200', '1.200', '1 200', '1200', '1200.0' or '1,200.00' -> 1200. A range
    ('51-200', '10001+') or anything else is a CellProblem: never a guess."""
    text = (cell or "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if _GROUPED.fullmatch(text):
        return int(_NOT_DIGIT.sub("", text))
    if (m := _GROUPED_WITH_ZERO_DECIMALS.fullmatch(text)) and m.group(2) != m.group(3):
        return int(_NOT_DIGIT.sub("", m.group(1)))
    if m := _WHOLE_WITH_ZEROS.fullmatch(text):
        return int(m.group(1))
    if _SCIENTIFIC.fullmatch(text) and (number := Decimal(text)) == number.to_integral_value():
        return int(number)
    if _RANGE.fullmatch(text):
        raise CellProblem(f"{text!r} is a range, not a number of employees")
    raise CellProblem(f"{text!r} is not a whole number of employees")


# ---- dates -----------------------------------------------------------------


class DateOrderUnknown(Exception):
    """A date column whose day/month order the file does not show."""

    def __init__(self, header: str, example: str, where: str, contradictory: bool = False):
        self.header, self.example, self.where = header, example, where
        why = "shows both orders" if contradictory else "never shows a day above 12"
        super().__init__(
            f"column {header!r} holds dates like {example!r} ({where}) and {why}, so day and month "
            "cannot be told apart: say which with --dates dmy (day first) or --dates mdy (month first)"
        )


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})")


_DATE_END = re.compile(r"[ T]")


def _date_part(cell: str) -> str:
    """'11/20/2026 3:12 PM' and '2026-11-20T15:12:00Z' -> the date part."""
    return _DATE_END.split(cell.strip(), maxsplit=1)[0]


def column_date_order(cells: list[tuple[str, str]], header: str, given: str | None) -> tuple[str, bool]:
    """('dmy' or 'mdy', whether any date of the column needed it) for a column
    of (cell, where) pairs; `given` wins. Raises DateOrderUnknown when slashed
    dates such as 3/4/2026 exist and nothing tells the order."""
    dmy = mdy = None
    first_ambiguous = None
    for cell, where in cells:
        m = _SLASHED.fullmatch(_date_part(cell)) if cell.strip() else None
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            dmy = dmy or (cell, where)
        elif b > 12 >= a:
            mdy = mdy or (cell, where)
        elif first_ambiguous is None and a != b:
            first_ambiguous = (cell, where)
    needed = first_ambiguous is not None
    if given:
        return given, needed
    if dmy and mdy:
        raise DateOrderUnknown(header, mdy[0], mdy[1], contradictory=True)
    if dmy:
        return "dmy", needed
    if mdy:
        return "mdy", needed
    if first_ambiguous:
        raise DateOrderUnknown(header, first_ambiguous[0], first_ambiguous[1])
    return "dmy", False  # no date of the column depends on the order


def read_date(cell: str, order: str) -> date | None:
    text = (cell or "").strip()
    if not text:
        return None
    part = _date_part(text)
    try:
        if m := _ISO.fullmatch(part):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DOTTED.fullmatch(part):  # the dotted form is day first everywhere
            return date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _SLASHED.fullmatch(part):
            a, b = int(m.group(1)), int(m.group(2))
            day, month = (a, b) if order == "dmy" else (b, a)
            return date(_year(m.group(3)), month, day)
    except ValueError:
        raise CellProblem(f"{text!r} is not a date ({'day/month' if order == 'dmy' else 'month/day'}/year)") from None
    raise CellProblem(f"{text!r} is not a date (expected 3/14/2026, 14.3.2026 or 2026-03-14)")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


# ---- websites --------------------------------------------------------------

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST_END = re.compile(r"[/?#:\s]")


# Hosts many companies share (a LinkedIn page, a free mail address, a site
# builder): the same host there says nothing about being the same company.
SHARED_HOSTS = frozenset(
    """
    linkedin.com facebook.com twitter.com x.com instagram.com youtube.com xing.com
    gmail.com googlemail.com outlook.com hotmail.com yahoo.com icloud.com
    google.com sites.google.com wixsite.com wordpress.com blogspot.com squarespace.com
    github.io
""".split()
)


def domain_of(website: str) -> str | None:
    """'https://www.Acme.com/about' -> 'acme.com'; None when there is no host,
    or when it is one that many companies share (linkedin.com, gmail.com)."""
    text = (website or "").strip().casefold()
    if not text:
        return None
    if "://" in text:
        text = _SCHEME.sub("", text)
    host = _HOST_END.split(text, maxsplit=1)[0].strip(".")
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or host in SHARED_HOSTS or host.split(".", 1)[1] in SHARED_HOSTS:
        return None
    return host
