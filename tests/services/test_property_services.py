"""Random Unicode through the services and out through the export: what goes
in comes back exactly (after the documented cleaning), and renders as typed."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from kam_tui.db import new_session, open_database
from kam_tui.errors import ValidationError
from kam_tui.export.markdown import block, heading, table
from kam_tui.services import accounts
from kam_tui.text import name_key
from tests.rendered_markdown import TEXT, norm, render

UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
ANY_TEXT = st.one_of(UNICODE, TEXT)
PROPS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_database(tmp_path_factory.mktemp("prop") / "kam.db")
    yield engine
    engine.dispose()


def fresh(engine, account_id):
    """Read back in a new session, so nothing comes from the identity map."""
    with new_session(engine) as s:
        return accounts.get_account(s, account_id)


@PROPS
@given(name=ANY_TEXT, notes=ANY_TEXT, industry=ANY_TEXT)
def test_account_text_round_trips_exactly(engine, name, notes, industry):
    assume(" ".join(name.split()) and len(" ".join(name.split())) <= 200)
    with new_session(engine) as s:
        a = accounts.create_account(s, name, notes=notes, industry=industry)
        account_id = a.id
    try:
        got = fresh(engine, account_id)
        assert got.name == " ".join(name.split())
        assert got.notes == notes.strip()
        assert got.industry == " ".join(industry.split())
        # and renders in the export exactly as typed
        v = render(heading(1, got.name) + "\n\n" + block(got.notes) + "\n\n" + table(["Industry"], [[got.industry]]))
        assert v.tags[0] == "h1"
        assert norm("".join(v.parts)) == norm(f"{name} {notes} Industry {industry}")
        assert v.rows == [["Industry"], [norm(industry)]]
    finally:
        with new_session(engine) as s:
            accounts.delete_account(s, account_id)


@PROPS
@given(first=ANY_TEXT, second=ANY_TEXT)
def test_update_round_trips_and_names_stay_unique(engine, first, second):
    assume(" ".join(first.split()) and " ".join(second.split()))
    assume(len(" ".join(first.split())) <= 200 and len(" ".join(second.split())) <= 200)
    with new_session(engine) as s:
        a = accounts.create_account(s, first)
        ids = [a.id]
        try:
            if name_key(" ".join(second.split())) == name_key(" ".join(first.split())):
                with pytest.raises(ValidationError) as info:
                    accounts.create_account(s, second)
                assert info.value.field == "name"
                s.rollback()
            else:
                b = accounts.create_account(s, second)
                ids.append(b.id)
            accounts.update_account(s, a.id, notes=second)
            assert fresh(engine, a.id).notes == second.strip()
        finally:
            for i in ids:
                accounts.delete_account(s, i)


def test_text_is_stored_as_text_not_mangled(database):
    """Emoji, right-to-left and combining marks as the database itself holds them
    (a file, or a server: this one takes the test's own database of either kind)."""
    typed = "Åcme 🙂 שלום مرحبا e\u0301 \u202eevil"
    engine = open_database(database)
    with new_session(engine) as s:
        a = accounts.create_account(s, typed, notes=typed)
    if database.is_server:
        import psycopg

        with psycopg.connect(database.server_url) as pg:
            held = pg.execute("select name, notes from account where id=%s", (a.id,)).fetchone()
    else:
        con = sqlite3.connect(f"file:{database.path}?mode=ro", uri=True)
        try:
            held = con.execute("select name, notes from account where id=?", (a.id,)).fetchone()
        finally:
            con.close()
    assert held == (typed, typed)
    engine.dispose()
