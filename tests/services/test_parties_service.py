"""Competitors and partners in the account."""

from __future__ import annotations

import pytest

from kam_tui.errors import ValidationError
from kam_tui.models import Account, PartyKind
from kam_tui.services import parties
from kam_tui.services.accounts import create_account


def test_add_list_update_delete(session, acme):
    before = acme.updated_at
    rival = parties.add_party(session, acme.id, "competitor", "  Initech  ", "Cheaper,\nweaker support")
    parties.add_party(session, acme.id, PartyKind.PARTNER, "Umbrella Consulting")
    assert session.get(Account, acme.id).updated_at > before
    assert [p.name for p in parties.list_parties(session, acme.id, "competitor")] == ["Initech"]
    assert [p.name for p in parties.list_parties(session, acme.id, PartyKind.PARTNER)] == ["Umbrella Consulting"]
    assert rival.notes == "Cheaper,\nweaker support"
    parties.update_party(session, rival.id, name="Initech Ltd", notes="")
    assert parties.get_party(session, rival.id).name == "Initech Ltd"
    parties.delete_party(session, rival.id)
    assert parties.list_parties(session, acme.id, "competitor") == []


def test_name_required_and_unique_per_kind(session, acme):
    with pytest.raises(ValidationError) as err:
        parties.add_party(session, acme.id, "competitor", "   ")
    assert err.value.field == "name"
    parties.add_party(session, acme.id, "competitor", "Initech")
    with pytest.raises(ValidationError) as err:
        parties.add_party(session, acme.id, "competitor", "INITECH")
    assert err.value.field == "name" and "already" in err.value.reason
    # the same firm may be a partner too, and another account's competitor
    parties.add_party(session, acme.id, "partner", "initech")
    other = create_account(session, "Globex")
    parties.add_party(session, other.id, "competitor", "Initech")


def test_rename_into_a_clash_is_refused_and_nothing_changes(session, acme):
    parties.add_party(session, acme.id, "competitor", "Initech")
    b = parties.add_party(session, acme.id, "competitor", "Hooli")
    with pytest.raises(ValidationError):
        parties.update_party(session, b.id, name="initech")
    session.expire_all()
    assert parties.get_party(session, b.id).name == "Hooli"


def test_bad_kind(session, acme):
    with pytest.raises(ValidationError) as err:
        parties.add_party(session, acme.id, "friend", "X")
    assert err.value.field == "kind"
