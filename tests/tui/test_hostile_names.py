"""Every screen of the app on hostile names (tests/hostile.py): no traceback,
no markup effect (no link, no click action planted by a name), and nothing
drawn that would act on the terminal (escape sequences, C1 controls, bidi
overrides). In-process with Pilot, checking every segment drawn, and on a
real pseudo-terminal, checking the bytes the app writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot

from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.screenshots import screen_text
from tests import hostile
from tests.pseudo_terminal import run_on_pty


@pytest.fixture
def gallery(db_path: Path, session) -> list[int]:
    return hostile.plant(session)


def problems(app: KamApp) -> list[str]:
    """What is wrong with the screen as drawn: raw control characters, links
    and click actions that came from a name."""
    console = Console(width=app.size.width, height=app.size.height, file=open(os.devnull, "w"), force_terminal=True)
    found = []
    for segment in console.render(app.screen._compositor.render_update(full=True)):
        if segment.control:
            continue
        text, style = segment.text.replace("\n", ""), segment.style
        if hostile.ACTING.search(text):
            found.append(f"raw control in {text!r}")
        if style is not None and style.link:
            found.append(f"link {style.link!r} on {text!r}")
        if style is not None and "HOSTILE" in text and style.meta.get("@click"):
            found.append(f"click action {style.meta['@click']!r} on {text!r}")
    return found


async def look(app: KamApp, pilot: Pilot, settle, *keys: str) -> str:
    """Press `keys`, let the screen settle, check it; returns its text."""
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)
    assert not app._exit, f"the app stopped after {keys}"
    wrong = problems(app)
    assert not wrong, (keys, wrong[:5])
    return screen_text(app)


async def row_of(app: KamApp, pilot: Pilot, settle, account_id: int) -> None:
    """Put the list's cursor on the account."""
    table = app.screen.table
    await look(app, pilot, settle, "home", *["j"] * [r.id for r in table.rows].index(account_id))


async def test_every_screen_and_section_shows_hostile_names_as_text(db_path, gallery, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(100):  # the list reads its rows once it has painted: wait for them
            await settle(app, pilot)
            if app.screen.table.rows:
                break
        shown = await look(app, pilot, settle)
        for name in hostile.MARKUP_NAMES:
            assert name in shown, name
        assert "␛]52;c;SE9TVElMRQ==␇" in shown and "HOSTILE-RTL" in shown
        # the gallery: every section, every view of the people, a person's form, a question, the help
        await row_of(app, pilot, settle, gallery[0])
        await look(app, pilot, settle, "enter")
        assert isinstance(app.screen, WorkspaceScreen)
        for digit in DIGITS[: len(PANES)]:
            await look(app, pilot, settle, digit)
        await look(app, pilot, settle, "1")
        for view in ("m", "o", "c", "t"):
            await look(app, pilot, settle, view)
        for keys in (("e",), ("escape", "d"), ("n", "question_mark"), ("escape",)):
            await look(app, pilot, settle, *keys)
        await look(app, pilot, settle, "escape")
        # each other account's workspace title and first section
        for account_id in gallery[1:]:
            await row_of(app, pilot, settle, account_id)
            await look(app, pilot, settle, "enter", "escape")
        # the screens over the whole portfolio, the account's forms and questions
        await row_of(app, pilot, settle, gallery[3])
        for keys in (("T",), ("escape", "m"), ("escape", "w"), ("escape", "v"), ("escape", "x"), ("escape", "e")):
            await look(app, pilot, settle, *keys)
        await look(app, pilot, settle, "escape", "d")
        await look(app, pilot, settle, "n", "plus")
        await look(app, pilot, settle, "ctrl+p", *"HOSTILE")
        for _ in range(20):
            await pilot.pause(0.05)
        await look(app, pilot, settle)
        await look(app, pilot, settle, "escape")


async def test_a_crm_file_of_hostile_names_previews_and_imports_as_text(db_path, session, tmp_path, settle):
    from kam_tui.services import accounts

    accounts.create_account(session, "Already here")
    names = [n for n in hostile.NAMES if not any(c < " " for c in n)]  # a CSV with C0 controls is refused
    export = tmp_path / "hostile [b].csv"
    lines = ["Account Name,Industry,Billing Country"]
    lines += ['"{}",{},{}'.format(n.replace('"', '""'), hostile.C1, hostile.RTL) for n in names]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await look(app, pilot, settle, "i")
        await pilot.press(*str(export), "enter")
        for _ in range(60):
            await settle(app, pilot)
            if app.screen.plan is not None:
                break
        shown = await look(app, pilot, settle)
        assert "[/]" in shown and "ACME [EMEA]" in shown
        await look(app, pilot, settle, "i")
        for _ in range(60):
            await settle(app, pilot)
            if not isinstance(app.screen, ImportScreen):
                break
        shown = await look(app, pilot, settle)
        assert "[b]bold[/b] [red" in shown and "HOSTILE-LINK" in shown
    assert {n for n in names} <= {a.name for a in accounts.list_accounts(session)}


def test_the_app_on_a_terminal_writes_none_of_the_names_escapes(db_path, gallery):
    keys = [b"\r", *DIGITS[: len(PANES)].encode(), b"1", b"m", b"o", b"c", b"t", b"\x1b", b"T", b"\x1b", b"q"]
    answers = [bytes([k]) if isinstance(k, int) else k for k in keys]
    code, shown = run_on_pty(["--db", str(db_path)], answers, timeout=60, ready=b"\x1b[?1049h")
    assert code == 0, shown[-2000:]
    output = shown.encode("utf-8", "surrogateescape")
    assert hostile.effects(output) == []
    assert b"\x1b]8;" not in output  # no hyperlink of any kind
    assert "Traceback" not in shown
