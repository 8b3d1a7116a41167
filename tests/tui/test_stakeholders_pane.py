"""The stakeholder pane driven by keys: table, map, org chart and coverage."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Static, Tree

from kam_tui.db import new_session
from kam_tui.export.snapshot import plan_for
from kam_tui.models import Attitude, ContactStrength, Influence, Stakeholder
from kam_tui.services import accounts, stakeholders as sh, team
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.stakeholder_map import StakeholderMap
from kam_tui.tui.widgets.virtual_table import VirtualTable


@asynccontextmanager
async def workspace(db_path, account_id, size=(120, 36)):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(WorkspaceScreen(account_id))
        await pilot.pause()
        yield app, pilot


async def tab_to(pilot, widget_id: str) -> None:
    """Press tab until the form field has the focus (the form may start on it)."""
    for _ in range(30):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"tab never reached #{widget_id}")


def fresh(engine, stakeholder_id: int) -> Stakeholder:
    with new_session(engine) as s:
        return s.get(Stakeholder, stakeholder_id)


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Nordbank")


async def test_add_a_stakeholder_through_the_form(engine, session, db_path, acct):
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # accepting with no name is refused under the field, nothing is saved
        await pilot.press("f2")
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#err-name", Static).render())
        await tab_to(pilot, "in-name")
        await pilot.press(*"Eva Holm")
        await tab_to(pilot, "in-title")
        await pilot.press(*"CFO")
        await tab_to(pilot, "in-last_contact")
        await pilot.press(*"31.2.2026")
        await pilot.press("f2")
        await pilot.pause()
        # a bad date keeps the form open with what was typed
        assert isinstance(app.screen, FormScreen)
        assert "not a date" in str(app.screen.query_one("#err-last_contact", Static).render())
        assert app.screen.query_one("#in-name", Input).value == "Eva Holm"
        assert sh.list_stakeholders(session, acct.id) == []
        field = app.screen.query_one("#in-last_contact", Input)
        field.focus()
        await pilot.press("ctrl+u", *"today", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        people = sh.list_stakeholders(session, acct.id)
        assert [(p.name, p.title, p.influence, p.attitude) for p in people] == [
            ("Eva Holm", "CFO", Influence.MEDIUM, Attitude.NEUTRAL)
        ]
        table = app.screen.query_one("#sh-table", VirtualTable)
        assert table.row_count == 1
        assert str(table.row_cells(0)[0]).startswith("Eva Holm")
        assert "Eva Holm" in table.render_line(1).text  # drawn, not only held


async def test_edit_and_delete_from_the_table(engine, session, db_path, acct):
    kim = team.create_member(session, acct.id, "Kim Berg")
    a = sh.create_stakeholder(session, acct.id, "Ann", influence="high")
    b = sh.create_stakeholder(session, acct.id, "Bo", influence="low", reports_to_id=a.id, covered_by_id=kim.id)
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("j")  # Ann is first (most influential), Bo second
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#in-name", Input).value == "Bo"
        await tab_to(pilot, "in-department")
        await pilot.press(*"Ops", "f2")
        await pilot.pause()
        got = fresh(engine, b.id)
        assert got.department == "Ops" and got.reports_to_id == a.id
        with new_session(engine) as s:
            assert sh.person_covers(s, b.id) == [kim.id]
        # delete Ann: asked first; n keeps her, y deletes and Bo loses his manager
        await pilot.press("k", "d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert fresh(engine, a.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert fresh(engine, a.id) is None
        assert fresh(engine, b.id).reports_to_id is None
        assert app.screen.query_one("#sh-table", VirtualTable).row_count == 1


async def test_move_a_person_on_the_map(engine, session, db_path, acct):
    eva = sh.create_stakeholder(session, acct.id, "Eva", influence="high", attitude="neutral")
    lars = sh.create_stakeholder(
        session, acct.id, "Lars", influence="high", attitude="champion", contact_strength="strong"
    )
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        grid = app.screen.query_one(StakeholderMap)
        assert app.focused is grid
        assert grid.selected_id == eva.id  # the first person in the table stays selected
        # arrows pick (plain h and l belong to the section: l logs a contact)
        await pilot.press("left")  # select left: Lars in Champion
        await pilot.pause()
        assert grid.selected_id == lars.id
        await pilot.press("right", "shift+right", "L")  # back to Eva, then two steps cooler
        await pilot.pause()
        got = fresh(engine, eva.id)
        assert (got.influence, got.attitude) == (Influence.HIGH, Attitude.BLOCKER)
        await pilot.press("L", "J", "shift+down", "J")  # clamped at Blocker and at Low
        await pilot.pause()
        got = fresh(engine, eva.id)
        assert (got.influence, got.attitude) == (Influence.LOW, Attitude.BLOCKER)
        assert [p.name for p in grid.cell(2, 4)] == ["Eva"]
        assert grid.selected_id == eva.id
        await pilot.press("K", "H")
        await pilot.pause()
        got = fresh(engine, eva.id)
        assert (got.influence, got.attitude) == (Influence.MEDIUM, Attitude.SKEPTIC)
        assert fresh(engine, lars.id).attitude == Attitude.CHAMPION
        # the table view shows the new place too
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one("#sh-table", VirtualTable)
        row = table.row_cells([p.id for p in table.rows].index(eva.id))
        assert str(row[4]) == "Medium" and str(row[5]) == "Skeptic"
        # the export's grid follows the map
        from kam_tui.export.stakeholders import render

        session.expire_all()
        exported = render(plan_for(session, acct))
        medium = next(
            ln for ln in exported.split("### Influence x attitude")[1].splitlines() if ln.startswith("| Medium |")
        )
        assert [c.strip() for c in medium.strip("|").split("|")][4] == "○ Eva"
        # enter on the map opens the selected person
        await pilot.press("m", "enter")
        await pilot.pause()
        assert app.screen.query_one("#in-name", Input).value == "Eva"


async def test_map_reads_at_80x24(engine, session, db_path, acct):
    sh.create_stakeholder(
        session, acct.id, "Eva Holmström-Lindqvist", influence="high", attitude="blocker", contact_strength="occasional"
    )
    sh.create_stakeholder(session, acct.id, "Lars Ek", influence="high", attitude="champion", contact_strength="strong")
    async with workspace(db_path, acct.id, size=(80, 24)) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        grid = app.screen.query_one(StakeholderMap)
        assert grid.size.width <= 80
        console = Console(width=grid.size.width, record=True, color_system=None)
        console.print(grid.render())
        text = console.export_text()
        assert max(len(ln) for ln in text.splitlines()) <= grid.size.width
        high = next(ln for ln in text.splitlines() if ln.startswith("│ High"))
        # the long name is shortened to fit its cell; champion left, blocker right
        assert "● Lars Ek" in high and "◑ Eva H." in high
        assert high.index("Lars") < high.index("Eva")
        # the whole grid is on screen without scrolling
        assert grid.region.bottom <= 24


async def test_org_chart_shows_the_reporting_chain(engine, session, db_path, acct):
    ceo = sh.create_stakeholder(session, acct.id, "Gustav", title="CEO")
    cio = sh.create_stakeholder(session, acct.id, "Lars", title="CIO", reports_to_id=ceo.id, attitude="champion")
    dev = sh.create_stakeholder(session, acct.id, "Mia", title="Developer", reports_to_id=cio.id)
    zed = sh.create_stakeholder(session, acct.id, "Zed", title="Consultant")
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("o")
        await pilot.pause()
        tree = app.screen.query_one("#sh-org", Tree)
        assert app.focused is tree
        roots = tree.root.children
        assert [n.data for n in roots] == [ceo.id, zed.id]
        lars = roots[0].children[0]
        assert lars.data == cio.id and "CIO" in str(lars.label) and "Champion" in str(lars.label)
        assert [n.data for n in lars.children] == [dev.id]
        # moving down the tree selects people; e edits the one under the cursor
        await pilot.press("j", "j")
        await pilot.pause()
        pane = app.screen.query_one(StakeholdersPane)
        assert pane.selected_id == dev.id
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#in-name", Input).value == "Mia"
        await pilot.press("escape", "k")  # back in the tree, up to Lars; enter opens him
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#in-name", Input).value == "Lars"


async def test_coverage_warning_jumps_to_the_person(engine, session, db_path, acct):
    kim = team.create_member(session, acct.id, "Kim")
    sh.create_stakeholder(
        session,
        acct.id,
        "Ann Ally",
        influence="high",
        attitude="champion",
        contact_strength="strong",
        covered_by_id=kim.id,
    )
    blocker = sh.create_stakeholder(
        session,
        acct.id,
        "Bert Block",
        influence="high",
        attitude="blocker",
        contact_strength="strong",
        covered_by_id=kim.id,
    )
    loner = sh.create_stakeholder(
        session, acct.id, "Lena Alone", influence="high", attitude="supporter", contact_strength="regular"
    )
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        warnings = app.screen.query_one("#sh-warnings", DataTable)
        assert app.focused is warnings
        rows = [[str(c) for c in warnings.get_row_at(i)] for i in range(warnings.row_count)]
        assert rows[0][:2] == ["Bert Block", "Derail risk"] and "blocker" in rows[0][2]
        assert rows[1][:2] == ["Lena Alone", "Not covered"]
        assert len(rows) == 2
        await pilot.press("j", "enter")
        await pilot.pause()
        pane = app.screen.query_one(StakeholdersPane)
        table = app.screen.query_one("#sh-table", VirtualTable)
        assert pane.view == "table" and app.focused is table
        assert pane.selected_id == loner.id
        assert table.current_row.id == loner.id
        assert "Lena Alone" in str(app.screen.query_one("#sh-detail", Static).render())
        # the map keeps the same person selected
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one(StakeholderMap).selected_id == loner.id
        # the coverage table lists who covers whom
        await pilot.press("c")
        await pilot.pause()
        cover = app.screen.query_one("#sh-cover", DataTable)
        assert str(cover.get_row(str(blocker.id))[4]) == "Kim"
        assert str(cover.get_row(str(loner.id))[4]) == "nobody"


async def test_view_keys_and_empty_state(engine, session, db_path, acct):
    async with workspace(db_path, acct.id, size=(80, 24)) as (app, pilot):
        pane = app.screen.query_one(StakeholdersPane)
        assert "No stakeholders yet" in str(app.screen.query_one("#sh-detail", Static).render())
        seen = []
        for _ in range(5):
            await pilot.press("v")
            await pilot.pause()
            seen.append(pane.view)
        assert seen == ["map", "org", "coverage", "log", "table"]
        await pilot.press("e", "d", "l", "a", "m", "H")  # nothing to edit, delete, log or move: no error
        await pilot.pause()
        assert pane.view == "map" and not isinstance(app.screen, FormScreen)
        assert "press n to add" in str(app.screen.query_one("#sh-map-legend", Static).render())
        await pilot.press("n")
        await pilot.pause()
        await tab_to(pilot, "in-name")
        await pilot.press(*"Solo", "f2")
        await pilot.pause()
        # added from the map view: the map shows them, with the contact legend
        assert [p.name for p in app.screen.query_one(StakeholderMap).cell(1, 2)] == ["Solo"]
        assert ContactStrength.NONE.label in str(app.screen.query_one("#sh-map-legend", Static).render())


async def test_slash_filters_the_table(engine, session, db_path, acct):
    sh.create_stakeholder(session, acct.id, "Eva Holmström", title="CFO", department="Finance")
    sh.create_stakeholder(session, acct.id, "Lars Ek", title="CIO", department="Group IT")
    sh.create_stakeholder(session, acct.id, "Mia Wong", title="Developer", department="Group IT")
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("m", "slash")
        await pilot.pause()
        pane = app.screen.query_one(StakeholdersPane)
        table = app.screen.query_one("#sh-table", VirtualTable)
        assert pane.view == "table" and app.focused.id == "sh-filter"
        await pilot.press(*"group it")
        await pilot.pause()
        assert table.row_count == 2
        assert "2 of 3 people" in str(app.screen.query_one("#sh-viewbar", Static).render())
        await pilot.press(*" dev", "enter")
        await pilot.pause()
        assert app.focused is table and table.row_count == 1
        assert str(table.row_cells(0)[0]).startswith("Mia Wong")
        await pilot.press("slash", "ctrl+u", *"holmstrom")  # accents do not matter
        await pilot.pause()
        assert table.row_count == 1 and str(table.row_cells(0)[0]).startswith("Eva")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is table and table.row_count == 3
        assert isinstance(app.screen, WorkspaceScreen)  # Esc cleared the filter, it did not leave


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_click_selects_on_the_map(engine, session, db_path, acct, size):
    sh.create_stakeholder(session, acct.id, "Ann", influence="high", attitude="champion")
    bo = sh.create_stakeholder(session, acct.id, "Bo", influence="low", attitude="blocker")
    cy = sh.create_stakeholder(session, acct.id, "Cy", influence="low", attitude="blocker")
    async with workspace(db_path, acct.id, size=size) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        grid = app.screen.query_one(StakeholderMap)
        console = Console(width=grid.size.width, record=True, color_system=None)
        console.print(grid.render())
        lines = console.export_text().splitlines()
        y = next(i for i, ln in enumerate(lines) if "Cy" in ln)
        x = lines[y].index("Cy")
        assert grid.person_at(x, y).id == cy.id and grid.person_at(x, y - 1).id == bo.id
        await pilot.click(StakeholderMap, offset=(x, y))
        await pilot.pause()
        assert grid.selected_id == cy.id
        assert app.screen.query_one(StakeholdersPane).selected_id == cy.id


async def test_crowded_map_scrolls_to_the_selected_person(engine, session, db_path, acct):
    for n in range(14):
        sh.create_stakeholder(session, acct.id, f"Person {n:02}", influence="low", attitude="neutral")
    async with workspace(db_path, acct.id, size=(80, 24)) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        grid = app.screen.query_one(StakeholderMap)
        view = app.screen.query_one("#sh-view-map")
        assert grid.outer_size.height > view.size.height  # taller than the view
        await pilot.press(*["j"] * 13)
        await pilot.pause()
        last = grid.cell(2, 2)[-1]
        assert grid.selected_id == last.id
        line = grid.line_of(last.id)
        assert view.scroll_y <= line < view.scroll_y + view.size.height


async def test_reports_to_choices_exclude_loops(engine, session, db_path, acct):
    from textual.widgets import Select

    a = sh.create_stakeholder(session, acct.id, "Ann", influence="high")
    b = sh.create_stakeholder(session, acct.id, "Bo", influence="medium", reports_to_id=a.id)
    c = sh.create_stakeholder(session, acct.id, "Cy", influence="low", reports_to_id=b.id)
    other = sh.create_stakeholder(session, acct.id, "Dan", influence="low")
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("e")  # Ann, the top of the chain
        await pilot.pause()
        select = app.screen.query_one("#in-reports_to_id", Select)
        values = [value for _, value in select._options]
        assert a.id not in values and b.id not in values and c.id not in values
        assert other.id in values and "" in values


async def test_email_and_phone_are_typed_into_the_form_and_shown(engine, session, db_path, acct):
    person = sh.create_stakeholder(session, acct.id, "Eva Holm", title="CFO")
    async with workspace(db_path, acct.id, size=(200, 40)) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await tab_to(pilot, "in-email")
        await pilot.press(*"eva@nordbank.example")
        await tab_to(pilot, "in-phone")
        await pilot.press(*"+46 8 123")
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        got = fresh(engine, person.id)
        assert (got.email, got.phone) == ("eva@nordbank.example", "+46 8 123")
        detail = str(app.screen.query_one("#sh-detail", Static).render())
        assert "eva@nordbank.example" in detail and "+46 8 123" in detail
        table = app.screen.query_one("#sh-table", VirtualTable)
        assert "eva@nordbank.example" in table.render_line(1).text  # a wide screen has room for it


async def test_covered_by_is_picked_from_the_people_kam_knows(engine, session, db_path, acct):
    team.create_member(session, acct.id, "Kim Berg")
    accounts.create_account(session, "Elsewhere", owner="Åsa Lind")  # known from another account
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await tab_to(pilot, "in-name")
        await pilot.press(*"Eva Holm")
        await tab_to(pilot, "in-covered_by")
        await pilot.press(*"asa", "down", "enter")  # accents and case ignored; the known spelling taken
        await pilot.pause()
        assert app.screen.query_one("#in-covered_by", Input).value == "Åsa Lind"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    members = {m.name: m.id for m in team.list_members(session, acct.id)}
    assert set(members) == {"Kim Berg", "Åsa Lind"}  # she joined the account's team
    (eva,) = sh.list_stakeholders(session, acct.id)
    assert sh.person_covers(session, eva.id) == [members["Åsa Lind"]]
