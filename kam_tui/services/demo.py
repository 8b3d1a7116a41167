"""The demo portfolio: three accounts at different stages that touch every
table of the plan, so a new user lands in an app that already shows what a
living plan looks like.

Every date is counted from the day the demo is seeded, so what is overdue in
the demo stays overdue whenever it is created. The accounts are fictional.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from kam_tui import clock
from kam_tui.models import (
    Account,
    Action,
    ActionStatus,
    Attitude,
    BuyingRole,
    Cadence,
    ContactStrength,
    Contract,
    Criterion,
    Focus,
    Frequency,
    Goal,
    GoalStatus,
    Horizon,
    Influence,
    Interaction,
    InteractionKind,
    InteractionMember,
    Kpi,
    KpiValue,
    Meeting,
    MeetingKind,
    Opportunity,
    OpportunityStatus,
    PartyKind,
    PlanDepth,
    ProfileSection,
    ProfileText,
    QuestionAnswer,
    QuestionStatus,
    RelationshipChange,
    Review,
    Score,
    Stage,
    StageChange,
    Stakeholder,
    StakeholderCover,
    SwotItem,
    SwotQuadrant,
    SwotRun,
    TeamMember,
    TeamMemberRole,
    TeamRole,
    ThirdParty,
    Tier,
    TierChange,
    TrackedField,
    WhitespaceCell,
    WhitespaceOffering,
    WhitespaceStatus,
    WhitespaceUnit,
)
from kam_tui.questions import BY_KEY
from kam_tui.services.rows import put_setting, stored_id

# Marks a database the demo filled, so `kam demo --reset` never deletes a real one
# (the app reads it before its first paint too, so the store keeps the name).
from kam_tui.store.quick import DEMO_SETTING as DEMO_SETTING
from kam_tui.text import name_key

T = TypeVar("T", bound=SQLModel)

BANK = "Nordvik Bank"
MAKER = "Kessler Antriebstechnik"
RETAIL = "Brightmart Stores"


class _Seeder:
    def __init__(self, session: Session, today: date):
        self.s = session
        self.today = today

    # ---- small helpers -------------------------------------------------
    def d(self, days: int) -> date:
        """A date `days` from today (negative: in the past)."""
        return self.today + timedelta(days=days)

    def at(self, days: int) -> datetime:
        return datetime.combine(self.d(days), time(9, 0), tzinfo=UTC)

    def add(self, obj: T) -> T:
        self.s.add(obj)
        self.s.flush()
        return obj

    def account(self, name: str, **fields: Any) -> Account:
        return self.add(Account(name=name, name_key=name_key(name), created_at=self.at(-900), **fields))

    def tiers(self, account: Account, moves: list[tuple[int, Tier | None, Tier, str]]) -> None:
        aid = stored_id(account)
        for days, old, new, reason in moves:
            self.add(TierChange(account_id=aid, from_tier=old, to_tier=new, reason=reason, changed_at=self.at(days)))

    def stages(self, account: Account, moves: list[tuple[int, Stage, Stage, str]]) -> None:
        aid = stored_id(account)
        for days, old, new, note in moves:
            self.add(StageChange(account_id=aid, from_stage=old, to_stage=new, note=note, changed_at=self.at(days)))

    def team(self, account: Account, members: list[tuple[str, str, list[TeamRole], bool]]) -> dict[str, TeamMember]:
        aid = stored_id(account)
        out = {}
        for name, title, roles, sponsor in members:
            m = self.add(TeamMember(account_id=aid, name=name, title=title, is_executive_sponsor=sponsor))
            for role in roles:
                self.s.add(TeamMemberRole(member_id=stored_id(m), role=role))
            out[name] = m
        return out

    def people(
        self, account: Account, rows: list[dict[str, Any]], team: dict[str, TeamMember]
    ) -> dict[str, Stakeholder]:
        aid = stored_id(account)
        out: dict[str, Stakeholder] = {}
        for row in rows:
            row = dict(row)
            boss = row.pop("reports_to", None)
            cover = row.pop("covered_by", None)
            last = row.pop("last_contact", None)
            p = self.add(
                Stakeholder(
                    account_id=aid,
                    reports_to_id=out[boss].id if boss else None,
                    last_contact=self.d(last) if last is not None else None,
                    **row,
                )
            )
            # one name, or several with the primary first
            for n, name in enumerate([cover] if isinstance(cover, str) else cover or []):
                self.s.add(
                    StakeholderCover(stakeholder_id=stored_id(p), member_id=stored_id(team[name]), is_primary=n == 0)
                )
            out[p.name] = p
        return out

    def contacts(
        self, people: dict[str, Stakeholder], team: dict[str, TeamMember], rows: list[tuple[Any, ...]]
    ) -> None:
        """The contact log: (person, days, kind, level, [our people], note, next step, next step in days)."""
        for name, days, kind, level, ours, note, step, step_days in rows:
            entry = self.add(
                Interaction(
                    stakeholder_id=stored_id(people[name]),
                    happened_on=self.d(days),
                    kind=kind,
                    level=level,
                    note=note,
                    next_step=step,
                    next_step_due=self.d(step_days) if step_days is not None else None,
                    created_at=self.at(days),
                )
            )
            for member in ours:
                self.s.add(InteractionMember(interaction_id=stored_id(entry), member_id=stored_id(team[member])))

    def moves(self, people: dict[str, Stakeholder], rows: list[tuple[str, int, TrackedField, str, str]]) -> None:
        """How relationships moved: (person, days, field, old key, new key)."""
        for name, days, tracked, old, new in rows:
            self.s.add(
                RelationshipChange(
                    stakeholder_id=stored_id(people[name]),
                    field=tracked,
                    old_value=old,
                    new_value=new,
                    changed_on=self.d(days),
                )
            )

    def contracts(self, account: Account, currency: str, rows: list[tuple[Any, ...]]) -> None:
        """(name, start in days, end in days, notice months, value, notes)."""
        for name, start, end, notice, value, notes in rows:
            self.s.add(
                Contract(
                    account_id=stored_id(account),
                    name=name,
                    starts_on=self.d(start),
                    ends_on=self.d(end) if end is not None else None,
                    notice_months=notice,
                    value=Decimal(value) if value else None,
                    currency=currency if value else None,
                    notes=notes,
                )
            )

    def profile(self, account: Account, sections: dict[ProfileSection, str]) -> None:
        aid = stored_id(account)
        for section, text in sections.items():
            self.s.add(ProfileText(account_id=aid, section=section, text=text, updated_at=self.at(-30)))

    def parties(self, account: Account, rows: list[tuple[PartyKind, str, str]]) -> None:
        aid = stored_id(account)
        for kind, name, notes in rows:
            self.s.add(ThirdParty(account_id=aid, kind=kind, name=name, notes=notes))

    def opportunities(self, account: Account, currency: str, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        for name, value, status, close_days, notes in rows:
            closed = status != OpportunityStatus.OPEN
            self.s.add(
                Opportunity(
                    account_id=aid,
                    name=name,
                    value=Decimal(value),
                    currency=currency,
                    status=status,
                    expected_close=self.d(close_days),
                    closed_on=self.d(close_days) if closed else None,
                    notes=notes,
                )
            )

    def goals(self, account: Account, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        for pos, (horizon, text, owner, target_days, status, actions) in enumerate(rows):
            g = self.add(
                Goal(
                    account_id=aid,
                    horizon=horizon,
                    text=text,
                    owner=owner,
                    target_date=self.d(target_days),
                    status=status,
                    position=pos,
                )
            )
            for apos, (atext, aowner, due_days, astatus, done_days) in enumerate(actions):
                self.s.add(
                    Action(
                        goal_id=stored_id(g),
                        text=atext,
                        owner=aowner,
                        due_date=self.d(due_days),
                        status=astatus,
                        completed_on=self.d(done_days) if done_days is not None else None,
                        position=apos,
                    )
                )

    def questions(self, account: Account, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        for key, status, answer, finder, due_days in rows:
            assert key in BY_KEY, key  # a typo here would hide a question
            self.s.add(
                QuestionAnswer(
                    account_id=aid,
                    question_key=key,
                    status=status,
                    answer=answer,
                    finder=finder,
                    due_date=self.d(due_days) if due_days is not None else None,
                    updated_at=self.at(-20),
                )
            )

    def kpis(self, account: Account, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        periods = _last_quarters(self.today, 4)
        for pos, (name, unit, higher, values) in enumerate(rows):
            k = self.add(Kpi(account_id=aid, name=name, unit=unit, higher_is_better=higher, position=pos))
            for period, (target, actual) in zip(periods, values):
                self.s.add(
                    KpiValue(
                        kpi_id=stored_id(k),
                        period=period,
                        target=None if target is None else Decimal(target),
                        actual=None if actual is None else Decimal(actual),
                    )
                )

    def reviews(self, account: Account, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        for days, kind, notes, decisions in rows:
            self.s.add(Review(account_id=aid, held_on=self.d(days), kind=kind, notes=notes, decisions=decisions))

    def meetings(self, account: Account, rows: list[tuple[Any, ...]]) -> None:
        aid = stored_id(account)
        for kind, freq, attendees, agenda in rows:
            self.s.add(Meeting(account_id=aid, kind=kind, frequency=freq, attendees=attendees, agenda=agenda))

    def whitespace(self, account: Account, units: list[str], offerings: list[str], grid: list[str]) -> None:
        """`grid` has one string per unit, one letter per offering:
        H have, P pursuing, O open, N not relevant."""
        aid = stored_id(account)
        letters = {
            "H": WhitespaceStatus.HAVE,
            "P": WhitespaceStatus.PURSUING,
            "O": WhitespaceStatus.OPEN,
            "N": WhitespaceStatus.NOT_RELEVANT,
        }
        u_rows = [self.add(WhitespaceUnit(account_id=aid, name=n, position=i)) for i, n in enumerate(units)]
        o_rows = [self.add(WhitespaceOffering(account_id=aid, name=n, position=i)) for i, n in enumerate(offerings)]
        for u, line in zip(u_rows, grid):
            for o, letter in zip(o_rows, line):
                self.s.add(WhitespaceCell(unit_id=stored_id(u), offering_id=stored_id(o), status=letters[letter]))

    def swot(
        self,
        account: Account,
        days: int,
        notes: str,
        items: list[tuple[SwotQuadrant, str]],
        copied_from: list[SwotItem | None] | None = None,
    ) -> list[SwotItem]:
        run = self.add(SwotRun(account_id=stored_id(account), run_on=self.d(days), notes=notes))
        out = []
        positions: dict[SwotQuadrant, int] = {}
        for i, (quadrant, text) in enumerate(items):
            pos = positions.get(quadrant, 0)
            positions[quadrant] = pos + 1
            src = copied_from[i] if copied_from else None
            out.append(
                self.add(
                    SwotItem(
                        run_id=stored_id(run),
                        quadrant=quadrant,
                        position=pos,
                        text=text,
                        copied_from_id=src.id if src else None,
                    )
                )
            )
        return out


def _last_quarters(today: date, n: int) -> list[str]:
    """The n quarters ending with the current one, oldest first: '2026-Q1'..."""
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(n):
        out.append(f"{year}-Q{q}")
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return out[::-1]


def has_accounts(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Account)).one() > 0


def seed_demo(session: Session, today: date | None = None) -> bool:
    """Fill an empty database with the demo portfolio in one transaction.
    Returns False, writing nothing, when the database already holds accounts."""
    if has_accounts(session):
        return False
    today = today or clock.today()
    try:
        _seed(_Seeder(session, today))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True


def _seed(z: _Seeder) -> None:
    s = z.s
    # ---- settings and the selection criteria -------------------------------
    for key, value in (("key_account_limit", "8"), ("key_score_threshold", "6"), (DEMO_SETTING, z.today.isoformat())):
        put_setting(s, key, value)
    crit = {}
    for pos, (name, weight) in enumerate(
        (
            ("Revenue potential", "3"),
            ("Growth potential", "2"),
            ("Relationship strength", "2"),
            ("Fit of our offering", "1.5"),
        )
    ):
        crit[name] = z.add(Criterion(name=name, name_key=name_key(name), weight=Decimal(weight), position=pos))

    # ======================================================================
    # 1. Nordvik Bank: an existing key account in Execution; the full plan.
    bank = z.account(
        BANK,
        industry="Banking",
        country="SE",
        annual_revenue=Decimal("48200000000"),
        currency="SEK",
        employees=9400,
        crm_id="0015g00000NVKB01",
        website="nordvikbank.se",
        tier=Tier.EXISTING_KEY,
        focus=Focus.PROTECT,
        owner="Maria Lindqvist",
        stage=Stage.EXECUTION,
        depth=PlanDepth.FULL,
        review_cadence=Cadence.MONTHLY,
        last_review=z.d(-12),
        next_plan_revision=z.d(75),
        why_key=(
            "Our largest customer for six years and our reference in Nordic banking. They run our "
            "data platform in retail and corporate banking; losing them would cost a fifth of our "
            "Nordic revenue and the reference that opens every other bank."
        ),
        what_we_want=(
            "Renew the platform agreement for five years, win the wealth management rebuild, "
            "and become their partner for the move of core reporting to the cloud."
        ),
        notes="Procurement is centralising suppliers in 2027: expect a formal re-tender of the platform agreement.",
    )
    z.tiers(
        bank,
        [
            (-900, None, Tier.CANDIDATE, "created"),
            (-700, Tier.CANDIDATE, Tier.EXISTING_KEY, "Platform agreement signed; now our largest Nordic customer"),
        ],
    )
    z.stages(
        bank,
        [
            (-690, Stage.STRATEGY, Stage.RESEARCH, ""),
            (-560, Stage.RESEARCH, Stage.ACTION_PLAN, ""),
            (-420, Stage.ACTION_PLAN, Stage.EXECUTION, "Meeting structure agreed"),
        ],
    )
    bank_team = z.team(
        bank,
        [
            ("Maria Lindqvist", "Key account manager", [TeamRole.RELATIONSHIP_LEADER, TeamRole.RESULT_DRIVER], False),
            ("Jonas Berg", "Solution architect", [TeamRole.TECHNICAL_EXPERT, TeamRole.INNOVATOR], False),
            ("Aisha Karimi", "Delivery manager", [TeamRole.PROJECT_MANAGER, TeamRole.COLLABORATOR], False),
            ("Per Holm", "Customer success lead", [TeamRole.COLLABORATOR], False),
            ("Helena Strand", "Chief operating officer", [], True),
        ],
    )
    bank_people = z.people(
        bank,
        [
            dict(
                name="Erik Sandberg",
                title="Chief information officer",
                department="Group IT",
                buying_role=BuyingRole.DECISION_MAKER,
                influence=Influence.HIGH,
                attitude=Attitude.SUPPORTER,
                contact_strength=ContactStrength.REGULAR,
                covered_by=["Helena Strand", "Maria Lindqvist"],
                notes="Wants fewer, deeper supplier relationships. Meets Helena twice a year.",
            ),
            dict(
                name="Karin Ek",
                title="Chief financial officer",
                department="Finance",
                buying_role=BuyingRole.ECONOMIC_BUYER,
                influence=Influence.HIGH,
                attitude=Attitude.NEUTRAL,
                contact_strength=ContactStrength.NONE,
                notes="Owns the 2027 cost programme. We have never met her; nobody covers her yet.",
            ),
            dict(
                name="Lars Nyström",
                title="Head of architecture",
                department="Group IT",
                reports_to="Erik Sandberg",
                buying_role=BuyingRole.TECHNICAL_EVALUATOR,
                influence=Influence.MEDIUM,
                attitude=Attitude.CHAMPION,
                contact_strength=ContactStrength.STRONG,
                covered_by="Jonas Berg",
                notes="Sponsored the original platform choice; presents our roadmap internally.",
            ),
            dict(
                name="Sofia Wallin",
                title="Head of procurement",
                department="Finance",
                reports_to="Karin Ek",
                buying_role=BuyingRole.GATEKEEPER,
                influence=Influence.HIGH,
                attitude=Attitude.BLOCKER,
                contact_strength=ContactStrength.OCCASIONAL,
                covered_by="Maria Lindqvist",
                notes="Pushes a re-tender of every agreement above SEK 20m; favours Clearstack on price.",
            ),
            dict(
                name="Anders Falk",
                title="Head of IT security",
                department="Group IT",
                reports_to="Erik Sandberg",
                buying_role=BuyingRole.INFLUENCER,
                influence=Influence.MEDIUM,
                attitude=Attitude.SKEPTIC,
                contact_strength=ContactStrength.OCCASIONAL,
                covered_by="Jonas Berg",
                last_contact=-45,
                notes="Had a bad incident with a cloud supplier in 2024; wants data to stay in Sweden.",
            ),
            dict(
                name="Johanna Lund",
                title="Head of wealth management IT",
                department="Wealth management",
                reports_to="Lars Nyström",
                buying_role=BuyingRole.USER,
                influence=Influence.MEDIUM,
                attitude=Attitude.SUPPORTER,
                contact_strength=ContactStrength.REGULAR,
                covered_by=["Aisha Karimi", "Jonas Berg"],
                notes="Runs the wealth rebuild; needs reporting ready before the spring launch.",
            ),
            dict(
                name="Oskar Dahl",
                title="Reporting team lead",
                department="Group IT",
                reports_to="Johanna Lund",
                buying_role=BuyingRole.COACH,
                influence=Influence.LOW,
                attitude=Attitude.SUPPORTER,
                contact_strength=ContactStrength.STRONG,
                covered_by="Per Holm",
            ),
        ],
        bank_team,
    )
    # the contact log: Sofia Wallin and Karin Ek are past their rhythm (high
    # influence, every 30 days), the tactical meeting is due (monthly, last held
    # 40 days ago); Anders Falk's last contact was typed before the log
    z.contacts(
        bank_people,
        bank_team,
        [
            (
                "Erik Sandberg",
                -43,
                InteractionKind.MEETING,
                MeetingKind.STRATEGIC,
                ["Helena Strand", "Maria Lindqvist"],
                "Half-year strategic meeting: roadmap and renewal. He hinted at fewer suppliers.",
                "",
                None,
            ),
            (
                "Erik Sandberg",
                -18,
                InteractionKind.CALL,
                None,
                ["Maria Lindqvist"],
                "Asked him to introduce us to the CFO; he will think about it.",
                "Follow up on the CFO introduction",
                3,
            ),
            (
                "Sofia Wallin",
                -95,
                InteractionKind.MEETING,
                None,
                ["Maria Lindqvist"],
                "Procurement's supplier review: she wants every agreement above SEK 20m re-tendered.",
                "",
                None,
            ),
            (
                "Sofia Wallin",
                -60,
                InteractionKind.EMAIL,
                None,
                ["Maria Lindqvist"],
                "Sent our total-cost comparison with Clearstack. No answer yet.",
                "Ask for 30 minutes to walk her through the cost comparison",
                None,
            ),
            (
                "Lars Nyström",
                -70,
                InteractionKind.EVENT,
                None,
                ["Jonas Berg"],
                "Nordic data summit: he presented their platform journey and named us.",
                "",
                None,
            ),
            (
                "Lars Nyström",
                -40,
                InteractionKind.MEETING,
                MeetingKind.TACTICAL,
                ["Maria Lindqvist", "Jonas Berg"],
                "Monthly tactical meeting: priorities for the wealth launch, one escalation on test data.",
                "",
                None,
            ),
            (
                "Lars Nyström",
                -4,
                InteractionKind.CALL,
                None,
                ["Jonas Berg"],
                "Went through the cloud reporting roadmap before his architecture board.",
                "",
                None,
            ),
            (
                "Johanna Lund",
                -30,
                InteractionKind.VISIT,
                None,
                ["Aisha Karimi"],
                "Workshop with her team on the wealth reporting module.",
                "",
                None,
            ),
            (
                "Johanna Lund",
                -9,
                InteractionKind.MEETING,
                None,
                ["Aisha Karimi", "Jonas Berg"],
                "Scope of the wealth module agreed; she will back it in the budget round.",
                "Send the proposal draft to Johanna",
                5,
            ),
            (
                "Oskar Dahl",
                -2,
                InteractionKind.MEETING,
                MeetingKind.OPERATIONAL,
                ["Aisha Karimi", "Per Holm"],
                "Weekly delivery check: release 4.2 on track, two incidents closed.",
                "",
                None,
            ),
        ],
    )
    # one move since the last review (12 days ago), two from before it
    z.moves(
        bank_people,
        [
            ("Anders Falk", -100, TrackedField.ATTITUDE, "neutral", "skeptic"),
            ("Sofia Wallin", -95, TrackedField.CONTACT_STRENGTH, "none", "occasional"),
            ("Johanna Lund", -5, TrackedField.ATTITUDE, "neutral", "supporter"),
        ],
    )
    # the platform agreement is inside its notice window: notice by in about two months
    z.contracts(
        bank,
        "SEK",
        [
            (
                "Data platform agreement",
                -1800,
                420,
                12,
                "48000000",
                "Retail and corporate banking. Renews for three years unless notice is given.",
            ),
            (
                "Consulting framework agreement",
                -500,
                190,
                3,
                "",
                "Day rates fixed until it ends; call-offs per project.",
            ),
        ],
    )
    z.profile(
        bank,
        {
            ProfileSection.STRATEGY_GOALS: "Grow savings customers 15% by 2028, cut cost/income below 45%, "
            "and close the remaining branch network outside the big cities.",
            ProfileSection.FINANCIAL_HEALTH: "Solid: CET1 ratio 17%, return on equity 13%. Cost programme of "
            "SEK 1.2bn announced for 2027.",
            ProfileSection.CURRENT_INITIATIVES: "Wealth management platform rebuild (spring launch).\n"
            "Core reporting to the cloud (decision next year).\n"
            "Supplier consolidation led by procurement.",
            ProfileSection.MARKET_PRODUCTS: "Retail and corporate banking in Sweden and Norway; growing "
            "wealth management; mortgage share under pressure from digital banks.",
            ProfileSection.ORGANISATION: "Group IT under the CIO serves all business lines; procurement reports "
            "to the CFO. Wealth management has its own IT team since last year.",
            ProfileSection.HISTORY_CULTURE: "Founded as a savings bank in 1852; cautious, consensus-driven, "
            "proud of its regional roots. Decisions take time but stick.",
            ProfileSection.DECISION_PROCESS: "Above SEK 20m: architecture board, then procurement tender, then "
            "the CFO signs. Security review is a veto point.",
            ProfileSection.FRAMEWORK_AGREEMENTS: "Data platform agreement, signed 2021, renews in 14 months. "
            "Consulting framework agreement (rates fixed until next June).",
            ProfileSection.PURCHASES: "Data platform licences for retail and corporate banking; integration "
            "services; 24/7 support.",
            ProfileSection.PAST_ENGAGEMENTS: "Regulatory reporting project 2023 (on time, praised by the CIO). "
            "Failed pilot of our analytics add-on in 2024: too slow for their traders.",
        },
    )
    first = z.swot(
        bank,
        -190,
        "First run after the strategy offsite.",
        [
            (SwotQuadrant.STRENGTH, "Strong brand and loyal customers in their home regions"),
            (SwotQuadrant.STRENGTH, "Capital well above the regulatory minimum"),
            (SwotQuadrant.WEAKNESS, "Legacy core systems slow every change"),
            (SwotQuadrant.WEAKNESS, "Thin digital skills outside Group IT"),
            (SwotQuadrant.OPPORTUNITY, "Wealth management demand from ageing savers"),
            (SwotQuadrant.OPPORTUNITY, "Open-banking rules ease partnerships"),
            (SwotQuadrant.THREAT, "Digital banks taking mortgage share"),
            (SwotQuadrant.THREAT, "New supervisory rules on outsourcing to the cloud"),
        ],
    )
    # the second run copies the first: one item dropped (thin digital skills),
    # one edited (digital banks), one added (cost programme)
    kept = [first[0], first[1], first[2], first[4], first[5], first[6], first[7]]
    z.swot(
        bank,
        -20,
        "Re-run before the plan revision; cost programme now public.",
        [
            (SwotQuadrant.STRENGTH, first[0].text),
            (SwotQuadrant.STRENGTH, first[1].text),
            (SwotQuadrant.WEAKNESS, first[2].text),
            (SwotQuadrant.OPPORTUNITY, first[4].text),
            (SwotQuadrant.OPPORTUNITY, first[5].text),
            (SwotQuadrant.THREAT, "Digital banks taking mortgage and savings share"),
            (SwotQuadrant.THREAT, first[7].text),
            (SwotQuadrant.WEAKNESS, "SEK 1.2bn cost programme freezes new projects"),
        ],
        copied_from=kept + [None],
    )
    z.parties(
        bank,
        [
            (
                PartyKind.COMPETITOR,
                "Clearstack",
                "Cheaper platform; procurement's favourite. Weak on Nordic regulatory reporting.",
            ),
            (
                PartyKind.COMPETITOR,
                "Bluefjord Consulting",
                "Holds the wealth management design work; would like the build too.",
            ),
            (
                PartyKind.PARTNER,
                "Northcloud Hosting",
                "Swedish data centres: answers the security head's data-residency worry.",
            ),
        ],
    )
    z.opportunities(
        bank,
        "SEK",
        [
            (
                "Platform agreement renewal (5 years)",
                "62000000",
                OpportunityStatus.OPEN,
                400,
                "Re-tender expected; start early.",
            ),
            (
                "Wealth reporting module",
                "8500000",
                OpportunityStatus.OPEN,
                45,
                "Johanna needs it before the spring launch.",
            ),
            (
                "Regulatory reporting upgrade",
                "4200000",
                OpportunityStatus.WON,
                -150,
                "Won without tender thanks to the 2023 project.",
            ),
            ("Trading analytics add-on", "6000000", OpportunityStatus.LOST, -300, "Lost on latency; Clearstack won."),
        ],
    )
    z.whitespace(
        bank,
        ["Retail banking", "Corporate banking", "Wealth management", "Group IT"],
        ["Data platform", "Integration services", "Managed security", "Cloud hosting", "Training"],
        ["HHOPN", "HPOON", "PONOH", "HHPOH"],
    )
    z.goals(
        bank,
        [
            (
                Horizon.SHORT,
                "Meet the CFO before the 2027 budget is set",
                "Maria Lindqvist",
                30,
                GoalStatus.AT_RISK,
                [
                    ("Ask Erik Sandberg to introduce us to Karin Ek", "Maria Lindqvist", -10, ActionStatus.TODO, None),
                    ("Prepare a one-page cost case for the platform", "Jonas Berg", -3, ActionStatus.DOING, None),
                    ("Brief Helena Strand on the CFO agenda", "Maria Lindqvist", 14, ActionStatus.TODO, None),
                ],
            ),
            (
                Horizon.SHORT,
                "Deliver the wealth reporting module proposal",
                "Aisha Karimi",
                20,
                GoalStatus.ON_TRACK,
                [
                    ("Workshop with Johanna Lund's team", "Aisha Karimi", -25, ActionStatus.DONE, -24),
                    ("Price and scope the module", "Jonas Berg", -8, ActionStatus.DONE, -6),
                    ("Send the proposal", "Maria Lindqvist", 5, ActionStatus.TODO, None),
                ],
            ),
            (
                Horizon.MID,
                "Renew the platform agreement for five years before the re-tender",
                "Maria Lindqvist",
                300,
                GoalStatus.OPEN,
                [
                    (
                        "Win over Sofia Wallin: show total cost against Clearstack",
                        "Maria Lindqvist",
                        60,
                        ActionStatus.TODO,
                        None,
                    ),
                    (
                        "Run a security deep-dive with Anders Falk and Northcloud",
                        "Jonas Berg",
                        -20,
                        ActionStatus.TODO,
                        None,
                    ),
                ],
            ),
            (
                Horizon.LONG,
                "Become the partner for core reporting in the cloud",
                "Helena Strand",
                700,
                GoalStatus.OPEN,
                [
                    ("Propose a joint architecture study to Lars Nyström", "Jonas Berg", 90, ActionStatus.TODO, None),
                ],
            ),
            (
                Horizon.SHORT,
                "Close the regulatory reporting upgrade",
                "Maria Lindqvist",
                -150,
                GoalStatus.ACHIEVED,
                [
                    ("Get the signed order", "Maria Lindqvist", -155, ActionStatus.DONE, -150),
                ],
            ),
        ],
    )
    z.questions(
        bank,
        [
            (
                "our_team.1",
                QuestionStatus.ANSWERED,
                "See the stakeholder map: every contact but the CFO is covered.",
                "",
                None,
            ),
            ("our_team.3", QuestionStatus.ANSWERED, "Helena Strand; she meets the CIO twice a year.", "", None),
            (
                "their_team.1",
                QuestionStatus.ANSWERED,
                "The CIO decides; the CFO owns the budget above SEK 20m.",
                "",
                None,
            ),
            (
                "their_team.3",
                QuestionStatus.ANSWERED,
                "Lars Nyström: our platform made his name inside the bank.",
                "",
                None,
            ),
            (
                "their_team.4",
                QuestionStatus.ANSWERED,
                "Sofia Wallin (procurement) wants a re-tender; Anders Falk doubts the cloud.",
                "",
                None,
            ),
            ("their_team.7", QuestionStatus.UNKNOWN, "", "Maria Lindqvist", -7),
            (
                "trends.2",
                QuestionStatus.ANSWERED,
                "New outsourcing guidelines from the supervisor apply from next year.",
                "",
                None,
            ),
            ("trends.4", QuestionStatus.UNKNOWN, "", "Per Holm", -14),
            (
                "needs.1",
                QuestionStatus.ANSWERED,
                "Cut cost, launch wealth management, keep regulators happy.",
                "",
                None,
            ),
            ("needs.4", QuestionStatus.UNKNOWN, "", "Aisha Karimi", 10),
            (
                "account_facts.1",
                QuestionStatus.ANSWERED,
                "Platform agreement renews in 14 months; consulting rates fixed to June.",
                "",
                None,
            ),
            ("account_facts.4", QuestionStatus.UNKNOWN, "", "Maria Lindqvist", -21),
            (
                "competitors.1",
                QuestionStatus.ANSWERED,
                "Clearstack (platform), Bluefjord (consulting in wealth).",
                "",
                None,
            ),
            ("competitors.6", QuestionStatus.NOT_RELEVANT, "Prices are set in the framework agreement.", "", None),
            ("value.6", QuestionStatus.ANSWERED, "Our strongest reference in Nordic banking.", "", None),
            ("unknowns.4", QuestionStatus.UNKNOWN, "", "Jonas Berg", 30),
        ],
    )
    z.kpis(
        bank,
        [
            ("Revenue", "MSEK", True, [("30", "28.5"), ("30", "31.2"), ("32", "30.1"), ("32", "26.4")]),
            ("Customer satisfaction", "NPS", True, [("40", "35"), ("40", "42"), ("45", "44"), ("45", "47")]),
            ("Service level met", "%", True, [("99.5", "99.7"), ("99.5", "99.1"), ("99.5", "99.6"), ("99.5", "99.8")]),
            ("Open incidents", "count", False, [("5", "7"), ("5", "4"), ("5", "3"), ("5", None)]),
        ],
    )
    z.reviews(
        bank,
        [
            (
                -75,
                MeetingKind.INTERNAL,
                "Q2 numbers behind on revenue; wealth module gaining interest.",
                "Start the renewal work a year early.",
            ),
            (
                -43,
                MeetingKind.STRATEGIC,
                "Half-year meeting: CIO and our COO. CIO hinted at fewer suppliers.",
                "Helena to ask for a CFO meeting.",
            ),
            (
                -12,
                MeetingKind.INTERNAL,
                "CFO meeting still not booked; procurement pushes the re-tender.",
                "Maria to ask the CIO for the introduction; Jonas to build the cost case.",
            ),
        ],
    )
    z.meetings(
        bank,
        [
            (
                MeetingKind.INTERNAL,
                Frequency.FORTNIGHTLY,
                "Maria, Jonas, Aisha, Per",
                "Stakeholder moves, open opportunities, overdue actions",
            ),
            (
                MeetingKind.STRATEGIC,
                Frequency.HALF_YEARLY,
                "Helena Strand, Maria; Erik Sandberg",
                "Roadmap, partnership, renewal",
            ),
            (
                MeetingKind.TACTICAL,
                Frequency.MONTHLY,
                "Maria, Jonas; Lars Nyström, Johanna Lund",
                "Projects, priorities, escalations",
            ),
            (
                MeetingKind.OPERATIONAL,
                Frequency.WEEKLY,
                "Aisha, Per; Oskar Dahl and the reporting team",
                "Delivery, incidents, releases",
            ),
        ],
    )
    for name, score in (
        ("Revenue potential", 9),
        ("Growth potential", 6),
        ("Relationship strength", 8),
        ("Fit of our offering", 9),
    ):
        s.add(Score(account_id=stored_id(bank), criterion_id=stored_id(crit[name]), score=score))

    # ======================================================================
    # 2. Kessler: an emerging key account in Action plan; growth roles missing.
    maker = z.account(
        MAKER,
        industry="Industrial machinery",
        country="DE",
        annual_revenue=Decimal("1350000000"),
        currency="EUR",
        employees=5200,
        crm_id="0015g00000KSAT02",
        website="kessler-antriebe.de",
        tier=Tier.EMERGING_KEY,
        focus=Focus.EXPAND,
        owner="Maria Lindqvist",
        stage=Stage.ACTION_PLAN,
        depth=PlanDepth.FULL,
        review_cadence=Cadence.MONTHLY,
        last_review=z.d(-45),
        next_plan_revision=z.d(40),
        why_key="Small for us today, but they are connecting every drive they sell; the data has to live somewhere.",
        what_we_want="Move from one plant pilot to the group-wide service data platform within two years.",
    )
    z.tiers(
        maker,
        [
            (-400, None, Tier.CANDIDATE, "created"),
            (
                -120,
                Tier.CANDIDATE,
                Tier.EMERGING_KEY,
                "Scored third in the spring review; connected-drives programme funded",
            ),
        ],
    )
    z.stages(
        maker,
        [
            (-110, Stage.STRATEGY, Stage.RESEARCH, ""),
            (-30, Stage.RESEARCH, Stage.ACTION_PLAN, "Whom have we never met but should?"),
        ],
    )
    maker_team = z.team(
        maker,
        [
            ("Maria Lindqvist", "Key account manager", [TeamRole.RELATIONSHIP_LEADER], False),
            ("Thomas Weber", "Industrial solutions architect", [TeamRole.TECHNICAL_EXPERT], False),
            ("Lena Vogel", "Consultant", [TeamRole.COLLABORATOR], False),
            ("Rolf Meier", "VP Central Europe", [], True),
        ],
    )
    maker_people = z.people(
        maker,
        [
            dict(
                name="Dr. Claudia Hartmann",
                title="Chief digital officer",
                department="Management board",
                buying_role=BuyingRole.DECISION_MAKER,
                influence=Influence.HIGH,
                attitude=Attitude.SUPPORTER,
                contact_strength=ContactStrength.OCCASIONAL,
                covered_by="Rolf Meier",
                last_contact=-70,
            ),
            dict(
                name="Stefan Brandt",
                title="Head of service division",
                department="Service",
                reports_to="Dr. Claudia Hartmann",
                buying_role=BuyingRole.ECONOMIC_BUYER,
                influence=Influence.HIGH,
                attitude=Attitude.CHAMPION,
                contact_strength=ContactStrength.REGULAR,
                covered_by="Maria Lindqvist",
                last_contact=-15,
                notes="The pilot was his idea; he wants predictive maintenance as a paid service.",
            ),
            dict(
                name="Markus Roth",
                title="Plant IT manager, Ulm",
                department="Operations",
                reports_to="Stefan Brandt",
                buying_role=BuyingRole.TECHNICAL_EVALUATOR,
                influence=Influence.MEDIUM,
                attitude=Attitude.NEUTRAL,
                contact_strength=ContactStrength.REGULAR,
                covered_by="Thomas Weber",
                last_contact=-6,
            ),
            dict(
                name="Ingrid Schulz",
                title="Works council chair",
                department="Works council",
                buying_role=BuyingRole.INFLUENCER,
                influence=Influence.MEDIUM,
                attitude=Attitude.SKEPTIC,
                contact_strength=ContactStrength.NONE,
                notes="Must agree to any machine data that could track workers.",
            ),
        ],
        maker_team,
    )
    z.contacts(
        maker_people,
        maker_team,
        [
            (
                "Stefan Brandt",
                -20,
                InteractionKind.MEETING,
                MeetingKind.TACTICAL,
                ["Maria Lindqvist", "Thomas Weber"],
                "Pilot review: uptime figures convince him; he wants the business case before the board.",
                "Draft the phase 1 business case with Stefan",
                10,
            ),
        ],
    )
    z.contracts(
        maker,
        "EUR",
        [("Ulm pilot agreement", -200, 300, 3, "240000", "One plant; converts into phase 1 if the board agrees.")],
    )
    z.profile(
        maker,
        {
            ProfileSection.STRATEGY_GOALS: "Double service revenue by 2030 by selling uptime, not just drives.",
            ProfileSection.CURRENT_INITIATIVES: (
                "Connected-drives programme: sensors in every new drive from next year."
            ),
            ProfileSection.DECISION_PROCESS: "Board approves above EUR 2m; the works council must agree to data use.",
            ProfileSection.PURCHASES: "One-plant pilot of the data platform (Ulm).",
        },
    )
    z.swot(
        maker,
        -60,
        "Drafted with Stefan Brandt after the pilot review.",
        [
            (SwotQuadrant.STRENGTH, "Engineering reputation and a large installed base"),
            (SwotQuadrant.WEAKNESS, "Little software experience in the service division"),
            (SwotQuadrant.OPPORTUNITY, "Customers ask for uptime guarantees"),
            (SwotQuadrant.THREAT, "Asian competitors with cheaper connected drives"),
        ],
    )
    z.parties(
        maker,
        [
            (PartyKind.COMPETITOR, "Siemtron Digital", "Offers a bundled industrial cloud with their PLCs."),
            (PartyKind.PARTNER, "Rheinwerk Systemhaus", "Their integrator for plant IT; could resell our platform."),
        ],
    )
    z.opportunities(
        maker,
        "EUR",
        [
            (
                "Service data platform, phase 1 (3 plants)",
                "1800000",
                OpportunityStatus.OPEN,
                120,
                "Business case with Stefan Brandt.",
            ),
            ("Ulm pilot", "240000", OpportunityStatus.WON, -200, ""),
            ("Shop-floor dashboards", "310000", OpportunityStatus.LOST, -90, "Went to their integrator's own product."),
        ],
    )
    z.goals(
        maker,
        [
            (
                Horizon.SHORT,
                "Agree the phase 1 business case with the service division",
                "Maria Lindqvist",
                25,
                GoalStatus.ON_TRACK,
                [
                    ("Collect pilot uptime figures from Ulm", "Thomas Weber", -5, ActionStatus.DOING, None),
                    ("Present pilot results to Stefan Brandt", "Maria Lindqvist", -30, ActionStatus.DONE, -28),
                ],
            ),
            (
                Horizon.MID,
                "Phase 1 live in three plants",
                "Thomas Weber",
                240,
                GoalStatus.OPEN,
                [
                    ("Meet the works council on data use", "Maria Lindqvist", -2, ActionStatus.TODO, None),
                ],
            ),
            (Horizon.LONG, "Group-wide service data platform", "Rolf Meier", 720, GoalStatus.OPEN, []),
        ],
    )
    z.questions(
        maker,
        [
            (
                "their_team.1",
                QuestionStatus.ANSWERED,
                "The CDO decides; Stefan Brandt owns the service budget.",
                "",
                None,
            ),
            ("their_team.4", QuestionStatus.UNKNOWN, "", "Lena Vogel", -9),
            ("trends.3", QuestionStatus.ANSWERED, "Connected drives and paid uptime services.", "", None),
            ("needs.2", QuestionStatus.UNKNOWN, "", "Maria Lindqvist", 12),
            ("competitors.5", QuestionStatus.NOT_RELEVANT, "Rheinwerk already is the obvious partner.", "", None),
        ],
    )
    z.kpis(maker, [("Revenue", "kEUR", True, [("60", "55"), ("60", "62"), ("80", "71"), ("80", "77")])])
    z.reviews(
        maker,
        [
            (
                -45,
                MeetingKind.INTERNAL,
                "Pilot results good; works council not yet involved.",
                "Book the works council meeting before the business case.",
            )
        ],
    )
    z.meetings(
        maker,
        [
            (MeetingKind.INTERNAL, Frequency.FORTNIGHTLY, "Maria, Thomas, Lena", "Business case, stakeholder plan"),
            (MeetingKind.TACTICAL, Frequency.MONTHLY, "Maria, Thomas; Stefan Brandt, Markus Roth", "Pilot and phase 1"),
        ],
    )
    for name, score in (
        ("Revenue potential", 7),
        ("Growth potential", 9),
        ("Relationship strength", 6),
        ("Fit of our offering", 8),
    ):
        s.add(Score(account_id=stored_id(maker), criterion_id=stored_id(crit[name]), score=score))

    # ======================================================================
    # 3. Brightmart: a candidate in Strategy; no executive sponsor yet.
    retail = z.account(
        RETAIL,
        industry="Retail",
        country="GB",
        annual_revenue=Decimal("2900000000"),
        currency="GBP",
        employees=21000,
        crm_id="0015g00000BMST03",
        website="brightmart.co.uk",
        tier=Tier.CANDIDATE,
        focus=Focus.PENETRATE,
        owner="Daniel Okafor",
        stage=Stage.STRATEGY,
        depth=PlanDepth.LIGHT,
        review_cadence=Cadence.QUARTERLY,
        last_review=z.d(-30),
        next_plan_revision=z.d(150),
        why_key="Scores well on growth; their loyalty data project fits our platform. Not yet proven.",
        what_we_want="A first project in the loyalty programme, and a view of their supply-chain plans.",
    )
    z.tiers(retail, [(-200, None, Tier.CANDIDATE, "created")])
    retail_team = z.team(
        retail,
        [
            ("Daniel Okafor", "Account manager", [TeamRole.RELATIONSHIP_LEADER, TeamRole.RESULT_DRIVER], False),
            ("Priya Shah", "Pre-sales engineer", [TeamRole.TECHNICAL_EXPERT], False),
        ],
    )
    z.people(
        retail,
        [
            dict(
                name="Graham Hughes",
                title="Chief customer officer",
                department="Marketing",
                buying_role=BuyingRole.DECISION_MAKER,
                influence=Influence.HIGH,
                attitude=Attitude.NEUTRAL,
                contact_strength=ContactStrength.OCCASIONAL,
                covered_by="Daniel Okafor",
                last_contact=-40,
            ),
            dict(
                name="Chloe Barnes",
                title="Loyalty programme manager",
                department="Marketing",
                reports_to="Graham Hughes",
                buying_role=BuyingRole.COACH,
                influence=Influence.MEDIUM,
                attitude=Attitude.SUPPORTER,
                contact_strength=ContactStrength.REGULAR,
                covered_by="Priya Shah",
                last_contact=-11,
            ),
        ],
        retail_team,
    )
    z.profile(
        retail,
        {
            ProfileSection.MARKET_PRODUCTS: (
                "340 stores in the UK; groceries and home goods; loyalty app with 6m members."
            ),
            ProfileSection.FINANCIAL_HEALTH: "Margins thin (2.8%); investing in loyalty to defend share.",
        },
    )
    z.parties(retail, [(PartyKind.COMPETITOR, "Clearstack", "Runs their e-commerce analytics.")])
    z.opportunities(
        retail,
        "GBP",
        [("Loyalty data pilot", "450000", OpportunityStatus.OPEN, 90, "Chloe Barnes is drafting the brief.")],
    )
    z.goals(
        retail,
        [
            (
                Horizon.SHORT,
                "Decide whether Brightmart becomes a key account",
                "Daniel Okafor",
                60,
                GoalStatus.OPEN,
                [
                    ("Score Brightmart with the sales director", "Daniel Okafor", 15, ActionStatus.TODO, None),
                ],
            ),
        ],
    )
    z.questions(
        retail,
        [
            ("needs.1", QuestionStatus.ANSWERED, "Loyalty, store costs, supply-chain visibility.", "", None),
            ("account_facts.3", QuestionStatus.UNKNOWN, "", "Daniel Okafor", 20),
        ],
    )
    z.kpis(retail, [("Pipeline", "kGBP", True, [(None, "0"), (None, "0"), ("300", "120"), ("450", "450")])])
    z.reviews(
        retail,
        [
            (
                -30,
                MeetingKind.INTERNAL,
                "First look at the account after the loyalty conference.",
                "Daniel to build the account plan light.",
            )
        ],
    )
    z.meetings(retail, [(MeetingKind.INTERNAL, Frequency.MONTHLY, "Daniel, Priya", "Qualification and next steps")])
    for name, score in (
        ("Revenue potential", 6),
        ("Growth potential", 8),
        ("Relationship strength", 4),
        ("Fit of our offering", 7),
    ):
        s.add(Score(account_id=stored_id(retail), criterion_id=stored_id(crit[name]), score=score))
    s.flush()
