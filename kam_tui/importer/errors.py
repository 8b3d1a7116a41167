"""Why a file is refused as a whole (nothing is written)."""

from __future__ import annotations


class ImportRefused(Exception):
    """The file cannot be read safely; str() says what and where, for the user."""
