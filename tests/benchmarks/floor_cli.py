"""The floors the benchmark times kam's reading commands against: plain
Python that opens the file with sqlite3, reads the same rows and prints the
same bytes (bench.py checks that they are the same), with the least work
that does it on the benchmark's portfolio: the database adds up, ranks and
filters; Python formats. Nothing of kam_tui is imported.

    python floor_cli.py list-json DB
    python floor_cli.py list DB
    python floor_cli.py today-json DB
    python floor_cli.py export DB ACCOUNT_ID RENDERED_FILE
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

TIERS = {"existing_key": "Existing key", "emerging_key": "Emerging key", "candidate": "Candidate", "not_key": "Not key"}
STAGES = {
    "strategy": "Strategy",
    "research": "Research",
    "action_plan": "Action plan",
    "execution": "Execution",
    "review": "Review",
}
CADENCES = {"weekly": ("Weekly", 7), "monthly": ("Monthly", 31), "quarterly": ("Quarterly", 92)}
RHYTHM = {"high": 30, "medium": 60, "low": 90}


def dump(rows: list[dict]) -> str:
    """json.dumps(rows, ensure_ascii=False, indent=2), by the C encoder."""
    if not rows:
        return "[]"
    flat = json.dumps(rows, ensure_ascii=False, separators=(",\n    ", ": "))
    return "[\n  {\n    " + flat[2:-2].replace("},\n    {", "\n  },\n  {\n    ") + "\n  }\n]"


def limits(settings: dict[str, str]):
    """Each owner's key-account limit: a setting keyed by a digest of their
    name, else the shared one."""
    shared = int(settings.get("key_account_limit", 10))

    def of(owner: str) -> int:
        digest = hashlib.blake2b(owner.encode("utf-8"), digest_size=20).hexdigest()
        return int(settings.get("key_account_limit:" + digest, shared)) if owner else shared

    return of


def ranked(con: sqlite3.Connection) -> list[dict]:
    weights = con.execute("SELECT id, weight FROM criterion").fetchall()
    w = "CASE criterion_id " + " ".join(f"WHEN {i} THEN {float(x)}" for i, x in weights) + " END"
    settings = dict(con.execute("SELECT key, value FROM setting"))
    limit_of = limits(settings)
    owner_limit: dict[str, int] = {}
    places: dict[str, int] = {}
    threshold = float(settings.get("key_score_threshold", 6))
    rows = con.execute(
        "SELECT a.name, a.tier, a.stage, a.industry, a.country, a.annual_revenue, a.currency, a.employees,"
        " a.crm_id, a.owner, a.focus, t.total"
        f" FROM account a LEFT JOIN (SELECT account_id, SUM(score * {w}) / SUM({w}) AS total, COUNT(*) AS n"
        " FROM score GROUP BY account_id) t ON t.account_id = a.id"
        " ORDER BY t.total IS NULL, t.total DESC, t.n DESC, a.name_key"
    )
    # a stored country code is shown by its English name, from kam's own table of them
    table = Path(__file__).resolve().parents[2] / "kam_tui" / "countries.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    countries = dict(line.split("\t")[:2] for line in lines if line and not line.startswith("#"))
    out, n = [], 0
    keys = ("name", "tier", "stage", "industry", "country")
    rest = ("annual_revenue", "currency", "employees", "crm_id")
    for *fields, owner, focus, total in rows:
        row = dict(zip(keys, fields[:5]))
        row["country_name"] = countries.get(row["country"], row["country"]) if row["country"] else ""
        row.update(zip(rest, fields[5:]))
        row.update(owner=owner, focus=focus, score=None, rank=None, suggested_key=False)
        if total is not None:
            n += 1
            # suggested: among its owner's top (their limit) by score
            place = places[owner] = places.get(owner, 0) + 1
            if owner not in owner_limit:
                owner_limit[owner] = limit_of(owner)
            row.update(
                score=math.floor(total * 100 + 0.5) / 100,
                rank=n,
                suggested_key=place <= owner_limit[owner] and total >= threshold,
            )
        out.append(row)
    return out


def money(amount: str | None, currency: str | None) -> str:
    if not amount:
        return ""
    value = int(amount)
    for size, suffix in ((10**9, "bn"), (10**6, "m"), (10**3, "k")):
        if value >= size:
            text = f"{value / size:.1f}".removesuffix(".0") + suffix
            break
    else:
        text = f"{value:,}"
    return f"{currency} {text}" if currency else text


def table(con: sqlite3.Connection) -> str:
    rows = ranked(con)
    cols = [
        ["Name", *(r["name"] for r in rows)],
        ["Tier", *(TIERS[r["tier"]] for r in rows)],
        ["Stage", *(STAGES[r["stage"]] for r in rows)],
        [
            "Score",
            *("" if r["score"] is None else f"{r['score']:.1f}" + (" *" if r["suggested_key"] else "  ") for r in rows),
        ],
        ["Rank", *("" if r["rank"] is None else str(r["rank"]) for r in rows)],
        ["Revenue", *(money(r["annual_revenue"], r["currency"]) for r in rows)],
        ["Owner", *(r["owner"] for r in rows)],
    ]
    padded = []
    for i, col in enumerate(cols):
        width = max(map(len, col))
        if i == len(cols) - 1:
            padded.append(col)
        else:
            fill = str.rjust if col[0] in ("Score", "Rank", "Revenue") else str.ljust
            padded.append([fill(c, width) for c in col])
    limit_of = limits(dict(con.execute("SELECT key, value FROM setting")))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["owner"]] = counts.get(r["owner"], 0) + (r["tier"] in ("existing_key", "emerging_key"))
    owners = sorted(counts, key=lambda o: (o == "", o.casefold()))
    suggested = any(r["suggested_key"] for r in rows)
    if len(owners) < 2:
        keys, limit = (counts[owners[0]], limit_of(owners[0])) if owners else (0, 0)
        note = f"{len(rows):,} accounts, {keys} key (limit {limit})"
        if suggested:
            note += "; * qualifies as key by score"
        if keys > limit:
            note += "; over the limit: keep the key list short"
        lines = [note]
    else:
        mark = "; * qualifies as key by score (among its owner's top)" if suggested else ""
        lines = [f"{len(rows):,} accounts, {sum(counts.values())} key, {len(owners)} owners{mark}"]
        named = [o for o in owners if counts[o]]
        for o in named[:20]:
            line = f"  {o or '(no owner)'}: {counts[o]} key (limit {limit_of(o)})"
            if counts[o] > limit_of(o):
                line += "; over the limit: keep the key list short"
            lines.append(line)
        if len(named) > 20:
            more = len(named) - 20
            lines.append(f"  and {more:,} more owner{'s' if more != 1 else ''} with key accounts")
        if len(owners) > len(named):
            rest = len(owners) - len(named)
            lines.append(f"  {rest:,} other owner{'s' if rest != 1 else ''} with no key account")
    return "\n".join([*map("  ".join, zip(*padded)), *lines]) + "\n"


def today(con: sqlite3.Connection) -> list[dict]:
    """What Today lists on the benchmark's portfolio: actions, contacts, reviews."""
    now = date.today()
    soon = (now + timedelta(days=7)).isoformat()
    names = {i: (n, o) for i, n, o in con.execute("SELECT id, name, owner FROM account")}
    items = []

    def item(kind, section, account_id, text, due, late, owner, item_id, which):
        items.append(
            (
                kind,
                {
                    "kind": kind,
                    "account": names[account_id][0],
                    "account_id": account_id,
                    "text": text,
                    "due": due,
                    "days_overdue": late,
                    "owner": owner,
                    "section": section,
                    "item_id": item_id,
                    "uid": f"{which}-{account_id}-{item_id if item_id is not None else 'account'}",
                },
            )
        )

    for i, account, text, own, goal_owner, due in con.execute(
        "SELECT a.id, g.account_id, a.text, a.owner, g.owner, a.due_date FROM action a JOIN goal g ON g.id = a.goal_id"
        " WHERE a.due_date IS NOT NULL AND a.due_date <= ? AND a.status IN ('todo', 'doing')",
        (soon,),
    ):
        late = (now - date.fromisoformat(due)).days
        item(
            "action_overdue" if late > 0 else "action_due",
            "goals",
            account,
            text,
            due,
            late,
            own or goal_owner,
            i,
            "action",
        )
    for i, account, name, title, influence, strength, last in con.execute(
        "SELECT s.id, s.account_id, s.name, s.title, s.influence, s.contact_strength, MAX(l.happened_on)"
        " FROM stakeholder s LEFT JOIN interaction l ON l.stakeholder_id = s.id GROUP BY s.id"
    ):
        what = name + (f" ({title})" if title else "")
        if last is None:
            if influence == "high" and strength in ("none", "occasional"):
                item(
                    "contact_due",
                    "stakeholders",
                    account,
                    what + ": no contact on record",
                    None,
                    0,
                    names[account][1],
                    i,
                    "contact",
                )
            continue
        due = date.fromisoformat(last) + timedelta(days=RHYTHM[influence])
        if due <= now:
            since = (now - date.fromisoformat(last)).days
            text = f"{what}: last contact {since} days ago"
            item(
                "contact_due",
                "stakeholders",
                account,
                text,
                due.isoformat(),
                (now - due).days,
                names[account][1],
                i,
                "contact",
            )
    for i, owner, cadence, last in con.execute("SELECT id, owner, review_cadence, last_review FROM account"):
        label, days = CADENCES[cadence]
        due = date.fromisoformat(last) + timedelta(days=days)
        if due.isoformat() <= soon:
            item(
                "review_due",
                "reviews",
                i,
                f"{label} review (last {last})",
                due.isoformat(),
                (now - due).days,
                owner,
                None,
                "review",
            )
    order = {"action_overdue": 0, "action_due": 1, "contact_due": 2, "review_due": 5}
    items.sort(key=lambda k: (order[k[0]], k[1]["due"] or "", k[1]["account"].casefold(), k[1]["text"]))
    return [row for _, row in items]


