"""`?` / F1 on every screen and every workspace section: its keys, and a few
lines on why this part of the plan matters."""

from __future__ import annotations

import pytest

from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.screens.help import HelpScreen
from kam_tui.tui.screens.workspace import DIGITS, pane_classes

SIZE = (120, 36)


def help_parts(screen: HelpScreen) -> tuple[str, str]:
    """(the why lines, the keys) as shown."""
    why = "\n".join(str(w.render()) for w in screen.query(".help-why"))
    keys = "\n".join(str(w.render()) for w in screen.query(".help-keys"))
    return why, keys


def shown_descriptions(node) -> set[str]:
    return {b.description for bs in node._bindings.key_to_bindings.values() for b in bs if b.description and b.show}


async def check_help(app, pilot, key: str, about) -> tuple[str, str]:
    """Press the help key on `about` (a screen), check it shows the screen's
    HELP and its shown keys, close it, and return what it showed."""
    assert app.screen is about
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen), f"{key} did not open help on {type(about).__name__}"
    why, keys = help_parts(app.screen)
    assert about.HELP.strip() and about.HELP.split(".")[0] in why
    for description in shown_descriptions(about):
        assert description in keys, (type(about).__name__, description)
    assert "Help" in keys and "Quit" in keys  # the app's own keys are there too
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is about
    return why, keys


@pytest.mark.parametrize(
    "open_keys, key",
    [
        ((), "question_mark"),  # the account list
        (("v",), "question_mark"),  # the plan preview
        (("w",), "question_mark"),  # the wizard
        (("T",), "f1"),  # today
        (("m",), "question_mark"),  # scoring
        (("i",), "f1"),  # import: the path box has the focus, so ? is typed there
    ],
)
async def test_every_screen_has_help(demo_db, open_keys, key, settle):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if open_keys:
            start = app.screen
            await pilot.press(*open_keys)
            await settle(app, pilot)
            assert app.screen is not start
        await check_help(app, pilot, key, app.screen)


async def test_every_workspace_section_has_help(demo_db, settle, open_workspace):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot)
        for digit, cls in zip(DIGITS, pane_classes()):
            await pilot.press(digit)
            await settle(app, pilot)
            pane = workspace.active_pane()
            assert isinstance(pane, cls)
            assert cls.HELP.strip(), f"{cls.__name__} has no HELP"
            why, keys = await check_help(app, pilot, "question_mark", workspace)
            assert cls.HELP.split(".")[0] in why, cls.__name__
            # the section's own keys and those of the widget in it with the
            # focus, under "where the cursor is"
            pane_keys = set()
            node = workspace.focused
            while node is not None and node is not workspace:
                pane_keys |= shown_descriptions(node)
                node = node.parent
            assert pane_keys and all(d in keys for d in pane_keys), (cls.__name__, pane_keys)


async def test_the_welcome_has_help(tmp_path, settle):
    app = KamApp(db_path=tmp_path / "empty.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        why, keys = await check_help(app, pilot, "question_mark", app.screen)
        assert "Import" in keys and "Demo" in keys


def test_every_pane_and_screen_says_why():
    from kam_tui.tui.screens import (
        account_list,
        import_screen,
        plan_preview,
        scoring,
        today,
        welcome,
        wizard,
        workspace,
    )

    screens = [
        account_list.AccountListScreen,
        import_screen.ImportScreen,
        plan_preview.PlanPreviewScreen,
        scoring.ScoringScreen,
        today.TodayScreen,
        welcome.WelcomeScreen,
        wizard.WizardScreen,
        workspace.WorkspaceScreen,
    ]
    for cls in screens + pane_classes():
        assert len(cls.HELP.split()) >= 15, f"{cls.__name__}: HELP should say in a few lines why it matters"
    assert all(issubclass(c, Pane) for c in pane_classes())


async def test_j_and_k_scroll_the_help_a_few_lines_at_a_time(demo_db, settle):
    from kam_tui.tui.screens.help import SCROLL_LINES

    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > SCROLL_LINES  # the list's help runs past a small terminal
        await pilot.press("j", "j")
        await settle(app, pilot)
        assert box.scroll_y == 2 * SCROLL_LINES
        await pilot.press("k")
        await settle(app, pilot)
        assert box.scroll_y == SCROLL_LINES
