"""Schedule stage: the chosen modules become weekly tasks, scheduled within the person's hours.

One renewable resource, the person's ``hours`` per week. Main-line modules (literacy,
language, education) use the person's hours minus a small reserve for side activities
(PVT, MAP, values conversations), within each module's intensity range.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
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


def intensity(module: Module, capacity: int, keep: bool = False) -> int:
    """Hours a week for ``module`` when the person has ``capacity`` hours a week.

    The main line takes every hour until it can leave :data:`SIDE_RESERVE` hours for side
    activities and still run at its minimum; from there it takes all but the reserve. That
    alone would slow a course down for someone with more hours (a 6-16 h course: 9 h for
    someone with 9 h, 6 h for someone with 10), so ``keep`` gives the main line the hours it
    would have had with fewer hours a week (9 h up to 13 h, then all but the reserve); the
    planner schedules both and keeps the plan that ends first (:func:`keeping_differs`). A
    module that splits the week (``week_share``, the Z-route's two parts) does the same from
    16 hours a week."""
    low, high = module.intensity_range
    if module.week_share is not None:  # e.g. the Z-route's two parts split the week
        spare = 4 * SIDE_RESERVE  # keep the side reserve only from 16 h a week
        usable = capacity - SIDE_RESERVE if capacity >= spare else capacity
        if keep:
            usable = max(usable, min(capacity, spare - 1))
        return max(low, min(high, int(usable * module.week_share)))
    if module.kind in MAIN_LINE:
        wanted = capacity - SIDE_RESERVE if capacity - SIDE_RESERVE >= low else capacity
        if keep:
            wanted = max(wanted, min(capacity, low + SIDE_RESERVE - 1))
        return max(low, min(high, wanted))
    return max(low, min(module.hours_per_week, capacity))


def keeping_differs(modules: Iterable[Module], capacity: int) -> bool:
    """True when the reserve would take hours from a main-line module that it had with
    fewer hours a week: then both ways of sharing the week are worth scheduling."""
    return any(intensity(m, capacity) != intensity(m, capacity, keep=True) for m in modules)


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


@attrs.frozen
class Frame:
    """A path's scheduling problem apart from the hours a week: the modules still to do
    (``active``), the hours left of each, their orderings (``after``), the ``(release,
    every)`` of their start calendars, the pins, and ``order``, the indices of ``active``
    with every module after its predecessors. Also the reasons the plugins' constraints add
    per module (``notes``) and the ``after`` constraints skipped as cycles (``skipped``)."""

    active: tuple[Module, ...]
    remaining: tuple[float, ...]
    after: dict[str, list[Edge]]
    calendars: tuple[tuple[int, int], ...]
    pins: dict[str, int]
    order: tuple[int, ...]
    notes: dict[str, list[Reason]]
    skipped: list[Constraint]


def frame(
    path: PathResult,
    hours: HoursBook,
    plan_start: date,
    constraints: list[Constraint],
    pins: dict[str, int],
) -> Frame:
    """The :class:`Frame` of a path, with the plugins' constraints."""
    active = [m for m in path.modules if m.id not in path.finished]
    ids = {m.id for m in active}
    depends = {m.id: [d for d in path.depends_on.get(m.id, ()) if d in ids] for m in active}
    after: dict[str, list[Edge]] = {m: [Edge(d) for d in deps] for m, deps in depends.items()}
    earliest: dict[str, int] = {}
    notes: dict[str, list[Reason]] = {}
    skipped: list[Constraint] = []
    for c in constraints:
        if c.module not in ids or (c.other is not None and c.other not in ids):
            continue
        if c.kind == "after" and c.other:
            if c.module == c.other or _reaches(after, c.module, c.other):
                skipped.append(c)  # `other` needs `module` first: the rule would be a cycle
                continue
            after[c.module].append(Edge(c.other, max(0, c.weeks)))
        elif c.kind == "earliest":
            earliest[c.module] = max(earliest.get(c.module, 0), c.weeks)
        elif (
            c.kind == "with"
            and c.other
            and not _start_alongside(after, depends, c.module, c.other, c.weeks)
        ):
            continue  # `other` must end first: the two cannot run alongside
        notes.setdefault(c.module, []).append(c.reason)
    calendars = tuple(
        calendar(m, plan_start, max(m.earliest_week, earliest.get(m.id, 0))) for m in active
    )
    return Frame(
        active=tuple(active),
        remaining=tuple(hours.remaining(m) for m in active),
        after=after,
        calendars=calendars,
        pins={m.id: pins[m.id] for m in active if m.id in pins},
        order=_topological(active, after),
        notes=notes,
        skipped=skipped,
    )


def paces(frame: Frame, capacity: int, keep: bool = False) -> tuple[int, ...]:
    """Hours a week of each of the frame's modules for someone with ``capacity`` hours a
    week (:func:`intensity`)."""
    return tuple(intensity(m, capacity, keep) for m in frame.active)


def durations(frame: Frame, per_week: tuple[int, ...]) -> list[int]:
    """Weeks of each module at ``per_week`` hours a week: never under its minimum weeks nor
    under one week."""
    return [
        max(m.min_weeks, math.ceil(left / hours - 1e-9), 1)
        for m, left, hours in zip(frame.active, frame.remaining, per_week, strict=True)
    ]


def tasks(
    frame: Frame, per_week: tuple[int, ...], capacity: int
) -> tuple[Problem, dict[str, Timed]]:
    """The problem of ``frame`` with ``per_week`` hours a week per module and ``capacity``."""
    weeks = durations(frame, per_week)
    index = {m.id: i for i, m in enumerate(frame.active)}
    timed: dict[str, Timed] = {}
    for i, module in enumerate(frame.active):
        preds: dict[tuple[str, int], None] = {}
        for edge in frame.after[module.id]:
            # start-to-start: start no earlier than `lag` weeks before `pred` starts
            lag = -weeks[index[edge.pred]] - edge.lag if edge.start_to_start else edge.lag
            preds[edge.pred, lag] = None
        release, every = frame.calendars[i]
        task = Task(
            module.id,
            duration=weeks[i],
            demand={"hours": per_week[i]},
            after=tuple(preds),
            release=release,
            every=every,
            pin=frame.pins.get(module.id),
        )
        timed[module.id] = Timed(module, per_week[i], weeks[i], frame.remaining[i], task)
    problem = Problem(tasks=[t.task for t in timed.values()], capacity={"hours": capacity})
    return problem, timed


def build_problem(
    path: PathResult,
    hours: HoursBook,
    capacity: int,
    plan_start: date,
    constraints: list[Constraint],
    pins: dict[str, int],
    catalog: Catalog,
    keep: bool = False,
) -> tuple[Problem, dict[str, Timed], dict[str, list[Reason]], list[Constraint]]:
    """The scheduling problem of a path: one task per module still to do, with the plugins'
    constraints. Also returns, per module, the reasons the constraints add, and the ``after``
    constraints skipped because they would make a cycle (``other`` needs ``module`` first).
    ``keep``: the main line keeps the hours it had with fewer hours a week (:func:`intensity`)."""
    made = frame(path, hours, plan_start, constraints, pins)
    problem, timed = tasks(made, paces(made, capacity, keep), capacity)
    return problem, timed, made.notes, made.skipped


def _topological(active: list[Module], after: dict[str, list[Edge]]) -> tuple[int, ...]:
    """Indices of ``active``, each after its predecessors (in the path's order among the
    ready); a cycle, which the scheduler refuses, leaves its modules at the end."""
    index = {m.id: i for i, m in enumerate(active)}
    waiting = [len({e.pred for e in after[m.id]}) for m in active]
    then: list[list[int]] = [[] for _ in active]
    for m in active:
        for pred in {e.pred for e in after[m.id]}:
            then[index[pred]].append(index[m.id])
    ready = [i for i, w in enumerate(waiting) if not w]
    out: list[int] = []
    while ready:
        i = min(ready)
        ready.remove(i)
        out.append(i)
        for j in then[i]:
            waiting[j] -= 1
            if not waiting[j]:
                ready.append(j)
    return tuple(out) + tuple(i for i in range(len(active)) if i not in set(out))


@attrs.frozen
class Edge:
    """A predecessor: start ``lag`` weeks after ``pred`` ends, or with ``start_to_start`` no
    earlier than ``lag`` weeks before ``pred`` starts."""

    pred: str
    lag: int = 0
    start_to_start: bool = False


def _start_alongside(
    after: dict[str, list[Edge]],
    depends: dict[str, list[str]],
    module: str,
    other: str,
    weeks: int,
) -> bool:
    """Apply a ``with`` constraint: ``module`` starts no later than ``weeks`` after ``other``.

    ``module`` shares ``other``'s predecessors in the path (so it can start as early) and
    ``other`` may start at most ``weeks`` before ``module`` starts (a start-to-start edge).
    When ``other`` already is a transitive predecessor of ``module`` the two cannot run
    alongside: nothing is added and the result is False. When ``module`` already is a
    transitive predecessor of ``other`` the rule holds as it is: nothing is added, True.
    """
    if _reaches(after, other, module):
        return False
    if _reaches(after, module, other):
        return True
    after[module].extend(Edge(d) for d in depends[other] if d != module)
    after[other].append(Edge(module, max(0, weeks), start_to_start=True))
    return True


def _reaches(after: dict[str, list[Edge]], first: str, last: str) -> bool:
    """True if ``first`` is a transitive predecessor of ``last``."""
    seen = {last}
    stack = [last]
    while stack:
        for edge in after[stack.pop()]:
            if edge.pred == first:
                return True
            if edge.pred not in seen:
                seen.add(edge.pred)
                stack.append(edge.pred)
    return False


def schedule(problem: Problem, effort: str = "fast") -> Schedule:
    engine = "heuristic"
    if effort == "exact":
        effort, engine = "thorough", "cp-sat"
    return solve(problem, effort=effort, engine=engine)


def week_date(plan_start: date, week: int) -> date:
    return plan_start + timedelta(days=7 * week)
