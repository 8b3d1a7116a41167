"""Stakeholders: the customer's people in five views of one list.

t table (every field) · m map (influence x attitude, and what changed since
the last review) · o org chart (reports to) · c coverage (who covers whom, how
fresh our contact is, and the warnings) · i contact log (the account's
timeline). `v` steps through them. One person stays selected across the
views; n/e/d work in every view (in the log on the logged contact), `l` logs a
contact with the selected person in every view.

Speed: an account may hold 200 people. The table draws only the rows
in sight (VirtualTable), and the map, org chart and coverage views are built,
and read their data, the first time they are looked at: opening the account
pays for the table alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode, NoScreen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Static, Tree
from textual.widgets.data_table import RowDoesNotExist
from textual.widgets.tree import TreeNode

from kam_tui import clock
from kam_tui.models import Attitude, BuyingRole, ContactStrength, Influence, Stakeholder
from kam_tui.rules.contacts import ContactState
from kam_tui.rules.coverage import DUE_MARK, CoverageWarning, cover_names, primary_of
from kam_tui.rules.relationship_changes import RelationshipMove, moved_people
from kam_tui.services.coverage import CoverageRow, PeopleFacts
from kam_tui.services.stakeholders import StakeholderRow
from kam_tui.store.conflicts import seen_of
from kam_tui.text import counted
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import id_of
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.fast_tree import FastTree
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.plain_table import PlainTable
from kam_tui.tui.widgets.stakeholder_map import ATTITUDE_STYLE, MapPerson, StakeholderMap
from kam_tui.tui.widgets.virtual_table import VirtualColumn, VirtualTable

VIEWS = ("table", "map", "org", "coverage", "log")
VIEW_TITLES = {"table": "Table", "map": "Map", "org": "Org chart", "coverage": "Coverage", "log": "Contact log"}
VIEW_KEYS = {"table": "t", "map": "m", "org": "o", "coverage": "c", "log": "i"}
VIEW_WIDGETS = {
    "table": "sh-table",
    "map": "sh-view-map",
    "org": "sh-org",
    "coverage": "sh-view-coverage",
    "log": "sh-view-log",
}
FOCUS_WIDGETS = {"table": "#sh-table", "map": "#sh-map", "org": "#sh-org", "coverage": "#sh-warnings", "log": "#sh-log"}

TABLE_COLUMNS = (
    "Name",
    "Title",
    "Department",
    "Buying role",
    "Influence",
    "Attitude",
    "Contact",
    "Covered by",
    "Reports to",
    "Last contact",
    "Email",
    "Phone",
    "Notes",
)
# widest a column grows to fit its longest value, and which columns a narrow
# screen hides first (lowest priority); Notes takes what is left (at least 12)
COLUMN_CAPS = (28, 20, 18, 16, 9, 10, 10, 18, 20, 12, 26, 16, 12)
COLUMN_PRIORITY = (100, 70, 40, 50, 90, 90, 60, 80, 30, 20, 15, 10, 0)
# the method's words and dates read wrong when cut: those columns keep their width
WHOLE = {"Influence", "Attitude", "Contact", "Last contact"}


class PeopleTable(VirtualTable):
    """The stakeholder table: one row per person, only the rows in sight drawn."""


class _Table(PlainTable):
    """The coverage view's tables (the warnings, who covers whom) and the contact log."""


class _FilterInput(Input):
    """The table's filter line: Esc clears it and hands the keys back to the table."""

    BINDINGS = [Binding("escape", "clear", "Clear filter", id="stakeholders.filter.clear")]

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Submitted(self, self.value))


def _one_line(text: str, width: int = 40) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[: width - 1] + "…"


