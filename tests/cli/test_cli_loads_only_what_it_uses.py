"""The reading commands on a file load no ORM (SQLAlchemy takes longer to
import than listing 10,000 accounts takes), and `kam --version` and
`kam --help` load nothing of the store: the real `kam` runs in a fresh
interpreter, which then says which of our heavy dependencies it loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kam_tui import __version__
from kam_tui.cli import COMMANDS
from kam_tui.services import demo

RUN = """
import json, sys
from kam_tui.cli import main
code = main(sys.argv[1:])
tops = {m.split(".")[0] for m in sys.modules}
heavy = sorted(tops & {"sqlalchemy", "sqlmodel", "alembic", "rich", "textual"})
mine = sorted(m for m in sys.modules if m.startswith("kam_tui."))
print("\\n" + json.dumps({"code": code, "heavy": heavy, "mine": mine}), file=sys.stderr)
"""


def loaded(*args: str, tmp_path: Path) -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"},
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report, done.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("list", "--json"),
        ("list", "--format", "tsv"),
        ("today",),
        ("today", "--json"),
        ("export", demo.BANK),
    ],
)
def test_reading_a_file_loads_no_orm(command: tuple[str, ...], kam_demo_db: Path, tmp_path: Path) -> None:
    report, out = loaded("--db", str(kam_demo_db), *command, tmp_path=tmp_path)
    assert report["code"] == 0
    assert report["heavy"] == []
    assert "kam_tui.models" not in report["mine"]
    assert demo.BANK in out  # and it printed what it read


def test_version_and_help_load_nothing_of_the_store(tmp_path: Path) -> None:
    report, out = loaded("--version", tmp_path=tmp_path)
    assert out == f"kam {__version__}\n" and report["code"] == 0
    assert report["heavy"] == [] and not any(m.startswith("kam_tui.store") for m in report["mine"])
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kam_tui", "--help"], capture_output=True, text=True
    )
    assert shown.returncode == 0
    assert all(name in shown.stdout for name in COMMANDS)
    imported = {line.split("|")[-1].strip() for line in shown.stderr.splitlines() if line.startswith("import time:")}
    assert "kam_tui.cli" in imported and not any(m.startswith(("kam_tui.store", "sqlalchemy")) for m in imported)


def test_a_command_loads_its_own_module_alone_and_no_backup_without_a_journal(
    kam_demo_db: Path, tmp_path: Path
) -> None:
    report, _ = loaded("--db", str(kam_demo_db), "export", demo.BANK, tmp_path=tmp_path)
    commands = [m for m in report["mine"] if m.startswith("kam_tui.commands.") and m != "kam_tui.commands.common"]
    assert commands == ["kam_tui.commands.export"]
    assert "kam_tui.backup" not in report["mine"]  # no journal beside the file: nothing to keep aside


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_parsed_alone_says_what_the_full_parser_says(command: str, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    env["COLUMNS"] = "100"
    full_parser = "import sys; from kam_tui.cli import build_parser; build_parser().parse_args(sys.argv[1:])"
    for args in ([command, "--help"], [command, "--no-such-option"]):
        full = subprocess.run([sys.executable, "-c", full_parser, *args], capture_output=True, text=True, env=env)
        alone = subprocess.run([sys.executable, "-m", "kam_tui", *args], capture_output=True, text=True, env=env)
        assert (alone.returncode, alone.stdout, alone.stderr) == (full.returncode, full.stdout, full.stderr)
        assert alone.returncode == (0 if "--help" in args else 2) and "usage: kam" in alone.stdout + alone.stderr
