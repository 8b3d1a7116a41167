"""Small text helpers shared by the rules, the services and the importer."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

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


def close_matches(typed: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The names a user may have meant by `typed`: similar ones first, then
    those that hold it ("acme" for "Acme Corp") or a word like it, each once."""
    by_key = {name_key(name): name for name in names}
    key = name_key(typed)
    close = difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.5)
    # part of a name, or close to one of its words ("marie" for "Maria Lindqvist")
    partly = [
        k
        for k in by_key
        if k not in close
        and key
        and (key in k or any(difflib.SequenceMatcher(None, key, word).ratio() >= 0.75 for word in k.split()))
    ]
    return [by_key[k] for k in close] + [by_key[k] for k in partly[: max(0, n - len(close))]]
