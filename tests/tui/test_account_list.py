"""The account list, driven by keys on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kam_tui import clock
from kam_tui.models import Action, ActionStatus, Goal, Horizon, Tier
from kam_tui.services import accounts, portfolio
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen
from kam_tui.tui.widgets.virtual_table import VirtualTable

SIZE = (120, 36)


def seed(session, specs):
    """specs: (name, tier, industry, country, owner)"""
    ids = {}
    for name, tier, industry, country, owner in specs:
        ids[name] = accounts.create_account(
            session, name, tier=tier, industry=industry, country=country, owner=owner
        ).id
    return ids


PORTFOLIO = [
    ("Société Générale", "existing_key", "Banking", "France", "Ana"),
    ("Acme Corp", "emerging_key", "Manufacturing", "Sweden", "Björn"),
    ("Zenith Foods", "candidate", "Retail", "Österreich", "Chen"),
    ("Nordic Steel", "not_key", "Manufacturing", "Norway", "Ana"),
    ("Blue Harbour", "candidate", "Logistics", "Türkiye", "Dana"),
]


def table(app) -> VirtualTable:
    return app.screen.query_one("#account-table", VirtualTable)


def screen_rows(app) -> list[str]:
    """The table's lines as drawn, without the header."""
    t = table(app)
    return [t.render_line(y).text.rstrip() for y in range(1, t.size.height) if t.render_line(y).text.strip()]


def names_on_screen(app) -> list[str]:
    lines = screen_rows(app)
    found = []
    for line in lines:
        for name, *_ in PORTFOLIO:
            if line.startswith(name):
                found.append(name)
    return found


def static_text(app, selector) -> str:
    return str(app.screen.query_one(selector).render())


@pytest.fixture
def ids(session):
    return seed(session, PORTFOLIO)


