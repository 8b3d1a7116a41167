"""KAM_TODAY names the day kam judges by: every command and the app take it,
so a run that crosses midnight (or a KAM looking a month ahead) sees one day
throughout. A value that is not a day is refused before anything is read."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from kam_tui import clock


def overdue(kam, db, day: date) -> dict[str, int]:
    done = kam("today", "--json", db=db, env={"KAM_TODAY": day.isoformat()})
    assert done.returncode == 0, done.stderr
    return {item["uid"]: item["days_overdue"] for item in json.loads(done.stdout) if item["kind"] == "action_overdue"}


def test_today_judges_by_the_day_kam_today_names(kam, kam_demo_db):
    day = clock.today()  # the day the demo was made on
    now, later = overdue(kam, kam_demo_db, day), overdue(kam, kam_demo_db, day + timedelta(days=30))
    assert now, "the demo has overdue actions"
    # a month on, each action late now is a month later, and more have come due
    assert {uid: later[uid] - late for uid, late in now.items()} == dict.fromkeys(now, 30)
    assert len(later) > len(now)


def test_a_contact_logged_today_is_dated_the_day_kam_today_names(kam, kam_demo_db):
    day = clock.today() - timedelta(days=3)
    done = kam("log", "Nordvik Bank", "Karin Ek", db=kam_demo_db, env={"KAM_TODAY": day.isoformat()})
    assert done.returncode == 0, done.stderr
    exported = kam("export", "Nordvik Bank", db=kam_demo_db)
    assert exported.returncode == 0, exported.stderr
    karin = [line for line in exported.stdout.splitlines() if "Karin Ek" in line and day.isoformat() in line]
    assert karin, "the export shows the contact on the named day"


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "7.12.2026", "\x1b[31mred"])
@pytest.mark.parametrize("command", [["list"], ["today", "--json"], []])
def test_a_kam_today_that_is_no_day_is_refused_saying_so(kam, kam_demo_db, value, command):
    before = kam_demo_db.read_bytes()
    done = kam(*command, db=kam_demo_db, env={"KAM_TODAY": value}, timeout=30)
    assert done.returncode == 2
    assert "KAM_TODAY" in done.stderr and "YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert done.stdout == ""
    assert kam_demo_db.read_bytes() == before
