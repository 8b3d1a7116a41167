"""Free-text sections of the plan, edited in place: a list of sections on the
left, the chosen section's text on the right.

Nothing typed is lost: the text is saved when focus leaves it, when another
section is chosen, a moment after typing stops, and when the widget goes away
(tab or screen closed, app quit). A save that fails keeps the text on screen,
marks its section as unsaved and says why; the next save tries again.

On a shared database each section's save names the version the editor showed.
When someone else saved that section since, the save is refused: the user's
text stays in the editor, theirs is shown read-only below it (ctrl+o swaps the
two). Leaving or pausing does not save over theirs unseen; once the user
goes on (types, or swaps), the next save puts the editor's text over theirs.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from kam_tui.models import ProfileSection
from kam_tui.tui.edits import NotSaved
from kam_tui.tui.widgets.cursor_keys import CursorKeys

if TYPE_CHECKING:
    from textual import getters

    from kam_tui.store.errors import ChangedElsewhere
    from kam_tui.tui.app import KamApp

# a pause in typing this long saves, so a crash loses at most this much
AUTOSAVE_SECONDS = 1.5

FILLED, EMPTY, UNSAVED = "●", "○", "!"


class TextSectionList(OptionList, CursorKeys):
    BINDINGS = [
        Binding("e", "select", "Edit text", id="sections.edit"),
    ]


class TextSectionArea(TextArea):
    BINDINGS = [
        Binding("escape", "done", "Done (saves)", id="sections.done"),
        Binding("ctrl+o", "swap", "Swap with theirs", id="sections.swap", show=False),
    ]

    class Swap(Message):
        """Show the other person's text in the editor, and ours below it (or back)."""

    def action_swap(self) -> None:
        self.post_message(self.Swap())

    class Done(Message):
        """The user is finished with this text; focus goes back to the sections."""

    def action_done(self) -> None:
        self.post_message(self.Done())


