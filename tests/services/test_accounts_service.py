from decimal import Decimal

import pytest

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Stage, Tier
from kam_tui.services import accounts


def test_create_and_find_case_insensitively(session):
    a = accounts.create_account(session, "  Société  Générale ", annual_revenue="1200000", currency="eur")
    assert a.name == "Société Générale"
    assert a.currency == "EUR"
    assert a.annual_revenue == Decimal("1200000")
    assert accounts.find_account(session, "SOCIÉTÉ GÉNÉRALE").id == a.id


def test_name_is_required_and_unique_ignoring_case(session):
    accounts.create_account(session, "Acme")
    with pytest.raises(ValidationError) as info:
        accounts.create_account(session, "ACME")
    assert info.value.field == "name" and "already exists" in info.value.reason
    with pytest.raises(ValidationError) as info:
        accounts.create_account(session, "   ")
    assert info.value.field == "name"


def test_bad_values_name_the_field(session):
    with pytest.raises(ValidationError) as info:
        accounts.create_account(session, "X", currency="EURO")
    assert info.value.field == "currency"
    with pytest.raises(ValidationError) as info:
        accounts.create_account(session, "X", stage="launch")
    assert info.value.field == "stage" and "Strategy" in info.value.reason


def test_find_suggests_close_names(session):
    accounts.create_account(session, "Nordbank AB")
    with pytest.raises(NotFound) as info:
        accounts.find_account(session, "nordbnk")
    assert info.value.suggestions == ["Nordbank AB"]


def test_demoting_a_key_account_needs_a_reason_and_is_kept(session):
    a = accounts.create_account(session, "Acme", tier="candidate")
    accounts.set_tier(session, a.id, Tier.EXISTING_KEY)
    with pytest.raises(ValidationError) as info:
        accounts.set_tier(session, a.id, Tier.NOT_KEY)
    assert info.value.field == "reason"
    accounts.set_tier(session, a.id, Tier.NOT_KEY, reason="Budget moved to a rival group")
    history = accounts.tier_history(session, a.id)
    assert [(h.from_tier, h.to_tier) for h in history] == [
        (None, Tier.CANDIDATE),
        (Tier.CANDIDATE, Tier.EXISTING_KEY),
        (Tier.EXISTING_KEY, Tier.NOT_KEY),
    ]
    assert history[-1].reason == "Budget moved to a rival group"


def test_promoting_past_the_key_account_limit_needs_a_reason_and_is_kept(session):
    from kam_tui.services import scoring

    scoring.set_key_account_limit(session, 1)
    first = accounts.create_account(session, "First", tier="candidate")
    second = accounts.create_account(session, "Second", tier="candidate")
    assert accounts.tier_reason_needed(session, first.id, Tier.EMERGING_KEY) is None
    accounts.set_tier(session, first.id, Tier.EMERGING_KEY)  # within the limit: no reason asked
    # moving within the key tiers adds no key account
    assert accounts.tier_reason_needed(session, first.id, Tier.EXISTING_KEY) is None
    why = accounts.tier_reason_needed(session, second.id, Tier.EMERGING_KEY)
    assert why is not None and "(1 of 1)" in why
    with pytest.raises(ValidationError) as info:
        accounts.set_tier(session, second.id, Tier.EMERGING_KEY)
    assert info.value.field == "reason"
    assert accounts.get_account(session, second.id).tier == Tier.CANDIDATE
    accounts.set_tier(session, second.id, Tier.EMERGING_KEY, reason="Group-wide rollout signed")
    assert accounts.tier_history(session, second.id)[-1].reason == "Group-wide rollout signed"
    # the account form's path asks the same
    third = accounts.create_account(session, "Third")
    with pytest.raises(ValidationError):
        accounts.update_account(session, third.id, tier="existing_key")
    accounts.update_account(session, third.id, tier="existing_key", tier_reason="Biggest order this year")
    assert accounts.get_account(session, third.id).tier == Tier.EXISTING_KEY


def test_a_stage_move_is_kept_in_the_stage_history(session):
    a = accounts.create_account(session, "Staged")
    accounts.set_stage(session, a.id, Stage.RESEARCH, "  The decision maker is known  ")
    accounts.update_account(session, a.id, stage="action_plan")  # the account form's path
    accounts.update_account(session, a.id, stage="action_plan")  # no move, nothing kept
    history = accounts.stage_history(session, a.id)
    assert [(h.from_stage, h.to_stage, h.note) for h in history] == [
        (Stage.STRATEGY, Stage.RESEARCH, "The decision maker is known"),
        (Stage.RESEARCH, Stage.ACTION_PLAN, ""),
    ]
    assert accounts.get_account(session, a.id).stage == Stage.ACTION_PLAN


def test_a_country_is_kept_as_its_code_when_recognised(session):
    for typed, kept in [
        ("Deutschland", "DE"),
        ("sverige", "SE"),
        ("DEU", "DE"),
        ("Türkiye", "TR"),
        ("Nordics", "Nordics"),
    ]:
        a = accounts.create_account(session, f"Country {typed}", country=typed)
        assert a.country == kept
    b = accounts.create_account(session, "Later")
    assert accounts.update_account(session, b.id, country="  Allemagne ").country == "DE"
    assert accounts.update_account(session, b.id, country="").country == ""


def test_update_and_delete(session):
    a = accounts.create_account(session, "Acme")
    accounts.update_account(session, a.id, stage="action plan", next_plan_revision="2027-01-15")
    assert accounts.get_account(session, a.id).stage is Stage.ACTION_PLAN
    accounts.delete_account(session, a.id)
    with pytest.raises(NotFound):
        accounts.get_account(session, a.id)
