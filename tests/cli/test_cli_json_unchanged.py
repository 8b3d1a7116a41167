"""`kam list --json` and `kam today --json` are contracts with the user's
scripts: their bytes stay exactly what they were, whatever way the command
reads the database. The real `kam` runs with its clock fixed (time-machine),
on the demo and on a generated portfolio that holds every kind Today lists,
ties in the ranking, unscored accounts and odd names, and its output is
compared byte for byte with the files in tests/snapshots/cli/.

After an intended change to the JSON (a new key: scripts must be told), look
at the difference, then rewrite the files:

    KAM_UPDATE_SNAPSHOTS=1 python -m pytest tests/cli/test_cli_json_unchanged.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kam_tui.services import demo
from kam_tui.store.engine import new_session, open_database
from tests import tricky_portfolio

SNAPSHOTS = Path(__file__).parents[1] / "snapshots" / "cli"
DAY = tricky_portfolio.DAY

RUN_ON = """
import sys
from datetime import date, datetime, time, timezone

import time_machine

day = date.fromisoformat(sys.argv[1])
with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=timezone.utc), tick=False):
    from kam_tui.cli import main

    sys.exit(main(sys.argv[2:]))
"""


def kam_on(day: date, *args: str, tmp_path: Path) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", RUN_ON, day.isoformat(), *args],
        capture_output=True,
        timeout=120,
        env={
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "d"),
            "XDG_CONFIG_HOME": str(tmp_path / "c"),
            "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
        },
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def _demo(path: Path) -> Path:
    engine = open_database(path)
    with new_session(engine) as s:
        demo.seed_demo(s, today=DAY)
    engine.dispose()
    return path


CASES = {
    "demo": _demo,
    "portfolio": lambda path: tricky_portfolio.build(path, DAY),
}


@pytest.mark.parametrize("data", sorted(CASES))
@pytest.mark.parametrize("command", [("list", "--json"), ("today", "--json"), ("today", "--json", "--days", "30")])
def test_json_output_is_byte_for_byte_what_it_was(data: str, command: tuple[str, ...], tmp_path: Path) -> None:
    db = CASES[data](tmp_path / f"{data}.db")
    out = kam_on(DAY, "--db", str(db), *command, tmp_path=tmp_path)
    name = f"{'-'.join(c.lstrip('-') for c in command)}-{data}.json"
    snapshot = SNAPSHOTS / name
    if os.environ.get("KAM_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_bytes(out)
    assert snapshot.exists(), f"no snapshot {snapshot}: run with KAM_UPDATE_SNAPSHOTS=1 once"
    expected = snapshot.read_bytes()
    assert out == expected
    # and it says something: a snapshot of an empty answer would hold nothing
    assert out.count(b'"kind"' if command[0] == "today" else b'"rank"') >= 3
