"""Schema version 9: the person's own words (goals, wishes, worries) in columns of their own
on ``people``, so that they stay out of the intake JSON every other reader gets."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Text

from padplanner.store.migrations.ddl import add_column


def apply(conn: Connection) -> None:
    """Three nullable text columns; nothing to back-fill (no one's own words were stored)."""
    for name in ("own_goals", "own_wishes", "own_worries"):
        add_column(conn, "people", Column(name, Text))
