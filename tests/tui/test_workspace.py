"""The workspace container: sections one key away, focus follows the tab."""

from __future__ import annotations

from textual.screen import Screen

from kam_tui.services import accounts, stakeholders as sh, team
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
        assert bar.render_line(0).text.startswith(" 1 Stakeholders  2 Team ")
        await pilot.press("0")  # the last title is off the edge at 80 columns: the row slides
        await pilot.pause()
        assert ws.active_tab == "tab-reviewspane" and bar.render_line(0).text.rstrip().endswith("0 Reviews")
        x = bar.render_line(0).text.index("9 Goals")
        await pilot.click(SectionBar, offset=(x + 1, 0))
        await pilot.pause()
        assert ws.active_tab == "tab-goalspane"
        assert app.focused is not None and app.focused in ws.active_pane().query("*")


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

        assert line().startswith(" ⭘") and "Nordbank" in line()
        centre = line().index("Nordbank") + len("Nordbank") // 2
        assert abs(centre - 120 // 2) <= 6  # centred between the icon and the right edge
        accounts.update_account(session, acct.id, name="Nordbank Group")
        ws.refresh_summary()  # as coming back from a form does
        await pilot.pause()
        assert "Nordbank Group" in line()
        await pilot.click(KamHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
