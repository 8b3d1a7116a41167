"""Render the main screens from the demo data: SVG screenshots for the README,
and the same scenes as plain text for the snapshot tests.

    python -m kam_tui.tui.screenshots [--out screenshots] [--size 120x36] [NAME ...]

Each scene starts a fresh app on a demo database (seeded once, in a temporary
folder, with today's date so "overdue" and "due" mean what they will mean in the
app) and drives it with keys, as a user would, to one screen. Nothing outside
the temporary folder is read or written: the settings file (theme) lives there
too, so every screenshot uses the default theme whatever you picked yourself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kam_tui import clock

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from kam_tui.tui.app import KamApp

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "tests" / "fixtures" / "crm" / "hubspot_companies.csv"
# the import scene types this; `demo_environment` puts the sample there, so the
# screen shows the same short path on every machine
SAMPLE_TYPED = "~/Downloads/hubspot-companies.csv"
SHOWCASE = "Nordvik"  # the demo account with the full plan

Drive = Callable[["Pilot[None]", "KamApp"], Awaitable[None]]
Taken = TypeVar("Taken")


@dataclass(frozen=True)
class Scene:
    name: str  # file name without extension
    title: str  # what the screenshot shows, for the README and the snapshot file
    drive: Drive
    # in the README as a picture; the others are checked as text by the snapshot tests only
    picture: bool = True
    # on a new, empty database beside the demo one (what a first run shows)
    empty: bool = False


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (the account list reads rows in a thread) finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def select_showcase(pilot: Pilot[None]) -> None:
    """Filter the account list down to the showcase account; the cursor sits on it."""
    await press(pilot, "slash")
    await type_text(pilot, SHOWCASE)
    await press(pilot, "down")


async def open_showcase(pilot: Pilot[None], *section_keys: str) -> None:
    await select_showcase(pilot)
    await press(pilot, "enter", *section_keys)


def _workspace(*keys: str) -> Drive:
    async def drive(pilot: Pilot[None], app: KamApp) -> None:
        await open_showcase(pilot, *keys)

    return drive


async def _accounts(pilot: Pilot[None], app: KamApp) -> None:
    pass


async def _scoring(pilot: Pilot[None], app: KamApp) -> None:
    await press(pilot, "m")


async def _import(pilot: Pilot[None], app: KamApp) -> None:
    await press(pilot, "i")
    await type_text(pilot, SAMPLE_TYPED)
    await press(pilot, "enter")


async def _wizard(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "w")


async def _today(pilot: Pilot[None], app: KamApp) -> None:
    await press(pilot, "T")


async def _plan(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "v")


async def _help(pilot: Pilot[None], app: KamApp) -> None:
    await open_showcase(pilot, "m", "question_mark")


async def _welcome(pilot: Pilot[None], app: KamApp) -> None:
    pass  # a first run on an empty database opens on the welcome by itself


async def _filtered(pilot: Pilot[None], app: KamApp) -> None:
    await press(pilot, "slash")
    await type_text(pilot, "bank")


async def _account_form(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "e")


async def _export_form(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "x")


async def _delete_question(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "d")


async def _demote(pilot: Pilot[None], app: KamApp) -> None:
    # the emerging key account out of the key tiers: the hard direction, which asks why
    await press(pilot, "slash")
    await type_text(pilot, "Kessler")
    await press(pilot, "down", "minus")


async def _wizard_move(pilot: Pilot[None], app: KamApp) -> None:
    await select_showcase(pilot)
    await press(pilot, "w", "right", "s")


async def _import_columns(pilot: Pilot[None], app: KamApp) -> None:
    await _import(pilot, app)
    await press(pilot, "m", "enter")


async def _palette(pilot: Pilot[None], app: KamApp) -> None:
    await press(pilot, "ctrl+p")
    # a query only one command matches: hits of equal score arrive in no fixed order
    await type_text(pilot, "scoring matrix")


async def _action_form(pilot: Pilot[None], app: KamApp) -> None:
    # a new action's owner, picked from the people kam knows
    await open_showcase(pilot, "9", "j", "a")
    app.screen.query_one("#in-owner").focus()
    await settle(pilot)
    await type_text(pilot, "ma")


SCENES: tuple[Scene, ...] = (
    Scene("accounts", "The account list: every account, the key ones counted against a limit", _accounts),
    Scene("scoring", "The scoring matrix: which accounts earn key status", _scoring),
    Scene("import", "Importing a CRM export: the preview before anything is written", _import),
    Scene("today", "Today: overdue actions and reviews due, across every account", _today),
    Scene("stakeholder-map", "The stakeholder map: influence against attitude", _workspace("m")),
    Scene("stakeholder-coverage", "Stakeholder coverage: who on our side talks to whom", _workspace("c")),
    Scene("team", "The account team and its roles", _workspace("2")),
    Scene("business", "The customer's business profile", _workspace("3")),
    Scene("swot-changes", "SWOT, with what changed since the last run", _workspace("4", "c")),
    Scene("opportunities", "Opportunities and the pipeline", _workspace("6")),
    Scene("whitespace", "Whitespace: what they buy from us, unit by offering", _workspace("7")),
    Scene("questions", "The growth-plan questions and who finds out", _workspace("8")),
    Scene("goals", "Goals and the actions under them", _workspace("9")),
    Scene("reviews", "Reviews and KPIs", _workspace("0")),
    Scene("wizard", "The five-stage wizard", _wizard),
    Scene("plan", "The plan preview: the whole plan as it will be exported", _plan),
    Scene("help", "Help: this screen's keys and why this part of the plan matters", _help),
    # every other screen, for the snapshot tests
    Scene("welcome", "The first run: what kam is for and three ways in", _welcome, picture=False, empty=True),
    Scene("accounts-filtered", "The account list filtered as you type", _filtered, picture=False),
    Scene("stakeholders", "The stakeholder table", _workspace(), picture=False),
    Scene("stakeholder-org", "The org chart from who reports to whom", _workspace("o"), picture=False),
    Scene("swot", "SWOT: the four quadrants of the latest run", _workspace("4"), picture=False),
    Scene("history", "Our history with them, competitors and partners", _workspace("5"), picture=False),
    Scene("account-form", "The account form", _account_form, picture=False),
    Scene("person-form", "A stakeholder's form", _workspace("e"), picture=False),
    Scene("action-form", "A new action, its owner picked from the people kam knows", _action_form, picture=False),
    Scene("export-form", "Export: the whole plan or the customer's version", _export_form, picture=False),
    Scene("delete-question", "Deleting an account asks first and says what goes with it", _delete_question, False),
    Scene("demote", "Demoting a key account asks why", _demote, picture=False),
    Scene("wizard-move", "Moving the account to the stage in view asks first", _wizard_move, picture=False),
    Scene("import-columns", "Which field a column of the CRM file fills", _import_columns, picture=False),
    Scene("palette", "The command palette", _palette, picture=False),
)


def scene_names() -> list[str]:
    return [s.name for s in SCENES]


def seed_demo_database(folder: Path, today: date | None = None) -> Path:
    from kam_tui.db import new_session, open_database
    from kam_tui.services.demo import seed_demo

    path = folder / "demo.db"
    engine = open_database(path)
    try:
        with new_session(engine) as s:
            seed_demo(s, today=today or clock.today())
    finally:
        engine.dispose()
    return path


async def run_scene(
    scene: Scene,
    db_path: Path,
    size: tuple[int, int],
    take: Callable[[KamApp], Taken],
) -> Taken:
    """Start the app on `db_path`, drive it to `scene`, return `take(app)`."""
    from kam_tui.tui.app import KamApp

    if scene.empty:
        db_path = db_path.with_name(f"empty-{scene.name}.db")
        db_path.unlink(missing_ok=True)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await scene.drive(pilot, app)
        await settle(pilot)
        return take(app)


def screen_text(app: KamApp) -> str:
    """What the terminal shows, as plain text (no colours), one line per row."""
    from rich.console import Console

    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=open(os.devnull, "w"),
        record=True,
        color_system=None,
        legacy_windows=False,
        force_terminal=True,
    )
    # the compositor's full update: every visible widget, modal screens over the screens below
    console.print(app.screen._compositor.render_update(full=True))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.splitlines())


# A font every machine has, and no web font: an SVG shown as an image (the
# README on GitHub) may not fetch one, so the picture would be drawn in one
# font there and another in a browser that can. The cells are laid out at
# 0.6 em a letter, which these fonts share.
FONT_STACK = '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Courier New", monospace'
_WEB_FONT = re.compile(r"@font-face\s*\{[^}]*\}\s*")
_FAMILY = re.compile(r"font-family: Fira Code, monospace;")
_BOLD = re.compile(r";?font-weight: bold")


def portable_svg(svg: str) -> str:
    """The screenshot drawn the same wherever it is shown: local fonts only,
    and no bold (a font without a bold face thickens its letters instead,
    wider than their cell, and the next cell's background then covers them)."""
    svg = _WEB_FONT.sub("", svg)
    svg = _FAMILY.sub(f"font-family: {FONT_STACK};", svg)
    return _BOLD.sub("", svg)


def save_svg(app: KamApp, path: Path, title: str) -> Path:
    app.save_screenshot(filename=path.name, path=str(path.parent))
    # the SVG's window title is the file name by default; say what the screen is
    text = path.read_text(encoding="utf-8").replace(f">{path.name}<", f">kam — {title}<", 1)
    path.write_text(portable_svg(text), encoding="utf-8")
    return path


@contextmanager
def demo_environment(folder: Path, day: date | None = None) -> Iterator[None]:
    """HOME and the config folder inside `folder` while the scenes run: the
    settings file (theme) is the default one, the sample CSV sits at
    SAMPLE_TYPED, and nothing of the user's own is read or written. The day
    is held too (`day`, else today): a run that crosses midnight judges the
    demo by the day it was seeded on."""
    saved = {k: os.environ.get(k) for k in ("HOME", "XDG_CONFIG_HOME", clock.VARIABLE)}
    sample = folder / "home" / SAMPLE_TYPED.removeprefix("~/")
    sample.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE_CSV, sample)
    os.environ["HOME"] = str(folder / "home")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ[clock.VARIABLE] = (day or clock.today()).isoformat()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


