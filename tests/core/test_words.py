"""Words the app shows: a count takes its noun in the right number ("1 criterion", "7 people")."""

from kam_tui.text import counted


def test_a_count_takes_its_noun_in_the_right_number():
    assert counted(1, "criterion", "criteria") == "1 criterion"
    assert counted(4, "criterion", "criteria") == "4 criteria"
    assert counted(1, "person", "people") == "1 person"
    assert counted(0, "person", "people") == "0 people"
    assert counted(1200, "row") == "1,200 rows"
