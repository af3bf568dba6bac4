"""Every list screen with 100,000 people and five years of workshops, against an empty table.

The data: the demo year, 100,000 people, and five more years of workshops, 200 a year with 30
bookings each (1,000 workshops and 30,000 bookings), their outcomes recorded where they are
past. Everything is measured offscreen in one process, in the real main window (1280 × 760):

- opening each screen as the officer does, from the call the menu or button makes until the
  screen's table has painted: the workshop list, then each of its filters in turn (Past, All,
  a provider, a district, a search text), a workshop's page with its 30 bookings, tonight's
  check-in and a paper register; each several times on different workshops, median reported;
- scrolling the workshop list ("All", about 1,040 rows) from top to bottom a page at a time,
  timing each repaint of the view: the worst single paint is the stall the officer would feel.
  For comparison, the same texts scrolled the same way in a QTableView over Qt's own
  QStandardItemModel: what painting the page costs Qt alone, with no Python behind it.

Targets: every screen's median opening <= 300 ms; no scrolling paint over 50 ms, half the
100 ms within which a response feels immediate (one 60 Hz frame, 16 ms, is less than Qt takes
to draw a page of text here on its own; see the comparison).
value = the slowest screen's median opening; baseline = an empty QTableView of the same size
opened (shown until painted) in the same run, median of the same number of runs.

Figures on the development machine (2 shared CPUs, busy; medians of 5), before → after:
  workshop list, upcoming 106 → 60 ms; Past 441 → 77 ms; All 515 → 85 ms; a provider
  142 → 62 ms; a district 56 → 38 ms; search text 10 → 8 ms; a workshop page 47 → 27 ms;
  check-in 35 → 26 ms; paper register 42 → 35 ms; empty table (baseline) 3.5 ms;
  scrolling: worst paint 25 → 24 ms (Qt's own model: 9–10 ms).

    python bench/lists.py [--people N] [--runs N]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from datetime import date, datetime, timedelta  # noqa: E402
from datetime import time as clock_time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import (  # noqa: E402
    argument_parser,
    open_demo_workspace,
    print_context,
    print_result,
    silence_offscreen_warnings,
    temporary_folder,
)
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from sassot_desktop import demo  # noqa: E402
from sassot_desktop.clock import utc_now, venue_instant, venue_today  # noqa: E402
from sassot_desktop.db.models import Booking, Person, Workshop  # noqa: E402
from sassot_desktop.db.status import Status  # noqa: E402
from sassot_desktop.financial_year import financial_year_of  # noqa: E402
from sassot_desktop.geography import DISTRICTS  # noqa: E402
from sassot_desktop.ui.main_window import MainWindow  # noqa: E402

TARGET_OPEN_MS = 300.0
TARGET_PAINT_MS = 50.0
YEARS, A_YEAR, BOOKINGS = 5, 200, 30
TIMEOUT_S = 10.0
OUTCOMES = (Status.ATTENDED, Status.LATE, Status.LEFT_EARLY, Status.NO_SHOW)


# -- the data -----------------------------------------------------------------------------------


def add_workshop_years(db, rng: random.Random) -> None:
    """Five financial years of workshops up to this one, each with its bookings."""
    today = venue_today()
    now = utc_now()
    with db.write() as session:
        people = list(session.scalars(select(Person.id)))
        first_id = (session.scalar(select(func.max(Workshop.id))) or 0) + 1
        workshops, bookings = [], []
        for year_back in range(YEARS):
            year = financial_year_of(today.replace(year=today.year - year_back))
            for _ in range(A_YEAR):
                workshop_id = first_id + len(workshops)
                day = year.start + timedelta(days=rng.randint(0, (year.end - year.start).days))
                workshops.append(workshop_row(workshop_id, day, rng, now, today))
                bookings += booking_rows(workshop_id, day, rng.sample(people, BOOKINGS), rng, today)
        session.execute(insert(Workshop.__table__), workshops)
        session.execute(insert(Booking.__table__), bookings)


def workshop_row(workshop_id: int, day: date, rng, now: datetime, today: date) -> dict:
    district = rng.choice(DISTRICTS)
    title, provider = rng.choice(demo.COURSES)
    venue, address = demo.VENUES[district]
    start = rng.choice((clock_time(18, 0), clock_time(18, 30), clock_time(10, 0)))
    return {
        "id": workshop_id,
        "title": title,
        "provider": provider,
        "date": day,
        "start_time": start,
        "end_time": clock_time(start.hour + 3, start.minute),
        "venue_name": venue,
        "venue_address": address,
        "district": district,
        "tutor": rng.choice(demo.TUTORS),
        "capacity": BOOKINGS,
        "fee_pence": rng.choice((0, 1000, 2500)),
        "register_closed_at": now if day < today else None,
        "created_at": now,
        "updated_at": now,
    }


def booking_rows(workshop_id: int, day: date, people: list[int], rng, today: date) -> list[dict]:
    opened = venue_instant(day, clock_time(18, 0)) - timedelta(days=40)
    rows = []
    for position, person_id in enumerate(people):
        status = rng.choices(OUTCOMES, weights=(80, 6, 4, 10))[0] if day < today else Status.BOOKED
        arrived = venue_instant(day, clock_time(17, 50)) if status.is_present else None
        rows.append(
            {
                "workshop_id": workshop_id,
                "person_id": person_id,
                "status": status.value,
                "booked_at": opened + timedelta(hours=position),
                "walk_in": False,
                "arrived_at": arrived,
                "arrived_local": clock_time(17, 50) if arrived else None,
                "updated_at": opened,
            }
        )
    return rows


# -- timing -------------------------------------------------------------------------------------


class PaintWatch(QObject):
    """Whether a widget has painted since ``reset``."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.painted = False
        widget.installEventFilter(self)

    def reset(self) -> None:
        self.painted = False

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def time_until_painted(app, table, action) -> float:
    """Milliseconds from ``action()`` until ``table`` has painted afterwards."""
    settle(app)
    watch = PaintWatch(table.viewport())
    started = time.perf_counter()
    action()
    while not watch.painted:
        app.processEvents()
        if time.perf_counter() - started > TIMEOUT_S:
            raise SystemExit("The table never painted")
    elapsed = (time.perf_counter() - started) * 1000
    table.viewport().removeEventFilter(watch)
    watch.deleteLater()
    return elapsed


