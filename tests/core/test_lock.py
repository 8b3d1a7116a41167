"""One writer: a second kam is told plainly where the database is open."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kam_tui.db import ReadOnlyDatabase, new_session, open_database
from kam_tui.lock import DatabaseInUse, WriterLock, held_here, lock_path
from kam_tui.services import accounts
from tests.account_files import make_db
from tests.bad_files import digest
from tests.pseudo_terminal import run_on_pty

HOLDER = """
import sys, time
from kam_tui.lock import WriterLock
lock = WriterLock(sys.argv[1], "kam").acquire()
print("held", flush=True)
time.sleep(60)
"""


@contextlib.contextmanager
def held_by_another_process(db_path: Path) -> Iterator[subprocess.Popen]:
    """Another process holding the writer lock, as a running app does."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def holder(db_path):
    with held_by_another_process(db_path) as proc:
        yield proc


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


# ---- the lock belongs to the file, not to the name it is reached by


@pytest.fixture
def held_elsewhere(db_path):
    """kam.db with ten accounts, held by another process as a running app holds it."""
    make_db(db_path, *[f"Account {i}" for i in range(10)])
    with held_by_another_process(db_path):
        yield db_path


def crm_file(tmp_path: Path) -> Path:
    csv = tmp_path / "crm.csv"
    csv.write_text("Account Name,Billing Country\n" + "".join(f"New {i},Norway\n" for i in range(50)), encoding="utf-8")
    return csv


def test_a_second_name_for_the_database_cannot_write_it_while_the_app_has_it(kam, held_elsewhere, tmp_path):
    db = held_elsewhere
    other = tmp_path / "other.db"
    os.link(db, other)
    before = digest(db)
    result = kam("import", str(crm_file(tmp_path)), db=other)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "2 names" in line and "read-only" in line
    assert digest(db) == before
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert con.execute("select count(*) from account").fetchone()[0] == 10
    con.close()


def test_a_database_with_two_names_is_refused_for_writing_until_it_has_one(kam, db_path, tmp_path):
    make_db(db_path, "Acme")
    other = tmp_path / "other.db"
    os.link(db_path, other)
    for name in (db_path, other):
        result = kam("import", str(crm_file(tmp_path)), db=name)
        assert result.returncode == 1 and "2 names" in result.stderr, result.stderr
        assert "Acme" in kam("list", db=name).stdout  # reading is fine
    other.unlink()
    assert kam("import", str(crm_file(tmp_path)), db=db_path).returncode == 0


def test_the_app_on_a_database_with_two_names_opens_read_only_and_says_why(db_path, tmp_path):
    make_db(db_path, "Acme")
    os.link(db_path, tmp_path / "other.db")
    before = digest(db_path)
    code, shown = run_on_pty(["--db", str(db_path)], [b"r\r", b"q"])
    assert code == 0, shown
    question, app = shown.split("quit [q]?", 1)
    assert "2 names" in question
    assert "READ-ONLY" in app
    assert digest(db_path) == before


def test_a_symbolic_link_to_the_database_finds_the_same_lock(held_elsewhere, tmp_path):
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(held_elsewhere)
    assert lock_path(link) == lock_path(held_elsewhere)
    with pytest.raises(DatabaseInUse):
        WriterLock(link).acquire()


class ByteRangeLocking:
    """msvcrt's locking() on a system that has no msvcrt: lockf on `n` bytes
    from the file's position, never waiting, which is what locking() does on
    Windows. It stands in for the OS, so WindowsLock runs here as it does there."""

    LK_UNLCK, LK_NBLCK = 0, 2

    @staticmethod
    def locking(fd: int, mode: int, n: int) -> None:
        import fcntl

        fcntl.lockf(fd, fcntl.LOCK_UN if mode == 0 else fcntl.LOCK_EX | fcntl.LOCK_NB, n, 0, os.SEEK_CUR)


WINDOWS_HOLDER = """
import sys, time
from kam_tui.lock import WindowsLock, WriterLock
from tests.core.test_lock import ByteRangeLocking
WriterLock(sys.argv[1], "kam", WindowsLock(ByteRangeLocking)).acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_the_windows_lock_keeps_a_second_writer_out_and_names_the_holder(db_path):
    from kam_tui.lock import WindowsLock

    make_db(db_path, "Acme")
    root = Path(__file__).parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOWS_HOLDER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseInUse) as info:
            WriterLock(db_path, "import", WindowsLock(ByteRangeLocking)).acquire()
        assert f"process {proc.pid}" in str(info.value)  # the note is readable beside the locked byte
        proc.kill()
        proc.wait()
        with WriterLock(db_path, "import", WindowsLock(ByteRangeLocking)) as lock:
            assert lock.held
    finally:
        proc.kill()
        proc.wait()


def test_where_no_lock_can_be_taken_it_says_so_and_never_goes_on_without(db_path):
    import errno

    from kam_tui.lock import LockUnavailable

    class NoLocks:
        """A file system that keeps no locks (some network shares): flock fails with ENOLCK."""

        def take(self, fd: int) -> bool:
            raise OSError(errno.ENOLCK, "No locks available")

        def give_back(self, fd: int) -> None:
            pass

    make_db(db_path, "Acme")
    with pytest.raises(LockUnavailable) as info:
        WriterLock(db_path, "kam", NoLocks()).acquire()
    assert "cannot lock files" in str(info.value) and "read-only" in str(info.value)
    assert not held_here(db_path)
