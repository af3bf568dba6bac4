"""Settings survive a restart, and a damaged settings file does not stop the program."""

from sassot_desktop.settings import Settings


def test_a_setting_is_there_after_a_restart(tmp_path):
    Settings(tmp_path).set("sync_target", r"\\fileserver\Workforce\Zoë")

    assert Settings(tmp_path).get("sync_target") == r"\\fileserver\Workforce\Zoë"


def test_a_damaged_settings_file_gives_the_defaults(tmp_path):
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")

    settings = Settings(tmp_path)

    assert settings.get("sync_target", "none") == "none"
    settings.set("sync_target", "S:/Workforce")
    assert Settings(tmp_path).get("sync_target") == "S:/Workforce"


def test_saving_one_setting_keeps_what_another_screen_saved_meanwhile(tmp_path):
    wizard, settings_dialog = Settings(tmp_path), Settings(tmp_path)
    settings_dialog.set("sync_target", "S:/Workforce")

    wizard.set("import_mappings", {"abc": {"0": "first_name"}})

    again = Settings(tmp_path)
    assert again.get("sync_target") == "S:/Workforce"
    assert again.get("import_mappings") == {"abc": {"0": "first_name"}}
