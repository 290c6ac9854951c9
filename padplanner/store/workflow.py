"""Replanning and moving: a new revision from the person's state today.

Both plan outside any transaction (plans take milliseconds, but nobody should wait on a lock
for them) and then save on top of the revision they started from, so a concurrent save in
between is refused with ``StaleRevision`` instead of overwritten.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy.exc import IntegrityError

from padplanner.engine.adjust import Adjustments
from padplanner.engine.chance import DRAWS
from padplanner.errors import InputError, Problem
from padplanner.store import people, recorded, revisions
from padplanner.store.derive import derive, module_adjustments, status
from padplanner.store.events import Decision, Moved
from padplanner.store.validation import check_author, check_event

if TYPE_CHECKING:
    from padplanner.store.core import Core


def _snapshot(core: Core, person_id: str) -> tuple[recorded.Loaded, Any]:
    with core.read() as conn:
        loaded = recorded.load(conn, person_id)
        latest = revisions.latest(conn, person_id)
    return loaded, latest


def _stale(core: Core, person_id: str, base: int) -> Exception:
    with core.read() as conn:
        return revisions.stale(conn, person_id, base)


def carried_adjustments(latest: Any, chosen: list[Decision]) -> Adjustments:
    """The latest revision's edits without its pins (week numbers of an older plan), with the
    counsellor's module decisions applied."""
    base = Adjustments.from_dict(json.loads(latest.adjustments)) if latest else Adjustments()
    return module_adjustments(chosen, attrs.evolve(base, pins={}))


def _cadence(planner: Any, municipality: str, today: date) -> int:
    return int(planner.catalog(municipality).param("check_in_weeks", today))


def _not_ended(happened: list, person_id: str, today: date) -> None:
    state = status(happened, today)
    if state.ended is not None and state.ended <= today:
        raise InputError(
            [
                Problem(
                    person_id,
                    "",
                    f"the term ended on {state.ended.isoformat()} ({state.outcome}); "
                    "there is nothing left to plan",
                )
            ]
        )


def replan(
    core: Core,
    person_id: str,
    planner: Any,
    author: str,
    today: date | None = None,
    reason: str | None = None,
    adjust: Adjustments | None = None,
) -> int:
    """Plan the person's derived state at ``today`` and save it as a new revision."""
    today = today or core.today()
    check_author(author)
    loaded, latest = _snapshot(core, person_id)
    _not_ended(loaded.events, person_id, today)
    intake = people.client_from_row(loaded.row)
    client, plan, adjust = plan_state(
        planner, intake, loaded.events, loaded.decisions, latest, today, adjust
    )
    base = latest.revision if latest else 0
    if reason is None:
        reason = (
            f"replanned on {today.isoformat()} from the progress recorded"
            if base
            else f"first plan, made on {today.isoformat()}"
        )
    try:
        with core.write() as conn:
            return revisions.save(
                core,
                conn,
                person_id,
                plan,
                author,
                reason,
                base,
                adjust,
                _cadence(planner, client.municipality, today),
                loaded,
            )
    except IntegrityError:
        raise _stale(core, person_id, base) from None


def plan_state(
    planner: Any,
    intake: Any,
    events: list,
    decisions: list[Decision],
    latest: Any,
    today: date,
    adjust: Adjustments | None = None,
) -> tuple[Any, Any, Adjustments]:
    """Plan a person's state (``intake`` with ``events`` and ``decisions``) at ``today``, on
    top of the ``latest`` revision: the derived client, the plan and the adjustments used
    (carried over from ``latest`` when ``adjust`` is None). The route of ``latest`` is the
    route followed so far: when the rules now advise another and no counsellor decided the
    route, the planner keeps it if a rule says it may no longer change (the law: after the
    switch window)."""
    client = derive(intake, events, decisions, today)
    if adjust is None:
        adjust = carried_adjustments(latest, decisions)
    followed = _followed(latest) if client.route is None else None
    plan = planner.plan(client, at=today, adjust=adjust, draws=DRAWS, followed=followed)
    return client, plan, adjust


def _followed(latest: Any) -> str | None:
    """The route the person followed so far: the latest revision's. A replan keeps it when the
    rules now advise another and a rule says the route may no longer change (the law: after
    the switch window); only a counsellor's own route decision may change it then."""
    return json.loads(latest.plan)["route"]["id"] if latest is not None else None


def move(
    core: Core,
    person_id: str,
    municipality: str,
    planner: Any,
    author: str,
    today: date | None = None,
    note: str | None = None,
) -> int:
    """Record a move, keep the route (as a counsellor decision) and replan there."""
    today = today or core.today()
    check_author(author)
    event = Moved(today, municipality, note)
    check_event(event, person_id)
    loaded, latest = _snapshot(core, person_id)
    happened, chosen = loaded.events, loaded.decisions
    _not_ended(happened, person_id, today)
    intake = people.client_from_row(loaded.row)
    old = derive(intake, happened, chosen, today).municipality
    if old == municipality:
        raise InputError(
            [Problem(person_id, "municipality", f"already in {municipality}; nothing to move")]
        )
    new_decisions = list(chosen)
    keep = None
    if latest is not None:
        route = json.loads(latest.plan)["route"]["id"]
        keep = Decision(
            "route",
            route,
            f"Moved from {old} to {municipality} on {today.isoformat()}: the route stays "
            f"{route}; a move does not change the route",
            previous=route,
        )
        new_decisions.append(keep)
    client = derive(intake, [*happened, event], new_decisions, today)
    adjust = carried_adjustments(latest, new_decisions)
    plan = planner.plan(client, at=today, adjust=adjust, draws=DRAWS)
    base = latest.revision if latest else 0
    try:
        with core.write() as conn:
            people.lock(conn, person_id)
            recorded.insert_event(conn, person_id, event, author, core.now())
            if keep is not None:
                recorded.insert_decision(conn, person_id, keep, author, core.now())
            number = revisions.save(
                core,
                conn,
                person_id,
                plan,
                author,
                f"moved from {old} to {municipality} on {today.isoformat()}",
                base,
                adjust,
                _cadence(planner, municipality, today),
            )
            core.log(conn, "move", person_id, f"{old} -> {municipality}", actor=author)
    except IntegrityError:
        raise _stale(core, person_id, base) from None
    return number
