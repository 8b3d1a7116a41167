"""Scoring matrix services: criteria, scores, weighted totals, ranking, suggestions."""

from decimal import Decimal

import pytest
from sqlmodel import select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Account, Score, Tier
from kam_tui.services import accounts, scoring


@pytest.fixture
def matrix(session):
    """Three accounts, three criteria weighted 3, 2, 1."""
    a = accounts.create_account(session, "Alpha")
    b = accounts.create_account(session, "Beta")
    c = accounts.create_account(session, "Gamma")
    rev = scoring.add_criterion(session, "Revenue potential", "3")
    grow = scoring.add_criterion(session, "Growth potential", 2)
    fit = scoring.add_criterion(session, "Fit of our offering", "1")
    return session, (a, b, c), (rev, grow, fit)


def test_criteria_names_are_unique_ignoring_case_and_weights_positive(session):
    scoring.add_criterion(session, "Solvency", 2)
    with pytest.raises(ValidationError) as info:
        scoring.add_criterion(session, "  SOLVENCY ", 1)
    assert info.value.field == "name" and "already exists" in info.value.reason
    for bad in ("0", "-1", "abc", "", "nan"):
        with pytest.raises(ValidationError) as info:
            scoring.add_criterion(session, "Product fit", bad)
        assert info.value.field == "weight"
    with pytest.raises(ValidationError) as info:
        scoring.add_criterion(session, "   ", 1)
    assert info.value.field == "name"
    crit = scoring.add_criterion(session, "Product fit", "1,5")
    assert crit.weight == Decimal("1.5")
    assert [c.name for c in scoring.list_criteria(session)] == ["Solvency", "Product fit"]


def test_rename_to_an_existing_name_is_refused_but_own_name_in_other_case_is_fine(matrix):
    session, _, (rev, grow, _) = matrix
    with pytest.raises(ValidationError):
        scoring.update_criterion(session, grow.id, name="revenue POTENTIAL")
    scoring.update_criterion(session, rev.id, name="REVENUE potential", weight="4")
    session.refresh(rev)
    assert rev.name == "REVENUE potential" and rev.weight == Decimal(4)


def test_reorder_and_delete_renumber(matrix):
    session, _, (rev, grow, fit) = matrix
    order = scoring.move_criterion(session, fit.id, -5)
    assert [c.name for c in order] == ["Fit of our offering", "Revenue potential", "Growth potential"]
    scoring.move_criterion(session, fit.id, 1)
    assert [c.id for c in scoring.list_criteria(session)] == [rev.id, fit.id, grow.id]
    scoring.delete_criterion(session, fit.id)
    assert [(c.name, c.position) for c in scoring.list_criteria(session)] == [
        ("Revenue potential", 0),
        ("Growth potential", 1),
    ]


def test_scores_must_be_1_to_10(matrix):
    session, (a, _, _), (rev, _, _) = matrix
    for bad in (0, 11, "x", "", None, "7.5"):
        with pytest.raises(ValidationError) as info:
            scoring.set_score(session, a.id, rev.id, bad)
        assert info.value.field == "score"
    scoring.set_score(session, a.id, rev.id, "10")
    scoring.set_score(session, a.id, rev.id, 4)
    assert scoring.score_map(session) == {(a.id, rev.id): 4}
    assert scoring.clear_score(session, a.id, rev.id) is True
    assert scoring.clear_score(session, a.id, rev.id) is False
    with pytest.raises(NotFound):
        scoring.set_score(session, 9999, rev.id, 5)


def test_weighted_total_uses_the_weights_of_scored_criteria(matrix):
    session, (a, b, _), (rev, grow, fit) = matrix
    for crit, value in ((rev, 8), (grow, 5), (fit, 2)):
        scoring.set_score(session, a.id, crit.id, value)
    t = scoring.account_total(session, a.id)
    # (3*8 + 2*5 + 1*2) / (3+2+1) = 36/6 = 6
    assert t.weighted == Decimal(6) and t.weighted_sum == Decimal(36)
    assert t.complete and (t.scored, t.of) == (3, 3)
    scoring.set_score(session, b.id, grow.id, 9)
    tb = scoring.account_total(session, b.id)
    assert tb.weighted == Decimal(9) and tb.weighted_sum == Decimal(18) and not tb.complete
    assert scoring.account_total(session, 12345).weighted is None


def test_ranking_and_suggestions_follow_threshold_and_limit(matrix):
    session, (a, b, c), (rev, grow, fit) = matrix
    for acc, values in ((a, (9, 9, 9)), (b, (7, 6, 7)), (c, (3, 4, 2))):
        for crit, v in zip((rev, grow, fit), values):
            scoring.set_score(session, acc.id, crit.id, v)
    ranked = scoring.ranking(session)
    assert [(r.account.name, r.rank) for r in ranked] == [("Alpha", 1), ("Beta", 2), ("Gamma", 3)]
    assert [r.account.name for r in ranked if r.suggested] == ["Alpha", "Beta"]  # Gamma below 6
    scoring.set_key_account_limit(session, 1)
    assert [x.name for x in scoring.suggested_key_accounts(session)] == ["Alpha"]
    scoring.set_key_account_limit(session, 10)
    scoring.set_score_threshold(session, "2,5")
    assert len(scoring.suggested_key_accounts(session)) == 3
    with pytest.raises(ValidationError):
        scoring.set_score_threshold(session, "11")
    with pytest.raises(ValidationError):
        scoring.set_key_account_limit(session, "many")


def test_unscored_accounts_rank_last_without_rank(matrix):
    session, (a, b, c), (rev, _, _) = matrix
    scoring.set_score(session, b.id, rev.id, 2)
    ranked = scoring.ranking(session)
    assert ranked[0].account.id == b.id and ranked[0].rank == 1
    assert {r.account.name for r in ranked[1:]} == {"Alpha", "Gamma"}
    assert all(r.rank is None and not r.suggested for r in ranked[1:])


def test_deleting_a_criterion_deletes_its_scores(matrix):
    session, (a, _, _), (rev, grow, _) = matrix
    scoring.set_score(session, a.id, rev.id, 5)
    scoring.set_score(session, a.id, grow.id, 7)
    assert scoring.score_count(session, rev.id) == 1
    scoring.delete_criterion(session, rev.id)
    assert list(session.exec(select(Score.criterion_id))) == [grow.id]


def test_criteria_count_warning_outside_3_to_5(session):
    assert "add 3 more" in scoring.criteria_count_warning(session)
    for n in (3, 4, 5):
        assert scoring.criteria_count_warning(n) is None
    assert "6 criteria" in scoring.criteria_count_warning(6)
    assert len(scoring.SUGGESTED_CRITERIA) >= 12
    assert len({c.casefold() for c in scoring.SUGGESTED_CRITERIA}) == len(scoring.SUGGESTED_CRITERIA)


def test_setting_a_score_marks_the_account_changed(matrix):
    session, (a, _, _), (rev, _, _) = matrix
    before = accounts.get_account(session, a.id).updated_at
    scoring.set_score(session, a.id, rev.id, 6)
    assert session.get(Account, a.id).updated_at > before
    assert session.get(Account, a.id).tier == Tier.CANDIDATE
