"""Tick tonight's booked people in, one transaction each, reporting each tick after its commit.

Run by ``test_durability`` as ``python tick_forever.py DATA_DIR``; the test kills it with
SIGKILL part-way and then checks that every reported tick is on disk. After the last tick the
script idles until it is killed, so a kill never meets a clean shutdown.
"""

from __future__ import annotations

import sys
import time

from sqlalchemy import select

from sassot_desktop import demo
from sassot_desktop.attendance import register
from sassot_desktop.clock import venue_today
from sassot_desktop.db.models import Booking, Status, Workshop
from sassot_desktop.workspace import open_workspace


def main(data_dir: str) -> None:
    workspace = open_workspace(data_dir)
    with workspace.db.read() as session:
        workshop_id = session.scalar(
            select(Workshop.id).where(
                Workshop.date == venue_today(), Workshop.start_time == demo.TONIGHT
            )
        )
        booked = session.scalars(
            select(Booking.id)
            .where(Booking.workshop_id == workshop_id, Booking.status == Status.BOOKED.value)
            .order_by(Booking.id)
        ).all()
    print(f"BOOKED {len(booked)}", flush=True)
    for booking_id in booked:
        with workspace.db.write() as session:
            register.check_in(session, booking_id)
        # Only now, after the commit, may the tick be reported as saved.
        print(f"TICKED {booking_id}", flush=True)
    print("DONE", flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main(sys.argv[1])
