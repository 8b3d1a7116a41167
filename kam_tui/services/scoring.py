"""The key-account scoring matrix: criteria with weights, each account's score
1..10 on each, weighted totals, the ranking, and which accounts qualify as key.

How the total is computed (the method says "the highest totals are the key
accounts"; we make that total comparable between accounts):

- **weighted total** = sum(weight x score) / sum(weights of the criteria this
  account is scored on). It stays on the 1..10 scale whatever the weights, so a
  threshold like "6 or more" keeps its meaning when a criterion is added.
  An account scored on no criterion has no total (None), not zero.
- **weighted sum** = sum(weight x score), the raw figure, shown beside it.
- An account scored on only some criteria still gets a total, but `complete`
  is False so screens and exports can say "3 of 4 scored".
- Ranking: by weighted total, highest first; ties by the number of criteria
  scored, then by name. Unscored accounts come last without a rank.
- Suggested key accounts: each owner's top `key_account_limit` of their own
  accounts whose total reaches `key_score_threshold` (default 6.0). The limit
  belongs to the owner (a KAM's own list): their own if set, else the shared
  one (Setting, default 10). Criteria, weights and the threshold are shared.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import func
from sqlmodel import Session, col, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Account, Criterion, Score, Setting, Tier
from kam_tui.rules.scoring import (  # the rules, re-exported for callers
    DEFAULT_KEY_LIMIT as DEFAULT_KEY_LIMIT,
    DEFAULT_THRESHOLD as DEFAULT_THRESHOLD,
    KEY_LIMIT_SETTING as KEY_LIMIT_SETTING,
    OWNER_LIMIT_PREFIX,
    KeyLimits as KeyLimits,
    Ranked as Ranked,
    Total as Total,
    compute_total as compute_total,
    format_total as format_total,
    format_weight as format_weight,
    key_limits_from,
    limit_from as limit_from,
    owner_limit_key,
    rank as rank,
    threshold_from as threshold_from,
)
from kam_tui.services import accounts as accounts_service
from kam_tui.services.rows import move_in_order, put_setting
from kam_tui.text import clean_name, counted, name_key

THRESHOLD_SETTING = "key_score_threshold"
MIN_CRITERIA, MAX_CRITERIA = 3, 5

# The criteria the method's sources use, in our words. Users pick 3 to 5 and weight them.
SUGGESTED_CRITERIA: tuple[str, ...] = (
    "Current revenue",
    "Revenue potential",
    "Growth potential",
    "Likelihood of renewal",
    "Chance to win now and grow later",
    "Effort needed (less is better)",
    "Relationship strength",
    "Existing relationships",
    "Fit of our offering",
    "Product fit",
    "Cultural fit",
    "Industry focus",
    "Reference value of the logo",
    "Solvency",
    "Could become a channel partner",
    "Geographic fit",
    "Buying process",
    "Historical revenue-to-cost ratio",
    "Strategic partner value",
)


# ---- criteria ----------------------------------------------------------------


def parse_weight(value: object) -> Decimal:
    """A weight above zero: 3, 1.5 or 1,5."""
    if isinstance(value, Decimal):
        weight = value
    else:
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text:
            raise ValidationError("weight", "is required (a number above 0, e.g. 1 or 2.5)")
        try:
            weight = Decimal(text)
        except InvalidOperation:
            raise ValidationError("weight", f"{value!s} is not a number; use e.g. 1 or 2.5") from None
    if not weight.is_finite() or weight <= 0:
        raise ValidationError("weight", "must be above 0")
    if weight > 1000:
        raise ValidationError("weight", "must be 1000 or less")
    return weight


def list_criteria(session: Session) -> list[Criterion]:
    return list(session.exec(select(Criterion).order_by(col(Criterion.position), col(Criterion.id))))


def get_criterion(session: Session, criterion_id: int) -> Criterion:
    crit = session.get(Criterion, criterion_id)
    if crit is None:
        raise NotFound(f"no criterion with id {criterion_id}")
    return crit


def _unique_key(session: Session, name: str, criterion_id: int | None) -> str:
    key = name_key(name)
    clash = session.exec(select(Criterion).where(Criterion.name_key == key)).first()
    if clash is not None and clash.id != criterion_id:
        raise ValidationError("name", f"a criterion called {clash.name!r} already exists")
    return key


def add_criterion(session: Session, name: str, weight: object = 1) -> Criterion:
    clean = clean_name(name, "name", max_length=100)
    key = _unique_key(session, clean, None)
    w = parse_weight(weight)
    last = session.exec(select(func.max(Criterion.position))).one()
    crit = Criterion(name=clean, name_key=key, weight=w, position=(last if last is not None else -1) + 1)
    session.add(crit)
    session.commit()
    return crit


def update_criterion(
    session: Session, criterion_id: int, *, name: str | None = None, weight: object = None
) -> Criterion:
    crit = get_criterion(session, criterion_id)
    if name is not None:
        clean = clean_name(name, "name", max_length=100)
        crit.name_key = _unique_key(session, clean, criterion_id)
        crit.name = clean
    if weight is not None:
        crit.weight = parse_weight(weight)
    session.add(crit)
    session.commit()
    return crit


def delete_criterion(session: Session, criterion_id: int) -> None:
    """Delete a criterion and every account's score on it (the database cascades)."""
    session.delete(get_criterion(session, criterion_id))
    session.commit()
    _renumber(session)


