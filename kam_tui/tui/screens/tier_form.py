"""A change of tier that needs a reason: demoting a key account, or promoting
one when the key list is already at its limit. The reason is kept in the tier
history, so the decision can be revisited when the list is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.services import accounts
from kam_tui.store.conflicts import Seen
from kam_tui.tui.edits import Edit
from kam_tui.tui.widgets.form import FieldSpec, FormScreen
from kam_tui.vocabulary import Tier

if TYPE_CHECKING:
    from collections.abc import Callable

    from kam_tui.models import Account
    from kam_tui.tui.app import KamApp


def change_tier(
    app: KamApp, account_id: int, name: str, old: Tier, new: Tier, done: Callable[[Account | None, bool], None]
) -> None:
    """Move the account to `new`: at once when no reason is needed, else after
    asking for one. `done` gets the saved account (None when nothing changed)
    and whether a reason was given."""
    with app.session() as s:
        why = accounts.tier_reason_needed(s, account_id, new)
    if why is None:
        # the tier shown: a move over someone else's newer tier is refused
        seen = Seen("account", account_id, field="tier", value=old)
        outcome = app.edit_as_seen(seen, accounts.set_tier, account_id, new)
        done(outcome.value if outcome else None, False)
        return
    demoting = old.is_key and not new.is_key
    verb = "Demote" if demoting else "Promote"
    if demoting:
        intro = "Demoting a key account is the hard direction: say why, so the decision can be revisited later."
        hint = "Why it no longer earns key-account effort; kept in the tier history."
    else:
        intro = (
            f"{why[0].upper()}{why[1:]}. A key list that grows past its limit gets less of everyone's time: "
            "say why this account earns it, so the decision can be revisited later."
        )
        hint = "Why this account earns key-account effort now; kept in the tier history."
    app.push_screen(
        FormScreen(
            f"{verb} {name}: {old.label} → {new.label}",
            [FieldSpec("reason", "Reason", required=True, help=hint)],
            Edit(accounts.set_tier, account_id, new, seen=Seen("account", account_id, field="tier", value=old)),
            intro=intro,
            accept_label=verb,
        ),
        lambda account: done(account, True),
    )
