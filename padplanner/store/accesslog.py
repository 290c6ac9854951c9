"""The access log: every look at a person's file, who looked, when and at what.

Beside the change log (``audit.py``): opening a person in the terminal UI, ``person show``,
every document and export, a handover file. Exactly one row per look, written by whoever
shows the person (``Store.look``), never by the reads underneath, so a screen that reads a
person three times is still one look. It holds the person's id, never a name or a BSN (an id
is never a BSN: ``people.validated``). Append-only: triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL); on a shared PostgreSQL database no role is granted either, and the
database itself writes who (``session_user``) and when (``roles.py``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from padplanner.store import audit
from padplanner.store.records import AuditEntry
from padplanner.store.schema import access_log

# what a look can be: the first word of ``action``
LOOKS: tuple[str, ...] = ("open", "show", "document", "export", "handover", "cohort")

_INSERT = access_log.insert().inline()  # no id fetched: a user appends without reading


def append(
    conn: Connection,
    at: datetime,
    actor: str,
    action: str,
    person_id: str | None,
    detail: str = "",
) -> None:
    """One row, inside the caller's transaction."""
    if action not in LOOKS:
        raise ValueError(f"{action!r} is not a kind of look ({', '.join(LOOKS)})")
    audit.append(conn, at, actor, action, person_id, detail, into=_INSERT)


def append_many(
    conn: Connection, at: datetime, actor: str, action: str, person_ids: list[str], detail: str
) -> None:
    """One row per person, in one statement (a cohort planned from the caseload)."""
    rows = [
        {"at": at, "actor": actor, "action": action, "person_id": p, "detail": detail}
        for p in person_ids
    ]
    if rows:
        conn.execute(_INSERT, rows)


def entries(
    conn: Connection,
    person_id: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """Looks, newest first."""
    return audit.entries(conn, person_id, actor, None, limit, since, table=access_log)
