"""Two people editing one item: the second save is refused, naming who saved
first and when; what the user typed stays on screen beside what the other
person saved, and saving again applies theirs over it on purpose. The other
person is a second engine on the same real file, as a colleague's kam is."""

from __future__ import annotations

import json
import re

import pytest

from kam_tui.models import Account, ProfileSection as P
from kam_tui.services import accounts, business
from kam_tui.store.engine import new_session, open_database
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.text_sections import TextSectionArea, TextSectionsEditor

REFUSED = re.compile(r"changed by Anna at \d\d:\d\d")


@pytest.fixture
def me(tmp_path):
    """The app's user is Bo (settings.json), so the database can tell the two apart."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"user": "Bo"}), encoding="utf-8")
    return path


@pytest.fixture
def anna(db_path):
    engine = open_database(db_path, user="Anna")
    yield engine
    engine.dispose()


def _account(engine, account_id) -> Account:
    with new_session(engine) as s:
        return s.get(Account, account_id)


def _text(app, selector) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_refused_form_keeps_what_was_typed_shows_theirs_and_f2_saves_it(db_path, session, anna, me, settle):
    acme = accounts.create_account(session, "Acme", industry="Retail")
    app = KamApp(db_path=db_path, settings_file=me)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")  # the account form, showing Acme as it is now
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # meanwhile Anna saves the same account from her kam
        with new_session(anna) as s:
            accounts.update_account(s, acme.id, industry="Mining", notes="Anna's notes")
        await pilot.press("tab", "end", *" and logistics", "f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "refused: the form stays open"
        assert REFUSED.search(_text(app, "#form-error"))
        assert app.screen.query_one("#in-industry").value == "Retail and logistics"
        # what Anna saved, beside the field she changed; nothing beside the ones she did not
        assert _text(app, "#theirs-industry") == "Anna saved: Mining"
        assert _text(app, "#theirs-notes") == "Anna saved: Anna's notes"
        assert not app.screen.query_one("#theirs-name").display
        assert _account(anna, acme.id).industry == "Mining"  # nothing of Bo's was written
        await pilot.press("f2")  # Bo has seen Anna's change and saves his over it
        await settle(app, pilot)
        assert not isinstance(app.screen, FormScreen)
    saved = _account(anna, acme.id)
    assert (saved.industry, saved.updated_by) == ("Retail and logistics", "Bo")
    assert saved.notes == ""  # the form's notes, as Bo left them, were saved over Anna's deliberately


def digit(entry: str) -> str:
    return DIGITS[PANES.index(entry)]


def _section(engine, account_id) -> str:
    with new_session(engine) as s:
        return business.get_section(s, account_id, P.STRATEGY_GOALS)


async def test_a_refused_autosave_keeps_the_text_shows_theirs_and_the_next_save_applies_it(db_path, session, anna, me):
    acme = accounts.create_account(session, "Acme")
    business.save_section(session, acme.id, P.STRATEGY_GOALS, "Grow in Asia", 0)
    app = KamApp(db_path=db_path, settings_file=me)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(WorkspaceScreen(acme.id))
        await pilot.pause()
        await pilot.press(digit("business:BusinessPane"))
        await pilot.pause()
        editor = app.screen.query_one("#business-editor", TextSectionsEditor)
        area = editor.query_one(TextSectionArea)
        await pilot.press("enter", *" by 2028")
        with new_session(anna) as s:  # Anna saves the same section first
            business.save_section(s, acme.id, P.STRATEGY_GOALS, "Grow in Japan", 1)
        await pilot.press("escape")  # leaving the text saves it: refused
        await pilot.pause()
        assert area.text == "Grow in Asia by 2028", "the typing is kept"
        assert REFUSED.search(str(editor._status.content))
        theirs = str(editor._theirs.render())
        assert editor._theirs.display and "Anna saved" in theirs and "Grow in Japan" in theirs
        assert _section(anna, acme.id) == "Grow in Japan"
        await pilot.press("enter", "escape")  # leaving again is no choice: still not saved over theirs
        await pilot.pause()
        assert _section(anna, acme.id) == "Grow in Japan" and editor._theirs.display
        # ctrl+o swaps Anna's text into the editor, and back
        await pilot.press("enter", "ctrl+o")
        await pilot.pause()
        assert area.text == "Grow in Japan" and "Grow in Asia by 2028" in str(editor._theirs.render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert area.text == "Grow in Asia by 2028"
        await pilot.press(*"!", "escape")  # going on with it: the next save applies Bo's text, knowingly
        await pilot.pause()
        assert "Saved" in str(editor._status.content) and not editor._theirs.display
    assert _section(anna, acme.id) == "Grow in Asia by 2028!"


async def test_a_one_key_mark_over_a_colleagues_newer_one_is_refused_and_shows_theirs(db_path, session, anna, me):
    from kam_tui.models import Opportunity, OpportunityStatus
    from kam_tui.services import opportunities
    from kam_tui.tui.panes.opportunities import OpportunitiesPane

    acme = accounts.create_account(session, "Acme")
    deal = opportunities.add_opportunity(session, acme.id, "Licences")
    app = KamApp(db_path=db_path, settings_file=me)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(WorkspaceScreen(acme.id))
        await pilot.pause()
        await pilot.press(digit("opportunities:OpportunitiesPane"))
        await pilot.pause()
        with new_session(anna) as s:  # Anna marks it won while Bo's list still says open
            opportunities.set_status(s, deal.id, OpportunityStatus.WON)
        await pilot.press("l")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(REFUSED.search(m) and "shown as it is now" in m for m in said), said
        pane = app.screen.query_one(OpportunitiesPane)
        assert pane.shown_status[deal.id] == OpportunityStatus.WON
        await pilot.press("l")  # now Bo has seen it won: marking it lost is his call
        await pilot.pause()
    with new_session(anna) as s:
        assert s.get(Opportunity, deal.id).status == OpportunityStatus.LOST
