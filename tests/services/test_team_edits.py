"""Two people on one database: every row says who saved it when, a save over
someone else's newer change is refused naming them, a deletion leaves a
tombstone, and every row has a uuid. On a file and on the server (the
`engine` fixture runs each test on both)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from kam_tui.models import Account, Action, Goal, ProfileSection, ProfileText, Stakeholder, Tombstone
from kam_tui.services import accounts, business, goals, interactions, opportunities
from kam_tui.services.stakeholders import create_stakeholder
from kam_tui.store.conflicts import Seen, run_checked, seen_of
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.errors import ChangedElsewhere, when
from kam_tui.store.stamps import set_user

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture
def anna(engine):
    set_user(engine, "Anna")
    return engine


@pytest.fixture
def bo(database):
    """A second person: an engine of their own on the same database."""
    engine = open_database(database, user="Bo")
    yield engine
    engine.dispose()


def _account(engine, account_id: int) -> Account:
    with new_session(engine) as s:
        return s.get(Account, account_id)


def test_a_new_row_records_who_made_it_and_a_save_moves_its_version(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
    made = _account(anna, acme.id)
    assert made.updated_by == "Anna" and made.version == 1
    assert UUID.match(made.uuid)
    assert abs(made.updated_at - datetime.now(UTC)) < timedelta(minutes=1)
    with new_session(bo) as s:
        accounts.update_account(s, acme.id, notes="Met the CFO")
    saved = _account(anna, acme.id)
    assert (saved.updated_by, saved.version, saved.uuid) == ("Bo", 2, made.uuid)


def test_rows_written_with_plain_sql_get_a_uuid_and_a_version_too(anna):
    # the importer and other plain SQL writers do not name the new columns
    with anna.begin() as con:
        con.execute(sa.text("INSERT INTO criterion (name, name_key, weight, position) VALUES ('Fit', 'fit', '1', 0)"))
        con.execute(sa.insert(Stakeholder.__table__.metadata.tables["criterion"]).values(name="Size", name_key="size"))
        rows = con.execute(sa.text("SELECT uuid, version, updated_by FROM criterion ORDER BY id")).all()
    assert [UUID.match(u) is not None for u, _, _ in rows] == [True, True]
    assert rows[0][0] != rows[1][0]
    assert [(v, by) for _, v, by in rows] == [(1, ""), (1, "Anna")]


def test_a_change_to_what_hangs_off_an_account_does_not_move_the_accounts_version(anna):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
        goals.add_goal(s, acme.id, "short", "Win the framework deal")
        create_stakeholder(s, acme.id, "Karin Ek")
    # else the account form of a colleague would be refused for someone's new goal
    assert _account(anna, acme.id).version == 1


def test_a_second_save_over_the_first_is_refused_naming_who_saved_first(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme", notes="as it was")
    shown = seen_of(_account(anna, acme.id))  # both have the account on screen
    with new_session(anna) as s:
        run_checked(s, shown, accounts.update_account, acme.id, notes="Anna's notes")
    with new_session(bo) as s, pytest.raises(ChangedElsewhere) as refused:
        run_checked(s, shown, accounts.update_account, acme.id, notes="Bo's notes")
    first = _account(anna, acme.id)
    assert first.notes == "Anna's notes"  # never a silent overwrite
    assert str(refused.value) == f"changed by Anna at {when(first.updated_at)}"
    assert re.fullmatch(r"changed by Anna at \d\d:\d\d", str(refused.value))
    assert refused.value.values["notes"] == "Anna's notes" and refused.value.version == 2
    # applied again over the newest version, deliberately: saved
    with new_session(bo) as s:
        run_checked(s, shown.moved_to(refused.value.version), accounts.update_account, acme.id, notes="Bo's notes")
    assert (_account(anna, acme.id).notes, _account(anna, acme.id).updated_by) == ("Bo's notes", "Bo")


def test_a_save_racing_past_the_check_is_refused_by_the_version_it_updates(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
    with new_session(bo) as held:
        theirs = held.get(Account, acme.id)  # Bo's screen loaded it, version 1
        with new_session(anna) as s:
            accounts.update_account(s, acme.id, notes="Anna's")
        theirs.notes = "Bo's"
        held.add(theirs)
        with pytest.raises(ChangedElsewhere, match="^changed by Anna at "):
            run_checked(held, Seen("account", acme.id, 2), lambda s: s.flush())
    assert _account(anna, acme.id).notes == "Anna's"


def test_a_one_key_edit_is_refused_only_when_its_own_field_changed(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
        deal = opportunities.add_opportunity(s, acme.id, "Licences")
    shown = Seen("opportunity", deal.id, field="status", value="open")
    with new_session(anna) as s:
        opportunities.update_opportunity(s, deal.id, notes="a note is not the status")
    with new_session(bo) as s:
        run_checked(s, shown, opportunities.set_status, deal.id, "won")
    with new_session(anna) as s, pytest.raises(ChangedElsewhere, match="^changed by Bo at "):
        run_checked(s, shown, opportunities.set_status, deal.id, "lost")


def test_a_sections_autosave_is_one_update_naming_its_version_and_refused_over_a_newer_one(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
        first = business.save_section(s, acme.id, ProfileSection.PURCHASES, "Licences 2024", 0)
    statements: list[str] = []
    sa.event.listen(anna, "before_cursor_execute", lambda _c, _cur, sql, *_: statements.append(sql))
    with new_session(anna) as s:
        second = business.save_section(s, acme.id, ProfileSection.PURCHASES, "Licences 2025", first.version)
    writes = [q for q in statements if q.lstrip().upper().startswith(("UPDATE", "INSERT", "SELECT", "DELETE"))]
    assert [q.split()[0:2] for q in writes] == [["UPDATE", "profile_text"], ["UPDATE", "account"]]
    assert second.version == first.version + 1
    with new_session(bo) as s, pytest.raises(ChangedElsewhere) as refused:
        business.save_section(s, acme.id, ProfileSection.PURCHASES, "Bo's text", first.version)
    assert refused.value.values["text"] == "Licences 2025" and refused.value.by == "Anna"
    # a first text where someone else wrote one meanwhile is refused too
    with new_session(bo) as s, pytest.raises(ChangedElsewhere):
        business.save_section(s, acme.id, ProfileSection.PURCHASES, "Bo's text", 0)
    with new_session(bo) as s:
        business.save_section(s, acme.id, ProfileSection.PURCHASES, "Bo's text", refused.value.version)
    with new_session(anna) as s:
        assert business.get_section(s, acme.id, ProfileSection.PURCHASES) == "Bo's text"


def _tombstones(engine) -> dict[str, set[str]]:
    with new_session(engine) as s:
        found: dict[str, set[str]] = {}
        for t in s.exec(select(Tombstone)):
            assert t.deleted_by == "Anna" and abs(t.deleted_at - datetime.now(UTC)) < timedelta(minutes=1)
            found.setdefault(t.table_name, set()).add(t.row_uuid)
        return found


def test_a_deletion_leaves_a_tombstone_for_each_row_it_takes_cascades_included(anna):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
        goal = goals.add_goal(s, acme.id, "short", "Win the framework deal")
        steps = [goals.add_action(s, goal.id, "Call Karin"), goals.add_action(s, goal.id, "Send the offer")]
        karin = create_stakeholder(s, acme.id, "Karin Ek")
        interactions.log_contact(s, karin.id, note="Lunch")
        uuids = {
            "goal": {goal.uuid},
            "action": {a.uuid for a in steps},
        }
    with new_session(anna) as s:
        goals.delete_goal(s, goal.id)
        s.commit()
    assert _tombstones(anna) == uuids
    with new_session(anna) as s:
        everything = {
            table.name: set(s.execute(sa.select(table.c.uuid)).scalars())
            for table in Account.metadata.sorted_tables
            if "uuid" in table.c
        }
        accounts.delete_account(s, acme.id)
        s.commit()
    gone = _tombstones(anna)
    for table, rows in everything.items():
        if rows:  # the account, its tier history, the person and their contact log
            assert gone.get(table, set()) >= rows, table
    with new_session(anna) as s:
        assert s.exec(select(Goal)).all() == [] and s.exec(select(Action)).all() == []
        assert s.exec(select(ProfileText)).all() == []


def test_a_save_to_an_item_a_colleague_deleted_names_who_deleted_it(anna, bo):
    with new_session(anna) as s:
        acme = accounts.create_account(s, "Acme")
        goal = goals.add_goal(s, acme.id, "short", "Win the framework deal")
    with new_session(bo) as s:
        shown = seen_of(s.get(Goal, goal.id))  # Bo's form is open on it
    with new_session(anna) as s:
        goals.delete_goal(s, goal.id)
        s.commit()
    with new_session(bo) as s, pytest.raises(ChangedElsewhere, match=r"^deleted by Anna at \d\d:\d\d$"):
        run_checked(s, shown, goals.update_goal, goal.id, text="Win it")


def test_on_a_server_a_save_that_races_the_check_waits_and_is_then_refused(pg_url):
    import threading

    from kam_tui.store.location import Location

    anna = open_database(Location(url=pg_url), user="Anna")
    bo = open_database(Location(url=pg_url), user="Bo")
    try:
        with new_session(anna) as s:
            acme = accounts.create_account(s, "Acme")
        shown = seen_of(_account(anna, acme.id))  # both have version 1 on screen
        outcome: dict[str, object] = {}

        def anna_saves() -> None:
            try:
                with new_session(anna) as s:
                    run_checked(s, shown, accounts.update_account, acme.id, notes="Anna's")
            except ChangedElsewhere as exc:
                outcome["anna"] = exc

        def bo_edits(s, account_id):
            # Bo's check has passed and holds the row: Anna's save, made now, waits for his
            racer = threading.Thread(target=anna_saves)
            racer.start()
            racer.join(timeout=1.0)
            outcome["waited"] = racer.is_alive()
            outcome["racer"] = racer
            return accounts.update_account(s, account_id, notes="Bo's")

        with new_session(bo) as s:
            run_checked(s, shown, bo_edits, acme.id)
        outcome["racer"].join(timeout=10)
        assert outcome["waited"] is True
        assert re.match(r"changed by Bo at \d\d:\d\d$", str(outcome["anna"]))
        assert _account(anna, acme.id).notes == "Bo's"
    finally:
        anna.dispose()
        bo.dispose()
