"""Schema version 2: counsellor decisions; the audit log becomes append-only (triggers
refuse UPDATE and DELETE, and on PostgreSQL TRUNCATE)."""

from __future__ import annotations

from sqlalchemy import (
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
)

_APPEND_ONLY = "the audit log is append-only"


def apply(conn: Connection) -> None:
    md = MetaData()
    Table("people", md, Column("id", String(64), primary_key=True))
    Table(
        "decisions",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("person_id", String(64), ForeignKey("people.id"), nullable=False),
        Column("kind", String(16), nullable=False),
        Column("value", String(64), nullable=False),
        Column("previous", String(16)),
        Column("reason", Text, nullable=False),
        Column("author", String(100), nullable=False),
        Column("decided_at", DateTime(timezone=True), nullable=False),
        Index("ix_decisions_person", "person_id"),
    )
    md.tables["decisions"].create(conn)
    if conn.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit "
                f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
            )
    else:
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION padplanner_audit_append_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION padplanner_audit_append_only()"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION padplanner_audit_append_only()"
        )
