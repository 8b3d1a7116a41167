"""Amounts as people type them: '1.2M', '$1,200,000', '€12.500.000',
'SEK 40 000 000', '1.250.000,50'. Parsed to an exact Decimal and an ISO code.

A separator that could be either ('1.250', '1,250') is not guessed: the caller
passes the convention it knows (a form's other values, an import column's
other rows) as `decimal_separator`, or the value is refused with a message
that says how to write it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kam_tui.currencies import ISO_4217, SYMBOLS


class MoneyError(ValueError):
    """The text is not an amount; str() says why, in words for the user."""


class AmbiguousAmount(MoneyError):
    """'1.250' or '1,250': thousands or decimals cannot be told apart."""


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str | None


_MULTIPLIERS = {
    "k": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "b": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
# Thousands separators that can never be decimal points.
_SPACES = "\u0020\u00a0\u202f\u2009'’"
_AMBIGUOUS_CODES = {"kr": "SEK, NOK, DKK or ISK"}
_SYMBOLS_LONGEST_FIRST = sorted(SYMBOLS, key=len, reverse=True)


_AMBIGUOUS_CODE_RES = {word: re.compile(rf"(^|[\s\d]){word}\.?($|\s)") for word in _AMBIGUOUS_CODES}
_CODE_FIRST = re.compile(r"^([A-Za-z]{3})(?=[\s\d.,-])\s*(.*)$")
_CODE_LAST = re.compile(r"^(.*?\d[\d\s.,]*[a-zA-Z]*?)\s*\b([A-Za-z]{3})$")
_THREE_LETTERS = re.compile(r"[A-Za-z]{3}")
_SYMBOL_FIRST = re.compile("|".join(re.escape(sym) for sym in _SYMBOLS_LONGEST_FIRST))


def _take_currency(text: str) -> tuple[str, str | None]:
    """Strip a currency symbol or ISO code from either end; return (rest, code)."""
    s = text.strip()
    if s and (s[0].isdigit() or s[0] in "-.,") and s[-1].isdigit():
        return s, None  # a bare number: nothing at either end (the common case in an import)
    lowered = s.casefold()
    for word, options in _AMBIGUOUS_CODES.items():
        if word in lowered and _AMBIGUOUS_CODE_RES[word].search(lowered):
            raise MoneyError(f"{word!r} could be {options}: write the currency code, e.g. SEK 40 000 000")
    m = (s[:1].isalpha() and _CODE_FIRST.match(s)) or (s[-1:].isalpha() and _CODE_LAST.match(s))
    if m:
        first, second = m.group(1), m.group(2)
        code, rest = (first, second) if _THREE_LETTERS.fullmatch(first) else (second, first)
        if code.upper() in ISO_4217:
            return rest.strip(), code.upper()
        if code.casefold() not in _MULTIPLIERS:
            raise MoneyError(f"{code!r} is not a currency code (such as EUR, USD, SEK)")
    if s[:1].isdigit() and s[-1:].isdigit():
        return s, None
    if m := _SYMBOL_FIRST.match(s):
        return s[m.end() :].strip(), SYMBOLS[m.group()]
    for sym in _SYMBOLS_LONGEST_FIRST:
        if s.endswith(sym) and not sym[-1].isalpha() or (s.endswith(" " + sym)):
            return s[: -len(sym)].strip(), SYMBOLS[sym]
    return s, None


_WITH_MULTIPLIER = re.compile(r"(.*?\d)\s*([A-Za-z]+)\.?")
_GROUPED_BY = {sep: re.compile(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+") for sep in ".,"}
_DIGITS_AND_SEPARATORS = re.compile(r"[\d.,]+")


def _split_multiplier(text: str) -> tuple[str, Decimal]:
    if not text or text[-1].isdigit():
        return text, Decimal(1)
    m = _WITH_MULTIPLIER.fullmatch(text)
    if not m:
        return text, Decimal(1)
    word = m.group(2).casefold()
    if word not in _MULTIPLIERS:
        raise MoneyError(f"{m.group(2)!r} is not understood; use k, M or bn for thousands, millions, billions")
    return m.group(1), _MULTIPLIERS[word]


def _grouped(digits: str, sep: str) -> bool:
    """'12.500.000' is grouped by '.' into threes after the first group."""
    return _GROUPED_BY[sep].fullmatch(digits) is not None


def decimal_separator_of(text: str) -> str | None:
    """The decimal separator a value shows unambiguously, or None if it cannot tell
    ('1.250.000,50' -> ','; '1,200.5' -> '.'; '1.250' -> None; '1000' -> None)."""
    try:
        rest, _ = _take_currency(text)
        rest, mult = _split_multiplier(rest)
    except MoneyError:
        return None
    rest = rest.lstrip("-").translate({ord(c): None for c in _SPACES})
    dots, commas = rest.count("."), rest.count(",")
    if dots and commas:
        return "." if rest.rfind(".") > rest.rfind(",") else ","
    for sep, n in ((".", dots), (",", commas)):
        if n > 1:
            return "," if sep == "." else "."
        if n == 1:
            after = rest.split(sep)[1]
            if len(after) != 3 or mult != 1:
                return sep
            if not rest.split(sep)[0].isdigit() or rest.split(sep)[0] == "0":
                return sep
    return None


def parse_money(
    text: str | None,
    *,
    decimal_separator: str | None = None,
    field: str = "amount",
) -> Money | None:
    """Read an amount with an optional currency. Blank gives None.

    Raises MoneyError (or AmbiguousAmount) with a message for the user."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    rest, currency = _take_currency(raw)
    rest, multiplier = _split_multiplier(rest)
    negative = rest.startswith("-")
    rest = rest.lstrip("-").strip()
    # a space groups thousands, so a dot or comma before the last space is out of
    # place: '1,000 000' is refused rather than read as 1.000000
    head = re.split(f"[{_SPACES}]", rest)[:-1]
    if any("." in part or "," in part for part in head):
        raise MoneyError(f"{raw!r}: the thousands separators are in odd places")
    for c in _SPACES:
        rest = rest.replace(c, "")
    if not rest or not _DIGITS_AND_SEPARATORS.fullmatch(rest) or not rest[0].isdigit() and rest[0] not in ".,":
        raise MoneyError(f"{raw!r} is not an amount")
    sep = decimal_separator or decimal_separator_of(raw)
    dots, commas = rest.count("."), rest.count(",")
    if sep is None and (dots or commas):
        only = "." if dots else ","
        whole = rest.replace(only, "")
        as_decimal = format(Decimal(rest.replace(",", ".")).normalize(), "f")
        raise AmbiguousAmount(
            f"{raw!r} is ambiguous: {format_for_input(Decimal(whole))} or {as_decimal}? "
            f"Write {whole} for the first, {Decimal(as_decimal):.2f} for the second"
        )
    if sep is None:
        number = rest
    else:
        thousands = "," if sep == "." else "."
        whole, _, frac = rest.rpartition(sep) if sep in rest else (rest, "", "")
        if sep not in rest:
            whole, frac = rest, ""
        if thousands in whole and not _grouped(whole, thousands):
            raise MoneyError(f"{raw!r}: the thousands separators are in odd places")
        if sep in whole or thousands in frac:
            raise MoneyError(f"{raw!r} is not an amount")
        number = whole.replace(thousands, "") + ("." + frac if frac else "")
    try:
        amount = Decimal(number) * multiplier
    except InvalidOperation:
        raise MoneyError(f"{raw!r} is not an amount") from None
    if negative:
        amount = -amount
    if amount == amount.to_integral_value():
        amount = Decimal(int(amount))
    return Money(amount, currency)


