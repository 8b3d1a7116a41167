"""The names an owner or assignee is picked from: the account's team first, then everyone named anywhere."""

from kam_tui.services import accounts, goals, questions, team
from kam_tui.services.people import known_people


def test_the_accounts_team_comes_first_then_everyone_named_once(session):
    acme = accounts.create_account(session, "Acme", owner="Maria Lindqvist").id
    other = accounts.create_account(session, "Other", owner="maria lindqvist").id  # the same person, typed again
    team.create_member(session, acme, "Jonas Berg")
    team.create_member(session, acme, "Aisha Karimi")
    team.create_member(session, other, "Per Holm")
    goal = goals.add_goal(session, other, "short", "Renew", owner="Helena Strand")
    goals.add_action(session, goal.id, "Call", owner="Ömer Çelik")
    questions.assign(session, other, questions.list_questions(session, other)[0].key, "Omer Celik")
    assert known_people(session, acme) == [
        "Aisha Karimi",
        "Jonas Berg",
        "Helena Strand",
        "Maria Lindqvist",  # typed once so and once in lower case: the capitals are kept
        "Ömer Çelik",  # typed with its accents and without: the accents are kept
        "Per Holm",
    ]
    assert known_people(session)[0] == "Aisha Karimi"
    assert known_people(session, other)[:1] == ["Per Holm"]
