"""An export of unchanged data is the same bytes whatever day it is made: the
real `kam export` runs with its clock moved (time-machine moves what the
process sees as now, date.today() included) to two different days, a month
apart and across an action's due date, a contact's rhythm and a review's."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from kam_tui.services import demo
from kam_tui.store.engine import new_session, open_database

RUN_ON = """
import sys
from datetime import date, datetime, time, timezone

import time_machine

day = date.fromisoformat(sys.argv[1])
with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=timezone.utc), tick=False):
    assert date.today() == day
    from kam_tui.cli import main

    sys.exit(main(sys.argv[2:]))
"""


def export_on(day: date, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN_ON, day.isoformat(), *args],
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"},
    )


def test_the_demo_exports_to_the_same_bytes_on_two_different_days(db_path, tmp_path):
    engine = open_database(db_path)
    with new_session(engine) as s:
        demo.seed_demo(s)
    engine.dispose()
    first, later = date.today(), date.today() + timedelta(days=37)
    texts = []
    for day in (first, later):
        out = export_on(day, "--db", str(db_path), "export", demo.BANK, tmp_path=tmp_path)
        assert out.returncode == 0, out.stderr.decode()
        texts.append(out.stdout)
    assert texts[0] == texts[1]
    text = texts[0].decode("utf-8")
    # the day-relative words are the app's, never the export's; the stage checklist
    # judges the plan as of its last change, and says so
    checklist = text[text.index("## Stage checklist") : text.index("## KPIs and reviews")]
    assert "Checked as of " in checklist and "the plan's last change" in checklist
    for relative in ("(overdue)", "days overdue", "**Overdue:**", "days ago", "(in ", "(today)", "d late"):
        assert relative not in text.replace(checklist, ""), relative
    # and what the relationships hold is there, as dates
    assert "### Relationship changes since the last review" in text
    assert "**Johanna Lund**: Neutral -> Supporter" in text
    assert "| Data platform agreement |" in text and "### Contracts" in text
    assert "| Tactical | Monthly |" in text

    folders = []
    for n, day in enumerate((first, later)):
        folder = tmp_path / f"all-{n}"
        out = export_on(day, "--db", str(db_path), "export", "--all", "-o", str(folder), tmp_path=tmp_path)
        assert out.returncode == 0, out.stderr.decode()
        folders.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert folders[0] == folders[1] and len(folders[0]) == 4
