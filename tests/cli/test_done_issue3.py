"""Issue 3, "Done when", checked as a user would on a fresh HOME: init --demo,
list --json, export NAME; and a file that is not ours refused untouched by
every command that opens the database, including plain `kam`."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from kam_tui.backup import list_backups
from kam_tui.lock import WriterLock
from kam_tui.services import demo
from tests import bad_files
from tests.core.test_lock import run_on_pty

LIST_KEYS = {
    "name",
    "tier",
    "stage",
    "industry",
    "country",
    "annual_revenue",
    "currency",
    "employees",
    "crm_id",
    "owner",
}
TIERS = {"existing_key", "emerging_key", "candidate", "not_key"}
STAGES = {"strategy", "research", "action_plan", "execution", "review"}

# Every part of the model that holds data in the demo's main account, by its heading.
SECTION_HEADINGS = [
    "## Strategy",  # account facts, why key, what we want
    "## Key-account score",  # selection criteria and scores
    "## Stakeholders",
    "### Influence x attitude",
    "## Account team",
    "## The customer's business",
    "## SWOT",
    "### Changes since",
    "## Our history with them",
    "### Competitors",
    "### Partners",
    "## Opportunities",
    "## Whitespace",
    "## Growth-plan questions",
    "## Goals and actions",
    "## Stage checklist",
    "## KPIs and reviews",
    "### KPIs",
    "### Review log",
    "### Meeting structure",
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def demo_db(kam, tmp_path):
    db = tmp_path / "fresh" / "plans.db"
    done = kam("--db", str(db), "init", "--demo")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.db"))  # --db wins
    return db


def test_list_json_on_the_demo_has_every_promised_key_with_the_promised_types(kam, demo_db):
    out = kam("--db", str(demo_db), "list", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert sorted(r["name"] for r in rows) == sorted([demo.BANK, demo.MAKER, demo.RETAIL])
    for row in rows:
        assert LIST_KEYS <= set(row), row
        assert row["tier"] in TIERS and row["stage"] in STAGES
        revenue = row["annual_revenue"]
        assert revenue is None or re.fullmatch(r"-?\d+(\.\d+)?", revenue), revenue
        assert row["currency"] is None or re.fullmatch(r"[A-Z]{3}", row["currency"])
        assert row["employees"] is None or isinstance(row["employees"], int)
        for key in ("name", "industry", "country", "crm_id", "owner"):
            assert row[key] is None or isinstance(row[key], str)


def test_export_of_the_demo_has_a_heading_for_every_section_in_screen_order(kam, demo_db):
    out = kam("--db", str(demo_db), "export", demo.BANK)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith(f"# {demo.BANK}\n")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    positions = []
    for wanted in SECTION_HEADINGS:
        found = [i for i, h in enumerate(headings) if h.startswith(wanted)]
        assert found, f"{wanted!r} missing from the export"
        positions.append(found[0])
    assert positions == sorted(positions), "sections out of order"
    for lone in ("| Tier |", "| Annual revenue |"):  # the account facts table
        assert lone in text


def test_export_of_an_unknown_name_exits_1_with_suggestions(kam, demo_db):
    out = kam("--db", str(demo_db), "export", "Nordvik Bnk")
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Nordvik Bank" in out.stderr and "did you mean" in out.stderr


BAD_FILES = bad_files.BAD_FILES
COMMANDS = {
    "list": ["list"],
    "list --json": ["list", "--json"],
    "export": ["export", "Acme"],
    "init": ["init"],
    "init --demo": ["init", "--demo"],
    "plain kam": [],
}


@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
@pytest.mark.parametrize("kind", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_file_that_is_not_ours_gets_one_line_nonzero_and_stays_byte_identical(kam, tmp_path, kind, command):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    BAD_FILES[kind](path)
    before, files_before = digest(path), listing(folder)
    out = kam("--db", str(path), *COMMANDS[command], input="")  # stdin is not a terminal
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("kam: ") and "Traceback" not in out.stderr
    assert ("newer version" in lines[0]) if kind == "newer version" else ("not a kam database" in lines[0])
    assert out.stdout == ""
    assert digest(path) == before
    assert listing(folder) == files_before  # no -wal, -shm, lock or backup left beside it


def test_kam_demo_takes_the_writer_lock_like_kam(tmp_path):
    """`kam demo` opens through commands/open_app.run_app: a second kam on the
    same demo file is asked, not let in."""
    db = tmp_path / "demo.db"
    from kam_tui.demo_db import prepare_demo_db

    prepare_demo_db(db)
    with WriterLock(db, "kam"):
        before = digest(db)
        code, shown = run_on_pty(["demo", "--db", str(db)], [b"q\r"])
    assert code == 1, shown
    assert "open in another kam" in shown and "Traceback" not in shown
    assert digest(db) == before


def test_kam_demo_makes_the_start_up_backup_like_kam(tmp_path):
    db = tmp_path / "demo.db"
    assert list_backups(db) == []
    code, shown = run_on_pty(["demo", "--db", str(db)], [b"q"], ready=b"Key accounts")
    assert code == 0, shown
    assert "\x1b[?1049h" in shown  # the app took the screen before q closed it
    backups = list_backups(db)
    assert [b.reason for b in backups] == ["start"]
    assert stat_mode(backups[0].path) == 0o600


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
