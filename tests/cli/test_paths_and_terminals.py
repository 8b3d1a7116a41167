"""Where the database is and what kam runs on: a path is a file name (`?`
and `#` included), only `kam init` and `kam demo` make a database, the app
without a terminal says so at once, files are kept 0600 however they came,
a clean exit leaves one file, and a journal left beside a file copied in by
hand is never applied without a word."""

from __future__ import annotations

import os
import shlex
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kam_tui.backup import list_backups
from tests.account_files import make_db, names_in
from tests.pseudo_terminal import PtySession

ROOT = Path(__file__).parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", ["a?b.db", "#1.db", "x#y?z=1.db", "100%.db"])
def test_a_database_path_is_a_file_name_whatever_it_holds(kam, tmp_path, name):
    folder = tmp_path / "q"
    folder.mkdir()
    db = folder / name
    assert kam("init", "--demo", db=db).returncode == 0
    assert db.is_file() and mode(db) == 0o600
    assert {p.name for p in folder.iterdir()} <= {name, f"{name}.lock"}  # nothing hidden made beside it
    listed = kam("list", db=db)
    assert listed.returncode == 0 and "Nordvik Bank" in listed.stdout, listed.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("today",),
        ("export", "Acme"),
        ("export", "--all", "-o", "PLANS"),
        ("backup",),
        ("import", "CRM"),
        ("import", "CRM", "--dry-run"),
        (),
    ],
    ids=["list", "today", "export", "export all", "backup", "import", "import dry run", "the app"],
)
def test_only_init_and_demo_make_a_database_every_other_command_says_how(kam, tmp_path, args):
    crm = tmp_path / "crm.csv"
    crm.write_text("Account Name,Billing Country\nAcme,Norway\n", encoding="utf-8")
    args = tuple(str(crm) if a == "CRM" else str(tmp_path / "plans") if a == "PLANS" else a for a in args)
    before = sorted(p.name for p in tmp_path.iterdir())
    for db, words in ((tmp_path / "typo.db", "does not exist"), (tmp_path / "no-such" / "kam.db", "folder")):
        result = kam(*args, db=db, input="")
        assert result.returncode == 1, result.stdout + result.stderr
        [line] = result.stderr.strip().splitlines()
        assert words in line and "kam init --db" in line and "Traceback" not in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing made


def test_the_app_without_a_terminal_says_so_and_leaves_at_once(kam, tmp_path):
    db = make_db(tmp_path / "data" / "kam.db", "Acme")
    files = sorted(p.name for p in db.parent.iterdir())
    for args in ((), ("demo",)):
        started = time.monotonic()
        result = kam(*args, db=db if args == () else None, input="")
        assert time.monotonic() - started < 15
        assert result.returncode == 2, result.stdout + result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "needs a terminal" in line and "kam list" in line
        assert "\x1b" not in result.stdout + result.stderr  # not one escape code written
    assert sorted(p.name for p in db.parent.iterdir()) == files  # no start-up copy


def test_the_app_with_its_output_in_a_pipe_says_so_and_leaves_at_once(tmp_path):
    db = make_db(tmp_path / "kam.db", "Acme")
    keyboard, terminal = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "kam_tui", "--db", str(db)],
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        os.close(keyboard)
        os.close(terminal)
    assert proc.returncode == 2
    assert "needs a terminal" in proc.stderr and "output" in proc.stderr
    assert proc.stdout == ""


def test_a_database_made_readable_by_others_is_kept_to_its_owner_with_its_journal(kam, tmp_path):
    db = make_db(tmp_path / "kam.db", "Acme")
    old = os.umask(0)
    try:
        db.chmod(0o644)
        # another program has it open: its -wal and -shm come out as the file is, 0644
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("UPDATE account SET notes = 'x'")
        con.commit()
        journal = [Path(f"{db}-wal"), Path(f"{db}-shm")]
        assert [mode(p) for p in journal] == [0o644, 0o644]
        assert kam("list", db=db).returncode == 0
        assert [mode(p) for p in (db, *journal)] == [0o600, 0o600, 0o600]
        con.close()
    finally:
        os.umask(old)


def test_the_app_tightens_the_file_and_a_clean_exit_leaves_no_journal(tmp_path):
    db = make_db(tmp_path / "kam.db", "Acme")
    db.chmod(0o644)
    app = PtySession(["--db", str(db)])
    try:
        app.wait_for(b"Acme")
        app.type("\r")
        app.wait_for(b"Stakeholders")
        assert mode(db) == 0o600 and mode(Path(f"{db}-wal")) == 0o600  # while it runs
        app.type("\x1b")
        app.read(0.5)
        app.type("q")
        assert app.wait() == 0
    finally:
        app.close()
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()


HOLD_A_JOURNAL = """
import sys, time
from pathlib import Path
from kam_tui.store.engine import new_session, open_database
from kam_tui.services import accounts
engine = open_database(Path(sys.argv[1]))
with new_session(engine) as s:
    accounts.create_account(s, "Only in the old journal")
print("written", flush=True)
time.sleep(60)
"""


def test_a_journal_left_beside_a_file_copied_in_by_hand_is_not_applied_silently(kam, tmp_path):
    db = make_db(tmp_path / "kam.db", "Old file")
    # a session that never ended leaves its journal: killed with edits in it
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_JOURNAL, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() == "written"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert Path(f"{db}-wal").stat().st_size > 0
    # ...then a plan from another computer is copied over the file by hand
    other = make_db(tmp_path / "laptop.db", *[f"Brought over {i}" for i in range(20)])
    db.write_bytes(other.read_bytes())
    result = kam("list", db=db)
    assert result.returncode in (0, 1), result.stderr
    note = [line for line in result.stderr.splitlines() if "journal" in line]
    assert note and "kam restore" in note[0] and "Traceback" not in result.stderr, result.stderr
    [kept] = [b for b in list_backups(db) if b.reason == "journal"]
    assert kept.path.read_bytes() == other.read_bytes()  # the file as it was copied in
    argv = shlex.split(note[0].split("`")[1])
    restored = kam(*argv[1:])
    assert restored.returncode == 0, restored.stderr
    assert names_in(db) == sorted(f"Brought over {i}" for i in range(20))
