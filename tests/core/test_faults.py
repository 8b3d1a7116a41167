"""Faults a laptop meets: kill -9, a full disk, a read-only folder.

Each runs the real code in a subprocess and checks that what was committed is
there, nothing half-written is, the file passes `PRAGMA integrity_check`, and
the user got one clear line instead of a traceback. Exports meet the same
faults: each file is written to a temp file beside the target, flushed, and
renamed over it, so a reader never sees half a file.

Disk full is a small RLIMIT_FSIZE in the child (a write past it fails with
EFBIG, as a full disk fails with ENOSPC; Python ignores SIGXFSZ). A read-only
folder is chmod 0500; as root (here, and in many CI containers) permissions do
not bind, so the child runs under `setpriv` without CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH, which makes root obey the mode bits like anyone else.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kam_tui.db import check_file, new_session, open_database
from kam_tui.fsutil import WriteRefused, atomic_write_text
from kam_tui.services import accounts
from tests.bad_files import digest

ROOT = Path(__file__).parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def python(script: str, *args: str, fsize: int | None = None, drop_root: bool = False, **kw) -> subprocess.Popen:
    cmd = [sys.executable, "-c", textwrap.dedent(script), *args]
    return spawn(cmd, fsize=fsize, drop_root=drop_root, **kw)


def spawn(cmd: list[str], *, fsize: int | None = None, drop_root: bool = False, **kw) -> subprocess.Popen:
    if drop_root and os.geteuid() == 0:
        cmd = [
            SETPRIV,
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
            *cmd,
        ]

    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, preexec_fn=limit, **kw
    )


SETPRIV = shutil.which("setpriv")
needs_permissions = pytest.mark.skipif(
    os.geteuid() == 0 and SETPRIV is None,
    reason="running as root without setpriv: folder permissions cannot be made to bind",
)


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("pragma integrity_check").fetchone()[0]
    finally:
        con.close()


def account_ids(path: Path) -> set[int]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("select id from account")}
    finally:
        con.close()


def seed(path: Path, n: int = 5) -> None:
    engine = open_database(path)
    with new_session(engine) as s:
        for i in range(n):
            accounts.create_account(s, f"Seed {i}", notes=f"seed notes {i}")
    engine.dispose()


def big_crm_export(path: Path, rows: int) -> Path:
    """A CRM export large enough that the import's one transaction spills
    megabytes into the WAL before it commits."""
    filler = "x" * 300
    lines = ["Account ID,Account Name,Industry,Country,Notes from CRM,Annual Revenue"]
    lines += [f'ID{i:07d},Company {i},Steel,Germany,{filler} {i},"${i:,}000"' for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kill_import_mid_write(db_path: Path, csv: Path, spill: int = 2 * 1024 * 1024) -> subprocess.Popen | None:
    """Start the real `kam import`, wait until its uncommitted pages spill into
    the WAL, then kill -9. None when the import finished first."""
    wal = Path(f"{db_path}-wal")
    proc = spawn([sys.executable, "-m", "kam_tui", "import", str(csv), "--db", str(db_path)])
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > spill:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        proc.wait(30)
    finally:
        proc.kill()
    return proc if proc.returncode == -signal.SIGKILL else None


def test_kill_in_the_middle_of_a_kam_import_leaves_the_database_as_before(db_path, tmp_path):
    seed(db_path)
    before = dump(db_path)
    killed = None
    for rows in (60_000, 240_000):  # a faster importer gets a bigger file, never a skip
        killed = kill_import_mid_write(db_path, big_crm_export(tmp_path / f"crm-{rows}.csv", rows))
        if killed is not None:
            break
        # it won the race and committed: start again from the seeded file
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        seed(db_path)
        before = dump(db_path)
    assert killed is not None, "kam import finished before the WAL grew; the kill never landed mid-write"
    check_file(db_path)
    assert integrity(db_path) == "ok"
    assert dump(db_path) == before  # every table, row for row: nothing of the import got in
    # and it takes edits again (the killed writer's lock went with it)
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "After the crash")
    engine.dispose()
    assert "After the crash" in "\n".join(dump(db_path))


EDIT_STREAM = """
    import sys
    from pathlib import Path
    from kam_tui.db import new_session, open_database
    from kam_tui.services import accounts
    engine = open_database(Path(sys.argv[1]))
    i = 0
    while True:
        with new_session(engine) as s:
            a = accounts.create_account(s, f"Edit {i}", notes="n" * 200)
            accounts.update_account(s, a.id, notes=f"edited {i}")
        print(a.id, flush=True)
        i += 1
