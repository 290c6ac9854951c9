"""Schema version 7: the chance to finish on time in the caseload summary."""

from __future__ import annotations

import json

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)

from padplanner.store.migrations.ddl import add_column


def apply(conn: Connection) -> None:
    """The chance to finish on time of each person's latest revision, for the caseload (a
    column and an index); back-filled from the plans that carry one."""
    add_column(conn, "people", Column("on_time", Float))
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
