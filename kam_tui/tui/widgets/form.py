"""A modal form whose every field shows its own error, and which never loses
what the user typed.

Usage:
    app.push_screen(
        FormScreen("New goal", [FieldSpec("text", "Goal", required=True), ...], Edit(goals.add_goal, account_id)),
        callback=on_saved,
    )

On accept the form runs its Edit through `app.attempt`: the service is called
as `fn(session, *args, **values)` (the field names are its keyword arguments)
and committed. A ValidationError is shown under the field it names (matched by
name, label or alias, ignoring case, spaces and underscores) and the form stays
open with everything as typed; any other failure (disk full, database locked,
read-only) is shown at the top, likewise keeping the input. On success the
screen dismisses with what the service returned (True if it returned nothing),
on cancel with None. A form without an Edit (a filter) dismisses with the
values as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from kam_tui.errors import ValidationError
from kam_tui.store.errors import ChangedElsewhere
from kam_tui.tui.edits import Edit, NotSaved
from kam_tui.tui.screens.base import KamModal

# "multichoice": any number of the choices, ticked with space; its value is a list
Kind = Literal["text", "multiline", "choice", "multichoice", "bool", "person"]


@dataclass
class FieldSpec:
    name: str
    label: str
    kind: Kind = "text"
    value: Any = None
    choices: list[tuple[str, Any]] = field(default_factory=list)
    placeholder: str = ""
    help: str = ""
    required: bool = False
    # other field names a service may use in a ValidationError for this input
    aliases: tuple[str, ...] = ()
    allow_blank_choice: bool = True
    # what the typed text will be read as, shown under the field as it is typed
    # ("SEK 40 000 000" -> "SEK 40,000,000"); "" shows nothing
    preview: Callable[[str], str] | None = None
    # kind "person": the names to offer (widgets/person_picker.py), the account's team first
    people: list[str] = field(default_factory=list)


class TickBox(Checkbox):
    """A checkbox whose mark says its state: Textual draws "X" in both states
    and tells them apart by colour only, so without colour (NO_COLOR, a
    screen reader, a snapshot) every box reads as ticked."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side), ("✓" if self.value else " ", button_style), (self.BUTTON_RIGHT, side)
        )


def _comparable(value: Any) -> str:
    """A field's value and a column's as one text, to tell whether they differ."""
    if isinstance(value, Enum):
        value = value.value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def _shown(spec: FieldSpec, value: Any) -> str:
    """A stored value as the form would show it: a choice by its label."""
    for label, choice in spec.choices:
        if _comparable(choice) == _comparable(value):
            return label
    if spec.kind == "bool":
        return "yes" if value else "no"
    return _comparable(value) or "(empty)"


def _norm(name: str) -> str:
    return name.casefold().replace("_", " ").replace("-", " ").strip()