"""


def test_kill_during_a_stream_of_edits_loses_nothing_committed(db_path):
    seed(db_path)
    proc = python(EDIT_STREAM, str(db_path))
    printed: list[int] = []
    try:
        while len(printed) < 150:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            printed.append(int(line))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=10)
    finally:
        proc.kill()
    printed += [int(x) for x in rest.split()]
    assert integrity(db_path) == "ok"
    ids = account_ids(db_path)
    assert set(printed) <= ids
    con = sqlite3.connect(db_path)
    notes = dict(con.execute("select id, notes from account"))
    con.close()
    # each printed edit is there in full: created and then edited
    assert all(notes[i].startswith("edited ") for i in printed)


DISK_FILLER = """
    import sys
    from pathlib import Path
    from kam_tui.db import StorageError, new_session, open_database
    from kam_tui.services import accounts
    engine = open_database(Path(sys.argv[1]))
    try:
        for i in range(10**6):
            with new_session(engine) as s:
                a = accounts.create_account(s, f"Big {i}", notes="x" * 50_000)
            print(a.id, flush=True)
    except StorageError as exc:
        print(f"kam: {exc}", file=sys.stderr)
        sys.exit(1)
"""


def test_disk_full_gives_a_clear_message_and_loses_nothing(db_path):
    seed(db_path)
    size = db_path.stat().st_size
    proc = python(DISK_FILLER, str(db_path), fsize=size + 2_000_000)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "not saved" in message and str(db_path) in message
    printed = {int(x) for x in out.split()}
    assert printed, "some edits fit before the limit"
    assert integrity(db_path) == "ok"
    assert printed <= account_ids(db_path)


def test_disk_full_during_restore_and_backup_changes_nothing(kam, db_path, tmp_path):
    seed(db_path, 50)
    big = tmp_path / "big.db"
    seed(big, 400)
    before = digest(db_path)
    limit = db_path.stat().st_size + 4096  # room for the safety copy, not for the bigger file
    for args in (["restore", str(big)], ["backup", "-o", str(tmp_path / "copy.db")]):
        proc = spawn(
            [sys.executable, "-m", "kam_tui", *args, "--db", str(big if args[0] == "backup" else db_path)], fsize=limit
        )
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, out + err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "not restored" in err or "could not" in err
    assert digest(db_path) == before
    assert not (tmp_path / "copy.db").exists()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name or "restoring" in p.name] == []


WRITER = """
    import sys
    from pathlib import Path
    from kam_tui.db import StorageError, new_session, open_database
    from kam_tui.services import accounts
    engine = open_database(Path(sys.argv[1]))
    with new_session(engine) as s:
        print(len(accounts.list_accounts(s)), flush=True)
        try:
            accounts.create_account(s, "Not allowed")
        except StorageError as exc:
            print(f"kam: {exc}", file=sys.stderr)
            sys.exit(1)
