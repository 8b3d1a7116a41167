"""The account and scoring sections of an exported plan."""

from decimal import Decimal

from kam_tui.export import account as account_section, scoring as scoring_section
from kam_tui.export.plan import SECTIONS, render_plan
from kam_tui.export.snapshot import plan_for, portfolio_for
from kam_tui.models import Tier
from kam_tui.services import accounts, scoring


def test_sections_start_with_account_then_scoring():
    assert SECTIONS[:2] == ["account", "scoring"]


def test_money_is_formatted_with_thousands_separators():
    assert account_section.format_money(Decimal("48200000000"), "SEK") == "SEK 48,200,000,000"
    assert account_section.format_money(Decimal("1250000.50"), "EUR") == "EUR 1,250,000.5"
    assert account_section.format_money(Decimal("900"), None) == "900"
    assert account_section.format_money(None, "USD") == ""


def test_user_text_cannot_break_the_document(session):
    a = accounts.create_account(
        session,
        "# Evil | Corp *",
        why_key="- not a list\n## not a heading",
        owner="a|b",
        notes="line one\nline two",
    )
    text = render_plan(session, a)
    assert text.startswith("# \\# Evil \\| Corp \\*\n")
    assert "| Owner | a\\|b |" in text
    assert "\n## not a heading" not in text and "\\## not a heading" in text
    assert "## Notes\n\nline one\\\nline two" in text


def test_empty_account_gets_a_short_plan_without_empty_sections(session):
    a = accounts.create_account(session, "Bare")
    text = render_plan(session, a)
    assert "## Strategy\n\n_Not written yet._" in text
    assert "## Notes" not in text and "## Key-account score" not in text  # no criteria yet
    assert "| Last review | not yet |" in text
    assert "| (new account) | Candidate | created |" in text


def test_tier_history_keeps_the_demotion_reason(session):
    a = accounts.create_account(session, "Movers", tier="candidate")
    accounts.set_tier(session, a.id, Tier.EMERGING_KEY)
    accounts.set_tier(session, a.id, Tier.NOT_KEY, reason="Budget frozen for two years")
    text = account_section.render(plan_for(session, a))
    assert "| Candidate | Emerging key |" in text
    assert "| Emerging key | Not key | Budget frozen for two years |" in text


def test_scoring_section_shows_criteria_total_and_rank(session):
    a = accounts.create_account(session, "Alpha")
    b = accounts.create_account(session, "Beta")
    rev = scoring.add_criterion(session, "Revenue", 3)
    fit = scoring.add_criterion(session, "Fit", 1)
    assert "Not scored yet on any of the 2 criteria" in scoring_section.render(plan_for(session, a))
    scoring.set_score(session, a.id, rev.id, 4)
    scoring.set_score(session, b.id, rev.id, 9)
    scoring.set_score(session, b.id, fit.id, 5)
    text = scoring_section.render(plan_for(session, a))
    assert text.startswith("## Key-account score")
    assert "| Revenue | 3 | 4 | 12 |" in text and "| Fit | 1 | not scored |  |" in text
    assert "Rank **2 of 2**" in text and "Scored on 1 of 2 criteria" in text
    assert "does not qualify" in text
    text_b = scoring_section.render(plan_for(session, b))
    # (27 + 5) / 4 = 8
    assert "| Weighted total | 4 | 8.0 of 10 | 32 |" in text_b and "Rank **1 of 2**" in text_b
    assert "Beta qualifies as a key account" in text_b


def test_portfolio_index_escapes_names_and_skips_scoring_without_criteria(session):
    a = accounts.create_account(session, "A|B [x]", owner="Kim *K*")
    text = scoring_section.render_portfolio(portfolio_for(session), {a.id: "a-b-x.md"})
    assert "| [A\\|B \\[x\\]](a-b-x.md) | Candidate | 1 Strategy | - |  | Kim \\*K\\* |" in text
    assert "## Key-account scoring" not in text
    assert "0 key accounts of a limit of 10." in text
    crit = scoring.add_criterion(session, "Fit | match", 2)
    scoring.set_score(session, a.id, crit.id, 8)
    text = scoring_section.render_portfolio(portfolio_for(session))
    assert "| Rank | Account | Fit \\| match | Total | Qualifies |" in text
    assert "| 1 | A\\|B \\[x\\] | 8 | 8.0 | yes |" in text


def test_the_export_judges_each_account_by_its_owners_limit(session):
    crit = scoring.add_criterion(session, "Fit", 1)
    made = {}
    for name, owner, score in (("Dana A", "Dana *R*", 9), ("Dana B", "Dana *R*", 8), ("Per A", "Per", 7)):
        made[name] = accounts.create_account(session, name, owner=owner, tier="candidate")
        scoring.set_score(session, made[name].id, crit.id, score)
    accounts.set_tier(session, made["Dana A"].id, "emerging_key")
    scoring.set_key_account_limit(session, 1, owner="Dana *R*")
    # Dana B is second on her list of one; Per A first on his, under the shared 10
    text = scoring_section.render(plan_for(session, made["Dana B"]))
    assert "Rank **2 of 3**" in text
    assert "(the top 1 of Dana \\*R\\*'s accounts with a total of 6.0 or more) Dana B does not qualify" in text
    assert "Per A qualifies" in scoring_section.render(plan_for(session, made["Per A"]))
    index = scoring_section.render_portfolio(portfolio_for(session))
    assert "1 key accounts. Each owner's, against their limit:\n\n- Dana \\*R\\*: 1 of 1\n- Per: 0 of 10" in index
    assert "| 2 | Dana B | 8 | 8.0 |  |" in index and "| 3 | Per A | 7 | 7.0 | yes |" in index
