"""A coach's standing as a condition the database answers, for lists too long to assess one
person at a time (the people screen's "Standards" filter over 100,000 people).

The same rules as ``status.assess``, said in SQL: for each required kind, whether a person
holds one at all, one still valid today, and one valid beyond the warning window. Any record
that passes a test is enough, just as ``assess`` counts the record that lasts longest. Each
standing is a grouped scan of the records (a few per coach), never a query per person; plain
CASE and SUM, so it runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select

from sassot_desktop.db.models import Person, StandardRecord
from sassot_desktop.standards.due import coach_ids
from sassot_desktop.standards.kinds import REQUIRED, WARNING_DAYS, Kind
from sassot_desktop.standards.status import Standing


def standing_condition(
    standing: Standing, today: date, within_days: int = WARNING_DAYS
) -> ColumnElement[bool]:
    """True for the people (``Person`` rows) who are coaches with ``standing`` on ``today``."""
    warn_from = today + timedelta(days=within_days)
    holds = [_any(kind) for kind in REQUIRED]
    valid = [_any(kind, StandardRecord.expires_on >= today) for kind in REQUIRED]
    beyond_warning = [_any(kind, StandardRecord.expires_on > warn_from) for kind in REQUIRED]
    lapsed = or_(*(and_(held, not_(ok)) for held, ok in zip(holds, valid, strict=True)))
    if standing is Standing.LAPSED:
        return Person.id.in_(_coaches_whose(lapsed))
    if standing is Standing.MEETS:
        return Person.id.in_(_coaches_whose(and_(*beyond_warning)))
    if standing is Standing.EXPIRING:
        return Person.id.in_(_coaches_whose(and_(*valid, not_(and_(*beyond_warning)))))
    # Missing: a coach (by role or record) who is neither lapsed nor holding every kind.
    complete_or_lapsed = or_(and_(*holds), lapsed)
    return and_(Person.id.in_(coach_ids()), Person.id.not_in(_coaches_whose(complete_or_lapsed)))


def _any(kind: Kind, valid_enough: ColumnElement[bool] | None = None) -> ColumnElement[bool]:
    """Whether a person's records include one of ``kind`` (passing ``valid_enough``, where a
    record that never expires always passes)."""
    test = StandardRecord.kind == kind.value
    if valid_enough is not None:
        test = and_(test, or_(StandardRecord.expires_on.is_(None), valid_enough))
    return func.sum(case((test, 1), else_=0)) > 0


def _coaches_whose(records_show: ColumnElement[bool]):
    return select(StandardRecord.person_id).group_by(StandardRecord.person_id).having(records_show)