class FormScreen(KamModal[Any]):
    # the first field is focused in on_mount, with the form scrolled to its top
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("f2", "submit", "Accept", id="form.accept"),
    ]
    # on a short terminal each field takes one line instead of three (no
    # border), so a form of six or seven fields fits on an 80x24 screen
    COMPACT_BELOW_HEIGHT = 32

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.height < self.COMPACT_BELOW_HEIGHT
        for widget in self.query("Input, Select, TextArea").results():
            if isinstance(widget, (Input, Select, TextArea)):
                widget.compact = compact

    def __init__(
        self,
        title: str,
        fields: list[FieldSpec],
        save: Edit[Any] | None,
        *,
        intro: str = "",
        accept_label: str = "Accept",
    ) -> None:
        super().__init__(classes="form-screen")
        self.form_title = title
        self.fields = fields
        self.save = save
        self.intro = intro
        self.accept_label = accept_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form-box"):
            # titles and intros quote names the user typed: text, never markup
            yield Static(Content(self.form_title), classes="form-title")
            if self.intro:
                yield Static(Content(self.intro), classes="form-intro")
            yield Static("", id="form-error", classes="field-error")
            for spec in self.fields:
                label = spec.label + (" *" if spec.required else "")
                yield Label(label, classes="field-label")
                yield self._input_for(spec)
                if spec.preview is not None:
                    # what the service will read it as: text, never markup
                    yield Static(
                        Content(spec.preview(str(spec.value or ""))), id=f"pre-{spec.name}", classes="field-preview"
                    )
                if spec.help:
                    yield Static(spec.help, classes="field-help")
                yield Static("", id=f"err-{spec.name}", classes="field-error")
                # what someone else saved in this field, after a refused save
                yield Static("", id=f"theirs-{spec.name}", classes="field-theirs")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.accept_label} (F2)", id="form-accept", variant="primary")
                yield Button("Cancel (Esc)", id="form-cancel")

    def on_mount(self) -> None:
        # after the first layout: the box knows its height, so "top" is the top
        self.call_after_refresh(self._start_at_the_top)

    def _start_at_the_top(self) -> None:
        """The form opens at its title (whose form this is: "Log a contact with
        Karin Ek"), the keyboard in the first field: a long form must not open
        scrolled down to wherever focusing left it."""
        fields = "#form-box Input, #form-box TextArea, #form-box Select, #form-box SelectionList, #form-box Checkbox"
        first = next(iter(self.query(fields)), None)
        if first is not None:
            first.focus(scroll_visible=False)
        self.query_one("#form-box", VerticalScroll).scroll_home(animate=False, immediate=True)

    def _input_for(self, spec: FieldSpec) -> Widget:
        wid = f"in-{spec.name}"
        if spec.kind == "multiline":
            text = str(spec.value or "")
            area = TextArea(text, id=wid, classes="field-multiline", soft_wrap=True)
            area.show_line_numbers = False
            # editing text that is there means adding to it: the cursor starts at its end
            area.move_cursor(area.document.end)
            return area
        if spec.kind == "choice":
            value = spec.value if spec.value is not None else Select.NULL
            # choices name people and accounts: text, never markup
            return Select(
                [(Text(label), choice) for label, choice in spec.choices],
                value=value,
                id=wid,
                allow_blank=spec.allow_blank_choice,
                prompt="(none)",
            )
        if spec.kind == "multichoice":
            chosen = list(spec.value or [])
            # names of people: text, never markup
            return SelectionList[Any](
                *[(Content(label), choice, choice in chosen) for label, choice in spec.choices],
                id=wid,
                classes="field-multichoice",
            )
        if spec.kind == "bool":
            return TickBox(spec.label, value=bool(spec.value), id=wid)
        if spec.kind == "person":
            from kam_tui.tui.widgets.person_picker import PersonPicker

            return PersonPicker(
                "" if spec.value is None else str(spec.value),
                spec.people,
                input_id=wid,
                placeholder=spec.placeholder or "a name: type to pick one kam knows, or a new one",
            )
        # select_on_focus off: tabbing into a filled field must not let the
        # next keystroke wipe what was there
        return Input(
            "" if spec.value is None else str(spec.value),
            placeholder=spec.placeholder,
            id=wid,
            select_on_focus=False,
        )

    def values(self) -> dict[str, Any]:
        """What is on screen now, as typed."""
        out: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#in-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                out[spec.name] = list(widget.selected)
            elif isinstance(widget, (Checkbox, Input)):
                out[spec.name] = widget.value
        return out

    def _clear_errors(self) -> None:
        for line in self.query(".field-error, .field-theirs").results(Static):
            line.update("")
            line.display = False

    def _field_for(self, name: str) -> FieldSpec | None:
        key = _norm(name)
        for spec in self.fields:
            if key in {_norm(spec.name), _norm(spec.label), *(_norm(a) for a in spec.aliases)}:
                return spec
        return None

    def show_error(self, field_name: str | None, message: str) -> None:
        spec = self._field_for(field_name) if field_name else None
        line = self.query_one("#form-error" if spec is None else f"#err-{spec.name}", Static)
        line.update(Content(message))
        line.display = True
        if spec is None:
            self.query_one("#form-box", VerticalScroll).scroll_home(animate=False)
            return
        self.query_one(f"#in-{spec.name}").focus()

    def action_submit(self) -> None:
        self._clear_errors()
        values = self.values()
        for spec in self.fields:
            if spec.required and (values[spec.name] is None or str(values[spec.name]).strip() == ""):
                self.show_error(spec.name, f"{spec.label} is required")
                return
        if self.save is None:
            self.dismiss(values)
            return
        outcome = self.app.attempt_as_seen(self.save.seen, self.save.fn, *self.save.args, **values)
        if isinstance(outcome, NotSaved):
            self._show_failure(outcome.error)
            return
        self.dismiss(True if outcome.value is None else outcome.value)

    def _show_failure(self, exc: Exception) -> None:
        """Under the field a ValidationError names; anything else (disk full,
        locked, read-only) at the top. Either way the input stays as typed."""
        if isinstance(exc, ChangedElsewhere):
            self._show_theirs(exc)
        elif isinstance(exc, ValidationError):
            spec = self._field_for(exc.field)
            self.show_error(exc.field, exc.reason if spec else str(exc))
        else:
            self.show_error(None, f"Not saved: {exc}")

    def _show_theirs(self, exc: ChangedElsewhere) -> None:
        """Someone else saved the item after the form opened. What the user
        typed stays; under each field the other person changed, what they
        saved; and the form now holds the newest version, so F2 saves the
        user's values over theirs deliberately."""
        if exc.deleted or exc.version is None or self.save is None or self.save.seen is None:
            self.show_error(None, f"Not saved: {exc}")
            return
        was = self.save.seen.was
        self.save.seen = self.save.seen.moved_to(exc.version, was=exc.values)
        changed = 0
        for spec in self.fields:
            if spec.name not in exc.values:
                continue
            now = exc.values[spec.name]
            # what they changed: the row as shown against the row now (the
            # field shows it formatted, "United Kingdom" for "GB")
            before = was[spec.name] if was is not None and spec.name in was else spec.value
            if _comparable(now) != _comparable(before):
                line = self.query_one(f"#theirs-{spec.name}", Static)
                line.update(Content(f"{exc.by or 'They'} saved: {_shown(spec, now)}"))
                line.display = True
                changed += 1
        who = exc.by or "theirs"
        theirs = f", {who}'s is under the fields" if changed else ""
        self.show_error(None, f"Not saved: {exc}. Yours is kept{theirs}; F2 saves yours over it.")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("in-")
        spec = next((s for s in self.fields if s.name == name), None)
        if spec is not None and spec.preview is not None:
            self.query_one(f"#pre-{name}", Static).update(Content(spec.preview(event.value)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-accept":
            self.action_submit()
        else:
            self.action_cancel()


class ConfirmScreen(KamModal[bool]):
    """Ask before something is lost. `y` confirms; `n` or escape keeps everything."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", yes_label: str = "Delete") -> None:
        super().__init__(classes="confirm-screen")
        self.question = question
        self.detail = detail
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="confirm-box"):
            # the question names what would go, as the user typed it: text, never markup
            yield Static(Content(self.question), classes="form-title")
            if self.detail:
                yield Static(Content(self.detail), classes="form-intro")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirm-yes", variant="error")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
