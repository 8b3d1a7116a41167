from kam_tui.settings import Settings, load_settings, save_settings


def test_theme_is_remembered(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    assert load_settings(path).theme == "textual-dark"
    assert save_settings(Settings(theme="nord"), path) is None
    assert load_settings(path).theme == "nord"


def test_a_damaged_settings_file_gives_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    path.write_text('{"theme": 5, "unknown": "x"}')
    assert load_settings(path) == Settings()


def test_import_maps_are_remembered_and_a_damaged_one_is_dropped(tmp_path):
    path = tmp_path / "settings.json"
    maps = {"kundenname|umsatz": {"Kundenname": "name", "Umsatz": "annual_revenue"}}
    assert save_settings(Settings(theme="nord", import_maps=maps), path) is None
    assert load_settings(path) == Settings(theme="nord", import_maps=maps)
    path.write_text('{"theme": "nord", "import_maps": {"a": 5, "b": {"X": "name", "Y": 3}}}')
    assert load_settings(path) == Settings(theme="nord", import_maps={"b": {"X": "name"}})


def test_the_recorded_user_is_the_chosen_name_else_the_login_name(tmp_path):
    import getpass

    from kam_tui.settings import current_user

    path = tmp_path / "settings.json"
    assert save_settings(Settings(user="  Dana Reyes "), path) is None
    assert current_user(load_settings(path)) == "Dana Reyes"
    assert current_user(Settings(user="   ")) == getpass.getuser()


def test_a_users_name_is_saved_as_one_clean_line_or_refused(tmp_path):
    import getpass

    import pytest

    from kam_tui.errors import ValidationError
    from kam_tui.settings import save_user_name

    path = tmp_path / "settings.json"
    assert save_user_name("  Dana   Reyes ", path) == "Dana Reyes"
    assert load_settings(path).user == "Dana Reyes"
    for bad, why in (("Dana\x1b[31m", "control character"), ("D" * 101, "at most 100")):
        with pytest.raises(ValidationError, match=why):
            save_user_name(bad, path)
    assert load_settings(path).user == "Dana Reyes"  # a refused name changes nothing
    assert save_user_name("   ", path) == getpass.getuser()  # blank: the login name again
    assert load_settings(path).user == ""
