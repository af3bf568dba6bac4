"""The audit log: every operation that changes something says who did it and when."""

from __future__ import annotations

import getpass
import json
from functools import cache
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import AuditEntry

# A plain table insert, built once: the audit row is written on every tick.
_INSERT = insert(AuditEntry.__table__)


@cache
def current_actor() -> str:
    """The person at the keyboard, as the operating system knows them."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some service environments
        return "unknown"


def record(
    session: Session, action: str, subject: str, subject_id: int | None, **detail: Any
) -> None:
    session.execute(
        _INSERT,
        {
            "at": utc_now(),
            "actor": session.info.get("officer") or current_actor(),
            "action": action,
            "subject": subject,
            "subject_id": subject_id,
            "detail": json.dumps(detail, default=str, ensure_ascii=False) if detail else None,
        },
    )
