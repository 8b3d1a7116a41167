"""The relationship commands as a user or a script runs them: `kam log` (from a
shell or a mail filter), the kinds of `kam today --json`, and `kam calendar`
parsed back with icalendar - on a file and on a server."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import select

from kam_tui import clock
from kam_tui.models import Interaction, InteractionMember, MeetingKind
from kam_tui.questions import QUESTIONS
from kam_tui.services import (
    accounts,
    contracts,
    goals,
    interactions,
    opportunities,
    questions,
    reviews,
    stakeholders as sh,
    team,
)
from kam_tui.services.today import KINDS, SECTION
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location

TODAY = clock.today()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def where(request, db_path) -> Location:
    """The database the commands run on: a file, or a database of its own on the test server."""
    if request.param == "sqlite":
        return Location.file(db_path)
    return Location(url=request.getfixturevalue("new_pg_database")())


def seed(location: Location) -> dict[str, int]:
    """An account whose Today holds one item of every kind."""
    engine = open_database(location)
    ids: dict[str, int] = {}
    try:
        with new_session(engine) as s:
            acme = accounts.create_account(s, "Acme Bank", tier="existing_key", owner="Kim Berg")
            accounts.update_account(
                s, acme.id, last_review=TODAY - timedelta(days=40), next_plan_revision=TODAY + timedelta(days=3)
            )
            kim = team.create_member(s, acme.id, "Kim Berg")
            ann = team.create_member(s, acme.id, "Ann Holm")
            eva = sh.create_stakeholder(s, acme.id, "Eva Ek", influence="high", covered_by_id=ann.id)
            sh.create_stakeholder(s, acme.id, "Bo Ström", influence="low")
            interactions.log_contact(s, eva.id, TODAY - timedelta(days=45), "call", with_ids=[ann.id])
            reviews.add_meeting(s, acme.id, "tactical", "monthly")
            interactions.log_contact(s, eva.id, TODAY - timedelta(days=50), "meeting", level="tactical")
            g = goals.add_goal(s, acme.id, "short", "Meet the CFO", target_date=TODAY - timedelta(days=2))
            late = goals.add_action(s, g.id, "Send the agenda", due_date=TODAY - timedelta(days=1))
            goals.add_action(s, g.id, "Book the room", due_date=TODAY + timedelta(days=2))
            opportunities.add_opportunity(s, acme.id, "Renewal", expected_close=TODAY - timedelta(days=5))
            questions.assign(s, acme.id, QUESTIONS[0].key, "Ann", TODAY + timedelta(days=4))
            deal = contracts.add_contract(
                s, acme.id, "Platform", ends_on=TODAY + timedelta(days=120), notice_months=3, value="10 EUR"
            )
            ids = {"acme": acme.id, "eva": eva.id, "kim": kim.id, "ann": ann.id, "action": late.id, "deal": deal.id}
    finally:
        engine.dispose()
    return ids


def test_kam_log_logs_a_contact_with_our_people_and_the_next_step(kam, where):
    ids = seed(where)
    done = kam(
        "log",
        "acme bank",
        "EVA EK",
        "--kind",
        "Call",
        "--date",
        "yesterday",
        "--with",
        "Kim Berg",
        "--with",
        "ann holm",
        "--note",
        "Agreed a workshop [b]soon[/b]",
        "--next",
        "Send the agenda",
        "--next-by",
        "+1w",
        "--level",
        "operational",
        db=where,
    )
    assert done.returncode == 0, done.stderr
    assert "logged a call with Eva Ek (Acme Bank)" in done.stdout
    engine = open_database(where)
    with new_session(engine) as s:
        latest = interactions.person_log(s, ids["eva"])[0]
        assert latest.happened_on == TODAY - timedelta(days=1)
        assert latest.note == "Agreed a workshop [b]soon[/b]" and latest.next_step == "Send the agenda"
        assert latest.next_step_due == TODAY + timedelta(days=7) and latest.level == MeetingKind.OPERATIONAL
        assert sorted(interactions.participants(s, latest.id)) == sorted([ids["kim"], ids["ann"]])
    engine.dispose()
    # her last contact is now yesterday: she is no longer due
    today = json.loads(kam("today", "--json", db=where).stdout)
    assert not [i for i in today if i["kind"] == "contact_due" and i["item_id"] == ids["eva"]]


@pytest.mark.parametrize(
    "args, says",
    [
        (("Acme Bnk", "Eva Ek"), "no account called 'Acme Bnk'; did you mean: Acme Bank?"),
        (("Acme Bank", "Eve Ek"), "no stakeholder called 'Eve Ek'; did you mean: Eva Ek?"),
        (("Acme Bank", "Eva Ek", "--with", "Kimberly"), "nobody called 'Kimberly' on this account's team"),
    ],
)
def test_kam_log_refuses_unknown_names_naming_close_matches(kam, where, args, says):
    seed(where)
    out = kam("log", *args, db=where)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert says in line
    engine = open_database(where)
    with new_session(engine) as s:
        assert len(list(s.exec(select(Interaction)))) == 2  # the seed's, nothing more
    engine.dispose()


def test_kam_log_refuses_a_bad_kind_or_a_future_date_in_one_line(kam, db_path):
    where = Location.file(db_path)
    seed(where)
    for args, says in (
        (("--kind", "chat"), "--kind: 'chat' is not one of"),
        (("--date", "tomorrow"), "is in the future"),
        (("--date", "31.02.2026"), "--date:"),
    ):
        out = kam("log", "Acme Bank", "Eva Ek", *args, db=where)
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
        assert says in out.stderr.strip() and len(out.stderr.strip().splitlines()) == 1


def test_kam_today_json_gives_every_documented_kind_and_section(kam, where):
    ids = seed(where)
    out = kam("today", "--json", db=where)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert {i["kind"] for i in items} == set(KINDS)
    for i in items:
        assert i["section"] == SECTION[i["kind"]]
        assert i["section"] in {"goals", "stakeholders", "reviews", "history", "questions", "opportunities"}
        # the thing itself, not whether it is late yet: an action due soon keeps its uid once overdue
        assert i["uid"].startswith(f"{i['kind'].split('_')[0]}-{ids['acme']}-")
    by_kind = {i["kind"]: i for i in items}
    assert by_kind["contact_due"]["item_id"] == ids["eva"] and by_kind["contact_due"]["days_overdue"] == 15
    assert by_kind["renewal_due"]["item_id"] == ids["deal"]
    # dated by the last day to give notice: three months before the end
    notice_by = date.fromisoformat(by_kind["renewal_due"]["due"])
    assert 89 <= (TODAY + timedelta(days=120) - notice_by).days <= 92
    assert by_kind["meeting_due"]["text"].startswith("Tactical meeting, monthly (last held")
    assert by_kind["action_overdue"]["item_id"] == ids["action"]
    text = kam("today", db=where).stdout
    for title in ("Contacts due (1)", "Meetings due (1)", "Renewals in their notice window (1)"):
        assert title in text


def test_kam_calendar_holds_every_dated_item_with_uids_that_stay(kam, where, tmp_path):
    seed(where)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert kam("calendar", "-o", str(first), db=where).returncode == 0
    engine = open_database(where)
    with new_session(engine) as s:  # a change of text and date between two runs keeps the UID
        action = [a for a in goals.all_actions(s, 1) if a.text == "Send the agenda"][0]
        goals.update_action(s, action.id, text="Send the agenda today", due_date=TODAY)
    engine.dispose()
    assert kam("calendar", "-o", str(second), "--days", "90", db=where).returncode == 0
    events = {}
    for path in (first, second):
        cal = Calendar.from_ical(path.read_bytes())
        events[path] = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    today = json.loads(kam("today", "--json", "--days", "90", db=where).stdout)
    dated = [i for i in today if i["due"]]
    # every dated item Today knows is an event, with the account in its summary, on its day;
    # besides them only contacts and meetings coming within the window (Today lists those once due)
    uids = {f"{i['uid']}@kam-tui.local" for i in dated}
    assert uids <= set(events[second])
    assert {str(e["CATEGORIES"].cats[1]) for u, e in events[second].items() if u not in uids} <= {
        "contact_due",
        "meeting_due",
    }
    for item in dated:
        event = events[second][f"{item['uid']}@kam-tui.local"]
        assert str(event["SUMMARY"]).startswith("Acme Bank: ")
        assert event.decoded("DTSTART") == date.fromisoformat(item["due"])
    # the same items keep their UIDs from one run to the next, whatever their text or date
    assert set(events[first]) == set(events[second])
    uid = next(u for u, e in events[second].items() if "Send the agenda today" in str(e["SUMMARY"]))
    assert "Send the agenda" in str(events[first][uid]["SUMMARY"])
    assert events[first][uid].decoded("DTSTART") != events[second][uid].decoded("DTSTART")
    # the renewal and the contact due, coming within the window, are in the calendar too
    kinds = {str(e["CATEGORIES"].cats[1]) for e in events[second].values()}
    assert {"renewal_due", "contact_due", "meeting_due", "question_due", "revision_due"} <= kinds


def test_kam_calendar_to_stdout_and_its_refusals(kam, db_path, tmp_path):
    seed(Location.file(db_path))
    out = kam("calendar", db=db_path)
    assert out.returncode == 0 and out.stdout.startswith("BEGIN:VCALENDAR")
    assert kam("calendar", "--days", "-1", db=db_path).returncode == 2
    folder = tmp_path / "a-folder"
    folder.mkdir()
    refused = kam("calendar", "-o", str(folder), db=db_path)
    assert refused.returncode == 1 and "is a folder" in refused.stderr and "Traceback" not in refused.stderr
    missing = kam("calendar", db=tmp_path / "nope.db")
    assert missing.returncode == 1 and not (tmp_path / "nope.db").exists()


def test_the_interaction_members_of_a_logged_contact_go_with_it(where):
    ids = seed(where)
    engine = open_database(where)
    with new_session(engine) as s:
        entry = interactions.log_contact(s, ids["eva"], "today", "visit", with_ids=[ids["kim"]])
        interactions.delete_interaction(s, entry.id)
        assert s.exec(select(InteractionMember).where(InteractionMember.interaction_id == entry.id)).all() == []
    engine.dispose()
