"""Importing many intakes at once: each person added or updated and planned, in one
transaction, so an import is all or nothing.

``prepare`` reads who is already in the database (in chunks), decides per person whether the
row adds, updates or leaves them unchanged, and plans everyone who is added or updated,
outside any transaction: new people at ``today`` from their intake, updated people from their
corrected intake with everything recorded since (as ``replan`` does, keeping the route after
the switch window). The counsellor named in a row (if any) is who follows the person (``people.counsellor``);
when the database has registered users, it must be one of them. ``write`` then stores it all
in one write transaction: new people with
their first revision in bulk, corrections with a new revision on top of the latest, and one
audit entry per person plus one for the import. A database changed by someone else in between
refuses the whole import with a message; nothing is half-written.

A person is identified by their id (the mapping makes it from the dossier number). A person
whose data was erased (``forget``) is never imported again: their row is refused.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy.exc import IntegrityError

from padplanner.clientfile import client_to_dict
from padplanner.engine.adjust import Adjustments
from padplanner.engine.chance import DRAWS
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import Client, Plan
from padplanner.store import caseload, people, revisions, staff, summary, workflow
from padplanner.store.errors import StaleRevision
from padplanner.store.schema import audit
from padplanner.store.schema import people as people_table
from padplanner.store.schema import revisions as revisions_table
from padplanner.store.validation import check_author

if TYPE_CHECKING:
    from padplanner.store.core import Core

CHUNK = 500
ACTIONS: tuple[str, ...] = ("added", "updated", "unchanged", "refused")


@attrs.frozen
class Incoming:
    """One row's intake, the counsellor named in the row (or None) and the row number."""

    client: Client
    row: int
    counsellor: str | None = None


@attrs.frozen
class NewPlan:
    """A new person's first plan as it is stored, made where it was planned (a worker
    process): its JSON, its reference date and the caseload columns it gives, so the plan
    itself never travels between processes."""

    plan_json: str
    reference_date: date
    columns: dict[str, Any]


@attrs.frozen
class Prepared:
    """What the import does with one person: ``action`` is one of ``ACTIONS``; ``problem``
    says why a row is refused (``erased`` or ``plan``) with its message. ``plan`` is the
    corrected plan of an updated person, ``new`` the first plan of an added one."""

    incoming: Incoming
    action: str
    plan: Plan | None = None
    new: NewPlan | None = None
    base: int = 0
    adjust: Adjustments | None = None
    cadence: int = 13
    problem: tuple[str, str] | None = None


def _same(a: Client, b: Client) -> bool:
    return client_to_dict(a) == client_to_dict(b)


def prepare(core: Core, incoming: Sequence[Incoming], planner: Any, today: date) -> list[Prepared]:
    """Decide and plan every person (no transaction is held while planning)."""
    cadences: dict[str, int] = {}

    def cadence(municipality: str) -> int:
        if municipality not in cadences:
            cadences[municipality] = int(
                planner.catalog(municipality).param("check_in_weeks", today)
            )
        return cadences[municipality]

    with core.read() as conn:
        users = {u.name: u for u in staff.user_list(conn)}
    out: list[Prepared] = []
    new: list[Incoming] = []
    for item in list(incoming):
        name = item.counsellor
        if users and name is not None and (name not in users or not users[name].active):
            out.append(Prepared(item, "refused", problem=("counsellor", name)))
    refused = {p.incoming.row for p in out}
    incoming = [i for i in incoming if i.row not in refused]
    for start in range(0, len(incoming), CHUNK):
        batch = incoming[start : start + CHUNK]
        with core.read() as conn:
            state = summary.bulk(conn, [i.client.id for i in batch])
        for item in batch:
            client = item.client
            found = state.get(client.id)
            if found is None:
                new.append(item)
                continue
            try:
                row, events, decisions, latest = found
                if row.forgotten_at is not None:
                    out.append(Prepared(item, "refused", problem=("erased", "")))
                    continue
                if _same(people.client_from_row(row), client):
                    base = latest[0] if latest else 0
                    moved = item.counsellor is not None and item.counsellor != row.counsellor
                    out.append(Prepared(item, "updated" if moved else "unchanged", base=base))
                    continue
                with core.read() as conn:  # with its adjustments, which bulk does not read
                    newest = revisions.latest(conn, client.id)
                current, plan, adjust = workflow.plan_state(
                    planner, client, events, decisions, newest, today
                )
                out.append(
                    Prepared(
                        item,
                        "updated",
                        plan,
                        base=latest[0] if latest else 0,
                        adjust=adjust,
                        cadence=cadence(current.municipality),
                    )
                )
            except (InputError, PlanningError) as exc:
                out.append(Prepared(item, "refused", problem=("plan", str(exc))))
    jobs = [(i.client, today, cadence(i.client.municipality)) for i in new]
    for (item, job), (first, problem) in zip(
        zip(new, jobs, strict=True), _plan_new(planner, jobs), strict=True
    ):
        if first is None:
            out.append(Prepared(item, "refused", problem=("plan", problem or "")))
        else:
            out.append(Prepared(item, "added", new=first, cadence=job[2]))
    out.sort(key=lambda p: p.incoming.row)
    return out