async def shoot(out: Path, size: tuple[int, int], names: list[str] | None = None, text: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in SCENES if s.name in names] if names else [s for s in SCENES if s.picture or text]
    written = []
    with tempfile.TemporaryDirectory(prefix="kam-shots-") as tmp, demo_environment(Path(tmp)):
        db_path = seed_demo_database(Path(tmp))
        for scene in chosen:
            if text:
                path = out / f"{scene.name}.txt"
                path.write_text(await run_scene(scene, db_path, size, screen_text) + "\n", encoding="utf-8")
            else:
                path = out / f"{scene.name}.svg"
                await run_scene(scene, db_path, size, partial(save_svg, path=path, title=scene.title))
            written.append(path)
            print(path)
    return written


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"size: {text!r} is not WIDTHxHEIGHT, e.g. 120x36") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kam_tui.tui.screenshots",
        description="Render the main screens from the demo data as SVG files.",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "screenshots", help="folder for the SVGs (default: screenshots/)"
    )
    parser.add_argument("--size", type=parse_size, default=(120, 36), help="terminal size, default 120x36")
    parser.add_argument("--text", action="store_true", help="write plain text (.txt) instead of SVG, to check a layout")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"only these screens: {', '.join(scene_names())}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(scene_names()))
    if unknown:
        parser.error(f"unknown screen {', '.join(unknown)}; choose from {', '.join(scene_names())}")
    asyncio.run(shoot(args.out, args.size, args.names, text=args.text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
