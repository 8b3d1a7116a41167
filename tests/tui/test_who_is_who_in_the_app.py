"""Who is who, in the app: each owner's key list against their own limit in
the account list's header, the limit set for an owner or for everyone from
the limit form by keys, the promotion question naming the owner, and the
user's name set from the palette. Names are shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.models import Tier
from kam_tui.services import accounts, scoring
from kam_tui.settings import Settings, load_settings, save_settings
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)
DANA, PER = "Dana Reyes", "Per Holm"
HOSTILE = "[bold]Ana[/bold] \x1b[31mred " + "Ö" * 10_000


def header(app) -> str:
    return str(app.screen.query_one("#al-limit").render())


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.json"
    save_settings(Settings(user=DANA), path)
    return path


@pytest.fixture
def ids(session):
    specs = [
        ("Dana Bank", DANA, "existing_key"),
        ("Dana Works", DANA, "candidate"),
        ("Per Foods", PER, "emerging_key"),
        ("Per Steel", PER, "emerging_key"),
        ("Per Trade", PER, "candidate"),
    ]
    found = {name: accounts.create_account(session, name, owner=owner, tier=tier).id for name, owner, tier in specs}
    scoring.set_key_account_limit(session, 1, owner=DANA)
    scoring.set_key_account_limit(session, 3)
    return found


async def test_the_header_counts_your_own_list_against_your_limit(ids, session, db_path, settings_file, settle):
    scoring.set_key_account_limit(session, 1, owner=PER)  # Per is over his
    app = KamApp(db_path=db_path, settings_file=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert header(app) == "Your key accounts: 1 of 1 · 1 other owner, 1 over their limit (m: scoring)"
        assert not app.screen.query_one("#al-limit").has_class("-over")  # yours is not


async def test_a_head_of_key_accounts_sees_each_owners_list(ids, session, db_path, tmp_path, settle):
    path = tmp_path / "head.json"
    save_settings(Settings(user="Head of KAM"), path)
    scoring.set_key_account_limit(session, 1, owner=PER)
    app = KamApp(db_path=db_path, settings_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # the list over its limit first
        assert header(app) == "Key accounts by owner: Per Holm 2 of 1 · Dana Reyes 1 of 1"
        assert app.screen.query_one("#al-limit").has_class("-over")


async def test_setting_a_colleagues_limit_and_the_shared_one_by_keys(ids, db_path, settings_file, settle):
    app = KamApp(db_path=db_path, settings_file=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#in-limit").value == "1"  # yours, chosen first
        # whose: you, then Per, then the shared limit
        await pilot.press("backspace", "4", "tab", "enter", "down", "enter", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("backspace", "5", "tab", "enter", "down", "down", "enter", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        # blank for an owner: back to the shared limit
        await pilot.press("l", "backspace", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert scoring.key_account_limit(s, PER) == 4
        assert scoring.key_account_limit(s) == 5
        assert scoring.key_account_limit(s, DANA) == 5
        assert not scoring.key_limits(s).has_own(DANA)


async def test_a_bad_limit_is_refused_under_the_field_and_kept(ids, db_path, settings_file, settle):
    app = KamApp(db_path=db_path, settings_file=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "backspace", *"lots", "f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "not a whole number" in str(app.screen.query_one("#err-limit").render())
        assert app.screen.query_one("#in-limit").value == "lots"
    with app.session() as s:
        assert scoring.key_account_limit(s, DANA) == 1


async def test_promoting_asks_why_when_the_owners_list_is_full(ids, db_path, settings_file, settle):
    app = KamApp(db_path=db_path, settings_file=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"dana works", "enter", "plus")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Dana Reyes's key list is full (1 of 1)" in app.screen.intro
        await pilot.press("escape")
        await pilot.pause()
        # Per's list (2 of the shared 3) has room: promoted without a question
        await pilot.press("escape", "slash", *"per trade", "enter", "plus")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert accounts.get_account(s, ids["Per Trade"]).tier == Tier.EMERGING_KEY
        assert accounts.get_account(s, ids["Dana Works"]).tier == Tier.CANDIDATE


async def test_your_name_from_the_palette(ids, db_path, tmp_path, settle, wait_for_hits):
    path = tmp_path / "settings.json"
    app = KamApp(db_path=db_path, settings_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert header(app).startswith("Key accounts by owner:")  # the login name owns nothing here
        await pilot.press("ctrl+p", *"your name")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Per  Holm ", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert header(app).startswith("Your key accounts: 2 of 3")
        # the engine was open before the name was given: the next save is still recorded under it
        outcome = app.edit(accounts.update_account, ids["Per Trade"], notes="named now")
        assert outcome
    assert load_settings(path).user == "Per Holm"
    with app.session() as s:
        assert accounts.get_account(s, ids["Per Trade"]).updated_by == "Per Holm"


async def test_a_hostile_owner_name_is_shown_as_text_and_keeps_its_limit(session, db_path, tmp_path, settle):
    accounts.create_account(session, "Odd Corp", owner=HOSTILE, tier="existing_key")
    accounts.create_account(session, "Plain Corp", owner=DANA)
    path = tmp_path / "settings.json"
    save_settings(Settings(user="Head of KAM"), path)
    app = KamApp(db_path=db_path, settings_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert header(app).startswith("Key accounts by owner: [bold]Ana[/bold] ␛[31mred ÖÖ")
        # whose: you, the odd name, Dana, then the shared limit (chosen: you own nothing)
        await pilot.press("l", "backspace", "backspace", "2", "tab", "enter", "up", "up", "enter", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        # the list reads the name made safe to show, and still finds its limit
        assert header(app).startswith("Key accounts by owner: [bold]Ana[/bold] ␛[31mred ÖÖ")
        assert "… 1 of 2 · Dana Reyes 0 of 10" in header(app)
    with app.session() as s:
        assert scoring.key_account_limit(s, HOSTILE) == 2
        assert scoring.key_account_limit(s, DANA) == 10


async def test_a_new_accounts_owner_is_offered_you_first(ids, db_path, tmp_path, settle):
    path = tmp_path / "settings.json"
    save_settings(Settings(user="Zoë Quist"), path)  # owns nothing yet, and last by name
    app = KamApp(db_path=db_path, settings_file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        owner = app.screen.query_one("#in-owner")
        owner.focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the first name offered
        await pilot.pause()
        assert owner.value == "Zoë Quist"
