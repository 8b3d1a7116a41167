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


def test_update_and_delete(session):
    a = accounts.create_account(session, "Acme")
    accounts.update_account(session, a.id, stage="action plan", next_plan_revision="2027-01-15")
    assert accounts.get_account(session, a.id).stage is Stage.ACTION_PLAN
    accounts.delete_account(session, a.id)
    with pytest.raises(NotFound):
        accounts.get_account(session, a.id)
