"""Closing the app however it is closed keeps what was typed: SIGTERM (a
shutdown, `kill`) and SIGHUP (the terminal window closed, an SSH connection
dropped) save the text being written, as autosave would a moment later, and
give the terminal back; leaving a screen or quitting while a failed save
still holds text asks first. Real processes on a real pseudo-terminal."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from kam_tui.services import accounts, business
from kam_tui.store.engine import new_session, open_database
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import ConfirmScreen
from tests.pseudo_terminal import PtySession

TYPED = "Budget freeze until Q3, says the CFO"


def business_text(path: Path) -> str:
    engine = open_database(path)
    try:
        with new_session(engine) as s:
            account = accounts.find_account(s, "Acme")
            return business.get_sections(s, account.id).get(business.BUSINESS_SECTIONS[0], "")
    finally:
        engine.dispose()


@pytest.fixture
def typing(db_path: Path):
    """The app on a real terminal with the business text of Acme being typed
    (less than a second ago: autosave has not run yet)."""
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Acme")
    engine.dispose()
    app = PtySession(["--db", str(db_path)])
    try:
        app.wait_for(b"Acme")
        mark = len(app.output)
        app.type("\r")
        app.wait_for(b"Stakeholders", since=mark)
        mark = len(app.output)
        app.type("3")
        app.wait_for(b"Strategy and goals", since=mark)
        app.type("e")
        app.read(0.5)
        app.type(TYPED, pause=0.01)
        yield app
    finally:
        app.close()


def test_sigterm_saves_the_text_being_typed_and_gives_the_terminal_back(typing, db_path):
    typing.signal(signal.SIGTERM)
    status = typing.wait()
    assert status == 128 + signal.SIGTERM, typing.output[-1500:]
    assert business_text(db_path) == TYPED
    shown = typing.output.decode(errors="replace")
    assert "Traceback" not in shown
    # the app's screen was left: the terminal is the user's again
    assert shown.rfind("\x1b[?1049l") > shown.rfind("\x1b[?1049h")


def test_a_closed_terminal_saves_the_text_being_typed(typing, db_path):
    typing.hang_up()
    typing.wait()
    assert business_text(db_path) == TYPED


async def test_leaving_or_quitting_with_text_a_failed_save_holds_asks_first(db_path, settle, open_workspace):
    from textual.widgets import TextArea

    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Acme")
    engine.dispose()
    app = KamApp(db_path=db_path, read_only=True)  # every save fails, saying why
    async with app.run_test(size=(120, 36)) as pilot:
        await open_workspace(app, pilot, 0)
        await pilot.press("3", "e", *"Not lost")
        await pilot.press("escape")  # done with the text: the save fails, the text stays
        await settle(app, pilot)
        await pilot.press("escape")  # back to the list?
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Strategy and goals" in app.screen.question
        await pilot.press("n")  # stay
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one(TextArea).text == "Not lost"
        await pilot.press("q")  # quit?
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and not app._exit
        await pilot.press("escape")  # no
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen) and not app._exit
        await pilot.press("q", "y")
        await settle(app, pilot)
        assert app._exit
    app.engine.dispose()