"""


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "kam.db"
    seed(db)
    folder.chmod(0o500)
    yield db
    folder.chmod(0o700)


@needs_permissions
def test_read_only_folder_reads_fine_and_refuses_writes_plainly(read_only_folder):
    db = read_only_folder
    before = digest(db)
    listing = sorted(p.name for p in db.parent.iterdir())
    proc = python(WRITER, str(db), drop_root=True)
    out, err = proc.communicate(timeout=60)
    assert out.strip() == "5"  # reading works
    assert proc.returncode == 1
    assert "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "read-only" in message and "not saved" in message and str(db.parent) in message
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == listing


@needs_permissions
def test_read_only_folder_app_and_commands_say_why(read_only_folder, tmp_path):
    db = read_only_folder
    before = digest(db)
    cases = {
        (): "can only be opened read-only",
        ("backup",): "cannot",
        ("restore", str(db)): "not restored",
        ("init",): "cannot write",  # never "ready" on a place it cannot write
    }
    for args, words in cases.items():
        proc = spawn(
            [sys.executable, "-m", "kam_tui", *args, "--db", str(db)], drop_root=True, stdin=subprocess.DEVNULL
        )
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, (args, out, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert words in err, (args, err)
    # a copy to a writable place still works
    proc = spawn(
        [sys.executable, "-m", "kam_tui", "backup", "-o", str(tmp_path / "out.db"), "--db", str(db)], drop_root=True
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert digest(db) == before


async def test_a_failed_save_keeps_what_was_typed_and_says_why(db_path):
    """Autosave that holds: the commit fails, the form stays open with the input."""
    from textual.widgets import Input, Static

    from kam_tui.tui.app import KamApp
    from kam_tui.tui.edits import Edit
    from kam_tui.tui.widgets.form import FieldSpec, FormScreen

    seed(db_path)
    app = KamApp(db_path=db_path, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        save = Edit(accounts.create_account)
        app.push_screen(FormScreen("New account", [FieldSpec("name", "Name", required=True)], save))
        await pilot.pause()
        await pilot.click("#in-name")
        await pilot.press(*"Acme", "space", *"Ltd")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one(Input).value == "Acme Ltd"
        error = str(form.query_one("#form-error", Static).render())
        assert "Not saved" in error and "read-only" in error
    app.engine.dispose()
    assert not [line for line in dump(db_path) if "Acme Ltd" in line]


# ---- exports written safely: temp file beside the target, flushed, renamed over it


def test_writes_the_text_private_and_creates_the_folder(tmp_path):
    target = tmp_path / "new" / "deeper" / "plan.md"
    atomic_write_text(target, "# Acme 🙂\nשלום\n")
    assert target.read_text(encoding="utf-8") == "# Acme 🙂\nשלום\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_replaces_by_rename_so_a_reader_never_sees_half_a_file(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old plan")
    target.chmod(0o644)
    reader = target.open()
    old_inode = target.stat().st_ino
    atomic_write_text(target, "new plan")
    # a new file was renamed into place: the old one is intact for whoever had it open
    assert target.stat().st_ino != old_inode
    assert reader.read() == "old plan"
    reader.close()
    assert target.read_text() == "new plan"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


def test_a_folder_in_the_way_is_a_clear_message(tmp_path):
    (tmp_path / "plan.md").mkdir()
    with pytest.raises(WriteRefused) as info:
        atomic_write_text(tmp_path / "plan.md", "x")
    assert "plan.md" in str(info.value) and "\n" not in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


WRITE = """
    import sys
    from pathlib import Path
    from kam_tui.fsutil import WriteRefused, atomic_write_text
    try:
        atomic_write_text(Path(sys.argv[1]), sys.argv[2] * int(sys.argv[3]))
    except WriteRefused as exc:
        print(f"kam: {exc}", file=sys.stderr)
        sys.exit(1)
