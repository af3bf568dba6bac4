"""A realistic year of demo data: workshops across the county, people, bookings, attendance.

Used by ``sassot-desktop demo``, by "Load demo data" on first start, and by the benchmarks.
Everything is drawn from a seeded generator so two runs on the same day give the same data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from sassot_desktop.bursaries import demo as bursaries_demo
from sassot_desktop.clock import utc_now, venue_instant, venue_time_of, venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.db.ids import new_ids
from sassot_desktop.db.models import (
    AuditEntry,
    Booking,
    Certificate,
    CertificatePrinting,
    Person,
    PersonToken,
    StandardRecord,
    Workshop,
)
from sassot_desktop.db.status import Status
from sassot_desktop.errors import UserError
from sassot_desktop.financial_year import financial_year_of
from sassot_desktop.geography import DISTRICTS
from sassot_desktop.people import demo as people_demo
from sassot_desktop.people import folding, search
from sassot_desktop.progress import Progress
from sassot_desktop.standards import demo as standards_demo
from sassot_desktop.volunteering import demo_year as volunteering
from sassot_desktop.workshops.catalogue import KNOWN_COURSES

FIRST_NAMES = [
    "Oliver",
    "Amelia",
    "Harry",
    "Isla",
    "Jack",
    "Ava",
    "George",
    "Mia",
    "Noah",
    "Grace",
    "Charlie",
    "Freya",
    "Jacob",
    "Lily",
    "Thomas",
    "Emily",
    "Oscar",
    "Sophie",
    "William",
    "Ella",
    "James",
    "Chloe",
    "Leo",
    "Ruby",
    "Alfie",
    "Evie",
    "Joshua",
    "Poppy",
    "Daniel",
    "Jessica",
    "Rhys",
    "Cerys",
    "Dylan",
    "Ffion",
    "Gareth",
    "Bethan",
    "Ciarán",
    "Niamh",
    "Sean",
    "Siobhán",
    "Mohammed",
    "Aisha",
    "Imran",
    "Fatima",
    "Arjun",
    "Rajesh",
    "Harpreet",
    "Sunita",
    "Tariq",
    "Kwame",
    "Abena",
    "Chidi",
    "Ngozi",
    "Tomasz",
    "Agnieszka",
    "Piotr",
    "Katarzyna",
    "Mehmet",
    "Elif",
    "Dmitri",
    "Svetlana",
    "Kofi",
    "Amara",
    "Hannah",
    "Rebecca",
    "Michael",
    "Sarah",
    "David",
    "Laura",
    "Jamie",
    "Nicola",
    "Stuart",
    "Karen",
    "Paul",
    "Helen",
    "Mark",
    "Claire",
    "Andrew",
    "Joanne",
    "Craig",
    "Louise",
    "Darren",
    "Zara",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Begum",
    "Hussain",
    "Singh",
    "Kaur",
    "Ahmed",
    "Shah",
    "Okafor",
    "Mensah",
    "Boateng",
    "Nowak",
    "Kowalski",
    "Lewandowska",
    "Demir",
    "Kaya",
    "Ivanova",
    "Hughes",
    "Edwards",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Price",
    "Murphy",
    "Kelly",
    "O'Connor",
    "McCarthy",
    "Fitzgerald",
    "Bennett",
    "Shaw",
    "Cooper",
    "Turner",
    "Hill",
    "Moore",
    "Ward",
    "King",
    "Harris",
    "Baker",
    "Allen",
    "Mitchell",
    "Carter",
    "Phillips",
]
# Their first names appear nowhere else in the demo, so each can be found by it alone.
NAMED_PEOPLE = (
    ("Zoë", "Ó'Brien"),
    ("Łukasz", "Wiśniewski"),
    ("Siân", "Llŵyd-Jones"),
    ("Ayşe", "Yılmaz"),
    ("Olga", "Кузнецова"),
    ("Aoife", "Ní Bhriain"),
    ("Priya", "Patel"),
    ("Wilhelmina-Josephine", "Cholmondeley-Featherstonehaugh"),
)
CLUBS = (
    "Stafford Rangers Juniors FC",
    "Burton Albion Community Trust",
    "Lichfield Netball Club",
    "Tamworth Athletics Club",
    "Leek Town Juniors",
    "Stoke Aquatics Swimming Club",
    "Cannock & Rugeley Harriers",
    "Newcastle Town Youth FC",
    "Perton Cricket Club",
    "Uttoxeter Hockey Club",
    "Kidsgrove Athletic Juniors",
    "Stone Dominoes Rugby Club",
    "Wombourne Tennis Club",
    "Biddulph Victoria Netball",
    "Rugeley Leisure Centre Gymnastics",
)
SPORTS = (
    "Football",
    "Netball",
    "Athletics",
    "Swimming",
    "Cricket",
    "Hockey",
    "Rugby union",
    "Tennis",
    "Gymnastics",
    "Basketball",
    "Badminton",
    "Multi-sport",
)
POSTCODE_AREAS = {
    "Cannock Chase": ("WS11", "WS12", "WS15"),
    "East Staffordshire": ("DE13", "DE14", "ST14"),
    "Lichfield": ("WS13", "WS14", "WS7"),
    "Newcastle-under-Lyme": ("ST5", "ST7"),
    "South Staffordshire": ("WV8", "WV5", "ST19"),
    "Stafford": ("ST16", "ST17", "ST18"),
    "Staffordshire Moorlands": ("ST13", "ST10", "SK17"),
    "Stoke-on-Trent": ("ST1", "ST3", "ST4", "ST6"),
    "Tamworth": ("B77", "B78", "B79"),
}
VENUES = {
    "Cannock Chase": ("Chase Leisure Centre", "Stafford Road, Cannock"),
    "East Staffordshire": ("Shobnall Leisure Complex", "Shobnall Road, Burton upon Trent"),
    "Lichfield": ("Friary Grange Leisure Centre", "Eastern Avenue, Lichfield"),
    "Newcastle-under-Lyme": ("Jubilee2", "Brunswick Street, Newcastle-under-Lyme"),
    "South Staffordshire": ("Codsall Community High School Sports Hall", "Elliotts Lane, Codsall"),
    "Stafford": ("Stafford Leisure Centre", "Riverside, Stafford"),
    "Staffordshire Moorlands": ("Leek Leisure Centre", "Brough Park, Leek"),
    "Stoke-on-Trent": ("Fenton Manor Sports Complex", "City Road, Fenton, Stoke-on-Trent"),
    "Tamworth": ("Tamworth Rugby Club Pavilion", "Wigginton Lodge, Tamworth"),
}
COURSES = (*KNOWN_COURSES, ("Leadership in Netball", "National governing body"))
TUTORS = ("Janet Holloway", "Marcus Reid", "Dr Anita Sharma", "Gwyn Pritchard", "Sue Beresford")
WORKSHOPS_A_YEAR = 40
PEOPLE = 400  # the demo year's own people; ``--people N`` adds generated ones up to N
TONIGHT = time(18, 30)


def holds_data(db: Database) -> bool:
    with db.read() as session:
        return bool(
            session.scalar(select(func.count()).select_from(Person))
            or session.scalar(select(func.count()).select_from(Workshop))
        )


def fill(
    db: Database,
    people: int = PEOPLE,
    today: date | None = None,
    force: bool = False,
    progress: Progress | None = None,
    seed: int = 2026,
) -> None:
    """Fill the database with a demo year; refuses a database that holds data unless ``force``."""
    progress = progress or Progress()
    if holds_data(db) and not force:
        raise UserError(
            "This data folder already holds records; use --force to replace them with demo data."
        )
    today = today or venue_today()
    rng = random.Random(seed)
    with db.write() as session:
        if force:
            _clear(session)
        _add_people(session, rng, max(people, 60), progress, named=True)
        _add_workshops(session, rng, today, progress)
        standards_demo.add_coaches(session, today)
        volunteering.fill(session, today, CLUBS)
        people_demo.retype_some(session)
        bursaries_demo.fill(session, today, _bursary_applicants(session))
        people_demo.give_roles(session, session.scalars(select(Person.id)))


def _clear(session: Session) -> None:
    volunteering.clear(session)
    bursaries_demo.clear(session)
    people_demo.clear(session)
    for model in (
        StandardRecord,
        CertificatePrinting,
        Certificate,
        Booking,
        PersonToken,
        Person,
        Workshop,
        AuditEntry,
    ):
        session.execute(delete(model))


def _bursary_applicants(session: Session) -> list[int]:
    """The demo's coaches in the order they were added: the first of them are among the
    volunteers too (the demo's first people), so their pages show every section filled."""
    coaches = session.scalars(select(StandardRecord.person_id).distinct().order_by("person_id"))
    return list(coaches)


def add_people_up_to(
    db: Database, total: int, progress: Progress | None = None, seed: int = 7
) -> int:
    """Add generated people until the database holds ``total``; return how many were added."""
    progress = progress or Progress()
    with db.write() as session:
        have = session.scalar(select(func.count()).select_from(Person))
        if have >= total:
            return 0
        first_new = (session.scalar(select(func.max(Person.id))) or 0) + 1
        _add_people(session, random.Random(seed + have), total - have, progress, named=False)
        new_ids = session.scalars(select(Person.id).where(Person.id >= first_new))
        people_demo.give_roles(session, new_ids, seed=seed + have)
    search.settle_after_bulk_load(db.engine)
    return total - have


def _add_people(
    session: Session, rng: random.Random, count: int, progress: Progress, named: bool
) -> None:
    now = utc_now()
    # Taken the database's way, so that PostgreSQL's sequence stays ahead of them.
    ids = iter(new_ids(session, Person.__table__, count))
    chunk = 5000
    for start in range(0, count, chunk):
        people, tokens = [], []
        for offset in range(start, min(count, start + chunk)):
            if named and offset < len(NAMED_PEOPLE):
                first, last = NAMED_PEOPLE[offset]
            else:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            person_id = next(ids)
            person = _person_row(rng, person_id, first, last, now)
            people.append(person)
            tokens.extend(
                {"token": token, "person_id": person_id}
                for token in folding.person_tokens(
                    first, last, person["email"], person["postcode"], person["club"]
                )
            )
        # Core executemany: the ORM's bulk path fetches keys we already know, and is far slower.
        connection = session.connection()
        connection.execute(insert(Person.__table__), people)
        connection.execute(insert(PersonToken.__table__), tokens)
        progress.report(min(count, start + chunk), count, "Adding people")


def _person_row(rng: random.Random, person_id: int, first: str, last: str, now: datetime) -> dict:
    district = rng.choice(DISTRICTS)
    outward = rng.choice(POSTCODE_AREAS[district])
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward part uses
    inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    mailbox = ".".join(folding.words(f"{first} {last}")) or "person"
    birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 58))
    return {
        "id": person_id,
        "first_name": first,
        "last_name": last,
        "sort_name": folding.sort_name(first, last),
        "email": f"{mailbox}{person_id}@example.org.uk",
        "phone": f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
        "postcode": f"{outward} {inward}",
        "district": district,
        "club": rng.choice(CLUBS),
        "sport": rng.choice(SPORTS),
        "date_of_birth": birth if rng.random() < 0.7 else None,
        "consent_at": now - timedelta(days=rng.randint(1, 900)),
        "consent_method": rng.choice(("Booking form", "Paper form at a workshop", "Telephone")),
        "created_at": now,
        "updated_at": now,
    }


