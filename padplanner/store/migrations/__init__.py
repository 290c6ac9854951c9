"""Versioned migrations: a small runner with a ``schema_version`` table, and the steps, one
module each (``v1.py`` ... ``v9.py``).

Every migration is a numbered step with a description and a function that changes the schema
inside one transaction (DDL is transactional on both SQLite and PostgreSQL, so a step is
applied completely or not at all). Steps define their own tables as they were at that version;
they never import ``schema.py``, which only describes the head. Migrating is safe to run from
two processes at once: the runner takes a write lock (``BEGIN IMMEDIATE`` on SQLite, an
advisory lock on PostgreSQL) and re-reads the version under it.

A new step is a new module ``vN.py`` with ``apply(conn)`` (its own tables as they are at that
version, written out, and nothing imported from the store but ``ddl.py`` and such frozen
helpers), added to ``MIGRATIONS`` and to the history below. A step that has been released is
never changed: databases out there were built by it.

History:

1. people, plan revisions, progress events, audit log.
2. counsellor decisions; the audit log becomes append-only (triggers refuse UPDATE/DELETE).
3. the caseload summary on ``people`` (route, phase, deadline, risk, ...) with indexes, and
   the ``meta`` table; existing rows are back-filled and marked for a full refresh.
4. an index for every caseload order, ending in ``id`` (the tie-breaker), and one on the risk
   order expression: a page in any order no longer sorts the whole caseload.
5. the erasure register (pseudonyms of the people forgotten, back-filled) and the register of
   the backups this database wrote. A database that already holds people is marked: data
   written before SQLite's ``secure_delete`` was on may linger in free space, so the first
   erasure rewrites the file (``VACUUM``).
6. teams (every person joins the default team), the person's counsellor, users, shares, the
   append-only access log and the research snapshot.
7. the chance to finish on time in the caseload summary.
8. ``team`` and ``counsellor`` copied onto revisions, events and decisions, so row-level
   security reads them in the row instead of looking the person up for every row; the
   research snapshot keeps the research histories too.
9. the person's own words (goals, wishes, worries) in columns of their own on ``people``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import attrs
from sqlalchemy import Connection, Engine, inspect, select, text

from padplanner.store.connect import WRITE
from padplanner.store.errors import SchemaTooNew
from padplanner.store.migrations import v1, v2, v3, v4, v5, v6, v7, v8, v9
from padplanner.store.schema import schema_version

PG_LOCK_KEY = 7_204_2021  # advisory lock id for migrations


@attrs.frozen
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "people, plan revisions, progress events, audit log", v1.apply),
    Migration(2, "counsellor decisions; append-only audit log", v2.apply),
    Migration(3, "caseload summary columns and indexes; meta table", v3.apply),
    Migration(4, "an index for every caseload order", v4.apply),
    Migration(5, "erasure register; backup register", v5.apply),
    Migration(6, "teams, counsellors, users, shares, access log, research", v6.apply),
    Migration(7, "the chance to finish on time in the caseload summary", v7.apply),
    Migration(
        8, "team and counsellor on revisions, events, decisions; research histories", v8.apply
    ),
    Migration(9, "the person's own words: goals, wishes, worries", v9.apply),
)

HEAD = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The schema version of this database; 0 when it is empty."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    found = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc()))
    return found.scalar() or 0


def migrate(engine: Engine, target: int | None = None) -> tuple[int, int]:
    """Apply every pending step up to ``target`` (default: the head); returns (before, after)."""
    target = HEAD if target is None else target
    if not 0 <= target <= HEAD:
        raise ValueError(f"no schema version {target} (0..{HEAD})")
    writer = engine.execution_options(**{WRITE: True})
    before = None
    while True:
        with writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            version = current_version(conn)
            if before is None:
                before = version
            if version > HEAD:
                raise SchemaTooNew(
                    f"the database has schema version {version}, newer than this padplanner "
                    f"knows ({HEAD}); upgrade padplanner"
                )
            if version >= target:
                return before, version
            step = MIGRATIONS[version]
            if version == 0:
                schema_version.create(conn, checkfirst=True)
            step.apply(conn)
            conn.execute(
                schema_version.insert().values(
                    version=step.version,
                    applied_at=datetime.now(UTC),
                    description=step.description,
                )
            )
