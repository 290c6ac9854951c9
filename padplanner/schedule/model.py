"""Tasks, problems and schedules of the generic scheduler, and the checks on a problem.

Time is measured in whole weeks from week 0. Every class is a small frozen attrs class; a
:class:`Problem` checks itself when it is built and raises :class:`ScheduleError` naming the
task(s) at fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

Pred = str | tuple[str, int]
"""One entry of :attr:`Task.after`: ``"a"`` (start after ``a`` ends) or ``("a", lag)``.

``lag`` may be negative down to ``-duration(a)``: ``("a", -duration(a))`` means start no
earlier than ``a`` starts (a start-to-start precedence).
"""


class ScheduleError(ValueError):
    """A scheduling problem that cannot be solved as stated (the message names the tasks)."""


def _demand(value: Mapping[str, int] | None) -> dict[str, int]:
    return dict(value) if value else {}


def _after(value: Iterable[Pred] | str) -> tuple[Pred, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(tuple(entry) if isinstance(entry, list) else entry for entry in value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.frozen
class Task:
    """One activity: ``duration`` weeks using ``demand`` per week of each resource.

    ``after`` lists predecessors: ``"a"`` means start after ``a`` has ended, ``("a", lag)``
    start at least ``lag`` weeks after ``a`` has ended. A negative lag, down to
    ``-duration(a)``, lets the task start before ``a`` ends: ``("a", -duration(a))`` means
    start no earlier than ``a`` starts. The task may only start
    in weeks ``release + k * every`` (``k >= 0``). ``pin`` fixes the start week by hand: a
    pinned task starts exactly there even if that overloads a resource or breaks a predecessor
    or its calendar.
    """

    id: str
    duration: int
    demand: Mapping[str, int] = attrs.field(factory=dict, converter=_demand)
    after: tuple[Pred, ...] = attrs.field(default=(), converter=_after)
    release: int = 0
    every: int = 1
    pin: int | None = None
    _preds: tuple[tuple[str, int], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ScheduleError(f"task id must be a non-empty string, got {self.id!r}")
        where = f"task {self.id!r}"
        if not _is_int(self.duration) or self.duration < 0:
            raise ScheduleError(f"{where}: duration must be a whole number >= 0")
        for resource, amount in self.demand.items():
            if not _is_int(amount) or amount < 0:
                raise ScheduleError(f"{where}: demand for {resource!r} must be a whole number >= 0")
        for entry in self.after:
            if isinstance(entry, str):
                continue
            if (
                not isinstance(entry, tuple)
                or len(entry) != 2
                or not isinstance(entry[0], str)
                or not _is_int(entry[1])
            ):
                raise ScheduleError(f"{where}: predecessor {entry!r} is not 'id' or ('id', lag)")
        if not _is_int(self.release) or self.release < 0:
            raise ScheduleError(f"{where}: release must be a whole number >= 0")
        if not _is_int(self.every) or self.every < 1:
            raise ScheduleError(f"{where}: every must be a whole number >= 1")
        if self.pin is not None and (not _is_int(self.pin) or self.pin < 0):
            raise ScheduleError(f"{where}: pin must be a week number >= 0")
        preds = tuple((e, 0) if isinstance(e, str) else e for e in self.after)
        object.__setattr__(self, "_preds", preds)

    @property
    def predecessors(self) -> tuple[tuple[str, int], ...]:
        """``after`` normalised to ``(id, lag)`` pairs."""
        return self._preds


@attrs.frozen
class Problem:
    """Tasks sharing renewable resources with a constant ``capacity`` per week."""

    tasks: tuple[Task, ...] = attrs.field(converter=tuple)
    capacity: Mapping[str, int] = attrs.field(converter=dict)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for resource, amount in self.capacity.items():
            if not _is_int(amount) or amount < 0:
                raise ScheduleError(f"capacity of {resource!r} must be a whole number >= 0")
        ids: dict[str, Task] = {}
        for task in self.tasks:
            if not isinstance(task, Task):
                raise ScheduleError(f"expected a Task, got {task!r}")
            if task.id in ids:
                raise ScheduleError(f"duplicate task id {task.id!r}")
            ids[task.id] = task
        cap = self.capacity
        for task in self.tasks:
            for resource, amount in task.demand.items():
                if resource not in cap:
                    known = ", ".join(map(repr, cap)) or "none"
                    raise ScheduleError(
                        f"task {task.id!r} uses unknown resource {resource!r} (known: {known})"
                    )
                if amount > cap[resource] and task.pin is None:
                    raise ScheduleError(
                        f"task {task.id!r} needs {amount} {resource} per week but the "
                        f"capacity is {cap[resource]}"
                    )
            for pred, lag in task.predecessors:
                if pred not in ids:
                    raise ScheduleError(f"task {task.id!r} comes after unknown task {pred!r}")
                if pred == task.id:
                    raise ScheduleError(f"precedence cycle: {pred} → {pred}")
                if lag < -ids[pred].duration:
                    raise ScheduleError(
                        f"task {task.id!r}: lag {lag} after {pred!r} is below minus its duration "
                        f"(-{ids[pred].duration}); a task cannot start before its predecessor "
                        f"starts (use a lag >= -{ids[pred].duration})"
                    )
        self._cache["order"] = _topological(self.tasks)

    def task(self, task_id: str) -> Task:
        """The task with this id (``KeyError`` if there is none)."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)


