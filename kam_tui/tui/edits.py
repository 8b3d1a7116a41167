"""What an edit made from the app comes to, and the edit a form completes.

`KamApp.attempt(fn, *args)` runs `fn(session, *args)` in a session of its own,
commits, and returns `Saved(value)`, or `NotSaved(error)` when anything went
wrong: the caller decides where the one-line reason goes (a form under its
field, everything else in a notification) and keeps what the user typed.
`NotSaved` is false, so `if outcome:` reads "if it was saved".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeAlias, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    value: T


@dataclass(frozen=True)
class NotSaved:
    error: Exception

    def __bool__(self) -> Literal[False]:
        return False


Outcome: TypeAlias = Saved[T] | NotSaved


class Edit(Generic[T]):
    """A service call a form completes with what the user typed:
    `fn(session, *args, **values)`, the form's field names being the service's
    keyword arguments. `Edit(goals.add_goal, account_id)` adds a goal from the
    goal form."""

    __slots__ = ("fn", "args")

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self.fn = fn
        self.args = args
