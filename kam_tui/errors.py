"""Errors the core raises (rules, services, importer); their text is shown to the user as it is."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value the user gave cannot be accepted. `field` names where."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFound(LookupError):
    """Something asked for by name or id does not exist. `suggestions` holds
    close matches the user may have meant."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []
