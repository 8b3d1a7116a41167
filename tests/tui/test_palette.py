"""ctrl+p: open an account by typing part of its name, and reach every action of
every screen and workspace section by name."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from kam_tui.services import accounts, stakeholders, swot
from kam_tui.tui.app import KamApp
from kam_tui.tui.palette import BindingCommands, is_motion, our_actions
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.scoring import ScoringScreen
from kam_tui.tui.screens.today import TodayScreen
from kam_tui.tui.screens.wizard import WizardScreen
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen, pane_classes
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)


async def test_palette_opens_an_account_by_part_of_its_name(db_path, session, settle, wait_for_hits):
    accounts.create_account(session, "Acme Corp")
    target = accounts.create_account(session, "Société Générale")
    accounts.create_account(session, "Zenith Foods")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"generale")  # accents and case ignored
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.account_id == target.id


async def test_palette_offers_the_list_actions(db_path, session, settle, wait_for_hits):
    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"new account")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New account"
        await pilot.press(*"Beta", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme Corp", "Beta"]


async def test_palette_set_key_account_limit(db_path, session, settle, wait_for_hits):
    from kam_tui.services import portfolio

    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"key-account limit")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("backspace", "backspace", "4", "enter")
        await settle(app, pilot)
        assert "of 4" in str(app.screen.query_one("#al-limit").render())
    with app.session() as s:
        assert portfolio.get_key_account_limit(s) == 4


@pytest.fixture
def palette_run(settle, wait_for_hits):
    async def run(app, pilot, query: str) -> None:
        """ctrl+p, type, enter: what a user does."""
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*query)
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)

    return run


async def found(screen, query: str) -> list[str]:
    provider = BindingCommands(screen)
    await provider.startup()
    return [hit.text async for hit in provider.search(query)]


def named_bindings(node) -> list:
    """Every binding kam's own classes give the node, but those that only move the cursor."""
    ours = our_actions(type(node))
    return [
        b for bs in node._bindings.key_to_bindings.values() for b in bs if b.action in ours and not is_motion(b.action)
    ]


async def assert_all_reachable(screen, nodes, group_of) -> int:
    count = 0
    for node in nodes:
        for binding in named_bindings(node):
            name = f"{group_of(node)}: {binding.description}"
            assert name in await found(screen, binding.description), name
            count += 1
    return count


async def test_every_screen_binding_is_in_the_palette(demo_db, settle):
    from kam_tui.tui.palette import group_of

    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        total = await assert_all_reachable(app.screen, [app.screen], group_of)
        for keys in (("v",), ("w",), ("T",), ("m",), ("i",)):
            await pilot.press(*keys)
            await settle(app, pilot)
            screen = app.screen
            total += await assert_all_reachable(screen, [screen], group_of)
            await pilot.press("escape")
            await settle(app, pilot)
        assert total > 40


async def test_textual_s_own_widget_keys_stay_out(demo_db, settle):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")  # the path box of the import screen has the focus
        await settle(app, pilot)
        names = await found(app.screen, "delete")
        assert not any("character" in n for n in names), names
        assert "Import: Import" in await found(app.screen, "import")


async def test_every_section_binding_is_in_the_palette_from_any_section(demo_db, settle, open_workspace):
    from kam_tui.tui.palette import group_of

    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        ws = await open_workspace(app, pilot)
        # from the first section, every section's own keys, built or not yet
        # (a section is built the first time its tab is shown)
        assert len(list(ws.query(Pane))) < len(pane_classes())
        count = await assert_all_reachable(ws, [ws, *ws.query(Pane)], group_of)
        for cls in pane_classes():
            ours = {
                item.action if hasattr(item, "action") else item[1]
                for klass in cls.__mro__
                if klass.__module__.startswith("kam_tui.")
                for item in klass.__dict__.get("BINDINGS", [])
            }
            for bindings in cls._merge_bindings().key_to_bindings.values():
                for binding in bindings:
                    if binding.description and binding.action in ours and not is_motion(binding.action):
                        name = f"{cls.TAB_TITLE}: {binding.description}"
                        assert name in await found(ws, binding.description), name
                        count += 1
        assert count > 40
        # in each section, the keys of the widget with the focus too
        for digit in DIGITS:
            await pilot.press(digit)
            await settle(app, pilot)
            node, chain = ws.focused, []
            while node is not None and node is not ws:
                chain.append(node)
                node = node.parent
            await assert_all_reachable(ws, chain, group_of)


async def test_new_stakeholder_from_another_section(demo_db, settle, palette_run, open_workspace):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        ws = await open_workspace(app, pilot)
        account_id = ws.account_id
        await pilot.press("3")  # Business
        await settle(app, pilot)
        await palette_run(app, pilot, "new stakeholder")
        assert isinstance(app.screen, FormScreen)
        assert type(ws.active_pane()).__name__ == "StakeholdersPane"
        await pilot.press(*"Ines Albrecht", "f2")
        await settle(app, pilot)
        assert app.screen is ws
    with app.session() as s:
        assert "Ines Albrecht" in [p.name for p in stakeholders.list_stakeholders(s, account_id)]


async def test_new_swot_run_by_name(demo_db, settle, palette_run, open_workspace):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        account_id = (await open_workspace(app, pilot)).account_id
        with app.session() as s:
            before = len(swot.list_runs(s, account_id))
        await palette_run(app, pilot, "new swot run")
        await pilot.press("y")  # it asks before copying the latest run
        await settle(app, pilot)
    with app.session() as s:
        assert len(swot.list_runs(s, account_id)) == before + 1


@pytest.mark.parametrize(
    "query, screen",
    [
        ("today", TodayScreen),
        ("scoring matrix", ScoringScreen),
        ("five-stage wizard", WizardScreen),
        ("import a crm export", ImportScreen),
    ],
)
async def test_screens_by_name(demo_db, query, screen, settle, palette_run):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette_run(app, pilot, query)
        assert isinstance(app.screen, screen)
        await palette_run(app, pilot, "accounts")
        assert type(app.screen).__name__ == "AccountListScreen"


async def test_export_from_the_workspace_by_name(demo_db, tmp_path, settle, palette_run, open_workspace):
    app = KamApp(db_path=demo_db)
    target = tmp_path / "plan.md"
    async with app.run_test(size=SIZE) as pilot:
        name = (await open_workspace(app, pilot)).title
        await palette_run(app, pilot, "workspace export")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("end", "ctrl+u", *str(target), "enter")
        await settle(app, pilot)
    assert target.read_text().startswith(f"# {name}")
