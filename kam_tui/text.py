"""Small text helpers shared by the rules, the services and the importer."""

from __future__ import annotations

import unicodedata

from kam_tui.errors import ValidationError


def name_key(name: str) -> str:
    """The key two names are compared by: case-folded and NFKC-normalised, so
    'ACME', 'Acme' and 'acme' are one account."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def fold_accents(text: str) -> str:
    """Case- and accent-insensitive form: 'Société Générale' == 'societe generale'."""
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_name(value: str | None, field: str = "name", max_length: int = 200) -> str:
    """A required one-line name: stripped, not empty, not too long."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, "is required")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 criterion', '3 criteria', '1 person', '7 people', '1,200 rows': a
    count with its noun in the right number (plural: `many`, else one + 's')."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