def workshop_ids(workspace, today: date) -> tuple[list[int], list[int]]:
    with workspace.db.read() as session:
        past = list(session.scalars(select(Workshop.id).where(Workshop.date < today)))
        future = list(session.scalars(select(Workshop.id).where(Workshop.date >= today)))
    return past, future


def measure_screens(app, window: MainWindow, workspace, runs: int) -> dict[str, list[float]]:
    today = venue_today()
    rng = random.Random(2026)
    past, future = workshop_ids(workspace, today)
    tonight = window.check_in
    screens: dict[str, list[float]] = {}

    def record(label: str, table, action) -> None:
        screens.setdefault(label, []).append(time_until_painted(app, table, action))

    page = window.workshops
    for _ in range(runs):
        record("Workshop list (upcoming)", page.table, window.show_workshops)
        record("  filter: Past", page.table, lambda: page.when.setCurrentText("Past"))
        record("  filter: All", page.table, lambda: page.when.setCurrentText("All"))
        record("  filter: a provider", page.table, lambda: page.provider.setCurrentIndex(2))
        record("  filter: a district", page.table, lambda: page.district.setCurrentIndex(6))
        record("  filter: search text", page.table, lambda: page.text.setText("first aid"))
        for widget in (page.text,):
            widget.clear()
        for combo in (page.provider, page.district, page.when):
            combo.setCurrentIndex(0)
        one = rng.choice(past + future)
        record(
            "Workshop page with its roster",
            window.workshop.table,
            lambda one=one: window.show_workshop(one),
        )
        tonight_id = rng.choice(future)
        record("Check-in", tonight.table, lambda one=tonight_id: window.show_check_in(one))
        paper = rng.choice(past)
        record(
            "Paper register",
            window.paper_register.table,
            lambda one=paper: window.show_paper_register(one),
        )
    return screens


