"""The audit (change) log: who created, changed, assigned, handed over or erased which record
(and which user, team or role), and when. Looks at a person's file are in the access log
(``accesslog.py``).

Append-only (triggers refuse UPDATE, DELETE and on PostgreSQL TRUNCATE); it never holds a
name or a BSN, only person ids. A restore keeps it continuous (``restore.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from padplanner.store.codec import utc
from padplanner.store.records import AuditEntry
from padplanner.store.schema import audit

_INSERT = audit.insert().inline()  # no id fetched: a user appends without reading


def append(
    conn: Connection,
    at: datetime,
    actor: str,
    action: str,
    person_id: str | None,
    detail: str = "",
    *,
    into: Any = _INSERT,
) -> None:
    """One row, inside the caller's transaction (``into``: the access log's insert)."""
    conn.execute(
        into,
        {"at": at, "actor": actor, "action": action, "person_id": person_id, "detail": detail},
    )


def entries(
    conn: Connection,
    person_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    limit: int = 1000,
    since: datetime | None = None,
    table: Table = audit,
) -> list[AuditEntry]:
    """Entries of a log (the change log, or ``table``: the access log), newest first."""
    query = select(table).order_by(table.c.id.desc()).limit(limit)
    if person_id is not None:
        query = query.where(table.c.person_id == person_id)
    if actor is not None:
        query = query.where(table.c.actor == actor)
    if action is not None:
        query = query.where(table.c.action == action)
    if since is not None:
        query = query.where(table.c.at >= since)
    return [
        AuditEntry(r.id, utc(r.at), r.actor, r.action, r.person_id, r.detail)
        for r in conn.execute(query)
    ]