class TextSectionsEditor(Widget):
    """Edit `sections` of one account's written plan in place: the business pane
    and the history pane each give it their own sections."""

    if TYPE_CHECKING:
        app = getters.app(KamApp)

    class Saved(Message):
        def __init__(self, section: ProfileSection, text: str) -> None:
            super().__init__()
            self.section = section
            self.text = text

    def __init__(self, account_id: int, sections: tuple[ProfileSection, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.account_id = account_id
        self.sections = tuple(sections)
        self.current: ProfileSection = self.sections[0]
        self.texts: dict[ProfileSection, str] = {}
        # the version of each section as last read or saved here (0: not written)
        self.versions: dict[ProfileSection, int] = {}
        # after a refused save: who saved the section and the text they saved
        self.theirs: dict[ProfileSection, tuple[str, str]] = {}
        # the user's own text while theirs is swapped into the editor
        self._mine: dict[ProfileSection, str] = {}
        # refused sections the user has gone on with (typed, or swapped): their
        # next save is a choice, not the leaving or pausing that was refused
        self._chosen: set[ProfileSection] = set()
        # text on screen that the database does not hold yet (a failed save)
        self.drafts: dict[ProfileSection, str] = {}
        self._shown = ""  # what the text area held when loaded or last saved
        self._loading = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        from kam_tui.services.business import PROMPTS

        # kept as attributes: on unmount the text must still be readable
        # after the children have left the DOM
        self._list = TextSectionList(
            *[Option(self._option_label(s), id=s.value) for s in self.sections],
            classes="text-sections-sections",
        )
        self._title = Static(self.current.label, classes="text-sections-title")
        self._area = TextSectionArea(
            "",
            soft_wrap=True,
            show_line_numbers=False,
            placeholder=PROMPTS[self.current],
            classes="text-sections-text",
        )
        self._status = Static("", classes="text-sections-status")
        self._theirs = Static("", classes="text-sections-theirs")
        self._theirs.display = False
        with Horizontal(classes="text-sections-editor-row"):
            yield self._list
            with Vertical(classes="text-sections-text-box"):
                yield self._title
                yield self._area
                yield self._status
                yield self._theirs

    # ---- data -----------------------------------------------------------

    def reload(self) -> None:
        """Read the sections from the database; unsaved text on screen stays."""
        from kam_tui.services.business import section_texts

        with self.app.session() as s:
            stored = section_texts(s, self.account_id)
        self.texts = {sec: stored[sec].text if sec in stored else "" for sec in self.sections}
        shown = self.versions
        self.versions = {sec: stored[sec].version if sec in stored else 0 for sec in self.sections}
        for sec in self.sections:
            if sec in self.drafts or (sec == self.current and self._dirty()):
                # text on screen was typed over the version shown before: its save
                # must still meet someone else's newer text, not silently replace it
                self.versions[sec] = shown.get(sec, 0)
        if not self._dirty():
            self._show(self.current)
        self._refresh_labels()

    def _dirty(self) -> bool:
        return self._area.text != self._shown or self.current in self.drafts

    def flush(self) -> list[str]:
        """Save what is on screen now; returns the sections whose text is still
        only on screen (a save failed): what leaving would lose."""
        self.save()
        return [section.label for section in self.sections if section in self.drafts]

    def save(self) -> bool:
        """Store what is on screen for the current section if it changed.
        Returns False (and keeps the text) when the save failed."""
        self._cancel_timer()
        area = self._area
        text = area.text
        if text == self._shown and self.current not in self.drafts:
            return True
        from kam_tui.services.business import save_section
        from kam_tui.store.errors import ChangedElsewhere

        section = self.current
        if section in self.theirs and section not in self._chosen:
            # refused a moment ago: leaving or pausing again must not save over
            # their text unseen; it stays here as a draft (leaving asks first)
            self.drafts[section] = text
            return False
        outcome = self.app.attempt(save_section, self.account_id, section, text, self.versions.get(section, 0))
        if isinstance(outcome, NotSaved):  # disk full, database locked, too long, someone else's: keep the text
            self.drafts[section] = text
            if isinstance(outcome.error, ChangedElsewhere):
                self._keep_theirs(section, outcome.error)
                return False
            if self.is_attached:
                self._set_status(f"Not saved: {outcome.error}", error=True)
                self._refresh_labels()
                self.app.report_error(outcome.error)
            return False
        stored = outcome.value
        self.drafts.pop(section, None)
        self.theirs.pop(section, None)
        self._mine.pop(section, None)
        self._chosen.discard(section)
        self.texts[section] = stored.text
        self.versions[section] = stored.version
        self._shown = text
        if self.is_attached:
            self._set_status(f"Saved {datetime.now():%H:%M:%S}")
            self._show_theirs()
            self._refresh_labels()
            self.post_message(self.Saved(section, stored.text))
        return True

    def _keep_theirs(self, section: ProfileSection, refused: ChangedElsewhere) -> None:
        """Someone else saved this section since it was shown: their text is
        now what the database holds (and the version the next save names), so
        that save puts the user's text over theirs knowingly."""
        theirs = "" if refused.deleted else str(refused.values.get("text") or "")
        self.texts[section] = theirs
        self.versions[section] = refused.version or 0
        self.theirs[section] = (refused.by or "someone else", theirs)
        self._chosen.discard(section)
        if self.is_attached:
            self._set_status(
                f"Not saved: {refused}. Theirs is below (ctrl+o swaps); type on to save yours over it",
                error=True,
            )
            self._show_theirs()
            self._refresh_labels()

    # ---- showing --------------------------------------------------------

    def _option_label(self, section: ProfileSection) -> str:
        if section in self.drafts:
            mark = UNSAVED
        elif self.texts.get(section):
            mark = FILLED
        else:
            mark = EMPTY
        return f"{mark} {section.label}"

    def _refresh_labels(self) -> None:
        listing = self._list
        for section in self.sections:
            listing.replace_option_prompt(section.value, self._option_label(section))
        written = sum(1 for sec in self.sections if self.texts.get(sec))
        listing.border_title = f"{written} of {len(self.sections)} written"

    def _show(self, section: ProfileSection) -> None:
        from kam_tui.services.business import PROMPTS

        self.current = section
        area = self._area
        text = self.drafts.get(section, self.texts.get(section, ""))
        self._loading = True
        area.load_text(text)
        area.placeholder = PROMPTS[section]
        self._shown = self.texts.get(section, "") if section not in self.drafts else ""
        self._title.update(section.label)
        self._show_theirs()
        if section in self.theirs:
            self._set_status("Not saved: someone else saved this section; theirs is below (ctrl+o swaps)", error=True)
        elif section in self.drafts:
            self._set_status("Not saved yet: it will be tried again when you leave the text", error=True)
        elif text:
            self._set_status("Saved")
        else:
            self._set_status("Empty: Enter or e to write")

    def _show_theirs(self) -> None:
        """While a refusal is pending, the text not in the editor shows below it:
        the other person's, or the user's own after ctrl+o."""
        section = self.current
        pending = self.theirs.get(section)
        self._theirs.display = pending is not None
        if pending is None:
            return
        if section in self._mine:
            shown = f"Yours (ctrl+o puts it back in the editor):\n{self._mine[section]}"
        else:
            by, text = pending
            shown = f"{by} saved (ctrl+o swaps it into the editor):\n{text or '(nothing: they emptied it)'}"
        self._theirs.update(Text(shown))  # their words are data: text, never markup

    def on_text_section_area_swap(self, event: TextSectionArea.Swap) -> None:
        """Swap the other person's text into the editor (the user's own then
        shows below), or back: whichever is in the editor is what gets saved."""
        event.stop()
        section = self.current
        if section not in self.theirs:
            return
        self._cancel_timer()
        self._chosen.add(section)
        self._loading = True
        if section in self._mine:
            self._area.load_text(self._mine.pop(section))
            self.drafts[section] = self._area.text
        else:
            self._mine[section] = self._area.text
            self._area.load_text(self.theirs[section][1])
            self.drafts.pop(section, None)  # the editor holds what the database holds
        self._area.move_cursor(self._area.document.end)
        self._shown = self.texts.get(section, "")
        self._show_theirs()
        self._refresh_labels()

    def _set_status(self, text: str, error: bool = False) -> None:
        status = self._status
        status.update(Text(text))  # error text may hold brackets: never markup
        status.set_class(error, "-error")

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # ---- events ---------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        section = next(s for s in self.sections if s.value == event.option.id)
        if section == self.current:
            return
        self.save()  # a failure keeps its text as a draft of that section
        self._show(section)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_text()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._loading:
            # the change message of load_text; not something the user typed
            self._loading = False
            return
        if self.current in self.theirs:
            self._chosen.add(self.current)  # going on after the refusal: the next save is the user's choice
        if self._dirty():
            self._set_status("Editing: saves when you pause or leave")
            self._cancel_timer()
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self.save)

    def on_text_section_area_done(self, event: TextSectionArea.Done) -> None:
        event.stop()
        self.save()
        self._list.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, TextSectionArea):
            self.save()

    def on_unmount(self) -> None:
        # the tab, screen or app is closing: whatever is on screen goes to disk
        # (a failure keeps it as a draft; there is no screen left to say so)
        self.save()

    def focus_text(self) -> None:
        """Start writing: at the end of what is there, which is where notes grow."""
        self._area.move_cursor(self._area.document.end)
        self._area.focus()
