"""The audit log: every operation that changes something says who did it and when."""

from __future__ import annotations

import getpass
import json
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import AuditEntry


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
    # Added, not executed: it goes out with the operation's own changes in one flush.
    session.add(
        AuditEntry(
            at=utc_now(),
            actor=current_actor(),
            action=action,
            subject=subject,
            subject_id=subject_id,
            detail=json.dumps(detail, default=str, ensure_ascii=False) if detail else None,
        )
    )
