"""The account's key-account score: per criterion, weighted, and its rank."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kam_tui.export import snapshot
from kam_tui.export.markdown import cell, heading, inline
from kam_tui.rules import scoring
from kam_tui.text import counted

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan, Portfolio


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Like markdown.table, but only the first column is user text: the numbers
    are ours and go in as they are (cell() would escape '8.5' as a list marker)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for first, *numbers in rows:
        lines.append("| " + " | ".join([cell(first), *numbers]) + " |")
    return "\n".join(lines)


def render(plan: Plan) -> str | None:
    account, pf = plan.account, snapshot.ranking(plan.portfolio)
    criteria, scores = pf.criteria, pf.scores
    if not criteria:
        return None
    mine = pf.ranked_by_id[account.id]
    total = mine.total
    title = heading(2, "Key-account score")
    if total.weighted is None:
        return title + "\n\n_Not scored yet on any of the " + f"{counted(len(criteria), 'criterion', 'criteria')}._"

    rows = []
    for crit in criteria:
        value = scores.get((account.id, crit.id))
        rows.append(
            (
                crit.name,
                scoring.format_weight(crit.weight),
                "not scored" if value is None else str(value),
                "" if value is None else scoring.format_weight(crit.weight * value),
            )
        )
    # table cells are escaped, so the total row cannot be bold; it says what it is
    rows.append(
        (
            "Weighted total",
            scoring.format_weight(sum(c.weight for c in criteria)),
            f"{scoring.format_total(total.weighted)} of 10",
            scoring.format_weight(total.weighted_sum),
        )
    )
    lines = [title, "", _table(("Criterion", "Weight", "Score (1-10)", "Weight x score"), rows), ""]
    lines.append(f"Rank **{mine.rank} of {pf.scored_count}** scored accounts.")
    if not total.complete:
        lines.append(
            f"Scored on {total.scored} of {counted(total.of, 'criterion', 'criteria')}; the total uses those only."
        )
    if mine.suggested:
        verdict = "qualifies as a key account"
    else:
        verdict = "does not qualify as a key account"
    limit = pf.limits.of(account.owner)
    among = f"the top {limit} of {inline(account.owner)}'s accounts" if account.owner else f"the top {limit}"
    lines.append(
        f"By the current rule ({among} with a total of {scoring.format_total(pf.threshold)} or more) "
        f"{inline(account.name)} {verdict}; its tier is {inline(account.tier.label)}."
    )
    return "\n".join(lines)


def render_portfolio(portfolio: Portfolio, links: dict[int, str] | None = None) -> str:
    """The whole portfolio for `kam export --all`'s index: every account with its
    tier, stage and score, then the scoring matrix itself. `links` maps an
    account id to its exported file, so names link to the plans."""
    links = links or {}
    pf = snapshot.ranking(portfolio)
    criteria, scores, ranked = pf.criteria, pf.scores, pf.ranked
    threshold = scoring.format_total(pf.threshold)

    def name_cell(r: scoring.Ranked) -> str:
        name = inline(r.account.name)
        target = links.get(r.account.id)
        return f"[{name}]({target})" if target else name

    out = [heading(2, "Accounts"), ""]
    if not ranked:
        return "\n".join(out + ["_No accounts yet._"])
    out.append("| Account | Tier | Stage | Score | Rank | Owner |")
    out.append("|---|---|---|---|---|---|")
    for r in sorted(ranked, key=lambda r: (not r.account.tier.is_key, r.account.name_key)):
        a = r.account
        out.append(
            " | ".join(
                [
                    "| " + name_cell(r),
                    a.tier.label,
                    f"{a.stage.number} {a.stage.label}",
                    scoring.format_total(r.total.weighted),
                    "" if r.rank is None else str(r.rank),
                    cell(a.owner),
                ]
            )
            + " |"
        )
    key_count = pf.key_count
    owners = sorted({r.account.owner for r in ranked}, key=lambda o: (o == "", o.casefold()))
    if len(owners) < 2:
        out += ["", f"{key_count} key accounts of a limit of {pf.limits.of(owners[0])}."]
    else:
        # each owner keeps a key list of their own, against their own limit
        keys = {o: sum(1 for r in ranked if r.account.owner == o and r.account.tier.is_key) for o in owners}
        out += ["", f"{key_count} key accounts. Each owner's, against their limit:", ""]
        out += [f"- {inline(o) if o else 'No owner'}: {keys[o]} of {pf.limits.of(o)}" for o in owners]
    if not criteria:
        return "\n".join(out)

    out += ["", heading(2, "Key-account scoring"), ""]
    out.append(
        "Weights: "
        + "; ".join(f"{inline(c.name)} {scoring.format_weight(c.weight)}" for c in criteria)
        + (
            f". An account qualifies as key in the top {pf.limits.of(owners[0])} with a total of {threshold} or more."
            if len(owners) < 2
            else f". An account qualifies as key in its owner's top (their limit) with a total of {threshold} or more."
        )
    )
    out.append("")
    headers = ["Rank", "Account", *(cell(c.name) for c in criteria), "Total", "Qualifies"]
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _ in headers) + "|")
    for r in ranked:
        values = [str(scores[(r.account.id, c.id)]) if (r.account.id, c.id) in scores else "" for c in criteria]
        out.append(
            "| "
            + " | ".join(
                [
                    "" if r.rank is None else str(r.rank),
                    name_cell(r),
                    *values,
                    scoring.format_total(r.total.weighted),
                    "yes" if r.suggested else "",
                ]
            )
            + " |"
        )
    out += ["", "_If key accounts do not return what was expected, the criteria are wrong: re-check them._"]
    return "\n".join(out)
