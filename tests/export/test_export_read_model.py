"""The export's read model (the store's typed rows, kam_tui/store/plans.py,
grouped by kam_tui/export/snapshot.py): rows that read like the models, one
renderer for both ways in, and `kam export --all` without the ORM."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from kam_tui import models
from kam_tui.db import new_session, open_database
from kam_tui.export import snapshot
from kam_tui.export.plan import plan_markdown, render_plan
from kam_tui.services import accounts, demo, goals, opportunities, reviews, swot, whitespace
from kam_tui.store.plans import TABLES, read_rows
from kam_tui.store.reader import session_reader

PKG = Path(__file__).resolve().parents[2] / "kam_tui"

# table name -> the model it mirrors
MODELS = {
    m.__tablename__: m
    for m in (
        models.Account,
        models.TierChange,
        models.StageChange,
        models.Criterion,
        models.TeamMember,
        models.Stakeholder,
        models.StakeholderCover,
        models.Interaction,
        models.RelationshipChange,
        models.Contract,
        models.ProfileText,
        models.SwotRun,
        models.SwotItem,
        models.ThirdParty,
        models.Opportunity,
        models.WhitespaceUnit,
        models.WhitespaceOffering,
        models.Goal,
        models.Action,
        models.QuestionAnswer,
        models.Kpi,
        models.KpiValue,
        models.Review,
        models.Meeting,
    )
}


def _rich_demo(session) -> None:
    """The demo plus what it leaves out: a whitespace grid, KPI values, a
    second SWOT run with edits, opportunities of every status."""
    demo.seed_demo(session)
    bank = accounts.find_account(session, demo.BANK)
    unit = whitespace.add_unit(session, bank.id, "Unit [test] #1")
    offer = whitespace.add_offering(session, bank.id, "Cloud | hosting")
    whitespace.add_offering(session, bank.id, "Support & more")
    whitespace.set_status(session, unit.id, offer.id, models.WhitespaceStatus.PURSUING)
    kpi = reviews.add_kpi(session, bank.id, "Wallet share (test)", "%")
    reviews.set_kpi_value(session, kpi.id, "2026-Q2", "30", "28.5")
    reviews.set_kpi_value(session, kpi.id, "2026-Q1", "25", "26")
    run = swot.new_run(session, bank.id)
    items = swot.run_items(session, run.id)
    swot.edit_item(session, items[0].id, text="Edited *point*")
    swot.delete_item(session, items[-1].id)
    swot.add_item(session, run.id, "threat", "A new # threat")
    opportunities.add_opportunity(
        session, bank.id, "Lost deal", value="1000.50 EUR", status="lost", closed_on="2026-01-05"
    )
    opportunities.add_opportunity(session, bank.id, "Late deal", value="5000 USD", expected_close="2020-01-01")
    goal = goals.add_goal(session, bank.id, "mid", "Grow in the Nordics", owner="Ann")
    goals.add_action(session, goal.id, "Call Karin", owner="Ann", due_date="2020-02-02")


def test_rows_read_like_the_models(session):
    """Every column of every table comes back with the value and type the ORM gives."""
    _rich_demo(session)
    reader = session_reader(session)
    checked = 0
    assert {t.name for t in TABLES.values()} == set(MODELS)
    for cls, table in TABLES.items():
        model = MODELS[table.name]
        rows = read_rows(reader, cls)
        orm = list(session.exec(select(model)))
        assert len(rows) == len(orm) > 0, table
        for obj in orm:
            session.refresh(obj)
        key = {
            "profile_text": lambda r: (r.account_id, str(r.section)),
            "question_answer": lambda r: (r.account_id, r.question_key),
            "stakeholder_cover": lambda r: (r.stakeholder_id, r.member_id),
        }.get(table.name, lambda r: r.id)
        orm_by_key = {key(o): o for o in orm}
        cols = [f.name for f in dataclasses.fields(cls)]
        for row in rows:
            obj = orm_by_key[key(row)]
            for col in cols:
                mine, theirs = getattr(row, col), getattr(obj, col)
                # times too: UTC and aware, as the ORM reads them
                assert mine == theirs and type(mine) is type(theirs), (table.name, col, mine, theirs)
                checked += 1
    assert checked > 500


def test_the_whole_portfolio_read_renders_what_each_plan_read_renders(session):
    _rich_demo(session)
    portfolio = snapshot.read_portfolio(session_reader(session))
    assert len(portfolio.plans) == len(accounts.list_accounts(session)) == 3
    for account in accounts.list_accounts(session):
        one = render_plan(session, account)
        assert plan_markdown(portfolio.plans[account.id]) == one
        assert "## Whitespace" in one or account.name != demo.BANK


def test_rules_and_export_never_import_the_orm():
    """What `kam export --all` loads must not pull SQLAlchemy in."""
    files = sorted((PKG / "rules").glob("*.py")) + sorted((PKG / "export").glob("*.py"))
    files += [PKG / "vocabulary.py", PKG / "questions.py", PKG / "money.py", PKG / "fsutil.py"]
    allowed_services = {"kam_tui.services", "kam_tui.errors", "kam_tui.text"}
    offenders = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module
                else []
            )
            for name in names:
                bad = (
                    name.split(".")[0] in ("sqlalchemy", "sqlmodel")
                    or name == "kam_tui.models"
                    or (name.startswith("kam_tui.services") and name not in allowed_services)
                )
                if bad:
                    offenders.setdefault(path.name, []).append(name)
    assert len(files) > 20
    assert offenders == {}


RUN_EXPORT = """
import sys
from kam_tui.cli import main
code = main(["export", "--all", "-o", sys.argv[2], "--db", sys.argv[1]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "textual"))
print(code, len(loaded), loaded[:3])
"""


def test_export_all_runs_without_loading_sqlalchemy(db_path, tmp_path):
    engine = open_database(db_path)
    with new_session(engine) as s:
        _rich_demo(s)
    engine.dispose()
    out = tmp_path / "plans"
    proc = subprocess.run(
        [sys.executable, "-c", RUN_EXPORT, str(db_path), str(out)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[:2] == ["0", "0"], proc.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "brightmart-stores.md",
        "index.md",
        "kessler-antriebstechnik.md",
        "nordvik-bank.md",
    ]
    # and what it wrote is what the session path renders
    engine = open_database(db_path)
    with new_session(engine) as s:
        bank = accounts.find_account(s, demo.BANK)
        assert (out / "nordvik-bank.md").read_text(encoding="utf-8") == render_plan(s, bank)
    engine.dispose()


def test_export_all_refuses_a_foreign_file_and_leaves_it_as_it_was(kam, tmp_path):
    import sqlite3

    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("create table notes (t text)")
    con.execute("insert into notes values ('keep me')")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    out = kam("export", "--all", "-o", str(tmp_path / "plans"), db=foreign)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert "another program" in line
    assert foreign.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_export_all_leaves_no_wal_files_beside_the_database(kam, db_path, tmp_path):
    engine = open_database(db_path)
    with new_session(engine) as s:
        demo.seed_demo(s)
    engine.dispose()
    beside = sorted(p.name for p in db_path.parent.iterdir())
    out = kam("export", "--all", "-o", str(tmp_path / "plans"), db=db_path)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name != "plans") == beside


def test_export_all_on_a_missing_database_says_so(kam, tmp_path):
    missing = tmp_path / "nope.db"
    out = kam("export", "--all", "-o", str(tmp_path / "plans"), db=missing)
    assert out.returncode == 1 and "does not exist" in out.stderr
    assert not missing.exists() and not (tmp_path / "plans").exists()


def test_forked_workers_render_what_one_process_renders_in_the_same_order(session, monkeypatch):
    from kam_tui.export import batch

    _rich_demo(session)
    for i in range(12):
        accounts.create_account(session, f"Extra {i:02d}", tier="candidate")
    portfolio = snapshot.read_portfolio(session_reader(session))
    ids = sorted(portfolio.plans, reverse=True)
    alone = list(batch.render_plans(portfolio.plans, ids, workers=1))
    monkeypatch.setattr(batch, "MIN_PARALLEL", 1)
    monkeypatch.setattr(batch, "CHUNK", 2)  # several chunks, so their order matters
    forked = list(batch.render_plans(portfolio.plans, ids, workers=2))
    assert forked == alone and len(alone) == 15
    assert alone[-1].startswith("# " + portfolio.plans[ids[-1]].account.name)


def test_export_all_of_a_large_portfolio_matches_each_plan_rendered_alone(kam, tmp_path):
    """Past the size where forked workers render, every file is still exactly
    the plan the one-plan path renders, each under its own name."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import portfolio

    from kam_tui.export import batch

    n = batch.MIN_PARALLEL + 20
    db = portfolio.build(tmp_path / "big.db", n)
    out = kam("export", "--all", "-o", str(tmp_path / "plans"), db=db)
    assert out.returncode == 0, out.stderr
    files = sorted((tmp_path / "plans").iterdir())
    assert len(files) == n + 1
    engine = open_database(db)
    with new_session(engine) as s:
        for i in (1, n // 2, n):
            account = accounts.find_account(s, portfolio.account_name(i))
            stem = portfolio.account_name(i).lower().replace(" ", "-")
            assert (tmp_path / "plans" / f"{stem}.md").read_text(encoding="utf-8") == render_plan(s, account)
    engine.dispose()
