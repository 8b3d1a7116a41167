"""Countries: kept as ISO 3166-1 alpha-2 codes, shown by their English names.

A country arrives as people and CRMs write it: "Deutschland", "Allemagne",
"Germany", "DE", "DEU", "germany ". Kept as written, the same customer base
splits into several countries and a filter on one misses the others. So a
country is recognised when it is typed or imported, stored as its code, and
shown by its English name; text that names no country kam knows is kept as
it was typed (a region such as "Nordics" is still the user's to write).

The names come from countries.tsv (tools/make_countries.py says from where),
read on first use: the account list shows names from the first read on, the
recognition table is needed only when someone types or imports a country.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("countries.tsv")
# scripts whose accents are left off when people type without them (Turkiye, Osterreich, Ellada)
_ACCENTED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def _fold_chars(text: str) -> str:
    out: list[str] = []
    drop_marks = False
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char):
            if not drop_marks:
                out.append(char)  # a vowel sign of Devanagari or Thai is part of the word
            continue
        drop_marks = unicodedata.name(char, "").startswith(_ACCENTED_SCRIPTS)
        out.append(char if char.isalnum() or unicodedata.category(char)[0] == "M" else " ")
    return unicodedata.normalize("NFC", "".join(out))


def fold_country(text: str) -> str:
    """The form two spellings of a country are compared in: case, accents,
    punctuation, "&" / "and", "St." / "Saint" and a leading "the" do not count."""
    words = _fold_chars(text.replace("&", " and ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join("saint" if w == "st" else w for w in words)


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> English name, folded name -> code)."""
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, keys = line.split("\t")
        names[code] = name
        for key in keys.split("|"):
            codes[key] = code
    return names, codes


def english_names() -> dict[str, str]:
    """Every country kam knows: code -> English name."""
    return _table()[0]


def country_code(text: str | None) -> str | None:
    """The ISO code `text` names ("Deutschland" -> "DE"), or None."""
    key = fold_country(text or "")
    return _table()[1].get(key) if key else None


def country_name(stored: str | None) -> str:
    """What to show for a stored country: the English name of a code, else the text as it is."""
    if not stored:
        return ""
    return _table()[0].get(stored, stored)


def clean_country(text: str | None) -> str:
    """What to store for a typed or imported country: its code when kam knows
    it, else the text as typed (spaces tidied)."""
    tidy = " ".join((text or "").split())
    return country_code(tidy) or tidy


def describe_country(text: str | None) -> str:
    """A line under the country field as it is typed: what will be kept."""
    tidy = " ".join((text or "").split())
    if not tidy:
        return ""
    code = country_code(tidy)
    if code is None:
        return "not a country kam knows: kept as typed"
    return f"{country_name(code)} ({code})"
