"""The store's ranking (what `kam list` and a plan's export read, the sums
added up by the database) is the services' ranking, account for account: the
same totals, ranks and verdicts, with ties, part-scored and unscored
accounts, weights with decimals, and weights with more decimals than whole
number sums can carry (worked out in Python then). On a file and a server."""

from __future__ import annotations

import pytest

from kam_tui.services import accounts, scoring
from kam_tui.store.ranking import ranked_accounts, standing
from kam_tui.store.reader import session_reader


@pytest.mark.parametrize("weights", [("3", "2", "1.5"), ("1.1234567", "2", "0.0000001"), ("1000", "0.25", "7")])
def test_the_store_ranks_as_the_services_do(session, weights):
    crits = [scoring.add_criterion(session, f"Criterion {i}", w) for i, w in enumerate(weights)]
    scores = [(7, 7, 7), (7, 7, 7), (9, 2, None), (None, None, None), (1, 10, 4), (8, None, None), (10, 10, 10)]
    names = ["Beta", "alpha", "Gamma", "Delta", "Ärla", "Zed", "Öst"]
    for name, row in zip(names, scores):
        account = accounts.create_account(session, name)
        for crit, value in zip(crits, row):
            if value is not None:
                scoring.set_score(session, account.id, crit.id, value)
    scoring.set_key_account_limit(session, 3)
    expected = scoring.ranking(session)
    got = ranked_accounts(session_reader(session))
    assert [(r.account.name, r.total.weighted, r.total.scored, r.rank, r.suggested) for r in got] == [
        (r.account.name, r.total.weighted, r.total.scored, r.rank, r.suggested) for r in expected
    ]
    assert [r.total.as_float() for r in got] == [r.total.as_float() for r in expected]
    for r in expected:
        place = standing(session_reader(session), r.account.id)
        assert (place.ranked.rank, place.ranked.suggested, place.ranked.total.weighted) == (
            r.rank,
            r.suggested,
            r.total.weighted,
        )
        assert place.scored_count == 6 and place.limit == 3
