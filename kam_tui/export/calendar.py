"""Today's dated items as an iCalendar (.ics) file: open actions, reviews,
plan revisions, meetings and contacts due, renewals and questions to find
out, each an all-day event with the account in its summary.

Each event's UID is made from the item's identity (its kind, its account and
its own id), never from its text or its date, so importing the file again
into Outlook, Google Calendar or Apple Calendar updates the events instead of
adding them twice. `icalendar` is imported here only: `kam calendar` and
Today's `x` load it, nothing else does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from kam_tui.errors import ValidationError


class DatedItem(Protocol):
    """What an event is made of: Today's item (services.today), read by its fields
    so this module never loads the service and its ORM."""

    @property
    def uid(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def due(self) -> date | None: ...
    @property
    def account(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def owner(self) -> str: ...


DEFAULT_DAYS = 90
PRODUCT = "-//kam_tui//Key account plans//EN"
UID_DOMAIN = "kam-tui.local"
WHAT = {
    "action_overdue": "Action",
    "action_due": "Action",
    "contact_due": "Contact due",
    "meeting_due": "Meeting due",
    "renewal_due": "Renewal notice",
    "review_due": "Review",
    "revision_due": "Plan revision",
    "question_due": "Find out",
    "goal_overdue": "Goal",
    "opportunity_overdue": "Expected close",
}


def uid_of(item: DatedItem) -> str:
    return f"{item.uid}@{UID_DOMAIN}"


def calendar_bytes(items: Iterable[DatedItem], now: datetime | None = None) -> bytes:
    """The .ics text of the dated items (an item with no date has no day to sit on)."""
    from icalendar import Calendar, Event

    from kam_tui.text import display_text

    stamp = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "kam: key accounts")
    for item in items:
        if item.due is None:
            continue
        event = Event()
        event.add("uid", uid_of(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        # names as text a calendar and a terminal showing the file only draw
        account, text, section, owner = (display_text(v) for v in (item.account, item.text, item.section, item.owner))
        event.add("summary", f"{account}: {WHAT.get(item.kind, 'Due')}: {text}")
        details = [f"Account: {account}", f"In the plan: {section}"]
        if owner:
            details.append(f"Owner: {owner}")
        event.add("description", "\n".join(details))
        event.add("categories", ["kam", item.kind])
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def days_ahead(days: Any) -> int:
    """The form's or the shell's "days ahead", checked. Raises ValidationError naming the field."""
    try:
        ahead = int(str(days).strip())
    except ValueError:
        raise ValidationError("days", f"{days!s} is not a number of days") from None
    if not 0 <= ahead <= 3660:
        raise ValidationError("days", "give 0 to 3660 days ahead")
    return ahead


def write_calendar(items: Iterable[DatedItem], path: Any) -> Path:
    """Write the calendar file (a file's folder is made; ~ is the home folder).
    Raises ValidationError naming the field, with a one-line reason."""
    from kam_tui.fsutil import WriteRefused, atomic_write_text

    text = str(path or "").strip()
    if not text:
        raise ValidationError("path", "is required")
    target = Path(text).expanduser()
    if target.is_dir():
        raise ValidationError("path", f"{target} is a folder; give a file name such as kam.ics")
    data = calendar_bytes(items)
    try:
        # the text keeps iCalendar's CRLF line ends: written as they are
        atomic_write_text(target, data.decode("utf-8"))
    except WriteRefused as exc:
        raise ValidationError("path", str(exc)) from None
    return target
