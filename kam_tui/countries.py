"""Countries: kept as ISO 3166-1 alpha-2 codes, shown by their English names."""

from __future__ import annotations


def country_name(stored: str) -> str:
    return stored
