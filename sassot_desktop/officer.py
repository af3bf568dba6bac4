"""Who the records name as the officer at this computer: the name given in File › Settings
(“Your name (shown to the team)”), else the computer's login name. Every “by” the program
writes (changed by, the audit log, certificates issued, merges, hours decided) comes from here
through the database's sessions, so a team on one server sees “Sam Jones”, not “sjones2”."""

from __future__ import annotations

import getpass
from functools import cache
from pathlib import Path

NAME_SETTING = "officer_name"


@cache
def login_name() -> str:
    """The person at the keyboard, as the operating system knows them."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some service environments
        return "unknown"


def chosen_name(data_dir: Path) -> str:
    """The name the officer gave in Settings for this data folder, or their login name."""
    from sassot_desktop.settings import Settings

    return str(Settings(data_dir).get(NAME_SETTING) or "").strip() or login_name()
