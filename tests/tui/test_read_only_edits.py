"""A second kam opens the database read-only: every edit, made by a quick key or
through a form, is refused with one line saying why, the screen stays as it was
and nothing reaches the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kam_tui.services import accounts, goals, scoring, whitespace
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.scoring import ScoringScreen
from kam_tui.tui.screens.wizard import WizardScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refusals(app: KamApp) -> list[str]:
    """The error notifications shown so far, each as one line."""
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_quick_keys_and_forms_on_a_read_only_database_say_why(db_path, session, engine, settle):
    acct = accounts.create_account(session, "Acme")
    goals.add_goal(session, acct.id, "short", "First goal")
    goals.add_goal(session, acct.id, "short", "Second goal")
    unit = whitespace.add_unit(session, acct.id, "Nordics")
    offering = whitespace.add_offering(session, acct.id, "Cloud")
    whitespace.set_status(session, unit.id, offering.id, "open")
    growth = scoring.add_criterion(session, "Growth", 2)
    scoring.set_score(session, acct.id, growth.id, 5)
    engine.dispose()  # the app below is the only one with the file open
    before = digest(db_path)

    app = KamApp(db_path=db_path, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        # the goals section: move a goal up (K), mark nothing, add one through the form
        app.push_screen(WorkspaceScreen(acct.id, section="GoalsPane"))
        await settle(app, pilot)
        await pilot.press("j", "j", "K")
        await settle(app, pilot)
        assert len(refusals(app)) == 1
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Third", "f2")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormScreen)  # kept open, with what was typed
        assert form.values()["text"] == "Third"
        assert "read-only" in str(form.query_one("#form-error").render())
        await pilot.press("escape")
        await settle(app, pilot)
        # the whitespace grid: clear a cell
        await pilot.press("7", "delete")
        await settle(app, pilot)
        assert len(refusals(app)) == 2
        await pilot.press("escape")
        await settle(app, pilot)
        # the scoring matrix: score, then clear a score
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, ScoringScreen)
        await pilot.press("7", "backspace")
        await settle(app, pilot)
        assert len(refusals(app)) == 4
        await pilot.press("escape", "w", "l")  # the wizard's light/full switch
        await settle(app, pilot)
        assert isinstance(app.screen, WizardScreen)
        assert len(refusals(app)) == 5
    messages = refusals(app)
    assert all("read-only" in m and "\n" not in m for m in messages), messages
    app.engine.dispose()
    assert digest(db_path) == before
    assert [g.text for g in goals.list_goals(session, acct.id)] == ["First goal", "Second goal"]