def export(con: sqlite3.Connection, account_id: int, rendered: str) -> bytes:
    """Read one plan's rows and every account's score sums, then print the document."""
    one = {"account_id": account_id}
    for table in ("account",):
        con.execute(f"SELECT * FROM {table} WHERE id = :account_id", one).fetchall()
    for table in (
        "tier_change", "team_member", "stakeholder", "profile_text", "swot_run", "third_party", "opportunity",
        "whitespace_unit", "whitespace_offering", "goal", "question_answer", "kpi", "review", "meeting", "contract",
        "score",
    ):  # fmt: skip
        con.execute(f"SELECT * FROM {table} WHERE account_id = :account_id", one).fetchall()
    for table, key, parent in (
        ("swot_item", "run_id", "swot_run"),
        ("action", "goal_id", "goal"),
        ("kpi_value", "kpi_id", "kpi"),
        ("stakeholder_cover", "stakeholder_id", "stakeholder"),
        ("interaction", "stakeholder_id", "stakeholder"),
        ("relationship_change", "stakeholder_id", "stakeholder"),
    ):
        con.execute(
            f"SELECT * FROM {table} WHERE {key} IN (SELECT id FROM {parent} WHERE account_id = :account_id)", one
        ).fetchall()
    con.execute("SELECT * FROM criterion").fetchall()
    con.execute("SELECT * FROM setting").fetchall()
    con.execute("SELECT account_id, SUM(score), COUNT(*) FROM score GROUP BY account_id").fetchall()
    with open(rendered, "rb") as fh:
        return fh.read()


def main() -> None:
    what, db = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    if what == "list-json":
        print(dump(ranked(con)))
    elif what == "list":
        sys.stdout.write(table(con))
    elif what == "today-json":
        print(dump(today(con)))
    elif what == "export":
        sys.stdout.buffer.write(export(con, int(sys.argv[3]), sys.argv[4]))
    else:
        raise SystemExit(f"unknown floor {what}")


if __name__ == "__main__":
    main()
