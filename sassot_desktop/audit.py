"""The audit log: every operation that changes something says who did it and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import AuditEntry
from sassot_desktop.officer import login_name

# A plain table insert, built once: the audit row is written on every tick.
_INSERT = insert(AuditEntry.__table__)


def current_actor(session: Session) -> str:
    """The officer making this change, as the team knows them (see ``officer``)."""
    return session.info.get("officer") or login_name()


def record(
    session: Session, action: str, subject: str, subject_id: int | None, **detail: Any
) -> None:
    session.execute(
        _INSERT,
        {
            "at": utc_now(),
            "actor": current_actor(session),
            "action": action,
            "subject": subject,
            "subject_id": subject_id,
            "detail": json.dumps(detail, default=str, ensure_ascii=False) if detail else None,
        },
    )
