"""The C engine (``padplanner/schedule/csrc/``) computes exactly what the Python passes
compute, so a plan never depends on whether padplanner was built with it."""

from __future__ import annotations

import contextlib
import os
import random

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule_parts import cohorts
from test_schedule_properties import problems

from padplanner.schedule import Problem, Task, native, solve
from padplanner.schedule.bounds import (
    critical_path,
    heads,
    latest_starts,
    resource_bound,
    resource_bound_py,
    tails,
)
from padplanner.schedule.compiled import _compile_py, compile_problem
from padplanner.schedule.heuristic import (
    _free_succ,
    _rules,
    _rules_py,
    priority_list,
    reverse_list,
    sample_list_py,
)
from padplanner.schedule.parts import split, split_py
from padplanner.schedule.propagate import Refuter
from padplanner.schedule.sgs import backward_py, forward_py

needs_engine = pytest.mark.skipif(
    not native.ENABLED, reason="the C engine is not built (or PADPLANNER_PURE_PYTHON is set)"
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def python_only():
    """Everything in Python, as without the engine."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(native, "ENABLED", False)
    try:
        yield
    finally:
        monkeypatch.undo()


def test_the_engine_is_built_where_it_must_be():
    """CI and `make test` build it (a C compiler is at hand); a silent fallback to Python
    would make every plan several times slower."""
    if not os.environ.get("PADPLANNER_REQUIRE_NATIVE"):
        pytest.skip("PADPLANNER_REQUIRE_NATIVE is not set")
    assert native.Engine is not None
    assert native.ENABLED


def _engine(problem: Problem):
    c = compile_problem(problem)
    return c, native.Engine(*native.arguments(c))


def _orders(c, seed: int, count: int = 4) -> list[list[int]]:
    """Random precedence-feasible lists of the free tasks."""
    rng = random.Random(seed)
    succ, missing = _free_succ(c)
    out = []
    for _ in range(count):
        prio = [rng.randrange(20) for _ in c.dur]
        out.append(sample_list_py(c, prio, rng, succ, missing))
    return out


@needs_engine
@SETTINGS
@given(problems(max_tasks=12), st.integers(0, 99))
def test_passes_match_python(problem, seed):
    c, engine = _engine(problem)
    es = heads(c)
    for order in _orders(c, seed):
        start, ms = forward_py(c, order)
        assert engine.forward(order) == (start, ms)
        latest = sorted(c.free, key=lambda i: start[i] + c.dur[i], reverse=True)
        for deadline in (ms, ms - 1, ms - 3, ms + 2):
            assert engine.backward(latest, deadline, es) == backward_py(c, latest, deadline, es)


@needs_engine
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(0, 99))
def test_passes_match_python_on_cohorts(problem, seed):
    """Many resources: the Python passes use one profile int per resource there."""
    c, engine = _engine(problem)
    es = heads(c)
    for order in _orders(c, seed, 2):
        start, ms = forward_py(c, order)
        assert engine.forward(order) == (start, ms)
        latest = sorted(c.free, key=lambda i: start[i] + c.dur[i], reverse=True)
        assert engine.backward(latest, ms, es) == backward_py(c, latest, ms, es)


@needs_engine
@SETTINGS
@given(problems(max_tasks=12, pins=False), st.integers(0, 99))
def test_sampling_matches_python(problem, seed):
    c, engine = _engine(problem)
    succ, missing = _free_succ(c)
    prio = [random.Random(seed).randrange(-30, 30) for _ in c.dur]
    expected = sample_list_py(c, prio, random.Random(seed), succ, missing)
    assert engine.sample(prio, random.Random(seed).random, missing) == expected


@needs_engine
@SETTINGS
@given(problems(max_tasks=12, pins=False))
def test_propagation_matches_python(problem):
    c = compile_problem(problem)
    es = heads(c)
    lb = critical_path(c, es)
    ms = forward_py(c, c.free)[1]
    in_c = Refuter(c, es)
    assert in_c.engine is not None
    in_python = Refuter(c, es)
    in_python.engine = None
    for deadline in range(max(lb - 1, 0), ms + 1):
        assert in_c.refutes(deadline, 50) == in_python.refutes(deadline, 50)
        assert in_c.rounds == in_python.rounds


def _solve_in_python(problem: Problem, effort: str) -> object:
    with python_only():
        return solve(Problem(problem.tasks, problem.capacity), effort=effort)


@needs_engine
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_tasks=12), st.sampled_from(["fast", "thorough"]))
def test_solve_gives_the_same_schedule_with_and_without_the_engine(problem, effort):
    assert solve(problem, effort=effort) == _solve_in_python(problem, effort)


@needs_engine
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.sampled_from(["fast", "thorough"]))
def test_cohorts_get_the_same_schedule_with_and_without_the_engine(problem, effort):
    assert solve(problem, effort=effort) == _solve_in_python(problem, effort)


@needs_engine
def test_bad_arguments_raise_errors_not_crashes():
    c, engine = _engine(Problem([Task("a", 2, {"h": 1}), Task("b", 1, after="a")], {"h": 1}))
    with pytest.raises(IndexError):
        engine.forward([0, 7])
    with pytest.raises(ValueError, match="longer"):
        engine.forward([0, 1, 0])
    with pytest.raises(ValueError, match="es"):
        engine.backward([1, 0], 5, [0])
    with pytest.raises(TypeError):
        engine.forward(["a"])
    args = native.arguments(c)
    with pytest.raises(ValueError, match="dem"):
        native.Engine(*args[:8], [((3, 1),), ()], *args[9:])
    with pytest.raises(ValueError, match="pw"):
        native.Engine(*args[:6], [(), ((5, 2),)], *args[7:])
    with pytest.raises(RuntimeError, match="set_refuter"):
        engine.propagate([0, 0], [0, 0])


@needs_engine
@SETTINGS
@given(problems(max_tasks=12), st.integers(0, 99))
def test_priority_lists_match_python(problem, seed):
    c = compile_problem(problem)
    succ, missing = _free_succ(c)
    prio = [random.Random(seed).randrange(-5, 5) for _ in c.dur]  # many ties
    in_c = priority_list(c, prio, succ, missing), reverse_list(c, prio, succ)
    assert c.engine is not None
    python = compile_problem(Problem(problem.tasks, problem.capacity))
    with python_only():
        in_python = priority_list(python, prio, succ, missing), reverse_list(python, prio, succ)
    assert python.engine is None
    assert in_c == in_python


@needs_engine
@SETTINGS
@given(problems(max_tasks=14))
def test_resource_bounds_match_python(problem):
    c = compile_problem(problem)
    es, q = heads(c), tails(c)
    native.engine(c)
    assert resource_bound(c, es, q) == resource_bound_py(c, es, q)


@needs_engine
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_resource_bounds_match_python_on_cohorts(problem):
    c = compile_problem(problem)
    es, q = heads(c), tails(c)
    native.engine(c)
    assert resource_bound(c, es, q) == resource_bound_py(c, es, q)


@needs_engine
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(cohorts(), problems(max_tasks=14, pins=False)))
def test_split_matches_python(problem):
    c = compile_problem(problem)
    assert split(c) == split_py(c)


@needs_engine
@SETTINGS
@given(st.one_of(cohorts(), problems(max_tasks=14, pins=False)))
def test_rules_and_refuter_set_up_match_python(problem):
    c = compile_problem(problem)
    es, q = heads(c), tails(c)
    in_c = Refuter(c, es)
    assert in_c.engine is not None
    assert _rules(c, es, q) == _rules_py(c, es, q)
    # the C set-up derives the users and pairs the Python propagation uses
    in_python = Refuter(c, es)
    in_python.engine = None
    lb = critical_path(c, es)
    for deadline in (lb - 1, lb, lb + 2):
        assert in_c.refutes(deadline, 40) == in_python.refutes(deadline, 40)
        assert in_c.rounds == in_python.rounds


@needs_engine
@SETTINGS
@given(st.one_of(cohorts(), problems(max_tasks=14)))
def test_compiling_matches_python(problem):
    in_c = attrs.asdict(compile_problem(problem), recurse=False)
    assert in_c == attrs.asdict(_compile_py(problem), recurse=False)


@needs_engine
@SETTINGS
@given(problems(max_tasks=14), st.integers(-2, 40))
def test_heads_tails_latest_starts_and_successors_match_python(problem, deadline):
    c = compile_problem(problem)
    in_c = heads(c), tails(c), latest_starts(c, deadline), _free_succ(c)
    assert c.engine is not None
    with python_only():
        python = compile_problem(Problem(problem.tasks, problem.capacity))
        in_python = (
            heads(python),
            tails(python),
            latest_starts(python, deadline),
            _free_succ(python),
        )
    assert python.engine is None
    assert in_c == in_python


@needs_engine
def test_a_problem_too_large_for_the_engine_runs_in_python(monkeypatch):
    """A far release week makes a long horizon; past MAX_CELLS the engine is not made and the
    Python passes give the same schedule."""
    tasks = [Task("a", 3, {"h": 2}), Task("b", 2, {"h": 2}, release=40), Task("c", 1, after="a")]
    problem = Problem(tasks, {"h": 3})
    expected = solve(problem, effort="thorough")
    assert compile_problem(problem).engine is not None
    monkeypatch.setattr(native, "MAX_CELLS", 10)
    fresh = Problem(tasks, {"h": 3})
    assert solve(fresh, effort="thorough") == expected
    assert compile_problem(fresh).engine is None
