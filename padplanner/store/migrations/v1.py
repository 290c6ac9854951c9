"""Schema version 1: people, plan revisions, progress events and the audit log."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)


def apply(conn: Connection) -> None:
    md = MetaData()
    Table(
        "people",
        md,
        Column("id", String(64), primary_key=True),
        Column("name", Text),
        Column("bsn", String(9)),
        Column("birth_date", Date),
        Column("birth_year", Integer, nullable=False),
        Column("municipality", String(6), nullable=False),
        Column("intake", Text, nullable=False),
        Column("notes", Text),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("forgotten_at", DateTime(timezone=True)),
        Index("ix_people_municipality", "municipality"),
    )
    Table(
        "revisions",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("person_id", String(64), ForeignKey("people.id"), nullable=False),
        Column("revision", Integer, nullable=False),
        Column("author", String(100), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("reason", Text, nullable=False),
        Column("reference_date", Date, nullable=False),
        Column("plan", Text, nullable=False),
        Column("adjustments", Text, nullable=False),
        Column("checksum", String(64), nullable=False),
        UniqueConstraint("person_id", "revision", name="uq_revisions_person_revision"),
    )
    Table(
        "events",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("person_id", String(64), ForeignKey("people.id"), nullable=False),
        Column("kind", String(32), nullable=False),
        Column("occurred_on", Date, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        Column("author", String(100), nullable=False),
        Column("data", Text, nullable=False),
        Column("note", Text),
        Index("ix_events_person", "person_id", "occurred_on"),
    )
    Table(
        "audit",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor", String(100), nullable=False),
        Column("action", String(32), nullable=False),
        Column("person_id", String(64)),
        Column("detail", Text, nullable=False),
        Index("ix_audit_person", "person_id"),
        Index("ix_audit_at", "at"),
    )
    md.create_all(conn)