def score_count(session: Session, criterion_id: int) -> int:
    return session.exec(select(func.count()).select_from(Score).where(Score.criterion_id == criterion_id)).one()


def _renumber(session: Session) -> None:
    for pos, crit in enumerate(list_criteria(session)):
        if crit.position != pos:
            crit.position = pos
            session.add(crit)
    session.commit()


def move_criterion(session: Session, criterion_id: int, delta: int) -> list[Criterion]:
    """Move a criterion `delta` places (negative: earlier); returns the new order."""
    crits = list_criteria(session)
    crit = next((c for c in crits if c.id == criterion_id), None)
    if crit is None:
        raise NotFound(f"no criterion with id {criterion_id}")
    move_in_order(crits, crit, delta)
    session.add_all(crits)
    session.commit()
    return crits


def criteria_count_warning(session_or_count: Session | int) -> str | None:
    """The method scores on 3 to 5 criteria; outside that is allowed but flagged."""
    n = session_or_count if isinstance(session_or_count, int) else len(list_criteria(session_or_count))
    if n < MIN_CRITERIA:
        need = MIN_CRITERIA - n
        return (
            f"{counted(n, 'criterion', 'criteria')}: add {need} more; "
            "3 to 5 criteria tell accounts apart without drowning the choice"
        )
    if n > MAX_CRITERIA:
        return f"{n} criteria: 3 to 5 keep the choice sharp; consider merging or dropping {n - MAX_CRITERIA}"
    return None


# ---- scores ------------------------------------------------------------------


def parse_score(value: object) -> int:
    text = str(value).strip() if value is not None else ""
    try:
        score = int(text)
    except ValueError:
        raise ValidationError("score", f"{text or 'blank'} is not a whole number from 1 to 10") from None
    if not 1 <= score <= 10:
        raise ValidationError("score", f"{score} is outside 1 to 10")
    return score


def set_score(session: Session, account_id: int, criterion_id: int, score: object) -> Score:
    value = parse_score(score)
    accounts_service.get_account(session, account_id)
    get_criterion(session, criterion_id)
    row = session.get(Score, (account_id, criterion_id))
    if row is None:
        row = Score(account_id=account_id, criterion_id=criterion_id, score=value)
    else:
        row.score = value
    session.add(row)
    accounts_service.touch(session, account_id)
    session.commit()
    return row


def clear_score(session: Session, account_id: int, criterion_id: int) -> bool:
    """Remove a score; True when there was one."""
    row = session.get(Score, (account_id, criterion_id))
    if row is None:
        return False
    session.delete(row)
    accounts_service.touch(session, account_id)
    session.commit()
    return True


