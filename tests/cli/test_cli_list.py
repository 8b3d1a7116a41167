"""`kam init --demo` and `kam list` as a user runs them: the real command, a temp database."""

import json
import re
from decimal import Decimal

from kam_tui.db import new_session, open_database
from kam_tui.services import accounts, demo, scoring

KEYS = {
    "name",
    "tier",
    "stage",
    "industry",
    "country",
    "annual_revenue",
    "currency",
    "employees",
    "crm_id",
    "owner",
    "score",
    "focus",
}


def _seeded(path):
    engine = open_database(path)
    with new_session(engine) as s:
        demo.seed_demo(s)
    return engine


def test_init_demo_then_list_json_with_db_before_the_subcommand(kam, tmp_path):
    db = tmp_path / "x" / "plans.db"
    done = kam("--db", str(db), "init", "--demo")
    assert done.returncode == 0, done.stderr
    assert str(db) in done.stdout and db.exists()
    listed = kam("--db", str(db), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["name"] for r in rows] == [demo.BANK, demo.MAKER, demo.RETAIL]  # best score first
    assert all(KEYS <= set(r) for r in rows)
    bank = rows[0]
    assert bank["tier"] == "existing_key" and bank["stage"] == "execution" and bank["focus"] == "protect"
    assert bank["annual_revenue"] == "48200000000" and bank["currency"] == "SEK"
    assert bank["employees"] == 9400 and bank["crm_id"] == "0015g00000NVKB01"
    assert bank["owner"] == "Maria Lindqvist" and bank["country"] == "SE" and bank["country_name"] == "Sweden"
    # (3*9 + 2*6 + 2*8 + 1.5*9) / 8.5
    assert bank["score"] == round(68.5 / 8.5, 2)
    assert {r["tier"] for r in rows} == {"existing_key", "emerging_key", "candidate"}
    assert {r["stage"] for r in rows} == {"execution", "action_plan", "strategy"}
    # a second init --demo refuses to mix the demo into existing accounts
    again = kam("init", "--demo", db=db)
    assert again.returncode == 1 and "already holds accounts" in again.stderr
    assert len(json.loads(kam("list", "--json", db=db).stdout)) == 3


def test_unscored_account_lists_null_score_and_blank_fields_as_null(kam, db_path):
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Plain Ltd")
        a = accounts.create_account(s, "Scored AB", annual_revenue="1250000.50", currency="eur")
        c = scoring.add_criterion(s, "Solvency", 2)
        scoring.set_score(s, a.id, c.id, 7)
    engine.dispose()
    rows = {r["name"]: r for r in json.loads(kam("list", "--json", db=db_path).stdout)}
    assert rows["Plain Ltd"]["score"] is None
    assert rows["Plain Ltd"]["annual_revenue"] is None and rows["Plain Ltd"]["currency"] is None
    assert rows["Plain Ltd"]["focus"] is None and rows["Plain Ltd"]["tier"] == "candidate"
    assert rows["Scored AB"]["score"] == 7.0
    assert Decimal(rows["Scored AB"]["annual_revenue"]) == Decimal("1250000.5")
    assert rows["Scored AB"]["currency"] == "EUR"


def test_list_prints_a_readable_table(kam, db_path):
    _seeded(db_path).dispose()
    out = kam("list", db=db_path, env={"COLUMNS": "120"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["Name", "Tier", "Stage"]
    bank_line = next(ln for ln in lines if ln.startswith(demo.BANK))
    assert "Existing key" in bank_line and "SEK 48.2bn" in bank_line and "8.1" in bank_line
    assert "2 key (limit 8)" in out.stdout


def test_list_on_an_empty_database_says_so(kam, ready_db):
    db_path = ready_db  # made in-process: `kam list` never makes a database
    out = kam("list", db=db_path)
    assert out.returncode == 0 and "No accounts yet" in out.stdout
    assert json.loads(kam("list", "--json", db=db_path).stdout) == []


def test_list_refuses_a_file_that_is_not_ours(kam, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\n")
    out = kam("list", "--json", db=bad)
    assert out.returncode == 1 and out.stdout == ""
    assert "not a kam database" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert bad.read_text() == "shopping list\n"


TIERS = {"existing_key", "emerging_key", "candidate", "not_key"}
STAGES = {"strategy", "research", "action_plan", "execution", "review"}


def test_list_json_on_the_demo_has_every_promised_key_with_the_promised_types(kam, kam_demo_db):
    out = kam("--db", str(kam_demo_db), "list", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert sorted(r["name"] for r in rows) == sorted([demo.BANK, demo.MAKER, demo.RETAIL])
    for row in rows:
        assert KEYS <= set(row), row
        assert row["tier"] in TIERS and row["stage"] in STAGES
        revenue = row["annual_revenue"]
        assert revenue is None or re.fullmatch(r"-?\d+(\.\d+)?", revenue), revenue
        assert row["currency"] is None or re.fullmatch(r"[A-Z]{3}", row["currency"])
        assert row["employees"] is None or isinstance(row["employees"], int)
        for key in ("name", "industry", "country", "crm_id", "owner"):
            assert row[key] is None or isinstance(row[key], str)
