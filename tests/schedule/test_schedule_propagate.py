"""Proofs by propagation: a deadline no schedule can meet is refuted, one that a schedule
meets never is, and the heuristic uses a proof to call a schedule optimal and stop."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule_properties import problems

from padplanner.schedule import Problem, Task, solve
from padplanner.schedule.bounds import heads, lower_bound
from padplanner.schedule.compiled import compile_problem
from padplanner.schedule.propagate import Refuter

BIG = 10**6  # rounds: enough for any of these problems


def refuter(problem: Problem) -> Refuter:
    c = compile_problem(problem)
    return Refuter(c, heads(c))


def courses_every_six_weeks() -> Problem:
    """Two 4-week courses of 8 h a week in a 12-hour week, both starting every 6 weeks: they
    cannot overlap, and the second waits for the next start, in week 6."""
    tasks = [Task(k, 4, {"hours": 8}, every=6) for k in ("a", "b")]
    return Problem(tasks, {"hours": 12})


def test_calendars_make_the_classic_bounds_weak():
    c = compile_problem(courses_every_six_weeks())
    assert lower_bound(c) == 8  # 4 + 4 weeks back to back, ignoring the course starts


def test_a_deadline_before_the_next_course_start_is_refuted():
    r = refuter(courses_every_six_weeks())
    assert r.refutes(9, BIG)  # the second course cannot start before week 6
    assert not r.refutes(10, BIG)


def test_a_thorough_search_proves_such_a_schedule_optimal_and_stops():
    s = solve(courses_every_six_weeks(), effort="thorough")
    assert s.makespan == 10 and s.optimal and s.lower_bound == 10
    assert s.evaluated < 300  # the budget for a small problem: the proof ended the search


def test_a_fast_search_proves_too():
    """Fast searches try proofs too (the classic bounds stop at 8 weeks here; the calendars
    prove 10)."""
    s = solve(courses_every_six_weeks(), effort="fast")
    assert s.makespan == 10 and s.optimal and s.lower_bound == 10


def test_time_tabling_pushes_a_task_out_of_weeks_another_must_use():
    # "long" must run in weeks 2-9 to end by week 10; "short" (6 + 8 > 12 hours) cannot share
    # any of them, so it runs in weeks 0-1 or 10+ and nothing ends by week 10 with it after
    tasks = [
        Task("long", 8, {"hours": 6}, release=2),
        Task("short", 3, {"hours": 8}),
    ]
    r = refuter(Problem(tasks, {"hours": 12}))
    assert r.refutes(10, BIG)  # short fits before week 2 only if it lasted 2 weeks
    assert not r.refutes(13, BIG)  # long 2-10, short 10-13


def test_shaving_finds_what_plain_propagation_misses():
    # three courses of 8 h in a 12-hour week, every 5 weeks: only one at a time
    tasks = [Task(k, 3, {"hours": 8}, every=5) for k in ("a", "b", "c")]
    r = refuter(Problem(tasks, {"hours": 12}))
    assert r.refutes(12, BIG)  # weeks 0-3, 5-8, 10-13: 13 is the optimum
    assert not r.refutes(13, BIG)


def test_shaving_removes_a_run_of_weeks_at_once():
    # three 10-week courses that cannot overlap end by week 30 at the earliest; each window
    # for week 29 has 20 start weeks, and shaving them one at a time took 21 rounds
    tasks = [Task(k, 10, {"hours": 8}) for k in ("a", "b", "c")]
    r = refuter(Problem(tasks, {"hours": 12}))
    assert r.refutes(29, BIG)
    assert r.rounds < 20
    assert not refuter(Problem(tasks, {"hours": 12})).refutes(30, BIG)


def test_shaving_starts_with_the_task_with_the_fewest_start_weeks():
    # the three courses every 4 weeks have few start weeks left for week 16; trying them
    # first refutes it at once, in task order ("a" first, any week) it took 17 rounds
    tasks = [
        Task("a", 3, {"hours": 6}),
        Task("b", 5, {"hours": 8}, every=4),
        Task("c", 5, {"hours": 10}, every=4),
        Task("d", 4, {"hours": 8}, every=4),
    ]
    r = refuter(Problem(tasks, {"hours": 12}))
    assert r.refutes(16, BIG)
    assert r.rounds <= 5
    assert solve(Problem(tasks, {"hours": 12}), effort="thorough").makespan == 17


def test_pinned_problems_are_not_proven_by_propagation():
    tasks = [Task("a", 4, {"hours": 8}, every=6), Task("b", 4, {"hours": 8}, every=6, pin=0)]
    s = solve(Problem(tasks, {"hours": 12}), effort="thorough")
    assert s.start["b"] == 0 and s.start["a"] == 6 and s.makespan == 10
    assert s.lower_bound < 10 and not s.optimal  # optimal, but not proven without propagation


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(pins=False), st.integers(0, 3))
def test_a_deadline_a_schedule_meets_is_never_refuted(problem, slack):
    s = solve(problem, effort="thorough")
    r = refuter(Problem(problem.tasks, problem.capacity))
    assert not r.refutes(s.makespan + slack, BIG)
