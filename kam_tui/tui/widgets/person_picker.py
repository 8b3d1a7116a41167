"""A name field that offers the people kam already knows.

Owners, assignees and "who finds out" are names, and a name typed twice is
soon spelt two ways ("Maria Lindqvist", "Maria Lindquist"): two people where
there is one. The picker lists the known names under the field, the account's
team first; typing filters them (any word's start, accents and case ignored)
and also offers close spellings of what is typed. Down and up move through the
list, Enter takes the name under the cursor, a click takes the one clicked.
Anything else typed is kept as typed: a new colleague is still one Enter away.

The input keeps the field's id (`in-owner`), so a form reads and focuses it
like any other field; the list beside it is only ever a helper.
"""

from __future__ import annotations

import difflib
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import DescendantBlur, DescendantFocus
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kam_tui.text import fold_accents

MAX_SHOWN = 5


def matches(typed: str, names: list[str], limit: int = MAX_SHOWN) -> list[tuple[str, bool]]:
    """The known names to offer for what is typed, as (name, is a close
    spelling rather than a match). Nothing typed: the first names. A name typed
    exactly as known: nothing to offer."""
    key = fold_accents(" ".join(typed.split()))
    if not key:
        return [(n, False) for n in names[:limit]]
    folded = {n: fold_accents(n) for n in names}
    if key in folded.values():
        return []
    words = key.split()
    found = [n for n, f in folded.items() if all(any(part.startswith(w) for part in f.split()) for w in words)]
    found += [n for n, f in folded.items() if key in f and n not in found]
    close = difflib.get_close_matches(key, list(folded.values()), n=3, cutoff=0.75)
    by_fold = {f: n for n, f in folded.items()}
    spelled = [by_fold[c] for c in close if by_fold[c] not in found]
    return [(n, False) for n in found[:limit]] + [(n, True) for n in spelled[: max(0, limit - len(found))]]


class NameInput(Input):
    """The picker's input: down and up walk the offered names, Enter takes one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "choice(1)", "Next name", show=False, id="picker.next"),
        Binding("up", "choice(-1)", "Previous name", show=False, id="picker.previous"),
    ]

    def action_choice(self, delta: int) -> None:
        picker = self.parent
        if isinstance(picker, PersonPicker):
            picker.move(delta)

    async def action_submit(self) -> None:
        picker = self.parent
        if isinstance(picker, PersonPicker) and picker.take_highlighted():
            return
        await super().action_submit()


class PersonPicker(Vertical):
    """`PersonPicker(value, names, input_id="in-owner")`: a name field with the known names under it."""

    DEFAULT_CSS = """
    PersonPicker {
        height: auto;
    }
    PersonPicker > OptionList {
        height: auto;
        max-height: 7;
        display: none;
        border: none;
        padding: 0 1;
    }
    PersonPicker > OptionList.-open {
        display: block;
    }
    """

    def __init__(self, value: str, names: list[str], *, input_id: str, placeholder: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.names = names
        self._input = NameInput(value, placeholder=placeholder, id=input_id, select_on_focus=False)
        self._list = OptionList(id=f"{input_id}-names")
        self._list.can_focus = False

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._list

    @property
    def value(self) -> str:
        return self._input.value

    def _offer(self) -> None:
        found = matches(self._input.value, self.names)
        self._list.clear_options()
        options = []
        for name, close in found:
            prompt = Text(name)
            if close:
                prompt.append("  a close spelling", style="italic dim")
            options.append(Option(prompt, id=name))
        self._list.add_options(options)
        self._list.highlighted = None
        self._list.set_class(bool(options) and self._input.has_focus, "-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self._input:
            self._offer()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._offer()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        # a moment later, so a click on a name lands before the list closes
        self.set_timer(0.2, self._close_unless_focused)

    def _close_unless_focused(self) -> None:
        if not self._input.has_focus:
            self._list.remove_class("-open")

    def move(self, delta: int) -> None:
        """Walk the offered names (from the field: down goes to the first)."""
        count = self._list.option_count
        if not count or not self._list.has_class("-open"):
            return
        now = self._list.highlighted
        if now is None:
            self._list.highlighted = 0 if delta > 0 else count - 1
        else:
            self._list.highlighted = max(0, min(count - 1, now + delta))

    def take_highlighted(self) -> bool:
        """Enter on a highlighted name puts it in the field; True if it did."""
        index = self._list.highlighted
        if index is None or not self._list.has_class("-open"):
            return False
        self._take(self._list.get_option_at_index(index).id)
        return True

    def _take(self, name: str | None) -> None:
        if name:
            self._input.value = name
            self._input.cursor_position = len(name)
        self._list.remove_class("-open")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._take(event.option.id)
        self._input.focus()
