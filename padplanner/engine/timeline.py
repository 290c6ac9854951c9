"""Schedule stage: the chosen modules become weekly tasks, scheduled within the person's hours.

One renewable resource, the person's ``hours`` per week. Main-line modules (literacy,
language, education) use the person's hours minus a small reserve for side activities
(PVT, MAP, values conversations), within each module's intensity range.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import attrs

from padplanner.catalog import Catalog
from padplanner.engine.hours import HoursBook
from padplanner.engine.path import PathResult
from padplanner.model import Constraint, Module, Reason
from padplanner.schedule import Problem, Schedule, Task, solve

MAIN_LINE = ("literacy", "language", "education")
SIDE_RESERVE = 4  # hours per week left for side activities next to the main line


@attrs.frozen
class Timed:
    module: Module
    hours_per_week: int
    weeks: int
    hours: float
    task: Task


def intensity(module: Module, capacity: int) -> int:
    low, high = module.intensity_range
    if module.week_share is not None:  # e.g. the Z-route's two parts split the week
        # keep the side reserve only when the person has hours to spare (16 h or more)
        usable = capacity - SIDE_RESERVE if capacity >= 4 * SIDE_RESERVE else capacity
        return max(low, min(high, int(usable * module.week_share)))
    if module.kind in MAIN_LINE:
        wanted = capacity - SIDE_RESERVE if capacity - SIDE_RESERVE >= low else capacity
        return max(low, min(high, wanted))
    return max(low, min(module.hours_per_week, capacity))


def calendar(module: Module, plan_start: date, earliest: int) -> tuple[int, int]:
    """``(release, every)`` in plan weeks for a module's start dates, not before ``earliest``."""
    every = module.starts.every_weeks
    if module.starts.first is None:
        return earliest, every
    days = (module.starts.first - plan_start).days % (7 * every)
    release = math.ceil(days / 7)  # a course that starts mid-week is joined the next week
    while release < earliest:
        release += every
    return release, every


def build_problem(
    path: PathResult,
    hours: HoursBook,
    capacity: int,
    plan_start: date,
    constraints: list[Constraint],
    pins: dict[str, int],
    catalog: Catalog,
) -> tuple[Problem, dict[str, Timed], dict[str, list[Reason]]]:
    active = [m for m in path.modules if m.id not in path.finished]
    ids = {m.id for m in active}
    extra_after: dict[str, list[tuple[str, int]]] = {}
    earliest: dict[str, int] = {}
    parallel: dict[str, str] = {}
    notes: dict[str, list[Reason]] = {}
    for c in constraints:
        if c.module not in ids or (c.other is not None and c.other not in ids):
            continue
        notes.setdefault(c.module, []).append(c.reason)
        if c.kind == "after" and c.other:
            extra_after.setdefault(c.module, []).append((c.other, max(0, c.weeks)))
        elif c.kind == "earliest":
            earliest[c.module] = max(earliest.get(c.module, 0), c.weeks)
        elif c.kind == "with" and c.other:
            parallel[c.module] = c.other
    timed: dict[str, Timed] = {}
    for module in active:
        per_week = intensity(module, capacity)
        remaining = hours.remaining(module)
        weeks = max(module.min_weeks, math.ceil(remaining / per_week - 1e-9), 1)
        deps = [d for d in path.depends_on.get(module.id, ()) if d in ids]
        if module.id in parallel:  # start alongside: share the other module's predecessors
            other = parallel[module.id]
            deps = [d for d in deps if d != other] + [
                d for d in path.depends_on.get(other, ()) if d in ids and d != module.id
            ]
        after: list[tuple[str, int]] = [(d, 0) for d in dict.fromkeys(deps)]
        after += extra_after.get(module.id, [])
        release, every = calendar(
            module, plan_start, max(module.earliest_week, earliest.get(module.id, 0))
        )
        task = Task(
            module.id,
            duration=weeks,
            demand={"hours": per_week},
            after=tuple(after),
            release=release,
            every=every,
            pin=pins.get(module.id),
        )
        timed[module.id] = Timed(module, per_week, weeks, remaining, task)
    problem = Problem(tasks=[t.task for t in timed.values()], capacity={"hours": capacity})
    return problem, timed, notes


def schedule(problem: Problem, effort: str = "fast") -> Schedule:
    engine = "heuristic"
    if effort == "exact":
        effort, engine = "thorough", "cp-sat"
    return solve(problem, effort=effort, engine=engine)


def week_date(plan_start: date, week: int) -> date:
    return plan_start + timedelta(days=7 * week)
