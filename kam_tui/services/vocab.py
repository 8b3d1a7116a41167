"""Reading a vocabulary value (tier, stage, attitude, horizon, ...) from what a
form, a file or a caller gives: the enum itself, its stored key or its label."""

from __future__ import annotations

from typing import Any

from kam_tui.errors import ValidationError
from kam_tui.models import Vocab


def parse_vocab(enum_cls: type[Vocab], value: Any, field: str, default=None, *, optional: bool = False):
    """The member `value` names. Empty gives `default`, else None when
    `optional`, else ValidationError(field, "is required")."""
    if value is None or value == "":
        if default is not None:
            return default
        if optional:
            return None
        raise ValidationError(field, "is required")
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls.parse(str(value))
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None
