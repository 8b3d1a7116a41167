"""Snapshot tests: every screen, rendered from the demo data at 80x24 (the
smallest terminal kam is made for) and at 120x36, compared as plain text with
tests/snapshots/<size>/<screen>.txt.

A change that breaks a screen (a clipped footer, a missing column, a pane that
no longer fills its space) changes the text and fails here. The demo is seeded
and judged as of one fixed day (KAM_TODAY), so "5d late" and a renewal's
"in 55d" are the same on any day the tests run, leap years included. Dates are
masked as well (digits of 2026-11-23 and 2026-Q4 become #).

After an intended change, look at the diff, then rewrite the snapshots:

    KAM_UPDATE_SNAPSHOTS=1 python -m pytest tests/tui/test_snapshots.py

and look at `git diff tests/snapshots/` before committing them.
"""

from __future__ import annotations

import difflib
import os
import re
from datetime import date
from pathlib import Path

import pytest

from kam_tui.tui import screenshots

SNAPSHOTS = Path(__file__).parents[1] / "snapshots"
SIZES = ((80, 24), (120, 36))
UPDATE = os.environ.get("KAM_UPDATE_SNAPSHOTS") == "1"

DATE = re.compile(r"\b\d{4}-(\d{2}-\d{2}|Q\d)\b")


def mask(text: str) -> str:
    """Dates become ####-##-## (same width, so columns stay where they were)."""
    return DATE.sub(lambda m: re.sub(r"\d", "#", m.group(0)), text)


# the day the snapshots were taken on; a month of 12 counts days differently
# across a 29 February, so a day relative to today alone would not hold them
SNAPSHOT_DAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snapshots")
    # each scene's own demo_environment keeps the day this one set
    with screenshots.demo_environment(folder, day=SNAPSHOT_DAY):
        yield screenshots.seed_demo_database(folder)


def compare(name: str, size: tuple[int, int], actual: str) -> None:
    path = SNAPSHOTS / f"{size[0]}x{size[1]}" / f"{name}.txt"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {path.name}; create it with KAM_UPDATE_SNAPSHOTS=1")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"snapshots/{path.parent.name}/{path.name}",
                tofile="screen now",
            )
        )
        pytest.fail(f"screen {name!r} changed (KAM_UPDATE_SNAPSHOTS=1 rewrites it if intended):\n{diff}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", screenshots.SCENES, ids=lambda s: s.name)
async def test_screen_matches_its_snapshot(scene, size, demo_db, tmp_path):
    # each scene on its own copy, so one scene's side effects cannot leak into the next
    db = tmp_path / "demo.db"
    db.write_bytes(demo_db.read_bytes())
    with screenshots.demo_environment(tmp_path):
        text = await screenshots.run_scene(scene, db, size, screenshots.screen_text)
    lines = text.splitlines()
    assert len(lines) == size[1], "the whole terminal is rendered"
    assert any(line.strip() for line in lines[1:-1]), "the screen shows something"
    compare(scene.name, size, mask(text) + "\n")


def test_every_snapshot_is_of_a_screen_still_shown():
    names = {scene.name for scene in screenshots.SCENES}
    for size in SIZES:
        folder = SNAPSHOTS / f"{size[0]}x{size[1]}"
        stale = sorted(p.stem for p in folder.glob("*.txt") if p.stem not in names)
        assert not stale, f"snapshots of screens no scene renders: {stale} in {folder}"


def test_mask_keeps_columns_and_hides_only_dates():
    assert mask("2026-11-03 20d late  2026-Q4  26.4  SEK 48.2bn") == "####-##-## 20d late  ####-Q#  26.4  SEK 48.2bn"
