"""Merging two records of one person, and undoing a merge.

Everything attached to the removed record moves to the kept one. Which tables that is, is
read from the database itself (every foreign key to ``person.id``), so records that later
areas attach to a person (bursaries, qualifications, volunteering hours) move with the rest
without this module knowing them.

Where a moved row would break a unique rule (both people booked on the same workshop), one
row of the two is kept: the one that says more (attended beats booked; one with a
certificate beats one without). The other is deleted along with what hangs on it, and kept
in the merge's undo record, which holds everything needed to put both people back as they
were: the removed person's row, the kept person's values before, which rows moved, and the
rows deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    Connection,
    MetaData,
    Table,
    UniqueConstraint,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Person, PersonMerge
from sassot_desktop.errors import UserError
from sassot_desktop.people import folding, search
from sassot_desktop.people.records import get_person

# The fields the officer picks between; consent goes as one (method and time together).
FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "postcode",
    "district",
    "club",
    "sport",
    "date_of_birth",
    "consent",
    "gender",
    "ethnicity",
    "disability",
)
_COLUMNS_OF = {"consent": ("consent_method", "consent_at")}
# Rebuilt from the person's details rather than moved.
_DERIVED = frozenset({"person_token"})
# Of two colliding rows, the one whose status ranks higher is kept.
_STATUS_RANK = {
    "attended": 6,
    "late": 5,
    "left early": 4,
    "no-show": 3,
    "booked": 2,
    "waiting": 1,
    "cancelled": 0,
}


@dataclass(frozen=True)
class Merged:
    merge_id: int
    kept_id: int
    removed_id: int
    moved: int  # rows that now belong to the kept person
    combined: int  # rows both had (e.g. the same workshop), of which one was kept
    message: str


def merge_people(
    session: Session, kept_id: int, removed_id: int, take_from_removed: set[str] = frozenset()
) -> Merged:
    """Make two records one: ``kept_id`` stays, with the fields named in ``take_from_removed``
    taken from the other record, which is removed once everything attached to it has moved."""
    if kept_id == removed_id:
        raise UserError("A person cannot be merged with themselves; pick two different records.")
    unknown = set(take_from_removed) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    kept, removed = get_person(session, kept_id), get_person(session, removed_id)
    session.flush()
    connection = session.connection()
    tables = _tables(connection)
    person_table = tables.tables["person"]
    kept_before = _row(connection, person_table, {"id": kept_id})
    removed_row = _row(connection, person_table, {"id": removed_id})
    removed_name = f"{removed.first_name} {removed.last_name}"

    changes: dict[str, Any] = {}
    for name in take_from_removed:
        for column in _COLUMNS_OF.get(name, (name,)):
            changes[column] = removed_row[column]
    if {"first_name", "last_name"} & set(take_from_removed):
        first = changes.get("first_name", kept.first_name)
        last = changes.get("last_name", kept.last_name)
        changes["sort_name"] = folding.sort_name(first, last)

    mover = _Mover(connection, tables)
    for table, column in _references_to(tables, person_table):
        mover.move(table, column, removed_id, kept_id)

    if changes:
        # Written past the models, so stamped here as the models stamp their own changes: a
        # form open on the kept person then learns of the merge before saving over it.
        changes["updated_at"] = utc_now()
        changes["version"] = person_table.c.version + 1
        changes["changed_by"] = session.info.get("officer")
        connection.execute(update(person_table).where(person_table.c.id == kept_id).values(changes))
    connection.execute(
        delete(tables.tables["person_token"]).where(
            tables.tables["person_token"].c.person_id == removed_id
        )
    )
    connection.execute(delete(person_table).where(person_table.c.id == removed_id))
    session.expire_all()
    search.reindex(session, get_person(session, kept_id))

    undo = {
        "kept_before": _encode(kept_before),
        "removed": _encode(removed_row),
        "moved": mover.moved,
        "deleted": [[table, _encode(row)] for table, row in mover.deleted],
    }
    record = PersonMerge(
        kept_id=kept_id,
        removed_id=removed_id,
        removed_name=removed_name,
        undo=json.dumps(undo, ensure_ascii=False),
        merged_at=utc_now(),
        merged_by=audit.current_actor(session),
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        "merge people",
        "person",
        kept_id,
        removed=removed_id,
        moved=len(mover.moved),
        combined=mover.combined,
    )
    first = changes.get("first_name", kept.first_name)
    kept_name = f"{first} {changes.get('last_name', kept.last_name)}"
    return Merged(
        record.id,
        kept_id,
        removed_id,
        len(mover.moved),
        mover.combined,
        f"Merged {removed_name} (#{removed_id}) into {kept_name} (#{kept_id}): "
        f"{_count(len(mover.moved), 'record')} moved"
        + (f", {_count(mover.combined, 'record')} held by both combined" if mover.combined else "")
        + ".",
    )


def undo_merge(session: Session, merge_id: int) -> str:
    """Put both people back as they were before the merge; returns what was done, in words."""
    merge = require(session, PersonMerge, merge_id, "merge")
    if merge.undone_at is not None:
        raise UserError(f"The merge of {merge.removed_name} was already undone.")
    later = session.scalar(
        select(func.count())
        .select_from(PersonMerge)
        .where(
            PersonMerge.id > merge.id,
            PersonMerge.undone_at.is_(None),
            (PersonMerge.kept_id == merge.kept_id) | (PersonMerge.removed_id == merge.kept_id),
        )
    )
    if later:
        raise UserError(
            f"The record {merge.removed_name} was merged into has been merged again since; "
            "undo that later merge first."
        )
    get_person(session, merge.kept_id)
    undo = json.loads(merge.undo)
    session.flush()
    connection = session.connection()
    tables = _tables(connection)
    person_table = tables.tables["person"]
    removed = _decode(undo["removed"])
    # SQLite gives a new person the highest id plus one, so the removed id may be taken since.
    if session.get(Person, merge.removed_id) is not None:
        del removed["id"]
    restored_id = connection.execute(insert(person_table).values(removed)).inserted_primary_key[0]
    for table_name, key, column in undo["moved"]:
        table = tables.tables[table_name]
        connection.execute(
            update(table).where(_matching(table, _decode(key))).values({column: restored_id})
        )
    for table_name, row in reversed(undo["deleted"]):
        values = _decode(row)
        for table, column in _references_to(tables, person_table):
            if table.name == table_name and values.get(column) == merge.removed_id:
                values[column] = restored_id
        connection.execute(insert(tables.tables[table_name]).values(values))
    kept_before = _decode(undo["kept_before"])
    connection.execute(
        update(person_table).where(person_table.c.id == merge.kept_id).values(kept_before)
    )
    merge.undone_at = utc_now()
    session.flush()
    session.expire_all()
    for person_id in (merge.kept_id, restored_id):
        search.reindex(session, get_person(session, person_id))
    audit.record(session, "undo merge", "person", merge.kept_id, restored=restored_id)
    return f"Merge undone: {merge.removed_name} (#{restored_id}) is a record of their own again."


def last_merge(session: Session) -> PersonMerge | None:
    """The newest merge not yet undone: what "Undo merge" would undo."""
    return session.scalar(
        select(PersonMerge).where(PersonMerge.undone_at.is_(None)).order_by(PersonMerge.id.desc())
    )


# --- moving rows ---------------------------------------------------------------------------


class _Mover:
    """Moves rows from one person to another, keeping one of two rows a unique rule allows."""

    def __init__(self, connection: Connection, tables: MetaData) -> None:
        self.connection = connection
        self.tables = tables
        self.moved: list[list[Any]] = []  # [table, primary key, column]
        self.deleted: list[tuple[str, dict[str, Any]]] = []  # in the order deleted
        self.combined = 0

    def move(self, table: Table, column: str, from_id: int, to_id: int) -> None:
        rows = self.connection.execute(select(table).where(table.c[column] == from_id))
        for row in [dict(r._mapping) for r in rows]:
            twin = self._twin(table, column, row, to_id)
            if twin is not None:
                self.combined += 1
                if self._weight(table, row) <= self._weight(table, twin):
                    self._delete_with_dependents(table, row)
                    continue
                self._delete_with_dependents(table, twin)
            key = _primary_key(table, row)
            self.connection.execute(
                update(table).where(_matching(table, key)).values({column: to_id})
            )
            # The row as undo finds it: its key may hold the person's id (person_role's does).
            moved_key = {name: to_id if name == column else value for name, value in key.items()}
            self.moved.append([table.name, _encode(moved_key), column])

    def _twin(self, table: Table, column: str, row: dict, to_id: int) -> dict | None:
        """The other person's row that this one would clash with under a unique rule."""
        for columns in _unique_column_sets(table):
            if column not in columns:
                continue
            wanted = {name: (to_id if name == column else row[name]) for name in columns}
            if any(value is None for value in wanted.values()):
                continue  # NULLs never clash
            found = self.connection.execute(select(table).where(_matching(table, wanted))).first()
            if found is not None:
                return dict(found._mapping)
        return None

    def _weight(self, table: Table, row: dict) -> tuple[int, int]:
        rank = _STATUS_RANK.get(row.get("status"), 0) if "status" in table.c else 0
        return rank, self._dependents(table, row)

    def _dependents(self, table: Table, row: dict) -> int:
        count = 0
        for child, columns, referred in _children_of(self.tables, table):
            condition = and_(
                *(child.c[c] == row[r] for c, r in zip(columns, referred, strict=True))
            )
            counted = select(func.count()).select_from(child).where(condition)
            count += self.connection.scalar(counted)
        return count

    def _delete_with_dependents(self, table: Table, row: dict) -> None:
        for child, columns, referred in _children_of(self.tables, table):
            condition = and_(
                *(child.c[c] == row[r] for c, r in zip(columns, referred, strict=True))
            )
            for child_row in self.connection.execute(select(child).where(condition)).all():
                self._delete_with_dependents(child, dict(child_row._mapping))
        self.connection.execute(delete(table).where(_matching(table, _primary_key(table, row))))
        self.deleted.append((table.name, row))