"""


def run_write(target, text, times, script=WRITE, **kw):
    proc = spawn([sys.executable, "-c", textwrap.dedent(script), str(target), text, str(times)], **kw)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, err


def test_disk_full_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("the plan as it was")
    code, err = run_write(target, "x", 200_000, fsize=50_000)
    assert code == 1 and "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "cannot write" in message and "plan.md" in message
    assert target.read_text() == "the plan as it was"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@needs_permissions
def test_read_only_folder_is_a_clear_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "plan.md").write_text("kept")
    folder.chmod(0o500)
    try:
        code, err = run_write(folder / "plan.md", "new", 1, drop_root=True)
    finally:
        folder.chmod(0o700)
    assert code == 1 and "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "permission denied" in message and str(folder) in message
    assert (folder / "plan.md").read_text() == "kept"
    assert [p.name for p in folder.iterdir()] == ["plan.md"]


# ---- many files at once (kam export --all): one flush for all, each file atomic

from kam_tui.fsutil import atomic_write_many  # noqa: E402


def test_many_files_are_written_private_into_a_private_folder(tmp_path):
    folder = tmp_path / "plans" / "deeper"
    n = atomic_write_many(folder, ((f"p{i}.md", f"# Plan {i} 🙂\n") for i in range(50)))
    assert n == 50
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"p{i}.md" for i in range(50))
    assert (folder / "p7.md").read_text(encoding="utf-8") == "# Plan 7 🙂\n"
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_many_files_replace_by_rename(tmp_path):
    (tmp_path / "a.md").write_text("old a")
    reader = (tmp_path / "a.md").open()
    atomic_write_many(tmp_path, [("a.md", "new a"), ("b.md", "new b")])
    assert reader.read() == "old a"  # the old file was replaced whole, not rewritten
    reader.close()
    assert (tmp_path / "a.md").read_text() == "new a" and (tmp_path / "b.md").read_text() == "new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_many_files_a_failure_while_rendering_leaves_no_temp_and_nothing_replaced(tmp_path):
    (tmp_path / "a.md").write_text("kept")

    def files():
        yield "a.md", "new"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        atomic_write_many(tmp_path, files())
    assert (tmp_path / "a.md").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


WRITE_MANY = """
    import sys
    from pathlib import Path
    from kam_tui.fsutil import WriteRefused, atomic_write_many
    try:
        atomic_write_many(Path(sys.argv[1]), [(f"p{i}.md", sys.argv[2] * int(sys.argv[3])) for i in range(5)])
    except WriteRefused as exc:
        print(f"kam: {exc}", file=sys.stderr)
        sys.exit(1)
"""


def test_many_files_disk_full_keeps_every_old_file_and_leaves_no_temp(tmp_path):
    for i in range(5):
        (tmp_path / f"p{i}.md").write_text(f"old {i}")
    code, err = run_write(tmp_path, "x", 200_000, WRITE_MANY, fsize=50_000)
    assert code == 1 and "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "cannot write" in message and ".md" in message
    assert [(tmp_path / f"p{i}.md").read_text() for i in range(5)] == [f"old {i}" for i in range(5)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"p{i}.md" for i in range(5)]


@needs_permissions
def test_many_files_read_only_folder_is_a_clear_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "p0.md").write_text("kept")
    folder.chmod(0o500)
    try:
        code, err = run_write(folder, "new", 1, WRITE_MANY, drop_root=True)
    finally:
        folder.chmod(0o700)
    assert code == 1 and "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "permission denied" in message and str(folder) in message
    assert (folder / "p0.md").read_text() == "kept"
    assert [p.name for p in folder.iterdir()] == ["p0.md"]


# ---- what killed runs leave behind, the next run of the same kind clears away


def kill_when(
    proc: subprocess.Popen, folder: Path, pattern: str, min_size: int = 0, timeout: float = 120
) -> list[Path]:
    """kill -9 `proc` as soon as `folder` holds a file matching `pattern` of at
    least `min_size` bytes (a run caught in the middle of writing it); returns
    what matched, left behind. [] when the run finished first."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            found = [p for p in folder.glob(pattern) if p.is_file() and p.stat().st_size >= min_size]
            if found:
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return [p for p in folder.glob(pattern) if p.exists()]
            time.sleep(0.001)
    finally:
        proc.kill()
        proc.wait()
    return []


def big_database(path: Path, accounts: int = 3000) -> Path:
    from tests.benchmarks.portfolio import build

    return build(path, accounts)


def kam_run(*args: str) -> subprocess.Popen:
    return spawn([sys.executable, "-m", "kam_tui", *args])


