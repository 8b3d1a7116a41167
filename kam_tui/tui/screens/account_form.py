"""The form for one account: every field of the account, checked by the
accounts service, errors shown under the field, nothing typed ever lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kam_tui.countries import country_name, describe_country
from kam_tui.models import Account, Cadence, Focus, PlanDepth, Stage, Tier
from kam_tui.money import MoneyError, format_for_input, format_money, parse_money
from kam_tui.services import accounts
from kam_tui.store.conflicts import seen_of
from kam_tui.text import fold_accents
from kam_tui.tui.edits import Edit
from kam_tui.tui.widgets.form import FieldSpec, FormScreen

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.tui.app import KamApp

INTRO_NEW = (
    "A key account is chosen on purpose, not for its size alone. Say why it is "
    "key and what we want from it; the rest can wait. F2 saves, Esc cancels."
)
INTRO_EDIT = "Every change is saved when you accept (F2). Esc leaves it as it was."


def revenue_preview(text: str) -> str:
    """What the revenue field will be saved as, said while it is typed: the
    currency in it shows now, not only after saving."""
    if not text.strip():
        return ""
    try:
        money = parse_money(text)
    except MoneyError as exc:
        return f"not an amount yet: {exc}"
    if money is None:
        return ""
    amount = format_money(money.amount, money.currency)
    return f"reads as {amount}" if money.currency else f"reads as {amount} (currency: the field below)"


def country_preview(text: str) -> str:
    described = describe_country(text)
    return f"kept as {described}" if described and "(" in described else described


def _choices(enum_cls: type[Tier | Focus | Stage | PlanDepth | Cadence]) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in enum_cls]


def account_fields(account: Account | None, people: list[str] | None = None) -> list[FieldSpec]:
    a = account
    fields = [
        FieldSpec("name", "Name", required=True, value=a.name if a else ""),
        FieldSpec("industry", "Industry", value=a.industry if a else ""),
        FieldSpec(
            "country",
            "Country",
            value=country_name(a.country) if a else "",
            placeholder="in any language, or its code: Deutschland, DE, Germany",
            preview=country_preview,
        ),
        FieldSpec(
            "annual_revenue",
            "Annual revenue",
            value=format_for_input(a.annual_revenue, a.currency) if a else "",
            placeholder="e.g. SEK 40 000 000, $1.2M, €12.500.000",
            help="Type it as you would write it; a currency code or symbol sets the currency.",
            preview=revenue_preview,
        ),
        FieldSpec("currency", "Currency", value=(a.currency or "") if a else "", placeholder="ISO code, e.g. EUR"),
        FieldSpec("employees", "Employees", value="" if not a or a.employees is None else str(a.employees)),
        FieldSpec("crm_id", "CRM id", value=(a.crm_id or "") if a else "", aliases=("crm id",)),
        FieldSpec("website", "Website or domain", value=a.website if a else ""),
        FieldSpec(
            "tier",
            "Tier",
            kind="choice",
            choices=_choices(Tier),
            allow_blank_choice=False,
            value=(a.tier if a else Tier.CANDIDATE).value,
            help="Promoting later is easy; demoting a key account is not. Start as a candidate when unsure.",
        ),
    ]
    if a is not None:
        fields.append(
            FieldSpec(
                "tier_reason",
                "Reason for a tier change",
                aliases=("reason",),
                help="Needed when a key account leaves the key tiers, or one joins them past the key-account "
                "limit; kept in its tier history.",
            )
        )
    fields += [
        FieldSpec(
            "focus",
            "Focus",
            kind="choice",
            choices=_choices(Focus),
            value=a.focus.value if a and a.focus else None,
            help="Penetrate: more of what they buy. Expand: new units or products. Protect: keep competitors out.",
        ),
        FieldSpec("why_key", "Why it is key", kind="multiline", value=a.why_key if a else "", aliases=("why key",)),
        FieldSpec(
            "what_we_want",
            "What we want from it",
            kind="multiline",
            value=a.what_we_want if a else "",
            aliases=("what we want",),
        ),
        FieldSpec(
            "owner",
            "Owner",
            "person",
            value=a.owner if a else "",
            people=people or [],
            help="One owner per key account.",
        ),
        FieldSpec(
            "stage",
            "Stage",
            kind="choice",
            choices=_choices(Stage),
            allow_blank_choice=False,
            value=(a.stage if a else Stage.STRATEGY).value,
        ),
        FieldSpec(
            "depth",
            "Plan depth",
            kind="choice",
            choices=_choices(PlanDepth),
            allow_blank_choice=False,
            value=(a.depth if a else PlanDepth.FULL).value,
            aliases=("plan depth",),
            help="Full: every step in depth. Light: the same steps, essentials only.",
        ),
        FieldSpec(
            "review_cadence",
            "Internal review cadence",
            kind="choice",
            choices=_choices(Cadence),
            allow_blank_choice=False,
            value=(a.review_cadence if a else Cadence.MONTHLY).value,
            aliases=("review cadence",),
        ),
        FieldSpec(
            "last_review",
            "Last review",
            value=a.last_review.isoformat() if a and a.last_review else "",
            placeholder="2026-12-01, 1.12.2026, today",
        ),
        FieldSpec(
            "next_plan_revision",
            "Next plan revision",
            value=a.next_plan_revision.isoformat() if a and a.next_plan_revision else "",
            placeholder="2026-12-01, +3m",
        ),
        FieldSpec("notes", "Notes", kind="multiline", value=a.notes if a else ""),
    ]
    return fields


def account_form(app: KamApp, account_id: int | None = None) -> FormScreen:
    """A FormScreen that creates an account (account_id None) or edits one.
    It dismisses with the saved Account."""
    from kam_tui.services.people import known_people

    with app.session() as s:
        people = known_people(s, account_id)
        account = accounts.get_account(s, account_id) if account_id is not None else None
    # you first: the owner of an account you add is most often you
    me = app.user_name
    people = [me, *(p for p in people if fold_accents(p) != fold_accents(me))]
    if account is None or account_id is None:
        return FormScreen(
            "New account",
            account_fields(None, people),
            Edit(accounts.create_account),
            intro=INTRO_NEW,
            accept_label="Add",
        )
    shown_revenue = format_for_input(account.annual_revenue, account.currency)
    return FormScreen(
        f"Edit {account.name}",
        account_fields(account, people),
        Edit(_update_account, account_id, shown_revenue, seen=seen_of(account)),
        intro=INTRO_EDIT,
        accept_label="Save",
    )


def _update_account(s: Session, account_id: int, shown_revenue: str, **values: Any) -> Account:
    if values.get("annual_revenue") == shown_revenue:
        # untouched: keep the stored amount rather than re-read our own
        # formatting ('EUR 1,250' could be read either way)
        values.pop("annual_revenue")
    return accounts.update_account(s, account_id, **values)
