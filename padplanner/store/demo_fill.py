"""Synthetic caseloads in a store: ``fill_demo(store, n, seed)`` adds ``n`` people from
:func:`padplanner.demo.generate`, plans everyone at their term start (revision 1) and, by
default, simulates the progress recorded since (hours, exams, components, placements, jobs,
conversations), so the caseload shows people on track, behind and at risk.

Plans and summaries are computed in Python first; rows go in with executemany in one
transaction, so 700 people take about as long as planning them.

Simulated progress (``fill_demo(progress=True)``) comes from known true values (hours per
learner profile, an effect per intervention on finding work, a seeded lottery for intensive
mediation among the people tied at the cut-off): see ``demo_history.py``, so the evidence
tools can be checked against the truth.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from padplanner.demo import FALLBACK_MUNICIPALITIES, generate
from padplanner.engine.asked import ProfileHours
from padplanner.engine.chance import DRAWS
from padplanner.engine.served import served
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.i18n import resolve_lang, texts
from padplanner.i18n.messages import Texts
from padplanner.model import Client
from padplanner.store import caseload, people
from padplanner.store.codec import to_json
from padplanner.store.demo_counsel import counsel
from padplanner.store.demo_history import TRUTH, mediation_candidates, simulate
from padplanner.store.events import Decision
from padplanner.store.lottery import decisions as lottery_decisions
from padplanner.store.lottery import draw_lots
from padplanner.store.revisions import first_row as first_revision_row
from padplanner.store.schema import audit, decisions, events, revisions
from padplanner.store.schema import people as people_table
from padplanner.store.validation import check_author

CHUNK = 2000


def bulk_fill(
    store: Any,
    clients: Sequence[Client],
    planner: Any,
    today: date,
    rng: random.Random,
    progress: bool,
    author: str,
    simulate: Callable[..., tuple[list, list]],
    report: Callable[[int, int], None] | None = None,
    decided: Mapping[str, Sequence[tuple[Decision, datetime]]] | None = None,
    t: Texts | None = None,
) -> int:
    """Add ``clients`` with a first plan (and simulated progress); returns how many.
    ``t``: the language the revisions' reasons are written in (default: the reader's).

    ``simulate(client, plan, today, rng)`` gives the events recorded and the plans saved
    after the first (revisions 2, 3, ...). ``decided``: counsellor decisions per person with
    the time they were taken (the demo's lottery draws), each with its audit entry."""
    check_author(author)
    t = t or texts(resolve_lang())
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
    decision_rows: list[dict] = []
    for done, client in enumerate(clients):
        if report is not None and done % 25 == 0:
            report(done, len(clients))
        try:
            plan = planner.plan(client, at=client.term_start, draws=DRAWS)
        except (InputError, PlanningError):
            plan = None  # stays at the intake phase; the TUI shows why when it is opened
        recorded, later = simulate(client, plan, today, rng) if progress and plan else ([], [])
        municipality = client.municipality
        if municipality not in cadences:
            cadences[municipality] = int(
                planner.catalog(municipality).param("check_in_weeks", today)
            )
        latest = later[-1] if later else plan
        summary = caseload.summarise(
            client, recorded, [], latest, 1 + len(later) if plan else 0, today,
            cadences[municipality],
        )  # fmt: skip
        person_rows.append(people.new_row(client, now, cadences[municipality], **summary))
        audit_rows.append(
            dict(at=now, actor=author, action="create", person_id=client.id, detail="demo")
        )
        if plan is not None:
            revision_rows.append(
                first_revision_row(
                    client.id,
                    plan.reference_date,
                    plan.to_json(indent=None),
                    author,
                    now,
                    t("demo.reason.intake"),
                )
            )
        for number, made in enumerate(later, start=2):
            revision_rows.append(later_revision_row(client.id, number, made, author, now, t))
            audit_rows.append(
                dict(at=now, actor=author, action="revision", person_id=client.id,
                     detail=f"revision {number}")
            )  # fmt: skip
        for decision, at in (decided or {}).get(client.id, ()):
            decision_rows.append(
                dict(
                    person_id=client.id,
                    kind=decision.kind,
                    value=decision.value,
                    previous=decision.previous,
                    reason=decision.reason,
                    author=author,
                    decided_at=at,
                )
            )
            audit_rows.append(
                dict(at=at, actor=author, action=decision.kind, person_id=client.id,
                     detail=decision.reason)
            )  # fmt: skip
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
            (decisions, decision_rows),
            (audit, audit_rows),
        ):
            for start in range(0, len(rows), CHUNK):
                conn.execute(table.insert(), rows[start : start + CHUNK])
    return len(person_rows)


