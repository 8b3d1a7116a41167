"""The home screen: every account, the few key ones counted against a limit.

Speed: the rows come from `services.portfolio.account_rows`, one SQL
query run in a thread worker over plain sqlite3, so this screen paints before
SQLModel is imported. The table is a VirtualTable (draws only what is in view);
filtering and sorting work on a list that is already in memory: each row's
searchable text is folded once when loaded, the sorted order is kept until the
sort changes, so a keystroke in the filter is a substring scan of 10,000 short
strings and one repaint.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from kam_tui import vocabulary
from kam_tui.countries import country_name
from kam_tui.money import format_money_short
from kam_tui.services.portfolio import AccountRow
from kam_tui.text import cut_name, fold_accents
from kam_tui.tui.screens.base import KamScreen, PaletteCommand
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON
from kam_tui.tui.widgets.virtual_table import VirtualColumn, VirtualTable
from kam_tui.vocabulary import Stage, Tier

TIER_ORDER = tuple(t.value for t in Tier)
STAGE_ORDER = tuple(s.value for s in Stage)
# what `t` cycles through: None is every tier, "key" both key tiers
TIER_VIEWS: tuple[str | None, ...] = (None, *TIER_ORDER, "key")
CREEP_WARNING = "the list is creeping — promoting is easy, demoting is not"
LEGEND = "⚠ overdue action  ↻ review due"
FIRST_SCREENFUL = 60

if TYPE_CHECKING:
    from kam_tui.models import Account
    from kam_tui.rules.scoring import KeyLimits
    from kam_tui.tui.screens.key_limit_form import LimitSet


def vocab_label(enum_name: str, value: str) -> str:
    """The label of a stored value, or the value itself if it is not one."""
    try:
        return getattr(vocabulary, enum_name)(value).label
    except (AttributeError, ValueError):
        return value


def tier_view_label(view: str | None) -> str:
    if view is None:
        return "all tiers"
    if view == "key":
        return "key accounts only"
    return vocab_label("Tier", view)


# owners named in the header before it says how many more there are
OWNERS_IN_HEADER = 4


def key_list_line(rows: list[AccountRow], limits: KeyLimits, me: str) -> tuple[str, bool]:
    """The header's count of key accounts against their limit, and whether a
    list is over it. Each owner's key list is their own: yours when you own
    accounts; the one list when there is one owner; else each owner's, the
    ones over their limit first."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.owner] = counts.get(row.owner, 0) + row.is_key
    if me and me in counts:
        key, limit = counts[me], limits.of(me)
        text, over = f"Your key accounts: {key} of {limit}", key > limit
        if over:
            text += f": {CREEP_WARNING}"
        others = [o for o in counts if o != me]
        late = [o for o in others if counts[o] > limits.of(o)]
        if others:
            text += f" · {len(others)} other owner{'s' if len(others) != 1 else ''}"
            text += f", {len(late)} over their limit (m: scoring)" if late else ""
        return text, over
    if len(counts) < 2:
        owner = next(iter(counts), "")
        key, limit = counts.get(owner, 0), limits.of(owner)
        over = key > limit
        return f"Key accounts: {key} of {limit}" + (f": {CREEP_WARNING}" if over else ""), over
    order = sorted(counts, key=lambda o: (counts[o] <= limits.of(o), -counts[o], o == "", fold_accents(o)))
    shown = [f"{cut_name(o, 30) if o else 'no owner'} {counts[o]} of {limits.of(o)}" for o in order[:OWNERS_IN_HEADER]]
    more = len(order) - OWNERS_IN_HEADER
    text = "Key accounts by owner: " + " · ".join(shown) + (f" · {more} more (m: scoring)" if more > 0 else "")
    return text, counts[order[0]] > limits.of(order[0])


def _score_text(row: AccountRow) -> str:
    return "" if row.score is None else f"{row.score:.1f}"


