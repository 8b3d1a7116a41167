"""`kam export` as a user runs it: one plan to stdout or a file, or every plan into a folder."""

from kam_tui.db import new_session, open_database
from kam_tui.services import accounts, demo


def _seeded(path):
    engine = open_database(path)
    with new_session(engine) as s:
        demo.seed_demo(s)
    engine.dispose()


def test_export_one_account_to_stdout(kam, db_path):
    _seeded(db_path)
    out = kam("export", "NORDVIK bank", db=db_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("# Nordvik Bank\n")
    for part in (
        "| Tier | Existing key |",
        "| Annual revenue | SEK 48,200,000,000 |",
        "| Employees | 9,400 |",
        "## Strategy",
        "Our largest customer for six years",
        "## Tier history",
        "| Candidate | Existing key | Platform agreement signed",
        "## Notes",
        "## Key-account score",
        "| Revenue potential | 3 | 9 | 27 |",
        "Rank **1 of 3**",
    ):
        assert part in text, part
    assert text.index("## Strategy") < text.index("## Key-account score")


def test_unknown_account_exits_1_and_suggests(kam, db_path):
    _seeded(db_path)
    out = kam("export", "Nordvk Bnk", db=db_path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip() == "kam: no account called 'Nordvk Bnk'; did you mean: Nordvik Bank?"
    out = kam("export", "nothing like it", db=db_path)
    assert out.returncode == 1 and "no account called 'nothing like it'" in out.stderr


def test_export_to_a_file_in_a_missing_folder(kam, db_path, tmp_path):
    _seeded(db_path)
    target = tmp_path / "out" / "deep" / "kessler.md"
    out = kam("export", "Kessler Antriebstechnik", "-o", str(target), db=db_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert target.read_text(encoding="utf-8") == kam("export", "kessler antriebstechnik", db=db_path).stdout
    assert "| Tier | Emerging key |" in target.read_text(encoding="utf-8")


def test_export_refused_write_is_one_line_and_exit_1(kam, db_path, tmp_path):
    _seeded(db_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = kam("export", demo.BANK, "-o", str(blocker / "plan.md"), db=db_path)
    assert out.returncode == 1
    assert out.stderr.startswith("kam: cannot write") and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_export_all_writes_one_file_per_account_and_an_index(kam, db_path, tmp_path):
    _seeded(db_path)
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Acme / Nord")
        # the same file name as the one above: the later account adds its own number
        second = accounts.create_account(s, "ACME: nord").id
        index_id = accounts.create_account(s, "Index").id  # must not overwrite index.md
    engine.dispose()
    folder = tmp_path / "plans"
    out = kam("export", "--all", "-o", str(folder), db=db_path)
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(
        [
            "nordvik-bank.md",
            "kessler-antriebstechnik.md",
            "brightmart-stores.md",
            "acme-nord.md",
            f"acme-nord-{second}.md",
            f"index-{index_id}.md",
            "index.md",
        ]
    )
    index = (folder / "index.md").read_text(encoding="utf-8")
    for name in files:
        if name != "index.md":
            assert f"]({name})" in index
    assert "| [Nordvik Bank](nordvik-bank.md) | Existing key | 4 Execution | 8.1 | 1 | Maria Lindqvist |" in index
    # the scoring matrix: best first, the retailer qualifies although it is not key yet
    matrix = index[index.index("## Key-account scoring") :]
    assert "| 1 | [Nordvik Bank](nordvik-bank.md) | 9 | 6 | 8 | 9 | 8.1 | yes |" in matrix
    assert "| 3 | [Brightmart Stores](brightmart-stores.md) | 6 | 8 | 4 | 7 | 6.2 | yes |" in matrix
    assert "|  | [Acme / Nord](acme-nord.md) |  |  |  |  | - |  |" in matrix  # not scored: no rank, no total
    assert (folder / "acme-nord.md").read_text().startswith("# Acme / Nord\n")
    assert (folder / f"acme-nord-{second}.md").read_text().startswith("# ACME: nord\n")
    assert (folder / "brightmart-stores.md").read_text() == kam("export", demo.RETAIL, db=db_path).stdout


def test_adding_an_account_never_renames_another_accounts_file(kam, db_path, tmp_path):
    _seeded(db_path)
    engine = open_database(db_path)
    with new_session(engine) as s:
        accounts.create_account(s, "Østlandet Kraft")
        accounts.create_account(s, "東京商事")
    engine.dispose()
    assert kam("export", "--all", "-o", str(tmp_path / "before"), db=db_path).returncode == 0
    engine = open_database(db_path)
    with new_session(engine) as s:
        # sorts before both, and cleans to the same name as the first
        accounts.create_account(s, "Ostlandet Kraft!")
        accounts.create_account(s, "Aaa")
    engine.dispose()
    assert kam("export", "--all", "-o", str(tmp_path / "after"), db=db_path).returncode == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "before").iterdir() if p.name != "index.md"}
    after = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "after").iterdir() if p.name != "index.md"}
    assert "ostlandet-kraft.md" in before and "東京商事.md" in before
    for name, text in before.items():
        assert after[name] == text, f"{name} now holds another plan"
    assert len(after) == len(before) + 2