def format_amount(amount: Decimal | None) -> str:
    """12500000 -> '12,500,000'; 1250000.5 -> '1,250,000.50'; 0.125 -> '0.125'
    (cents always shown, more places only when the amount has them)."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    exponent = amount.normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: nothing to group
        return str(amount)
    places = max(2, -exponent)
    return f"{amount:,.{places}f}"


def format_money(amount: Decimal | None, currency: str | None) -> str:
    """Shown back to the user: 'EUR 12,500,000'."""
    if amount is None:
        return ""
    return f"{currency} {format_amount(amount)}" if currency else format_amount(amount)


def format_for_input(amount: Decimal | None, currency: str | None = None) -> str:
    """An amount put back into an input field: grouped with spaces, which can only
    mean thousands, so it reads back exactly ('EUR 1 250 000.50')."""
    if amount is None:
        return ""
    text = format_amount(amount).replace(",", " ")
    return f"{currency} {text}" if currency else text


def format_money_short(amount: Decimal | None, currency: str | None) -> str:
    """For narrow columns: 'EUR 12.5M', 'USD 139M', 'SEK 950k'."""
    if amount is None:
        return ""
    value = abs(amount)
    for limit, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k")):
        if value >= limit:
            scaled = amount / limit
            text = f"{scaled:.1f}".rstrip("0").rstrip(".") if scaled < 100 else f"{scaled:.0f}"
            return f"{currency + ' ' if currency else ''}{text}{suffix}"
    return format_money(amount, currency)
