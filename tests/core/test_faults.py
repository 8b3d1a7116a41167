"""Faults a laptop meets: kill -9, a full disk, a read-only folder.

Each runs the real code in a subprocess and checks that what was committed is
there, nothing half-written is, the file passes `PRAGMA integrity_check`, and
the user got one clear line instead of a traceback.

Disk full is a small RLIMIT_FSIZE in the child (a write past it fails with
EFBIG, as a full disk fails with ENOSPC; Python ignores SIGXFSZ). A read-only
folder is chmod 0500; as root (here, and in many CI containers) permissions do
not bind, so the child runs under `setpriv` without CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH, which makes root obey the mode bits like anyone else.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kam_tui.db import check_file, new_session, open_database
from kam_tui.services import accounts

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
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    limit = db_path.stat().st_size + 4096  # room for the safety copy, not for the bigger file
    for args in (["restore", str(big)], ["backup", "-o", str(tmp_path / "copy.db")]):
        proc = spawn(
            [sys.executable, "-m", "kam_tui", *args, "--db", str(big if args[0] == "backup" else db_path)], fsize=limit
        )
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, out + err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "not restored" in err or "could not" in err
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
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
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    listing = sorted(p.name for p in db.parent.iterdir())
    proc = python(WRITER, str(db), drop_root=True)
    out, err = proc.communicate(timeout=60)
    assert out.strip() == "5"  # reading works
    assert proc.returncode == 1
    assert "Traceback" not in err
    [message] = err.strip().splitlines()
    assert "read-only" in message and "not saved" in message and str(db.parent) in message
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in db.parent.iterdir()) == listing


@needs_permissions
def test_read_only_folder_app_and_commands_say_why(read_only_folder, tmp_path):
    db = read_only_folder
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    cases = {
        (): "can only be opened read-only",
        ("backup",): "cannot",
        ("restore", str(db)): "not restored",
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
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


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
