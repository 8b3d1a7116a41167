"""What the app tests share: waiting for the app the way a user waits for the
screen, and the demo database.

Helpers are fixtures (pytest's way to share them from a conftest): a test asks
for `settle` and awaits `settle(app, pilot)`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlmodel import Session
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot

from kam_tui.services import demo
from kam_tui.tui.screens.workspace import WorkspaceScreen

Waiter = Callable[[App[object], Pilot[object]], Awaitable[None]]


async def _settle(app: App[object], pilot: Pilot[object]) -> None:
    # the account list reads its rows in a thread worker: wait for it, then for the repaint
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _wait_for_hits(app: App[object], pilot: Pilot[object]) -> None:
    # the palette searches in the background; give it a moment to list hits
    for _ in range(40):
        await pilot.pause(0.05)
        if isinstance(app.screen, CommandPalette) and app.screen.query("CommandList Option"):
            return


@pytest.fixture
def settle() -> Waiter:
    """`await settle(app, pilot)`: workers done and the screen repainted."""
    return _settle


@pytest.fixture
def wait_for_hits() -> Waiter:
    """`await wait_for_hits(app, pilot)`: the command palette lists what was typed."""
    return _wait_for_hits


@pytest.fixture
def open_workspace(settle: Waiter) -> Callable[[App[object], Pilot[object], int], Awaitable[WorkspaceScreen]]:
    """`await open_workspace(app, pilot, row)`: down the account list `row` times
    and enter, as a user opens an account; returns its workspace."""

    async def open_row(app: App[object], pilot: Pilot[object], row: int = 0) -> WorkspaceScreen:
        await settle(app, pilot)
        await pilot.press(*(["j"] * row), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        return app.screen

    return open_row


@pytest.fixture
def demo_db(db_path: Path, session: Session) -> Path:
    """The test's database holding the demo portfolio."""
    demo.seed_demo(session)
    return db_path


@pytest.fixture
def backend() -> str:
    """The app tests run on a SQLite file: their PostgreSQL counterparts live in
    tests/*/test_*postgres*.py."""
    return "sqlite"