def test_export_usage_errors_exit_2(kam, db_path):
    _seeded(db_path)
    assert kam("export", "--all", db=db_path).returncode == 2
    assert kam("export", db=db_path).returncode == 2
    both = kam("export", demo.BANK, "--all", "-o", "x", db=db_path)
    assert both.returncode == 2 and "not both" in both.stderr


def test_export_does_not_create_a_missing_database(kam, tmp_path):
    missing = tmp_path / "nope.db"
    out = kam("export", "x", db=missing)
    assert out.returncode == 1 and "does not exist" in out.stderr
    assert not missing.exists()


# Every part of the model that holds data in the demo's main account, by its heading.
SECTION_HEADINGS = [
    "## Strategy",  # account facts, why key, what we want
    "## Key-account score",  # selection criteria and scores
    "## Stakeholders",
    "### Influence x attitude",
    "## Account team",
    "## The customer's business",
    "## SWOT",
    "### Changes since",
    "## Our history with them",
    "### Competitors",
    "### Partners",
    "## Opportunities",
    "## Whitespace",
    "## Growth-plan questions",
    "## Goals and actions",
    "## Stage checklist",
    "## KPIs and reviews",
    "### KPIs",
    "### Review log",
    "### Meeting structure",
]


def test_export_of_the_demo_has_a_heading_for_every_section_in_screen_order(kam, kam_demo_db):
    out = kam("--db", str(kam_demo_db), "export", demo.BANK)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith(f"# {demo.BANK}\n")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    positions = []
    for wanted in SECTION_HEADINGS:
        found = [i for i, h in enumerate(headings) if h.startswith(wanted)]
        assert found, f"{wanted!r} missing from the export"
        positions.append(found[0])
    assert positions == sorted(positions), "sections out of order"
    for lone in ("| Tier |", "| Annual revenue |"):  # the account facts table
        assert lone in text


def test_export_of_an_unknown_name_exits_1_with_suggestions(kam, kam_demo_db):
    out = kam("--db", str(kam_demo_db), "export", "Nordvik Bnk")
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Nordvik Bank" in out.stderr and "did you mean" in out.stderr


