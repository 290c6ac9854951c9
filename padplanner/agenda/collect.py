"""The counsellor's week from the caseload: everyone's items, read in chunks, filtered by
counsellor, with the law's figures from each person's municipality catalogue.

Who follows whom: the counsellor the person is assigned to (``person assign``, or the
import's counsellor column). Showing the agenda shows personal data (names):
it is one look per person listed in the access log.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs
from sqlalchemy import select

from padplanner.agenda.items import Item, PersonState, Week, items_for, order
from padplanner.engine.asked import Asked
from padplanner.errors import InputError, PlanningError
from padplanner.model import Client, Plan
from padplanner.store import accesslog, people, summary
from padplanner.store.derive import derive
from padplanner.store.schema import people as people_table

CHUNK = 500


def states(store: Any, planner: Any, counsellor: str | None = None) -> Iterator[PersonState]:
    """Everyone's state (only ``counsellor``'s people when given), erased people left out."""
    query = (
        select(people_table.c.id)
        .where(people_table.c.forgotten_at.is_(None))
        .order_by(people_table.c.id)
    )
    if counsellor is not None:
        query = query.where(people_table.c.counsellor == counsellor)
    with store.read() as conn:
        ids = [r.id for r in conn.execute(query)]
    kinds: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        with store.read() as conn:
            found = summary.bulk(conn, ids[start : start + CHUNK])
        for person_id in ids[start : start + CHUNK]:
            if person_id not in found:
                continue
            row, events, decisions, latest = found[person_id]
            if row.forgotten_at is not None:
                continue
            intake = people.client_from_row(row)
            current = derive(intake, events, decisions)
            if current.municipality not in kinds:
                modules = planner.catalog(current.municipality).modules
                kinds[current.municipality] = {m: modules[m].kind for m in modules}
            yield PersonState(
                intake,
                current,
                tuple(events),
                _with_switch_day(planner, current, Plan.from_json(latest[1])) if latest else None,
                row.name,
                row.counsellor,
                kinds[current.municipality],
            )


def _with_switch_day(planner: Any, client: Client, plan: Plan) -> Plan:
    """The plan, its term naming the last day of the route-switch window: a plan saved before
    plans carried that day gets it from the rules, asked as the plan was made."""
    if plan.term is not None and plan.term.switch_until is not None:
        return plan
    try:
        term = planner.term(client, plan.reference_date)
    except (InputError, PlanningError):
        return plan  # the person cannot be planned now: the agenda shows what it can
    return plan if term is None else attrs.evolve(plan, term=term)


def agenda(
    store: Any, planner: Any, day: date, counsellor: str | None = None, *, log: bool = True
) -> tuple[Week, list[Item]]:
    """The week of ``day`` and every item due or overdue in it, in agenda order."""
    week = Week.of(day)
    items: list[Item] = []
    asked: dict[str, Asked] = {}
    for state in states(store, planner, counsellor):
        code = state.current.municipality
        if code not in asked:
            asked[code] = Asked(planner, code)
        items.extend(items_for(state, week, asked[code]))
    items = order(items)
    if log and items:
        with store.write() as conn:
            ids = sorted({i.person_id for i in items})
            accesslog.append_many(conn, store.now(), store.actor, "show", ids, "agenda")
    return week, items
