"""The key-account scoring matrix: pick 3 to 5 criteria with weights, score
every account 1 to 10 on each straight from the keyboard, and see the weighted
totals, the ranking and which accounts qualify as key, all updated as you type.
Every score is saved the moment it is typed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import CellDoesNotExist, ColumnDoesNotExist

from kam_tui.models import Account, Tier
from kam_tui.rules.scoring import KeyLimits, Ranked
from kam_tui.store.conflicts import seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import id_of, row_id
from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.header import ICON as HEADER_ICON
from kam_tui.tui.widgets.plain_table import PlainTable

# one step up per press of `p`; demotion goes through the tier form (it needs a reason)
PROMOTION = (Tier.NOT_KEY, Tier.CANDIDATE, Tier.EMERGING_KEY, Tier.EXISTING_KEY)
EIGHTHS = " ▏▎▍▌▋▊▉"
# left of the criteria, and fixed: the account's verdict and total stay in view
# while the criteria scroll sideways on a narrow screen
FIXED = ("account", "rank", "total", "verdict")
TRAILING = ("tier",)  # right of the criteria
CRITERION_WIDTH = 9
CRITERION_MAX = 14
CHART_ROWS = 20

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.models import Criterion
    from kam_tui.store.conflicts import Seen


def _short(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def criterion_width(name: str) -> int:
    """The narrowest width (from CRITERION_WIDTH to CRITERION_MAX) at which the
    name wraps onto two lines whole; a longer name is cut on its second line."""
    import textwrap

    for width in range(CRITERION_WIDTH, CRITERION_MAX + 1):
        if len(textwrap.wrap(name, width)) <= 2 and all(len(w) <= width for w in name.split()):
            return width
    return CRITERION_MAX


def criterion_header(name: str, weight: str, width: int) -> Text:
    """The criterion's name on two lines (cut with "…" only if it needs more), its weight below."""
    import textwrap

    lines = textwrap.wrap(name, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    text = Text("\n".join(lines), style="bold")
    text.append("\n" * (3 - len(lines)))
    text.append(f"×{weight}", style="dim")
    return text


def account_of(r: Ranked) -> Account:
    """The ranked account, as an Account (rules know no models: Ranked types it as Any)."""
    assert isinstance(r.account, Account)
    return r.account


@dataclass(frozen=True)
class Standing:
    """What the status line says about the key lists, read with the ranking:
    each owner's key accounts against their own limit ("" no owner)."""

    limits: KeyLimits
    threshold: Decimal
    key_counts: dict[str, int]
    warning: str | None


# owners named on the status line; the rest are counted
OWNERS_SHOWN = 12


class TotalsChart:
    """Horizontal bars of the weighted totals, best first, sized to the space given."""

    def __init__(self, rows: list[tuple[str, Decimal | None, bool, bool]], threshold: Decimal, more: int = 0):
        self.rows = rows  # (name, total, suggested, is_key)
        self.threshold = threshold
        self.more = more  # accounts left out below the last bar

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        name_w = max(8, min(20, max((len(r[0]) for r in self.rows), default=8)))
        bar_w = max(10, min(60, width - name_w - 9))  # longer bars compare no better
        tick = int(self.threshold / 10 * bar_w)
        for name, total, suggested, is_key in self.rows:
            line = Text(f"{_short(name, name_w):<{name_w}} ", style="bold" if is_key else "")
            if total is None:
                line.append("not scored", style="dim italic")
                yield line
                continue
            eighths = int(total / 10 * bar_w * 8)
            full, part = divmod(eighths, 8)
            bar = "█" * full + (EIGHTHS[part] if part else "")
            rest = [" "] * (bar_w - len(bar))
            if tick >= len(bar) and tick - len(bar) < len(rest):
                rest[tick - len(bar)] = "┊"  # where the threshold lies
            line.append(bar, style="green" if suggested else "grey62")
            line.append("".join(rest), style="dim")
            line.append(f" {total:4.1f}", style="bold")
            line.append(" ★" if suggested else "  ", style="yellow")
            yield line
        if self.more:
            yield Text(f"… and {self.more} more below (s sorts the grid by name or total)", style="dim italic")


class ScoreGrid(PlainTable):
    """The matrix itself: accounts down, criteria across."""

    FIT_WIDTH = False  # laid out by the screen: the verdict and total stay, the criteria scroll

    BINDINGS = [
        Binding("h", "cursor_left", "Left", show=False, id="scoring.grid.left"),
        Binding("l", "cursor_right", "Right", show=False, id="scoring.grid.right"),
        Binding("tab", "step(1)", "Next score", show=False, id="scoring.grid.next"),
        Binding("shift+tab", "step(-1)", "Previous score", show=False, id="scoring.grid.prev"),
    ]

    criterion_columns: list[int] = []  # grid column indexes that hold criteria

    def action_step(self, delta: int) -> None:
        """Tab walks the score cells row by row, like a form."""
        cols = self.criterion_columns
        if not cols or not self.row_count:
            return
        row, col = self.cursor_coordinate
        cells = [(r, c) for r in range(self.row_count) for c in cols]
        if col in cols:
            i = cells.index((row, col)) + delta
        else:
            i = cells.index((row, cols[0])) if delta > 0 else cells.index((row, cols[-1]))
        r, c = cells[i % len(cells)]
        self.move_cursor(row=r, column=c)


class ScoringScreen(KamScreen[None]):
    HELP = (
        "Choosing key accounts: score every account 1 to 10 on 3 to 5 criteria you "
        "choose and weight. The highest weighted totals are your key accounts; keep "
        "the list short, since promoting later is easy and demoting is not. "
        "Type a digit to score the cell under the cursor (0 means 10); it is saved at once. "
        "If key accounts do not return what you expected, the criteria are wrong: "
        "re-check them. Watch the accounts just below the line that are about to grow."
    )
    # in order of importance: the footer shows as many as fit, the help shows all
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "score(1)", "Score", key_display="0-9", id="scoring.score1"),
        *(
            Binding(str(d), f"score({d or 10})", "Score", show=False, id=f"scoring.score{d}")
            for d in (2, 3, 4, 5, 6, 7, 8, 9, 0)
        ),
        Binding("p", "promote", "Promote", id="scoring.promote"),
        Binding("n", "new_criterion", "New criterion", id="scoring.new"),
        Binding("r", "key_rule", "Key rule", id="scoring.rule"),
        Binding("t", "set_tier", "Tier", id="scoring.tier"),
        Binding("e", "edit_criterion", "Edit", id="scoring.edit"),
        Binding("d", "delete_criterion", "Delete", id="scoring.delete"),
        Binding("s", "toggle_sort", "Sort", id="scoring.sort"),
        Binding("x", "export", "Export", id="scoring.export"),
        Binding("escape", "app.pop_screen", "Back", id="scoring.back"),
        Binding("less_than_sign", "move_criterion(-1)", "Move criterion left", show=False, id="scoring.move_left"),
        Binding("greater_than_sign", "move_criterion(1)", "Move criterion right", show=False, id="scoring.move_right"),
        Binding("backspace,delete", "clear_score", "Clear score", show=False, id="scoring.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.title = "Key-account scoring"
        self._order: list[int] = []  # account ids in row order
        self._criteria: list[Criterion] = []
        self._by_rank = True
        self._shown: dict[tuple[str, str], tuple[str, str]] = {}  # what each cell shows now
        self._status: Text | None = None  # the status line, before the tip for the cell under the cursor
        self._reload_on_resume = False

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield Static("", id="sc-status")
        yield ScoreGrid(id="sc-grid", cursor_type="cell", zebra_stripes=True, fixed_columns=len(FIXED), header_height=3)
        with VerticalScroll(id="sc-chart-box"):
            yield Static("", id="sc-chart")
        yield Static(
            "Key accounts not delivering what you expected? Then the criteria are wrong: "
            "re-check them and their weights.",
            id="sc-hint",
        )
        yield KamFooter()

    def on_mount(self) -> None:
        self.load()
        self.query_one(ScoreGrid).focus()

    # ---- data -----------------------------------------------------------

    @property
    def grid(self) -> ScoreGrid:
        return self.query_one(ScoreGrid)

    def _ranking(self) -> tuple[list[Ranked], Standing, dict[tuple[int, int], int], list[Criterion]]:
        from kam_tui.services import scoring

        with self.app.session() as s:
            scores = scoring.score_map(s)
            ranked = scoring.ranking(s, scores)
            counts: dict[str, int] = {}
            for r in ranked:
                owner = account_of(r).owner
                counts[owner] = counts.get(owner, 0) + account_of(r).tier.is_key
            info = Standing(
                limits=scoring.key_limits(s),
                threshold=scoring.score_threshold(s),
                key_counts=counts,
                warning=scoring.criteria_count_warning(s),
            )
            criteria = scoring.list_criteria(s)
        return ranked, info, scores, criteria

    def load(self, keep: tuple[int | None, str | None] | None = None) -> None:
        """Rebuild the whole grid (criteria may have changed), keeping the cursor
        on the same account and column where they still exist."""
        grid = self.grid
        if keep is None:
            keep = self._cursor_keys()
        ranked, info, scores, criteria = self._ranking()
        self._criteria = criteria
        if self._by_rank:
            self._order = [r.total.account_id for r in ranked]
        else:
            self._order = [r.total.account_id for r in sorted(ranked, key=lambda r: account_of(r).name_key)]
        by_id = {r.total.account_id: r for r in ranked}
        scored_count = sum(1 for r in ranked if r.rank is not None)

        from kam_tui.services.scoring import format_weight

        grid.clear(columns=True)
        name_w = max(12, min(22, max((len(account_of(r).name) for r in ranked), default=12)))
        grid.add_column(Text("Account"), width=name_w, key="account")
        grid.add_column(Text("Rank", justify="right"), width=4, key="rank")
        grid.add_column(Text("Total", justify="right"), width=5, key="total")
        grid.add_column(Text("Verdict"), width=11, key="verdict")
        for c in criteria:
            width = criterion_width(c.name)
            grid.add_column(criterion_header(c.name, format_weight(c.weight), width), width=width, key=f"c{c.id}")
        grid.add_column(Text("Tier"), width=12, key="tier")
        grid.criterion_columns = list(range(len(FIXED), len(FIXED) + len(criteria)))
        self._shown = {}
        columns = [*FIXED, *(f"c{c.id}" for c in criteria), *TRAILING]
        for account_id in self._order:
            r = by_id[account_id]
            total, rank = self._total_cells(r, scored_count)
            cells = [self._name_cell(account_of(r)), rank, total, self._verdict(r)]
            cells += [self._score_cell(scores.get((account_id, id_of(c)))) for c in criteria]
            cells += [Text(account_of(r).tier.label)]
            key = str(account_id)
            grid.add_row(*cells, key=key)
            for column, cell in zip(columns, cells):
                self._shown[(key, column)] = (cell.plain, str(cell.style))
        self._restore_cursor(keep)
        self._refresh_summary(ranked, info)

    def refresh_totals(self) -> None:
        """After one score changed: update totals, ranks, verdicts and bars in place.
        Only cells whose text changed are touched: updating a DataTable cell
        re-measures it, and with a thousand accounts that is what costs."""
        ranked, info, _, _ = self._ranking()
        scored_count = sum(1 for r in ranked if r.rank is not None)
        grid = self.grid
        for r in ranked:
            key = str(r.total.account_id)
            if key not in grid.rows:
                continue
            total, rank = self._total_cells(r, scored_count)
            for column, cell in (
                ("total", total),
                ("rank", rank),
                ("tier", Text(account_of(r).tier.label)),
                ("verdict", self._verdict(r)),
                ("account", self._name_cell(account_of(r))),
            ):
                self._set_cell(key, column, cell)
        self._refresh_summary(ranked, info)

    def _set_cell(self, row: str, column: str, cell: Text) -> None:
        shown = (cell.plain, str(cell.style))
        if self._shown.get((row, column)) != shown:
            self._shown[(row, column)] = shown
            self.grid.update_cell(row, column, cell)

    @staticmethod
    def _name_cell(account: Account) -> Text:
        return Text(account.name, overflow="ellipsis", no_wrap=True, style="bold" if account.tier.is_key else "")

    def _score_seen(self, account_id: int, column: str) -> Seen:
        """The score the cell shows, so a key over someone else's newer score is refused."""
        from kam_tui.store.conflicts import Seen

        shown = self._shown.get((str(account_id), column), ("",))[0].strip()
        return Seen(
            "score", (account_id, int(column[1:])), field="score", value=int(shown) if shown.isdigit() else None
        )

    def refresh_view(self) -> None:
        """Show the matrix as it is now (after a refused edit: someone else's scores)."""
        self.load()

    @staticmethod
    def _score_cell(value: int | None) -> Text:
        if value is None:
            return Text("·", style="dim", justify="center")
        return Text(str(value), justify="center")

    @staticmethod
    def _total_cells(r: Ranked, scored_count: int) -> list[Text]:
        from kam_tui.services.scoring import format_total

        if r.total.weighted is None:
            return [Text("-", justify="right", style="dim"), Text("", justify="right")]
        style = "bold green" if r.suggested else "bold"
        total = Text(format_total(r.total.weighted), justify="right", style=style)
        if not r.total.complete:
            total.stylize("italic")
        return [total, Text(str(r.rank), justify="right")]

    @staticmethod
    def _verdict(r: Ranked) -> Text:
        if r.suggested and account_of(r).tier.is_key:
            return Text("★ key", style="green")
        if r.suggested:
            return Text("★ make key?", style="bold yellow")
        if account_of(r).tier.is_key and r.total.weighted is not None:
            return Text("below line", style="red")
        return Text("")

    def _refresh_summary(self, ranked: list[Ranked], info: Standing) -> None:
        from kam_tui.services.scoring import format_total

        status = Text()
        counts, limits = info.key_counts, info.limits
        if len(counts) < 2:
            owner = next(iter(counts), "")
            key_count, limit = counts.get(owner, 0), limits.of(owner)
            status.append(f"Key accounts {key_count} of {limit}", style="bold red" if key_count > limit else "bold")
            if key_count > limit:
                status.append(" (over the limit: keep the list short)", style="red")
            status.append(f" · ★ = top {limit} with total ≥ {format_total(info.threshold)}")
        else:
            # each owner's key list against their own limit: what a head of key accounts reads
            status.append("Key accounts:", style="bold")
            order = sorted(counts, key=lambda o: (o == "", o.casefold()))
            for owner in order[:OWNERS_SHOWN]:
                key_count, limit = counts[owner], limits.of(owner)
                status.append(" ")
                status.append(_short(owner, 30) if owner else "no owner")  # a name: text, never markup
                status.append(f" {key_count} of {limit}", style="bold red" if key_count > limit else "bold")
                status.append(" ·" if owner != order[-1] else "")
            if len(order) > OWNERS_SHOWN:
                status.append(f" {len(order) - OWNERS_SHOWN} more")
            status.append(f" · ★ = each owner's top, total ≥ {format_total(info.threshold)}")
        suggested = [account_of(r).name for r in ranked if r.suggested and not account_of(r).tier.is_key]
        if suggested:
            status.append(" · qualify but not key: " + ", ".join(suggested), style="yellow")
        if not ranked:
            status.append("\nNo accounts yet: add or import accounts, then score them here.", style="italic")
        elif not self._criteria:
            status.append("\nNo criteria yet: press n to add one (3 to 5 work best).", style="italic")
        elif info.warning:
            status.append("\n" + info.warning, style="yellow")
        self._status = status
        self._show_tip()
        # the best CHART_ROWS (at least every suggested one); a thousand bars compare nothing
        shown = max(CHART_ROWS, sum(1 for r in ranked if r.suggested))
        rows = [(account_of(r).name, r.total.weighted, r.suggested, account_of(r).tier.is_key) for r in ranked[:shown]]
        chart = TotalsChart(rows, info.threshold, more=len(ranked) - len(rows))
        self.query_one("#sc-chart", Static).update(chart if rows else "")

    def _show_tip(self) -> None:
        """The status, plus the full name and weight of the criterion under the cursor."""
        status = self._status
        if status is None:
            return
        text = status.copy()
        if self._criteria and "\n" not in status.plain:
            crit = self._selected_criterion()
            if crit is not None:
                from kam_tui.services.scoring import format_weight

                text.append(f"\n{crit.name} (weight {format_weight(crit.weight)}): ", style="bold")
                text.append("type 1-9 or 0 (=10); tab moves on; backspace clears", style="dim")
            else:
                text.append("\nMove to a criterion column to score; enter opens the account's plan", style="dim")
        self.query_one("#sc-status", Static).update(text)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_tip()

    def on_resize(self) -> None:
        if self.is_mounted and self.grid.row_count:
            self.load()

    # ---- cursor ---------------------------------------------------------

    def _cursor_keys(self) -> tuple[int | None, str | None]:
        grid = self.grid
        if not grid.row_count:
            return None, None
        try:
            row_key, col_key = grid.coordinate_to_cell_key(grid.cursor_coordinate)
        except CellDoesNotExist:  # cursor outside a cleared table
            return None, None
        return row_id(row_key), col_key.value

    def _restore_cursor(self, keep: tuple[int | None, str | None]) -> None:
        grid = self.grid
        account_id, column = keep
        row = self._order.index(account_id) if account_id in self._order else 0
        try:
            col = grid.get_column_index(column) if column else None
        except ColumnDoesNotExist:  # the criterion was deleted
            col = None
        if col is None:
            col = grid.criterion_columns[0] if grid.criterion_columns else 0
        if grid.row_count:
            grid.move_cursor(row=row, column=col)

    def _selected_account_id(self) -> int | None:
        account_id, _ = self._cursor_keys()
        if account_id is None:
            self.notify("No account selected", severity="warning")
        return account_id

    def _selected_criterion(self) -> Criterion | None:
        _, column = self._cursor_keys()
        if column and column.startswith("c"):
            cid = int(column[1:])
            return next((c for c in self._criteria if c.id == cid), None)
        if not self.grid.row_count and self._criteria:
            return self._criteria[0]
        return None

    # ---- scoring ----------------------------------------------------------

    def action_score(self, value: int) -> None:
        from kam_tui.services import scoring

        account_id, column = self._cursor_keys()
        if account_id is None or not column or not column.startswith("c"):
            self.notify("Move to a criterion column to score", severity="warning")
            return
        if self.app.edit_as_seen(
            self._score_seen(account_id, column), scoring.set_score, account_id, int(column[1:]), value
        ):
            self._set_cell(str(account_id), column, self._score_cell(value))
            self.refresh_totals()

    def action_clear_score(self) -> None:
        from kam_tui.services import scoring

        account_id, column = self._cursor_keys()
        if account_id is None or not column or not column.startswith("c"):
            return
        if self.app.edit_as_seen(
            self._score_seen(account_id, column), scoring.clear_score, account_id, int(column[1:])
        ):
            self._set_cell(str(account_id), column, self._score_cell(None))
            self.refresh_totals()

    def action_toggle_sort(self) -> None:
        self._by_rank = not self._by_rank
        self.load()
        self.notify("Sorted by total" if self._by_rank else "Sorted by name", timeout=2)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter opens the account's plan."""
        event.stop()
        from kam_tui.tui.screens.workspace import WorkspaceScreen

        account_id = row_id(event.cell_key.row_key)
        if account_id is not None:
            self._reload_on_resume = True  # the plan may change the tier there
            self.app.push_screen(WorkspaceScreen(account_id))

    def on_screen_resume(self) -> None:
        if self._reload_on_resume:
            self._reload_on_resume = False
            self.load()

    # ---- criteria -----------------------------------------------------------

    def action_new_criterion(self) -> None:
        from kam_tui.services import scoring

        used = {c.name.casefold() for c in self._criteria}
        choices = [(n, n) for n in scoring.SUGGESTED_CRITERIA if n.casefold() not in used]

        # preselected: the form's Select cannot start blank in Textual 8 (Select.BLANK is gone)
        fields = (
            [
                FieldSpec("suggestion", "From the method's list", kind="choice", choices=choices, value=choices[0][1]),
            ]
            if choices
            else []
        )
        fields += [
            FieldSpec(
                "name",
                "Or your own name",
                placeholder="e.g. Data maturity",
                help="A name typed here wins over the list.",
            ),
            FieldSpec(
                "weight",
                "Weight",
                value="1",
                required=True,
                help="How much it counts against the others, e.g. 3 for the most important.",
            ),
        ]

        def done(crit: Criterion | None) -> None:
            if crit is not None:
                self.load(keep=(self._cursor_keys()[0], f"c{crit.id}"))

        self.app.push_screen(
            FormScreen("New criterion", fields, Edit(_add_criterion), intro="Score accounts on 3 to 5 criteria."),
            callback=done,
        )

    def action_edit_criterion(self) -> None:
        from kam_tui.services import scoring

        crit = self._selected_criterion()
        if crit is None:
            self.notify("Move to a criterion column first", severity="warning")
            return

        fields = [
            FieldSpec("name", "Name", value=crit.name, required=True),
            FieldSpec("weight", "Weight", value=scoring.format_weight(crit.weight), required=True),
        ]
        self.app.push_screen(
            FormScreen(
                f"Edit criterion: {crit.name}", fields, Edit(scoring.update_criterion, crit.id, seen=seen_of(crit))
            ),
            callback=self._reload_if_saved,
        )

    def _reload_if_saved(self, saved: object) -> None:
        if saved is not None:
            self.load()

    def action_delete_criterion(self) -> None:
        from kam_tui.services import scoring

        crit = self._selected_criterion()
        if crit is None or crit.id is None:
            self.notify("Move to a criterion column first", severity="warning")
            return
        crit_id = crit.id
        with self.app.session() as s:
            n = scoring.score_count(s, crit_id)

        def answer(yes: bool | None) -> None:
            if not yes or not self.app.delete(scoring.delete_criterion, crit_id):
                return
            account_id, _ = self._cursor_keys()
            self.load(keep=(account_id, None))
            self.notify(f"Deleted the criterion {crit.name!r}", timeout=3)

        detail = f"Its {n} score{'s' if n != 1 else ''} go with it; " if n else "No account is scored on it yet; "
        detail += "totals and ranks are recomputed from the rest."
        self.app.push_screen(ConfirmScreen(f"Delete the criterion {crit.name!r}?", detail), callback=answer)

    def action_move_criterion(self, delta: int) -> None:
        from kam_tui.services import scoring

        crit = self._selected_criterion()
        if crit is None or crit.id is None:
            return
        self.app.edit(scoring.move_criterion, crit.id, delta)
        self.load()

    def action_key_rule(self) -> None:
        from kam_tui.tui.screens.key_limit_form import key_limit_form

        self.app.push_screen(key_limit_form(self.app, with_threshold=True), callback=self._reload_if_saved)

    def action_export(self) -> None:
        """Write the portfolio and the scoring matrix to a Markdown file."""
        fields = [
            FieldSpec(
                "path",
                "File",
                value="~/kam-exports/key-account-scoring.md",
                required=True,
                help="The accounts, their tiers and scores, and the matrix, as Markdown.",
            )
        ]
        self.app.push_screen(
            FormScreen("Export the scoring matrix", fields, Edit(_export_scoring), accept_label="Export"),
            callback=self._exported,
        )

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Wrote {path}", timeout=4)

    # ---- tiers ------------------------------------------------------------------

    def action_promote(self) -> None:
        from kam_tui.services import accounts

        account_id = self._selected_account_id()
        if account_id is None:
            return
        with self.app.session() as s:
            account = accounts.get_account(s, account_id)
        i = PROMOTION.index(account.tier)
        if i == len(PROMOTION) - 1:
            self.notify(f"{account.name} is already an {Tier.EXISTING_KEY.label.lower()} account", timeout=3)
            return
        new = PROMOTION[i + 1]
        with self.app.session() as s:
            why = accounts.tier_reason_needed(s, account_id, new)
        if why is None:
            if self.app.edit(accounts.set_tier, account_id, new, reason="promoted from the scoring matrix"):
                self.notify(f"{account.name}: now {new.label}", timeout=3)
                self.refresh_totals()
            return
        from kam_tui.tui.screens.tier_form import change_tier

        def done(saved: Account | None, asked: bool) -> None:
            if saved is not None:
                self.notify(f"{account.name}: now {new.label}. The reason is kept in its tier history.", timeout=4)
                self.refresh_totals()

        change_tier(self.app, account_id, account.name, account.tier, new, done)

    def action_set_tier(self) -> None:
        from kam_tui.services import accounts

        account_id = self._selected_account_id()
        if account_id is None:
            return
        with self.app.session() as s:
            account = accounts.get_account(s, account_id)
        fields = [
            FieldSpec(
                "tier",
                "Tier",
                kind="choice",
                choices=[(t.label, t.value) for t in Tier],
                value=account.tier.value,
                allow_blank_choice=False,
            ),
            FieldSpec(
                "reason",
                "Reason",
                kind="multiline",
                help="Needed when a key account leaves the key tiers, or one joins them past the key-account "
                "limit; kept in its tier history.",
            ),
        ]
        self.app.push_screen(
            FormScreen(f"Tier of {account.name}", fields, Edit(accounts.set_tier, account_id, seen=seen_of(account))),
            callback=self._totals_if_saved,
        )

    def _totals_if_saved(self, saved: object) -> None:
        if saved is not None:
            self.refresh_totals()


def _add_criterion(s: Session, *, name: str | None, weight: str, suggestion: str | None = None) -> Criterion:
    """A name typed wins over the one picked from the method's list."""
    from kam_tui.errors import ValidationError
    from kam_tui.services import scoring

    chosen = (name or "").strip() or (suggestion or "")
    if not chosen:
        raise ValidationError("name", "pick a suggestion or type a name of your own")
    return scoring.add_criterion(s, chosen, weight)


def _export_scoring(s: Session, *, path: str | None) -> Path:
    """The accounts, tiers, scores and matrix as Markdown. A file that cannot be
    written is refused under the field, as a value that cannot be read is."""
    from kam_tui.errors import ValidationError
    from kam_tui.export.markdown import heading
    from kam_tui.export.scoring import render_portfolio
    from kam_tui.export.snapshot import portfolio_for
    from kam_tui.fsutil import WriteRefused, atomic_write_text

    text = (path or "").strip()
    if not text:
        raise ValidationError("file", "is required")
    target = Path(text).expanduser()
    if target.is_dir():
        raise ValidationError("file", f"{target} is a folder; name a file in it")
    body = heading(1, "Key-account scoring") + "\n\n" + render_portfolio(portfolio_for(s)) + "\n"
    try:
        atomic_write_text(target, body)
    except WriteRefused as exc:
        raise ValidationError("file", str(exc)) from None
    return target
