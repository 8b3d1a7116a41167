"""The customer's business and our history: section text per account."""

from __future__ import annotations

import pytest

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Account, ProfileSection, ProfileText
from kam_tui.services import business
from kam_tui.services.accounts import create_account


def test_sections_split_business_from_history():
    assert len(business.BUSINESS_SECTIONS) == 7
    assert business.HISTORY_SECTIONS == (
        ProfileSection.FRAMEWORK_AGREEMENTS,
        ProfileSection.PURCHASES,
        ProfileSection.PAST_ENGAGEMENTS,
    )
    assert set(business.PROMPTS) == set(ProfileSection)


def test_set_get_and_blank_removes(session, acme):
    stored = business.set_section(session, acme.id, ProfileSection.FINANCIAL_HEALTH, "  Growing 8%   \nDebt low\n\n")
    assert stored == "  Growing 8%\nDebt low"
    assert business.get_section(session, acme.id, "financial_health") == stored
    assert business.get_sections(session, acme.id) == {ProfileSection.FINANCIAL_HEALTH: stored}
    business.set_section(session, acme.id, ProfileSection.FINANCIAL_HEALTH, " \n  ")
    assert session.get(ProfileText, (acme.id, ProfileSection.FINANCIAL_HEALTH)) is None
    assert business.get_sections(session, acme.id) == {}


def test_set_moves_account_updated_at_only_on_change(session, acme):
    before = acme.updated_at
    business.set_section(session, acme.id, "Decision process", "Board signs above 1M")
    after = session.get(Account, acme.id).updated_at
    assert after > before
    business.set_section(session, acme.id, "Decision process", "Board signs above 1M")
    assert session.get(Account, acme.id).updated_at == after


def test_sections_are_per_account(session, acme):
    other = create_account(session, "Globex")
    business.set_section(session, acme.id, ProfileSection.PURCHASES, "Licences")
    assert business.get_sections(session, other.id) == {}


def test_bad_section_and_account(session, acme):
    with pytest.raises(ValidationError) as err:
        business.set_section(session, acme.id, "gossip", "x")
    assert err.value.field == "section"
    with pytest.raises(NotFound):
        business.set_section(session, 999, ProfileSection.PURCHASES, "x")
