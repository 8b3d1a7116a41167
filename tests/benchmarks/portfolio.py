"""Synthetic portfolios for the benchmark, written fast with plain sqlite3 into a
database our own code created (so the schema is the real one)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kam_tui import clock
from kam_tui.questions import QUESTIONS
from kam_tui.store.engine import open_database

TIERS = ["existing_key", "emerging_key", "candidate", "not_key"]
STAGES = ["strategy", "research", "action_plan", "execution", "review"]
INDUSTRIES = ["Banking", "Retail", "Manufacturing", "Logistics", "Energy", "Healthcare", "Telecom", "Insurance"]
COUNTRIES = ["Sweden", "Germany", "France", "Spain", "Türkiye", "United States", "Norway", "Finland"]
OWNERS = ["Ana Ruiz", "Björn Lind", "Chloé Martin", "Deniz Kaya", "Erik Holm"]
ATTITUDES = ["champion", "supporter", "neutral", "skeptic", "blocker"]
LEVELS = ["low", "medium", "high"]
STRENGTHS = ["none", "occasional", "regular", "strong"]
QUADRANTS = ["strength", "weakness", "opportunity", "threat"]
HORIZONS = ["short", "mid", "long"]
ACTION_STATUS = ["todo", "doing", "done", "dropped"]
CONTACT_KINDS = ["meeting", "call", "email", "visit", "event", "other"]
LEVELS_MET = [None, None, None, "tactical", "operational", "strategic"]


def account_name(i: int) -> str:
    return f"Account {i:05d}"


def build(
    path: Path,
    n_accounts: int,
    *,
    stakeholders: int = 8,
    goals: int = 6,
    actions_per_goal: int = 3,
    answered: int = 20,
    seed: int = 7,
    big_account: bool = False,
    contacts_per_person: int = 20,
    today: date | None = None,
) -> Path:
    """A portfolio of `n_accounts`, each with ~8 stakeholders, two SWOT runs,
    6 goals with 18 actions and 20 answered questions. With `big_account`, the
    first account instead has 200 stakeholders, each with `contacts_per_person`
    logged contacts (one of our team in each), and 500 actions. Dated as of
    `today`, kam's day when not given."""
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA foreign_keys=ON")
    now = datetime.now(UTC).isoformat(sep=" ")
    today = today or clock.today()
    crit = [("Revenue potential", 3), ("Relationship strength", 2), ("Fit of our offering", 2), ("Solvency", 1)]
    con.executemany(
        "INSERT INTO criterion (id, name, name_key, weight, position) VALUES (?,?,?,?,?)",
        [(i + 1, n, n.casefold(), str(w), i) for i, (n, w) in enumerate(crit)],
    )
    accounts, scores, members, stake, runs, items, goal_rows, action_rows, answers = [], [], [], [], [], [], [], [], []
    covers: list[tuple[int, int, int]] = []
    logged: list[tuple[object, ...]] = []
    logged_with: list[tuple[int, int]] = []
    sid = mid = rid = iid = gid = aid = lid = 0
    keys = [q.key for q in QUESTIONS]
    for a in range(1, n_accounts + 1):
        name = account_name(a)
        accounts.append(
            (
                a,
                name,
                name.casefold(),
                rng.choice(INDUSTRIES),
                rng.choice(COUNTRIES),
                str(rng.randrange(1, 5000) * 100_000),
                rng.choice(["EUR", "USD", "SEK"]),
                rng.randrange(50, 50_000),
                f"CRM{a:07d}",
                f"account{a}.example.com",
                rng.choice(TIERS),
                rng.choice(STAGES),
                "full",
                "monthly",
                (today - timedelta(days=rng.randrange(0, 120))).isoformat(),
                rng.choice(OWNERS),
                now,
                now,
            )
        )
        for c in range(1, 5):
            scores.append((a, c, rng.randrange(1, 11)))
        first_member = mid + 1
        for m in range(2):
            mid += 1
            members.append((mid, a, f"Colleague {mid}", "Solutions lead", 1 if m == 0 else 0))
        n_st = 200 if big_account and a == 1 else stakeholders
        first_sid = sid + 1
        for s in range(n_st):
            sid += 1
            stake.append(
                (
                    sid,
                    a,
                    f"Person {sid}",
                    "Director",
                    "IT",
                    rng.choice(LEVELS),
                    rng.choice(ATTITUDES),
                    rng.choice(STRENGTHS),
                    first_sid if s else None,
                )
            )
            if s % 2:
                covers.append((sid, first_member, 1))
                if s % 4 == 1:
                    covers.append((sid, first_member + 1, 0))
            if big_account and a == 1:
                for c in range(contacts_per_person):
                    lid += 1
                    day = today - timedelta(days=rng.randrange(0, 400))
                    logged.append(
                        (
                            lid,
                            sid,
                            day.isoformat(),
                            rng.choice(CONTACT_KINDS),
                            rng.choice(LEVELS_MET),
                            f"Contact {c} with person {sid}",
                            "Send the follow-up" if c % 5 == 0 else "",
                            now,
                        )
                    )
                    logged_with.append((lid, first_member + c % 2))
        prev = []
        for r in range(2):
            rid += 1
            runs.append((rid, a, (today - timedelta(days=180 * (1 - r))).isoformat()))
            cur = []
            for q in range(8):
                iid += 1
                items.append((iid, rid, QUADRANTS[q % 4], q, f"SWOT point {q} of run {r}", prev[q] if prev else None))
                cur.append(iid)
            prev = cur
        n_goals, per_goal = (25, 20) if big_account and a == 1 else (goals, actions_per_goal)
        for g in range(n_goals):
            gid += 1
            goal_rows.append((gid, a, HORIZONS[g % 3], f"Goal {g} for {name}", rng.choice(OWNERS), "open", g))
            for k in range(per_goal):
                aid += 1
                due = today + timedelta(days=rng.randrange(-30, 90))
                status = rng.choice(ACTION_STATUS)
                action_rows.append(
                    (
                        aid,
                        gid,
                        f"Action {k} of goal {g}",
                        rng.choice(OWNERS),
                        due.isoformat(),
                        status,
                        due.isoformat() if status == "done" else None,
                        k,
                    )
                )
        for key in rng.sample(keys, min(answered, len(keys))):
            answers.append((a, key, "answered", "Known and written down", now))
    con.executemany(
        "INSERT INTO account (id, name, name_key, industry, country, annual_revenue, currency, employees, crm_id,"
        " website, tier, stage, depth, review_cadence, last_review, owner, created_at, updated_at,"
        " why_key, what_we_want, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','','')",
        accounts,
    )
    con.executemany("INSERT INTO score (account_id, criterion_id, score) VALUES (?,?,?)", scores)
    con.executemany(
        "INSERT INTO team_member (id, account_id, name, title, is_executive_sponsor, notes) VALUES (?,?,?,?,?,'')",
        members,
    )
    con.executemany(
        "INSERT INTO stakeholder (id, account_id, name, title, department, influence, attitude, contact_strength,"
        " reports_to_id, notes) VALUES (?,?,?,?,?,?,?,?,?,'')",
        stake,
    )
    con.executemany("INSERT INTO stakeholder_cover (stakeholder_id, member_id, is_primary) VALUES (?,?,?)", covers)
    con.executemany(
        "INSERT INTO interaction (id, stakeholder_id, happened_on, kind, level, note, next_step, created_at)"
        " VALUES (?,?,?,?,?,?,?,?)",
        logged,
    )
    con.executemany("INSERT INTO interaction_member (interaction_id, member_id) VALUES (?,?)", logged_with)
    con.executemany("INSERT INTO swot_run (id, account_id, run_on, notes) VALUES (?,?,?,'')", runs)
    con.executemany(
        "INSERT INTO swot_item (id, run_id, quadrant, position, text, copied_from_id) VALUES (?,?,?,?,?,?)", items
    )
    con.executemany(
        "INSERT INTO goal (id, account_id, horizon, text, owner, status, position) VALUES (?,?,?,?,?,?,?)", goal_rows
    )
    con.executemany(
        "INSERT INTO action (id, goal_id, text, owner, due_date, status, completed_on, position)"
        " VALUES (?,?,?,?,?,?,?,?)",
        action_rows,
    )
    con.executemany(
        "INSERT INTO question_answer (account_id, question_key, status, answer, finder, updated_at)"
        " VALUES (?,?,?,?,'',?)",
        answers,
    )
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path
