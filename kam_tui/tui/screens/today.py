"""Today, across every account: what is overdue or due soon. Enter opens the
item where it lives in its account's plan; space marks an action done, `l`
logs a contact for a contact that is due, `x` writes the calendar file, all
without leaving the screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.services.today import KINDS, SOON_DAYS, TodayItem, today_summary
from kam_tui.text import counted
from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.cursor_keys import CursorKeys
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON

# from this width the due date has a column of its own; below, "3d late" says it
DATE_COLUMN_AT = 100
# items of each kind shown at first, and how many more "… and N more" shows: a
# team's database can hold tens of thousands of one kind, the worst first
FIRST = 50

ACTION_KINDS = ("action_overdue", "action_due")
if TYPE_CHECKING:
    from sqlmodel import Session

CALENDAR_FILE = "~/kam-exports/kam.ics"


def item_prompt(item: TodayItem, account_width: int, with_date: bool) -> Table:
    """One item as a row of columns: when, the account, then what is due (its
    lines wrap under it, not under the account) and who has it."""
    late = item.days_overdue > 0
    grid = Table.grid(padding=(0, 1))
    if with_date:
        grid.add_column(width=10, no_wrap=True)
    grid.add_column(width=9, justify="right", no_wrap=True)
    grid.add_column(width=account_width, no_wrap=True, overflow="ellipsis")
    grid.add_column(ratio=1)
    what = Text(item.text)
    if item.owner:
        what.append(f" · {item.owner}", style="italic cyan")
    cells = [
        Text(item.when(), style="bold red" if late else "yellow"),
        Text(item.account, style="bold", overflow="ellipsis", no_wrap=True),
        what,
    ]
    if with_date:
        cells.insert(0, Text(item.due.isoformat() if item.due else "", style="dim"))
    grid.add_row(*cells)
    return grid


def write_calendar_of_today(session: Session, path: str, days: str) -> Path:
    """The calendar form's edit: Today's dated items `days` ahead, written to `path`."""
    from kam_tui.export.calendar import days_ahead, write_calendar
    from kam_tui.services.today import calendar_items

    return write_calendar(calendar_items(session, days_ahead(days)), path)


class TodayList(OptionList, CursorKeys):
    """The items, grouped under their kind; Enter opens the one under the cursor."""

    BINDINGS = [Binding("enter", "select", "Open", key_display="⏎", id="today.open")]


class TodayScreen(KamScreen[None]):
    HELP = (
        "Everything due across your accounts: overdue actions first, then actions due "
        f"in the next {SOON_DAYS} days, contacts past their rhythm, meetings of the meeting "
        "structure due, renewals inside their notice window, reviews due by each account's "
        "cadence, plan revisions due (at least twice a year), growth questions someone "
        "promised to find out, goals past their target date and opportunities past their "
        "expected close. Enter opens the item in its account; space marks an action done "
        "(space again undoes it); l logs a contact with a person who is due; x writes all "
        "of it with what is coming as a calendar file (.ics) for Outlook, Google or Apple "
        "Calendar: importing it again updates the events. A long Today shows each kind's count and "
        f"its {FIRST} most overdue; enter on '… and N more' shows the next {FIRST}."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="today.back"),
        Binding("space", "done", "Done", id="today.done"),
        Binding("l", "log_contact", "Log contact", id="today.log_contact"),
        Binding("x", "calendar", "Calendar", id="today.calendar"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[TodayItem] = []
        self.shown: dict[str, int] = {}  # the kinds shown beyond FIRST, and how far

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield Static("", id="today-summary", classes="pane-status")
        yield TodayList(id="today-list")
        yield KamFooter()

    def on_mount(self) -> None:
        self.title = "Today"
        self.refresh_list()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def on_resize(self) -> None:
        # the columns depend on the width: the date has one only on a wide screen
        if self.is_mounted:
            self.refresh_list()

    def refresh_list(self) -> None:
        olist = self.query_one(OptionList)
        highlighted = olist.highlighted_option
        keep = self._option_key(highlighted.id) if highlighted is not None else None
        place = olist.highlighted or 0
        with self.app.session() as s:
            shown = {k: self.shown.get(k, FIRST) for k in KINDS}
            groups = today_summary(s, soon_days=SOON_DAYS, first=shown, late=True)
        self.items = [i for group in groups for i in group.first]
        olist.clear_options()
        summary = self.query_one("#today-summary", Static)
        if not self.items:
            summary.update(f"Nothing overdue and nothing due in the next {SOON_DAYS} days.")
            return
        counts = f"{counted(sum(g.count for g in groups), 'item')}, {sum(g.late or 0 for g in groups):,} overdue"
        # the keys are in the footer too: a narrow screen keeps the counts on one line (2: the padding)
        hints = " · enter opens · space done · l log contact · x calendar"
        summary.update(counts + hints if len(counts + hints) <= self.size.width - 2 else counts)
        options: list[Option] = []
        wide = self.size.width >= DATE_COLUMN_AT
        account_width = min(24 if wide else 16, max(len(i.account) for i in self.items))
        n = 0
        for group in groups:
            options.append(Option(Text(f"{group.title} ({group.count:,})", style="bold underline"), disabled=True))
            for item in group.first:
                options.append(Option(item_prompt(item, account_width, wide), id=f"item:{n}"))
                n += 1
            more = group.count - len(group.first)
            if more:
                shows = min(more, FIRST)
                options.append(
                    Option(
                        Text(f"… and {more:,} more: enter shows {shows:,} more", style="italic"),
                        id=f"more:{group.kind}",
                    )
                )
        olist.add_options(options)
        # the cursor stays on the same item; on the one after it when it left the
        # list (an action marked done), rather than back at the top
        keys = [self._option_key(o.id) for o in options]
        if keep is not None and keep in keys:
            target: int | None = keys.index(keep)
        else:
            after = [n for n, o in enumerate(options) if not o.disabled and n >= min(place, len(options) - 1)]
            target = after[0] if after else next((n for n, o in enumerate(options) if not o.disabled), None)
        olist.highlighted = target

    def _option_key(self, option_id: str | None) -> str | None:
        if not option_id:
            return None
        if option_id.startswith("more:"):
            return option_id
        return self._key(self.items[int(option_id.split(":")[1])])

    def _highlight_nth_of(self, kind: str, nth: int) -> None:
        olist = self.query_one(OptionList)
        of_kind = [n for n, i in enumerate(self.items) if i.kind == kind]
        if nth < len(of_kind):
            target = f"item:{of_kind[nth]}"
            olist.highlighted = next(
                (n for n in range(olist.option_count) if olist.get_option_at_index(n).id == target), None
            )

    @staticmethod
    def _key(item: TodayItem | None) -> str | None:
        return None if item is None else item.uid

    def selected(self) -> TodayItem | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id or not option.id.startswith("item:"):
            return None
        n = int(option.id.split(":")[1])
        return self.items[n] if n < len(self.items) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from kam_tui.tui.screens.wizard import open_workspace_at

        which, _, what = (event.option.id or "").partition(":")
        if which == "more":
            # the next few of that kind, the cursor on the first of them
            first_new = self.shown.get(what, FIRST)
            self.shown[what] = first_new + FIRST
            self.refresh_list()
            self._highlight_nth_of(what, first_new)
            return
        item = self.items[int(what)]
        target = None
        if item.kind in ACTION_KINDS and item.item_id is not None:
            target = ("action", item.item_id)
        elif item.kind == "contact_due" and item.item_id is not None:
            target = ("person", item.item_id)
        open_workspace_at(self.app, item.account_id, item.section, target)

    def action_done(self) -> None:
        """Space: the action under the cursor is done (stamped today), or back to do."""
        from kam_tui.services import goals

        item = self.selected()
        if item is None or item.kind not in ACTION_KINDS or item.item_id is None:
            self.app.notify("Space marks an action done; this is not an action.", timeout=3)
            return
        done = self.app.edit(goals.toggle_done, item.item_id)
        if done:
            self.app.notify(f"Done: {item.text}", timeout=3)
            self.refresh_list()

    def action_log_contact(self) -> None:
        """`l` on a contact that is due: log it here; the item leaves the list once fresh."""
        from kam_tui.tui.screens.log_contact import log_contact_form

        item = self.selected()
        if item is None or item.kind != "contact_due" or item.item_id is None:
            self.app.notify("l logs a contact with a person who is due; this item is not one.", timeout=3)
            return

        def logged(saved: object) -> None:
            if saved is not None:
                self.refresh_list()

        self.app.push_screen(log_contact_form(self.app, item.item_id), callback=logged)

    def action_calendar(self) -> None:
        """`x`: everything dated Today knows, and what is coming, as an .ics file."""
        from kam_tui.export.calendar import DEFAULT_DAYS
        from kam_tui.tui.edits import Edit
        from kam_tui.tui.widgets.form import FieldSpec, FormScreen

        def done(path: Path | None) -> None:
            if path is not None:
                self.app.notify(f"Wrote the calendar to {path}", timeout=6)

        self.app.push_screen(
            FormScreen(
                "Write the calendar (.ics)",
                [
                    FieldSpec(
                        "path",
                        "File",
                        value=CALENDAR_FILE,
                        required=True,
                        help="Import it into Outlook, Google Calendar or Apple Calendar; importing the next "
                        "one updates the same events. An existing file is replaced.",
                    ),
                    FieldSpec("days", "Days ahead", value=str(DEFAULT_DAYS), required=True),
                ],
                Edit(write_calendar_of_today),
                accept_label="Write",
            ),
            done,
        )