def _topological(tasks: tuple[Task, ...]) -> list[int]:
    """Task positions in a precedence order (stable: ties keep input order), or a cycle error."""
    index = {t.id: k for k, t in enumerate(tasks)}
    succs: list[list[int]] = [[] for _ in tasks]
    missing = [0] * len(tasks)
    for k, task in enumerate(tasks):
        for pred, _lag in task.predecessors:
            succs[index[pred]].append(k)
            missing[k] += 1
    ready = [k for k in range(len(tasks)) if not missing[k]]
    ready.reverse()
    order: list[int] = []
    while ready:
        k = ready.pop()
        order.append(k)
        fresh = []
        for s in succs[k]:
            missing[s] -= 1
            if not missing[s]:
                fresh.append(s)
        ready.extend(reversed(fresh))
    if len(order) < len(tasks):
        raise ScheduleError("precedence cycle: " + " → ".join(_cycle(tasks, succs, missing)))
    return order


def _cycle(tasks: tuple[Task, ...], succs: list[list[int]], missing: list[int]) -> list[str]:
    """One cycle among the tasks that never became ready, as ids ``a, b, c, a``."""
    left = [k for k in range(len(tasks)) if missing[k] > 0]
    alive = set(left)
    # Walk backwards along unready predecessors until a task repeats: that closes a cycle.
    preds: dict[int, list[int]] = {k: [] for k in left}
    for k in left:
        for s in succs[k]:
            if s in alive:
                preds[s].append(k)
    seen: dict[int, int] = {}
    path: list[int] = []
    k = left[0]
    while k not in seen:
        seen[k] = len(path)
        path.append(k)
        k = preds[k][0]
    loop = path[seen[k] :]
    loop.reverse()  # predecessor → successor direction
    first = loop.index(min(loop))  # start at the task given first
    loop = loop[first:] + loop[:first]
    loop.append(loop[0])
    return [tasks[k].id for k in loop]


@attrs.frozen
class Schedule:
    """Start week of every task, and what is known about its quality.

    ``optimal`` is true only when proven (the exact engine's optimum, or a heuristic makespan
    equal to ``lower_bound``). ``overloads`` lists ``(week, resource, excess)`` where pinned
    tasks alone exceed a capacity.
    """

    start: dict[str, int]
    makespan: int
    engine: str
    optimal: bool
    lower_bound: int
    overloads: tuple[tuple[int, str, int], ...] = ()
    durations: dict[str, int] = attrs.field(factory=dict, repr=False)
    evaluated: int = attrs.field(default=0, eq=False)

    def end(self, task_id: str) -> int:
        """The week after the last week of ``task_id`` (its start for a milestone)."""
        return self.start[task_id] + self.durations[task_id]


def pinned_overloads(problem: Problem) -> tuple[tuple[int, str, int], ...]:
    """``(week, resource, excess)`` for every week where pinned tasks alone exceed a capacity."""
    use: dict[tuple[int, str], int] = {}
    for task in problem.tasks:
        if task.pin is None:
            continue
        for resource, amount in task.demand.items():
            if amount:
                for week in range(task.pin, task.pin + task.duration):
                    use[week, resource] = use.get((week, resource), 0) + amount
    order = {r: k for k, r in enumerate(problem.capacity)}
    found = [
        (week, res, amount - problem.capacity[res])
        for (week, res), amount in use.items()
        if amount > problem.capacity[res]
    ]
    return tuple(sorted(found, key=lambda x: (x[0], order[x[1]])))
