"""A generated portfolio with what the generator alone leaves out: standing
meetings, contracts in and out of their notice window, opportunities and
goals past their dates, questions promised by a date, plan revisions,
unscored and part-scored accounts, ties in the ranking, names that sort
differently by case and accent, markup and control characters in text, and
the key-account settings. Built as of a fixed day, so what it holds is the
same every day the tests run."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import time_machine

DAY = date(2026, 3, 16)


def travel(day: date) -> time_machine.travel:
    return time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=UTC), tick=False)


def build(path: Path, day: date = DAY) -> Path:
    """60 generated accounts (the benchmark's generator) and the rest, as of `day`."""
    sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
    import portfolio

    with travel(day):
        portfolio.build(path, 60, big_account=True, contacts_per_person=2, today=day)
    con = sqlite3.connect(path)
    d = lambda days: (day + timedelta(days=days)).isoformat()  # noqa: E731
    con.executemany(
        "UPDATE account SET name = ?, name_key = ? WHERE id = ?",
        [
            ("Ärla Mejeri", "ärla mejeri", 5),
            ("apple [bold]Orchards[/bold]", "apple [bold]orchards[/bold]", 6),
            ("Zed\tTabs & <b>Co</b>", "zed\ttabs & <b>co</b>", 7),
            ("Öst Logistik", "öst logistik", 8),
        ],
    )
    # unscored, part-scored, and two accounts scored alike (a tie broken by name)
    con.execute("DELETE FROM score WHERE account_id IN (9, 10, 11)")
    con.execute("DELETE FROM score WHERE account_id = 12 AND criterion_id > 2")
    con.execute("UPDATE score SET score = 7 WHERE account_id IN (13, 14)")
    con.execute("UPDATE score SET score = 10 WHERE account_id IN (15, 16, 17)")
    con.execute("UPDATE criterion SET weight = '1.5' WHERE id = 4")
    con.execute(
        "UPDATE account SET annual_revenue = NULL, currency = NULL, employees = NULL, crm_id = NULL, owner = ''"
        " WHERE id IN (9, 20)"
    )
    con.execute("UPDATE account SET annual_revenue = '1234.50', focus = 'protect' WHERE id = 21")
    con.execute("UPDATE account SET focus = 'expand', next_plan_revision = ? WHERE id IN (22, 23)", (d(3),))
    con.execute("UPDATE account SET next_plan_revision = ? WHERE id = 24", (d(-40),))
    con.execute("UPDATE account SET last_review = NULL, review_cadence = 'quarterly' WHERE id IN (25, 26, 27)")
    con.execute("UPDATE account SET review_cadence = 'weekly' WHERE id IN (28, 29)")
    con.executemany(
        "INSERT INTO setting (key, value) VALUES (?, ?)",
        [("key_account_limit", "4"), ("key_score_threshold", "6.5"), ("contact_rhythm_high", "21")],
    )
    con.executemany(
        "INSERT INTO meeting (account_id, kind, frequency, attendees, agenda) VALUES (?, ?, ?, '', '')",
        [
            (1, "strategic", "quarterly"),
            (1, "operational", "weekly"),
            (2, "internal", "monthly"),
            (3, "tactical", "fortnightly"),
            (30, "strategic", "yearly"),
        ],
    )
    con.executemany(
        "INSERT INTO review (account_id, held_on, kind, notes, decisions) VALUES (?, ?, ?, '', '')",
        [(2, d(-10), "internal"), (30, d(-400), "strategic"), (3, d(-3), "tactical")],
    )
    con.executemany(
        "INSERT INTO contract (account_id, name, starts_on, ends_on, notice_months, value, currency, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, '')",
        [
            (1, "Framework agreement", d(-700), d(90), 3, "1200000", "EUR"),
            (2, "Support <contract>", d(-300), d(20), None, None, None),
            (3, "Licences [red]2026[/red]", d(-100), d(400), 6, "50000", "USD"),
            (4, "Ended last year", d(-800), d(-30), 1, None, None),
            (5, "Notice in a month", d(-200), d(95), 1, "9", "SEK"),
        ],
    )
    con.executemany(
        "INSERT INTO opportunity (account_id, name, value, currency, status, expected_close, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, '')",
        [
            (1, "Cloud migration", "250000", "EUR", "open", d(-5)),
            (6, "Renewal uplift\x1b[31m", None, None, "open", d(-1)),
            (7, "Won already", "10", "EUR", "won", d(-20)),
            (8, "Later", "10", "EUR", "open", d(30)),
        ],
    )
    con.execute("UPDATE goal SET target_date = ? WHERE id IN (1, 40)", (d(-12),))
    con.execute("UPDATE goal SET target_date = ?, status = 'achieved' WHERE id = 41", (d(-12),))
    con.execute("UPDATE goal SET target_date = ? WHERE id = 42", (d(10),))
    keys = [r[0] for r in con.execute("SELECT question_key FROM question_answer WHERE account_id = 1 LIMIT 3")]
    con.execute("DELETE FROM question_answer WHERE account_id = 2")
    con.executemany(
        "INSERT INTO question_answer (account_id, question_key, status, answer, finder, due_date, updated_at)"
        " VALUES (2, ?, 'unknown', '', ?, ?, ?)",
        [(k, f"Finder {i}", d(i * 4 - 4), f"{day.isoformat()} 09:00:00") for i, k in enumerate(keys)],
    )
    con.execute("UPDATE action SET text = 'Call \x07the [b]CFO[/b]' WHERE id = 3")
    con.commit()
    con.close()
    return path
