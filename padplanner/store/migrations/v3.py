"""Schema version 3: the caseload summary on ``people`` (route, phase, deadline, risk, ...)
with indexes, and the ``meta`` table; existing rows are back-filled and marked for a full
refresh (phase, risk and milestones need today's date)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)

from padplanner.store.migrations.ddl import add_column, quoted
from padplanner.store.names import name_key


def apply(conn: Connection) -> None:
    columns = [
        Column("name_key", String(200), nullable=False, server_default=quoted("")),
        Column("route", String(16)),
        Column("phase", String(16), nullable=False, server_default=quoted("intake")),
        Column("next_milestone", String(64)),
        Column("next_milestone_date", Date),
        Column("deadline", Date),
        Column("slack_weeks", Integer),
        Column("risk", String(16), nullable=False, server_default=quoted("none")),
        Column("risk_flags", String(64), nullable=False, server_default=quoted("")),
        Column("revision", Integer, nullable=False, server_default="0"),
        Column("last_contact", Date),
        Column("cadence_weeks", Integer, nullable=False, server_default="13"),
    ]
    for column in columns:
        add_column(conn, "people", column)
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
