"""Placing one person's steps against the ledger, without booking anything.

``place_steps`` puts every step of a prepared path at its earliest week that keeps the
plan's orderings, is a course start, has a free seat, fits the person's own hours and the
year's budget; it records every wait with its cause. ``Unplaceable`` says which wait made a
step go past the horizon.
"""

from __future__ import annotations

from datetime import date, timedelta

from padplanner.cohort.ledger import Ledger, PreparedPath, to_cents
from padplanner.cohort.placement import Wait


class Unplaceable(Exception):
    """A step would wait longer than the horizon; ``wait`` is the binding cause."""

    def __init__(self, wait: Wait):
        self.wait = wait


def _add(waits: list[Wait], wait: Wait) -> None:
    """Record a wait; repeated waits for the same reason and module add up."""
    if waits and waits[-1][:3] == wait[:3]:
        waits[-1] = waits[-1]._replace(weeks=waits[-1].weeks + wait.weeks)
    else:
        waits.append(wait)


def _fits(load: list[tuple[int, int, int]], start: int, end: int, hours: int, cap: int) -> int:
    """0 when ``hours`` more a week fit in weeks ``[start, end)`` next to ``load``; otherwise
    the first week after ``start`` where the load can be lower (an overlapping step ends)."""
    total = hours
    for s, e, h in load:
        if s < end and start < e:
            total += h
    if total <= cap:  # even all overlapping steps at once leave room
        return 0
    overlapping = [(s, e, h) for s, e, h in load if s < end and start < e]
    # the use only rises where an overlapping step starts, so check those weeks
    for week in sorted({start, *(s for s, _, _ in overlapping if s > start)}):
        if sum(h for s, e, h in overlapping if s <= week < e) + hours > cap:
            return min(e for s, e, _ in overlapping if s <= week < e)
    return 0


def place_steps(person: PreparedPath, ledger: Ledger, work_from: int):
    """Place every step of one person; work steps not before absolute week ``work_from``.

    Returns start weeks, money per year and waits; nothing is committed to the ledger.
    """
    outline = person.outline
    steps = outline.steps
    cap = outline.capacity
    off = person.off
    load: list[tuple[int, int, int]] = []  # (start, end, hours) of the steps placed so far
    spend: dict[int, int] = {}
    delays = [0] * len(steps)
    starts = [0] * len(steps)
    waits: list[Wait] = []
    plan_ordinal = outline.plan_start.toordinal()
    ends: dict[int, int] = {}
    for i in person.order:
        step = steps[i]
        module = person.modules[i]
        every = person.every[i]
        if i in person.held:  # under way: stays where it is, its seat is already counted
            starts[i], ends[i] = step.start, step.end
            load.append((step.start, step.end, step.hours_per_week))
            continue
        shift = 0
        for b, lag in outline.after[i]:
            if b in ends:
                shift = max(shift, ends[b] + lag - step.start)
        along = outline.along[i]
        if along is not None and along in ends:
            shift = max(shift, delays[along])
        if step.kind == "work" and off + step.start + shift < work_from:
            waiting = work_from - off - step.start - shift
            shift += waiting
            _add(waits, Wait("coach", step.module, "", waiting))
        k = -(-shift // every)
        cost = to_cents(step.cost_eur)
        while True:
            week = step.start + k * every
            absolute = off + week
            if week - step.start > ledger.limit or absolute + step.weeks > ledger.length:
                cause = waits[-1] if waits else Wait("seats", step.module, "", 0)
                raise Unplaceable(cause)
            free = _fits(load, week, week + step.weeks, step.hours_per_week, cap)
            if free:
                jump = max(1, -(-(free - week) // every))
                _add(waits, Wait("hours", step.module, "", jump * every))
                k += jump
                continue
            if module is not None and module.seats is not None:
                if module.seats <= 0:
                    raise Unplaceable(Wait("seats", step.module, "no seats at all", 0))
                if module.rolling:
                    row = ledger.rolling_row(step.module)
                    window = row[absolute : absolute + step.weeks]
                    if max(window) >= module.seats:
                        last = max(j for j, used in enumerate(window) if used >= module.seats)
                        day = ledger.epoch + timedelta(weeks=absolute + last)
                        _add(waits, Wait("seats", step.module, day.isoformat(), last + 1))
                        k += last + 1
                        continue
                else:
                    index = person.first_index[i] + k
                    open_index = ledger.next_open(step.module, index)
                    if open_index != index:
                        first = module.first or outline.plan_start
                        day = first + timedelta(weeks=index * module.every)
                        jump = open_index - index
                        _add(waits, Wait("seats", step.module, day.isoformat(), jump * every))
                        k += jump
                        continue
            if cost:
                year = date.fromordinal(plan_ordinal + 7 * week).year
                if ledger.spent.get(year, 0) + spend.get(year, 0) + cost > ledger.budget:
                    next_year = date(year + 1, 1, 1).toordinal()
                    weeks_on = -(-(next_year - plan_ordinal - 7 * week) // 7)
                    jump = -(-weeks_on // every)
                    _add(waits, Wait("budget", step.module, str(year), jump * every))
                    k += jump
                    continue
                spend[year] = spend.get(year, 0) + cost
            break
        delays[i] = week - step.start
        starts[i] = week
        ends[i] = week + step.weeks
        load.append((week, week + step.weeks, step.hours_per_week))
    return starts, spend, waits