# -- planning new people, on every core --------------------------------------------------------
# Planning is nearly all of an import's time. New people are planned independently of each
# other, so a large import plans them in worker processes, one per core (fork: the workers
# start with the planner already loaded; elsewhere, or for a few people, in this process).
# A worker sends back what is stored (the plan's JSON and its caseload columns), not the
# plan: unpickling thousands of plans one after another cost the parent more than the
# summaries cost the workers.
PARALLEL_FROM = 200
Job = tuple[Client, date, int]  # the person, the day to plan as of, the cadence in weeks
_worker_planner: Any = None
_worker_jobs: Sequence[Job] = ()


def _plan_one(job: Job) -> tuple[NewPlan | None, str | None]:
    client, today, cadence_weeks = job
    try:
        plan = _worker_planner.plan(client, at=today, draws=DRAWS)
    except (InputError, PlanningError) as exc:
        return None, str(exc)
    columns = caseload.summarise(client, [], [], plan, 1, today, cadence_weeks)
    return NewPlan(plan.to_json(indent=None), plan.reference_date, columns), None


def _plan_at(index: int) -> tuple[NewPlan | None, str | None]:
    """In a worker: the job at ``index`` of the list it was forked with (only the number
    travels to it)."""
    return _plan_one(_worker_jobs[index])


def _plan_new(planner: Any, jobs: Sequence[Job]) -> list[tuple[NewPlan | None, str | None]]:
    global _worker_planner, _worker_jobs
    workers = min(os.cpu_count() or 1, 8)
    _worker_planner, _worker_jobs = planner, jobs
    try:
        if len(jobs) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
            return [_plan_one(job) for job in jobs]
        gc.freeze()  # the workers' collections then leave the pages they share untouched
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return list(pool.map(_plan_at, range(len(jobs)), chunksize=50))
    finally:
        gc.unfreeze()
        _worker_planner, _worker_jobs = None, ()


def write(
    core: Core,
    prepared: Sequence[Prepared],
    author: str,
    source: str,
    today: date,
    refused: int = 0,
) -> None:
    """Store every added and updated person in one transaction (see the module docstring);
    ``refused`` counts the rows refused before they were prepared, for the audit entry."""
    check_author(author)
    now = core.now()
    person_rows: list[dict] = []
    revision_rows: list[dict] = []
    audit_rows: list[dict] = []
    for item in prepared:
        if item.action != "added":
            continue
        client, first = item.incoming.client, item.new
        assert first is not None
        person_rows.append(
            people.new_row(
                client, now, item.cadence, counsellor=item.incoming.counsellor, **first.columns
            )
        )
        reason = f"first plan, made on {today.isoformat()} at the import from {source}"
        revision_rows.append(
            revisions.first_row(
                client.id, first.reference_date, first.plan_json, author, now, reason
            )
        )
        audit_rows.append(
            dict(
                at=now,
                actor=author,
                action="create",
                person_id=client.id,
                detail=f"imported from {source} (row {item.incoming.row}); revision 1",
            )
        )
    counts = {action: sum(1 for p in prepared if p.action == action) for action in ACTIONS}
    counts["refused"] += refused
    try:
        with core.write() as conn:
            for table, rows in (
                (people_table, person_rows),
                (revisions_table, revision_rows),
                (audit, audit_rows),
            ):
                for start in range(0, len(rows), 2000):
                    conn.execute(table.insert(), rows[start : start + 2000])
            for item in prepared:
                if item.action == "updated":
                    _update(core, conn, item, author, source, today)
            core.log(
                conn,
                "import",
                None,
                f"{source}: {counts['added']} added, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['refused']} refused",
                actor=author,
            )
    except (IntegrityError, StaleRevision):
        raise InputError(
            [
                Problem(
                    source,
                    "",
                    "someone changed these people in the caseload while the import ran; "
                    "nothing was saved: run the import again",
                )
            ]
        ) from None


def _update(core: Core, conn: Any, item: Prepared, author: str, source: str, today: date) -> None:
    client = item.incoming.client
    if item.incoming.counsellor is not None:
        old = staff.assign(conn, client.id, None, item.incoming.counsellor)
        if old[1] != old[3]:
            core.log(conn, "assign", client.id, f"counsellor {old[1]} -> {old[3]}", actor=author)
    if item.plan is None:  # only the counsellor changed
        return
    people.correct(conn, client, core.now())
    core.log(
        conn,
        "update",
        client.id,
        f"intake corrected by the import from {source} (row {item.incoming.row})",
        actor=author,
    )
    assert item.plan is not None
    revisions.save(
        core,
        conn,
        client.id,
        item.plan,
        author,
        f"intake updated by the import from {source} on {today.isoformat()}",
        item.base,
        item.adjust,
        item.cadence,
    )
