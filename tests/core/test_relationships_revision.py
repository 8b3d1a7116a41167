"""The relationships revision on a database at the schema before it, full of
people: whoever covered a person becomes their primary cover, nobody is left
without their manager, and the people, their notes and their team survive,
on a file and on a server."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from kam_tui.store.engine import make_engine, make_server_engine
from kam_tui.store.location import Location
from kam_tui.store.migrate import build_file_at, upgrade_file, upgrade_server
from kam_tui.store.revisions import REVISIONS

BEFORE = REVISIONS[REVISIONS.index("0003_relationships") - 1]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def at_previous_head(request, tmp_path):
    """(engine at the revision before this one, a function upgrading it to this one)."""
    if request.param == "sqlite":
        path = tmp_path / "old.db"
        build_file_at(path, BEFORE)
        engine = make_engine(path)

        def upgrade() -> None:
            engine.dispose()
            upgrade_file(path, BEFORE, target="0003_relationships")

        yield engine, upgrade
        engine.dispose()
        return
    engine = make_server_engine(Location(url=request.getfixturevalue("pg_url")))
    upgrade_server(engine, None, target=BEFORE)
    yield engine, lambda: upgrade_server(engine, BEFORE, target="0003_relationships")
    engine.dispose()


def test_covered_by_becomes_the_primary_cover_and_nothing_else_moves(at_previous_head):
    engine, upgrade = at_previous_head
    with engine.begin() as con:
        con.execute(
            sa.text(
                "INSERT INTO account (id, name, name_key, industry, country, website, tier, why_key, what_we_want,"
                " owner, stage, depth, review_cadence, notes, created_at, updated_at) VALUES (1, 'Acme', 'acme',"
                " '', '', '', 'existing_key', '', '', 'Kim', 'strategy', 'full', 'monthly', '', :t, :t)"
            ),
            {"t": "2026-01-01 09:00:00"},
        )
        con.execute(
            sa.text(
                "INSERT INTO team_member (id, account_id, name, title, is_executive_sponsor, notes) VALUES"
                " (1, 1, 'Kim', '', false, ''), (2, 1, 'Ann', '', false, '')"
            )
        )
        con.execute(
            sa.text(
                "INSERT INTO stakeholder (id, account_id, name, title, department, influence, attitude,"
                " contact_strength, covered_by_id, reports_to_id, last_contact, notes) VALUES"
                " (1, 1, 'Boss', '', '', 'high', 'neutral', 'none', 1, NULL, '2026-02-03', 'top'),"
                " (2, 1, 'Eva', '', '', 'medium', 'supporter', 'regular', 2, 1, NULL, 'reports to Boss'),"
                " (3, 1, 'Bo', '', '', 'low', 'neutral', 'none', NULL, 1, NULL, '')"
            )
        )
    upgrade()
    with engine.connect() as con:
        covers = con.execute(
            sa.text("SELECT stakeholder_id, member_id, is_primary FROM stakeholder_cover ORDER BY stakeholder_id")
        ).all()
        people = con.execute(
            sa.text(
                "SELECT id, name, reports_to_id, last_contact, notes, contact_rhythm_days FROM stakeholder ORDER BY id"
            )
        ).all()
        columns = {c["name"] for c in sa.inspect(con).get_columns("stakeholder")}
    assert [(s, m, bool(p)) for s, m, p in covers] == [(1, 1, True), (2, 2, True)]
    assert [(i, n, r, str(d) if d else None, notes, rhythm) for i, n, r, d, notes, rhythm in people] == [
        (1, "Boss", None, "2026-02-03", "top", None),
        (2, "Eva", 1, None, "reports to Boss", None),  # the rebuilt table kept every manager
        (3, "Bo", 1, None, "", None),
    ]
    assert "covered_by_id" not in columns


def test_a_file_upgraded_keeps_its_foreign_keys_checked(tmp_path):
    path = tmp_path / "old.db"
    build_file_at(path, BEFORE)
    upgrade_file(path, BEFORE, target="0003_relationships")
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # the rebuilt table still points where the old one did
        targets = {(r[2], r[3]) for r in con.execute("PRAGMA foreign_key_list(stakeholder)")}
        assert targets == {("account", "account_id"), ("stakeholder", "reports_to_id")}
    finally:
        con.close()