class StakeholdersPane(Pane):
    TAB_TITLE = "Stakeholders"
    HELP = (
        "Everyone at the customer who matters to the plan: their part in the buying "
        "decision, how much they sway it, how friendly they are, how well we know them, "
        "and who on our team builds that relationship. The KAM knows every stakeholder "
        "and makes sure the right colleague covers each one.\n"
        "Views: t table · m map · o org chart · c coverage · i contact log (v steps "
        "through them); / filters the table.\n"
        "l logs a contact (a meeting, call, email, visit or event) with the selected "
        "person, from every view; their last contact follows the log. Each person has a "
        "contact rhythm (by influence, R sets the defaults, e the person's own): "
        f"{DUE_MARK} marks whoever is past it.\n"
        "On the map, arrows or j/k pick a person; shift+arrows or H/J/K/L move them "
        "(K/J: more/less influence, H/L: warmer/cooler). Moves are saved at once and kept "
        "with their date: △ marks who moved since the last review, s picks another date.\n"
        "Coverage lists the people to worry about: skeptics and blockers of influence, high "
        "influence with nobody covering them, out of touch or barely known, and the KAM "
        "covering too many people personally. Enter jumps to the person.\n"
        "In the contact log, e corrects a contact, d deletes it, p shows the selected "
        "person's only, and a makes its next step an action."
    )
    BINDINGS = [
        Binding("n", "new", "New", id="stakeholders.new"),
        Binding("e", "edit", "Edit", id="stakeholders.edit"),
        # tables and the tree answer enter themselves; this one serves the map
        Binding("enter", "edit", "Open", show=False, id="stakeholders.open"),
        Binding("d", "delete", "Delete", id="stakeholders.delete"),
        Binding("t", "view('table')", "Table", id="stakeholders.view_table"),
        Binding("m", "view('map')", "Map", id="stakeholders.view_map"),
        Binding("o", "view('org')", "Org", id="stakeholders.view_org"),
        Binding("c", "view('coverage')", "Coverage", id="stakeholders.view_coverage"),
        Binding("i", "view('log')", "Log", show=False, id="stakeholders.view_log"),
        Binding("l", "log_contact", "Log contact", id="stakeholders.log_contact"),
        Binding("a", "next_step_action", "Next step → action", show=False, id="stakeholders.next_step_action"),
        Binding("s", "changes_since", "Changes since", show=False, id="stakeholders.changes_since"),
        Binding("p", "log_person_only", "This person's log", show=False, id="stakeholders.log_person"),
        Binding("R", "rhythms", "Contact rhythms", show=False, id="stakeholders.rhythms"),
        Binding("v", "next_view", "Next view", show=False, id="stakeholders.next_view"),
        Binding("slash", "filter", "Filter", show=False, id="stakeholders.filter"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.view = "table"
        self.selected_id: int | None = None
        self.people: list[StakeholderRow] = []  # most influential first
        self.member_names: dict[int, str] = {}
        self.names: dict[int, str] = {}
        self.warnings: list = []
        self.warning_ids: list[int] = []
        # the views whose widgets exist, and those built but showing older data
        self._built: set[str] = {"table"}
        self._stale: set[str] = set()
        self.warnings_by_person: dict[int, list[str]] = {}
        self.filter_text = ""
        self.facts: PeopleFacts | None = None
        self.today = clock.today()
        # the map shows what changed since this day; None: since the last review
        self.since: date | None = None
        self.moves: list[RelationshipMove] = []
        self.log_person_only = False
        self.log_ids: list[int] = []  # the contact log's rows: logged contact ids
        self.log_people: dict[int, int] = {}  # logged contact id -> person id

    def compose(self) -> ComposeResult:
        yield Static("", id="sh-viewbar")
        yield _FilterInput(
            placeholder="Filter by name, title, department, role, attitude… (Enter keeps, Esc clears)", id="sh-filter"
        )
        with ContentSwitcher(initial="sh-table", id="sh-switcher"):
            yield PeopleTable(
                self._table_columns(), key=lambda p: p.id, id="sh-table", empty_text="No one matches the filter."
            )
        yield Static("", id="sh-detail")

    def _build_view(self, view: str) -> Widget:
        """The widgets of a view other than the table, made the first time it is shown."""
        if view == "map":
            # a plain Vertical (scrolls by CSS): a scroll container's arrow-key
            # bindings would crowd the map's own in the help and footer
            return Vertical(StakeholderMap(id="sh-map"), Static("", id="sh-map-legend"), id="sh-view-map")
        if view == "org":
            org: FastTree[int] = FastTree("Org chart", id="sh-org")
            org.auto_expand = False
            return org
        if view == "log":
            log = _Table(id="sh-log", cursor_type="row", zebra_stripes=True)
            # the note before who of ours: on a narrow screen it is what matters
            log.add_columns("Date", "Person", "Kind", "Note", "Next step", "With")
            return Vertical(Static("", id="sh-log-title", classes="sh-heading"), log, id="sh-view-log")
        warnings = _Table(id="sh-warnings", cursor_type="row")
        warnings.add_columns("Person", "Warning", "Why")
        cover = _Table(id="sh-cover", cursor_type="row", zebra_stripes=True)
        cover.add_columns("Person", "Influence", "Attitude", "Contact", "Covered by", "Last contact", "Days since")
        return Vertical(
            Static("Warnings: people who could derail the plan, and relationships to build", classes="sh-heading"),
            warnings,
            Static("Who on our team covers whom", classes="sh-heading"),
            cover,
            id="sh-view-coverage",
        )

    def _table_columns(self) -> list[VirtualColumn]:
        def name(p: StakeholderRow) -> Text:
            text = Text(p.name, style=ATTITUDE_STYLE[p.attitude])
            # the clock here too: a narrow screen leaves the last contact column out
            if self._is_due(p.id):
                text.append(" " + DUE_MARK, style="bold red")
            if p.id in self.warnings_by_person:
                text.append(" !", style="bold red")
            return text

        cells = (
            name,
            lambda p: p.title,
            lambda p: p.department,
            lambda p: p.buying_role.label if p.buying_role else "",
            lambda p: p.influence.label,
            lambda p: Text(p.attitude.label, style=ATTITUDE_STYLE[p.attitude]),
            lambda p: p.contact_strength.label,
            self._covered_cell,
            lambda p: self._name_of(p.reports_to_id),
            self._last_contact_cell,
            lambda p: p.email,
            lambda p: p.phone,
            lambda p: _one_line(p.notes),
        )
        return [
            VirtualColumn(
                label.casefold().replace(" ", "_"), label, len(label), cell, flex=label == "Notes", priority=priority
            )
            for label, cell, priority in zip(TABLE_COLUMNS, cells, COLUMN_PRIORITY)
        ]

    def _contact(self, person_id: int) -> ContactState | None:
        return self.facts.contacts.get(person_id) if self.facts else None

    def _is_due(self, person_id: int) -> bool:
        state = self._contact(person_id)
        return state is not None and state.is_due(self.today)

    def _covers(self, person_id: int) -> list[str]:
        return cover_names(self.facts.covers, person_id, self.member_names) if self.facts else []

    def _covered_cell(self, p: StakeholderRow) -> str:
        names = self._covers(p.id)
        if not names:
            return "—"
        return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")

    def _last_contact_cell(self, p: StakeholderRow) -> Text:
        state = self._contact(p.id)
        last = state.last if state else p.last_contact
        text = Text(last.isoformat() if last else "")
        if self._is_due(p.id):
            text.append((" " if last else "") + DUE_MARK, style="bold red")
        return text

    def _fit_columns(self, table: VirtualTable) -> None:
        """Each column as wide as its longest value (up to its cap), over everyone,
        so the columns do not jump while a filter narrows the rows."""
        for col, cap in zip(table.columns, COLUMN_CAPS):
            widest = len(col.label)
            for p in self.people:
                value = col.cell(p)
                widest = max(widest, len(value.plain if isinstance(value, Text) else value))
                if widest >= cap:
                    break
            col.width = max(len(col.label), min(widest, cap))
            if col.label in WHOLE:
                col.min_width = col.width

    def _view_widget_id(self, view: str) -> str:
        return VIEW_WIDGETS[view]

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        from kam_tui.services import coverage, stakeholders as sh

        self.today = clock.today()
        with self.app.session() as s:
            self.people = sh.stakeholder_rows(s, self.account_id)
            self.facts = coverage.people_facts(s, self.account_id, self.people)
        self.member_names = self.facts.member_names
        self.warnings = self.facts.warnings(self.people, self.today)
        self.names = {p.id: p.name for p in self.people}
        ids = [p.id for p in self.people]
        if self.selected_id not in ids:
            self.selected_id = ids[0] if ids else None
        self.warnings_by_person = {}
        for w in self.warnings:
            if w.stakeholder_id is not None:
                self.warnings_by_person.setdefault(w.stakeholder_id, []).append(w.kind_label)
        self.warning_ids = [w.stakeholder_id or 0 for w in self.warnings]
        self._fit_columns(self.query_one("#sh-table", VirtualTable))
        self._fill_table()
        # the other views built so far: the one in sight now, the rest when next shown
        self._stale = set(self._built) - {"table"}
        self._refresh_view(self.view)
        self._update_viewbar(len(self.warnings))
        self._update_detail()

    def _refresh_view(self, view: str) -> None:
        """Fill a built view with the data read last, if it has not been since."""
        if view not in self._stale:
            return
        self._stale.discard(view)
        if view == "map":
            self._read_moves()
            self._fill_map()
        elif view == "log":
            self._fill_log()
        elif view == "org":
            from kam_tui.services import stakeholders as sh

            with self.app.session() as s:
                roots, children = sh.org_forest(s, self.account_id)
            self._fill_org(roots, children)
        elif view == "coverage":
            from kam_tui.services import coverage

            with self.app.session() as s:
                rows = coverage.coverage_rows(s, self.account_id, self.today)
            self._fill_coverage(self.warnings, rows)

    def _name_of(self, stakeholder_id: int | None) -> str:
        return "" if stakeholder_id is None else self.names.get(stakeholder_id, "")

    def _member_name(self, member_id: int | None, nobody: str) -> str:
        return nobody if member_id is None else self.member_names.get(member_id, nobody)

    def _primary_name(self, person: StakeholderRow | None) -> str:
        """Who covers the person first, by name ("" nobody): the form's value."""
        if person is None or self.facts is None:
            return ""
        return self._member_name(primary_of(self.facts.covers, person.id), "")

    def _matches(self, p: StakeholderRow) -> bool:
        from kam_tui.text import fold_accents

        if not self.filter_text.strip():
            return True
        haystack = fold_accents(
            " ".join(
                [
                    p.name,
                    p.title,
                    p.department,
                    p.email,
                    p.buying_role.label if p.buying_role else "",
                    p.attitude.label,
                    p.influence.label,
                    " ".join(self._covers(p.id)),
                    p.notes,
                ]
            )
        )
        return all(word in haystack for word in fold_accents(self.filter_text).split())

    def _fill_table(self) -> None:
        table = self.query_one("#sh-table", VirtualTable)
        table.empty_text = (
            "No one matches the filter: Esc clears it."
            if self.people
            else "No stakeholders yet: press n to add the first person."
        )
        table.set_rows(list(filter(self._matches, self.people)), keep=self.selected_id)

    def _since(self) -> date | None:
        """The day the map's changes are shown from: the one picked, else the last review."""
        if self.since is not None:
            return self.since
        return self.facts.last_review if self.facts else None

    def _read_moves(self) -> None:
        from kam_tui.services import stakeholders as sh

        with self.app.session() as s:
            self.moves = sh.moves_since(s, self.account_id, self._since())

    def _fill_map(self) -> None:
        from kam_tui.services.coverage import contact_legend
        from kam_tui.tui.widgets.stakeholder_map import MOVED_MARK

        moved = moved_people(self.moves)
        people = [
            MapPerson(
                p.id, p.name, p.influence, p.attitude, p.contact_strength, p.title, self._is_due(p.id), p.id in moved
            )
            for p in self.people
        ]
        self.query_one("#sh-map", StakeholderMap).set_people(people, self.selected_id)
        if not people:
            self.query_one("#sh-map-legend", Static).update("No stakeholders yet: press n to add the first person.")
            return
        since = self._since()
        legend = Text(f"Contact: {contact_legend()}  {DUE_MARK} contact due  {MOVED_MARK} moved\n")
        legend.append(
            f"Changes since {since.isoformat()}" + (" (the last review)" if self.since is None else "")
            if since
            else "Changes (no review logged yet)",
            style="bold",
        )
        if self.moves:
            for move in self.moves:
                legend.append(f"\n  {move}")
        else:
            legend.append(": none")
        legend.append(
            "\narrows/jk select · shift+arrows or H J K L move the person (saved at once) · s changes since…",
            style="dim",
        )
        self.query_one("#sh-map-legend", Static).update(legend)

    def _fill_log(self) -> None:
        from kam_tui.services import interactions

        with self.app.session() as s:
            entries, ours = interactions.contact_log(s, self.account_id)
        person = self.selected_id if self.log_person_only else None
        shown = [e for e in entries if person is None or e.stakeholder_id == person]
        table = self.query_one("#sh-log", DataTable)
        keep = table.cursor_row
        table.clear()
        self.log_ids = [e.id for e in shown]
        self.log_people = {e.id: e.stakeholder_id for e in entries}
        for e in shown:
            step = e.next_step
            if step and e.next_step_due:
                step += f" (by {e.next_step_due.isoformat()})"
            if step and e.action_id is not None:
                step += " → action"
            table.add_row(
                e.happened_on.isoformat(),
                self._name_of(e.stakeholder_id),
                e.kind.label + (f" ({e.level.label.lower()})" if e.level else ""),
                _one_line(e.note, 40),
                _one_line(step, 36),
                ", ".join(self.member_names.get(m, "") for m in ours.get(e.id, [])),
                key=f"i{e.id}",
            )
        if shown:
            table.move_cursor(row=min(keep, len(shown) - 1), animate=False)
        who = f"{self._name_of(person)}'s contacts" if person is not None else "Every contact with the account"
        count = f"{len(shown)} logged" if shown else "none logged yet: l logs one"
        self.query_one("#sh-log-title", Static).update(
            Text(f"{who}, newest first · {count} · p {'everyone' if person else 'this person only'}")
        )

    def _fill_org(self, roots: list[Stakeholder], children: dict[int, list[Stakeholder]]) -> None:
        tree = self.query_one("#sh-org", Tree)
        tree.clear()
        tree.show_root = False
        target = None

        def label(p: Stakeholder) -> Text:
            text = Text(p.name, style="bold")
            if p.title:
                text.append(f"  {p.title}", style="dim")
            text.append(f"  {p.attitude.label}", style=ATTITUDE_STYLE[p.attitude] or "")
            text.append(f" · {p.influence.label} influence", style="dim")
            return text

        def add(node: TreeNode[int], person: Stakeholder, seen: set[int]) -> None:
            nonlocal target
            kids = [k for k in children.get(id_of(person), []) if id_of(k) not in seen]
            child = (
                node.add(label(person), data=person.id, expand=True)
                if kids
                else node.add_leaf(label(person), data=person.id)
            )
            if person.id == self.selected_id:
                target = child
            for kid in kids:
                add(child, kid, seen | {id_of(kid)})

        for root in roots:
            add(tree.root, root, {id_of(root)})
        tree.root.expand()
        if target is not None:
            self.call_after_refresh(tree.move_cursor, target)

    def _fill_coverage(self, warnings: list[CoverageWarning], rows: list[CoverageRow]) -> None:
        table = self.query_one("#sh-warnings", DataTable)
        table.clear()
        self.warning_ids = []
        for n, w in enumerate(warnings):
            style = "bold red" if w.kind == "derail" else "yellow"
            table.add_row(w.name, Text(w.kind_label, style=style), w.reason, key=f"w{n}")
            self.warning_ids.append(w.stakeholder_id or 0)
        if not warnings:
            table.add_row(
                "—",
                Text("None", style="green"),
                "every high-influence person is covered and in touch, nobody of influence is against us, "
                "and the relationships are spread over the team",
                key="none",
            )
        cover = self.query_one("#sh-cover", DataTable)
        cover.clear()
        for row in rows:
            p = row.person
            names = [m.name for m in row.covered_by]
            who = (
                Text(names[0] + (" (primary), " + ", ".join(names[1:]) if len(names) > 1 else ""))
                if names
                else Text("nobody", style="red" if row.warnings else "dim")
            )
            due = row.contact.is_due(self.today)
            since = row.contact.days_since(self.today)
            cover.add_row(
                p.name,
                p.influence.label,
                Text(p.attitude.label, style=ATTITUDE_STYLE[p.attitude]),
                p.contact_strength.label,
                who,
                Text(row.contact.last.isoformat() if row.contact.last else "never", style="bold red" if due else ""),
                Text(
                    ("—" if since is None else str(since)) + (f" {DUE_MARK}" if due else ""),
                    style="bold red" if due else "",
                ),
                key=str(p.id),
            )
        self._cursor_to(cover, self.selected_id)

    def _update_viewbar(self, warning_count: int) -> None:
        bar = Text()
        for view in VIEWS:
            label = f" {VIEW_KEYS[view]} {VIEW_TITLES[view]} "
            bar.append(label, style="reverse bold" if view == self.view else "")
            bar.append(" ")
        shown = sum(1 for p in self.people if self._matches(p))
        if self.filter_text.strip():
            bar.append(f"  {shown} of {counted(len(self.people), 'person', 'people')}", style="dim")
            bar.append(f" · filter: {self.filter_text.strip()}", style="italic")
        else:
            bar.append(f"  {counted(len(self.people), 'person', 'people')}", style="dim")
        if warning_count:
            bar.append(f" · {warning_count} warning{'s' if warning_count != 1 else ''}", style="bold red")
        self.query_one("#sh-viewbar", Static).update(bar)

    def _update_detail(self) -> None:
        p = next((x for x in self.people if x.id == self.selected_id), None)
        detail = self.query_one("#sh-detail", Static)
        if p is None:
            detail.update("No stakeholders yet. n adds a person; the method asks for everyone who matters.")
            return
        parts = [p.title, p.department, p.buying_role.label if p.buying_role else "", p.email, p.phone]
        if p.reports_to_id:
            parts.append(f"reports to {self._name_of(p.reports_to_id)}")
        text = Text(p.name, style="bold")
        for part in filter(None, parts):
            text.append(f" · {part}")
        text.append(f"\n{p.influence.label} influence · ")
        text.append(p.attitude.label, style=ATTITUDE_STYLE[p.attitude])
        text.append(f" · contact {p.contact_strength.label.lower()}")
        names = self._covers(p.id)
        covered = names[0] + (" (primary), " + ", ".join(names[1:]) if len(names) > 1 else "") if names else "nobody"
        text.append(f" · covered by {covered}")
        state = self._contact(p.id)
        if state is not None:
            text.append(f"\n{state.describe(self.today)[0].upper()}{state.describe(self.today)[1:]}")
            if state.due_on is not None:
                text.append(f" · next by {state.due_on.isoformat()}")
            if state.is_due(self.today):
                text.append(f" {DUE_MARK} due", style="bold red")
            text.append(" · l logs a contact", style="dim")
        if p.id in self.warnings_by_person:
            text.append("  ! " + ", ".join(self.warnings_by_person[p.id]), style="bold red")
        detail.update(text)

    @staticmethod
    def _cursor_to(table: DataTable, stakeholder_id: int | None) -> None:
        if stakeholder_id is None:
            return
        try:
            row = table.get_row_index(str(stakeholder_id))
        except RowDoesNotExist:  # the row is not in this table (e.g. the warnings list)
            return
        table.move_cursor(row=row, animate=False)

    def show_item(self, item: tuple[str, int]) -> None:
        """("person", id): that person selected in the table (Today's contact due)."""
        kind, item_id = item
        if kind == "person" and any(p.id == item_id for p in self.people):
            self.jump_to(item_id)
            return
        self.focus_default()

    def section_shown(self) -> None:
        """The workspace brought this tab into view: the team may have changed."""
        self.reload()

    # ------------------------------------------------------------ views

    def focus_default(self) -> None:
        """Give the keyboard to the view in sight (the workspace calls this)."""
        self._focus_now(self.query_one(FOCUS_WIDGETS[self.view]))

    def _focus_now(self, widget: Widget) -> None:
        # Widget.focus() waits a turn; keys typed fast after a view key would
        # land in the old view, so hand over the focus at once.
        try:
            self.screen.set_focus(widget)
        except NoScreen:  # not on a screen yet: it takes the focus when it is
            widget.focus()

    async def action_view(self, view: str) -> None:
        if view not in self._built:
            self._built.add(view)
            self._stale.add(view)
            await self.query_one("#sh-switcher", ContentSwitcher).mount(self._build_view(view))
        self._show_view(view)

    def _show_view(self, view: str) -> None:
        """Bring a built view into sight, showing the selected person."""
        self.view = view
        self._refresh_view(view)
        self.query_one("#sh-switcher", ContentSwitcher).current = self._view_widget_id(view)
        self._sync_selection()
        self._update_viewbar(len(self.warning_ids))
        self.focus_default()

    def action_filter(self) -> None:
        """`/`: narrow the table to the people whose details hold every word typed."""
        if self.view != "table":
            self._show_view("table")
        field = self.query_one("#sh-filter", Input)
        field.display = True
        self._focus_now(field)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "sh-filter":
            return
        event.stop()
        self.filter_text = event.value
        self._fill_table()
        self._update_viewbar(len(self.warning_ids))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "sh-filter":
            return
        event.stop()
        if not event.value.strip():
            event.input.display = False
        self.focus_default()

    async def action_next_view(self) -> None:
        await self.action_view(VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])

    def _sync_selection(self) -> None:
        """Show the selected person in the view now in sight."""
        if self.view == "table":
            self.query_one("#sh-table", VirtualTable).move_to_key(self.selected_id)
        elif self.view == "map":
            self.query_one("#sh-map", StakeholderMap).selected_id = self.selected_id
        elif self.view == "org":
            tree = self.query_one("#sh-org", Tree)
            node = self._tree_node(tree, self.selected_id)
            if node is not None:
                self.call_after_refresh(tree.move_cursor, node)
        elif self.view == "coverage":
            self._cursor_to(self.query_one("#sh-cover", DataTable), self.selected_id)

    @staticmethod
    def _tree_node(tree: Tree[int], stakeholder_id: int | None) -> TreeNode[int] | None:
        stack = list(tree.root.children)
        while stack:
            node = stack.pop()
            if node.data == stakeholder_id:
                return node
            stack.extend(node.children)
        return None

    def _in_view(self, widget: Widget) -> bool:
        view_id = self._view_widget_id(self.view)
        node: DOMNode | None = widget
        while node is not None and node is not self:
            if node.id == view_id:
                return True
            node = node.parent
        return False

    def _select(self, stakeholder_id: int | None) -> None:
        if stakeholder_id is not None and stakeholder_id != self.selected_id:
            self.selected_id = stakeholder_id
            self._update_detail()

    # ------------------------------------------------------------ events from the views

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not self._in_view(event.data_table) or event.row_key is None or event.row_key.value is None:
            return
        key = event.row_key.value
        if event.data_table.id == "sh-warnings":
            if key.startswith("w") and self.warning_ids[int(key[1:])]:
                self._select(self.warning_ids[int(key[1:])])
        elif event.data_table.id == "sh-log":
            self._select(self.log_people.get(int(key[1:])))
        else:
            self._select(int(key))

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        if self._in_view(event.table) and event.row is not None:
            self._select(event.row.id)

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        """A double click on a row opens the person, as enter does."""
        event.stop()
        if event.row is not None:
            self._select(event.row.id)
            self.action_edit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value or ""
        if event.data_table.id == "sh-log":
            self._edit_contact(int(key[1:]))
            return
        if event.data_table.id == "sh-warnings":
            if not key.startswith("w") or not self.warning_ids[int(key[1:])]:
                return  # "none", or a warning about the whole team
            target = self.warning_ids[int(key[1:])]
        else:
            target = int(key)
        self.jump_to(target)

    def jump_to(self, stakeholder_id: int) -> None:
        """From a warning or a coverage row to the person in the table."""
        self.selected_id = stakeholder_id
        self._show_view("table")
        self._update_detail()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if self._in_view(event.control) and event.node.data is not None:
            self._select(event.node.data)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        # enter opens the person, as everywhere else; space still folds a branch
        event.stop()
        if self._in_view(event.control) and event.node.data is not None:
            self._select(event.node.data)
            self.action_edit()

    def on_stakeholder_map_selected(self, event: StakeholderMap.Selected) -> None:
        event.stop()
        self._select(event.stakeholder_id)

    def on_stakeholder_map_move_requested(self, event: StakeholderMap.MoveRequested) -> None:
        from kam_tui.services import stakeholders as sh

        event.stop()
        if self.app.edit(sh.move, event.stakeholder_id, event.d_influence, event.d_attitude):
            self.selected_id = event.stakeholder_id
            self.reload()

    # ------------------------------------------------------------ editing

    # Optional choices carry an explicit "" option (the services read "" as none)
    # rather than the Select's blank, so the form never hands back a sentinel.
    def _fields(self, person: StakeholderRow | None) -> list[FieldSpec]:
        from kam_tui.services import stakeholders as sh

        with self.app.session() as s:
            from kam_tui.services import team
            from kam_tui.services.people import known_people

            members = team.list_members(s, self.account_id)
            # the account's team first, then everyone kam knows: picking a colleague adds them to the team
            people = known_people(s, self.account_id)
            blocked: set[int] = set()
            if person is not None:
                # the person and everyone under them cannot be their manager
                _, children = sh.org_forest(s, self.account_id)
                stack = [person.id]
                while stack:
                    pid = stack.pop()
                    blocked.add(pid)
                    stack.extend(id_of(k) for k in children.get(pid, []) if id_of(k) not in blocked)
        managers = [
            (f"{p.name}" + (f" ({p.title})" if p.title else ""), p.id)
            for p in sorted(self.people, key=lambda x: x.name.casefold())
            if p.id not in blocked
        ]
        member_choices = [(m.name + (f" ({m.title})" if m.title else ""), m.id) for m in members]
        p = person
        return [
            FieldSpec("name", "Name", value=p.name if p else "", required=True),
            FieldSpec("title", "Title", value=p.title if p else "", placeholder="e.g. CIO"),
            FieldSpec("department", "Department", value=p.department if p else ""),
            FieldSpec("email", "Email", value=p.email if p else ""),
            FieldSpec("phone", "Phone", value=p.phone if p else ""),
            FieldSpec(
                "buying_role",
                "Buying role",
                "choice",
                value=p.buying_role.value if p and p.buying_role else "",
                choices=[("(not known)", "")] + [(f"{r.label} - {r.hint}", r.value) for r in BuyingRole],
                allow_blank_choice=False,
                help="Their part in the buying decision",
            ),
            FieldSpec(
                "influence",
                "Influence",
                "choice",
                value=(p.influence if p else Influence.MEDIUM).value,
                choices=[(i.label, i.value) for i in reversed(list(Influence))],
                allow_blank_choice=False,
            ),
            FieldSpec(
                "attitude",
                "Attitude",
                "choice",
                value=(p.attitude if p else Attitude.NEUTRAL).value,
                choices=[(f"{a.label} - {a.hint}", a.value) for a in Attitude],
                allow_blank_choice=False,
            ),
            FieldSpec(
                "contact_strength",
                "Contact strength",
                "choice",
                value=(p.contact_strength if p else ContactStrength.NONE).value,
                choices=[(c.label + (f" - {c.hint}" if c.hint else ""), c.value) for c in ContactStrength],
                allow_blank_choice=False,
                help="How much contact we have had",
            ),
            FieldSpec(
                "covered_by",
                "Covered by (primary)",
                "person",
                value=self._primary_name(p),
                people=people,
                help="Who on our team builds this relationship; a colleague not on the team yet joins it "
                "(their roles: Team tab). Blank: nobody yet.",
            ),
            FieldSpec(
                "also_covered_by",
                "Also covered by",
                "multichoice",
                value=(self.facts.covers.get(p.id, [])[1:] if p and self.facts else []),
                choices=member_choices,
                help="Colleagues who know them too (space ticks a name)",
            ),
            FieldSpec(
                "reports_to_id",
                "Reports to",
                "choice",
                value=p.reports_to_id if p and p.reports_to_id else "",
                choices=[("(no one here)", "")] + managers,
                allow_blank_choice=False,
            ),
            FieldSpec(
                "last_contact",
                "Last contact before the log",
                value=p.last_contact.isoformat() if p and p.last_contact else "",
                placeholder="2026-10-01, 1.10.2026 or today",
                help="For history from before you logged contacts (l); a later logged contact wins",
            ),
            FieldSpec(
                "contact_rhythm_days",
                "Contact rhythm (days)",
                value=p.contact_rhythm_days if p and p.contact_rhythm_days else "",
                placeholder="blank: by influence (" + self._rhythm_hint() + ")",
                help="How many days may pass between contacts; 30, 6w or 2m",
            ),
            FieldSpec("notes", "Notes", "multiline", value=p.notes if p else ""),
        ]

    def _rhythm_hint(self) -> str:
        from kam_tui.services import contacts

        with self.app.session() as s:
            rhythms = contacts.rhythms(s)
        return ", ".join(f"{i.label.lower()} {rhythms[i]}" for i in reversed(list(Influence)))

    # ------------------------------------------------------------ the contact log

    def action_log_contact(self) -> None:
        """`l`: log a contact with the selected person, today's date already in the form."""
        from kam_tui.tui.screens.log_contact import log_contact_form

        person = self._selected_person()
        if person is None:
            self.app.notify("No one to log a contact with yet: n adds a stakeholder.", severity="warning")
            return
        self.app.push_screen(log_contact_form(self.app, person.id), callback=self._logged)

    def _logged(self, saved: object) -> None:
        if saved is not None:
            self.reload()
            self._sync_selection()
        self.focus_default()

    def _selected_contact(self) -> int | None:
        if self.view != "log" or not self.log_ids:
            return None
        table = self.query_one("#sh-log", DataTable)
        return self.log_ids[min(table.cursor_row, len(self.log_ids) - 1)]

    def _edit_contact(self, interaction_id: int) -> None:
        from kam_tui.tui.screens.log_contact import edit_contact_form

        self.app.push_screen(edit_contact_form(self.app, interaction_id), callback=self._logged)

    def _delete_contact(self, interaction_id: int) -> None:
        from kam_tui.services import interactions

        def answer(yes: bool | None) -> None:
            if yes and self.app.delete(interactions.delete_interaction, interaction_id):
                self.reload()
            self.focus_default()

        with self.app.session() as s:
            entry = interactions.get_interaction(s, interaction_id)
            what = f"the {entry.kind.label.lower()} of {entry.happened_on.isoformat()}"
        name = self._name_of(self.log_people.get(interaction_id))
        self.app.push_screen(
            ConfirmScreen(f"Delete {what} with {name}?", "Its note and next step go with it."), callback=answer
        )

    def action_log_person_only(self) -> None:
        """`p` in the contact log: the selected person's contacts only, or everyone's again."""
        if self.view != "log":
            return
        self.log_person_only = not self.log_person_only
        self._fill_log()

    def action_next_step_action(self) -> None:
        """`a`: the next step of the contact under the cursor (in the log), or of
        the selected person's latest contact with one, becomes an action."""
        from kam_tui.services import interactions

        target = self._selected_contact()
        if target is None and self.selected_id is not None:
            with self.app.session() as s:
                waiting = interactions.open_next_steps(interactions.person_log(s, self.selected_id))
            target = waiting[0].id if waiting else None
        if target is None:
            self.app.notify("No next step waiting: log a contact with one (l), or pick one in the log (i).")
            return
        done = self.app.edit(interactions.next_step_to_action, target)
        if done:
            self.app.notify(f"Added the action “{done.value.text}” to the relationship goal (Goals & actions).")
            self.reload()

    def action_changes_since(self) -> None:
        """`s`: show on the map what changed since another day."""

        def picked(values: dict[str, Any] | None) -> None:
            if values is not None:
                from kam_tui.errors import ValidationError
                from kam_tui.services.dates import parse_date

                try:
                    self.since = parse_date(values["since"], "since")
                except ValidationError as exc:
                    self.app.notify(str(exc), severity="error")
                    return
                self._stale.add("map")
                if self.view != "map":
                    self.call_later(self.action_view, "map")
                else:
                    self._refresh_view("map")
            self.focus_default()

        since = self._since()
        self.app.push_screen(
            FormScreen(
                "Show the changes since",
                [
                    FieldSpec(
                        "since",
                        "Since",
                        value=since.isoformat() if since else "",
                        placeholder="2026-09-01, -90d; blank: the last review",
                        help="Influence, attitude and contact changes on or after this day.",
                    )
                ],
                None,
                accept_label="Show",
            ),
            callback=picked,
        )

    def action_rhythms(self) -> None:
        """`R`: the contact rhythm per influence and the quarterback share, for every account."""
        from kam_tui.services import contacts

        with self.app.session() as s:
            rhythms = contacts.rhythms(s)
            share = contacts.quarterback_share(s)
        fields = [
            FieldSpec(
                i.value,
                f"{i.label} influence: days between contacts",
                value=str(rhythms[i]),
                required=True,
                placeholder="30, 6w or 2m",
            )
            for i in reversed(list(Influence))
        ]
        fields.append(
            FieldSpec(
                "quarterback_share",
                "The KAM covers at most (%)",
                value=format(share * 100, "f").rstrip("0").rstrip("."),
                required=True,
                help="The KAM is the quarterback: above this share of the people covered personally, "
                "coverage warns. The KAM is the team member named as the account's owner.",
            )
        )

        def done(saved: object) -> None:
            if saved is not None:
                self.reload()
            self.focus_default()

        self.app.push_screen(
            FormScreen(
                "Contact rhythms (every account)",
                fields,
                Edit(contacts.set_rhythms),
                intro="A person's own rhythm (e on the person) overrides these.",
            ),
            callback=done,
        )

    def action_new(self) -> None:
        from kam_tui.services import stakeholders as sh

        if self.view == "log":
            self.action_log_contact()
            return

        self.app.push_screen(
            FormScreen("New stakeholder", self._fields(None), Edit(sh.create_stakeholder, self.account_id)),
            callback=self._saved,
        )

    def _selected_person(self) -> StakeholderRow | None:
        return next((p for p in self.people if p.id == self.selected_id), None)

    def action_edit(self) -> None:
        from kam_tui.services import stakeholders as sh

        contact = self._selected_contact()
        if contact is not None:
            self._edit_contact(contact)
            return
        person = self._selected_person()
        if person is None:
            self.app.notify("No one to edit yet: n adds a stakeholder.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                f"Edit {person.name}",
                self._fields(person),
                Edit(sh.update_stakeholder, person.id, seen=seen_of(person)),
            ),
            callback=self._saved,
        )

    def _saved(self, saved: Stakeholder | None) -> None:
        if saved is not None:
            self.selected_id = saved.id
            self.reload()
            self._sync_selection()
        self.focus_default()

    def action_delete(self) -> None:
        from kam_tui.services import stakeholders as sh

        contact = self._selected_contact()
        if contact is not None:
            self._delete_contact(contact)
            return
        person = self._selected_person()
        if person is None:
            return
        reports = [p.name for p in self.people if p.reports_to_id == person.id]
        detail = "Their notes and place on the map go with them."
        if reports:
            detail += f" {', '.join(reports)} will no longer report to anyone."

        def answer(yes: bool | None) -> None:
            if not yes:
                self.focus_default()
                return
            if not self.app.delete(sh.delete_stakeholder, person.id):
                return
            index = [p.id for p in self.people].index(person.id)
            remaining = [p.id for p in self.people if p.id != person.id]
            self.selected_id = remaining[min(index, len(remaining) - 1)] if remaining else None
            self.reload()
            self._sync_selection()
            self.focus_default()

        self.app.push_screen(ConfirmScreen(f"Delete {person.name}?", detail), callback=answer)
