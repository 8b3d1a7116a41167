"""Why a file is refused as a whole (nothing is written)."""

from __future__ import annotations


class ImportRefused(Exception):
    """The file cannot be read safely; str() says what and where, for the user."""


class NoHeader(ImportRefused):
    """No row near the top is a header kam knows; `headers` are the cells of the
    first row with text, so the user can say by hand which column is which."""

    def __init__(self, message: str, headers: list[str]):
        super().__init__(message)
        self.headers = headers