def _account_with_every_part(path) -> None:
    """An account whose every part of the plan holds a word of its own, so the
    customer's version can be searched for what must stay ours."""
    from kam_tui.services import business, goals, parties, questions, reviews, stakeholders, swot, team, whitespace

    engine = open_database(path)
    with new_session(engine) as s:
        a = accounts.create_account(
            s,
            "Vega Logistik",
            industry="Logistics",
            owner="Maria Lindqvist",
            why_key="OURREASON their growth",
            what_we_want="OURWANT the whole fleet",
            notes="OURNOTE renewal risk",
            tier="emerging_key",
        )
        aid = a.id
        sponsor = team.create_member(s, aid, "Helena Strand", title="COO", roles=["technical_expert"])
        team.set_executive_sponsor(s, sponsor.id)
        stakeholders.create_stakeholder(
            s, aid, "Petra Olsen", influence="high", attitude="blocker", covered_by_id=sponsor.id, notes="OURPERSON"
        )
        business.set_section(s, aid, "Strategy and goals", "OURPROFILE")
        run = swot.ensure_run(s, aid)
        swot.add_item(s, run.id, "weaknesses", "OURSWOT slow decisions")
        parties.add_party(s, aid, "competitor", "Rivalcorp", notes="OURRIVAL")
        unit = whitespace.add_unit(s, aid, "OURUNIT Nordics")
        offering = whitespace.add_offering(s, aid, "OUROFFER Telematics")
        whitespace.set_status(s, unit.id, offering.id, "open")
        questions.answer(s, aid, questions.list_questions(s, aid)[0].key, "OURANSWER")
        goal = goals.add_goal(s, aid, "short", "Pilot the route planner in Malmö", owner="Maria Lindqvist")
        goals.add_action(s, goal.id, "Agree the pilot scope with Petra Olsen", owner="Jonas Berg")
        dropped = goals.add_action(s, goal.id, "OURDROPPED idea")
        goals.toggle_dropped(s, dropped.id)
        kpi = reviews.add_kpi(s, aid, "On-time deliveries", unit="%")
        reviews.set_kpi_value(s, kpi.id, "2026-Q3", target="95", actual="93.5")
        reviews.add_meeting(s, aid, "strategic", "quarterly", attendees="Petra Olsen, Helena Strand", agenda="Roadmap")
        reviews.add_meeting(s, aid, "internal", "weekly", attendees="OURTEAMMEETING")
        reviews.add_review(s, aid, "2026-10-01", notes="OURREVIEW")
        accounts.set_tier(s, aid, "not_key", reason="OURTIERREASON")
    engine.dispose()


def test_the_plan_for_the_customer_holds_the_joint_plan_and_nothing_of_ours(kam, db_path, tmp_path):
    _account_with_every_part(db_path)
    out = kam("export", "vega logistik", "--for-customer", "-o", str(tmp_path / "vega.md"), db=db_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "vega.md").read_text(encoding="utf-8")
    assert text.startswith("# Vega Logistik: our joint account plan\n")
    for shared in (
        "## The account",
        "- **Account manager:** Maria Lindqvist",
        "- **Executive sponsor:** Helena Strand, COO",
        "## Goals and actions",
        "#### Pilot the route planner in Malmö",
        "| Agree the pilot scope with Petra Olsen | Jonas Berg |",
        "## How we meet",
        "| Strategic | Quarterly | Petra Olsen, Helena Strand | Roadmap |",
        "## KPIs we measure together",
        "#### On-time deliveries",
        "| 2026-Q3 | 95 | 93\\.5 | missed |",
    ):
        assert shared in text, shared
    ours = [w for w in text.split() if w.startswith("OUR")]
    assert ours == [], f"our own notes reached the customer's plan: {ours}"
    lowered = text.casefold()
    for word in (
        "attitude",
        "influence",
        "blocker",
        "covered",
        "coverage",
        "swot",
        "weakness",
        "competitor",
        "rivalcorp",
        "whitespace",
        "notes",
        "tier",
        "score",
        "role",
        "growth-plan",
        "review log",
        "internal",
        "opportunit",
    ):
        assert word not in lowered, f"{word!r} is ours alone"


def test_the_plan_for_the_customer_names_one_account(kam, db_path):
    _seeded(db_path)
    out = kam("export", "--all", "-o", "plans", "--for-customer", db=db_path)
    assert out.returncode == 2 and "name the account" in out.stderr
