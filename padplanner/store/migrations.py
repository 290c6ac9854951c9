"""Versioned migrations: a small runner with a ``schema_version`` table.

Every migration is a numbered step with a description and a function that changes the schema
inside one transaction (DDL is transactional on both SQLite and PostgreSQL, so a step is
applied completely or not at all). Steps define their own tables as they were at that version;
they never import ``schema.py``, which only describes the head. Migrating is safe to run from
two processes at once: the runner takes a write lock (``BEGIN IMMEDIATE`` on SQLite, an
advisory lock on PostgreSQL) and re-reads the version under it.

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
   append-only access log and the research snapshot (``migration_teams.py``).
7. the chance to finish on time in the caseload summary.
8. ``team`` and ``counsellor`` copied onto revisions, events and decisions, so row-level
   security reads them in the row instead of looking the person up for every row; the
   research snapshot keeps the research histories too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime

import attrs
from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
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
    inspect,
    literal_column,
    select,
    text,
)
from sqlalchemy.sql.elements import Grouping

from padplanner.store import migration_teams
from padplanner.store.connect import WRITE
from padplanner.store.errors import SchemaTooNew
from padplanner.store.names import name_key
from padplanner.store.schema import schema_version

PG_LOCK_KEY = 7_204_2021  # advisory lock id for migrations


@attrs.frozen
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


# -- version 1 -------------------------------------------------------------------------------
def _v1(conn: Connection) -> None:
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


# -- version 2 -------------------------------------------------------------------------------
_APPEND_ONLY = "the audit log is append-only"


def _v2(conn: Connection) -> None:
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


# -- version 3 -------------------------------------------------------------------------------
def _add_column(conn: Connection, table: str, column: Column) -> None:
    kind = column.type.compile(dialect=conn.dialect)
    sql = f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"
    if column.server_default is not None:
        sql += f" DEFAULT {column.server_default.arg!s}"
        if not column.nullable:
            sql += " NOT NULL"
    conn.exec_driver_sql(sql)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _v3(conn: Connection) -> None:
    columns = [
        Column("name_key", String(200), nullable=False, server_default=_quoted("")),
        Column("route", String(16)),
        Column("phase", String(16), nullable=False, server_default=_quoted("intake")),
        Column("next_milestone", String(64)),
        Column("next_milestone_date", Date),
        Column("deadline", Date),
        Column("slack_weeks", Integer),
        Column("risk", String(16), nullable=False, server_default=_quoted("none")),
        Column("risk_flags", String(64), nullable=False, server_default=_quoted("")),
        Column("revision", Integer, nullable=False, server_default="0"),
        Column("last_contact", Date),
        Column("cadence_weeks", Integer, nullable=False, server_default="13"),
    ]
    for column in columns:
        _add_column(conn, "people", column)
    md = MetaData()
    people = Table(
        "people",
        md,
        Column("id", String(64), primary_key=True),
        Column("name", Text),
        *[Column(c.name, c.type) for c in columns],
    )
    for name, cols in (
        ("ix_people_name_key", ("name_key", "id")),
        ("ix_people_route", ("route",)),
        ("ix_people_risk", ("risk",)),
        ("ix_people_deadline", ("deadline",)),
        ("ix_people_slack", ("slack_weeks",)),
    ):
        Index(name, *[people.c[c] for c in cols]).create(conn)
    meta = Table(
        "meta",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    meta.create(conn)
    revisions = Table(
        "revisions",
        md,
        Column("person_id", String(64)),
        Column("revision", Integer),
        Column("plan", Text),
    )
    # back-fill: the name key and the summary of each person's latest revision
    latest = {}
    for row in conn.execute(select(revisions.c.person_id, revisions.c.revision, revisions.c.plan)):
        if row.revision > latest.get(row.person_id, (0, ""))[0]:
            latest[row.person_id] = (row.revision, row.plan)
    rows = conn.execute(select(people.c.id, people.c.name)).all()
    for person_id, name in rows:
        values: dict = {"name_key": name_key(name)}
        if person_id in latest:
            revision, plan_text = latest[person_id]
            plan = json.loads(plan_text)
            values.update(
                revision=revision,
                route=plan["route"]["id"],
                deadline=date.fromisoformat(plan["deadline"]),
                slack_weeks=plan["slack_weeks"],
                phase="planned",
            )
        conn.execute(people.update().where(people.c.id == person_id).values(**values))
    if rows:  # phase, risk and milestones need today's date: the store refreshes them on open
        conn.execute(meta.insert().values(key="refresh", value="1"))


def _v4(conn: Connection) -> None:
    md = MetaData()
    people = Table(
        "people",
        md,
        Column("id", String(64), primary_key=True),
        *[
            Column(name, kind)
            for name, kind in (
                ("municipality", String(6)),
                ("route", String(16)),
                ("phase", String(16)),
                ("next_milestone_date", Date),
                ("deadline", Date),
                ("slack_weeks", Integer),
                ("risk", String(16)),
                ("revision", Integer),
            )
        ],
    )
    for name in (
        "ix_people_municipality",
        "ix_people_route",
        "ix_people_deadline",
        "ix_people_slack",
    ):
        conn.execute(text(f"DROP INDEX {name}"))
    for name, column in (
        ("ix_people_municipality", "municipality"),
        ("ix_people_route", "route"),
        ("ix_people_deadline", "deadline"),
        ("ix_people_slack", "slack_weeks"),
        ("ix_people_phase", "phase"),
        ("ix_people_next_milestone", "next_milestone_date"),
        ("ix_people_revision", "revision"),
    ):
        Index(name, people.c[column], people.c.id).create(conn)
    risk_rank = case(
        {
            literal_column(f"'{name}'"): literal_column(str(rank))
            for rank, name in enumerate(("none", "contact", "behind", "deadline"))
        },
        value=people.c.risk,
        else_=literal_column("0"),
    )
    Index("ix_people_risk_order", Grouping(risk_rank), people.c.id).create(conn)


def _v5(conn: Connection) -> None:
    md = MetaData()
    Table(
        "erasures",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("pseudonym", String(64), nullable=False),
        Column("erased_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("pseudonym", name="uq_erasures_pseudonym"),
    )
    Table(
        "backups",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("path", Text, nullable=False),
        Column("written_at", DateTime(timezone=True), nullable=False),
        Column("actor", String(100), nullable=False),
    )
    md.create_all(conn)
    meta = Table(
        "meta",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    people = Table(
        "people",
        md,
        Column("id", String(64), primary_key=True),
        Column("forgotten_at", DateTime(timezone=True)),
    )
    forgotten = conn.execute(
        select(people.c.id, people.c.forgotten_at).where(people.c.forgotten_at.is_not(None))
    ).all()
    if forgotten:
        key = conn.execute(select(meta.c.value).where(meta.c.key == "research_key")).scalar()
        if key is None:
            key = secrets.token_hex(32)
            conn.execute(meta.insert().values(key="research_key", value=key))
        conn.execute(
            md.tables["erasures"].insert(),
            [
                {
                    # the pseudonym of ``pseudonyms.py``, written out: a step never changes
                    "pseudonym": hmac.new(
                        bytes.fromhex(key), person.encode("utf-8"), hashlib.sha256
                    ).hexdigest()[:20],
                    "erased_at": when,
                }
                for person, when in forgotten
            ],
        )
    anyone = conn.execute(select(people.c.id).limit(1)).first()
    if anyone is not None and conn.dialect.name == "sqlite":
        conn.execute(meta.insert().values(key="vacuum_before_erasure", value="1"))


def _v7(conn: Connection) -> None:
    """The chance to finish on time of each person's latest revision, for the caseload (a
    column and an index); back-filled from the plans that carry one."""
    _add_column(conn, "people", Column("on_time", Float))
    md = MetaData()
    people = Table(
        "people", md, Column("id", String(64), primary_key=True), Column("on_time", Float)
    )
    Index("ix_people_on_time", people.c.on_time, people.c.id).create(conn)
    revisions = Table(
        "revisions",
        md,
        Column("person_id", String(64)),
        Column("revision", Integer),
        Column("plan", Text),
    )
    latest: dict[str, tuple[int, str]] = {}
    for row in conn.execute(select(revisions.c.person_id, revisions.c.revision, revisions.c.plan)):
        if row.revision > latest.get(row.person_id, (0, ""))[0]:
            latest[row.person_id] = (row.revision, row.plan)
    for person_id, (_, plan_text) in latest.items():
        chance = json.loads(plan_text).get("on_time")
        if chance:
            conn.execute(
                people.update()
                .where(people.c.id == person_id)
                .values(on_time=float(chance["probability"]))
            )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "people, plan revisions, progress events, audit log", _v1),
    Migration(2, "counsellor decisions; append-only audit log", _v2),
    Migration(3, "caseload summary columns and indexes; meta table", _v3),
    Migration(4, "an index for every caseload order", _v4),
    Migration(5, "erasure register; backup register", _v5),
    Migration(6, "teams, counsellors, users, shares, access log, research", migration_teams.apply),
    Migration(7, "the chance to finish on time in the caseload summary", _v7),
    Migration(
        8,
        "team and counsellor on revisions, events, decisions; research histories",
        migration_teams.apply_child_columns,
    ),
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
