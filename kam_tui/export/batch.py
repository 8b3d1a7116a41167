"""Rendering every plan for `kam export --all`, on every core.

Rendering is pure Python over the read model, so one process renders on one
core: a thousand plans take about a second. With more plans than
MIN_PARALLEL and more than one core, forked workers render chunks of plans
(inheriting the read model, nothing is sent to them but chunk bounds) while
the caller writes the files that are done, in order. Without fork (Windows),
or for a few plans, it renders in this process. Either way the text comes
from the same plan_markdown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from kam_tui.export.plan import plan_markdown
from kam_tui.export.snapshot import Plan

MIN_PARALLEL = 200  # below this, starting workers costs more than it saves
CHUNK = 25  # plans per task: small enough to keep both cores busy to the end
MAX_WORKERS = 4

_job: tuple[dict[int, Plan], list[int]] | None = None  # what forked workers inherit


def _render_chunk(bounds: tuple[int, int]) -> list[str]:
    assert _job is not None, "a worker runs only inside render_plans"
    plans, ids = _job
    start, stop = bounds
    return [plan_markdown(plans[i]) for i in ids[start:stop]]


def render_plans(plans: dict[int, Plan], ids: list[int], workers: int | None = None) -> Iterator[str]:
    """Each plan's Markdown, in the order of `ids` (keys of `plans`). The
    plans' shared portfolio figures should be computed before (render the
    index first) so that workers inherit them rather than each compute them."""
    global _job
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or len(ids) < MIN_PARALLEL or not hasattr(os, "fork"):
        for i in ids:
            yield plan_markdown(plans[i])
        return
    import multiprocessing

    _job = (plans, ids)
    bounds = [(start, min(start + CHUNK, len(ids))) for start in range(0, len(ids), CHUNK)]
    try:
        # leaving the with (done, or the caller stopped: a refused write)
        # terminates the workers
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for texts in pool.imap(_render_chunk, bounds):
                yield from texts
    finally:
        _job = None
