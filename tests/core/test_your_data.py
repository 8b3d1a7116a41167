"""What the README's "Your data" promises and the code keeps: every file kam
creates (database, its -wal/-shm/lock, exports, backups) is 0600 and every
folder it creates on the way is 0700, however deep; and the backups, their
folder and what they are kept for read as the code does them."""

from __future__ import annotations

import stat
from pathlib import Path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def created_under(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    files = {str(p.relative_to(root)): mode(p) for p in root.rglob("*") if p.is_file()}
    folders = {str(p.relative_to(root)): mode(p) for p in [root, *root.rglob("*")] if p.is_dir()}
    return files, folders


def test_every_file_and_folder_kam_creates_is_private(kam, tmp_path):
    root = tmp_path / "new"  # nothing of this exists yet
    db = root / "data" / "deep" / "kam.db"
    assert kam("init", "--demo", db=db).returncode == 0
    assert kam("export", "Nordvik Bank", "-o", str(root / "exports" / "one" / "bank.md"), db=db).returncode == 0
    assert kam("export", "--all", "-o", str(root / "exports" / "all" / "plans"), db=db).returncode == 0
    assert kam("backup", db=db).returncode == 0
    assert kam("backup", "-o", str(root / "copies" / "x" / "kam-copy.db"), db=db).returncode == 0
    files, folders = created_under(root)
    assert {"data/deep/kam.db", "exports/one/bank.md", "exports/all/plans/index.md", "copies/x/kam-copy.db"} <= set(
        files
    )
    assert any(f.startswith("data/deep/backups/") for f in files)
    assert len([f for f in files if f.startswith("exports/all/plans/")]) == 4  # three plans and the index
    assert files == {name: 0o600 for name in files}
    assert folders == {name: 0o700 for name in folders}


def test_readme_your_data_matches_the_code():
    from kam_tui import backup

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your data", 1)[1].split("\n## ", 1)[0]
    assert f"`{backup.BACKUP_DIRNAME}/` beside the database" in section
    assert (
        f"newest {backup.KEEP_LAST}, one a day for\n  {backup.KEEP_DAYS} days, one a week for {backup.KEEP_WEEKS} weeks"
        in section
    )
    assert "`0600`" in section and "`0700`" in section
    for reason in ("import", "restore", "delete"):
        assert reason in section
    from kam_tui.paths import APP_NAME

    assert f"~/.local/share/{APP_NAME}/" in section
