"""The exact engine (OR-Tools CP-SAT, extra ``padplanner[optimal]``)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from padplanner.schedule import Problem, ScheduleError, Task, solve, validate

H = {"hours": 16}
needs_ortools = pytest.mark.skipif(
    importlib.util.find_spec("ortools") is None, reason="OR-Tools not installed"
)


def test_missing_ortools_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "ortools.sat.python.cp_model", None)
    monkeypatch.setitem(sys.modules, "ortools.sat.python", None)
    p = Problem([Task("a", 1, {"hours": 1})], H)
    with pytest.raises(ScheduleError, match=r"pip install 'padplanner\[optimal\]'"):
        solve(p, engine="cp-sat")


@needs_ortools
def test_contract_example_is_optimal():
    p = Problem(
        [Task("a", 4, {"hours": 12}), Task("b", 2, {"hours": 8}, after=("a",))],
        {"hours": 16},
    )
    s = solve(p, engine="cp-sat")
    assert (s.start, s.makespan, s.engine, s.optimal) == ({"a": 0, "b": 4}, 6, "cp-sat", True)


@needs_ortools
def test_calendars_lags_and_release():
    p = Problem(
        [
            Task("a", 3, {"hours": 10}, release=1),
            Task("b", 3, {"hours": 10}, every=4),
            Task("c", 2, {"hours": 4}, after=(("a", 2), "b"), every=3, release=1),
        ],
        H,
    )
    s = solve(p, engine="cp-sat")
    assert validate(p, s) == []
    assert s.optimal
    assert s.makespan == solve(p, effort="thorough").makespan == 9


@needs_ortools
def test_pins_overload_without_making_the_model_infeasible():
    p = Problem(
        [
            Task("a", 2, {"hours": 20}, pin=1),
            Task("b", 3, {"hours": 10}),
            Task("c", 1, {"hours": 6}, after=("a",)),
            Task("d", 2, {"hours": 8}, after=("c",), pin=2),  # breaks its predecessor
        ],
        H,
    )
    s = solve(p, engine="cp-sat")
    assert validate(p, s) == []
    assert s.start["a"] == 1 and s.start["d"] == 2
    assert s.overloads == ((1, "hours", 4), (2, "hours", 12))
    assert s.start["b"] >= 4 and s.start["c"] >= 3
    assert s.makespan == solve(p, effort="thorough").makespan


@needs_ortools
def test_cpsat_improves_on_a_poor_heuristic_schedule():
    # the LFT rule starts the long chain first; the optimum packs the two wide tasks first
    tasks = [
        Task("x1", 2, {"hours": 9}),
        Task("x2", 2, {"hours": 9}),
        Task("y", 4, {"hours": 7}),
    ]
    p = Problem(tasks, H)
    s = solve(p, engine="cp-sat")
    assert s.optimal and s.makespan == 4 and validate(p, s) == []
