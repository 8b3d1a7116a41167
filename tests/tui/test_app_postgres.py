"""The app on a team's PostgreSQL server, driven by keys: the list, an
account's workspace, an edit saved for everyone, an import from a CRM file,
and the connection lost in the middle of an edit (said in one line; what was
typed stays, and the next try goes through)."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from kam_tui.services import accounts
from kam_tui.services.demo import BANK, seed_demo
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen
from tests.tui.test_account_form import list_text

pytestmark = pytest.mark.postgres
SIZE = (120, 36)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


@pytest.fixture
def server(pg_url):
    location = Location(url=pg_url)
    engine = open_database(location)
    with new_session(engine) as s:
        seed_demo(s)
    yield location, engine
    engine.dispose()


def drop_connections(url: str) -> int:
    """What a restarted server or a dropped network does to the app's connections."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as con:
        return con.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchone()[0]


async def start_editing_industry(app, pilot, settle, text: str) -> FormScreen:
    """`e` on the list's first account; the industry cleared and `text` typed."""
    await settle(app, pilot)
    await pilot.press("e")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, FormScreen)
    box = form.query_one("#in-industry")
    box.value = ""
    box.focus()
    await pilot.press(*text)
    return form


async def test_the_list_and_a_workspace_open_on_a_server(server, settle):
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        shown = list_text(app)
        assert BANK in shown and "Brightmart Stores" in shown
        assert not app.is_demo or app.first_look() == (True, True)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)


async def test_an_edit_on_a_server_is_saved_for_everyone(server, settle):
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await start_editing_industry(app, pilot, settle, "Banking & insurance")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    other = open_database(location)  # a colleague's kam
    with new_session(other) as s:
        edited = [a for a in accounts.list_accounts(s) if a.industry == "Banking & insurance"]
    other.dispose()
    assert len(edited) == 1


async def test_a_lost_connection_during_an_edit_keeps_what_was_typed(server, settle):
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        form = await start_editing_industry(app, pilot, settle, "Typed before the outage")
        assert drop_connections(location.server_url) >= 1
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen is form, "the form stays open"
        said = str(form.query_one("#form-error").render())
        assert "connection to the server" in said and "lost" in said and "\n" not in said.strip()
        assert form.query_one("#in-industry").value == "Typed before the outage"
        await pilot.press("f2")  # the server is still there: the next try reconnects and saves
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with new_session(engine) as s:
        assert [a.industry for a in accounts.list_accounts(s)].count("Typed before the outage") == 1


async def test_importing_into_a_server_from_the_keyboard(server, settle):
    """i on the list, the file's path, the preview, i again: the accounts are on
    the server, and the list shows them."""
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.press(*str(FIXTURES / "hubspot_companies.csv"), "enter")
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "4 rows read, 4 would be created" in str(screen.query_one("#import-counts").render())
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "Helios Solar Ltd" in list_text(app)
    with new_session(engine) as s:
        names = {a.name for a in accounts.list_accounts(s)}
    assert {"Acme Corporation", "Brightline Analytics", "Zürich Rück Services AG", "Helios Solar Ltd"} <= names


async def test_the_list_reads_a_server_again_after_a_save_not_after_a_look(server, settle):
    """Back on the list it reads again when this app saved something (or after
    a while, for colleagues' changes): not on every return, which would read
    10,000 accounts each time."""
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = app.db_signature()
        with app.session() as s:
            bank = accounts.find_account(s, BANK)
        assert app.db_signature() == before
        with app.session() as s:
            accounts.update_account(s, bank.id, notes="changed here")
        assert app.db_signature() != before


async def test_on_a_server_the_list_says_who_you_are_and_counts_your_own_list(server, tmp_path, settle):
    from kam_tui.services import scoring
    from kam_tui.settings import Settings, save_settings

    location, engine = server
    with new_session(engine) as s:
        scoring.set_key_account_limit(s, 2, owner="Maria Lindqvist")
    path = tmp_path / "settings.json"
    save_settings(Settings(user="Maria Lindqvist"), path)
    app = KamApp(location, engine=engine, settings_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = str(app.screen.query_one("#al-limit").render())
        assert line == "You: Maria Lindqvist · Your key accounts: 2 of 2 · 1 other owner"


async def test_two_people_on_a_server_the_second_save_is_refused_and_shows_the_first(server, settle):
    location, engine = server
    app = KamApp(db_path=location, engine=engine)
    colleague = open_database(location, user="Ana")  # her kam, on the same server
    try:
        async with app.run_test(size=SIZE) as pilot:
            form = await start_editing_industry(app, pilot, settle, "Mine")
            first_id = form.save.args[0]
            with new_session(colleague) as s:
                accounts.update_account(s, first_id, industry="Hers")
            await pilot.press("f2")
            await settle(app, pilot)
            assert app.screen is form, "refused: the form stays open with what was typed"
            assert re.search(r"changed by Ana at \d\d:\d\d", str(form.query_one("#form-error").render()))
            assert str(form.query_one("#theirs-industry").render()) == "Ana saved: Hers"
            assert form.query_one("#in-industry").value == "Mine"
            await pilot.press("f2")  # seen: saved over hers on purpose
            await settle(app, pilot)
            assert isinstance(app.screen, AccountListScreen)
        with new_session(colleague) as s:
            assert accounts.get_account(s, first_id).industry == "Mine"
    finally:
        colleague.dispose()
