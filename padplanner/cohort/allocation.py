"""The capacity pass: individual plans meet shared seats, coaches and a yearly budget.

People are taken in priority order (a serial schedule generation scheme with the policy's
priority as the priority rule). Each person's activities are placed in the order of their own
plan, each at the earliest week that

- is not earlier than in the individual plan, and keeps every ordering of the plan (the
  path's dependencies and the plugins' ``after`` constraints with their lag; a step that runs
  ``with`` another shares its delay);
- is one of the module's course starts (``release + k × every`` of the plan);
- has a free seat: per course start for scheduled modules, at every week for rolling ones;
- keeps the person within their own hours per week;
- fits in the budget of the calendar year it starts in.

A person in intensive mediation then needs a job coach from the start of the path to its end
plus the policy's follow-up. When the coaches are fully booked somewhere in that span,
mediation starts after that week, and the person's work activities (placements, which the
coach mediates) wait for it; the path is placed again with that limit.

Capacities and budget are hard limits: the pass never exceeds them. A person whose activity
would wait longer than the horizon is reported as not served, with the binding capacity.
Every delay is recorded with its cause.

This module holds the pass itself (the queue, the coach and the mediation budget). The
records it hands out live in ``placement``, the shared books in ``ledger``, the placement of
one person's steps in ``placing`` and the words for their waits in ``explain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import attrs

from padplanner.catalog import Catalog
from padplanner.cohort.capacity import Capacities
from padplanner.cohort.explain import placed, unserved
from padplanner.cohort.ledger import Ledger, PreparedPath, commit, hold, monday, to_cents
from padplanner.cohort.outline import Outline
from padplanner.cohort.placement import AS_PLANNED, CAUSES, Placement, Ticket, Wait
from padplanner.cohort.placing import Unplaceable, place_steps

__all__ = [
    "AS_PLANNED",
    "CAUSES",
    "Allocation",
    "Placement",
    "Ticket",
    "Wait",
    "allocate",
]


@attrs.frozen
class Allocation:
    """The outcome of the pass: one placement per person (in queue order) and the ledgers."""

    placements: tuple[Placement, ...]
    capacities: Capacities
    epoch: date  # the Monday of week 0 of every ledger
    seats_taken: dict[tuple[str, int], int]  # (module, course start index) → seats taken
    rolling_use: dict[str, list[int]]  # module → seats taken per week
    coach_use: list[int]  # people in intensive mediation per week
    spent: dict[int, int]  # calendar year → euro cents booked

    def week_date(self, week: int) -> date:
        return self.epoch + timedelta(weeks=week)


def _allocate_one(person: PreparedPath, ticket: Ticket, ledger: Ledger) -> Placement:
    outline = person.outline
    caps = ledger.caps
    if not outline.steps:
        return placed(ticket, outline, (), [], None, 0, caps)
    work_from = 0  # absolute week from which a coach is free for this person
    extra: list[Wait] = []
    cents = to_cents(caps.mediation_eur)
    while True:
        try:
            starts, spend, waits = place_steps(person, ledger, work_from)
        except Unplaceable as failed:
            return unserved(ticket, outline, failed.wait, caps)
        if not ticket.intensive:
            commit(person, ledger, starts, spend, None)
            return placed(ticket, outline, starts, waits, None, 0, caps)
        off = person.off
        begin = max(off + min(starts), work_from)
        end = off + max(s + step.weeks for s, step in zip(starts, outline.steps, strict=True))
        end += ticket.follow_up_weeks
        if begin >= end:  # the path and its follow-up end before a coach is free
            commit(person, ledger, starts, spend, None)
            free = ledger.epoch + timedelta(weeks=work_from)
            extra.append(Wait("coach", "", f"none before {free.isoformat()}", 0))
            return placed(ticket, outline, starts, extra + waits, None, 0, caps)
        if end > ledger.length or ledger.coach_cap <= 0:
            return unserved(ticket, outline, Wait("coach", "", "no coach capacity", 0), caps)
        window = ledger.coach[begin:end]
        if max(window) >= ledger.coach_cap:
            full = max(j for j, used in enumerate(window) if used >= ledger.coach_cap)
            work_from = begin + full + 1
            free = ledger.epoch + timedelta(weeks=work_from)
            extra.append(Wait("coach", "", free.isoformat(), full + 1))
            continue
        year = (ledger.epoch + timedelta(weeks=begin)).year
        if cents and ledger.spent.get(year, 0) + spend.get(year, 0) + cents > ledger.budget:
            work_from = -(-(date(year + 1, 1, 1) - ledger.epoch).days // 7)
            extra.append(Wait("budget", "mediation", str(year), work_from - begin))
            continue
        if cents:
            spend[year] = spend.get(year, 0) + cents
        commit(person, ledger, starts, spend, (begin, end))
        mediation = (begin - off, end - off)
        return placed(ticket, outline, starts, extra + waits, mediation, caps.mediation_eur, caps)


def allocate(
    outlines: Sequence[Outline],
    tickets: Sequence[Ticket],
    capacities: Capacities,
    catalog: Catalog,
) -> Allocation:
    """Serve ``outlines`` in the order of ``tickets`` within ``capacities``.

    Every outline needs exactly one ticket (same ids). Deterministic: the same outlines,
    tickets and capacities give the same allocation.
    """
    by_id = {o.id: o for o in outlines}
    queued = {t.id for t in tickets}
    missing = [o.id for o in outlines if o.id not in queued]
    if missing or len(tickets) != len(outlines) or any(t.id not in by_id for t in tickets):
        raise ValueError(
            "every person needs exactly one place in the queue; "
            f"without one: {', '.join(missing[:5]) or '-'}"
        )
    starts = [o.plan_start for o in outlines] or [date.today()]
    epoch = monday(min(starts))
    last_end = max(((o.plan_start - epoch).days // 7 + o.completion for o in outlines), default=0)
    ledger = Ledger(capacities, catalog, epoch, last_end)
    queue = sorted(tickets, key=lambda t: (t.place, t.id))
    people = {t.id: PreparedPath(by_id[t.id], ledger) for t in queue}
    for ticket in queue:  # activities under way keep their seats, whatever the queue says
        person = people[ticket.id]
        if person.outline.running:
            person.held = hold(person, ledger)
    placements = [_allocate_one(people[t.id], t, ledger) for t in queue]
    return Allocation(
        placements=tuple(placements),
        capacities=capacities,
        epoch=epoch,
        seats_taken=dict(ledger.taken),
        rolling_use=ledger.rolling,
        coach_use=ledger.coach,
        spent=dict(ledger.spent),
    )
