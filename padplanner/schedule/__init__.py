"""Generic resource-constrained scheduler with weeks as the time unit.

Contract (other code and tests depend on these names)::

    from padplanner.schedule import Problem, Task, Schedule, solve, validate, ScheduleError
    p = Problem(capacity={"hours": 16},
                tasks=[Task("a", duration=4, demand={"hours": 12}),
                       Task("b", duration=2, demand={"hours": 8}, after=("a",))])
    s = solve(p)            # s.start["a"] == 0, s.start["b"] == 4, s.makespan == 6

* ``Task(id, duration, demand, after=(), release=0, every=1, pin=None)``: ``duration`` weeks
  (0 = milestone) using ``demand[resource]`` per week; ``after`` entries are ``"a"`` (start
  after ``a`` ends) or ``("a", lag)`` (start at least ``lag`` weeks after ``a`` ends; ``lag``
  may go down to ``-duration(a)``, which means start no earlier than ``a`` starts); the
  task may start only in weeks ``release + k * every``; ``pin`` fixes the start by hand, even
  if that overloads a resource or breaks a predecessor or the calendar.
* ``Problem(tasks, capacity)``: constant capacity per resource and week. Duplicate ids,
  unknown resources or predecessors, a demand above a capacity (unpinned task), a lag below
  minus the predecessor's duration and precedence cycles (``a → b → c → a``) raise :class:`ScheduleError` (a ``ValueError``).
* ``solve(problem, effort="fast" | "thorough", engine="heuristic" | "cp-sat", time_limit=None,
  seed=0) -> Schedule``: earliest completion of all tasks. Deterministic for the heuristic:
  same problem, effort and seed give the same schedule.
* ``Schedule``: ``start``, ``makespan``, ``engine``, ``optimal`` (proven), ``lower_bound``,
  ``overloads`` (``(week, resource, excess)`` caused by pins), ``end(task_id)``.
* ``validate(problem, schedule) -> list[str]``: violations as sentences; empty means valid.
* ``ends_after(problem, week) -> bool``: True when it is shown, without solving, that no
  schedule ends by ``week`` (the heuristic's bounds, :mod:`.bounds`, and proofs,
  :mod:`.propagate`; proofs never for a problem with pins).

The heuristic engine is in :mod:`.heuristic` (passes in :mod:`.sgs`, bounds in :mod:`.bounds`,
proofs in :mod:`.propagate`, cohorts split in :mod:`.parts`), the exact OR-Tools CP-SAT engine
(extra ``padplanner[optimal]``) in :mod:`.cpsat`.
"""

from __future__ import annotations

from padplanner.schedule.check import validate
from padplanner.schedule.model import Problem, Schedule, ScheduleError, Task

__all__ = [
    "Problem",
    "Schedule",
    "ScheduleError",
    "Task",
    "ends_after",
    "solve",
    "validate",
]

EFFORTS = ("fast", "thorough")
ENGINES = ("heuristic", "cp-sat")


def ends_after(problem: Problem, week: int, rounds: int = 400) -> bool:
    """True if it is shown that no schedule of ``problem`` ends by ``week``, without solving:
    by the heuristic's lower bounds (critical path, energy, cliques) or by propagation within
    ``rounds`` rounds (its proofs of optimality, never for a problem with pinned tasks)."""
    from padplanner.schedule.bounds import critical_path, heads, resource_bound, tails
    from padplanner.schedule.compiled import compile_problem
    from padplanner.schedule.propagate import Refuter

    c = compile_problem(problem)
    es = heads(c)
    if critical_path(c, es) > week or resource_bound(c, es, tails(c)) > week:
        return True
    return not c.pinned and Refuter(c, es).refutes(week, rounds)


def solve(
    problem: Problem,
    effort: str = "fast",
    engine: str = "heuristic",
    time_limit: float | None = None,
    seed: int = 0,
) -> Schedule:
    """Schedule every task of ``problem`` to finish as early as possible.

    ``effort`` bounds the heuristic by a number of generated schedules (``fast`` for
    interactive use, ``thorough`` for batch work); ``engine="cp-sat"`` solves exactly with
    OR-Tools within ``time_limit`` seconds (default 10), starting from the heuristic's schedule.
    """
    if effort not in EFFORTS:
        raise ScheduleError(f"unknown effort {effort!r} (choose from {', '.join(EFFORTS)})")
    if not isinstance(problem, Problem):
        raise ScheduleError(f"expected a Problem, got {type(problem).__name__}")
    if engine == "heuristic":
        from padplanner.schedule.heuristic import solve_heuristic

        return solve_heuristic(problem, effort, seed)
    if engine == "cp-sat":
        from padplanner.schedule.cpsat import solve_cpsat

        return solve_cpsat(problem, effort=effort, time_limit=time_limit, seed=seed)
    raise ScheduleError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
