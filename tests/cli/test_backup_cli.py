"""`kam backup`, `kam restore`, and what `kam` says about damaged or newer files."""

from __future__ import annotations

import shlex
import sqlite3
import stat
from pathlib import Path

from kam_tui.backup import list_backups
from kam_tui.db import SCHEMA_VERSION
from kam_tui.lock import WriterLock
from tests.account_files import make_db, names_in
from tests.bad_files import digest
from tests.command_output import one_line_error


def test_kam_backup_writes_a_checked_copy(kam, db_path):
    make_db(db_path, "Acme")
    result = kam("backup", db=db_path)
    assert result.returncode == 0, result.stderr
    [b] = list_backups(db_path)
    assert str(b.path) in result.stdout and "checked" in result.stdout
    assert names_in(b.path) == ["Acme"]


def test_kam_backup_to_a_named_file_refuses_to_overwrite(kam, db_path, tmp_path):
    make_db(db_path, "Acme")
    out = tmp_path / "elsewhere" / "copy.db"
    assert kam("backup", "-o", str(out), db=db_path).returncode == 0
    assert names_in(out) == ["Acme"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = digest(out)
    again = kam("backup", "-o", str(out), db=db_path)
    one_line_error(again)
    assert "already exists" in again.stderr
    assert digest(out) == before


def test_kam_backup_without_a_database_says_so(kam, db_path):
    result = kam("backup", db=db_path)
    one_line_error(result)
    assert "does not exist" in result.stderr
    assert not db_path.exists()


def test_restore_puts_a_backup_back_and_keeps_the_file_it_replaced(kam, db_path):
    make_db(db_path, "Acme")
    assert kam("backup", db=db_path).returncode == 0
    [saved] = list_backups(db_path)
    make_db(db_path, "Wrong turn")
    result = kam("restore", str(saved.path), db=db_path)
    assert result.returncode == 0, result.stderr
    assert names_in(db_path) == ["Acme"]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    kept = [b for b in list_backups(db_path) if b.reason == "restore"]
    assert len(kept) == 1 and names_in(kept[0].path) == ["Acme", "Wrong turn"]
    assert str(kept[0].path) in result.stdout
    # the restored file opens normally and takes edits
    make_db(db_path, "After")
    assert names_in(db_path) == ["Acme", "After"]


def test_restore_refuses_what_is_not_a_kam_database(kam, db_path, tmp_path):
    make_db(db_path, "Acme")
    before = digest(db_path)
    text = tmp_path / "notes.db"
    text.write_text("hello")
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("create table t(x)")
    con.commit()
    con.close()
    for bad, words in (
        (text, "not a kam database"),
        (foreign, "another program"),
        (tmp_path / "no.db", "does not exist"),
    ):
        result = kam("restore", str(bad), db=db_path)
        one_line_error(result)
        assert "not restored" in result.stderr and words in result.stderr
    assert digest(db_path) == before
    assert list_backups(db_path) == []


def test_restore_refuses_a_file_from_a_newer_version(kam, db_path, tmp_path):
    make_db(db_path, "Acme")
    newer = make_db(tmp_path / "newer.db", "Future")
    con = sqlite3.connect(newer)
    con.execute(f"pragma user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = digest(db_path)
    result = kam("restore", str(newer), db=db_path)
    one_line_error(result)
    assert "newer version" in result.stderr
    assert digest(db_path) == before


def test_restore_is_refused_while_the_app_holds_the_database(kam, db_path, tmp_path):
    make_db(db_path, "Acme")
    other = make_db(tmp_path / "other.db", "Other")
    before = digest(db_path)
    with WriterLock(db_path, "kam"):
        result = kam("restore", str(other), db=db_path)
    one_line_error(result)
    assert "open in another kam" in result.stderr
    assert digest(db_path) == before


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def test_damaged_database_is_left_alone_and_the_latest_backup_offered(kam, db_path):
    make_db(db_path, *[f"Account {i}" for i in range(150)])
    assert kam("backup", db=db_path).returncode == 0
    truncate(db_path)
    damaged = digest(db_path)
    for args in ((), ("backup",), ("init",)):
        result = kam(*args, db=db_path)
        one_line_error(result)
        assert "damaged" in result.stderr and "kam restore" in result.stderr
        assert digest(db_path) == damaged
    # the command it names is the one that brings the data back
    command = result.stderr.split("`")[1]
    argv = shlex.split(command)
    assert argv[:2] == ["kam", "restore"]
    restored = kam(*argv[1:])
    assert restored.returncode == 0, restored.stderr
    assert len(names_in(db_path)) == 150
    # the damaged file was kept, byte for byte
    [kept] = [b for b in list_backups(db_path) if b.reason == "replaced"]
    assert digest(kept.path) == damaged


def test_the_damage_message_names_a_backup_of_this_very_file_only(kam, tmp_path):
    """work.db and work.sqlite side by side: each has its own copies, and the
    way back offered for one never restores the other's data."""
    work_db = make_db(tmp_path / "work.db", *[f"From work.db {i}" for i in range(150)])
    work_sqlite = make_db(tmp_path / "work.sqlite", *[f"From work.sqlite {i}" for i in range(150)])
    assert kam("backup", db=work_db).returncode == 0
    truncate(work_sqlite)
    result = kam("backup", db=work_sqlite)
    one_line_error(result)
    assert "damaged" in result.stderr and "kam restore" not in result.stderr  # work.db's copy is not its own
    restore_file_of(kam, work_sqlite)  # back as it was, for the next part
    assert kam("backup", db=work_sqlite).returncode == 0
    truncate(work_sqlite)
    result = kam("backup", db=work_sqlite)
    one_line_error(result)
    argv = shlex.split(result.stderr.split("`")[1])
    assert kam(*argv[1:]).returncode == 0
    assert names_in(work_sqlite) == sorted(f"From work.sqlite {i}" for i in range(150))
    assert names_in(work_db) == sorted(f"From work.db {i}" for i in range(150))


def restore_file_of(kam, path: Path) -> None:
    """A damaged file made whole again from scratch (no backup of it exists)."""
    path.unlink()
    make_db(path, *[f"From {path.name} {i}" for i in range(150)])


def test_garbage_in_place_of_the_database_names_the_backup(kam, db_path):
    make_db(db_path, "Acme")
    assert kam("backup", db=db_path).returncode == 0
    db_path.write_bytes(b"\x00garbage" * 1000)
    result = kam(db=db_path)
    one_line_error(result)
    assert "not a kam database" in result.stderr and "kam restore" in result.stderr


def test_damaged_database_without_backups_is_refused_plainly(kam, db_path):
    make_db(db_path, *[f"Account {i}" for i in range(150)])
    truncate(db_path)
    result = kam(db=db_path)
    one_line_error(result)
    assert "damaged" in result.stderr and "kam restore" not in result.stderr


def test_newer_database_is_refused_by_the_app_and_commands(kam, db_path):
    make_db(db_path, "Acme")
    con = sqlite3.connect(db_path)
    con.execute(f"pragma user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    assert kam("backup", db=db_path).returncode == 1  # refused before copying
    before = digest(db_path)
    for args in ((), ("init",), ("backup",)):
        result = kam(*args, db=db_path)
        one_line_error(result)
        assert "newer version" in result.stderr and "upgrade kam" in result.stderr
    assert digest(db_path) == before


def test_opening_the_app_backs_up_changed_data_once(db_path):
    from tests.pseudo_terminal import run_on_pty

    make_db(db_path, "Acme")
    code, shown = run_on_pty(["--db", str(db_path)], [b"q"], ready=b"\x1b[?1049h")
    assert code == 0, shown
    [first] = list_backups(db_path)
    assert first.reason == "start" and names_in(first.path) == ["Acme"]
    # nothing changed: the next start copies nothing
    code, shown = run_on_pty(["--db", str(db_path)], [b"q"], ready=b"\x1b[?1049h")
    assert code == 0, shown
    assert list_backups(db_path) == [first]
    make_db(db_path, "Bolt")
    code, shown = run_on_pty(["--db", str(db_path)], [b"q"], ready=b"\x1b[?1049h")
    assert [names_in(b.path) for b in list_backups(db_path)][-1] == ["Acme", "Bolt"]


def test_restoring_an_old_copy_that_thinning_removes_still_works(kam, db_path):
    from datetime import UTC, datetime, timedelta

    from kam_tui.backup import make_backup

    make_db(db_path, "Old times")
    now = datetime.now(UTC)
    old = make_backup(db_path, "start", now=now - timedelta(days=200))
    make_db(db_path, "Newer")
    for hours in range(9, 0, -1):
        make_backup(db_path, "start", now=now - timedelta(hours=hours))
    assert old.exists()  # not yet thinned: it is among the newest 10
    result = kam("restore", str(old), db=db_path)
    assert result.returncode == 0, result.stderr
    assert names_in(db_path) == ["Old times"]
    assert not old.exists()  # keeping the replaced file thinned it away, after it was read


async def test_a_failed_start_up_backup_is_shown_in_the_app_and_the_data_opens(tmp_path):
    from kam_tui.commands.open_app import startup_backup
    from kam_tui.tui.app import KamApp

    db = make_db(tmp_path / "kam.db", "Acme", "Bolt")
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    warning = startup_backup(db)
    assert warning and "backups" in warning
    app = KamApp(db_path=db, startup_warning=warning, settings_file=tmp_path / "settings.json")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        from textual.widgets._toast import Toast

        for _ in range(40):
            toasts = [str(t.render()) for t in app.screen.query(Toast)]
            if toasts:
                break
            await pilot.pause(0.05)
        assert any("No backup was made" in t and "Not a directory" in t for t in toasts), toasts
        table = app.screen.query_one("#account-table")
        for _ in range(100):  # the rows are read in a worker
            if table.rows:
                break
            await pilot.pause(0.05)
        assert sorted(r.name for r in table.rows) == ["Acme", "Bolt"]
    assert names_in(db) == ["Acme", "Bolt"]
