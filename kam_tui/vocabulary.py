"""The method's vocabulary as enums: every label the app shows for a tier,
stage, role or status comes from here, so the words of key account management
(the five stages, the six team roles, the buying roles...) live in one place
and read the same on every screen and in every export. Values are the stable
keys stored in the database and printed by `kam list --json`; labels are for
people and may change freely.

Kept apart from `models` so that code reading the database with plain sqlite3
(export, import, the first paint) can use the labels without loading the ORM.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Self


def utcnow() -> datetime:
    return datetime.now(UTC)


class Vocab(str, Enum):
    """A str enum whose members carry a human label and an optional hint."""

    label: str
    hint: str

    # label defaults only so that a lookup by value, `Tier("candidate")`, type-checks:
    # every member gives its label
    def __new__(cls, value: str, label: str = "", hint: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.hint = hint
        return obj

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> Self:
        """Accept a value, a label or a member name, in any case."""
        key = text.strip().casefold().replace("-", "_").replace(" ", "_")
        for member in cls:
            if key in (
                member.value,
                member.name.casefold(),
                member.label.casefold().replace("-", "_").replace(" ", "_"),
            ):
                return member
        raise ValueError(f"{text!r} is not one of: " + ", ".join(m.label for m in cls))


class Tier(Vocab):
    EXISTING_KEY = ("existing_key", "Existing key", "Already large: retain and protect")
    EMERGING_KEY = ("emerging_key", "Emerging key", "Not large yet, big growth potential")
    CANDIDATE = ("candidate", "Candidate", "Being scored; not key yet")
    NOT_KEY = ("not_key", "Not key", "Served, but not managed as a key account")

    @property
    def is_key(self) -> bool:
        return self in (Tier.EXISTING_KEY, Tier.EMERGING_KEY)


class Focus(Vocab):
    PENETRATE = ("penetrate", "Penetrate", "Win more of what they already buy")
    EXPAND = ("expand", "Expand", "Reach new units, products or regions")
    PROTECT = ("protect", "Protect", "Keep competitors out")


class Stage(Vocab):
    STRATEGY = ("strategy", "Strategy", "What we plan to do, with whom, and why")
    RESEARCH = ("research", "Research", "Form the team and gather the facts")
    ACTION_PLAN = ("action_plan", "Action plan", "Goals and the actions that reach them")
    EXECUTION = ("execution", "Execution", "Win opportunities, deepen relationships")
    REVIEW = ("review", "Review", "Check the KPIs and adjust the plan")

    @property
    def number(self) -> int:
        return _STAGE_NUMBER[self]


_STAGE_NUMBER = {stage: n for n, stage in enumerate(Stage, 1)}


class Cadence(Vocab):
    WEEKLY = ("weekly", "Weekly")
    MONTHLY = ("monthly", "Monthly")
    QUARTERLY = ("quarterly", "Quarterly")

    @property
    def days(self) -> int:
        return {"weekly": 7, "monthly": 31, "quarterly": 92}[self.value]


class PlanDepth(Vocab):
    FULL = ("full", "Full", "Every step in depth: a critical account")
    LIGHT = ("light", "Light", "The same steps, essentials only")


class BuyingRole(Vocab):
    DECISION_MAKER = ("decision_maker", "Decision maker", "Signs off the decision")
    ECONOMIC_BUYER = ("economic_buyer", "Economic buyer", "Owns the budget")
    TECHNICAL_EVALUATOR = ("technical_evaluator", "Technical evaluator", "Judges fit and risk")
    USER = ("user", "User", "Lives with what is bought")
    INFLUENCER = ("influencer", "Influencer", "Shapes opinion without signing")
    GATEKEEPER = ("gatekeeper", "Gatekeeper", "Controls access to others")
    COACH = ("coach", "Coach", "Guides us from the inside")


class Influence(Vocab):
    LOW = ("low", "Low")
    MEDIUM = ("medium", "Medium")
    HIGH = ("high", "High")


class Attitude(Vocab):
    CHAMPION = ("champion", "Champion", "Sells for us when we are not in the room")
    SUPPORTER = ("supporter", "Supporter", "Favours us")
    NEUTRAL = ("neutral", "Neutral", "Undecided")
    SKEPTIC = ("skeptic", "Skeptic", "Doubts us")
    BLOCKER = ("blocker", "Blocker", "Works against us; could derail the plan")

    @property
    def is_negative(self) -> bool:
        return self in (Attitude.SKEPTIC, Attitude.BLOCKER)


class ContactStrength(Vocab):
    NONE = ("none", "None", "We have not met")
    OCCASIONAL = ("occasional", "Occasional")
    REGULAR = ("regular", "Regular")
    STRONG = ("strong", "Strong")

    @property
    def is_weak(self) -> bool:
        return self in (ContactStrength.NONE, ContactStrength.OCCASIONAL)


class TeamRole(Vocab):
    TECHNICAL_EXPERT = ("technical_expert", "Technical Expert", "Knows the product and the customer's technology")
    RELATIONSHIP_LEADER = ("relationship_leader", "Relationship Leader", "Builds trust at every level")
    COLLABORATOR = ("collaborator", "Collaborator", "Works alongside the customer's people")
    PROJECT_MANAGER = ("project_manager", "Project Manager", "Turns plans into delivered work")
    INNOVATOR = ("innovator", "Innovator", "Brings new ideas to the customer")
    RESULT_DRIVER = ("result_driver", "Result Driver", "Pushes for measurable outcomes")

    @property
    def is_growth_role(self) -> bool:
        # The method: most teams cover the first three; growth needs the last three.
        return self in (TeamRole.PROJECT_MANAGER, TeamRole.INNOVATOR, TeamRole.RESULT_DRIVER)


class ProfileSection(Vocab):
    STRATEGY_GOALS = ("strategy_goals", "Strategy and goals")
    FINANCIAL_HEALTH = ("financial_health", "Financial health")
    CURRENT_INITIATIVES = ("current_initiatives", "Current initiatives")
    MARKET_PRODUCTS = ("market_products", "Market and products")
    ORGANISATION = ("organisation", "Organisation")
    HISTORY_CULTURE = ("history_culture", "History and culture")
    DECISION_PROCESS = ("decision_process", "Decision process")
    FRAMEWORK_AGREEMENTS = ("framework_agreements", "Framework agreements in force")
    PURCHASES = ("purchases", "What they have bought")
    PAST_ENGAGEMENTS = ("past_engagements", "Past engagements")

    @property
    def is_history(self) -> bool:
        """True for 'our history with them', False for 'the customer's business'."""
        return self in (
            ProfileSection.FRAMEWORK_AGREEMENTS,
            ProfileSection.PURCHASES,
            ProfileSection.PAST_ENGAGEMENTS,
        )


