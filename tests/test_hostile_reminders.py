"""Property tests of the standards reminders: any name a coach may have been entered with
gives a draft Outlook opens, addressed to them, in a file of its own."""

from __future__ import annotations

import email
from datetime import date
from email.policy import default

from hypothesis import given
from hypothesis import strategies as st

from hostile import hostile_text
from sassot_desktop.exchange.email_drafts import eml_bytes
from sassot_desktop.files import safe_file_name
from sassot_desktop.standards.due import CoachStanding
from sassot_desktop.standards.kinds import Kind
from sassot_desktop.standards.reminders import draft_file_name, reminder_draft
from sassot_desktop.standards.status import Assessment, Need, Standing

NEEDS = Assessment(
    Standing.LAPSED,
    (Need(Kind.DBS, Standing.LAPSED, date(2026, 3, 12)), Need(Kind.FIRST_AID, Standing.MISSING)),
)


@given(
    first=hostile_text(min_size=1, very_long=False),
    last=hostile_text(min_size=1, very_long=False),
    ids=st.lists(st.integers(1, 10**9), min_size=2, max_size=2, unique=True),
)
def test_any_name_gives_a_draft_in_a_file_of_its_own(first, last, ids):
    coaches = [
        CoachStanding(person_id, first, last, "coach@example.org", None, NEEDS) for person_id in ids
    ]
    names = [draft_file_name(coach) for coach in coaches]
    assert len(set(names)) == 2
    for name, coach in zip(names, coaches, strict=True):
        assert name.endswith(f"{coach.person_id}.eml")
        assert safe_file_name(name) == name  # fit for any drive, Windows' included
        assert len(name) < 120

    message = email.message_from_bytes(eml_bytes(reminder_draft(coaches[0])), policy=default)
    assert message["To"].addresses[0].addr_spec == "coach@example.org"
    body = message.get_content()
    assert "Your DBS check expired on 12 March 2026." in body
    assert "We have no record of your first aid certificate." in body


def test_two_coaches_with_the_same_very_long_name_get_a_draft_each():
    name = "Kowalska-Wiśniewska " * 40
    coaches = [CoachStanding(number, "Anna", name, None, None, NEEDS) for number in (7, 8)]
    assert [draft_file_name(coach)[-6:] for coach in coaches] == [" 7.eml", " 8.eml"]
