"""The footer: one widget drawing the keys of the screen and the focused
section, with help and the palette at the right edge; a click presses a key."""

from __future__ import annotations

from kam_tui.services import accounts, stakeholders as sh
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.help import HelpScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.form import FormScreen


def footer_text(app) -> str:
    footer = app.screen.query_one(KamFooter)
    return "".join(footer.render_line(0).text)


async def test_footer_follows_the_focus_keeps_help_in_view_and_presses_a_clicked_key(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    sh.create_stakeholder(session, acct.id, "Eva Holm")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        line = footer_text(app)
        # by importance: quit and Today first, then what the section in view does
        assert line.startswith("q Quit T Today n New e Edit d Delete t Table")
        # the help and palette keys sit at the right edge even when the keys run long
        assert line.rstrip().endswith("? Help ▏^p palette") and len(line) == 80
        await pilot.press("9")  # Goals & actions: its own keys
        await pilot.pause()
        assert "n New goal" in footer_text(app) and "t Table" not in footer_text(app)
        await pilot.press("1")
        await pilot.pause()
        x = footer_text(app).index("n New")
        await pilot.click(KamFooter, offset=(x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "New stakeholder"
        await pilot.press("escape")
        await pilot.pause()
        # the help key is drawn right of the cut: a click there opens help
        x = footer_text(app).index("? Help")
        await pilot.click(KamFooter, offset=(x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
