"""The people screen's "Standards" filter: coaches who meet the minimum operating standards,
whose checks expire soon, have lapsed or are missing something."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox

from sassot_desktop.clock import venue_today
from sassot_desktop.standards.standing_sql import standing_condition
from sassot_desktop.standards.status import Standing
from sassot_desktop.ui.people_list import ANY, PeopleListPage

# In the order the issue and the standards page name them.
CHOICES = (Standing.MEETS, Standing.EXPIRING, Standing.LAPSED, Standing.MISSING)


def add_standards_filter(people: PeopleListPage) -> QComboBox:
    """Add the filter to ``people``; each choice is worked out for the day the list reloads."""
    conditions: dict[str, object] = {ANY: None}
    for standing in CHOICES:
        conditions[f"Coaches: {standing.label.lower()}"] = partial(_today, standing)
    combo = people.add_filter("S&tandards:", conditions)
    combo.setToolTip("Coaches (by role or a check on file) by where they stand today")
    return combo


def _today(standing: Standing):
    return standing_condition(standing, venue_today())
