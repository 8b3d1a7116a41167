"""The people a key account manager works with, as names already in the plan:
what an owner, an assignee, a new team member or the colleague who covers a
stakeholder is picked from.

Owners, assignees and "who finds out" are typed names, so "Maria Lindqvist" and
"Maria Lindquist" could become two people. Offering the names kam already
knows (the account's team first, then everyone named anywhere) keeps one
person one spelling; a name not among them can still be typed.
"""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, col, select

from kam_tui.models import Account, Action, Goal, QuestionAnswer, TeamMember
from kam_tui.text import fold_accents


def known_people(session: Session, account_id: int | None = None) -> list[str]:
    """Every name used for one of our people: the account's team members first
    (by name), then the others named as owners, assignees or team members
    anywhere (by name). One entry per person however often it was typed; two
    spellings that differ only in case or accents are one."""
    team: list[str] = []
    if account_id is not None:
        team = list(session.exec(select(TeamMember.name).where(TeamMember.account_id == account_id)))
    others: list[str] = []
    others += session.exec(select(TeamMember.name))
    others += session.exec(select(Account.owner).where(col(Account.owner) != ""))
    others += session.exec(select(Goal.owner).where(col(Goal.owner) != ""))
    others += session.exec(select(Action.owner).where(col(Action.owner) != ""))
    others += session.exec(select(QuestionAnswer.finder).where(col(QuestionAnswer.finder) != ""))
    spellings: dict[str, Counter[str]] = {}
    for name in [*team, *others]:
        tidy = " ".join(name.split())
        if tidy:
            spellings.setdefault(fold_accents(tidy), Counter())[tidy] += 1
    on_team = {fold_accents(" ".join(n.split())) for n in team}

    def spelling(key: str) -> str:
        # the spelling typed most often; on a tie the more deliberate one
        # (capitals and accents typed: "Ömer Çelik" over "omer celik")
        counts = spellings[key]
        return max(counts, key=lambda n: (counts[n], sum(1 for c in n if c.isupper() or not c.isascii())))

    ordered = sorted(spellings, key=lambda k: (k not in on_team, k))
    return [spelling(k) for k in ordered]
