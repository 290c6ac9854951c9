"""Property tests over random problems: every schedule is valid and respects its bound;
the exact engine agrees with or beats the heuristic and never goes below its lower bound."""

from __future__ import annotations

import importlib.util
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from padplanner.schedule import Problem, Task, compiled, solve, validate

HAS_ORTOOLS = importlib.util.find_spec("ortools") is not None


@st.composite
def problems(draw, max_tasks: int = 10, pins: bool = True) -> Problem:
    """Random DAGs with demands up to the capacity, release weeks, calendars, lags (negative
    ones down to minus the predecessor's duration: start-to-start) and pins."""
    resources = draw(
        st.lists(st.sampled_from(["hours", "seats", "coach"]), min_size=1, max_size=3, unique=True)
    )
    capacity = {r: draw(st.integers(1, 16)) for r in resources}
    n = draw(st.integers(0, max_tasks))
    tasks = []
    durations = []
    for k in range(n):
        durations.append(draw(st.integers(0, 6)))
        pinned = pins and draw(st.integers(0, 9)) == 0
        demand = {}
        for r in resources:
            top = capacity[r] + (6 if pinned else 0)
            amount = draw(st.integers(0, top))
            if amount:
                demand[r] = amount
        after = []
        for p in draw(st.lists(st.integers(0, k - 1), max_size=3, unique=True)) if k else []:
            lag = draw(st.integers(0, 3)) if draw(st.booleans()) else -durations[p]
            if lag < 0 and draw(st.booleans()):
                lag = draw(st.integers(-durations[p], 0))
            after.append(f"t{p}" if lag == 0 and draw(st.booleans()) else (f"t{p}", lag))
        tasks.append(
            Task(
                f"t{k}",
                duration=durations[k],
                demand=demand,
                after=tuple(after),
                release=draw(st.integers(0, 5)),
                every=draw(st.sampled_from([1, 1, 1, 2, 3, 4, 6])),
                pin=draw(st.integers(0, 12)) if pinned else None,
            )
        )
    order = draw(st.permutations(range(n)))  # input order need not be topological
    return Problem([tasks[k] for k in order], capacity)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(problems())
def test_heuristic_schedules_are_valid_and_bounded(problem):
    for effort in ("fast", "thorough"):
        s = solve(problem, effort=effort)
        assert validate(problem, s) == []
        assert s.makespan >= s.lower_bound
        assert s.optimal == (s.makespan == s.lower_bound)
        assert set(s.start) == {t.id for t in problem.tasks}
        assert list(s.start) == [t.id for t in problem.tasks]  # input order


@settings(max_examples=40, deadline=None)
@given(problems(), st.integers(0, 3))
def test_heuristic_is_deterministic(problem, seed):
    fresh = Problem(list(problem.tasks), dict(problem.capacity))
    assert solve(problem, effort="thorough", seed=seed) == solve(fresh, "thorough", seed=seed)


@FAST
@given(problems(pins=False))
def test_thorough_is_never_worse_than_fast(problem):
    assert solve(problem, "thorough").makespan <= solve(problem, "fast").makespan


@pytest.mark.skipif(not HAS_ORTOOLS, reason="OR-Tools (padplanner[optimal]) not installed")
@settings(max_examples=30, deadline=None)
@given(problems(max_tasks=7))
def test_cpsat_agrees_or_beats_the_heuristic(problem):
    exact = solve(problem, engine="cp-sat", time_limit=10)
    assert validate(problem, exact) == []
    assert exact.engine == "cp-sat"
    assert exact.optimal
    for effort in ("fast", "thorough"):  # thorough also proves by propagation
        heuristic = solve(Problem(problem.tasks, problem.capacity), effort=effort)
        assert exact.makespan <= heuristic.makespan
        # the heuristic's lower bound is a true bound, and a proven heuristic optimum is one
        assert heuristic.lower_bound <= exact.makespan
        if heuristic.optimal:
            assert heuristic.makespan == exact.makespan


@settings(max_examples=60, deadline=None)
@given(problems())
def test_one_profile_per_resource_gives_the_same_schedules(problem):
    """Problems with many resources keep one profile int per resource: same algorithm."""
    packed = solve(problem, "thorough")
    with mock.patch.object(compiled, "PACKED", 0):
        separate = solve(Problem(list(problem.tasks), dict(problem.capacity)), "thorough")
    assert separate == packed
