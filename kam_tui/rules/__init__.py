"""The plan's computed rules over plain objects: checklist stages, scoring
totals and ranking, coverage, SWOT comparison, KPI and review due dates, and
the order each list is shown in.

No ORM and no database here. The services read rows through a Session and call
these; the Markdown export calls the same functions on the store's typed rows
(kam_tui/store/plans.py), which carry the models' attribute names.
One copy of each rule, whichever way the rows were read."""
