"""The account's key-account score: per criterion, weighted, and its rank."""

from __future__ import annotations

from sqlmodel import Session

from kam_tui.export.markdown import cell, heading, inline
from kam_tui.models import Account
from kam_tui.services import scoring


def _table(headers, rows) -> str:
    """Like markdown.table, but only the first column is user text: the numbers
    are ours and go in as they are (cell() would escape '8.5' as a list marker)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for first, *numbers in rows:
        lines.append("| " + " | ".join([cell(first), *numbers]) + " |")
    return "\n".join(lines)


BATCH_KEY = "kam_export_batch"


def start_batch(session: Session) -> None:
    """Exporting many plans from one session: the portfolio-wide figures every
    plan shows (criteria, ranking, threshold, limit) are read once, not once per
    account (which made `kam export --all` quadratic). Only for a session that
    writes nothing while the batch runs; end_batch drops the figures."""
    session.info[BATCH_KEY] = {}


def end_batch(session: Session) -> None:
    session.info.pop(BATCH_KEY, None)


def _portfolio_figures(session: Session):
    batch = session.info.get(BATCH_KEY)
    if batch is not None and "figures" in batch:
        return batch["figures"]
    criteria = scoring.list_criteria(session)
    if not criteria:
        figures = (criteria, None, None, None, None, None, None)
    else:
        scores = scoring.score_map(session)
        ranked = scoring.ranking(session)
        by_id = {r.account.id: r for r in ranked}
        scored_count = sum(1 for r in ranked if r.rank is not None)
        threshold = scoring.format_total(scoring.score_threshold(session))
        limit = scoring.key_account_limit(session)
        figures = (criteria, scores, ranked, by_id, scored_count, threshold, limit)
    if batch is not None:
        batch["figures"] = figures
    return figures


def render(session: Session, account: Account) -> str | None:
    criteria, scores, ranked, by_id, scored_count, threshold, limit = _portfolio_figures(session)
    if not criteria:
        return None
    mine = by_id[account.id]
    total = mine.total
    title = heading(2, "Key-account score")
    if total.weighted is None:
        return title + "\n\n_Not scored yet on any of the " + f"{len(criteria)} criteria._"

    rows = []
    for crit in criteria:
        value = scores.get((account.id, crit.id))
        rows.append((
            crit.name,
            scoring.format_weight(crit.weight),
            "not scored" if value is None else str(value),
            "" if value is None else scoring.format_weight(crit.weight * value),
        ))
    # table cells are escaped, so the total row cannot be bold; it says what it is
    rows.append(("Weighted total", scoring.format_weight(sum(c.weight for c in criteria)),
                 f"{scoring.format_total(total.weighted)} of 10", scoring.format_weight(total.weighted_sum)))
    lines = [title, "", _table(("Criterion", "Weight", "Score (1-10)", "Weight x score"), rows), ""]
    lines.append(f"Rank **{mine.rank} of {scored_count}** scored accounts.")
    if not total.complete:
        lines.append(f"Scored on {total.scored} of {total.of} criteria; the total uses those only.")
    if mine.suggested:
        verdict = "qualifies as a key account"
    else:
        verdict = "does not qualify as a key account"
    lines.append(
        f"By the current rule (the top {limit} with a total of {threshold} or more) "
        f"{inline(account.name)} {verdict}; its tier is {inline(account.tier.label)}."
    )
    return "\n".join(lines)


def render_portfolio(session: Session, links: dict[int, str] | None = None) -> str:
    """The whole portfolio for `kam export --all`'s index: every account with its
    tier, stage and score, then the scoring matrix itself. `links` maps an
    account id to its exported file, so names link to the plans."""
    links = links or {}
    criteria = scoring.list_criteria(session)
    scores = scoring.score_map(session)
    ranked = scoring.ranking(session, scores)
    limit = scoring.key_account_limit(session)
    threshold = scoring.format_total(scoring.score_threshold(session))

    def name_cell(r) -> str:
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
        out.append(" | ".join([
            "| " + name_cell(r), a.tier.label, f"{a.stage.number} {a.stage.label}",
            scoring.format_total(r.total.weighted), "" if r.rank is None else str(r.rank), cell(a.owner),
        ]) + " |")
    key_count = scoring.key_account_count(session)
    out += ["", f"{key_count} key accounts of a limit of {limit}."]
    if not criteria:
        return "\n".join(out)

    out += ["", heading(2, "Key-account scoring"), ""]
    out.append("Weights: " + "; ".join(f"{inline(c.name)} {scoring.format_weight(c.weight)}" for c in criteria)
               + f". An account qualifies as key in the top {limit} with a total of {threshold} or more.")
    out.append("")
    headers = ["Rank", "Account", *(cell(c.name) for c in criteria), "Total", "Qualifies"]
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _ in headers) + "|")
    for r in ranked:
        values = [str(scores[(r.account.id, c.id)]) if (r.account.id, c.id) in scores else "" for c in criteria]
        out.append("| " + " | ".join([
            "" if r.rank is None else str(r.rank), name_cell(r), *values,
            scoring.format_total(r.total.weighted), "yes" if r.suggested else "",
        ]) + " |")
    out += ["", "_If key accounts do not return what was expected, the criteria are wrong: re-check them._"]
    return "\n".join(out)
