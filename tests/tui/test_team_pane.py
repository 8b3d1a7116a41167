"""The team pane driven by keys: members, roles, executive sponsor."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from textual.widgets import Checkbox, DataTable, Static

from kam_tui.models import TeamRole
from kam_tui.services import accounts, stakeholders as sh, team
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.team import TeamPane
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen


@asynccontextmanager
async def team_tab(db_path, account_id, size=(120, 36)):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(WorkspaceScreen(account_id))
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        yield app, pilot


async def tab_to(pilot, widget_id: str) -> None:
    for _ in range(40):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"tab never reached #{widget_id}")


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Nordbank")


async def test_add_member_with_roles(engine, session, db_path, acct):
    async with team_tab(db_path, acct.id) as (app, pilot):
        assert app.focused is app.screen.query_one("#team-members", DataTable)
        assert "No executive sponsor" in text_of(app, "#team-sponsor")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await tab_to(pilot, "in-name")
        await pilot.press(*"Kim Berg")
        await tab_to(pilot, "in-title")
        await pilot.press(*"Architect")
        await tab_to(pilot, "in-role_technical_expert")
        await pilot.press("space")
        await tab_to(pilot, "in-role_innovator")
        await pilot.press("space", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        [kim] = team.list_members(session, acct.id)
        assert (kim.name, kim.title) == ("Kim Berg", "Architect")
        assert team.member_roles(session, kim.id) == {TeamRole.TECHNICAL_EXPERT, TeamRole.INNOVATOR}
        roles = text_of(app, "#team-roles")
        assert "Roles covered: 2 of 6" in roles
        assert "Growth needs Project Manager, Result Driver" in roles


async def test_toggle_roles_with_r(engine, session, db_path, acct):
    team.create_member(session, acct.id, "Ann", roles=["relationship_leader"])
    bo = team.create_member(session, acct.id, "Bo", roles=["collaborator"])
    async with team_tab(db_path, acct.id) as (app, pilot):
        await pilot.press("j", "r")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#in-role_collaborator", Checkbox).value is True
        await tab_to(pilot, "in-role_collaborator")
        await pilot.press("space")  # untick
        await tab_to(pilot, "in-role_project_manager")
        await pilot.press("space")
        await tab_to(pilot, "in-role_result_driver")
        await pilot.press("space", "f2")
        await pilot.pause()
        assert team.member_roles(session, bo.id) == {TeamRole.PROJECT_MANAGER, TeamRole.RESULT_DRIVER}
        table = app.screen.query_one("#team-members", DataTable)
        row = table.get_row(str(bo.id))
        assert [str(c) for c in row[2:8]] == ["·", "·", "·", "●", "·", "●"]
        roles = text_of(app, "#team-roles")
        assert "Collaborator" in roles and "Growth needs Innovator" in roles


async def test_sponsor_key_sets_moves_and_withdraws(engine, session, db_path, acct):
    ann = team.create_member(session, acct.id, "Ann")
    bo = team.create_member(session, acct.id, "Bo")
    async with team_tab(db_path, acct.id) as (app, pilot):
        await pilot.press("s")
        await pilot.pause()
        assert team.executive_sponsor(session, acct.id).id == ann.id
        assert "Executive sponsor: Ann" in text_of(app, "#team-sponsor")
        await pilot.press("j", "s")
        await pilot.pause()
        assert team.executive_sponsor(session, acct.id).id == bo.id
        session.expire_all()
        assert [m.name for m in team.list_members(session, acct.id) if m.is_executive_sponsor] == ["Bo"]
        assert "Executive sponsor: Bo" in text_of(app, "#team-sponsor")
        await pilot.press("s")
        await pilot.pause()
        assert team.executive_sponsor(session, acct.id) is None
        assert "No executive sponsor" in text_of(app, "#team-sponsor")


async def test_edit_and_delete_member(engine, session, db_path, acct):
    kim = team.create_member(session, acct.id, "Kim", is_executive_sponsor=True)
    person = sh.create_stakeholder(session, acct.id, "Eva", covered_by_id=kim.id)
    async with team_tab(db_path, acct.id) as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await tab_to(pilot, "in-name")
        await pilot.press("ctrl+u", "f2")
        await pilot.pause()
        assert "required" in text_of(app, "#err-name")
        await pilot.press(*"Kim Berg", "f2")
        await pilot.pause()
        session.expire_all()
        assert team.get_member(session, kim.id).name == "Kim Berg"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Eva" in app.screen.detail and "no executive sponsor" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert team.list_members(session, acct.id) == []
        session.expire_all()
        assert sh.person_covers(session, person.id) == []
        # back on the stakeholder tab the person shows as not covered
        await pilot.press("1", "c")
        await pilot.pause()
        cover = app.screen.query_one("#sh-cover", DataTable)
        assert str(cover.get_row(str(person.id))[4]) == "nobody"


async def test_team_reads_at_80x24_and_200x50(engine, session, db_path, acct):
    team.create_member(session, acct.id, "Kim", roles=list(TeamRole))
    for size, wide in (((80, 24), False), ((200, 50), True)):
        async with team_tab(db_path, acct.id, size=size) as (app, pilot):
            body = app.screen.query_one("#team-body")
            assert body.has_class("wide") is wide
            side = app.screen.query_one("#team-side")
            assert side.region.bottom <= size[1] and side.region.right <= size[0]
            assert "All six roles are covered" in text_of(app, "#team-roles")
            assert isinstance(app.screen.query_one(TeamPane), TeamPane)
