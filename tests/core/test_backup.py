"""Backups: verified private copies, taken when the data changed, thinned."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kam_tui import backup
from kam_tui.backup import Backup, BackupFailed
from kam_tui.db import new_session, open_database
from kam_tui.services import accounts


def names_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("select name from account order by name")]
    finally:
        con.close()


def add_accounts(db_path: Path, *names: str) -> None:
    engine = open_database(db_path)
    try:
        with new_session(engine) as s:
            for n in names:
                accounts.create_account(s, n, notes=f"notes of {n}")
    finally:
        engine.dispose()


def test_backup_is_a_checked_private_self_contained_copy(db_path):
    add_accounts(db_path, "Acme", "Bolt")
    copy = backup.make_backup(db_path, "manual")
    assert copy.parent == db_path.parent / "backups"
    assert copy.name.startswith("kam.db.") and copy.name.endswith("-manual.db")
    assert names_in(copy) == ["Acme", "Bolt"]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    con = sqlite3.connect(copy)
    assert con.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()
    # nothing half-made is left beside it
    assert [p.name for p in copy.parent.iterdir() if not p.name.startswith(".kam.db.state")] == [copy.name]


def test_backup_includes_edits_still_in_the_wal(db_path):
    add_accounts(db_path, "Acme")
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Only in WAL")
        # engine still open: the edit is committed but not checkpointed
        assert Path(f"{db_path}-wal").stat().st_size > 0
        copy = backup.make_backup(db_path, "manual")
    engine.dispose()
    assert names_in(copy) == ["Acme", "Only in WAL"]


def corrupt_an_index(path: Path) -> None:
    """Overwrite one page of an index with junk: the file still opens, the
    table data reads, but integrity_check reports the damage."""
    con = sqlite3.connect(path)
    con.execute("pragma journal_mode=delete")
    root = con.execute(
        "select rootpage from sqlite_schema where type='index' and tbl_name='account' and sql is null"
    ).fetchone()[0]
    page_size = con.execute("pragma page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\x07" * 64)


def test_a_copy_that_fails_its_check_is_deleted_and_said(db_path):
    add_accounts(db_path, *[f"Account {i}" for i in range(50)])
    corrupt_an_index(db_path)
    with pytest.raises(BackupFailed) as info:
        backup.make_backup(db_path, "manual")
    assert "\n" not in str(info.value)
    # the copy is the file page for page: its failed check says the file itself is damaged
    assert isinstance(info.value, backup.SourceDamaged) and "is damaged" in str(info.value)
    left = [p for p in (db_path.parent / "backups").iterdir() if p.suffix == ".db" or "partial" in p.name]
    assert left == []


def test_start_backup_only_when_the_data_changed(db_path):
    add_accounts(db_path, "Acme")
    first = backup.backup_if_changed(db_path)
    assert first is not None and first.name.endswith("-start.db")
    # opening and reading without writing is not a change
    engine = open_database(db_path)
    with new_session(engine) as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme"]
    engine.dispose()
    assert backup.backup_if_changed(db_path) is None
    add_accounts(db_path, "Bolt")
    second = backup.backup_if_changed(db_path)
    assert second is not None and names_in(second) == ["Acme", "Bolt"]
    assert backup.backup_if_changed(db_path) is None


def test_a_deleted_backup_folder_means_a_new_copy(db_path):
    add_accounts(db_path, "Acme")
    first = backup.backup_if_changed(db_path)
    first.unlink()
    assert backup.backup_if_changed(db_path) is not None


def test_backup_before_does_nothing_without_a_database(tmp_path):
    assert backup.backup_before(tmp_path / "none.db", "import") is None
    assert not (tmp_path / "backups").exists()


def test_backup_before_names_the_reason(db_path):
    add_accounts(db_path, "Acme")
    copy = backup.backup_before(db_path, "import")
    assert copy.name.endswith("-import.db")
    assert backup.latest_good_backup(db_path) == copy


def test_thinning_keeps_recent_then_daily_then_weekly():
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    # one copy every 6 hours for 120 days
    all_ = [Backup(Path(f"b{i:04d}.db"), now - timedelta(hours=6 * i), "start") for i in range(480)]
    keep = backup.to_keep(all_, now)
    kept = [b for b in all_ if b.path in keep]
    newest10 = sorted(all_, key=lambda b: b.taken_at)[-10:]
    assert set(b.path for b in newest10) <= keep
    for day in range(14):
        d = (now - timedelta(days=day)).date()
        of_day = [b for b in all_ if b.taken_at.date() == d]
        assert max(of_day, key=lambda b: b.taken_at).path in keep
    weeks_kept = {b.taken_at.isocalendar()[:2] for b in kept}
    assert len(weeks_kept) == 9  # 8 weeks back touch 9 calendar weeks
    assert all(now - b.taken_at <= timedelta(weeks=8) for b in kept)
    assert len(kept) < 10 + 14 + 9


def test_thin_deletes_old_automatic_copies_but_never_manual_ones(db_path):
    add_accounts(db_path, "Acme")
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    made = [
        backup.make_backup(db_path, "start", now=now - timedelta(days=d))
        for d in (200, 100, 30, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
    ]
    manual = backup.make_backup(db_path, "manual", now=now - timedelta(days=300))
    backup.thin(db_path, now=now)  # make_backup thins too, as each copy is made
    assert not made[0].exists() and not made[1].exists()
    assert all(p.exists() for p in made[2:]) and manual.exists()
    assert [b.path for b in backup.list_backups(db_path)] == [manual] + made[2:]


def test_every_file_kam_makes_is_private_even_with_a_permissive_umask(tmp_path):
    from kam_tui.fsutil import atomic_write_text

    old = os.umask(0)
    try:
        db_path = tmp_path / "data" / "kam.db"
        engine = open_database(db_path)
        with new_session(engine) as s:
            accounts.create_account(s, "Acme")
            wal_files = [Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
            assert all(p.exists() for p in wal_files)
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in wal_files}
        copy = backup.make_backup(db_path, "manual")
        engine.dispose()
        export = tmp_path / "exports" / "acme.md"
        atomic_write_text(export, "# Acme\n")
    finally:
        os.umask(old)
    files = [db_path, db_path.with_name("kam.db.lock"), copy, copy.parent / ".kam.db.state.json", export]
    modes |= {p.name: stat.S_IMODE(p.stat().st_mode) for p in files}
    assert modes == {name: 0o600 for name in modes}
    folders = [db_path.parent, copy.parent, export.parent]
    assert {str(f): stat.S_IMODE(f.stat().st_mode) for f in folders} == {str(f): 0o700 for f in folders}


def test_start_up_checks_stay_cheap_to_import():
    """backup, lock and db run before the first paint: stdlib only at import."""
    import subprocess
    import sys

    code = (
        "import sys, kam_tui.backup, kam_tui.lock, kam_tui.db, kam_tui.commands.open_app; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy', 'sqlmodel')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert out.stdout.strip() == "[]"


def test_backup_before_session_copies_the_bound_database(db_path):
    add_accounts(db_path, "Acme", "Bolt")
    engine = open_database(db_path)
    with new_session(engine) as s:
        copy = backup.backup_before_session(s, "delete")
        accounts.delete_account(s, accounts.find_account(s, "Acme").id)
    engine.dispose()
    assert copy.name.endswith("-delete.db") and names_in(copy) == ["Acme", "Bolt"]
    assert names_in(db_path) == ["Bolt"]


def test_damage_found_while_working_names_the_backup(db_path):
    from kam_tui.db import StorageError

    add_accounts(db_path, *[f"Account {i}" for i in range(60)])
    good = backup.make_backup(db_path, "manual")
    con = sqlite3.connect(db_path)
    con.execute("pragma journal_mode=delete")
    root = con.execute("select rootpage from sqlite_schema where name='account'").fetchone()[0]
    size = con.execute("pragma page_size").fetchone()[0]
    con.close()
    with db_path.open("r+b") as fh:  # the account table's root page turns to junk
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * size)
    engine = open_database(db_path)
    try:
        with new_session(engine) as s, pytest.raises(StorageError) as info:
            accounts.list_accounts(s)
    finally:
        engine.dispose()
    message = str(info.value)
    assert "damaged" in message and good.name in message and "kam restore" in message and "\n" not in message
