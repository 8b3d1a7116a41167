"""Reading a vocabulary value (tier, stage, attitude, horizon, ...) from what a
form, a file or a caller gives: the enum itself, its stored key or its label."""

from __future__ import annotations

from typing import Any, Literal, TypeVar, overload

from kam_tui.errors import ValidationError
from kam_tui.models import Vocab

V = TypeVar("V", bound=Vocab)


@overload
def parse_vocab(
    enum_cls: type[V], value: Any, field: str, default: V | None = None, *, optional: Literal[False] = False
) -> V: ...


@overload
def parse_vocab(enum_cls: type[V], value: Any, field: str, default: V | None = None, *, optional: bool) -> V | None: ...


def parse_vocab(
    enum_cls: type[V], value: Any, field: str, default: V | None = None, *, optional: bool = False
) -> V | None:
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
