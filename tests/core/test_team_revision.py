"""Schema 5, ready for a team and for offline copies: a schema-4 file upgrades
with its data and every row gets a uuid of its own; a server's copy (`kam
backup`) and a restore from it keep every uuid, version, stamp and tombstone,
so a later sync can still pair the rows."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from kam_tui.services import accounts, goals
from kam_tui.services.stakeholders import create_stakeholder
from kam_tui.store.copy import copy_to_file, load_file
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location

FIXTURES = Path(__file__).parents[1] / "fixtures"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _tracked(con: sqlite3.Connection) -> list[str]:
    tables = [r[0] for r in con.execute("select name from sqlite_schema where type='table'")]
    return [t for t in tables if "uuid" in [c[1] for c in con.execute(f'pragma table_info("{t}")')]]


def test_a_schema_4_file_gets_a_uuid_for_every_row_version_1_and_no_name(tmp_path):
    copy = tmp_path / "kam.db"
    shutil.copyfile(FIXTURES / "kam-v4.db", copy)
    open_database(copy).dispose()
    con = sqlite3.connect(copy)
    try:
        tables = _tracked(con)
        assert len(tables) == 29 and "tombstone" not in tables
        seen: set[str] = set()
        for table in tables:
            rows = con.execute(f'select uuid, version, updated_by from "{table}"').fetchall()
            assert len(rows) >= 3, table
            for row_uuid, version, by in rows:
                assert UUID.match(row_uuid), (table, row_uuid)
                assert (version, by) == (1, ""), table
                seen.add(row_uuid)
        total = sum(con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables)
        assert len(seen) == total, "every row's uuid is its own"
        assert con.execute("select count(*) from tombstone").fetchone()[0] == 0
    finally:
        con.close()


def _everything(engine: sa.Engine) -> dict[str, list[tuple]]:
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as con:
        out = {}
        for table in meta.sorted_tables:
            if "uuid" in table.c:
                cols = [table.c.uuid, table.c.version, table.c.updated_by]
                out[table.name] = sorted(tuple(r) for r in con.execute(sa.select(*cols)))
            elif table.name == "tombstone":
                out[table.name] = sorted(tuple(r) for r in con.execute(sa.select(table.c.table_name, table.c.row_uuid)))
        return out


def test_a_servers_copy_and_its_restore_keep_every_uuid_version_and_tombstone(new_pg_database, tmp_path):
    server = open_database(Location(url=new_pg_database()), user="Anna")
    with new_session(server) as s:
        acme = accounts.create_account(s, "Acme")
        goal = goals.add_goal(s, acme.id, "short", "Win the framework deal")
        goals.add_action(s, goal.id, "Call Karin")
        others = [accounts.create_account(s, f"Other {i}") for i in range(2)]
        accounts.update_account(s, others[0].id, notes="edited twice")
        accounts.update_account(s, others[0].id, notes="edited three times")
        # who reports to whom is filled in after a table's rows are copied: not a save
        boss = create_stakeholder(s, acme.id, "Karin Ek")
        create_stakeholder(s, acme.id, "Lars Berg", reports_to_id=boss.id)
        goals.delete_goal(s, goal.id)
        s.commit()
    before = _everything(server)
    assert before["tombstone"] and any(v == 3 for _, v, _ in before["account"])
    backup = tmp_path / "copy.db"
    copy_to_file(server, backup)
    server.dispose()
    as_file = open_database(backup)
    assert _everything(as_file) == before
    as_file.dispose()
    restored = open_database(Location(url=new_pg_database()))
    load_file(backup, restored)
    assert _everything(restored) == before
    restored.dispose()
