"""Meetings come due: each meeting of the account's structure (internal, and
strategic, tactical and operational with the customer) was last held on the
latest logged meeting of its level - a contact logged at that level, or a
review of that kind - and is next due a frequency later."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kam_tui.rules.reviews import sorted_meetings
from kam_tui.rules.rows import Row
from kam_tui.vocabulary import MeetingKind


@dataclass(frozen=True)
class MeetingDue:
    meeting: Row
    last_held: date | None
    next_due: date | None  # None: never held, so due now

    def is_due(self, today: date, ahead: int = 0) -> bool:
        return self.next_due is None or self.next_due <= today + timedelta(days=ahead)


def last_held_by_level(interactions: Iterable[Row], reviews: Iterable[Row]) -> dict[MeetingKind, date]:
    """The latest day each level met: logged contacts tagged with a level, and reviews by their kind."""
    out: dict[MeetingKind, date] = {}
    dated = [(i.level, i.happened_on) for i in interactions if i.level is not None]
    dated += [(r.kind, r.held_on) for r in reviews]
    for level, day in dated:
        if level not in out or day > out[level]:
            out[level] = day
    return out


def meeting_dues(meetings: Iterable[Row], held: Mapping[MeetingKind, date]) -> list[MeetingDue]:
    """Every standing meeting with when it last met and is next due, in the method's order."""
    out = []
    for meeting in sorted_meetings(list(meetings)):
        last = held.get(meeting.kind)
        out.append(MeetingDue(meeting, last, None if last is None else last + timedelta(days=meeting.frequency.days)))
    return out