async def test_opens_on_the_list_with_every_account(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert names_on_screen(app) == sorted(n for n, *_ in PORTFOLIO)
        header = table(app).render_line(0).text
        for label in ("Name", "Tier", "Stage", "Score", "Revenue", "Owner", "Next due"):
            assert label in header
        assert "Existing key" in "\n".join(screen_rows(app))
        # four owners, each with a key list of their own against the shared limit
        assert (
            static_text(app, "#al-limit")
            == "Key accounts by owner: Ana 1 of 10 · Björn 1 of 10 · Chen 0 of 10 · Dana 0 of 10"
        )


async def test_filter_as_you_type_accent_insensitive_and_escape_restores(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"societe")
        await pilot.pause()
        assert names_on_screen(app) == ["Société Générale"]
        await pilot.press(*["backspace"] * 7, *"MANUF")  # industry, any case
        await pilot.pause()
        assert names_on_screen(app) == ["Acme Corp", "Nordic Steel"]
        # a country typed as "Österreich" is kept as AT and found by its English name
        await pilot.press(*["backspace"] * 5, *"austr")
        await pilot.pause()
        assert names_on_screen(app) == ["Zenith Foods"]
        await pilot.press(*["backspace"] * 5, *"turkiye")  # the English name, accents ignored
        await pilot.pause()
        assert names_on_screen(app) == ["Blue Harbour"]
        await pilot.press(*["backspace"] * 7, *"ana steel")  # owner and name, both words
        await pilot.pause()
        assert names_on_screen(app) == ["Nordic Steel"]
        await pilot.press("down", "j")  # down leaves the filter box for the list
        assert app.focused is table(app)
        assert "ana steel" in static_text(app, "#al-status")
        await pilot.press("escape")
        await pilot.pause()
        assert len(names_on_screen(app)) == len(PORTFOLIO)
        assert not app.screen.query_one("#al-filter").display


async def test_nothing_matches_says_so(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"qqqq")
        await pilot.pause()
        assert names_on_screen(app) == []
        assert "No account matches" in "\n".join(screen_rows(app))


async def test_sort_cycles_columns_and_reverses(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")  # name, reversed
        await pilot.pause()
        assert names_on_screen(app) == sorted((n for n, *_ in PORTFOLIO), reverse=True)
        assert "Name ▼" in table(app).render_line(0).text
        await pilot.press("s")  # tier: existing key first
        await pilot.pause()
        assert names_on_screen(app)[:2] == ["Société Générale", "Acme Corp"]
        assert names_on_screen(app)[-1] == "Nordic Steel"
        assert "Tier ▲" in table(app).render_line(0).text
        assert "sorted by tier" in static_text(app, "#al-status")


async def test_tier_cycle_shows_one_tier_then_key_only(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert names_on_screen(app) == ["Société Générale"]
        await pilot.press("t", "t")
        await pilot.pause()
        assert names_on_screen(app) == ["Blue Harbour", "Zenith Foods"]
        await pilot.press("t", "t")
        await pilot.pause()
        assert names_on_screen(app) == ["Acme Corp", "Société Générale"]
        assert "key accounts only" in static_text(app, "#al-status")
        await pilot.press("t")
        await pilot.pause()
        assert len(names_on_screen(app)) == len(PORTFOLIO)


async def test_limit_warning_past_the_limit_and_setting_it(ids, session, db_path, settle):
    for account_id in ids.values():  # one list: a KAM alone, who names no owner
        accounts.update_account(session, account_id, owner="")
    portfolio.set_key_account_limit(session, 2)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = app.screen.query_one("#al-limit")
        assert "Key accounts: 2 of 2" in static_text(app, "#al-limit")
        assert "creeping" not in static_text(app, "#al-limit")
        await pilot.press("slash", *"zenith", "enter", "plus")  # candidate -> emerging key, past the limit
        await pilot.pause()
        # past the limit, promotion asks why (as demotion does) and keeps the reason
        assert isinstance(app.screen, FormScreen)
        assert "the key list is full (2 of 2)" in app.screen.intro.casefold()
        await pilot.press("enter")  # no reason: refused under the field, nothing changed
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#err-reason").render())
        with app.session() as s:
            assert accounts.get_account(s, ids["Zenith Foods"]).tier == Tier.CANDIDATE
        await pilot.press(*"won the group tender", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        with app.session() as s:
            last = accounts.tier_history(s, ids["Zenith Foods"])[-1]
            assert (last.to_tier, last.reason) == (Tier.EMERGING_KEY, "won the group tender")
        assert "Key accounts: 3 of 2" in static_text(app, "#al-limit")
        assert "the list is creeping" in static_text(app, "#al-limit")
        assert line.has_class("-over")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*["backspace"] * 3, *"abc", "enter")
        await pilot.pause()
        assert "not a whole number" in str(app.screen.query_one("#err-limit").render())
        await pilot.press(*["backspace"] * 3, "5", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "Key accounts: 3 of 5" in static_text(app, "#al-limit")
        assert not line.has_class("-over")
    with app.session() as s:
        assert portfolio.get_key_account_limit(s) == 5


async def test_promote_is_one_key(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"nordic", "enter", "plus")
        await settle(app, pilot)
        with app.session() as s:
            assert accounts.get_account(s, ids["Nordic Steel"]).tier == Tier.CANDIDATE
        assert "Candidate" in screen_rows(app)[0]
        assert table(app).current_row.id == ids["Nordic Steel"]


async def test_demote_a_key_account_asks_why_and_keeps_it(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"acme", "enter", "minus")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # no reason
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#err-reason").render())
        with app.session() as s:
            assert accounts.get_account(s, ids["Acme Corp"]).tier == Tier.EMERGING_KEY
        await pilot.press(*"budget frozen for two years", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "Candidate" in screen_rows(app)[0]
    with app.session() as s:
        assert accounts.get_account(s, ids["Acme Corp"]).tier == Tier.CANDIDATE
        last = accounts.tier_history(s, ids["Acme Corp"])[-1]
        assert (last.from_tier, last.to_tier, last.reason) == (
            Tier.EMERGING_KEY,
            Tier.CANDIDATE,
            "budget frozen for two years",
        )


async def test_demote_a_candidate_needs_no_reason(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"zenith", "enter", "minus")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert accounts.get_account(s, ids["Zenith Foods"]).tier == Tier.NOT_KEY


async def test_delete_confirm_shows_what_goes_and_n_keeps(ids, session, db_path, settle):
    goal = Goal(account_id=ids["Blue Harbour"], horizon=Horizon.SHORT, text="win the tender")
    session.add(goal)
    session.flush()
    session.add(
        Action(goal_id=goal.id, text="call", due_date=clock.today() - timedelta(days=1), status=ActionStatus.TODO)
    )
    session.commit()
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert screen_rows(app)[1].startswith("Blue Harbour")
        assert "⚠" in screen_rows(app)[1] and "⚠" not in screen_rows(app)[0]  # its overdue action
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Blue Harbour" in app.screen.question
        assert "1 goal" in app.screen.detail
        await pilot.press("n")
        await settle(app, pilot)
        assert "Blue Harbour" in names_on_screen(app)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert "Blue Harbour" not in names_on_screen(app)
        assert table(app).current_row is not None
    with app.session() as s:
        assert {a.name for a in accounts.list_accounts(s)} == {n for n, *_ in PORTFOLIO} - {"Blue Harbour"}
        assert accounts.plan_counts(s, ids["Blue Harbour"]) == {}


async def test_cursor_keys_and_enter_opens_the_workspace(ids, db_path, settle):
    from kam_tui.tui.screens.workspace import WorkspaceScreen

    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "k", "down")
        await pilot.pause()
        expected = sorted(n for n, *_ in PORTFOLIO)[2]
        assert table(app).current_row.name == expected
        await pilot.press("end")
        assert table(app).current_row.name == sorted(n for n, *_ in PORTFOLIO)[-1]
        await pilot.press("home", "j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.account_id == ids[expected]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert table(app).current_row.name == expected


async def test_empty_database_says_how_to_start(db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")  # past the welcome screen (first run) to the empty list
        await settle(app, pilot)
        assert "No accounts yet" in "\n".join(screen_rows(app))
        assert "Key accounts: 0 of 10" in static_text(app, "#al-limit")
        await pilot.press("e", "d", "plus", "enter")  # nothing selected: no crash, no screen
        await pilot.pause()
        assert isinstance(app.screen, AccountListScreen)
    assert db_path.exists()


async def test_many_rows_scroll_with_the_cursor(session, db_path, settle):
    for i in range(200):
        accounts.create_account(session, f"Account {i:03d}")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        current = table(app).current_row.name
        assert any(line.startswith(current) for line in screen_rows(app))
        await pilot.press("end")
        await pilot.pause()
        assert screen_rows(app)[-1].startswith("Account 199")


async def test_back_from_the_workspace_shows_what_changed_there(ids, db_path, settle):
    from kam_tui.db import new_session, open_database
    from kam_tui.tui.screens.workspace import WorkspaceScreen

    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        engine = open_database(db_path)  # an edit made while the workspace is open
        with new_session(engine) as s:
            accounts.update_account(s, ids["Blue Harbour"], owner="Zed Quist")
        engine.dispose()
        await pilot.press("escape")
        await settle(app, pilot)
        assert "Zed Quist" in screen_rows(app)[1]
        assert table(app).current_row.id == ids["Blue Harbour"]


async def test_clicking_a_header_sorts_by_it(ids, session, db_path, settle):
    accounts.update_account(session, ids["Zenith Foods"], owner="Aaron")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        header = table(app).render_line(0).text
        x = header.index("Owner")
        await pilot.click("#account-table", offset=(x + 1, 0))
        await pilot.pause()
        assert names_on_screen(app)[0] == "Zenith Foods"
        assert "Owner ▲" in table(app).render_line(0).text
        await pilot.click("#account-table", offset=(x + 1, 0))
        await pilot.pause()
        assert names_on_screen(app)[-1] == "Zenith Foods"


async def test_the_scroll_mark_shows_where_the_view_is_in_a_long_list(session, db_path, settle):
    for i in range(120):
        accounts.create_account(session, f"Account {i:03d}")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        thumb = t.get_component_rich_style("virtual-table--scroll-thumb")

        def thumb_rows() -> list[int]:
            return [y for y in range(1, t.size.height) if list(t.render_line(y))[-1].style == thumb]

        top = thumb_rows()
        assert top and top[0] == 1 and len(top) < t.size.height - 1
        await pilot.press("end")
        await pilot.pause()
        bottom = thumb_rows()
        assert bottom and bottom[-1] == t.size.height - 1 and bottom[0] > top[-1]
        await pilot.press("slash", *"account 00")  # a few match: they fit, so no mark
        await settle(app, pilot)
        assert 0 < len(t.rows) < t.size.height - 1 and thumb_rows() == []


async def test_the_mouse_wheel_moves_down_and_up_the_list(session, db_path, settle):
    from textual import events

    for i in range(60):
        accounts.create_account(session, f"Account {i:03d}")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        t = table(app)
        for _ in range(15):
            t.post_message(events.MouseScrollDown(t, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert t.current_row.name == "Account 045" and int(t.scroll_offset.y) > 0
        t.post_message(events.MouseScrollUp(t, 5, 5, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert t.current_row.name == "Account 042"


def painted_cursor_lines(app) -> list[int]:
    """The table's lines as last painted (the lines a move did not repaint
    come from the widget's cache) that wear the cursor's background."""
    t = table(app)
    cursor = t.get_component_rich_style("virtual-table--cursor").bgcolor
    lines = t.render_lines(t.size.region)
    return [y for y, line in enumerate(lines) if any(s.style and s.style.bgcolor == cursor for s in line)]


async def test_a_cursor_move_leaves_the_cursor_on_one_row_as_painted(ids, db_path, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(100, 9)) as pilot:
        await settle(app, pilot)
        assert table(app).size.height == 5  # the header and 4 rows: the fifth row scrolls the view
        for keys, line in ((["down"], 2), (["down", "down"], 4), (["down"], 4), (["up"], 3), (["up", "up", "up"], 1)):
            await pilot.press(*keys)
            await pilot.pause()
            assert painted_cursor_lines(app) == [line], keys
