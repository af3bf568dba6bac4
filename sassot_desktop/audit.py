"""The audit log: every operation that changes something says who did it and when."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from sassot_desktop.clock import utc_now
from sassot_desktop.officer import login_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sassot_desktop.db.plain_sql import PlainTransaction

# The audit table's columns, in the order ``_entry`` gives their values.
_COLUMNS = ("at", "actor", "action", "subject", "subject_id", "detail")
_INSERT_PLAIN = (
    f"INSERT INTO audit_entry ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)


def current_actor(session: Session) -> str:
    """The officer making this change, as the team knows them (see ``officer``)."""
    return session.info.get("officer") or login_name()


def record(
    session: Session, action: str, subject: str, subject_id: int | None, **detail: Any
) -> None:
    values = _entry(current_actor(session), action, subject, subject_id, **detail)
    session.execute(_insert(), dict(zip(_COLUMNS, values, strict=True)))


def record_plain(
    transaction: PlainTransaction,
    action: str,
    subject: str,
    subject_id: int | None,
    **detail: Any,
) -> None:
    """As ``record``, in a transaction of plain SQL (``db.plain_sql``)."""
    values = _entry(transaction.officer, action, subject, subject_id, **detail)
    transaction.execute(_INSERT_PLAIN, [transaction.stored(value) for value in values])


def _entry(
    actor: str, action: str, subject: str, subject_id: int | None, **detail: Any
) -> tuple[object, ...]:
    """The values of one audit row, in ``_COLUMNS`` order, for whichever way it is written."""
    return (
        utc_now(),
        actor,
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
