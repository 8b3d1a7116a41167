"""The stakeholder map: influence (rows, High on top) by attitude (columns,
Champion to Blocker), each person in their cell and marked by how strong our
contact is, with a clock for a person whose contact is due and a triangle for
one whose place changed since the date the pane asks about. Arrow keys (and
j / k) move the selection between people; shift+arrows or H J K L move the
selected person across the grid. Plain h and l are left to the section (l logs
a contact, as everywhere in it).

The widget only draws and asks: a move is posted upward as `MoveRequested`, and
the pane sends it to the service (autosave) and hands back the new positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kam_tui.models import Attitude, ContactStrength, Influence
from kam_tui.services.coverage import CONTACT_MARK, DUE_MARK

MOVED_MARK = "△"

ROWS = [Influence.HIGH, Influence.MEDIUM, Influence.LOW]
COLS = list(Attitude)
HEAD_WIDTH = 6  # "Medium"
MAX_COL = 34  # wider cells only add blank space
TITLE_FROM = 22  # cells at least this wide show each person's title too

ATTITUDE_STYLE = {
    Attitude.CHAMPION: "bold green",
    Attitude.SUPPORTER: "green",
    Attitude.NEUTRAL: "",
    Attitude.SKEPTIC: "yellow",
    Attitude.BLOCKER: "bold red",
}


@dataclass(frozen=True)
class MapPerson:
    id: int
    name: str
    influence: Influence
    attitude: Attitude
    contact: ContactStrength
    title: str = ""
    due: bool = False  # past their contact rhythm
    moved: bool = False  # changed place since the date the changes are shown from


def fit_name(name: str, width: int) -> str:
    """The name, or 'A. Surname', or a cut with an ellipsis: whatever fits."""
    if len(name) <= width:
        return name
    parts = name.split()
    if len(parts) > 1:
        for short in (f"{parts[0]} {parts[-1][0]}.", f"{parts[0][0]}. {parts[-1]}"):
            if len(short) <= width:
                return short
    return name[: max(1, width - 1)] + "…"


class StakeholderMap(Widget, can_focus=True):
    BINDINGS = [
        Binding("up,k", "select('up')", "Select up", show=False, id="map.select_up"),
        Binding("down,j", "select('down')", "Select down", show=False, id="map.select_down"),
        Binding("left", "select('left')", "Select left", show=False, id="map.select_left"),
        Binding("right", "select('right')", "Select right", show=False, id="map.select_right"),
        Binding("shift+left,H", "move_person(0, -1)", "Move warmer", show=False, id="map.move_left"),
        Binding("shift+right,L", "move_person(0, 1)", "Move cooler", show=False, id="map.move_right"),
        Binding("shift+up,K", "move_person(1, 0)", "Move to more influence", show=False, id="map.move_up"),
        Binding("shift+down,J", "move_person(-1, 0)", "Move to less influence", show=False, id="map.move_down"),
    ]

    class Selected(Message):
        def __init__(self, stakeholder_id: int):
            super().__init__()
            self.stakeholder_id = stakeholder_id

    class MoveRequested(Message):
        def __init__(self, stakeholder_id: int, d_influence: int, d_attitude: int):
            super().__init__()
            self.stakeholder_id = stakeholder_id
            self.d_influence = d_influence
            self.d_attitude = d_attitude

    selected_id: reactive[int | None] = reactive(None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.people: list[MapPerson] = []

    # ------------------------------------------------------------ data

    def set_people(self, people: list[MapPerson], selected_id: int | None = None) -> None:
        self.people = people
        ids = {p.id for p in people}
        if selected_id in ids:
            self.selected_id = selected_id
        elif self.selected_id not in ids:
            self.selected_id = self._cells_flat()[0].id if people else None
        self.refresh(layout=True)

    def cell(self, row: int, col: int) -> list[MapPerson]:
        return sorted(
            (p for p in self.people if p.influence == ROWS[row] and p.attitude == COLS[col]),
            key=lambda p: (p.name.casefold(), p.id),
        )

    def _cells_flat(self) -> list[MapPerson]:
        return [p for r in range(len(ROWS)) for c in range(len(COLS)) for p in self.cell(r, c)]

    def position(self, stakeholder_id: int | None) -> tuple[int, int, int] | None:
        for r in range(len(ROWS)):
            for c in range(len(COLS)):
                for i, p in enumerate(self.cell(r, c)):
                    if p.id == stakeholder_id:
                        return r, c, i
        return None

    @property
    def selected(self) -> MapPerson | None:
        return next((p for p in self.people if p.id == self.selected_id), None)

    # ------------------------------------------------------------ keys

    def _neighbour(self, direction: str) -> MapPerson | None:
        pos = self.position(self.selected_id)
        if pos is None:
            return None
        r, c, i = pos
        here = self.cell(r, c)
        if direction == "up" and i > 0:
            return here[i - 1]
        if direction == "down" and i + 1 < len(here):
            return here[i + 1]
        best = None
        for rr in range(len(ROWS)):
            for cc in range(len(COLS)):
                people = self.cell(rr, cc)
                if not people:
                    continue
                dr, dc = rr - r, cc - c
                if direction in ("up", "down"):
                    if (dr < 0) != (direction == "up") or dr == 0:
                        continue
                    score = (dc != 0, abs(dr) + abs(dc))
                    pick = people[-1] if direction == "up" else people[0]
                else:
                    if (dc < 0) != (direction == "left") or dc == 0:
                        continue
                    score = (dr != 0, abs(dr) + abs(dc))
                    pick = people[min(i, len(people) - 1)] if dr == 0 else people[0]
                if best is None or score < best[0]:
                    best = (score, pick)
        return best[1] if best else None

    def action_select(self, direction: str) -> None:
        target = self._neighbour(direction)
        if target is not None:
            self.selected_id = target.id
            self.post_message(self.Selected(target.id))

    def action_move_person(self, d_influence: int, d_attitude: int) -> None:
        if self.selected_id is not None:
            self.post_message(self.MoveRequested(self.selected_id, d_influence, d_attitude))

    def line_of(self, stakeholder_id: int | None) -> int | None:
        """The line the person is drawn on (the inverse of person_at)."""
        pos = self.position(stakeholder_id)
        if pos is None:
            return None
        r, _, i = pos
        top = 3
        for rr in range(r):
            top += max([1] + [len(self.cell(rr, c)) for c in range(len(COLS))]) + 1
        return top + i

    def watch_selected_id(self) -> None:
        self.refresh()
        line = self.line_of(self.selected_id)
        # a crowded map is taller than the view: keep the selected person in sight
        parent = self.parent
        if line is not None and isinstance(parent, Widget) and parent.is_scrollable:
            self.call_after_refresh(parent.scroll_to_region, Region(0, line - 1, 1, 3), animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------ mouse

    def person_at(self, x: int, y: int) -> MapPerson | None:
        """Who is drawn at (x, y) inside the widget, following render()'s layout:
        a rule, the header, a rule, then each row's lines followed by a rule."""
        col_w = self.column_width()
        x0 = HEAD_WIDTH + 4
        if x < x0:
            return None
        col, within = divmod(x - x0, col_w + 3)
        if col >= len(COLS) or within >= col_w + 2:
            return None
        top = 3
        for r in range(len(ROWS)):
            height = max([1] + [len(self.cell(r, c)) for c in range(len(COLS))])
            if top <= y < top + height:
                people = self.cell(r, col)
                return people[y - top] if y - top < len(people) else None
            top += height + 1
        return None

    def on_click(self, event: events.Click) -> None:
        person = self.person_at(event.x, event.y)
        if person is not None:
            self.selected_id = person.id
            self.post_message(self.Selected(person.id))

    # ------------------------------------------------------------ drawing

    def column_width(self) -> int:
        width = self.size.width or 80
        # every column has a rule and a space of padding each side; so has the head
        n = len(COLS)
        return max(5, min(MAX_COL, (width - HEAD_WIDTH - 4 - 3 * n) // n))

    def render(self) -> Table:
        col_w = self.column_width()
        table = Table(box=box.ROUNDED, show_lines=True, expand=False, padding=(0, 1), border_style="dim")
        table.add_column(Text("Infl.", style="bold"), width=HEAD_WIDTH, no_wrap=True)
        for att in COLS:
            head = att.label if len(att.label) <= col_w else att.label[: col_w - 1] + "."
            table.add_column(Text(head, style=ATTITUDE_STYLE[att] or "bold"), width=col_w, no_wrap=True)
        for r, inf in enumerate(ROWS):
            cells: list[Text] = [Text(inf.label, style="bold")]
            for c, att in enumerate(COLS):
                people = self.cell(r, c)
                if not people:
                    cells.append(Text("·", style="dim"))
                    continue
                text = Text()
                for n, p in enumerate(people):
                    if n:
                        text.append("\n")
                    marks = (DUE_MARK if p.due else "") + (MOVED_MARK if p.moved else "")
                    room_for_name = col_w - 2 - (len(marks) + 1 if marks else 0)
                    line = f"{CONTACT_MARK[p.contact]} {fit_name(p.name, room_for_name)}"
                    style = ATTITUDE_STYLE[att]
                    if p.id == self.selected_id:
                        style = "reverse bold" if self.has_focus else "underline bold"
                    text.append(line, style=style)
                    if marks:
                        text.append(" " + marks, style="bold red" if p.due else "bold cyan")
                        line += " " + marks
                    room = col_w - len(line) - 3
                    if col_w >= TITLE_FROM and p.title and room >= 4:
                        title = p.title if len(p.title) <= room else p.title[: room - 1] + "…"
                        text.append(f" · {title}", style="dim")
                cells.append(text)
            table.add_row(*cells)
        return table
