"""Reviews & KPIs: the numbers that say whether the plan works, the review log,
the meeting structure, and when the next review and plan revision are due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kam_tui import clock
from kam_tui.models import Account, Cadence, Frequency, Kpi, KpiValue, Meeting, MeetingKind, Review
from kam_tui.rules.meetings import MeetingDue
from kam_tui.services import accounts, reviews as svc
from kam_tui.store.conflicts import seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import id_of
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.kpi_table import KpiTable

PERIOD_HINT = "2026, 2026-H1, 2026-Q3 or 2026-07"

if TYPE_CHECKING:
    from sqlmodel import Session


class ReviewsPane(Pane):
    TAB_TITLE = "Reviews & KPIs"
    HELP = (
        "Measure more than sales volume: revenue, profit, satisfaction, service level, "
        "delivery reliability; engagement and loyalty should trend upward. Review the "
        "account internally on its cadence, meet the customer at strategic, tactical and "
        "operational level, and revise the written plan at least twice a year. A meeting of "
        "the structure was last held on the latest contact logged at its level (l on a "
        "stakeholder) or review of its kind; the next is due a frequency later, and a late "
        "one is on Today."
    )
    BINDINGS = [
        Binding("n", "new", "New", id="reviews.new"),
        Binding("e", "edit", "Edit", id="reviews.edit"),
        Binding("d", "delete", "Delete", id="reviews.delete"),
        Binding("v", "new_value", "KPI value", id="reviews.value"),
        Binding("r", "new_review", "Log review", id="reviews.log"),
        Binding("p", "plan_dates", "Cadence & revision", id="reviews.plan_dates"),
    ]

    def compose(self) -> ComposeResult:
        # the lists take focus, not their container: the keys and help follow the list in use
        with VerticalScroll(id="reviews-scroll", can_focus=False):
            yield Static("", id="reviews-due", classes="pane-status")
            yield Static("KPIs", classes="section-title")
            yield KpiTable(what="KPI", id="kpi-table")
            yield Static("", id="kpi-values-title", classes="section-title")
            yield KpiTable(what="KPI value", empty="no values yet: v adds one", id="kpi-values")
            yield Static("Review log", classes="section-title")
            yield KpiTable(what="review", empty="no reviews logged yet: r logs one", id="review-log")
            yield Static("Meeting structure", classes="section-title")
            yield KpiTable(what="meeting", id="meetings")

    def on_mount(self) -> None:
        self.query_one("#kpi-table", KpiTable).add_columns("KPI", "Trend", "Latest", "Actual", "Target", "")
        self.query_one("#kpi-values", KpiTable).add_columns("Period", "Target", "Actual", "Target met")
        self.query_one("#review-log", KpiTable).add_columns("Date", "Kind", "Notes", "Decisions")
        self.query_one("#meetings", KpiTable).add_columns("Meeting", "Frequency", "Last held", "Next due", "Attendees")
        super().on_mount()

    def focus_default(self) -> None:
        # The section opens at its top, where the review dates are, with the keyboard
        # in the KPI list. Focus alone would scroll later, once the tables are filled,
        # by however far the layout had got by then.
        self._table("kpi-table").focus(scroll_visible=False)
        self.query_one("#reviews-scroll", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ data

    def _table(self, wid: str) -> KpiTable:
        return self.query_one(f"#{wid}", KpiTable)

    def _selected_kpi(self) -> int | None:
        key = self._table("kpi-table").selected_key()
        return int(key) if key else None

    def reload(self) -> None:
        today = clock.today()
        with self.app.session() as s:
            account = accounts.get_account(s, self.account_id)
            kpis = svc.list_kpis(s, self.account_id)
            values = {id_of(k): svc.kpi_values(s, id_of(k)) for k in kpis}
            log = svc.list_reviews(s, self.account_id)
            meetings = svc.meeting_dues(s, self.account_id)
        self._show_due(account, today)
        rows: list[tuple[str, list[RenderableType]]] = []
        for k in kpis:
            vs = values[id_of(k)]
            latest = _latest(vs)
            met = svc.met(k, latest) if latest else None
            trend = Text(svc.sparkline([v.actual for v in vs][-12:]), style="cyan")
            mark = (
                Text("")
                if met is None
                else (Text("✓ met", style="green") if met else Text("✗ missed", style="bold red"))
            )
            unit = f" ({k.unit})" if k.unit else ""
            arrow = "↑" if k.higher_is_better else "↓"
            rows.append(
                (
                    str(k.id),
                    [
                        f"{k.name}{unit} {arrow}",
                        trend,
                        latest.period if latest else "–",
                        svc.fmt_number(latest.actual) if latest else "–",
                        svc.fmt_number(latest.target) if latest else "–",
                        mark,
                    ],
                )
            )
        self._table("kpi-table").refill(rows)
        self._fill_values(values)
        self._table("review-log").refill(
            [(str(r.id), [r.held_on.isoformat(), r.kind.label, _short(r.notes), _short(r.decisions)]) for r in log]
        )
        self._table("meetings").refill([(str(d.meeting.id), _meeting_cells(d, today)) for d in meetings])

    def section_shown(self) -> None:
        """Back on this tab: a meeting logged on a stakeholder may have moved the structure's dates."""
        self.reload()

    def _show_due(self, account: Account, today: date) -> None:
        nxt = svc.next_review(account, today)
        rev = svc.plan_revision(account, today)
        review = Text(f"{account.review_cadence.label} reviews · last ")
        review.append(account.last_review.isoformat() if account.last_review else "none logged")
        review.append(" · next ")
        review.append(nxt.describe(), style="bold red" if nxt.is_overdue else "bold")
        review.append("\nPlan revision (at least twice a year): ")
        if rev.due is None:
            review.append("not dated: p sets it", style="yellow")
        else:
            review.append(rev.describe(), style="bold red" if rev.is_overdue else "")
        self.query_one("#reviews-due", Static).update(review)

    def _fill_values(self, values: dict[int, list[KpiValue]] | None = None) -> None:
        """The selected KPI's values; `values` when they were just read with the KPIs."""
        kpi_id = self._selected_kpi()
        title = self.query_one("#kpi-values-title", Static)
        table = self._table("kpi-values")
        if kpi_id is None:
            title.update("KPI values (add a KPI with n)")
            table.refill([])
            return
        with self.app.session() as s:
            kpi = svc.get_kpi(s, kpi_id)
            vs = values[kpi_id] if values else svc.kpi_values(s, kpi_id)
        title.update(Text(f"Values of {kpi.name} by period (v adds one)"))
        rows = []
        for v in vs:
            met = svc.met(kpi, v)
            rows.append(
                (
                    str(v.id),
                    [
                        v.period,
                        svc.fmt_number(v.target),
                        svc.fmt_number(v.actual),
                        "" if met is None else ("met" if met else "missed"),
                    ],
                )
            )
        table.refill(rows)

    def on_data_table_row_highlighted(self, event: KpiTable.RowHighlighted) -> None:
        if event.data_table.id == "kpi-table":
            self._fill_values()

    def on_data_table_row_selected(self, event: KpiTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------------ forms

    def _focused_table(self) -> str:
        focused = self.screen.focused
        return focused.id if isinstance(focused, KpiTable) and focused.id else "kpi-table"

    def _after(self, table_id: str) -> Callable[[Kpi | KpiValue | Review | Meeting | Account | None], None]:
        """After a form: reload, and put the cursor on what was just saved (a
        row of `table_id`; the account's own dates leave the cursor where it is)."""

        def done(saved: Kpi | KpiValue | Review | Meeting | Account | None) -> None:
            if saved is not None:
                self.reload()
                if not isinstance(saved, Account):
                    self._table(table_id).select_key(str(saved.id))
                    if table_id == "kpi-table":
                        self._fill_values()
            self._table(table_id).focus()

        return done

    def action_new(self) -> None:
        {
            "kpi-table": self._new_kpi,
            "kpi-values": self.action_new_value,
            "review-log": self.action_new_review,
            "meetings": self._new_meeting,
        }[self._focused_table()]()

    def action_edit(self) -> None:
        table = self._focused_table()
        key = self._table(table).selected_key()
        if key is None:
            self.action_new()
            return
        {
            "kpi-table": self._edit_kpi,
            "kpi-values": self._edit_value,
            "review-log": self._edit_review,
            "meetings": self._edit_meeting,
        }[table](int(key))

    def _kpi_fields(self, kpi: Kpi | None = None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "name",
                "Name",
                value=kpi.name if kpi else "",
                required=True,
                placeholder="revenue, profit, satisfaction, service level, delivery reliability",
            ),
            FieldSpec("unit", "Unit", value=kpi.unit if kpi else "", placeholder="kEUR, %, NPS points"),
            FieldSpec("higher_is_better", "Higher is better", "bool", value=kpi.higher_is_better if kpi else True),
        ]

    def _new_kpi(self) -> None:
        self.app.push_screen(
            FormScreen("New KPI", self._kpi_fields(), Edit(svc.add_kpi, self.account_id)), self._after("kpi-table")
        )

    def _edit_kpi(self, kpi_id: int) -> None:
        with self.app.session() as s:
            kpi = svc.get_kpi(s, kpi_id)
        self.app.push_screen(
            FormScreen("Edit KPI", self._kpi_fields(kpi), Edit(svc.update_kpi, kpi_id, seen=seen_of(kpi))),
            self._after("kpi-table"),
        )

    def _value_fields(self, value: KpiValue | None = None, period: str = "") -> list[FieldSpec]:
        return [
            FieldSpec(
                "period", "Period", value=value.period if value else period, required=True, placeholder=PERIOD_HINT
            ),
            FieldSpec(
                "target",
                "Target",
                value=svc.fmt_number(value.target).replace(",", "") if value and value.target is not None else "",
            ),
            FieldSpec(
                "actual",
                "Actual",
                value=svc.fmt_number(value.actual).replace(",", "") if value and value.actual is not None else "",
            ),
        ]

    def action_new_value(self) -> None:
        kpi_id = self._selected_kpi()
        if kpi_id is None:
            self.app.notify("Add a KPI first (n in the KPI list).", severity="warning")
            return
        with self.app.session() as s:
            kpi = svc.get_kpi(s, kpi_id)
        self.app.push_screen(
            FormScreen(
                f"{kpi.name}: value for a period",
                self._value_fields(),
                Edit(svc.set_kpi_value, kpi_id),
                intro="A period that already has a value is replaced.",
            ),
            self._after("kpi-values"),
        )

    def _edit_value(self, value_id: int) -> None:
        with self.app.session() as s:
            value = s.get(KpiValue, value_id)
        self.app.push_screen(
            FormScreen(
                "Edit KPI value",
                self._value_fields(value),
                Edit(svc.update_kpi_value, value_id, seen=seen_of(value) if value else None),
            ),
            self._after("kpi-values"),
        )

    def _review_fields(self, review: Review | None = None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "held_on",
                "Date",
                value=review.held_on.isoformat() if review else "today",
                required=True,
                placeholder="2026-11-20, today",
            ),
            FieldSpec(
                "kind",
                "Kind",
                "choice",
                value=(review.kind if review else MeetingKind.INTERNAL).value,
                choices=[(k.label, k.value) for k in MeetingKind],
                allow_blank_choice=False,
            ),
            FieldSpec("notes", "Notes", "multiline", value=review.notes if review else ""),
            FieldSpec(
                "decisions",
                "Decisions",
                "multiline",
                value=review.decisions if review else "",
                help="What changes in the plan because of this review.",
            ),
        ]

    def action_new_review(self) -> None:
        self.app.push_screen(
            FormScreen("Log a review", self._review_fields(), Edit(svc.add_review, self.account_id)),
            self._after("review-log"),
        )

    def _edit_review(self, review_id: int) -> None:
        with self.app.session() as s:
            review = svc.get_review(s, review_id)
        self.app.push_screen(
            FormScreen(
                "Edit review", self._review_fields(review), Edit(svc.update_review, review_id, seen=seen_of(review))
            ),
            self._after("review-log"),
        )

    def _meeting_fields(self, meeting: Meeting | None = None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "kind",
                "Meeting",
                "choice",
                value=meeting.kind.value if meeting else None,
                required=True,
                choices=[(f"{k.label}: {k.hint.lower()}", k.value) for k in MeetingKind],
            ),
            FieldSpec(
                "frequency",
                "Frequency",
                "choice",
                value=(meeting.frequency if meeting else Frequency.MONTHLY).value,
                choices=[(f.label, f.value) for f in Frequency],
                allow_blank_choice=False,
            ),
            FieldSpec(
                "attendees",
                "Attendees",
                value=meeting.attendees if meeting else "",
                placeholder="names, separated by commas",
            ),
            FieldSpec("agenda", "Standing agenda", "multiline", value=meeting.agenda if meeting else ""),
        ]

    def _new_meeting(self) -> None:
        self.app.push_screen(
            FormScreen("New standing meeting", self._meeting_fields(), Edit(svc.add_meeting, self.account_id)),
            self._after("meetings"),
        )

    def _edit_meeting(self, meeting_id: int) -> None:
        with self.app.session() as s:
            meeting = svc.get_meeting(s, meeting_id)
        self.app.push_screen(
            FormScreen(
                "Edit meeting",
                self._meeting_fields(meeting),
                Edit(svc.update_meeting, meeting_id, seen=seen_of(meeting)),
            ),
            self._after("meetings"),
        )

    def action_plan_dates(self) -> None:
        with self.app.session() as s:
            account = accounts.get_account(s, self.account_id)
        suggested = svc.suggested_plan_revision()
        fields = [
            FieldSpec(
                "review_cadence",
                "Review cadence",
                "choice",
                value=account.review_cadence.value,
                choices=[(c.label, c.value) for c in Cadence],
                allow_blank_choice=False,
                help="Weekly, monthly or quarterly, by team size, value and relationship.",
            ),
            FieldSpec(
                "last_review",
                "Last review",
                value=account.last_review.isoformat() if account.last_review else "",
                help="Logging a review moves this forward by itself.",
            ),
            FieldSpec(
                "next_plan_revision",
                "Next plan revision",
                value=account.next_plan_revision.isoformat() if account.next_plan_revision else "",
                placeholder=f"e.g. {suggested.isoformat()} (half a year from today)",
                help="Before budgeting, and six months later.",
            ),
        ]

        self.app.push_screen(
            FormScreen("Review rhythm", fields, Edit(accounts.update_account, self.account_id, seen=seen_of(account))),
            self._after(self._focused_table()),
        )

    def action_delete(self) -> None:
        table = self._focused_table()
        key = self._table(table).selected_key()
        if key is None:
            return
        item_id = int(key)
        fn: Callable[[Session, int], object]
        with self.app.session() as s:
            if table == "kpi-table":
                kpi = svc.get_kpi(s, item_id)
                n = len(svc.kpi_values(s, item_id))
                question, detail = f"Delete the KPI {kpi.name!r}?", f"Its {n} value{'s' if n != 1 else ''} go with it."
                fn = svc.delete_kpi
            elif table == "kpi-values":
                question, detail, fn = (
                    "Delete this KPI value?",
                    "The period's target and actual go.",
                    svc.delete_kpi_value,
                )
            elif table == "review-log":
                r = svc.get_review(s, item_id)
                question, detail = (
                    f"Delete the review of {r.held_on.isoformat()}?",
                    "Its notes and decisions go with it.",
                )
                fn = svc.delete_review
            else:
                m = svc.get_meeting(s, item_id)
                question, detail, fn = f"Delete the {m.kind.label.lower()} meeting?", "", svc.delete_meeting

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.delete(fn, item_id)
                self.reload()
            self._table(table).focus()

        self.app.push_screen(ConfirmScreen(question, detail), answered)


def _latest(values: list[KpiValue]) -> KpiValue | None:
    """The value a KPI's row shows, as a KpiValue (rules know no models: they type rows as Any)."""
    latest = svc.latest_value(values)
    return latest if isinstance(latest, KpiValue) else None


def _meeting_cells(due: MeetingDue, today: date) -> list[RenderableType]:
    """A standing meeting: when it last met (a logged meeting of its level or a
    review of its kind) and when the next is due, red once it is late."""
    late = due.is_due(today)
    next_due = due.next_due.isoformat() if due.next_due else "now: none held yet"
    m = due.meeting
    return [
        m.kind.label,
        m.frequency.label,
        due.last_held.isoformat() if due.last_held else "not yet",
        Text(next_due + (" (due)" if late and due.next_due else ""), style="bold red" if late else ""),
        _short(m.attendees),
    ]


def _short(text: str, width: int = 40) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[: width - 1] + "…"
