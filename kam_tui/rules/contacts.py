"""Contact that stays fresh: each stakeholder has a rhythm (how many days may
pass between contacts), by default from their influence and overridable per
person, and a last contact (the latest one logged, or the date typed before
the log existed). A person past their rhythm is due.

The method: know every stakeholder and how much contact we have had with
them; the people whose view decides the plan need it most often.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import Influence

# Days between contacts for each influence, until the user sets their own.
DEFAULT_RHYTHM: dict[Influence, int] = {Influence.HIGH: 30, Influence.MEDIUM: 60, Influence.LOW: 90}
# The settings (one database's) that hold the user's own rhythms.
RHYTHM_SETTING: dict[Influence, str] = {i: f"contact_rhythm_{i.value}" for i in Influence}
MAX_RHYTHM_DAYS = 730


def rhythms_from(settings: Mapping[str, str]) -> dict[Influence, int]:
    """The rhythm per influence from the settings, the default where one is missing or unreadable."""
    out = dict(DEFAULT_RHYTHM)
    for influence, key in RHYTHM_SETTING.items():
        text = settings.get(key, "")
        if text.strip().isdigit() and 1 <= int(text) <= MAX_RHYTHM_DAYS:
            out[influence] = int(text)
    return out


@dataclass(frozen=True)
class ContactState:
    """How fresh our contact with one person is."""

    last: date | None  # the latest contact logged or typed; None: none on record
    rhythm: int  # days that may pass between contacts
    # high influence and barely known: due for a first contact even with none on record
    needs_first_contact: bool

    @property
    def due_on(self) -> date | None:
        """The day the next contact is due; None when there was none yet."""
        return None if self.last is None else self.last + timedelta(days=self.rhythm)

    def days_since(self, today: date) -> int | None:
        return None if self.last is None else (today - self.last).days

    def is_due(self, today: date, ahead: int = 0) -> bool:
        """Past the rhythm (or reaching it within `ahead` days). A person with no
        contact on record is due only when their influence is high and we barely
        know them: an imported list of a hundred names is not a hundred calls to
        make today, and a strong relationship typed before the log is not news."""
        due = self.due_on
        if due is None:
            return self.needs_first_contact
        return due <= today + timedelta(days=ahead)

    def describe(self, today: date) -> str:
        """In the app's words: 'last contact 45 days ago, every 30 days'."""
        since = self.days_since(today)
        if since is None:
            return f"no contact on record; every {self.rhythm} days"
        ago = "today" if since == 0 else ("yesterday" if since == 1 else f"{since} days ago")
        return f"last contact {ago}, every {self.rhythm} days"


def last_contact_of(person: Row, logged: date | None) -> date | None:
    """The latest logged contact, or the date typed by hand when it is later
    (history from before the log)."""
    typed: date | None = person.last_contact
    if logged is None or (typed is not None and typed > logged):
        return typed
    return logged


def rhythm_of(person: Row, rhythms: Mapping[Influence, int]) -> int:
    own: int | None = person.contact_rhythm_days
    return own if own else rhythms[person.influence]


def contact_state(person: Row, logged: date | None, rhythms: Mapping[Influence, int]) -> ContactState:
    return ContactState(
        last_contact_of(person, logged),
        rhythm_of(person, rhythms),
        person.influence == Influence.HIGH and person.contact_strength.is_weak,
    )


def contact_states(
    people: Iterable[Row], logged: Mapping[int, date], rhythms: Mapping[Influence, int]
) -> dict[int, ContactState]:
    """Every person's contact state by id; `logged` holds each person's latest logged contact."""
    return {p.id: contact_state(p, logged.get(p.id), rhythms) for p in people}


def latest_logged(interactions: Iterable[Row]) -> dict[int, date]:
    """Each person's latest logged contact, from the log's rows."""
    out: dict[int, date] = {}
    for row in interactions:
        seen = out.get(row.stakeholder_id)
        if seen is None or row.happened_on > seen:
            out[row.stakeholder_id] = row.happened_on
    return out