# --- the schema, as the database has it ------------------------------------------------------


def _tables(connection: Connection) -> MetaData:
    tables = MetaData()
    tables.reflect(connection)
    return tables


def _references_to(tables: MetaData, target: Table) -> list[tuple[Table, str]]:
    """Every (table, column) holding a person's id, parents before children."""
    found = []
    for table in tables.sorted_tables:
        if table is target or table.name in _DERIVED:
            continue
        for key in table.foreign_keys:
            if key.column.table.name == target.name and key.column.name == "id":
                found.append((table, key.parent.name))
    return found


def _children_of(tables: MetaData, parent: Table) -> list[tuple[Table, list[str], list[str]]]:
    found = []
    for table in tables.sorted_tables:
        for constraint in table.foreign_key_constraints:
            if constraint.referred_table.name == parent.name:
                found.append(
                    (
                        table,
                        [column.name for column in constraint.columns],
                        [element.column.name for element in constraint.elements],
                    )
                )
    return found


def _unique_column_sets(table: Table) -> list[tuple[str, ...]]:
    sets = [tuple(column.name for column in table.primary_key.columns)]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            sets.append(tuple(column.name for column in constraint.columns))
    sets += [
        tuple(column.name for column in index.columns) for index in table.indexes if index.unique
    ]
    return sets


def _primary_key(table: Table, row: dict) -> dict[str, Any]:
    return {column.name: row[column.name] for column in table.primary_key.columns}


def _matching(table: Table, values: dict[str, Any]):
    return and_(*(table.c[name] == value for name, value in values.items()))


def _row(connection: Connection, table: Table, key: dict[str, Any]) -> dict[str, Any]:
    return dict(connection.execute(select(table).where(_matching(table, key))).one()._mapping)


# --- rows as JSON, their dates and times kept as such ----------------------------------------

_TYPES = {"datetime": datetime, "date": date, "time": time}


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    return {name: _encode_value(value) for name, value in row.items()}


def _encode_value(value: Any) -> Any:
    for tag, kind in _TYPES.items():  # datetime first: a datetime is also a date
        if isinstance(value, kind):
            return {tag: value.isoformat()}
    return value


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    return {name: _decode_value(value) for name, value in row.items()}


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        [(tag, text)] = value.items()
        return _TYPES[tag].fromisoformat(text)
    return value


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
