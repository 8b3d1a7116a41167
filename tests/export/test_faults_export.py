"""Exports written safely: temp file beside the target, flushed, renamed over it."""

from __future__ import annotations

import stat
import sys
import textwrap

import pytest

from kam_tui.fsutil import WriteRefused, atomic_write_text
from tests.core.test_faults import needs_permissions, spawn


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
