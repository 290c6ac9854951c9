"""Schema version 6: teams, users, assignments, shares, the access log and the research
snapshot. What it adds:

- ``teams`` with one team, ``default``, and on ``people`` the columns ``team`` (every person
  already in the database joins the default team: a database of one team upgrades with
  nothing lost) and ``counsellor`` (the database login of the person's counsellor; empty
  until a team lead assigns one).
- ``users``: the padplanner users of a shared PostgreSQL database (a login role each, its
  padplanner role and team). padplanner stores no passwords: identity is the login.
- ``shares``: people explicitly shared with a colleague, who shared them and when.
- ``access_log``: every look at a person's file (opening it, showing it, a document, an
  export, a handover), append-only like ``audit`` (triggers refuse UPDATE, DELETE and on
  PostgreSQL TRUNCATE).
- ``research``: the pseudonymised research dataset as last built (one JSON row per
  pseudonym), the only person data an analyst can read.

Row-level security, grants and the PostgreSQL roles are not part of the schema: they are set
up (and kept up to date) by ``padplanner db roles`` (``roles.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

DEFAULT_TEAM = "default"
_APPEND_ONLY = "the access log is append-only"


def apply(conn: Connection) -> None:
    md = MetaData()
    Table("people", md, Column("id", String(64), primary_key=True))
    teams = Table(
        "teams",
        md,
        Column("id", String(64), primary_key=True),
        Column("name", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "users",
        md,
        Column("name", String(100), primary_key=True),
        Column("role", String(16), nullable=False),
        Column("team", String(64), ForeignKey("teams.id")),
        Column("active", Boolean, nullable=False, server_default=true()),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "shares",
        md,
        Column("person_id", String(64), ForeignKey("people.id"), primary_key=True),
        Column("user_name", String(100), primary_key=True),
        Column("granted_by", String(100), nullable=False),
        Column("granted_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "access_log",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor", String(100), nullable=False),
        Column("action", String(32), nullable=False),
        Column("person_id", String(64)),
        Column("detail", Text, nullable=False),
        Index("ix_access_log_person", "person_id", "id"),
        Index("ix_access_log_actor", "actor", "id"),
        Index("ix_access_log_at", "at"),
    )
    Table(
        "research",
        md,
        Column("pid", String(64), primary_key=True),
        Column("row", Text, nullable=False),
        Column("built_at", DateTime(timezone=True), nullable=False),
    )
    for name in ("teams", "users", "shares", "access_log", "research"):
        md.tables[name].create(conn)
    conn.execute(
        teams.insert().values(id=DEFAULT_TEAM, name=DEFAULT_TEAM, created_at=datetime.now(UTC))
    )
    conn.exec_driver_sql(
        f"ALTER TABLE people ADD COLUMN team VARCHAR(64) DEFAULT '{DEFAULT_TEAM}' NOT NULL"
    )
    conn.exec_driver_sql("ALTER TABLE people ADD COLUMN counsellor VARCHAR(100)")
    conn.exec_driver_sql("CREATE INDEX ix_people_team ON people (team, id)")
    conn.exec_driver_sql("CREATE INDEX ix_people_counsellor ON people (counsellor, id)")
    conn.exec_driver_sql("CREATE INDEX ix_audit_actor ON audit (actor, id)")
    _append_only(conn)  # the research snapshot is built by the next refresh or export


def _append_only(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER access_log_no_{verb.lower()} BEFORE {verb} ON access_log "
                f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
            )
        return
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION padplanner_access_log_append_only() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log "
        "FOR EACH ROW EXECUTE FUNCTION padplanner_access_log_append_only()"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION padplanner_access_log_append_only()"
    )
