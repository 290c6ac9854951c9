"""Schema version 8: ``team`` and ``counsellor`` copied onto revisions, events and decisions,
so row-level security reads them in the row instead of looking the person up for every row;
the research snapshot keeps the research histories too."""

from __future__ import annotations

from sqlalchemy import Connection

DEFAULT_TEAM = "default"  # as version 6 made it; written out, as a step never changes
CHILD_TABLES = ("revisions", "events", "decisions")


def apply(conn: Connection) -> None:
    """``team`` and ``counsellor`` on revisions, events and decisions, copies of
    their person's, for row-level security without a look-up of the person per row (on
    PostgreSQL the database keeps them current: ``roles.py``); back-filled."""
    # and the research histories beside the research rows: what analysts' evaluations read
    conn.exec_driver_sql("ALTER TABLE research ADD COLUMN history TEXT")
    for table in CHILD_TABLES:
        conn.exec_driver_sql(
            f"ALTER TABLE {table} ADD COLUMN team VARCHAR(64) DEFAULT '{DEFAULT_TEAM}' NOT NULL"
        )
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN counsellor VARCHAR(100)")
        conn.exec_driver_sql(
            f"UPDATE {table} SET team = (SELECT p.team FROM people p WHERE p.id = "
            f"{table}.person_id), counsellor = (SELECT p.counsellor FROM people p "
            f"WHERE p.id = {table}.person_id)"
        )
