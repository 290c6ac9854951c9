"""Is the database healthy? Integrity, schema version, revision numbering, plan checksums."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from padplanner.errors import phrased
from padplanner.model import Plan
from padplanner.store.codec import checksum
from padplanner.store.migrations import HEAD, current_version
from padplanner.store.schema import DATA_TABLES, metadata, people, revisions

if TYPE_CHECKING:
    from padplanner.store.core import Core


def check(core: Core) -> list[str]:
    """Every problem found (empty when healthy): integrity, schema, revisions, checksums.
    Each is :func:`~padplanner.errors.phrased`: English as a ``str``, said in the reader's
    language by ``padplanner db check``; what SQLite itself reports stays in its words."""
    problems: list[str] = []
    with core.read() as conn:
        if conn.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.extend(phrased("store.check.integrity", detail=line) for line in result)
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                said = phrased(
                    "store.check.foreign_key", table=row[0], row=str(row[1]), parent=row[2]
                )
                problems.append(said)
        version = current_version(conn)
        if version != HEAD:
            problems.append(phrased("store.check.schema", version=str(version), head=str(HEAD)))
            return problems
        expected: dict[str, int] = {}
        for row in conn.execute(
            select(
                revisions.c.person_id,
                revisions.c.revision,
                revisions.c.plan,
                revisions.c.checksum,
            ).order_by(revisions.c.person_id, revisions.c.revision)
        ):
            where = {"person": row.person_id, "revision": str(row.revision)}
            if row.revision != expected.get(row.person_id, 0) + 1:
                problems.append(phrased("store.check.numbering", **where))
            expected[row.person_id] = row.revision
            if checksum(row.plan) != row.checksum:
                problems.append(phrased("store.check.checksum", **where))
                continue
            try:
                Plan.from_json(row.plan)
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(phrased("store.check.unreadable", **where, error=str(exc)))
        for person_id, shown in conn.execute(select(people.c.id, people.c.revision)):
            if shown != expected.get(person_id, 0):
                latest = str(expected.get(person_id, 0))
                said = phrased(
                    "store.check.caseload", person=person_id, shown=str(shown), latest=latest
                )
                problems.append(said)
    return problems


def table_counts(core: Core) -> dict[str, int]:
    """Rows per table, for ``padplanner db check``."""
    out = {}
    with core.read() as conn:
        for name in DATA_TABLES:
            table = metadata.tables[name]
            out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
    return out
