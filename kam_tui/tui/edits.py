"""What an edit made from the app comes to, and the edit a form completes.

`KamApp.attempt(fn, *args)` runs `fn(session, *args)` in a session of its own,
commits, and returns `Saved(value)`, or `NotSaved(error)` when anything went
wrong: the caller decides where the one-line reason goes (a form under its
field, everything else in a notification) and keeps what the user typed.
`NotSaved` is false, so `if outcome:` reads "if it was saved".
`KamApp.attempt_as_seen(seen, fn, *args)` (and `edit_as_seen`) also refuses a
save over someone else's newer change to the item the screen showed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    from kam_tui.store.conflicts import Seen

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
    goal form.

    `seen`: the version of the item the form edits, as the screen showed it
    (`Seen("goal", goal.id, goal.version)`); the save is refused when someone
    else saved the item since (kam_tui/store/conflicts.py)."""

    __slots__ = ("fn", "args", "seen")

    def __init__(self, fn: Callable[..., T], *args: Any, seen: Seen | None = None) -> None:
        self.fn = fn
        self.args = args
        self.seen = seen