# Values that read wrong when cut (a tier, a date, an amount) keep their width;
# the name keeps 16 letters and takes what is left; the owner goes first.
COLUMNS = [
    VirtualColumn("name", "Name", 16, lambda r: r.name, flex=True, priority=100, min_width=16),
    VirtualColumn("tier", "Tier", 12, lambda r: vocab_label("Tier", r.tier), priority=90, min_width=12),
    VirtualColumn("stage", "Stage", 11, lambda r: vocab_label("Stage", r.stage), priority=40, min_width=11),
    VirtualColumn("score", "Score", 6, _score_text, align="right", priority=60, min_width=6),
    VirtualColumn(
        "revenue",
        "Revenue",
        10,
        lambda r: format_money_short(r.annual_revenue, r.currency),
        align="right",
        priority=50,
        min_width=10,
    ),
    VirtualColumn("owner", "Owner", 16, lambda r: r.owner, priority=30),
    VirtualColumn(
        "next_due",
        "Next due",
        10,
        lambda r: r.next_due.isoformat() if r.next_due else "",
        priority=70,
        min_width=10,
    ),
    VirtualColumn("flags", "!", 3, lambda r: r.flags, priority=80, min_width=3),
]
COLUMN_KEYS = [c.key for c in COLUMNS]


@lru_cache(maxsize=4096)
def _fold_owner(owner: str) -> str:
    # owners repeat across many accounts: fold each name once
    return fold_accents(owner)


# sort keys; None values always go last, whichever the direction
SORT_KEYS: dict[str, Callable[[AccountRow], Any]] = {
    "name": lambda r: None,  # replaced by the folded name (see _sort_key)
    "tier": lambda r: TIER_ORDER.index(r.tier) if r.tier in TIER_ORDER else 9,
    "stage": lambda r: STAGE_ORDER.index(r.stage) if r.stage in STAGE_ORDER else 9,
    "score": lambda r: r.score,
    "revenue": lambda r: r.revenue_number,
    "owner": lambda r: _fold_owner(r.owner) if r.owner else None,
    "next_due": lambda r: r.next_due,
    "flags": lambda r: (-(r.has_overdue * 2 + r.review_due)) if (r.has_overdue or r.review_due) else None,
}


def _folded_name(row: AccountRow) -> str:
    # the name as the filter folded it (kept apart from the rest of filter_text)
    return row.filter_text.partition("\x00")[0]


def _row_class(row: AccountRow) -> str | None:
    if row.has_overdue:
        return "alert"
    if row.is_key:
        return "key"
    if row.tier == "not_key":
        return "muted"
    return None


PLAN_PARTS = {
    "tier_change": ("tier change", "tier changes"),
    "stage_change": ("stage change", "stage changes"),
    "score": ("score", "scores"),
    "team_member": ("team member", "team members"),
    "stakeholder": ("stakeholder", "stakeholders"),
    "profile_text": ("profile section", "profile sections"),
    "swot_run": ("SWOT run", "SWOT runs"),
    "third_party": ("competitor or partner", "competitors and partners"),
    "opportunity": ("opportunity", "opportunities"),
    "whitespace_unit": ("whitespace unit", "whitespace units"),
    "whitespace_offering": ("whitespace offering", "whitespace offerings"),
    "goal": ("goal", "goals"),
    "question_answer": ("answered question", "answered questions"),
    "kpi": ("KPI", "KPIs"),
    "review": ("review", "reviews"),
    "meeting": ("meeting", "meetings"),
}


def describe_plan(counts: dict[str, int]) -> str:
    """'its whole plan: 8 stakeholders, 2 SWOT runs, 6 goals' from plan_counts."""
    parts = []
    for table, n in counts.items():
        one, many = PLAN_PARTS.get(table, (table.replace("_", " "), table.replace("_", " ") + "s"))
        parts.append(f"{n} {one if n == 1 else many}")
    if not parts:
        return "Nothing else is stored for it yet."
    return "Its whole plan goes with it: " + ", ".join(parts) + ". This cannot be undone."


