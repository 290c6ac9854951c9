"""Synthetic caseloads in a store: ``fill_demo(store, n, seed)`` adds ``n`` people from
:func:`padplanner.demo.generate`, plans everyone at their term start (revision 1) and, by
default, simulates the progress recorded since (hours, exams, components, placements, jobs,
conversations), so the caseload shows people on track, behind and at risk.

Plans and summaries are computed in Python first; rows go in with executemany in one
transaction, so 700 people take about as long as planning them.

Simulated progress (``fill_demo(progress=True)``): each person attends a share of the planned
hours drawn from N(0.88, 0.15) clipped to 0.2-1.05 (a quarter of the people lag behind), in
four-week batches; an activity that ended with at least 80 % attended grants what it
promises (exams passed, KNM/PVT/MAP completed, a placement ended); 40 % of completed
placements lead to a job two weeks later (domain: 27-31 % have a job after 3 years [CBS]);
planned conversations take place with 85 % chance; 3 % get a birth extension (+16 weeks
[law]).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from padplanner.demo import generate
from padplanner.engine.chance import DRAWS
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import Client, Level
from padplanner.model.levels import SKILLS
from padplanner.store import caseload, people
from padplanner.store.codec import checksum, to_json
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    ExamResult,
    ExtensionGranted,
    HoursAttended,
    JobStarted,
    PlacementEnded,
    PlacementStarted,
    check_author,
)
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
            plan = planner.plan(client, at=client.term_start, draws=DRAWS)
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


def simulate(client: Client, plan: Any, today: date, rng: random.Random) -> list[Any]:
    """Progress events from the plan's start up to ``today`` (see the module docstring)."""
    out: list[Any] = []
    rate = min(1.05, max(0.2, rng.gauss(0.88, 0.15)))
    completed_placement = None
    for activity in plan.activities:
        if activity.start >= today:
            continue
        if activity.module.startswith("wep-"):
            out.append(PlacementStarted(activity.start, activity.module.removeprefix("wep-")))
        attended = 0.0
        day = activity.start
        while day < min(activity.end, today):
            step = min(28, (min(activity.end, today) - day).days)
            hours = round(activity.hours_per_week * step / 7 * rate * rng.uniform(0.85, 1.15), 1)
            hours = min(hours, max(0.0, activity.hours - attended))
            if hours > 0:
                out.append(HoursAttended(day + timedelta(days=step - 1), activity.module, hours))
                attended += hours
            day += timedelta(days=step)
        if activity.end > today or attended < 0.8 * activity.hours:
            continue
        for grant in activity.grants:
            name, _, level = grant.partition(">=")
            if name in SKILLS and level:
                out.append(ExamResult(activity.end, name, Level.parse(level), passed=True))
            elif name in ("knm", "pvt", "map", "values"):
                out.append(ComponentCompleted(activity.end, name))
            elif name == "diploma-evaluated":
                out.append(ComponentCompleted(activity.end, "diploma-evaluated"))
        if activity.module.startswith("wep-"):
            sector = activity.module.removeprefix("wep-")
            out.append(PlacementEnded(activity.end, sector, completed=True))
            completed_placement = (sector, activity.end)
    if completed_placement and rng.random() < 0.4:
        sector, ended = completed_placement
        job_day = ended + timedelta(weeks=2)
        if job_day <= today:
            out.append(JobStarted(job_day, sector, rng.choice((16, 24, 32)), path_hours=8))
    for check_in in plan.check_ins:
        if check_in.date <= today and rng.random() < 0.85:
            out.append(ContactHeld(check_in.date, "progress"))
    if rng.random() < 0.03:
        day = client.term_start + timedelta(days=rng.randint(30, 700))
        if day <= today:
            out.append(ExtensionGranted.birth(day))
    out.sort(key=lambda e: e.on)
    return out


def fill_demo(
    store: Any,
    n: int = 700,
    seed: int = 0,
    *,
    today: date | None = None,
    planner: Any = None,
    progress: bool = True,
    author: str = "demo",
    report: Any = None,
) -> int:
    """Add ``n`` synthetic people to ``store``, each planned at the term start (revision 1).

    ``today`` (default: the store's today) places the term starts and ends the simulated
    progress. ``report(done, total)``, when given, is called while planning (every 25 people
    and at the end), e.g. for a progress bar. Returns the number of people added. Fast: one
    transaction, bulk inserts.
    """
    today = today or store.today()
    if planner is None:
        from padplanner.engine.planner import Planner

        planner = Planner.default()
    people = generate(n, seed, today)
    rng = random.Random(f"{seed}-progress")
    return bulk_fill(store, people, planner, today, rng, progress, author, simulate, report)
