"""Looks: the theme chosen in the palette is remembered between runs (a
settings file in the platformdirs config folder); NO_COLOR gives a colourless
screen."""

from __future__ import annotations

import json
import re

from textual.filter import Monochrome

from kam_tui.services import accounts
from kam_tui.settings import Settings, load_settings, save_settings, settings_path
from kam_tui.tui.app import KamApp

SIZE = (120, 36)


def test_the_settings_file_lives_in_the_config_folder(tmp_path):
    # conftest points XDG_CONFIG_HOME into tmp_path
    assert settings_path() == tmp_path / "xdg-config" / "kam_tui" / "settings.json"


async def test_the_theme_picked_in_the_palette_is_used_next_time(db_path, session, settle, wait_for_hits):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p", *"theme")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")  # Textual's theme picker
        await settle(app, pilot)
        await pilot.press(*"gruvbox")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == "gruvbox"
    assert json.loads(settings_path().read_text())["theme"] == "gruvbox"

    again = KamApp(db_path=db_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.theme == "gruvbox"


async def test_an_unknown_saved_theme_falls_back_to_the_default(db_path, session, settle):
    accounts.create_account(session, "Acme")
    save_settings(Settings(theme="no-such-theme"))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
    assert load_settings().theme == "no-such-theme"  # not rewritten until the user picks one


async def test_a_settings_file_that_cannot_be_written_is_said_not_raised(db_path, session, tmp_path, settle):
    accounts.create_account(session, "Acme")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    app = KamApp(db_path=db_path, settings_file=blocked / "settings.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"  # as the picker does
        await settle(app, pilot)
        assert app.theme == "nord"
        assert any("not remembered" in str(n.message) for n in app._notifications)


# the SVG's window frame, not the app: the three title-bar dots and the title text
FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}


def _fills(svg: str) -> set[str]:
    found = set(re.findall(r"fill:\s*(#[0-9a-fA-F]{6})", svg)) | set(re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg))
    return {c.lower() for c in found} - FRAME


def _grey(colour: str) -> bool:
    r, g, b = colour[1:3], colour[3:5], colour[5:7]
    return r == g == b


async def _screenshot(db_path, settle) -> tuple[KamApp, str]:
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        svg = app.export_screenshot()
    return app, svg


async def test_no_color_gives_a_grey_screen(db_path, session, monkeypatch, settle):
    accounts.create_account(session, "Acme")
    monkeypatch.delenv("NO_COLOR", raising=False)
    app, coloured = await _screenshot(db_path, settle)
    assert not app.no_color
    assert any(not _grey(c) for c in _fills(coloured))  # the control: colours without NO_COLOR

    monkeypatch.setenv("NO_COLOR", "1")
    app, plain = await _screenshot(db_path, settle)
    assert app.no_color
    assert any(isinstance(f, Monochrome) for f in app.get_line_filters())
    fills = _fills(plain)
    assert fills and all(_grey(c) for c in fills), sorted(c for c in fills if not _grey(c))


async def test_switch_theme_by_that_name(db_path, session, settle, wait_for_hits):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"switch theme")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press(*"nord")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == "nord"
    assert load_settings().theme == "nord"
