"""Is the database healthy? Integrity, schema version, revision numbering, plan checksums."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from padplanner.model import Plan
from padplanner.store.codec import checksum
from padplanner.store.migrations import HEAD, current_version
from padplanner.store.schema import DATA_TABLES, metadata, people, revisions

if TYPE_CHECKING:
    from padplanner.store.core import Core


def check(core: Core) -> list[str]:
    """Every problem found (empty when healthy): integrity, schema, revisions, checksums."""
    problems: list[str] = []
    with core.read() as conn:
        if conn.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.extend(f"integrity: {line}" for line in result)
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: table {row[0]} row {row[1]} -> {row[2]}")
        version = current_version(conn)
        if version != HEAD:
            problems.append(f"schema version {version}, expected {HEAD} (padplanner db migrate)")
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
            where = f"{row.person_id} revision {row.revision}"
            if row.revision != expected.get(row.person_id, 0) + 1:
                problems.append(f"{where}: revisions are not numbered 1, 2, 3, ...")
            expected[row.person_id] = row.revision
            if checksum(row.plan) != row.checksum:
                problems.append(f"{where}: the plan does not match its checksum")
                continue
            try:
                Plan.from_json(row.plan)
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{where}: the plan cannot be read ({exc})")
        for person_id, shown in conn.execute(select(people.c.id, people.c.revision)):
            if shown != expected.get(person_id, 0):
                problems.append(
                    f"{person_id}: the caseload shows revision {shown}, "
                    f"the latest is {expected.get(person_id, 0)}"
                )
    return problems


def table_counts(core: Core) -> dict[str, int]:
    """Rows per table, for ``padplanner db check``."""
    out = {}
    with core.read() as conn:
        for name in DATA_TABLES:
            table = metadata.tables[name]
            out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
    return out
