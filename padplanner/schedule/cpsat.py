"""The exact engine on OR-Tools CP-SAT (optional extra ``padplanner[optimal]``).

One interval per free task with a start restricted to its calendar weeks, a cumulative
constraint per resource (the weeks pinned tasks already use enter as fixed intervals, clipped
at the capacity, so pins may overload without making the model infeasible), precedences with
lags, and the makespan to minimise. The heuristic's schedule bounds the horizon and is the
solver's hint; the solver's own bound may raise the lower bound. Its schedule is finally
left-justified with one serial pass in the order of its starts (no task starts later, so it
stays optimal), which removes needless delays of tasks off the critical path.
"""

from __future__ import annotations

import math

from padplanner.schedule.bounds import critical_path, heads
from padplanner.schedule.compiled import compile_problem, pinned_use
from padplanner.schedule.heuristic import make_schedule, solve_heuristic
from padplanner.schedule.model import Problem, Schedule, ScheduleError
from padplanner.schedule.sgs import forward

DEFAULT_TIME_LIMIT = 10.0
NEEDS_ORTOOLS = "the exact engine needs OR-Tools: pip install 'padplanner[optimal]'"


def solve_cpsat(
    problem: Problem,
    effort: str = "fast",
    time_limit: float | None = None,
    seed: int = 0,
    warm: bool = True,
) -> Schedule:
    """Minimum-makespan schedule, proven optimal unless ``time_limit`` seconds run out.

    ``effort`` and ``seed`` go to the heuristic that provides the first schedule. With two
    workers the makespan found is reproducible when proven optimal; the start weeks of tasks
    off the critical path may differ between runs. If time runs out before the solver has a
    schedule of its own, the heuristic's schedule is returned (``engine="heuristic"``).

    ``warm=False`` leaves the heuristic out: the horizon is one serial pass in precedence
    order, there is no hint and the makespan's only bound is the critical path. That is
    CP-SAT on its own, the reference the benchmarks time the heuristic against (a warm start
    hands the solver the heuristic's schedule and its proof of optimality, if it has one).
    """
    try:
        from ortools.sat.python import cp_model
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ScheduleError(NEEDS_ORTOOLS) from exc

    c = compile_problem(problem)
    es = heads(c)
    if warm:
        first = solve_heuristic(problem, effort, seed)
    else:
        serial, serial_ms = forward(c, c.free)
        first = make_schedule(problem, c, serial, serial_ms, "heuristic", critical_path(c, es))
    horizon = first.makespan
    ids = c.ids
    model = cp_model.CpModel()
    start: dict[int, cp_model.IntVar | int] = {i: c.pin[i] for i in c.pinned}
    for i in c.free:
        top = horizon - c.dur[i]
        if c.every[i] == 1:
            weeks = cp_model.Domain(es[i], top)
        else:
            weeks = cp_model.Domain.from_values(range(es[i], top + 1, c.every[i]))
        start[i] = model.new_int_var_from_domain(weeks, ids[i])
        if warm:
            model.add_hint(start[i], first.start[ids[i]])
    for i in c.free:
        for p, lag in c.preds[i]:
            model.add(start[i] >= start[p] + c.dur[p] + lag)
    pinned = pinned_use(c.dem, c.dur, c.pin, c.pinned, len(c.cap))
    for r, cap in enumerate(c.cap):
        intervals, demands = [], []
        for i in c.free:
            for rr, q in c.dem[i]:
                if rr == r:
                    intervals.append(model.new_fixed_size_interval_var(start[i], c.dur[i], ""))
                    demands.append(q)
        if not intervals:
            continue
        row = [min(x, cap) for x in pinned[r]]
        w = 0
        while w < len(row):  # pinned use as fixed blocks of equal use
            taken = row[w]
            end = w + 1
            while end < len(row) and row[end] == taken:
                end += 1
            if taken:
                intervals.append(model.new_fixed_size_interval_var(w, end - w, ""))
                demands.append(taken)
            w = end
        model.add_cumulative(intervals, demands, cap)
    makespan = model.new_int_var(first.lower_bound, horizon, "makespan")
    for i in c.free:
        model.add(makespan >= start[i] + c.dur[i])
    model.minimize(makespan)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = DEFAULT_TIME_LIMIT if time_limit is None else time_limit
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:  # the heuristic's schedule fits, so this is a bug
            raise ScheduleError("CP-SAT found no schedule within the heuristic's makespan")
        return first  # time ran out before the solver had a schedule of its own
    found = [solver.value(start[i]) if c.pin[i] < 0 else c.pin[i] for i in range(len(ids))]
    order = sorted(c.free, key=found.__getitem__)
    starts, ms = forward(c, order)
    bound = max(first.lower_bound, math.ceil(solver.best_objective_bound - 1e-9))
    optimal = status == cp_model.OPTIMAL or ms <= bound
    return make_schedule(problem, c, starts, ms, "cp-sat", min(bound, ms), optimal=optimal)