def later_revision_row(
    person_id: str, number: int, plan: Any, author: str, now: Any, t: Texts
) -> dict:
    """The row of a revision after the first that the demo's counsellor saved (an amended plan
    after exams, ``demo_counsel.py``), its reason in the demo's language."""
    reason = t("demo.reason.amended", date=t.date(plan.reference_date))
    row = first_revision_row(
        person_id, plan.reference_date, plan.to_json(indent=None), author, now, reason
    )
    return {**row, "revision": number}


def demo_municipalities(manager: Any) -> tuple[tuple[str, int], ...]:
    """Where the demo's people live: evenly over the municipalities the installed plugins
    serve, so the demo shows their rules; without one, the fallback shares of
    :data:`padplanner.demo.FALLBACK_MUNICIPALITIES`."""
    return tuple((code, 1) for code in served(manager)) or FALLBACK_MUNICIPALITIES


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
    lang: str | None = None,
) -> int:
    """Add ``n`` synthetic people to ``store``, each planned at the term start (revision 1).

    ``today`` (default: the store's today) places the term starts and ends the simulated
    progress. The people live in the municipalities of :func:`demo_municipalities`.
    ``report(done, total)``, when given, is called while planning (every 25 people and at the
    end), e.g. for a progress bar. ``lang``: the language of the revisions' reasons, as a
    counsellor would have written them (default: ``PADPLANNER_LANG``, else Dutch). Returns
    the number of people added. Fast: one transaction, bulk inserts.
    """
    today = today or store.today()
    if planner is None:
        from padplanner.engine.planner import Planner

        planner = Planner.default()
    people = generate(n, seed, today, demo_municipalities(planner.manager))
    rng = random.Random(f"{seed}-progress")
    mediated, decided = _mediation_lotteries(people, seed) if progress else (set(), {})
    unit_hours: dict[str, ProfileHours] = {}

    def history(client: Client, plan: Any, today: date, rng: random.Random) -> tuple[list, list]:
        catalog = planner.catalog(client.municipality)
        unit = unit_hours.setdefault(
            client.municipality, ProfileHours(planner, client.municipality)
        )
        simulated = simulate(client, plan, today, rng, catalog, unit, client.id in mediated)
        chosen = [decision for decision, _ in decided.get(client.id, ())]
        own = random.Random(f"{seed}-counsel-{client.id}")
        return counsel(client, plan, simulated, today, own, planner, chosen)

    t = texts(resolve_lang(lang))
    return bulk_fill(
        store, people, planner, today, rng, progress, author, history, report, decided, t
    )


def _mediation_lotteries(people: Sequence[Client], seed: int) -> tuple[set[str], dict]:
    """Who gets intensive mediation in the demo (``demo_history.py``): per municipality a
    lottery among the people tied at the cut-off; their decisions, dated a week into their
    term."""
    starts = {c.id: c.term_start for c in people}
    mediated: set[str] = set()
    decided: dict[str, list] = {}
    for index, (_code, candidates) in enumerate(sorted(mediation_candidates(people).items())):
        places = round(TRUTH.mediation_share * len(candidates))
        lottery = draw_lots(candidates, places, seed * 1000 + index, "mediation")
        mediated |= {d.person for d in lottery.draws if d.result in ("before", "drawn")}
        for person, decision in lottery_decisions(lottery):
            day = starts[person] + timedelta(weeks=1)
            at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            decided.setdefault(person, []).append((decision, at))
    return mediated, decided