def measure_scrolling(app, window: MainWindow) -> list[float]:
    """Each repaint of the workshop list while paging from its top to its bottom."""
    window.show_workshops()
    window.workshops.when.setCurrentText("All")
    settle(app)
    return paints_while_paging(app, window.workshops.table)


def measure_plain_qt(app, window: MainWindow) -> list[float]:
    """The same texts, paged through the same way, in a table over Qt's own model."""
    model = window.workshops.model
    plain = QStandardItemModel(model.rowCount(), model.columnCount())
    plain.setHorizontalHeaderLabels(model.COLUMNS)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            plain.setItem(row, column, QStandardItem(model.index(row, column).data()))
    table = QTableView()
    table.setModel(plain)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.resize(window.workshops.table.size())
    table.show()
    settle(app)
    paints = paints_while_paging(app, table)
    table.close()
    return paints


def paints_while_paging(app, table) -> list[float]:
    bar = table.verticalScrollBar()
    bar.setValue(0)
    paints = []
    while True:
        started = time.perf_counter()
        table.viewport().repaint()
        paints.append((time.perf_counter() - started) * 1000)
        if bar.value() >= bar.maximum():
            return paints
        bar.setValue(bar.value() + bar.pageStep())
        settle(app)


def measure_empty_table(app, size, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        table = QTableView()
        table.resize(size)
        samples.append(time_until_painted(app, table, table.show))
        table.close()
        table.deleteLater()
        settle(app)
    return samples


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, metavar="N")
    args = parser.parse_args()
    silence_offscreen_warnings()
    app = QApplication.instance() or QApplication([])
    print_context()
    with temporary_folder() as folder:
        workspace = open_demo_workspace(Path(folder) / "data", args.people)
        started = time.perf_counter()
        add_workshop_years(workspace.db, random.Random(5))
        print(f"{YEARS * A_YEAR:,} more workshops built in {time.perf_counter() - started:.1f} s")
        window = MainWindow(workspace)
        window.resize(1280, 760)
        window.show()
        while not window.windowHandle().isExposed():
            app.processEvents()
        window.show_workshops()
        settle(app)
        screens = measure_screens(app, window, workspace, args.runs)
        paints = measure_scrolling(app, window)
        plain_paints = measure_plain_qt(app, window)
        empty = measure_empty_table(app, window.workshops.table.size(), args.runs)
        rows = window.workshops.model.rowCount()
        window.close()
        workspace.close()

    medians = {label: statistics.median(samples) for label, samples in screens.items()}
    for label, samples in screens.items():
        print(f"{label:<34} median {medians[label]:7.1f} ms  max {max(samples):7.1f} ms")
    print(f"{'Empty QTableView (baseline)':<34} median {statistics.median(empty):7.1f} ms")
    worst_paint = max(paints)
    print(
        f"Scrolling the workshop list ({rows:,} rows, {len(paints)} pages): "
        f"worst paint {worst_paint:.1f} ms, median {statistics.median(paints):.1f} ms"
    )
    print(
        f"  the same pages over Qt's own model:   worst paint {max(plain_paints):.1f} ms, "
        f"median {statistics.median(plain_paints):.1f} ms"
    )
    slowest = max(medians, key=medians.get)
    value, baseline = medians[slowest], statistics.median(empty)
    passed = value <= TARGET_OPEN_MS and worst_paint <= TARGET_PAINT_MS
    print(
        f"Targets: open <= {TARGET_OPEN_MS:g} ms, paint <= {TARGET_PAINT_MS:g} ms with "
        f"{args.people:,} people: {'PASSED' if passed else 'MISSED'} "
        f"(slowest: {slowest.strip()}, {value:.1f} ms)"
    )
    print_result(
        value,
        "ms",
        baseline,
        people=args.people,
        workshops=rows,
        slowest=slowest.strip(),
        screens={label.strip(): round(median, 1) for label, median in medians.items()},
        worst_scroll_paint_ms=round(worst_paint, 1),
        worst_scroll_paint_plain_qt_ms=round(max(plain_paints), 1),
        target_open_ms=TARGET_OPEN_MS,
        target_paint_ms=TARGET_PAINT_MS,
        passed=passed,
    )


if __name__ == "__main__":
    main()