def _add_workshops(session: Session, rng: random.Random, today: date, progress: Progress) -> None:
    year = financial_year_of(today)
    people_ids = list(session.scalars(select(Person.id).order_by(Person.id)))
    named_ids = people_ids[: len(NAMED_PEOPLE)]
    days = sorted(
        year.start + timedelta(days=rng.randint(0, (year.end - year.start).days))
        for _ in range(WORKSHOPS_A_YEAR - 1)
    )
    days = [day for day in days if day != today]
    plans = [
        (day, rng.choice((time(18, 0), time(18, 30), time(19, 0), time(10, 0)))) for day in days
    ]
    plans.append((today, TONIGHT))
    plans.sort()
    now = utc_now()
    waiting_list_made = False
    for number, (day, start) in enumerate(plans, 1):
        district = DISTRICTS[number % len(DISTRICTS)]
        title, provider = COURSES[number % len(COURSES)]
        venue, address = VENUES[district]
        tonight = day == today and start == TONIGHT
        capacity = 30 if tonight else rng.choice((16, 20, 24, 25, 30))
        workshop = Workshop(
            title=title,
            provider=provider,
            date=day,
            start_time=start,
            end_time=(datetime.combine(day, start) + timedelta(hours=3)).time(),
            venue_name=venue,
            venue_address=address,
            venue_postcode=f"{POSTCODE_AREAS[district][0]} {rng.randint(1, 9)}AB",
            district=district,
            tutor=rng.choice(TUTORS),
            capacity=capacity,
            fee_pence=rng.choice((0, 0, 1000, 1500, 2500)),
            created_at=now,
            updated_at=now,
        )
        session.add(workshop)
        session.flush()
        if tonight:
            # Tonight's register holds every special name, so check-in shows them at once.
            booked = named_ids + rng.sample(people_ids[len(NAMED_PEOPLE) :], 28 - len(named_ids))
            _book(session, workshop, booked, rng, past=False)
        elif day < today:
            booked = rng.sample(people_ids, rng.randint(capacity - 6, capacity))
            _book(session, workshop, booked, rng, past=True)
            walk_ins = rng.sample([p for p in people_ids if p not in booked], rng.randint(0, 3))
            for person_id in walk_ins:
                _walk_in(session, workshop, person_id, rng)
            workshop.register_closed_at = now
        else:
            over = rng.randint(1, 4) if not waiting_list_made or rng.random() < 0.2 else 0
            waiting_list_made = waiting_list_made or over > 0
            size = capacity + over if over else rng.randint(capacity // 3, capacity)
            _book(session, workshop, rng.sample(people_ids, size), rng, past=False)
        progress.report(number, len(plans), "Adding workshops")


def _book(session: Session, workshop: Workshop, person_ids, rng, past: bool) -> None:
    opened = venue_instant(workshop.date, workshop.start_time) - timedelta(days=40)
    for position, person_id in enumerate(person_ids):
        status = Status.BOOKED if position < workshop.capacity else Status.WAITING
        booking = Booking(
            workshop_id=workshop.id,
            person_id=person_id,
            status=status.value,
            walk_in=False,
            booked_at=opened + timedelta(hours=position * 7),
            updated_at=opened,
        )
        if past and status is Status.BOOKED:
            outcome = rng.choices(
                (Status.ATTENDED, Status.LATE, Status.LEFT_EARLY, Status.NO_SHOW),
                weights=(80, 6, 4, 10),
            )[0]
            booking.status = outcome.value
            if outcome.is_present:
                _arrive(booking, workshop, rng, late=outcome is Status.LATE)
        session.add(booking)


def _walk_in(session: Session, workshop: Workshop, person_id: int, rng) -> None:
    booking = Booking(
        workshop_id=workshop.id,
        person_id=person_id,
        status=Status.ATTENDED.value,
        walk_in=True,
        booked_at=venue_instant(workshop.date, workshop.start_time),
        updated_at=utc_now(),
    )
    _arrive(booking, workshop, rng, late=False)
    session.add(booking)


def _arrive(booking: Booking, workshop: Workshop, rng, late: bool) -> None:
    minutes = rng.randint(10, 40) if late else rng.randint(-20, 4)
    booking.arrived_at = venue_instant(workshop.date, workshop.start_time) + timedelta(
        minutes=minutes
    )
    booking.arrived_local = venue_time_of(booking.arrived_at)
