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
A tie in the end goes to the schedule whose activities take fewer weeks in all (courses at
more hours a week, so a draw's extra hours cost fewer weeks), then to the candidate of the
most hours, own rule first (the plan with the side reserve). This order does not depend on
``capacity``, so an hour more changes the plan only for a better one in that order: with
the same end, the person keeps the schedule and its chance.
"""

from __future__ import annotations

import math

import attrs

from padplanner.engine.timeline import Frame, Timed, durations, paces, schedule, tasks
from padplanner.schedule import Problem, Schedule, lower_bound


@attrs.frozen
class Chosen:
    """The earliest-ending schedule of a frame, and the hours a week it was made within."""

    problem: Problem
    timed: dict[str, Timed]
    result: Schedule
    capacity: int
    weeks: int  # the weeks of its activities, summed

    def beaten(self, makespan: int, weeks: int) -> bool:
        """True if a schedule ending in week ``makespan`` (or no earlier, for a bound)
        whose activities take ``weeks`` may be better: it ends earlier, or as early with
        fewer weeks of activities (more hours a week, so a draw's extra hours cost fewer
        weeks)."""
        end = self.result.makespan
        return makespan < end or (makespan == end and weeks < self.weeks)


def earliest(frame: Frame, capacity: int, effort: str = "fast") -> Chosen:
    """The earliest-ending schedule of ``frame`` for someone with ``capacity`` hours a week,
    among the schedules made for ``capacity`` and every fewer hours (see the module)."""
    own = paces(frame, capacity)
    problem, timed = tasks(frame, own, capacity)
    best = Chosen(problem, timed, schedule(problem, effort), capacity, sum(durations(frame, own)))
    fewest = max((m.intensity_range[0] for m in frame.active), default=1)
    for k in range(capacity, max(1, fewest) - 1, -1):
        kept = paces(frame, k, keep=True)
        least = bound(frame, kept, k, energy=sum(frame.remaining))
        if not best.beaten(least, sum(durations(frame, kept))):
            break  # nothing at k hours a week or fewer ends earlier
        if k == capacity:
            candidates = [] if kept == own else [kept]
        else:
            mine = paces(frame, k)
            candidates = [mine] if kept == mine else [mine, kept]
        for per_week in candidates:
            weeks = sum(durations(frame, per_week))
            if not best.beaten(bound(frame, per_week, k), weeks):
                continue
            problem, timed = tasks(frame, per_week, k)
            if not best.beaten(lower_bound(problem), weeks):
                continue
            result = schedule(problem, effort)
            if best.beaten(result.makespan, weeks):
                best = Chosen(problem, timed, result, k, weeks)
    return best


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
