from sassot_desktop.cli import entry

entry()
