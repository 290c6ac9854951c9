"""Schema version 4: an index for every caseload order, ending in ``id`` (the tie-breaker),
and one on the risk order expression: a page in any order no longer sorts the whole
caseload."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    case,
    literal_column,
    text,
)
from sqlalchemy.sql.elements import Grouping


def apply(conn: Connection) -> None:
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
