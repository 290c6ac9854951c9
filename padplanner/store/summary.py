"""Keeping each person's caseload row current, and reading many people's state at once.

The caseload columns of ``people`` (phase, risk, next milestone, ...) summarise the latest
revision and the progress record (``caseload.summarise``). They are rewritten when either
changes, and for everyone by ``refresh`` (contact and schedule risks change with the date
alone). ``bulk`` reads the state of many people in a few queries, for ``refresh`` and for
planning a cohort.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from padplanner.model import Plan
from padplanner.store import caseload, histories, people, recorded, research, revisions
from padplanner.store.events import Decision, Event, event_from_row
from padplanner.store.schema import decisions, events, meta
from padplanner.store.schema import people as people_table
from padplanner.store.schema import revisions as revisions_table

if TYPE_CHECKING:
    from padplanner.store.core import Core


def refresh_person(conn: Connection, row: Any, today: date) -> None:
    """Rewrite one person's caseload columns from what is stored now."""
    found = revisions.latest(conn, row.id)
    loaded = recorded.load(conn, row.id, row)
    summary = caseload.summarise(
        people.client_from_row(row),
        loaded.events,
        loaded.decisions,
        revisions.latest_plan(found),
        found.revision if found else 0,
        today,
        row.cadence_weeks,
    )
    people.update(conn, {"pid": row.id, **summary})


def bulk(conn: Connection, ids: list[str]) -> dict[str, tuple]:
    """Row, events, decisions and latest revision (number, plan JSON) of many people."""
    t = people_table
    rows = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(ids)))}
    found: dict[str, list[Event]] = {i: [] for i in rows}
    for r in conn.execute(
        select(events.c.person_id, events.c.kind, events.c.occurred_on, events.c.data,
               events.c.note)
        .where(events.c.person_id.in_(ids))
        .order_by(events.c.person_id, events.c.occurred_on, events.c.id)
    ):  # fmt: skip
        found[r.person_id].append(event_from_row(r.kind, r.occurred_on, r.data, r.note))
    chosen: dict[str, list[Decision]] = {i: [] for i in rows}
    for r in conn.execute(
        select(decisions.c.person_id, decisions.c.kind, decisions.c.value,
               decisions.c.reason, decisions.c.previous)
        .where(decisions.c.person_id.in_(ids))
        .order_by(decisions.c.id)
    ):  # fmt: skip
        chosen[r.person_id].append(Decision(r.kind, r.value, r.reason, r.previous))
    rev = revisions_table
    newest = (
        select(rev.c.person_id, func.max(rev.c.revision).label("number"))
        .where(rev.c.person_id.in_(ids))
        .group_by(rev.c.person_id)
        .subquery()
    )
    latest = {
        r.person_id: (r.revision, r.plan)
        for r in conn.execute(
            select(rev.c.person_id, rev.c.revision, rev.c.plan).join(
                newest,
                (rev.c.person_id == newest.c.person_id) & (rev.c.revision == newest.c.number),
            )
        )
    }
    return {i: (rows[i], found[i], chosen[i], latest.get(i)) for i in rows}


def refresh(core: Core, today: date, chunk: int = 500) -> int:
    """Recompute everyone's caseload columns as of ``today``, ``chunk`` people a transaction;
    returns how many people."""
    with core.read() as conn:
        ids = [i for (i,) in conn.execute(select(people_table.c.id).order_by(people_table.c.id))]
    for start in range(0, len(ids), chunk):
        with core.write() as conn:
            updates = []
            for person_id, (row, found, chosen, latest) in bulk(
                conn, ids[start : start + chunk]
            ).items():
                summary = caseload.summarise(
                    people.client_from_row(row),
                    found,
                    chosen,
                    Plan.from_json(latest[1]) if latest else None,
                    latest[0] if latest else 0,
                    today,
                    row.cadence_weeks,
                )
                updates.append({"pid": person_id, **summary})
            if updates:
                people.update(conn, updates)
    if not core.access.enforced:  # the owner (or the one user of a file) rebuilds it
        research.rebuild(core)
        histories.rebuild_snapshot(core)
    return len(ids)


def refresh_if_marked(core: Core) -> None:
    """Refresh everyone when a migration asked for it (it could not know today's date)."""
    with core.read() as conn:
        marked = conn.execute(select(meta.c.value).where(meta.c.key == "refresh")).scalar()
    if marked:
        refresh(core, core.today())
        with core.write() as conn:
            conn.execute(meta.delete().where(meta.c.key == "refresh"))
