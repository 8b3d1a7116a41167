"""Names an attacker or an unlucky CRM export can bring: Rich/Textual markup,
terminal escape sequences (OSC 8 links, an OSC 52 clipboard write, CSI
colours, their one-byte C1 forms), a right-to-left override, piled-up
combining marks, 10,000 characters, CJK and emoji. Each must show as text
and change nothing on the terminal but what it draws.

`plant(session)` puts them everywhere a plan keeps a name or a note, the way
a database from elsewhere holds them: through the services where they take
them, straight into the table where they would not (the 10,000 characters).
`effects(output)` lists what of them reached a terminal's byte stream raw.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import Session

from kam_tui import clock
from kam_tui.models import PartyKind, ProfileSection, SwotQuadrant
from kam_tui.services import (
    accounts,
    business,
    goals,
    opportunities,
    parties,
    reviews,
    scoring,
    stakeholders,
    swot,
    team,
    whitespace,
)

LINK = "[link=http://evil.example]HOSTILE-LINK[/link]"
CLICK = "[@click=app.bell]HOSTILE-CLICK[/]"
OSC8 = "osc8 \x1b]8;;http://evil.example\x1b\\HOSTILE-OSC8\x1b]8;;\x1b\\"
OSC52 = "osc52 \x1b]52;c;SE9TVElMRQ==\x07"
CSI = "csi \x1b[7;31mHOSTILE-CSI\x1b[0m"
C1 = "c1 \x9b7;31mHOSTILE-C1 \x9d0;HOSTILE-TITLE\x9c"
RTL = "rtl \u202eHOSTILE-RTL \u2067iso\u2069 end"
ZALGO = "zalgo Z" + "\u0301\u0302\u0303" * 20
LONG = "long " + "L" * 9995
CJK = "東京海上日動火災保険株式会社"
EMOJI = "emoji 🙂👩\u200d💼🏳️\u200d🌈"
CONTROLS = "bell\x07 bs\x08 del\x7f cr\r tab\t nl\nend"

NAMES = ["[/]", "ACME [EMEA]", "[b]bold[/b] [red", LINK, CLICK, OSC8, OSC52, CSI, C1, RTL, ZALGO, CJK, EMOJI, CONTROLS]
# what a name that holds brackets but no control character shows as: exactly that
MARKUP_NAMES = ["[/]", "ACME [EMEA]", "[b]bold[/b] [red", LINK, CLICK]

# byte sequences that may only reach a terminal if a name's escape went out raw
RAW = [
    b"\x1b]8;;http://evil",
    b"\x1b]52;c;SE9TVElMRQ",
    b"\x1b[7;31mHOSTILE-CSI",
    "\x9b".encode(),
    "\x9d".encode(),
    "\x9c".encode(),
    "\u202e".encode(),
    "\u2067".encode(),
    b"\x08",
    b"\x7f",
]
# characters that may never be in text drawn or printed (newlines aside)
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def effects(output: bytes) -> list[bytes]:
    """The raw escapes of the hostile names found in a terminal's byte stream."""
    return [raw for raw in RAW if raw in output]


def plant(session: Session, *, long_names: bool = True) -> list[int]:
    """One account per hostile name, and the first account (named "[/]") a
    gallery: every hostile name in each of its sections (people, team, SWOT,
    deals, competitors, whitespace, goals and actions due yesterday so Today
    lists them, KPIs, reviews, meetings, the business text). The last account
    and its people are named with 10,000 characters, where the database lets a
    column hold more than it declares (SQLite does, a server does not: pass
    long_names=False). Returns the ids."""
    criterion = scoring.add_criterion(session, "Fit [b]")
    ids = []
    for n, name in enumerate([*NAMES, "placeholder for the long name"]):
        acct = accounts.create_account(session, name, owner=name, industry=name, country="Norway", notes=name)
        ids.append(acct.id)
        scoring.set_score(session, acct.id, criterion.id, 1 + n % 10)
        fill(session, acct.id, name, n)
        if n:
            fill(session, ids[0], name, n)
    if not long_names:
        session.commit()
        return ids
    # longer than any form accepts: only a file from elsewhere holds it
    session.execute(
        text("UPDATE account SET name = :name, name_key = :key WHERE id = :id"),
        {"name": LONG, "key": LONG.lower(), "id": ids[-1]},
    )
    session.execute(text("UPDATE stakeholder SET name = :name WHERE account_id = :id"), {"name": LONG, "id": ids[-1]})
    session.commit()
    return ids


def fill(session: Session, aid: int, name: str, n: int) -> None:
    """`name` in every section of account `aid`."""
    today = clock.today()
    member = team.create_member(session, aid, name, title=name, roles=["innovator"])
    boss = stakeholders.create_stakeholder(session, aid, f"Boss {n}", title=name, influence="high")
    stakeholders.create_stakeholder(
        session,
        aid,
        name,
        title=name,
        department=name,
        covered_by_id=member.id,
        reports_to_id=boss.id,
        notes=name,
        attitude="blocker",
        influence="high",
    )
    run = swot.ensure_run(session, aid)
    swot.add_item(session, run.id, SwotQuadrant.STRENGTH, name)
    parties.add_party(session, aid, PartyKind.COMPETITOR, name, name)
    opportunities.add_opportunity(session, aid, name, notes=name, expected_close=today)
    unit = whitespace.add_unit(session, aid, name)
    offering = whitespace.add_offering(session, aid, name)
    whitespace.set_status(session, unit.id, offering.id, "open")
    goal = goals.add_goal(session, aid, "short", name, owner=name)
    goals.add_action(session, goal.id, name, owner=name, due_date=today - timedelta(days=1))
    kpi = reviews.add_kpi(session, aid, name, unit="EUR")
    reviews.set_kpi_value(session, kpi.id, "2026", target=10, actual=8)
    reviews.add_review(session, aid, "today", notes=name, decisions=name)
    reviews.add_meeting(session, aid, "strategic", attendees=name, agenda=name)
    business.set_section(session, aid, ProfileSection.STRATEGY_GOALS, name)
