"""The key-account limit belongs to each owner (a KAM's own list): each
owner's accounts are suggested as key against their own limit, else the
shared one; the promotion question counts the owner's list and names them;
any owner name keeps its own limit. The store's fast ranking (what `kam list`
and the export read) agrees with the services'. On a file and a server."""

from __future__ import annotations

import pytest
from sqlmodel import select

from kam_tui.errors import ValidationError
from kam_tui.models import Setting, Tier
from kam_tui.services import accounts, scoring
from kam_tui.store.key_limits import read_key_limits
from kam_tui.store.ranking import ranked_accounts, standing
from kam_tui.store.reader import session_reader

DANA, PER = "Dana Reyes", "Per Holm"
# (name, owner, score on every criterion)
PORTFOLIO = [
    ("Dana One", DANA, 9),
    ("Dana Two", DANA, 8),
    ("Dana Three", DANA, 7),
    ("Per One", PER, 8.5),
    ("Per Two", PER, 6.5),
    ("Per Three", PER, 5),
    ("Nobody's", "", 7.5),
]


@pytest.fixture
def portfolio(session):
    crits = [scoring.add_criterion(session, f"Criterion {i}", 1) for i in range(2)]
    ids = {}
    for name, owner, score in PORTFOLIO:
        account = accounts.create_account(session, name, owner=owner)
        ids[name] = account.id
        # two whole scores whose mean is the score wanted (8.5 = 8 and 9)
        for crit, value in zip(crits, (int(score), round(score * 2) - int(score))):
            scoring.set_score(session, account.id, crit.id, value)
    scoring.set_key_account_limit(session, 3)  # the shared one
    scoring.set_key_account_limit(session, 1, owner=DANA)
    scoring.set_key_account_limit(session, "2", owner=PER)
    return ids


def _verdicts(ranked):
    return [(r.account.name, r.rank, r.place, r.suggested) for r in ranked]


def test_each_owner_is_suggested_their_own_top_by_their_own_limit(session, portfolio):
    assert _verdicts(scoring.ranking(session)) == [
        ("Dana One", 1, 1, True),  # Dana's limit is 1
        ("Per One", 2, 1, True),
        ("Dana Two", 3, 2, False),
        ("Nobody's", 4, 1, True),  # no owner: the shared 3
        ("Dana Three", 5, 3, False),
        ("Per Two", 6, 2, True),  # Per's limit is 2
        ("Per Three", 7, 3, False),  # below the threshold of 6 anyway
    ]
    assert [a.name for a in scoring.suggested_key_accounts(session)] == ["Dana One", "Per One", "Nobody's", "Per Two"]


def test_the_store_ranks_by_owner_as_the_services_do(session, portfolio):
    expected = _verdicts(scoring.ranking(session))
    reader = session_reader(session)
    assert _verdicts(ranked_accounts(reader)) == expected
    for name, rank, place, suggested in expected:
        found = standing(reader, portfolio[name])
        assert (found.ranked.rank, found.ranked.place, found.ranked.suggested) == (rank, place, suggested), name
        assert found.limit == {DANA: 1, PER: 2}.get(next(o for n, o, _ in PORTFOLIO if n == name), 3)


def test_a_tie_across_owners_places_each_within_their_own_list(session, portfolio):
    # Per Two reaches Dana Two's total: a tie of two owners' accounts
    crit = scoring.list_criteria(session)
    for c in crit:
        scoring.set_score(session, portfolio["Per Two"], c.id, 8)
    expected = _verdicts(scoring.ranking(session))
    reader = session_reader(session)
    for name, rank, place, suggested in expected:
        found = standing(reader, portfolio[name])
        assert (found.ranked.rank, found.ranked.place, found.ranked.suggested) == (rank, place, suggested), name


def test_the_promotion_question_counts_the_owners_list_and_names_them(session, portfolio):
    accounts.set_tier(session, portfolio["Dana One"], Tier.EMERGING_KEY)
    why = accounts.tier_reason_needed(session, portfolio["Dana Two"], Tier.EMERGING_KEY)
    assert why == "Dana Reyes's key list is full (1 of 1): promoting past the limit needs a reason"
    # Per's list is his own: 0 of 2
    assert accounts.tier_reason_needed(session, portfolio["Per One"], Tier.EMERGING_KEY) is None
    accounts.set_tier(session, portfolio["Per One"], Tier.EMERGING_KEY)
    accounts.set_tier(session, portfolio["Per Two"], Tier.EMERGING_KEY)
    why = accounts.tier_reason_needed(session, portfolio["Per Three"], Tier.EXISTING_KEY)
    assert why is not None and why.startswith("Per Holm's key list is full (2 of 2)")
    # no owner: the shared list and limit, none of the owners' key accounts counted
    assert accounts.tier_reason_needed(session, portfolio["Nobody's"], Tier.EMERGING_KEY) is None


def test_a_blank_limit_returns_an_owner_to_the_shared_one(session, portfolio):
    assert scoring.key_account_limit(session, DANA) == 1
    assert scoring.set_key_account_limit(session, " ", owner=DANA) == 3
    assert scoring.key_account_limit(session, DANA) == 3
    assert not read_key_limits(session_reader(session)).has_own(DANA)
    scoring.set_key_account_limit(session, 5)  # the shared one moves; Per keeps his
    limits = read_key_limits(session_reader(session))
    assert (limits.of(DANA), limits.of(PER), limits.of(""), limits.default) == (5, 2, 5, 5)


def test_a_limit_is_checked_and_a_bad_one_changes_nothing(session, portfolio):
    for bad in ("0", "1000", "seven", "2.5"):
        with pytest.raises(ValidationError):
            scoring.set_key_account_limit(session, bad, owner=DANA)
    with pytest.raises(ValidationError) as info:
        scoring.set_key_account_limit(session, "4", owner="   ")
    assert info.value.field == "whose"
    assert scoring.key_account_limit(session, DANA) == 1


@pytest.mark.parametrize(
    "owner",
    [
        "[bold]Ana[/bold] \x1b[31mRuiz\x1b[0m",
        "Ö" * 10_000,  # longer than a server's index entry could hold as a key
        "key_account_limit",  # the shared setting's own key, as a name
        "Zoë 株式会社 🙂",
    ],
)
def test_any_owner_name_keeps_a_limit_of_its_own(session, owner):
    account = accounts.create_account(session, "Theirs", owner=owner)
    assert account.owner == owner
    scoring.set_key_account_limit(session, 4)
    scoring.set_key_account_limit(session, 2, owner=owner)
    assert scoring.key_account_limit(session) == 4  # the shared one is untouched
    assert read_key_limits(session_reader(session)).of(owner) == 2
    assert scoring.key_account_limit(session, owner) == 2
    assert max(len(k) for k in session.exec(select(Setting.key))) <= 64
