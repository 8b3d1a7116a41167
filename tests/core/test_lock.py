"""One writer: a second kam is told plainly where the database is open."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kam_tui.db import ReadOnlyDatabase, new_session, open_database
from kam_tui.lock import DatabaseInUse, WriterLock, held_here, lock_path
from kam_tui.services import accounts
from tests.bad_files import digest
from tests.pseudo_terminal import run_on_pty

HOLDER = """
import sys, time
from kam_tui.lock import WriterLock
lock = WriterLock(sys.argv[1], "kam").acquire()
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(db_path):
    """Another process holding the writer lock, as a running app does."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def make_db(path: Path, *names: str) -> None:
    engine = open_database(path)
    with new_session(engine) as s:
        for n in names:
            accounts.create_account(s, n)
    engine.dispose()


def test_second_lock_is_refused_naming_the_holder(db_path, holder):
    with pytest.raises(DatabaseInUse) as info:
        WriterLock(db_path).acquire()
    message = str(info.value)
    assert "open in another kam" in message and f"process {holder.pid}" in message
    assert "\n" not in message
    assert stat.S_IMODE(lock_path(db_path).stat().st_mode) == 0o600


def test_lock_of_a_killed_process_is_free_at_once(db_path, holder):
    with pytest.raises(DatabaseInUse):
        WriterLock(db_path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with WriterLock(db_path) as lock:
        assert lock.held and held_here(db_path)
    assert not held_here(db_path)


def test_write_from_a_second_process_is_refused_and_changes_nothing(db_path):
    make_db(db_path, "Acme")
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        engine = open_database(db_path)
        with new_session(engine) as s:
            # reading is fine while the other kam runs
            assert [a.name for a in accounts.list_accounts(s)] == ["Acme"]
            with pytest.raises(DatabaseInUse) as info:
                accounts.create_account(s, "Bolt")
            assert "open in another kam" in str(info.value)
            s.rollback()
        proc.kill()
        proc.wait()
        with new_session(engine) as s:
            accounts.create_account(s, "Bolt")
            assert [a.name for a in accounts.list_accounts(s)] == ["Acme", "Bolt"]
        engine.dispose()
    finally:
        proc.kill()
        proc.wait()


def test_app_on_a_held_database_without_a_terminal_leaves_with_one_line(kam, db_path):
    make_db(db_path, "Acme")
    with WriterLock(db_path, "kam"):
        before = digest(db_path)
        result = kam(db=db_path, input="")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "locked" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "open in another kam" in result.stderr
    assert digest(db_path) == before


def test_second_kam_on_a_terminal_can_leave(db_path):
    make_db(db_path, "Acme")
    with WriterLock(db_path, "kam"):
        code, shown = run_on_pty(["--db", str(db_path)], [b"q\r"])
    assert code == 1
    assert "open in another kam" in shown and "read-only [r] or quit [q]" in shown
    assert "Traceback" not in shown


def test_second_kam_on_a_terminal_can_open_read_only(db_path):
    make_db(db_path, "Acme")
    with WriterLock(db_path, "kam"):
        before = digest(db_path)
        code, shown = run_on_pty(["--db", str(db_path)], [b"r\r", b"q"])
    assert code == 0, shown
    after = shown.split("quit [q]?", 1)[1]
    assert "\x1b[?1049h" in after  # the app took the screen (and q closed it again)
    assert "Traceback" not in shown
    assert digest(db_path) == before


async def test_read_only_app_refuses_writes_with_a_reason(db_path):
    from kam_tui.tui.app import KamApp

    make_db(db_path, "Acme")
    before = digest(db_path)
    app = KamApp(db_path=db_path, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        from kam_tui.tui.screenshots import screen_text

        # the header says so before any edit is refused, whatever the screen's own title
        assert "READ-ONLY kam — Accounts" in screen_text(app).splitlines()[0]
        with app.session() as s:
            assert [a.name for a in accounts.list_accounts(s)] == ["Acme"]
            with pytest.raises(ReadOnlyDatabase) as info:
                accounts.create_account(s, "Bolt")
            app.report_error(info.value)
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("open read-only" in m for m in shown)
    app.engine.dispose()
    assert digest(db_path) == before


def test_another_program_holding_sqlite_busy_is_a_message_not_a_traceback(db_path):
    """Not kam (a sqlite3 shell, a sync tool) holds a write transaction: after the
    busy timeout the edit fails with one line and nothing is half-saved."""
    from kam_tui.db import StorageError

    make_db(db_path, "Acme")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("begin immediate")
    try:
        engine = open_database(db_path)
        with new_session(engine) as s:
            with pytest.raises(StorageError) as info:
                accounts.create_account(s, "Bolt")
        engine.dispose()
    finally:
        other.execute("rollback")
        other.close()
    message = str(info.value)
    assert "busy in another program" in message and "not saved" in message and "\n" not in message
    engine = open_database(db_path)
    with new_session(engine) as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme"]
    engine.dispose()


def test_a_command_inside_the_process_that_holds_the_lock_shares_it(db_path):
    """The app holds the lock and runs an import in a worker: no refusal, and
    the inner release does not free the app's lock."""
    make_db(db_path, "Acme")
    with WriterLock(db_path, "kam") as app_lock:
        with WriterLock(db_path, "import") as inner:
            assert inner.held
        assert app_lock.held and held_here(db_path)
        proc = subprocess.run(
            [sys.executable, "-c", HOLDER.replace('print("held"', 'print("nope"'), str(db_path)],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        )
        assert "DatabaseInUse" in proc.stderr  # still held for everyone else
    assert not held_here(db_path)