def test_a_killed_backup_leaves_a_partial_copy_that_the_next_backup_removes(tmp_path):
    db = big_database(tmp_path / "kam.db")
    backups = tmp_path / "backups"
    left = kill_when(kam_run("backup", "--db", str(db)), backups, ".*.partial-*", min_size=1 << 20)
    assert left, "the backup finished before it could be killed mid-copy"
    done = kam_run("backup", "--db", str(db))
    assert done.wait(120) == 0, done.stderr.read()
    assert [p.name for p in backups.iterdir() if "partial" in p.name] == []
    assert len([p for p in backups.iterdir() if p.name.endswith("-manual.db")]) == 1


def test_a_killed_restore_leaves_its_staged_copy_that_the_next_restore_removes(tmp_path):
    db = tmp_path / "kam.db"
    seed(db, 3)
    copy = big_database(tmp_path / "copy.db")
    left = kill_when(kam_run("restore", str(copy), "--db", str(db)), tmp_path, ".kam.db.*", min_size=1 << 20)
    assert left, "the restore finished before it could be killed mid-copy"
    done = kam_run("restore", str(copy), "--db", str(db))
    assert done.wait(120) == 0, done.stderr.read()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".kam.db")) == []
    assert integrity(db) == "ok" and len(account_ids(db)) == 3000


def test_a_killed_export_of_every_plan_leaves_temp_files_that_the_next_export_removes(tmp_path):
    db = big_database(tmp_path / "kam.db", 1500)
    plans = tmp_path / "plans"
    left = kill_when(kam_run("export", "--all", "-o", str(plans), "--db", str(db)), plans, ".*.tmp")
    assert left, "the export finished before it could be killed mid-write"
    done = kam_run("export", "--all", "-o", str(plans), "--db", str(db))
    assert done.wait(300) == 0, done.stderr.read()
    assert [p.name for p in plans.iterdir() if p.name.endswith(".tmp")] == []
    assert len(list(plans.glob("*.md"))) == 1501


def test_what_a_running_process_is_still_writing_is_left_alone(tmp_path):
    db = tmp_path / "kam.db"
    seed(db)
    backups = tmp_path / "backups"
    backups.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = backups / f".kam.db.20260101-000000-manual.db.partial-{writer.pid}"
        theirs.write_bytes(b"still being written")
        done = kam_run("backup", "--db", str(db))
        assert done.wait(60) == 0, done.stderr.read()
        assert theirs.exists()
    finally:
        writer.kill()
        writer.wait()
    done = kam_run("backup", "--db", str(db))
    assert done.wait(60) == 0, done.stderr.read()
    assert not theirs.exists()


def test_many_files_are_each_flushed_with_their_folder_and_nothing_else_is_waited_for(tmp_path, monkeypatch):
    """No sync() (which waits for every program's writes, and on macOS may
    return before the data is on the disk): each file and the folder get
    their own fsync, and nothing is renamed into place before it is flushed."""
    flushed: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))

    def sync() -> None:
        raise AssertionError("os.sync() was called")

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", sync, raising=False)
    folder = tmp_path / "plans"
    written = atomic_write_many(folder, ((f"p{i}.md", f"# Plan {i}\n") for i in range(40)))
    assert written == 40
    temps = [Path(p) for p in flushed if p != str(folder)]
    assert len(temps) == 40 and all(p.parent == folder and p.name.endswith(".tmp") for p in temps)
    assert flushed[-1] == str(folder)  # the renames, made durable after every file was


def test_on_macos_sqlite_waits_for_the_disk_itself(tmp_path, monkeypatch):
    """PRAGMA fullfsync by platform check: on macOS every connection asks for
    F_FULLFSYNC, elsewhere fsync is the real thing already."""
    from kam_tui.store.sqlite_file import apply_pragmas

    for platform, expected in (("linux", 0), ("darwin", 1)):
        monkeypatch.setattr(sys, "platform", platform)
        con = sqlite3.connect(tmp_path / f"{platform}.db")
        apply_pragmas(con)
        assert con.execute("PRAGMA fullfsync").fetchone()[0] == expected
        assert con.execute("PRAGMA checkpoint_fullfsync").fetchone()[0] == expected
        con.close()
