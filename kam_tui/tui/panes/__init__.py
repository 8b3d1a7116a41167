"""The account workspace's sections, in tab order; digit keys 1..9, 0 pick them.
Each entry is "module:Class" under kam_tui.tui.panes, imported when the
workspace opens."""

PANES: list[str] = [
    "stakeholders:StakeholdersPane",
    "team:TeamPane",
    "business:BusinessPane",
    "swot:SwotPane",
    "history:HistoryPane",
    "opportunities:OpportunitiesPane",
    "whitespace:WhitespacePane",
    "questions:QuestionsPane",
    "goals:GoalsPane",
    "reviews:ReviewsPane",
]
