"""Goals and the actions that reach them: the plan's short, mid and long term.

The method asks for goals on three horizons, each with an owner, and specific
actions with owners and dates. Progress is the share of a goal's actions done;
dropped actions do not count either way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Action, ActionStatus, Goal, GoalStatus, Horizon
from kam_tui.rules.goals import (  # the rules, re-exported for callers
    HORIZON_ORDER as HORIZON_ORDER,
    GoalView as GoalView,
    goal_views_of as goal_views_of,
    is_overdue as is_overdue,
    progress as progress,
    sorted_goals as sorted_goals,
)
from kam_tui.services import accounts
from kam_tui.services.dates import parse_date
from kam_tui.services.rows import delete_with_children, move_in_order
from kam_tui.services.vocab import parse_vocab as _vocab
from kam_tui.text import clean_name

# What a filter keeps: every goal, only open work, or only what is late.
FILTERS = ("all", "open", "overdue")


def _text(value: Any, field_name: str) -> str:
    return clean_name(value, field_name, max_length=500)


def _owner(value: Any) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > 200:
        raise ValidationError("owner", f"is {len(text)} characters long; at most 200")
    return text


# --------------------------------------------------------------------------
# Reading


def get_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"no goal with id {goal_id}")
    return goal


def get_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"no action with id {action_id}")
    return action


def list_goals(session: Session, account_id: int) -> list[Goal]:
    return sorted_goals(session.exec(select(Goal).where(Goal.account_id == account_id)))


def list_actions(session: Session, goal_id: int) -> list[Action]:
    return list(
        session.exec(select(Action).where(Action.goal_id == goal_id).order_by(col(Action.position), col(Action.id)))
    )


def goal_views(session: Session, account_id: int) -> list[GoalView]:
    """Every goal of the account with its actions, in plan order."""
    goals = list_goals(session, account_id)
    if not goals:
        return []
    rows = session.exec(select(Action).where(col(Action.goal_id).in_([g.id for g in goals])))
    return goal_views_of(goals, rows)


def filter_views(
    views: list[GoalView], show: str = "all", owner: str | None = None, today: date | None = None
) -> list[GoalView]:
    """Keep what a filter asks for. `owner` matches the goal's or an action's owner;
    a goal stays when it or one of its actions matches, with only matching actions."""
    if show not in FILTERS:
        raise ValidationError("show", f"{show!r} is not one of: {', '.join(FILTERS)}")
    key = (owner or "").casefold().strip()
    out = []
    for view in views:
        actions = view.actions
        if show == "open":
            actions = [a for a in actions if not a.status.is_closed]
        elif show == "overdue":
            actions = [a for a in actions if is_overdue(a, today)]
        if key:
            if view.goal.owner.casefold() != key:
                actions = [a for a in actions if a.owner.casefold() == key]
        goal_matches = (not key or view.goal.owner.casefold() == key) and (
            show == "all" or (show == "open" and not view.goal.status.is_closed)
        )
        if actions or goal_matches:
            out.append(GoalView(view.goal, actions))
    return out


def owners(session: Session, account_id: int) -> list[str]:
    """Everyone who owns a goal or an action in this account, for the owner filter."""
    names = [g.owner for g in list_goals(session, account_id) if g.owner]
    names += [a.owner for a in all_actions(session, account_id) if a.owner]
    # one entry per person however their name was typed: the filter ignores case
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)


# --------------------------------------------------------------------------
# Goals


def add_goal(
    session: Session,
    account_id: int,
    horizon: Horizon | str,
    text: str,
    owner: str = "",
    target_date: Any = None,
    status: GoalStatus | str | None = None,
) -> Goal:
    accounts.get_account(session, account_id)
    h = _vocab(Horizon, horizon, "horizon")
    goal = Goal(
        account_id=account_id,
        horizon=h,
        text=_text(text, "goal"),
        owner=_owner(owner),
        target_date=parse_date(target_date, "target date"),
        status=_vocab(GoalStatus, status, "status", GoalStatus.OPEN),
    )
    last = session.exec(select(func.max(Goal.position)).where(Goal.account_id == account_id, Goal.horizon == h)).one()
    goal.position = (last or 0) + 1
    session.add(goal)
    accounts.touch(session, account_id)
    session.commit()
    return goal


def update_goal(session: Session, goal_id: int, **fields: Any) -> Goal:
    goal = get_goal(session, goal_id)
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "text":
            cleaned[name] = _text(value, "goal")
        elif name == "owner":
            cleaned[name] = _owner(value)
        elif name == "target_date":
            cleaned[name] = parse_date(value, "target date")
        elif name == "status":
            cleaned[name] = _vocab(GoalStatus, value, "status")
        elif name == "horizon":
            cleaned[name] = _vocab(Horizon, value, "horizon")
        else:
            raise ValidationError(name, "is not a field of a goal")
    if "horizon" in cleaned and cleaned["horizon"] != goal.horizon:
        last = session.exec(
            select(func.max(Goal.position)).where(
                Goal.account_id == goal.account_id, Goal.horizon == cleaned["horizon"]
            )
        ).one()
        goal.position = (last or 0) + 1
    for name, value in cleaned.items():
        setattr(goal, name, value)
    session.add(goal)
    accounts.touch(session, goal.account_id)
    session.commit()
    return goal


def delete_goal(session: Session, goal_id: int) -> int:
    """Delete a goal and its actions; returns how many actions went with it."""
    goal = get_goal(session, goal_id)
    gone = delete_with_children(session, goal, list_actions(session, goal_id))
    accounts.touch(session, goal.account_id)
    session.commit()
    return gone


def move_goal(session: Session, goal_id: int, delta: int) -> Goal:
    """Move a goal up (-1) or down (+1) among the goals of its horizon."""
    goal = get_goal(session, goal_id)
    siblings = [g for g in list_goals(session, goal.account_id) if g.horizon == goal.horizon]
    move_in_order(siblings, goal, delta, first=1)
    session.add_all(siblings)
    accounts.touch(session, goal.account_id)
    session.commit()
    return goal


# --------------------------------------------------------------------------
# Actions


def _stamp(action: Action, status: ActionStatus, today: date | None) -> None:
    """Done stamps the day; leaving done clears it, so the date always tells the truth."""
    if status == ActionStatus.DONE and action.status != ActionStatus.DONE:
        action.completed_on = today or clock.today()
    elif status != ActionStatus.DONE:
        action.completed_on = None
    action.status = status


def add_action(
    session: Session,
    goal_id: int,
    text: str,
    owner: str = "",
    due_date: Any = None,
    status: ActionStatus | str | None = None,
    *,
    today: date | None = None,
) -> Action:
    goal = get_goal(session, goal_id)
    action = Action(
        goal_id=goal_id,
        text=_text(text, "action"),
        owner=_owner(owner),
        due_date=parse_date(due_date, "due date"),
    )
    _stamp(action, _vocab(ActionStatus, status, "status", ActionStatus.TODO), today)
    last = session.exec(select(func.max(Action.position)).where(Action.goal_id == goal_id)).one()
    action.position = (last or 0) + 1
    session.add(action)
    accounts.touch(session, goal.account_id)
    session.commit()
    return action


def update_action(session: Session, action_id: int, *, today: date | None = None, **fields: Any) -> Action:
    action = get_action(session, action_id)
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "text":
            cleaned[name] = _text(value, "action")
        elif name == "owner":
            cleaned[name] = _owner(value)
        elif name == "due_date":
            cleaned[name] = parse_date(value, "due date")
        elif name == "status":
            cleaned[name] = _vocab(ActionStatus, value, "status")
        elif name == "goal_id":
            cleaned[name] = get_goal(session, int(value)).id
        else:
            raise ValidationError(name, "is not a field of an action")
    status = cleaned.pop("status", None)
    for name, value in cleaned.items():
        setattr(action, name, value)
    if status is not None:
        _stamp(action, status, today)
    session.add(action)
    accounts.touch(session, get_goal(session, action.goal_id).account_id)
    session.commit()
    return action


def toggle_done(session: Session, action_id: int, *, today: date | None = None) -> Action:
    """Done if it was not, back to 'to do' if it was (undo clears the date)."""
    action = get_action(session, action_id)
    new = ActionStatus.TODO if action.status == ActionStatus.DONE else ActionStatus.DONE
    return update_action(session, action_id, status=new, today=today)


def toggle_dropped(session: Session, action_id: int) -> Action:
    """Drop an action (it no longer counts), or bring a dropped one back."""
    action = get_action(session, action_id)
    new = ActionStatus.TODO if action.status == ActionStatus.DROPPED else ActionStatus.DROPPED
    return update_action(session, action_id, status=new)


def delete_action(session: Session, action_id: int) -> None:
    action = get_action(session, action_id)
    account_id = get_goal(session, action.goal_id).account_id
    session.delete(action)
    accounts.touch(session, account_id)
    session.commit()


def move_action(session: Session, action_id: int, delta: int) -> Action:
    action = get_action(session, action_id)
    siblings = list_actions(session, action.goal_id)
    move_in_order(siblings, action, delta, first=1)
    session.add_all(siblings)
    accounts.touch(session, get_goal(session, action.goal_id).account_id)
    session.commit()
    return action


def all_actions(session: Session, account_id: int) -> list[Action]:
    return list(
        session.exec(
            select(Action).join(Goal, col(Action.goal_id) == col(Goal.id)).where(Goal.account_id == account_id)
        )
    )
