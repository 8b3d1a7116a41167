"""On the demo data, driven by keys from the account list:
the map puts the blocker and the champion in their cells, the coverage warnings
name the right people, the SWOT comparison shows the change between the two
demo runs, and the export carries both grids as Markdown tables."""

from __future__ import annotations

import io

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from sqlmodel import select
from textual.widgets import DataTable, Static

from kam_tui.export.plan import render_plan
from kam_tui.models import Account, Attitude, Influence, Stakeholder
from kam_tui.services import demo, whitespace
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.stakeholder_map import StakeholderMap
from kam_tui.tui.widgets.swot_changes import SwotChanges


@pytest.fixture
def bank(session) -> Account:
    demo.seed_demo(session)
    return session.exec(select(Account).where(Account.name == demo.BANK)).one()


def person(session, account: Account, name: str) -> Stakeholder:
    return session.exec(select(Stakeholder).where(Stakeholder.account_id == account.id, Stakeholder.name == name)).one()


@pytest.fixture
def open_bank_from_the_list(settle):
    async def open_bank(app, pilot, bank: Account) -> WorkspaceScreen:
        """Filter the list to the bank and press enter, as a user does."""
        await settle(app, pilot)
        await pilot.press("slash", *"Nordvik", "enter")
        await settle(app, pilot)
        if not isinstance(app.screen, WorkspaceScreen):
            await pilot.press("enter")
            await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.account_id == bank.id
        return app.screen

    return open_bank


def map_cells(grid: StakeholderMap) -> dict[str, tuple[str, str]]:
    """Read the drawn map back: who is shown in which (influence, attitude) cell."""
    console = Console(width=grid.size.width, record=True, file=io.StringIO(), color_system=None)
    console.print(grid.render())
    lines = console.export_text().splitlines()
    header = next(ln for ln in lines if "Champion" in ln)
    heads = [c.strip() for c in header.split("│")[1:-1]]
    where: dict[str, tuple[str, str]] = {}
    row_label = ""
    for line in lines[lines.index(header) + 1 :]:
        if "│" not in line:
            continue
        cells = [c.strip() for c in line.split("│")[1:-1]]
        row_label = cells[0] or row_label
        for head, cell in zip(heads[1:], cells[1:]):
            if cell and cell != "·":
                # contact mark, name, then a due or moved mark and the title
                name = cell.split(" ", 1)[1].split(" · ", 1)[0].rstrip(" ◷△")
                where[name] = (row_label, head)
    return where


async def test_demo_map_shows_the_blocker_and_the_champion_in_their_cells(
    db_path, session, bank, settle, open_bank_from_the_list
):
    sofia, lars = person(session, bank, "Sofia Wallin"), person(session, bank, "Lars Nyström")
    assert (sofia.influence, sofia.attitude) == (Influence.HIGH, Attitude.BLOCKER)
    assert (lars.influence, lars.attitude) == (Influence.MEDIUM, Attitude.CHAMPION)
    for size in ((120, 36), (200, 50)):
        app = KamApp(db_path=db_path)
        async with app.run_test(size=size) as pilot:
            await open_bank_from_the_list(app, pilot, bank)
            await pilot.press("m")
            await settle(app, pilot)
            grid = app.screen.query_one(StakeholderMap)
            assert app.focused is grid
            drawn = map_cells(grid)
            assert drawn["Sofia Wallin"] == (Influence.HIGH.label, Attitude.BLOCKER.label), drawn
            assert drawn["Lars Nyström"] == (Influence.MEDIUM.label, Attitude.CHAMPION.label), drawn
            assert drawn["Karin Ek"] == (Influence.HIGH.label, Attitude.NEUTRAL.label)
            assert len(drawn) == 7  # everyone of the bank's seven people is on the map


