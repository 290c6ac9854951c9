"""Bulk loading of synthetic caseloads (``padplanner.demo.fill_demo``): one transaction.

Plans and summaries are computed in Python first; rows go in with executemany, so 700 people
take about as long as planning them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select

from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import Client
from padplanner.store import caseload, people
from padplanner.store.codec import checksum, to_json
from padplanner.store.events import check_author
from padplanner.store.schema import audit, events, revisions
from padplanner.store.schema import people as people_table

CHUNK = 2000


def bulk_fill(
    store: Any,
    clients: Sequence[Client],
    planner: Any,
    today: date,
    rng: random.Random,
    progress: bool,
    author: str,
    simulate: Callable[..., list],
    report: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``clients`` with a first plan (and simulated progress); returns how many."""
    check_author(author)
    ids = [c.id for c in clients]
    with store.read() as conn:
        for start in range(0, len(ids), 500):
            taken = conn.execute(
                select(func.count())
                .select_from(people_table)
                .where(people_table.c.id.in_(ids[start : start + 500]))
            ).scalar()
            if taken:
                raise InputError(
                    [
                        Problem(
                            store.url,
                            "",
                            "already holds synthetic people with these ids; "
                            "use an empty database (--db)",
                        )
                    ]
                )
    now = store.now()
    cadences: dict[str, int] = {}
    person_rows: list[dict] = []
    revision_rows: list[dict] = []
    event_rows: list[dict] = []
    audit_rows: list[dict] = []
    for done, client in enumerate(clients):
        if report is not None and done % 25 == 0:
            report(done, len(clients))
        try:
            plan = planner.plan(client, at=client.term_start)
        except (InputError, PlanningError):
            plan = None  # stays at the intake phase; the TUI shows why when it is opened
        recorded = simulate(client, plan, today, rng) if progress and plan else []
        municipality = client.municipality
        if municipality not in cadences:
            cadences[municipality] = int(
                planner.catalog(municipality).param("check_in_weeks", today)
            )
        summary = caseload.summarise(
            client, recorded, [], plan, 1 if plan else 0, today, cadences[municipality]
        )
        person_rows.append(
            dict(
                id=client.id,
                **people.intake_columns(client),
                created_at=now,
                updated_at=now,
                forgotten_at=None,
                cadence_weeks=cadences[municipality],
                **summary,
            )
        )
        audit_rows.append(
            dict(at=now, actor=author, action="create", person_id=client.id, detail="demo")
        )
        if plan is not None:
            plan_json = plan.to_json(indent=None)
            revision_rows.append(
                dict(
                    person_id=client.id,
                    revision=1,
                    author=author,
                    created_at=now,
                    reason="intake plan (synthetic demo)",
                    reference_date=plan.reference_date,
                    plan=plan_json,
                    adjustments="{}",
                    checksum=checksum(plan_json),
                )
            )
        for event in recorded:
            event_rows.append(
                dict(
                    person_id=client.id,
                    kind=event.kind,
                    occurred_on=event.on,
                    recorded_at=now,
                    author=author,
                    data=to_json(event.data()),
                    note=None,
                )
            )
    if report is not None:
        report(len(clients), len(clients))
    with store.write() as conn:
        for table, rows in (
            (people_table, person_rows),
            (revisions, revision_rows),
            (events, event_rows),
            (audit, audit_rows),
        ):
            for start in range(0, len(rows), CHUNK):
                conn.execute(table.insert(), rows[start : start + CHUNK])
    return len(person_rows)
