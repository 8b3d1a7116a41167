"""Today, across every account: what is overdue or due soon. Enter opens the
item where it lives in its account's plan."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.services.today import KINDS, SOON_DAYS, TodayItem, today_items
from kam_tui.text import counted
from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.cursor_keys import CursorKeys
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON

# from this width the due date has a column of its own; below, "3d late" says it
DATE_COLUMN_AT = 100


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


class TodayList(OptionList, CursorKeys):
    """The items, grouped under their kind; Enter opens the one under the cursor."""

    BINDINGS = [Binding("enter", "select", "Open", key_display="⏎", id="today.open")]


class TodayScreen(KamScreen[None]):
    HELP = (
        "Everything due across your accounts: overdue actions first, then actions due "
        f"in the next {SOON_DAYS} days, reviews due by each account's cadence, plan "
        "revisions due (at least twice a year), and growth questions past the date "
        "someone promised an answer. Enter opens the item in its account."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="today.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[TodayItem] = []

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
        with self.app.session() as s:
            self.items = today_items(s)
        olist = self.query_one(OptionList)
        keep = olist.highlighted_option.id if olist.highlighted_option else None
        olist.clear_options()
        late = sum(1 for i in self.items if i.days_overdue > 0)
        summary = self.query_one("#today-summary", Static)
        if not self.items:
            summary.update(f"Nothing overdue and nothing due in the next {SOON_DAYS} days.")
            return
        summary.update(f"{counted(len(self.items), 'item')}, {late} overdue · enter opens the item in its account")
        options: list[Option] = []
        wide = self.size.width >= DATE_COLUMN_AT
        account_width = min(24 if wide else 16, max(len(i.account) for i in self.items))
        for kind, title in KINDS.items():
            group = [(n, i) for n, i in enumerate(self.items) if i.kind == kind]
            if not group:
                continue
            options.append(Option(Text(f"{title} ({len(group)})", style="bold underline"), disabled=True))
            options += [Option(item_prompt(i, account_width, wide), id=f"item:{n}") for n, i in group]
        olist.add_options(options)
        ids = [o.id for o in options]
        target = (
            ids.index(keep)
            if keep is not None and keep in ids
            else next((n for n, o in enumerate(options) if not o.disabled), None)
        )
        olist.highlighted = target

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from kam_tui.tui.screens.wizard import open_workspace_at

        item = self.items[int((event.option.id or "").split(":")[1])]
        target = None
        if item.kind in ("overdue_action", "action_due") and item.item_id is not None:
            target = ("action", item.item_id)
        open_workspace_at(self.app, item.account_id, item.section, target)
