"""More hours a week never end a plan later: the schedules of fewer hours are candidates.

A schedule that fits ``k`` hours a week fits every week of someone with more: it asks no more
hours in any week. So the plan of a path for someone with ``capacity`` hours a week is the
earliest-ending of the schedules the planner makes for each ``k`` from ``capacity`` down:
the path's modules at the hours a week someone with ``k`` hours would get (:func:`intensity`,
with and without ``keep``), scheduled within ``k`` hours. The candidates of someone with an
hour more are the same plus two, so, for the same path, an hour more never ends later; and
when the earliest is a schedule of fewer hours, it is exactly the schedule the person with
fewer hours gets, so its chance to finish on time is computed the same way too (the draws
keep its order within ``k`` hours a week).

Why more hours can end later at all: the main line takes all but 4 hours a week, so two
skill courses that run side by side at 4 hours each for someone with 8 hours would ask 10 of
9 hours at 5 hours each, and run one after the other; and a course's calendar may make a
shorter course start later.

Scheduling every ``k`` would cost a schedule per hour; a lower bound (:func:`bound`: the
critical path with calendars and lags, and the hours to do over the hours a week) skips
every candidate that cannot end strictly earlier than the best so far, and ends the search
at the first ``k`` below which none can: the hours a week of the kept rule never fall with
fewer hours, so the critical path they give is the shortest of every ``k`` below.
A tie in the end keeps the candidate of the most hours: a schedule of fewer hours replaces
it only when it ends strictly earlier. Between the person's own two ways to share the week
(the reserve for side activities, or the course keeping the hours it had with fewer hours)
that end together, ``prefer`` decides: the planner's takes the one likelier to end on time,
from a few draws. (Preferring, on every tie, the schedule whose activities take fewer weeks
ran a course at every hour a week at the end of some plans, after everything that could
not run beside it; measured, not kept.)
"""

from __future__ import annotations

import math
from collections.abc import Callable

import attrs

from padplanner.engine.timeline import Frame, Timed, durations, paces, schedule, tasks
from padplanner.model import Requirement
from padplanner.schedule import Problem, Schedule, ends_after


@attrs.frozen
class Chosen:
    """The earliest-ending schedule of a frame, and the hours a week it was made within."""

    problem: Problem
    timed: dict[str, Timed]
    result: Schedule
    capacity: int


def earliest(
    frame: Frame,
    capacity: int,
    effort: str = "fast",
    rival: Chosen | None = None,
    prefer: Callable[[Chosen, Chosen], bool] | None = None,
) -> Chosen | None:
    """The earliest-ending schedule of ``frame`` for someone with ``capacity`` hours a week,
    among the schedules made for ``capacity`` and every fewer hours (see the module). With
    a ``rival`` (the schedule of another path), only one that beats it, else None. With
    ``prefer``, the person's own two ways of sharing the week that end in the same week
    are compared by it: ``prefer(kept, reserve)`` True takes the kept one."""
    best = rival
    fewest = max((m.intensity_range[0] for m in frame.active), default=1)
    for k in range(capacity, min(capacity, max(1, fewest)) - 1, -1):
        kept = paces(frame, k, keep=True)
        least = bound(frame, kept, k, energy=sum(frame.remaining))
        if best is not None and least >= best.result.makespan:
            break  # nothing at k hours a week or fewer ends earlier
        mine = paces(frame, k)
        for per_week in (mine,) if kept == mine else (mine, kept):
            # the person's own kept way may tie with the reserve and be preferred
            tie = prefer is not None and k == capacity and per_week is kept and best is not None
            if best is not None and bound(frame, per_week, k) >= best.result.makespan + tie:
                continue
            problem, timed = tasks(frame, per_week, k)
            if best is not None and ends_after(problem, best.result.makespan - 1 + tie):
                continue  # shown: it cannot end earlier (nor, for a tie, as early)
            result = schedule(problem, effort)
            made = Chosen(problem, timed, result, k)
            ties = tie and result.makespan == best.result.makespan
            if (
                best is None
                or result.makespan < best.result.makespan
                or (ties and prefer(made, best))
            ):
                best = made
    return None if best is rival else best


def fewest_hours(path, frame: Frame, hours, catalog, within: int, route: str) -> float:
    """About the fewest hours a path within ``within`` hours a week could take, from
    ``path`` (its ``frame``): its modules that stay allowed, plus, for the requirements the
    others were chosen for and the goals they serve, the hours of the modules that fit and
    could bring them, shared between the requirements each brings (infinite when one has
    none: that path would leave it unreached). An estimate, not a bound: a path of fewer
    options may choose otherwise; it held for every counter-example found."""
    staying = 0.0
    needed: set[Requirement] = set()
    for module, left in zip(frame.active, frame.remaining, strict=True):
        if module.intensity_range[0] <= within:
            staying += left
            continue
        if module.id in path.targets:
            needed.add(path.targets[module.id])
        needed.update(Requirement.parse(g.competency) for g in path.serves.get(module.id, ()))
    makers = {
        r: [
            m
            for m in catalog.producers(r)
            if m.intensity_range[0] <= within and (not m.routes or route in m.routes)
        ]
        for r in needed
    }
    brings: dict[str, int] = {}
    for found in makers.values():
        for m in found:
            brings[m.id] = brings.get(m.id, 0) + 1
    replaced = sum(
        min((hours.remaining(m) / brings[m.id] for m in found), default=math.inf)
        for found in makers.values()
    )
    return staying + replaced


def bound(frame: Frame, per_week: tuple[int, ...], capacity: int, energy: float = -1) -> int:
    """No schedule of ``frame`` at ``per_week`` hours a week within ``capacity`` ends
    earlier: the critical path (calendars, lags, pins) and, without pins, the hours to do
    over ``capacity`` (``energy``, default the hours a week times the weeks)."""
    weeks = durations(frame, per_week)
    index = {m.id: i for i, m in enumerate(frame.active)}
    start = [0] * len(weeks)
    finish = 0
    for i in frame.order:
        module = frame.active[i]
        pin = frame.pins.get(module.id)
        if pin is not None:
            t = pin
        else:
            release, every = frame.calendars[i]
            t = release
            for edge in frame.after[module.id]:
                p = index[edge.pred]
                # start-to-start: no earlier than `lag` weeks before `pred` starts
                v = start[p] - edge.lag if edge.start_to_start else start[p] + weeks[p] + edge.lag
                if v > t:
                    t = v
            if every > 1 and (t - release) % every:
                t += every - (t - release) % every
        start[i] = t
        finish = max(finish, t + weeks[i])
    if frame.pins:
        return finish
    if energy < 0:
        energy = sum(h * w for h, w in zip(per_week, weeks, strict=True))
    return max(finish, math.ceil(energy / capacity - 1e-9))