async def test_demo_coverage_warnings_point_at_the_right_people_and_jump_to_them(
    db_path, session, bank, settle, open_bank_from_the_list
):
    karin, sofia = person(session, bank, "Karin Ek"), person(session, bank, "Sofia Wallin")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_bank_from_the_list(app, pilot, bank)
        await pilot.press("c")
        await settle(app, pilot)
        warnings = app.screen.query_one("#sh-warnings", DataTable)
        rows = [[str(c) for c in warnings.get_row_at(i)] for i in range(warnings.row_count)]
        # a skeptic of medium influence could derail the plan too; Sofia is past her
        # rhythm (high influence: every 30 days, last contact 60 days ago)
        assert [r[:2] for r in rows] == [
            ["Anders Falk", "Derail risk"],
            ["Sofia Wallin", "Derail risk"],
            ["Karin Ek", "Not covered"],
            ["Sofia Wallin", "Contact due"],
            ["Karin Ek", "Weak contact"],
            ["Sofia Wallin", "Weak contact"],
        ]
        assert "60 days ago" in rows[3][2]
        named = {r[0] for r in rows}
        assert "Lars Nyström" not in named and "Erik Sandberg" not in named  # covered, regular or better
        # enter on the third warning lands on Karin in the table
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        pane = app.screen.query_one(StakeholdersPane)
        assert pane.view == "table" and pane.selected_id == karin.id
        assert "Karin Ek" in str(app.screen.query_one("#sh-detail", Static).render())
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("k", "k", "k", "j", "enter")  # to the second warning: Sofia, derail risk
        await settle(app, pilot)
        assert pane.view == "table" and pane.selected_id == sofia.id


async def test_demo_swot_comparison_shows_what_changed_between_the_two_runs(
    db_path, session, bank, settle, open_bank_from_the_list
):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_bank_from_the_list(app, pilot, bank)
        await pilot.press("4")
        await settle(app, pilot)
        for _ in range(6):  # from the tab bar into the quadrants
            if app.focused is not None and (app.focused.id or "").startswith("swot-"):
                break
            await pilot.press("tab")
            await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        text = str(app.screen.query_one(SwotChanges).render())
    assert "Changes since" in text
    assert "+ SEK 1.2bn cost programme freezes new projects" in text
    assert "- Thin digital skills outside Group IT" in text
    assert "~ Digital banks taking mortgage share -> Digital banks taking mortgage and savings share" in text
    assert "6 unchanged" in text


def _tables(tokens) -> list[list[list[str]]]:
    """Each Markdown table as rows of cell texts."""
    out, rows, row = [], None, None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            rows = []
        elif tok.type == "table_close":
            out.append(rows)
            rows = None
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            rows.append(row)
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
    return out


def test_demo_export_has_the_stakeholder_grid_and_the_whitespace_grid_as_tables(session, bank):
    text = render_plan(session, bank)
    md = MarkdownIt("commonmark").enable("table")
    grid_md = text.split("### Influence x attitude", 1)[1].split("\n### ", 1)[0]
    grids = _tables(md.parse(grid_md))
    assert len(grids) == 1
    head, *body = grids[0]
    assert head[1:] == [a.label for a in Attitude]
    assert [r[0] for r in body] == [i.label for i in (Influence.HIGH, Influence.MEDIUM, Influence.LOW)]
    high = dict(zip(head, body[0]))
    medium = dict(zip(head, body[1]))
    assert "Sofia Wallin" in high[Attitude.BLOCKER.label]
    assert "Lars Nyström" in medium[Attitude.CHAMPION.label]

    ws_md = text.split("## Whitespace", 1)[1].split("\n## ", 1)[0]
    ws = _tables(md.parse(ws_md))
    assert ws, "no whitespace table"
    head, *body = ws[0]
    units = whitespace.list_units(session, bank.id)
    offerings = whitespace.list_offerings(session, bank.id)
    assert head[1:] == [o.name for o in offerings]
    assert [r[0] for r in body] == [u.name for u in units]
    assert all(len(r) == len(head) for r in body)
    for u_row, unit in zip(body, units):
        for cell, offering in zip(u_row[1:], offerings):
            status = whitespace.cell_status(session, unit.id, offering.id)
            assert cell == (status.label if status else ""), (unit.name, offering.name)
