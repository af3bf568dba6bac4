"""People for the people tests: one person entered twice, with bookings, attendance and
certificates on both records, and a whole-database snapshot to compare before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import MetaData, select

from sassot_desktop.attendance import register
from sassot_desktop.certificates import issuing
from sassot_desktop.db.models import Status
from sassot_desktop.people import profile, roles
from sassot_desktop.people.records import PersonDetails, create_person
from sassot_desktop.workshops import bookings, catalogue
from sassot_desktop.workshops.catalogue import WorkshopDetails

ZOE = PersonDetails(
    "Zoë",
    "Ó'Brien",
    email="zoe.obrien@example.org",
    phone="07700 900123",
    postcode="ST16 2DN",
    district="Stafford",
    club="Stafford Harriers",
    date_of_birth=date(1985, 4, 3),
    consent_method="Booking form",
)
# The walk-in form, filled in on the night: no accent, another phone, the same email.
ZOE_AGAIN = PersonDetails(
    "Zoe",
    "O'Brien",
    email="ZOE.OBRIEN@example.org",
    phone="+44 7700 900999",
    club="Stafford Harriers AC",
    consent_method="Walk-in form at the workshop",
)


@dataclass
class Twice:
    zoe: int
    zoe_again: int
    workshops: dict[str, int]
    bookings: dict[str, int]


def workshop(session, title: str, day: date) -> int:
    return catalogue.create_workshop(
        session,
        WorkshopDetails(
            title=title,
            provider="UK Coaching",
            date=day,
            start_time=time(18, 30),
            end_time=time(21, 30),
            venue_name="Rawlett School Sports Hall",
            district="Tamworth",
            capacity=20,
        ),
    ).id


def enter_twice(workspace) -> Twice:
    """Zoë booked and came to Safeguarding (certificate printed) and booked First Aid; as
    Zoe she walked in to First Aid too (both on one workshop) and booked Equity."""
    with workspace.db.write() as session:
        workshops = {
            "safeguarding": workshop(
                session, "Safeguarding and Protecting Children", date(2026, 3, 12)
            ),
            "first aid": workshop(session, "Emergency First Aid", date(2026, 4, 2)),
            "equity": workshop(session, "Equity in Your Coaching", date(2026, 5, 7)),
        }
        zoe = create_person(session, ZOE).id
        again = create_person(session, ZOE_AGAIN).id
        booked = {
            "zoe safeguarding": bookings.book(session, workshops["safeguarding"], zoe).booking_id,
            "zoe first aid": bookings.book(session, workshops["first aid"], zoe).booking_id,
            "again first aid": bookings.book(session, workshops["first aid"], again).booking_id,
            "again equity": bookings.book(session, workshops["equity"], again).booking_id,
        }
        register.set_status(session, [booked["zoe safeguarding"]], Status.ATTENDED)
        register.set_status(session, [booked["again first aid"]], Status.ATTENDED)
        roles.set_roles(session, zoe, ["coach"])
        roles.set_roles(session, again, ["coach", "volunteer"])
        profile.set_equality(session, again, profile.Equality(gender="Female"))
    for name in ("safeguarding", "first aid"):
        with workspace.db.write() as session:
            issued = issuing.certificates_to_print(session, workshops[name])
        with workspace.db.write() as session:
            issuing.record_printing(session, workshops[name], issued)
    return Twice(zoe, again, workshops, booked)


def snapshot(workspace, leave_out=("audit_entry", "person_merge")) -> dict[str, set[tuple]]:
    """Every row of every table (but the logs), as sets of tuples."""
    tables = MetaData()
    with workspace.db.read() as session:
        connection = session.connection()
        tables.reflect(connection)
        return {
            name: {tuple(row) for row in connection.execute(select(table))}
            for name, table in tables.tables.items()
            if name not in leave_out
        }
