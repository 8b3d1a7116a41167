"""The form that sets a key-account limit: whose (an owner kam knows, the
current user first, or the shared limit for everyone without one of their
own) and how many. The scoring matrix's key rule adds the shared threshold.

A KAM keeps a short key list of their own; the head of key accounts sets the
shared limit and, where a KAM's load differs, that KAM's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kam_tui.text import cut_name
from kam_tui.tui.edits import Edit
from kam_tui.tui.widgets.form import FieldSpec, FormScreen

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.tui.app import KamApp

SHARED = ""  # the choice that sets the shared limit (no owner is named "")
INTRO = (
    "Each owner keeps a key list of their own, counted against their own limit; "
    "owners without one keep to the shared limit. Criteria and weights are shared."
)
NAME_SHOWN = 60


@dataclass(frozen=True)
class LimitSet:
    """What the form saved: whose limit ("" the shared one) and the limit that now applies."""

    whose: str
    limit: int


def whose_choices(owners: list[str], me: str, own: dict[str, int], shared: int) -> list[tuple[str, str]]:
    """The owners to pick from, the current user first (whether or not they
    own an account yet), each with the limit that applies to them now."""

    def label(owner: str) -> str:
        now = f"own limit {own[owner]}" if owner in own else f"shared limit {shared}"
        you = " (you)" if owner == me else ""
        return f"{cut_name(owner, NAME_SHOWN)}{you}: {now}"

    people = [me] + [o for o in owners if o != me] if me else owners
    return [(label(o), o) for o in people] + [(f"The shared limit, for owners without their own ({shared})", SHARED)]


def key_limit_form(app: KamApp, *, with_threshold: bool = False) -> FormScreen:
    """Dismisses with a LimitSet (None on cancel)."""
    from kam_tui.services import scoring

    me = app.user_name
    with app.session() as s:
        owners = scoring.owners(s)
        limits = scoring.key_limits(s)
        threshold = scoring.score_threshold(s)
    own = {o: limits.of(o) for o in {*owners, me} if limits.has_own(o)}
    # your own list by default when you own accounts; else the one everyone shares
    whose = me if me in owners else SHARED
    # the number first: most often it is your own list's, or the shared one, as chosen below
    fields = [
        FieldSpec(
            "limit",
            "How many key accounts to keep",
            value=str(limits.of(whose) if whose else limits.default),
            aliases=("key account limit",),
            help="A whole number from 1 to 999. Fewer is better: each key account needs real time. "
            "For an owner, blank returns them to the shared limit.",
        ),
        FieldSpec(
            "whose",
            "Whose limit",
            kind="choice",
            choices=whose_choices(owners, me, own, limits.default),
            value=whose,
            allow_blank_choice=False,
            aliases=("owner",),
        ),
    ]
    if with_threshold:
        fields.append(
            FieldSpec(
                "threshold",
                "Lowest total for a key account (1-10), for everyone",
                value=scoring.format_total(threshold),
                required=True,
            )
        )
    title = "Which accounts qualify as key" if with_threshold else "Key-account limit"
    return FormScreen(title, fields, Edit(_set_limit), intro=INTRO, accept_label="Set")


def _set_limit(s: Session, *, whose: str | None, limit: str, threshold: str | None = None) -> LimitSet:
    from kam_tui.services import scoring

    saved = LimitSet(whose or SHARED, scoring.set_key_account_limit(s, limit, owner=whose or None))
    if threshold is not None:
        scoring.set_score_threshold(s, threshold)
    return saved


def limit_set_text(saved: LimitSet) -> str:
    """The notice after saving: whose limit is what now."""
    if saved.whose == SHARED:
        return f"The shared key-account limit is {saved.limit}"
    return f"{cut_name(saved.whose, NAME_SHOWN)}'s key-account limit is {saved.limit}"
