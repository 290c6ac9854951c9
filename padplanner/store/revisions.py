"""Plan revisions: immutable, numbered 1, 2, 3, ... per person, each saved on top of the last.

A revision is saved only on top of the latest one (``base_revision``); otherwise
``StaleRevision`` names who saved in between. The unique constraint on ``(person_id,
revision)`` backs the check up: a concurrent insert fails its whole transaction.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, func, select

from padplanner.engine.adjust import Adjustments
from padplanner.errors import InputError, Problem
from padplanner.model import Plan
from padplanner.store import caseload, people, recorded
from padplanner.store.codec import checksum, to_json, utc
from padplanner.store.errors import StaleRevision
from padplanner.store.records import Revision
from padplanner.store.schema import revisions
from padplanner.store.validation import check_author, reason_problem

if TYPE_CHECKING:
    from padplanner.store.core import Core

_PID = bindparam("pid")
_LATEST = (
    select(revisions.c.revision, revisions.c.plan, revisions.c.adjustments)
    .where(revisions.c.person_id == _PID)
    .order_by(revisions.c.revision.desc())
    .limit(1)
)
_LATEST_NUMBER = select(func.max(revisions.c.revision)).where(revisions.c.person_id == _PID)
_INSERT = revisions.insert()


def latest(conn: Connection, person_id: str) -> Any:
    """The latest revision's ``revision``, ``plan`` and ``adjustments`` (JSON), or None."""
    return conn.execute(_LATEST, {"pid": person_id}).first()


def latest_plan(found: Any) -> Plan | None:
    """The plan of a row from ``latest`` (None for no revision)."""
    return Plan.from_json(found.plan) if found is not None else None


def adjustments_json(adjustments: Adjustments | dict | None) -> str:
    if adjustments is None:
        return "{}"
    if isinstance(adjustments, Adjustments):
        return to_json(adjustments.to_dict())
    return to_json(dict(adjustments))


def first_row(
    person_id: str, reference_date: date, plan_json: str, author: str, now: Any, reason: str
) -> dict[str, Any]:
    """The row of a person's first revision, inserted in bulk (a demo caseload, an import):
    the plan as its JSON, made for ``reference_date``."""
    return {
        "person_id": person_id,
        "revision": 1,
        "author": author,
        "created_at": now,
        "reason": reason,
        "reference_date": reference_date,
        "plan": plan_json,
        "adjustments": "{}",
        "checksum": checksum(plan_json),
    }


def stale(conn: Connection, person_id: str, base: int) -> StaleRevision:
    """The conflict of a save on ``base``: every revision saved after it, by whom, when."""
    rows = conn.execute(
        select(revisions.c.revision, revisions.c.author, revisions.c.created_at)
        .where(revisions.c.person_id == person_id, revisions.c.revision > base)
        .order_by(revisions.c.revision)
    ).all()
    return StaleRevision(person_id, base, [(r, a, utc(t)) for r, a, t in rows])


def save(
    core: Core,
    conn: Connection,
    person_id: str,
    plan: Plan,
    author: str,
    reason: str,
    base_revision: int,
    adjustments: Adjustments | dict | None,
    cadence_weeks: int | None,
    loaded: recorded.Loaded | None = None,
) -> int:
    """Save ``plan`` as the next revision inside the caller's write transaction; returns its
    number. ``loaded`` is the person's state as the caller read it; it is reused when nothing
    was added since. The caseload row is refreshed and the save logged."""
    check_author(author)
    if problem := reason_problem(reason):
        raise InputError([Problem(person_id, "reason", problem)])
    if not isinstance(plan, Plan):
        raise InputError([Problem.worded(person_id, "plan", "store.problem.plan.type")])
    if plan.client != person_id:
        said = Problem.worded(
            person_id, "plan", "store.problem.plan.person", client=repr(plan.client)
        )
        raise InputError([said])
    if isinstance(base_revision, bool) or not isinstance(base_revision, int):
        raise InputError(
            [Problem.worded(person_id, "base_revision", "store.problem.base_revision")]
        )
    plan_json = plan.to_json(indent=None)
    adjust_json = adjustments_json(adjustments)
    row = people.lock(conn, person_id)
    number = conn.execute(_LATEST_NUMBER, {"pid": person_id}).scalar() or 0
    if number != base_revision:
        raise stale(conn, person_id, base_revision)
    number += 1
    now = core.now()
    conn.execute(
        _INSERT,
        {
            "person_id": person_id,
            "revision": number,
            "author": author,
            "created_at": now,
            "reason": reason,
            "reference_date": plan.reference_date,
            "plan": plan_json,
            "adjustments": adjust_json,
            "checksum": checksum(plan_json),
        },
    )
    if loaded is None or loaded.mark != recorded.mark(conn, person_id):
        loaded = recorded.load(conn, person_id, row)
    cadence = cadence_weeks or row.cadence_weeks
    summary = caseload.summarise(
        people.client_from_row(row),
        loaded.events,
        loaded.decisions,
        plan,
        number,
        core.today(),
        cadence,
    )
    people.update(conn, {"pid": person_id, "updated_at": now, "cadence_weeks": cadence, **summary})
    core.log(conn, "revision", person_id, f"revision {number}", actor=author)
    return number


def from_row(row: Any) -> Revision:
    return Revision(
        person_id=row.person_id,
        revision=row.revision,
        author=row.author,
        created_at=utc(row.created_at),
        reason=row.reason,
        reference_date=row.reference_date,
        plan=Plan.from_json(row.plan),
        adjustments=json.loads(row.adjustments),
        checksum=row.checksum,
    )


def one(conn: Connection, person_id: str, number: int) -> Revision:
    found = conn.execute(
        select(revisions).where(revisions.c.person_id == person_id, revisions.c.revision == number)
    ).first()
    if found is None:
        people.row(conn, person_id)
        raise InputError(
            [Problem.worded(person_id, "revision", "store.problem.no_revision", number=number)]
        )
    return from_row(found)


def of_person(conn: Connection, person_id: str) -> list[Revision]:
    """Every revision of a known person, oldest first."""
    people.row(conn, person_id)
    rows = conn.execute(
        select(revisions).where(revisions.c.person_id == person_id).order_by(revisions.c.revision)
    )
    return [from_row(r) for r in rows]
