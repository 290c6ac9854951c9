"""The current (head) schema of the caseload store, in SQLAlchemy Core.

Queries use these tables. Migrations (``migrations/``) build the same schema step by step
with their own frozen table definitions; a test checks that migrating an empty database gives
exactly what is declared here.

- ``people``: the intake (client JSON without the personal fields) and, in separate columns,
  what ``forget`` erases: ``name``, ``bsn``, ``birth_date``, ``notes``. ``birth_year`` stays.
  The caseload columns (``route`` .. ``cadence_weeks``) are a denormalised summary of the
  latest revision and the progress record, refreshed whenever either changes, so that a list
  of tens of thousands of people is one indexed query. Every order the caseload offers has
  an index ending in ``id`` (the tie-breaker), so a page in any order is read straight from it;
  the risk order is an index on :func:`risk_rank`.
- ``revisions``: immutable plan revisions; ``(person_id, revision)`` is unique, which is what
  makes a concurrent save on top of the same base fail instead of overwrite.
- ``events``: the progress record (hours, exams, placements, jobs, extensions, moves, ...).
- ``decisions``: counsellor decisions (route, module overrides), each with its reason.
- ``audit``: append-only (triggers refuse UPDATE and DELETE): who read or changed what, when.
  It never holds a BSN or a name.
- ``meta``: key/value settings of this database (the research pseudonymisation key).
- ``erasures``: the erasure register: the pseudonym (``pseudonyms.py``) of every person
  forgotten, and when; never an id, a name or a BSN. A restore keeps it and re-applies it.
- ``backups``: the backups this database wrote (path, time, who), so that ``forget`` can name
  the ones that still hold a person.
- ``teams``, ``users``, ``shares``: who works with whom (``people.team`` and
  ``people.counsellor`` say whose caseload a person is in); ``users`` are the login roles of a
  shared PostgreSQL database, never with a password.
- ``access_log``: every look at a person's file, append-only like ``audit``.
- ``research``: the pseudonymised research dataset as last built.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    case,
    literal_column,
    true,
)
from sqlalchemy.sql.elements import Grouping

metadata = MetaData()

ID = String(64)
AUTHOR = String(100)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    Column("description", Text, nullable=False),
)

people = Table(
    "people",
    metadata,
    Column("id", ID, primary_key=True),
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
    # caseload summary (migration 3)
    Column("name_key", String(200), nullable=False, server_default=""),
    Column("route", String(16)),
    Column("phase", String(16), nullable=False, server_default="intake"),
    Column("next_milestone", String(64)),
    Column("next_milestone_date", Date),
    Column("deadline", Date),
    Column("slack_weeks", Integer),
    Column("risk", String(16), nullable=False, server_default="none"),
    Column("risk_flags", String(64), nullable=False, server_default=""),
    Column("revision", Integer, nullable=False, server_default="0"),
    Column("last_contact", Date),
    Column("cadence_weeks", Integer, nullable=False, server_default="13"),
    # teams and counsellors (migration 5)
    Column("team", String(64), nullable=False, server_default="default"),
    Column("counsellor", AUTHOR),
    # the chance to finish on time of the latest revision (migration 7)
    Column("on_time", Float),
    # the person's own words (migration 9): erased by forget, never in the intake JSON
    Column("own_goals", Text),
    Column("own_wishes", Text),
    Column("own_worries", Text),
    Index("ix_people_municipality", "municipality", "id"),
    Index("ix_people_name_key", "name_key", "id"),
    Index("ix_people_route", "route", "id"),
    Index("ix_people_risk", "risk"),
    Index("ix_people_deadline", "deadline", "id"),
    Index("ix_people_slack", "slack_weeks", "id"),
    Index("ix_people_phase", "phase", "id"),
    Index("ix_people_next_milestone", "next_milestone_date", "id"),
    Index("ix_people_revision", "revision", "id"),
    Index("ix_people_team", "team", "id"),
    Index("ix_people_counsellor", "counsellor", "id"),
    Index("ix_people_on_time", "on_time", "id"),
)

RISK_ORDER: tuple[str, ...] = ("none", "contact", "behind", "deadline")


def risk_rank(risk: Any) -> Any:
    """The caseload's risk order as SQL (``none`` 0 .. ``deadline`` 3), with its values written
    out, not bound, so the database matches it to the index on the same expression."""
    return case(
        {
            literal_column(f"'{name}'"): literal_column(str(rank))
            for rank, name in enumerate(RISK_ORDER)
        },
        value=risk,
        else_=literal_column("0"),
    )


# in parentheses: PostgreSQL indexes an expression only when it stands in its own brackets
Index("ix_people_risk_order", Grouping(risk_rank(people.c.risk)), people.c.id)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", ID, ForeignKey("people.id"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("author", AUTHOR, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("reference_date", Date, nullable=False),
    Column("plan", Text, nullable=False),
    Column("adjustments", Text, nullable=False),
    Column("checksum", String(64), nullable=False),
    # copies of the person's (migration 8), kept by the database for row-level security
    Column("team", ID, nullable=False, server_default="default"),
    Column("counsellor", AUTHOR),
    UniqueConstraint("person_id", "revision", name="uq_revisions_person_revision"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", ID, ForeignKey("people.id"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("author", AUTHOR, nullable=False),
    Column("data", Text, nullable=False),
    Column("note", Text),
    # copies of the person's (migration 8), kept by the database for row-level security
    Column("team", ID, nullable=False, server_default="default"),
    Column("counsellor", AUTHOR),
    Index("ix_events_person", "person_id", "occurred_on"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", ID, ForeignKey("people.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    Column("previous", String(16)),
    Column("reason", Text, nullable=False),
    Column("author", AUTHOR, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    # copies of the person's (migration 8), kept by the database for row-level security
    Column("team", ID, nullable=False, server_default="default"),
    Column("counsellor", AUTHOR),
    Index("ix_decisions_person", "person_id"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", AUTHOR, nullable=False),
    Column("action", String(32), nullable=False),
    Column("person_id", ID),
    Column("detail", Text, nullable=False),
    Index("ix_audit_person", "person_id"),
    Index("ix_audit_at", "at"),
    Index("ix_audit_actor", "actor", "id"),
    # no RETURNING: a user may append to a log without reading it (roles.py)
    implicit_returning=False,
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

erasures = Table(
    "erasures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pseudonym", String(64), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("pseudonym", name="uq_erasures_pseudonym"),
)

backups = Table(
    "backups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    Column("actor", AUTHOR, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("name", AUTHOR, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("team", ID, ForeignKey("teams.id")),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column("person_id", ID, ForeignKey("people.id"), primary_key=True),
    Column("user_name", AUTHOR, primary_key=True),
    Column("granted_by", AUTHOR, nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
)

access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", AUTHOR, nullable=False),
    Column("action", String(32), nullable=False),
    Column("person_id", ID),
    Column("detail", Text, nullable=False),
    Index("ix_access_log_person", "person_id", "id"),
    Index("ix_access_log_actor", "actor", "id"),
    Index("ix_access_log_at", "at"),
    implicit_returning=False,
)

research = Table(
    "research",
    metadata,
    Column("pid", String(64), primary_key=True),
    Column("row", Text, nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
    Column("history", Text),  # the research history (histories.py), migration 7
)

DATA_TABLES = (
    "teams",
    "people",
    "revisions",
    "events",
    "decisions",
    "audit",
    "meta",
    "erasures",
    "backups",
    "users",
    "shares",
    "access_log",
)
