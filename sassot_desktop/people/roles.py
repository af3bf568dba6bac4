"""The parts a person plays for the partnership; a person may have several, or none yet."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sassot_desktop.db.models import PersonRole
from sassot_desktop.errors import UserError

COACH = "coach"
VOLUNTEER = "volunteer"
YOUNG_LEADER = "young leader"
TUTOR = "tutor"
ROLES: tuple[str, ...] = (COACH, VOLUNTEER, YOUNG_LEADER, TUTOR)


def roles_of(session: Session, person_id: int) -> list[str]:
    """A person's roles, in the order of ``ROLES``."""
    held = set(session.scalars(select(PersonRole.role).where(PersonRole.person_id == person_id)))
    return [role for role in ROLES if role in held]


def set_roles(session: Session, person_id: int, roles: Iterable[str]) -> list[str]:
    """Replace a person's roles; returns them in the order of ``ROLES``."""
    wanted = set(roles)
    unknown = wanted - set(ROLES)
    if unknown:
        raise UserError(f"“{sorted(unknown)[0]}” is not a role; the roles are {', '.join(ROLES)}.")
    session.execute(delete(PersonRole).where(PersonRole.person_id == person_id))
    ordered = [role for role in ROLES if role in wanted]
    if ordered:
        session.execute(
            insert(PersonRole), [{"person_id": person_id, "role": role} for role in ordered]
        )
    return ordered
