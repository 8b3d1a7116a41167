"""Account team: our colleagues on the account, the six roles each holds, which
roles are still missing (growth needs all six), and the executive sponsor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Static

from kam_tui.models import TeamMember, TeamRole
from kam_tui.services import team
from kam_tui.store.conflicts import seen_of
from kam_tui.text import fold_accents
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import id_of
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.plain_table import PlainTable

ROLE_SHORT = {
    TeamRole.TECHNICAL_EXPERT: "Tech",
    TeamRole.RELATIONSHIP_LEADER: "Relat",
    TeamRole.COLLABORATOR: "Collab",
    TeamRole.PROJECT_MANAGER: "PM",
    TeamRole.INNOVATOR: "Innov",
    TeamRole.RESULT_DRIVER: "Result",
}
WIDE_AT = 120  # from this width the role panel sits beside the members


def _covers_text(names: list[str], width: int = 40) -> str:
    text = ", ".join(names)
    return text if len(text) <= width else text[: width - 1] + "…"


class _Table(PlainTable):
    """The members, one per row, with a mark for each role they hold."""


if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.rules.team import RoleCoverage


class TeamPane(Pane):
    TAB_TITLE = "Team"
    HELP = (
        "Our side of the account. Six roles should be covered, and one person often "
        "holds several: Technical Expert, Relationship Leader, Collaborator, Project "
        "Manager, Innovator, Result Driver. Most teams cover the first three; growth "
        "needs the last three too. Name one executive sponsor per account.\n"
        "n/e/d add, edit, delete a member · r roles · s make the selected member the "
        "executive sponsor (s again withdraws it)."
    )
    BINDINGS = [
        Binding("n", "new", "New", id="team.new"),
        Binding("e", "edit", "Edit", id="team.edit"),
        Binding("d", "delete", "Delete", id="team.delete"),
        Binding("r", "roles", "Roles", id="team.roles"),
        Binding("s", "sponsor", "Sponsor", id="team.sponsor"),
    ]

    class Changed(Message):
        """The team was read again: who sponsors the account may have changed."""

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.members: list[TeamMember] = []
        self.roles: dict[int, set[TeamRole]] = {}
        self.covers: dict[int, list[str]] = {}
        self.selected_id: int | None = None

    def compose(self) -> ComposeResult:
        with Container(id="team-body"):
            table = _Table(id="team-members", cursor_type="row", zebra_stripes=True)
            # the role marks come before the title so they fit at 80 columns
            table.add_column("Member", key="name")
            table.add_column("Exec", key="sponsor")
            for role in TeamRole:
                table.add_column(ROLE_SHORT[role], key=role.value)
            table.add_column("Title", key="title")
            table.add_column("Covers", key="covers")
            # the roles are what the table is for: never cut, never left out before the title
            table.column_priority = {
                "name": 100,
                "sponsor": 95,
                **{r.value: 90 for r in TeamRole},
                "title": 20,
                "covers": 10,
            }
            table.whole_columns = {"name"}
            yield table
            with VerticalScroll(id="team-side"):
                yield Static("", id="team-sponsor")
                yield Static("", id="team-roles")
        yield Static("", id="team-detail")

    def on_resize(self, event: Resize) -> None:
        self.query_one("#team-body").set_class(event.size.width >= WIDE_AT, "wide")

    def section_shown(self) -> None:
        """The workspace brought this tab into view: the team may have changed."""
        self.reload()

    def focus_default(self) -> None:
        self.query_one("#team-members").focus()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        from kam_tui.services import coverage

        with self.app.session() as s:
            self.members = team.list_members(s, self.account_id)
            self.roles = team.roles_by_member(s, self.account_id)
            cov = team.role_coverage(s, self.account_id)
            self.covers = {
                mid: [p.name for p in people] for mid, people in coverage.covered_by_member(s, self.account_id).items()
            }
        ids = [m.id for m in self.members]
        if self.selected_id not in ids:
            self.selected_id = ids[0] if ids else None
        table = self.query_one("#team-members", DataTable)
        table.clear()
        for m in self.members:
            held = self.roles.get(id_of(m), set())
            table.add_row(
                Text(m.name, style="bold" if m.is_executive_sponsor else ""),
                Text("★", style="bold yellow") if m.is_executive_sponsor else "",
                *[Text("●", style="green") if r in held else Text("·", style="dim") for r in TeamRole],
                m.title,
                _covers_text(self.covers.get(id_of(m), [])),
                key=str(m.id),
            )
        if self.selected_id is not None:
            table.move_cursor(row=ids.index(self.selected_id), animate=False)
        self._show_coverage(cov)
        self._update_detail()
        self.post_message(self.Changed())

    def _show_coverage(self, cov: RoleCoverage) -> None:
        sponsor = self.query_one("#team-sponsor", Static)
        if isinstance(cov.sponsor, TeamMember):
            sponsor.update(
                Text.assemble(
                    ("Executive sponsor: ", "bold"),
                    cov.sponsor.name,
                    (f", {cov.sponsor.title}" if cov.sponsor.title else "", "dim"),
                )
            )
            sponsor.remove_class("team-warning")
        else:
            how = "select a member and press s" if self.members else "add the member with n, then press s"
            sponsor.update(f"! No executive sponsor. Name one: {how}.")
            sponsor.add_class("team-warning")
        text = Text.assemble(("Roles covered: ", "bold"), f"{cov.covered_count} of {len(cov.roles)}\n")
        for rc in cov.roles:
            role = rc.role
            mark = ("✓ ", "green") if rc.covered else ("✗ ", "bold red" if role.is_growth_role else "yellow")
            text.append(*mark)
            text.append(f"{role.label:<21}", style="bold" if rc.covered else "")
            if rc.covered:
                text.append(", ".join(m.name for m in rc.members))
            else:
                text.append("nobody", style="dim")
            if role.is_growth_role:
                text.append("  growth", style="italic dim" if rc.covered else "italic red")
            text.append("\n")
        if cov.missing_growth:
            text.append("Growth needs ", style="bold red")
            text.append(", ".join(r.label for r in cov.missing_growth), style="bold red")
            text.append(": no one holds them yet.", style="bold red")
        elif not cov.missing:
            text.append("All six roles are covered.", style="green")
        else:
            text.append("Most teams cover the first three; growth needs the last three too.", style="dim")
        self.query_one("#team-roles", Static).update(text)

    def _update_detail(self) -> None:
        m = self._selected()
        detail = self.query_one("#team-detail", Static)
        if m is None:
            detail.update(
                "No team members yet. n adds a colleague; the KAM makes sure the right "
                "colleague builds each relationship."
            )
            return
        held = [r.label for r in TeamRole if r in self.roles.get(id_of(m), set())]
        covers = self.covers.get(id_of(m), [])
        text = Text(m.name, style="bold")
        if m.title:
            text.append(f" · {m.title}")
        text.append(" · roles: " + (", ".join(held) if held else "none yet (r)"))
        text.append("\ncovers: " + (", ".join(covers) if covers else "no stakeholders yet"), style="dim")
        if m.notes:
            text.append(" · " + " ".join(m.notes.split())[:80], style="dim")
        detail.update(text)

    def _selected(self) -> TeamMember | None:
        return next((m for m in self.members if m.id == self.selected_id), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.selected_id = int(event.row_key.value)
            self._update_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------ editing

    @staticmethod
    def _role_fields(held: set[TeamRole]) -> list[FieldSpec]:
        return [
            FieldSpec(
                f"role_{r.value}",
                r.label + (" (growth)" if r.is_growth_role else ""),
                "bool",
                value=r in held,
                help=r.hint,
            )
            for r in TeamRole
        ]

    @staticmethod
    def _roles_from(values: dict[str, Any]) -> list[TeamRole]:
        """The roles ticked in a form, taken out of its values."""
        return [r for r in TeamRole if values.pop(f"role_{r.value}", False)]

    def _add_member(self, s: Session, **values: Any) -> int | None:
        roles = self._roles_from(values)
        return team.create_member(s, self.account_id, roles=roles, **values).id

    def _update_member(self, s: Session, member_id: int, **values: Any) -> int:
        roles = self._roles_from(values)
        team.update_member(s, member_id, **values)
        team.set_roles(s, member_id, roles)
        return member_id

    def _set_roles(self, s: Session, member_id: int, **values: Any) -> int:
        team.set_roles(s, member_id, self._roles_from(values))
        return member_id

    def _member_fields(self, m: TeamMember | None) -> list[FieldSpec]:
        from kam_tui.services.people import known_people

        with self.app.session() as s:
            on_team = {fold_accents(x.name) for x in team.list_members(s, self.account_id)}
            # colleagues named elsewhere, not yet on this team
            people = [n for n in known_people(s) if fold_accents(n) not in on_team]
        return [
            FieldSpec("name", "Name", "person", value=m.name if m else "", required=True, people=people),
            FieldSpec("title", "Title", value=m.title if m else "", placeholder="e.g. Solution architect"),
            FieldSpec("notes", "Notes", "multiline", value=m.notes if m else ""),
        ] + self._role_fields(self.roles.get(id_of(m), set()) if m else set())

    def action_new(self) -> None:
        self.app.push_screen(
            FormScreen("New team member", self._member_fields(None), Edit(self._add_member)), callback=self._saved
        )

    def action_edit(self) -> None:
        m = self._selected()
        if m is None or m.id is None:
            self.app.notify("No one to edit yet: n adds a team member.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(f"Edit {m.name}", self._member_fields(m), Edit(self._update_member, m.id, seen=seen_of(m))),
            callback=self._saved,
        )

    def action_roles(self) -> None:
        m = self._selected()
        if m is None or m.id is None:
            self.app.notify("Add a team member first (n).", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                f"Roles of {m.name}",
                self._role_fields(self.roles.get(m.id, set())),
                Edit(self._set_roles, m.id),
                intro="Space ticks a role; one person often holds several.",
            ),
            callback=self._saved,
        )

    def action_sponsor(self) -> None:
        m = self._selected()
        if m is None or m.id is None:
            self.app.notify("Add a team member first (n).", severity="warning")
            return
        if m.is_executive_sponsor:
            if not self.app.edit(team.clear_executive_sponsor, self.account_id):
                return
            self.app.notify(f"{m.name} is no longer the executive sponsor.")
        else:
            if not self.app.edit(team.set_executive_sponsor, m.id):
                return
            self.app.notify(f"{m.name} is now the executive sponsor.")
        self.reload()

    def _saved(self, member_id: int | None) -> None:
        if member_id is not None:
            self.selected_id = member_id
            self.reload()
        self.focus_default()

    def action_delete(self) -> None:
        m = self._selected()
        if m is None or m.id is None:
            return
        member_id = m.id
        covers = self.covers.get(m.id, [])
        detail = "Their roles go with them."
        if covers:
            detail += f" They cover {', '.join(covers)}, who will show as not covered."
        if m.is_executive_sponsor:
            detail += " The account will have no executive sponsor."

        def answer(yes: bool | None) -> None:
            if yes:
                if not self.app.delete(team.delete_member, member_id):
                    return
                ids = [x.id for x in self.members]
                rest = [i for i in ids if i != member_id]
                self.selected_id = rest[min(ids.index(member_id), len(rest) - 1)] if rest else None
                self.reload()
            self.focus_default()

        self.app.push_screen(
            ConfirmScreen(f"Remove {m.name} from the team?", detail, yes_label="Remove"), callback=answer
        )
