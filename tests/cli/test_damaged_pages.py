"""A damaged page behind an intact header (a disk that lost a block, a broken
index): every command that reads the whole file, and the app, end in the one
refusal: what was found, that the file was left untouched, and the latest good
backup of this very file with the exact command that puts it back. Never a
traceback, never "your data is fine"; the file stays byte for byte as it was,
and the command named brings the data back."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from kam_tui.backup import list_backups
from tests.account_files import names_in
from tests.bad_files import digest, zero_page
from tests.pseudo_terminal import run_on_pty


def refusal(result, db: Path) -> str:
    """The one line a damaged file gets, checked: it names this file's latest backup."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "is damaged" in line and "fine" not in line, line
    latest = list_backups(db)[-1].path
    assert f"The latest good backup is {latest.name}" in line, line
    return line


@pytest.fixture
def backed_up(kam, tmp_path) -> Path:
    """The demo plans in a file, with a backup of it taken while it was whole."""
    db = tmp_path / "plans.db"
    assert kam("init", "--demo", db=db).returncode == 0
    assert kam("backup", db=db).returncode == 0
    return db


@pytest.mark.parametrize("damaged", ["stakeholder", "sqlite_autoindex_account_1"], ids=["table page", "index page"])
def test_every_command_that_reads_the_file_whole_refuses_it_naming_the_backup(kam, backed_up, tmp_path, damaged):
    db = backed_up
    zero_page(db, damaged)
    before = digest(db)
    crm = tmp_path / "crm.csv"
    crm.write_text("Account Name,Billing Country\nNew One,Norway\n", encoding="utf-8")
    for args in (
        ("export", "Nordvik Bank"),  # one plan is not read whole, but both damaged pages lie on its path
        ("export", "--all", "-o", str(tmp_path / "plans")),
        ("backup",),
        ("backup", "-o", str(tmp_path / "copy.db")),
        ("import", str(crm)),
        ("import", str(crm), "--dry-run"),
    ):
        refusal(kam(*args, db=db), db)
        assert digest(db) == before, args
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "plans").exists()
    # the command it names puts the whole file back
    command = refusal(kam("backup", db=db), db).split("`")[1]
    argv = shlex.split(command)
    assert argv[:2] == ["kam", "restore"]
    assert kam(*argv[1:]).returncode == 0
    assert names_in(db) == ["Brightmart Stores", "Kessler Antriebstechnik", "Nordvik Bank"]
    assert kam("export", "--all", "-o", str(tmp_path / "plans"), db=db).returncode == 0


def test_the_app_on_a_file_whose_page_is_damaged_refuses_it_before_it_opens(kam, backed_up):
    db = backed_up
    zero_page(db, "stakeholder")  # the file's times change: a start-up copy is tried, and fails its check
    before = digest(db)
    code, shown = run_on_pty(["--db", str(db)], [], timeout=30)
    assert code == 1, shown
    assert "is damaged" in shown and "kam restore" in shown and list_backups(db)[-1].path.name in shown
    assert "Traceback" not in shown and "fine" not in shown
    assert b"\x1b[?1049h" not in shown.encode()  # refused on the terminal, before the app took it over
    assert digest(db) == before


def test_damage_the_start_cannot_see_is_found_by_the_page_check_and_stops_the_app(kam, backed_up):
    db = backed_up
    zero_page(db, "stakeholder", keep_mtime=True)  # unchanged times: no start-up copy to find it
    before = digest(db)
    code, shown = run_on_pty(["--db", str(db)], [b"q"], timeout=40, ready=b"This database is damaged")
    assert code == 1, shown
    after_the_app = shown.rsplit("\x1b[?1049l", 1)[-1]  # what stays on the terminal
    assert "is damaged" in after_the_app and "kam restore" in after_the_app, after_the_app
    assert "Traceback" not in shown
    assert digest(db) == before
