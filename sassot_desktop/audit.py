"""The audit log: every operation that changes something says who did it and when."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from sassot_desktop.clock import utc_now
from sassot_desktop.officer import login_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The audit table's columns, in the order ``entry`` gives their values.
COLUMNS = ("at", "actor", "action", "subject", "subject_id", "detail")


def current_actor(session: Session) -> str:
    """The officer making this change, as the team knows them (see ``officer``)."""
    return session.info.get("officer") or login_name()


def record(
    session: Session, action: str, subject: str, subject_id: int | None, **detail: Any
) -> None:
    values = entry(current_actor(session), action, subject, subject_id, **detail)
    session.execute(_insert(), dict(zip(COLUMNS, values, strict=True)))


def entry(
    actor: str, action: str, subject: str, subject_id: int | None, **detail: Any
) -> tuple[object, ...]:
    """The values of one audit row, in ``COLUMNS`` order, for whichever way it is written."""
    return (
        utc_now(),
        actor or login_name(),
        action,
        subject,
        subject_id,
        json.dumps(detail, default=str, ensure_ascii=False) if detail else None,
    )


@cache
def _insert():
    """A plain table insert, built once: the audit row is written on every tick."""
    from sqlalchemy import insert

    from sassot_desktop.db.models import AuditEntry

    return insert(AuditEntry.__table__)
