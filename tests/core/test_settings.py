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
