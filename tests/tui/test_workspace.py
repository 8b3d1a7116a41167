"""The workspace container: sections one key away, focus follows the tab, and the
summary line under the header says where the account stands and who sponsors it."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.screen import Screen

from kam_tui.models import Account
from kam_tui.services import accounts, demo, stakeholders as sh, team
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.panes.team import TeamPane
from kam_tui.tui.screens.help import HelpScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen


def test_tab_order_starts_with_stakeholders_and_team():
    assert PANES[:2] == ["stakeholders:StakeholdersPane", "team:TeamPane"]


async def test_digits_brackets_and_escape(session, db_path):
    acct = accounts.create_account(session, "Nordbank", owner="Maria")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        ws = app.screen
        assert ws.active_tab == "tab-stakeholderspane"
        assert "Nordbank" in str(ws.query_one("#ws-summary").render()) and "Maria" in str(
            ws.query_one("#ws-summary").render()
        )
        # the keyboard is inside the section in view
        assert app.focused is not None and app.focused in ws.query_one(StakeholdersPane).query("*")
        await pilot.press("2")
        await pilot.pause()
        assert ws.active_tab == "tab-teampane"
        assert app.focused in ws.query_one(TeamPane).query("*")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert ws.active_tab == "tab-stakeholderspane"
        await pilot.press("left_square_bracket")  # wraps round to the last section
        await pilot.pause()
        assert ws.active_tab == ws.tab_ids[-1] == "tab-reviewspane"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert ws.active_tab == "tab-stakeholderspane"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WorkspaceScreen)


async def test_open_on_a_section_by_name(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for name in ("team", "TeamPane", "Team"):
            await app.push_screen(WorkspaceScreen(acct.id, section=name))
            await pilot.pause()
            assert app.screen.active_tab == "tab-teampane"
            await pilot.press("escape")
            await pilot.pause()


async def test_a_team_change_shows_on_the_stakeholder_tab(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    person = sh.create_stakeholder(session, acct.id, "Eva", influence="high", contact_strength="strong")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        pane = app.screen.query_one(StakeholdersPane)
        assert pane.warning_ids == [person.id]
        await pilot.press("2")
        await pilot.pause()
        # covered behind the app's back (e.g. from the CLI): the tab reloads when shown
        kim = team.create_member(session, acct.id, "Kim")
        sh.update_stakeholder(session, person.id, covered_by_id=kim.id)
        await pilot.press("1")
        await pilot.pause()
        assert pane.warning_ids == []


async def test_help_shows_the_sections_why(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        await pilot.press("m", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "The KAM knows every stakeholder" in text
        assert "Move warmer" in text and "Map" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Screen) and isinstance(app.screen, WorkspaceScreen)


async def test_section_titles_follow_the_section_and_a_click_opens_one(session, db_path):
    from kam_tui.tui.widgets.section_bar import SectionBar

    acct = accounts.create_account(session, "Nordbank")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        ws = app.screen
        bar = ws.query_one(SectionBar)
        # all ten do not fit on one line at 80 columns: five a line, every name whole
        assert bar.render_line(0).text.rstrip() == "▸1 Stakeholders  2 Team  3 Business  4 SWOT  5 History"
        assert bar.render_line(1).text.rstrip() == " 6 Opportunities  7 Whitespace  8 Questions  9 Goals  0 Reviews"
        await pilot.press("0")
        await pilot.pause()
        assert ws.active_tab == "tab-reviewspane" and bar.render_line(1).text.rstrip().endswith("▸0 Reviews")
        x = bar.render_line(1).text.index("9 Goals")
        await pilot.click(SectionBar, offset=(x + 1, 1))
        await pilot.pause()
        assert ws.active_tab == "tab-goalspane"
        assert app.focused is not None and app.focused in ws.active_pane().query("*")
    # wide enough: one line, the section in view underlined on the second
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        bar = app.screen.query_one(SectionBar)
        assert bar.render_line(0).text.startswith(" 1 Stakeholders  2 Team ") and "0 Reviews" in bar.render_line(0).text


async def test_header_shows_the_account_follows_its_title_and_opens_the_palette(session, db_path):
    from textual.command import CommandPalette

    from kam_tui.tui.widgets.header import KamHeader

    acct = accounts.create_account(session, "Nordbank")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        ws = app.screen
        header = ws.query_one(KamHeader)

        def line() -> str:
            return "".join(s.text for s in header.render_line(0))

        assert line().startswith(" ≡") and "Nordbank" in line()
        centre = line().index("Nordbank") + len("Nordbank") // 2
        assert abs(centre - 120 // 2) <= 6  # centred between the icon and the right edge
        accounts.update_account(session, acct.id, name="Nordbank Group")
        ws.refresh_summary()  # as coming back from a form does
        await pilot.pause()
        assert "Nordbank Group" in line()
        await pilot.click(KamHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def summary_text(app) -> str:
    return str(app.screen.query_one("#ws-summary").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_summary_line_sits_under_the_header_and_names_the_sponsor(demo_db, size, open_workspace):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        ws = await open_workspace(app, pilot, 2)  # Nordvik Bank
        line = ws.query_one("#ws-summary")
        header = ws.query_one("Header")
        assert line.display and line.visible
        # one line where it fits; at 80 columns it wraps onto a second rather than cut the sponsor
        assert line.region.height == (2 if size[0] == 80 else 1) and line.region.y == header.region.bottom
        assert line.region.width == size[0]
        text = summary_text(app)
        assert text.startswith(demo.BANK) and "sponsor Helena Strand" in text
        assert "stage 4 Execution" in text
        # nothing is drawn over it: the widget under its first cells is the line itself
        widget, _ = ws.get_widget_at(2, line.region.y)
        assert widget is line


async def test_summary_says_when_there_is_no_sponsor_and_follows_the_team_pane(
    demo_db, session, settle, open_workspace
):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_workspace(app, pilot, 0)  # Brightmart Stores has no sponsor
        assert "no executive sponsor" in summary_text(app)
        await pilot.press("2")  # the Team section
        await settle(app, pilot)
        await pilot.press("s")  # make the selected member the sponsor
        await settle(app, pilot)
        from kam_tui.services.team import executive_sponsor

        retail = session.exec(select(Account).where(Account.name == demo.RETAIL)).one()
        session.expire_all()
        sponsor = executive_sponsor(session, retail.id)
        assert sponsor is not None
        assert f"sponsor {sponsor.name}" in summary_text(app)
        await pilot.press("s")  # and withdraw it again
        await settle(app, pilot)
        assert "no executive sponsor" in summary_text(app)


async def test_summary_shows_an_account_name_with_brackets_as_typed(db_path, session, open_workspace):
    accounts.create_account(session, "[b]Acme[/b] & [red]Co")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_workspace(app, pilot, 0)
        assert summary_text(app).startswith("[b]Acme[/b] & [red]Co")