class AccountListScreen(KamScreen[None]):
    HELP = (
        "Your portfolio. Key accounts are a small set chosen on purpose, not simply "
        "the biggest customers: keep the list short and defend it against creep. "
        "Promoting a customer later is easy; demoting a key account is hard, so the "
        "header counts key accounts against your limit and warns when the list "
        "grows past it. Each owner's key list is their own, counted against their "
        "own limit (l sets yours, a colleague's or the shared one). "
        "Watch the candidates that are about to grow.\n"
        "⚠ an open action is overdue · ↻ an internal review is due."
    )

    # in order of importance: the footer shows as many as fit, the help shows all
    BINDINGS = [
        Binding("enter", "open", "Open", id="accounts.open"),
        Binding("slash", "filter", "Filter", id="accounts.filter"),
        Binding("m", "scoring", "Scoring", id="accounts.scoring"),
        Binding("w", "wizard", "Wizard", id="accounts.wizard"),
        Binding("i", "import_file", "Import", id="accounts.import"),
        Binding("n", "new", "New", id="accounts.new"),
        Binding("e", "edit", "Edit", id="accounts.edit"),
        Binding("d", "delete", "Delete", id="accounts.delete"),
        Binding("plus", "promote", "Promote", id="accounts.promote"),
        Binding("minus", "demote", "Demote", id="accounts.demote"),
        Binding("v", "preview", "Plan", id="accounts.preview"),
        Binding("x", "export", "Export", id="accounts.export"),
        Binding("s", "sort", "Sort", id="accounts.sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False, id="accounts.reverse_sort"),
        Binding("t", "tier_view", "Tiers", id="accounts.tier_view"),
        Binding("l", "set_limit", "Key limit", show=False, id="accounts.limit"),
        # dimmed while there is no filter to clear (check_action)
        Binding("escape", "clear_filter", "Clear filter", id="accounts.clear_filter"),
        # from the filter box, down goes to the list (the list's own down moves the cursor)
        Binding("down", "to_list", "To the list", show=False, id="accounts.to_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Accounts"
        self.all_rows: list[AccountRow] = []
        self._sorted: list[AccountRow] = []
        self.sort_column = "name"
        self.sort_reverse = False
        self.tier_view_index = 0
        self.filter_text = ""
        self.key_limits: KeyLimits | None = None
        self.loaded = False
        self._keep: int | None = None
        self._limit_text = ""
        self._limit_line: tuple[str, bool] = ("Key accounts: …", False)
        self._signature: object = ()
        # the last filter's (tier view, sorted rows, words, matches): a query that
        # only grew is matched against these matches alone
        self._last_filter: tuple[str | None, list[AccountRow], list[str], list[AccountRow]] | None = None

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        # names owners: text, never markup
        yield Static("Key accounts: …", id="al-limit", markup=False)
        yield Input(placeholder="Filter: name, industry, country, owner (Esc clears)", id="al-filter")
        yield VirtualTable(COLUMNS, key=lambda r: r.id, row_class=_row_class, empty_text="Loading…", id="account-table")
        # the status quotes the filter as typed: text, never markup
        yield Static("", id="al-status", markup=False)
        # compact: every key of the list fits in 80 columns
        yield KamFooter()

    def on_mount(self) -> None:
        self.query_one("#al-filter", Input).display = False
        self.table.focus()
        self._show_sort()
        self.reload()

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#account-table", VirtualTable)

    @property
    def current(self) -> AccountRow | None:
        return self.table.current_row

    # ---------------------------------------------------------------- loading

    def reload(self, keep: int | None = None) -> None:
        """Read the rows again (after any edit); the cursor stays on `keep`, else
        on the account it is on now."""
        if keep is not None:
            self._keep = keep
        elif self._keep is None and self.current is not None:
            self._keep = self.current.id
        self._load_rows()

    @work(thread=True, exclusive=True, exit_on_error=False, group="account-rows")
    def _load_rows(self) -> None:
        from kam_tui.services import portfolio

        call = self.app.call_from_thread
        signature = self.app.db_signature()  # taken first: a write during the read shows next time
        try:
            with self.app.read_connection() as con:
                if not self.loaded:
                    # the first screenful first: the list is up before the rest is read
                    call(self._show_first, portfolio.account_basics(con, limit=FIRST_SCREENFUL))
                rows = portfolio.account_basics(con)
                limit = portfolio.get_key_limits(con)
                # fold once here, in the worker, so each filter keystroke is a plain `in`;
                # the name comes first, alone, so sorting by name reads it from there.
                # A country is kept as its code: the filter finds it by the code and by its English name
                for r in rows:
                    rest = f"{r.industry}\x00{r.country}\x00{country_name(r.country)}\x00{r.owner}"
                    r.filter_text = f"{fold_accents(r.name)}\x00{fold_accents(rest)}"
                if not self.loaded:
                    call(self._show_rows, rows, limit)
                portfolio.add_plan_figures(con, rows)
        except Exception as exc:  # a locked or damaged file: say so, keep what is shown
            call(self._read_failed, exc)
            return
        if get_current_worker().is_cancelled:
            return  # a newer read is under way (exclusive): never show older rows after it
        self._signature = signature
        call(self._show_rows, rows, limit)

    def _read_failed(self, exc: Exception) -> None:
        self.app.report_error(exc, "Cannot read the accounts")
        if not self.loaded:
            self.table.empty_text = f"Cannot read the accounts: {exc}"
            self.table.refresh()
            self.query_one("#al-status", Static).update("")

    def _show_first(self, rows: list[AccountRow]) -> None:
        if not self.loaded:
            self.table.set_rows(rows)
            self.query_one("#al-status", Static).update("Reading the accounts…")

    def _show_rows(self, rows: list[AccountRow], limits: KeyLimits) -> None:
        self.all_rows = rows
        self.key_limits = limits
        self._limit_line = key_list_line(rows, limits, self.app.user_name)
        self.app.portfolio_rows = rows
        self.loaded = True
        self.table.empty_text = (
            "No accounts yet. Press n to add the first one (ctrl+p lists every action)."
            if not rows
            else "No account matches. Esc clears the filter, t shows every tier."
        )
        self._resort()
        keep, self._keep = self._keep, None
        self._apply(keep)
        # Tens of thousands of long-lived objects now (rows, folded text): move
        # them out of the collector's reach, or every later full collection
        # rescans them (50-100 ms pauses). Unreachable ones still go
        # by reference counting.
        gc.freeze()
        self.app.warm_up()

    def on_key(self) -> None:
        # the ORM is imported when the user pauses, never under their typing
        self.app.postpone_warm_up()

    # ---------------------------------------------------------------- view

    def _sort_key(self) -> Callable[[AccountRow], Any]:
        if self.sort_column == "name":
            return _folded_name
        return SORT_KEYS[self.sort_column]

    def _resort(self) -> None:
        key = self._sort_key()
        present: list[AccountRow] = []
        missing: list[AccountRow] = []
        for row in self.all_rows:
            (missing if key(row) is None else present).append(row)
        present.sort(key=key, reverse=self.sort_reverse)
        if self.sort_column != "name":
            missing.sort(key=_folded_name)
        self._sorted = present + missing

    def visible_rows(self) -> list[AccountRow]:
        view = TIER_VIEWS[self.tier_view_index]
        words = fold_accents(self.filter_text).split()
        last = self._last_filter
        if (
            last is not None
            and last[0] == view
            and last[1] is self._sorted
            and all(any(old in new for new in words) for old in last[2])
        ):
            # the query only grew (each earlier word is inside a word now): what
            # matches now is among what matched then, so filter that
            rows = last[3]
        else:
            rows = self._sorted
            if view == "key":
                rows = [r for r in rows if r.is_key]
            elif view is not None:
                rows = [r for r in rows if r.tier == view]
        rows = self._match(rows, words)
        self._last_filter = (view, self._sorted, words, rows)
        return rows

    def _match(self, rows: list[AccountRow], words: list[str]) -> list[AccountRow]:
        if len(words) == 1:  # the common case, kept to one `in` per row
            word = words[0]
            rows = [r for r in rows if word in r.filter_text]
        elif words:
            rows = [r for r in rows if all(w in r.filter_text for w in words)]
        return rows

    def _apply(self, keep: int | None = None) -> None:
        rows = self.visible_rows()
        self.table.set_rows(rows, keep=keep)
        self._update_header(len(rows))

    def _update_header(self, shown: int) -> None:
        text, over = self._limit_line
        if self.app.location.is_server:
            # on a shared database, whose name the edits are recorded under
            text = f"You: {cut_name(self.app.user_name, 40)} · {text}"
        if text != self._limit_text:  # unchanged while filtering: no relayout per keystroke
            self._limit_text = text
            limit_line = self.query_one("#al-limit", Static)
            limit_line.update(text)
            limit_line.set_class(over, "-over")
        bits = [f"{shown:,} of {len(self.all_rows):,} shown", tier_view_label(TIER_VIEWS[self.tier_view_index])]
        if self.filter_text.strip():
            bits.append(f"filter “{self.filter_text.strip()}”")
        label = next(c.label for c in COLUMNS if c.key == self.sort_column)
        bits.append(f"sorted by {label.lower() if label != '!' else 'flags'} {'▼' if self.sort_reverse else '▲'}")
        bits.append(LEGEND)
        self.query_one("#al-status", Static).update(" · ".join(bits))

    def _show_sort(self) -> None:
        self.table.set_header_mark(self.sort_column, "▼" if self.sort_reverse else "▲")

    # ---------------------------------------------------------------- filter

    def action_filter(self) -> None:
        box = self.query_one("#al-filter", Input)
        box.display = True
        box.focus()
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "al-filter":
            event.stop()
            had = bool(self.filter_text)
            self.filter_text = event.value
            self._apply()
            if had != bool(self.filter_text):  # the footer's "Clear filter" comes or goes; not on every key
                self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "al-filter":
            event.stop()
            if not event.value.strip():
                event.input.display = False
                self.refresh_bindings()
            self.table.focus()

    def action_to_list(self) -> None:
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return True if self.filter_text or self.query_one("#al-filter", Input).display else None
        return True

    def action_clear_filter(self) -> None:
        box = self.query_one("#al-filter", Input)
        if not box.display and not self.filter_text:
            return
        box.value = ""
        box.display = False
        self.filter_text = ""
        self._apply()
        self.table.focus()
        self.refresh_bindings()

    # ---------------------------------------------------------------- sort / tiers

    def action_sort(self) -> None:
        i = COLUMN_KEYS.index(self.sort_column)
        self.sort_column = COLUMN_KEYS[(i + 1) % len(COLUMN_KEYS)]
        self.sort_reverse = False
        self._after_sort()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._after_sort()

    def on_virtual_table_header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        if event.column_key == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = event.column_key, False
        self._after_sort()

    def _after_sort(self) -> None:
        self._resort()
        self._show_sort()
        self._apply()

    def action_tier_view(self) -> None:
        self.tier_view_index = (self.tier_view_index + 1) % len(TIER_VIEWS)
        self._apply()
        self.notify(f"Showing {tier_view_label(TIER_VIEWS[self.tier_view_index])}", timeout=2)

    # ---------------------------------------------------------------- open

    def on_screen_resume(self) -> None:
        # back from the workspace, a form or the palette: re-read only if
        # something was written meanwhile (10,000 rows are not free)
        if self.loaded and self.app.db_signature() != self._signature:
            self.reload()

    def _need_row(self) -> AccountRow | None:
        row = self.current
        if row is None:
            self.notify("No account selected. Press n to add one.", severity="warning", timeout=3)
        return row

    def action_open(self) -> None:
        if (row := self._need_row()) is not None:
            self.app.open_account(row.id)

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        if event.row is not None:
            self.app.open_account(event.row.id)

    def action_preview(self) -> None:
        if (row := self._need_row()) is not None:
            from kam_tui.tui.screens.plan_preview import PlanPreviewScreen

            self.app.push_screen(PlanPreviewScreen(row.id))

    # ---------------------------------------------------------------- edit

    def action_new(self) -> None:
        from kam_tui.tui.screens.account_form import account_form

        def done(account: Account | None) -> None:
            if account is not None:
                self.notify(f"Added {account.name}", timeout=3)
                self.reload(keep=account.id)

        self.app.push_screen(account_form(self.app), done)

    def action_edit(self) -> None:
        if (row := self._need_row()) is None:
            return
        from kam_tui.tui.screens.account_form import account_form

        try:
            form = account_form(self.app, row.id)
        except Exception as exc:  # deleted meanwhile, or the file cannot be read: say so, never a traceback
            self.app.report_error(exc, "Cannot edit")
            self.reload()
            return

        def done(account: Account | None) -> None:
            if account is not None:
                self.notify(f"Saved {account.name}", timeout=3)
                self.reload(keep=account.id)

        self.app.push_screen(form, done)

    def action_delete(self) -> None:
        if (row := self._need_row()) is None:
            return
        from kam_tui.services import accounts
        from kam_tui.tui.widgets.form import ConfirmScreen

        with self.app.session() as s:
            counts = accounts.plan_counts(s, row.id)
        for history in ("tier_change", "stage_change"):
            counts.pop(history, None)  # its own history; not news to the user

        def done(yes: bool | None) -> None:
            # a verified copy first: a whole plan goes with the account
            if yes and self.app.delete(accounts.delete_account, row.id, backup=True):
                self.notify(f"Deleted {row.name} and its plan", timeout=4)
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete {row.name}?", describe_plan(counts)), done)

    # ---------------------------------------------------------------- tiers

    def action_promote(self) -> None:
        if (row := self._need_row()) is None:
            return
        i = TIER_ORDER.index(row.tier)
        if i == 0:
            self.notify(f"{row.name} is already an existing key account", timeout=3)
            return
        self._change_tier(row, TIER_ORDER[i - 1])

    def action_demote(self) -> None:
        if (row := self._need_row()) is None:
            return
        i = TIER_ORDER.index(row.tier)
        if i == len(TIER_ORDER) - 1:
            self.notify(f"{row.name} is already not key", timeout=3)
            return
        self._change_tier(row, TIER_ORDER[i + 1])

    def _change_tier(self, row: AccountRow, to: str) -> None:
        """One tier up or down; a move that needs a reason (demoting a key
        account, promoting past the key-account limit) asks for it first."""
        from kam_tui.tui.screens.tier_form import change_tier

        old, new = Tier(row.tier), Tier(to)

        def done(account: Account | None, asked: bool) -> None:
            if account is not None:
                kept = " The reason is kept in its tier history." if asked else ""
                self.notify(f"{row.name}: {old.label} → {new.label}.{kept}", timeout=5)
                self.reload(keep=row.id)

        change_tier(self.app, row.id, row.name, old, new, done)

    def action_set_limit(self) -> None:
        from kam_tui.tui.screens.key_limit_form import key_limit_form, limit_set_text

        def done(saved: LimitSet | None) -> None:
            if saved is not None:
                self.notify(limit_set_text(saved), timeout=3)
                self.reload()

        self.app.push_screen(key_limit_form(self.app), done)

    # ---------------------------------------------------------------- export

    def action_export(self) -> None:
        if (row := self._need_row()) is not None:
            self.app.export_plan_form(row.id)

    # ---------------------------------------------------------------- palette

    def action_wizard(self) -> None:
        if (row := self._need_row()) is None:
            return
        from kam_tui.tui.screens.wizard import WizardScreen

        self.app.push_screen(WizardScreen(row.id))

    def action_scoring(self) -> None:
        self.app.open_scoring()

    def action_import_file(self) -> None:
        self.app.open_import()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Five-stage wizard", "Walk the selected account through strategy to review", self.action_wizard
            ),
            PaletteCommand("New account", "Add an account to the portfolio", self.action_new),
            PaletteCommand("Export plan", "Write the selected account's plan to a Markdown file", self.action_export),
            PaletteCommand("Filter", "Filter the list by name, industry, country or owner", self.action_filter),
            PaletteCommand(
                "Set key-account limit",
                "How many key accounts an owner means to keep: yours, a colleague's, or the shared limit",
                self.action_set_limit,
            ),
            PaletteCommand(
                "Show next tier", "Cycle the list: all, each tier, key accounts only", self.action_tier_view
            ),
            PaletteCommand("Plan overview", "Read the selected account's whole plan", self.action_preview),
        ]