def score_map(session: Session) -> dict[tuple[int, int], int]:
    """Every score: {(account_id, criterion_id): score}."""
    # plain columns, not ORM objects: five times faster with thousands of scores
    rows = session.exec(select(Score.account_id, Score.criterion_id, Score.score))
    return {(a, c): v for a, c, v in rows}


# ---- totals, ranking, suggestions -----------------------------------------------


def account_total(session: Session, account_id: int) -> Total:
    return compute_total(account_id, list_criteria(session), score_map(session))


def _get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row is not None else None


def key_account_limit(session: Session, owner: str | None = None) -> int:
    """The owner's limit (their own, else the shared one); no owner: the shared one."""
    if owner is None:
        return limit_from(_get_setting(session, KEY_LIMIT_SETTING))
    return key_limits(session).of(owner)


def key_limits(session: Session) -> KeyLimits:
    rows = session.exec(
        select(Setting.key, Setting.value).where(
            (col(Setting.key) == KEY_LIMIT_SETTING) | col(Setting.key).startswith(OWNER_LIMIT_PREFIX)
        )
    )
    return key_limits_from(rows)


def clean_owner(owner: object) -> str:
    """An owner's name as accounts keep it (spaces collapsed)."""
    return " ".join(str(owner or "").split())


def set_key_account_limit(session: Session, value: object, owner: str | None = None) -> int:
    """Store the shared limit (owner None) or an owner's own; commits. For an
    owner, a blank value drops their own limit (they use the shared one again).
    Returns the limit that now applies."""
    from kam_tui.services.portfolio import parse_key_account_limit

    who = None if owner is None else clean_owner(owner)
    if who == "":
        raise ValidationError("whose", "name the owner, or pick the shared limit")
    if who is not None and not str(value if value is not None else "").strip():
        row = session.get(Setting, owner_limit_key(who))
        if row is not None:
            session.delete(row)
            session.commit()
        return key_account_limit(session)
    limit = parse_key_account_limit(value)
    put_setting(session, KEY_LIMIT_SETTING if who is None else owner_limit_key(who), str(limit))
    session.commit()
    return limit


def score_threshold(session: Session) -> Decimal:
    return threshold_from(_get_setting(session, THRESHOLD_SETTING))


def set_score_threshold(session: Session, value: object) -> Decimal:
    text = str(value).strip().replace(",", ".")
    try:
        threshold = Decimal(text)
    except InvalidOperation:
        raise ValidationError("threshold", f"{value!s} is not a number from 1 to 10") from None
    if not threshold.is_finite() or not 1 <= threshold <= 10:
        raise ValidationError("threshold", "must be from 1 to 10")
    put_setting(session, THRESHOLD_SETTING, str(threshold))
    session.commit()
    return threshold


def ranking(session: Session, scores: dict[tuple[int, int], int] | None = None) -> list[Ranked]:
    """Every account, best total first; see the module docstring for the rules.
    `scores` (from score_map) saves a query when the caller already has them."""
    criteria = list_criteria(session)
    scores = score_map(session) if scores is None else scores
    accounts = list(session.exec(select(Account)))
    return rank(accounts, criteria, scores, key_limits(session), score_threshold(session))


def suggested_key_accounts(session: Session) -> list[Account]:
    return [r.account for r in ranking(session) if r.suggested]


def key_account_count(session: Session, owner: str | None = None) -> int:
    """Key accounts: every one, or the owner's."""
    query = select(Account.tier) if owner is None else select(Account.tier).where(Account.owner == owner)
    return sum(1 for tier in session.exec(query) if Tier(tier).is_key)


def owners(session: Session) -> list[str]:
    """Everyone who owns an account, by name ("" for accounts with no owner is left out)."""
    names = session.exec(select(Account.owner).where(col(Account.owner) != "").distinct())
    return sorted(names, key=name_key)