class SwotQuadrant(Vocab):
    STRENGTH = ("strength", "Strengths", "Inside the customer: what they do well")
    WEAKNESS = ("weakness", "Weaknesses", "Inside the customer: where they struggle")
    OPPORTUNITY = ("opportunity", "Opportunities", "Outside: what could help them")
    THREAT = ("threat", "Threats", "Outside: what could hurt them")


class PartyKind(Vocab):
    COMPETITOR = ("competitor", "Competitor")
    PARTNER = ("partner", "Partner")


class OpportunityStatus(Vocab):
    OPEN = ("open", "Open")
    WON = ("won", "Won")
    LOST = ("lost", "Lost")


class WhitespaceStatus(Vocab):
    HAVE = ("have", "Have", "They already buy it here")
    PURSUING = ("pursuing", "Pursuing", "We are working on it")
    OPEN = ("open", "Open", "A gap we could fill")
    NOT_RELEVANT = ("not_relevant", "Not relevant", "Does not fit this unit")


class Horizon(Vocab):
    SHORT = ("short", "Short term", "This quarter or so")
    MID = ("mid", "Mid term", "Within the year")
    LONG = ("long", "Long term", "Beyond the year")


class GoalStatus(Vocab):
    OPEN = ("open", "Open")
    ON_TRACK = ("on_track", "On track")
    AT_RISK = ("at_risk", "At risk")
    ACHIEVED = ("achieved", "Achieved")
    DROPPED = ("dropped", "Dropped")

    @property
    def is_closed(self) -> bool:
        return self in (GoalStatus.ACHIEVED, GoalStatus.DROPPED)


class ActionStatus(Vocab):
    TODO = ("todo", "To do")
    DOING = ("doing", "Doing")
    DONE = ("done", "Done")
    DROPPED = ("dropped", "Dropped")

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)


class QuestionCategory(Vocab):
    OUR_TEAM = ("our_team", "What does our team look like?")
    THEIR_TEAM = ("their_team", "Who is on the account's team?")
    TRENDS = ("trends", "What trends affect this account?")
    NEEDS = ("needs", "What do they need?")
    ACCOUNT_FACTS = ("account_facts", "What else do we know about the account?")
    COMPETITORS = ("competitors", "Who are our competitors?")
    VALUE = ("value", "What value can we deliver?")
    UNKNOWNS = ("unknowns", "What else do we need to know?")


class QuestionStatus(Vocab):
    UNKNOWN = ("unknown", "Unknown")
    ANSWERED = ("answered", "Answered")
    NOT_RELEVANT = ("not_relevant", "Not relevant")


class MeetingKind(Vocab):
    INTERNAL = ("internal", "Internal team", "Our own team on the account")
    STRATEGIC = ("strategic", "Strategic", "With the customer's leadership")
    TACTICAL = ("tactical", "Tactical", "With the customer's managers")
    OPERATIONAL = ("operational", "Operational", "With the people who do the work")


class Frequency(Vocab):
    WEEKLY = ("weekly", "Weekly")
    FORTNIGHTLY = ("fortnightly", "Every two weeks")
    MONTHLY = ("monthly", "Monthly")
    QUARTERLY = ("quarterly", "Quarterly")
    HALF_YEARLY = ("half_yearly", "Twice a year")
    YEARLY = ("yearly", "Yearly")

    @property
    def days(self) -> int:
        """How long after one meeting the next is due (a month as Cadence counts it)."""
        return _FREQUENCY_DAYS[self.value]


_FREQUENCY_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92, "half_yearly": 183, "yearly": 365}


class InteractionKind(Vocab):
    """How we were in touch with a stakeholder: one entry of the contact log."""

    MEETING = ("meeting", "Meeting")
    CALL = ("call", "Call")
    EMAIL = ("email", "Email")
    VISIT = ("visit", "Visit", "We went to them")
    EVENT = ("event", "Event", "A conference, a dinner, a workshop")
    OTHER = ("other", "Other")


class TrackedField(Vocab):
    """The judgements about a stakeholder whose every change is kept with its date."""

    INFLUENCE = ("influence", "Influence")
    ATTITUDE = ("attitude", "Attitude")
    CONTACT_STRENGTH = ("contact_strength", "Contact")

    @property
    def vocab(self) -> type[Vocab]:
        return {"influence": Influence, "attitude": Attitude, "contact_strength": ContactStrength}[self.value]
