"""The customer's business, edited in place: typed text reaches the database
when the user moves on, and nothing typed is lost on the way."""

from __future__ import annotations

from kam_tui.models import ProfileSection as P
from kam_tui.services import business
from kam_tui.services.accounts import create_account, delete_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.widgets.text_sections import TextSectionArea, TextSectionList, TextSectionsEditor


def digit(entry: str) -> str:
    return DIGITS[PANES.index(entry)]


async def open_business(app, pilot, account_id):
    app.push_screen(WorkspaceScreen(account_id))
    await pilot.pause()
    await pilot.press(digit("business:BusinessPane"))
    await pilot.pause()
    # the workspace hands the keyboard to the section list when the tab opens
    editor = app.screen.query_one("#business-editor", TextSectionsEditor)
    assert app.focused is editor.query_one(TextSectionList)
    return editor


def stored(engine_path, account_id):
    from kam_tui.db import new_session, open_database

    engine = open_database(engine_path)
    try:
        with new_session(engine) as s:
            return business.get_sections(s, account_id)
    finally:
        engine.dispose()


def option_texts(editor) -> list[str]:
    listing = editor.query_one(TextSectionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_typed_text_is_saved_on_escape_and_on_switching_section(db_path, session):
    acme = create_account(session, "Acme")
    business.set_section(session, acme.id, P.DECISION_PROCESS, "Board signs above 1M")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_business(app, pilot, acme.id)
        # the seven business sections, the filled one marked
        assert option_texts(editor) == [
            ("● " if s == P.DECISION_PROCESS else "○ ") + s.label for s in business.BUSINESS_SECTIONS
        ]
        area = editor.query_one(TextSectionArea)
        assert "strategy" in str(area.placeholder).lower()  # an empty section says what belongs there

        await pilot.press("j", "enter")  # Financial health, start writing
        await pilot.pause()
        assert app.focused is area
        await pilot.press(*"Thin q1")
        await pilot.press("escape")
        await pilot.pause()
        assert stored(db_path, acme.id)[P.FINANCIAL_HEALTH] == "Thin q1"
        assert "Saved" in str(editor._status.content)
        assert option_texts(editor)[1] == "● Financial health"
        assert editor.query_one(TextSectionList).border_title == "2 of 7 written"

        # type, then move to another section without leaving the text first
        await pilot.press("enter", *" ok")
        await pilot.pause()
        await pilot.click(TextSectionList, offset=(4, 3))  # Current initiatives
        await pilot.pause()
        assert editor.current == P.CURRENT_INITIATIVES
        assert stored(db_path, acme.id)[P.FINANCIAL_HEALTH] == "Thin q1 ok"
        # a click on a section opens it for writing; Esc, then back one
        assert app.focused is area and area.text == ""
        await pilot.press("escape", "k")
        await pilot.pause()
        assert area.text == "Thin q1 ok"


async def test_switching_tab_and_closing_the_app_lose_nothing(db_path, session):
    acme = create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_business(app, pilot, acme.id)
        await pilot.press("enter", *"Asia")
        # tab leaves the text: saved at once, no waiting for the pause timer
        await pilot.press("tab")
        await pilot.pause()
        assert stored(db_path, acme.id) == {P.STRATEGY_GOALS: "Asia"}
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is editor.query_one(TextSectionArea)
        await pilot.press(*" by 28")
        await pilot.pause()
        # the app closes with the text still in the editor
    assert stored(db_path, acme.id) == {P.STRATEGY_GOALS: "Asia by 28"}

    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_business(app, pilot, acme.id)
        assert editor.query_one(TextSectionArea).text == "Asia by 28"
        assert option_texts(editor)[0] == "● Strategy and goals"
        # clearing a section removes it
        await pilot.press("enter", "ctrl+a", "shift+end", "backspace", "escape")
        await pilot.pause()
    assert stored(db_path, acme.id) == {}


async def test_pause_in_typing_saves(db_path, session):
    acme = create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_business(app, pilot, acme.id)
        await pilot.press("enter", *"Flat org")
        await pilot.pause()
        assert "Editing" in str(editor._status.content)
        await pilot.pause(2.0)
        assert stored(db_path, acme.id) == {P.STRATEGY_GOALS: "Flat org"}
        assert app.focused is editor.query_one(TextSectionArea)


async def test_failed_save_keeps_the_text_and_says_why(db_path, session, engine):
    acme = create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_business(app, pilot, acme.id)
        await pilot.press("enter", *"Notes")
        # someone removes the account from under us (another window, the CLI)
        delete_account(session, acme.id)
        await pilot.press("escape")
        await pilot.pause()
        area = editor.query_one(TextSectionArea)
        assert area.text == "Notes"
        assert "Not saved" in str(editor._status.content) and "no account" in str(editor._status.content)
        assert option_texts(editor)[0].startswith("! ")
        # moving to another section and back still shows the unsaved text
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert area.text == "Notes"
