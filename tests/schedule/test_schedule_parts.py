"""Cohorts solved part by part: how a problem splits, what a part keeps, and that the merged
schedule is valid, bounded by every part and no worse than its longest part."""

from __future__ import annotations

import importlib.util

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from padplanner.schedule import Problem, Task, solve, validate
from padplanner.schedule.bounds import critical_path, heads
from padplanner.schedule.compiled import compile_part, compile_problem
from padplanner.schedule.heuristic import search
from padplanner.schedule.parts import split

HAS_ORTOOLS = importlib.util.find_spec("ortools") is not None


def person(who: str, courses: list[tuple[str, int, int]], hours: int = 8) -> list[Task]:
    """One person's chain of courses ``(course, weeks, hours a week)``, each taking a seat in
    that course, then an exam."""
    tasks, prev = [], ()
    for course, weeks, load in courses:
        tid = f"{who}:{course}"
        demand = {f"hours-{who}": load, f"seats:{course}": 1}
        tasks.append(Task(tid, weeks, demand, after=prev))
        prev = (tid,)
    tasks.append(Task(f"{who}:exam", 0, after=prev))
    return tasks


def ids(problem: Problem, groups: list[list[int]]) -> list[set[str]]:
    c = compile_problem(problem)
    return sorted(({c.ids[i] for i in g} for g in groups), key=sorted)


def test_a_cohort_splits_into_one_part_per_person():
    a = person("a", [("reading-1", 10, 8), ("reading-2", 10, 8)])
    b = person("b", [("reading-1", 6, 8)])
    # each person's hours are busier than the shared seats, so they hold a person together
    p = Problem(a + b, {"hours-a": 8, "hours-b": 8, "seats:reading-1": 1, "seats:reading-2": 1})
    assert ids(p, split(compile_problem(p))) == [
        {"a:reading-1", "a:reading-2", "a:exam"},
        {"b:reading-1", "b:exam"},
    ]


def test_one_persons_parallel_chains_stay_one_part():
    tasks = [
        Task("reading", 12, {"hours": 8, "seats:reading": 1}),
        Task("speaking", 12, {"hours": 8, "seats:speaking": 1}),
        Task("knm", 8, {"hours": 4, "seats:knm": 1}),
    ]
    p = Problem(tasks, {"hours": 12, "seats:reading": 2, "seats:speaking": 2, "seats:knm": 2})
    assert len(split(compile_problem(p))) == 1


def test_a_part_keeps_only_the_resources_it_can_overload():
    a = person("a", [("reading-1", 10, 8), ("reading-2", 10, 8)])
    b = person("b", [("reading-1", 6, 8)])
    cap = {"hours-a": 16, "hours-b": 8, "seats:reading-1": 2, "seats:reading-2": 1}
    p = Problem(a + b, cap)
    c = compile_problem(p)
    part_a = next(g for g in split(c) if c.ids[g[0]].startswith("a:"))
    alone = compile_part(c, part_a)
    # a's courses together need 16 of 16 hours and one seat in each course: nothing to share
    assert alone.resources == [] and alone.cap == []
    assert alone.ids == ["a:reading-1", "a:reading-2", "a:exam"]
    assert alone.dem == [(), (), ()]
    assert alone.preds == [[], [(0, 0)], [(1, 0)]]
    cap["hours-a"] = 12  # now a's hours could overflow (8 + 8 > 12), so they stay
    c = compile_problem(Problem(a + b, cap))
    part_a = next(g for g in split(c) if c.ids[g[0]].startswith("a:"))
    assert compile_part(c, part_a).resources == ["hours-a"]


def test_the_longest_person_sets_the_bound_and_the_others_fit_around_them():
    # a needs 20 weeks of courses; b and c share a's one-seat first course but have slack
    a = person("a", [("reading-1", 8, 8), ("reading-2", 12, 8)])
    b = person("b", [("reading-1", 4, 8)])
    c = person("c", [("speaking-1", 6, 8)])
    cap = {
        "hours-a": 8,
        "hours-b": 8,
        "hours-c": 8,
        "seats:reading-1": 1,
        "seats:reading-2": 1,
        "seats:speaking-1": 1,
    }
    p = Problem(a + b + c, cap)
    s = solve(p)
    assert validate(p, s) == []
    assert s.makespan == 20 and s.optimal and s.lower_bound == 20
    # the single reading-1 seat: a goes first (the longest chain), b after a leaves it
    assert s.start["a:reading-1"] == 0 and s.start["b:reading-1"] == 8


def test_a_shared_seat_that_pushes_the_merge_beyond_every_part_is_resolved():
    # alone each person ends in week 10; the one seat of the shared course forces 20
    a = person("a", [("reading-1", 10, 8)])
    b = person("b", [("reading-1", 10, 8)])
    p = Problem(a + b, {"hours-a": 8, "hours-b": 8, "seats:reading-1": 1})
    s = solve(p, effort="thorough")
    assert validate(p, s) == []
    assert s.makespan == 20
    assert sorted([s.start["a:reading-1"], s.start["b:reading-1"]]) == [0, 10]


def test_a_search_stops_at_its_target():
    tasks = [Task(f"t{k}", 3 + k % 4, {"hours": 4 + 2 * (k % 3)}, every=5) for k in range(12)]
    c = compile_problem(Problem(tasks, {"hours": 10}))
    es = heads(c)
    lb = critical_path(c, es)
    _start, ms, _lb, passes = search(c, es, lb, "thorough", 0, target=10_000)
    assert passes == 1 and ms > lb  # not optimal, but good enough for the target
    _start, best, _lb, more = search(c, es, lb, "thorough", 0)
    assert more > 1 and best <= ms


@st.composite
def cohorts(draw) -> Problem:
    """2-4 people with chains of courses from a small shared catalogue, their own hours, a
    seat count per course and a coach for placements."""
    catalogue = ["reading-1", "reading-2", "speaking-1", "speaking-2", "knm"]
    capacity: dict[str, int] = {"coach": draw(st.integers(2, 4))}
    tasks: list[Task] = []
    for who in range(draw(st.integers(2, 4))):
        hours = draw(st.sampled_from([8, 12, 16]))
        capacity[f"hours-{who}"] = hours
        for chain in range(draw(st.integers(1, 3))):
            prev: tuple[str, ...] = ()
            steps = draw(st.lists(st.sampled_from(catalogue), min_size=1, max_size=3, unique=True))
            for course in steps:
                tid = f"p{who}:{chain}:{course}"
                load = draw(st.integers(2, hours))
                capacity.setdefault(f"seats:{course}", draw(st.integers(1, 3)))
                every = draw(st.sampled_from([1, 4, 6]))
                tasks.append(
                    Task(
                        tid,
                        draw(st.integers(1, 8)),
                        {f"hours-{who}": load, f"seats:{course}": 1},
                        after=prev,
                        release=draw(st.integers(0, every - 1)),
                        every=every,
                    )
                )
                prev = (tid,)
            if draw(st.booleans()):
                tasks.append(Task(f"p{who}:{chain}:placement", 4, {"coach": 1}, after=prev))
    return Problem(tasks, capacity)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.sampled_from(["fast", "thorough"]))
def test_cohort_schedules_are_valid_deterministic_and_bounded_by_every_person(problem, effort):
    s = solve(problem, effort=effort)
    assert validate(problem, s) == []
    assert s.makespan >= s.lower_bound
    assert s == solve(Problem(problem.tasks, problem.capacity), effort=effort)
    c = compile_problem(problem)
    for group in split(c):  # no part alone ends before its critical path
        alone = compile_part(c, group)
        assert s.makespan >= critical_path(alone, heads(alone))


@pytest.mark.skipif(not HAS_ORTOOLS, reason="needs the optional OR-Tools extra")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_the_parts_lower_bound_never_exceeds_the_optimum(problem):
    heuristic = solve(problem, effort="thorough")
    exact = solve(Problem(problem.tasks, problem.capacity), engine="cp-sat", time_limit=20)
    assert exact.optimal
    assert heuristic.lower_bound <= exact.makespan <= heuristic.makespan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_a_part_compiles_as_its_own_problem_would(problem):
    """compile_part takes a part's lists from the whole problem; they are what compiling the
    part's tasks as a problem of their own gives, with only the resources the part can
    overload by itself."""
    c = compile_problem(problem)
    for group in split(c):
        part = compile_part(c, group)
        tasks = {t.id: t for t in problem.tasks}
        kept = {r: c.cap[c.resources.index(r)] for r in part.resources}
        alone = Problem(
            [
                attrs.evolve(
                    tasks[c.ids[i]],
                    demand={r: q for r, q in tasks[c.ids[i]].demand.items() if r in kept},
                )
                for i in group
            ],
            kept,
        )
        for r in set(problem.capacity) - set(kept):  # a dropped resource cannot overload
            assert sum(tasks[c.ids[i]].demand.get(r, 0) for i in group) <= problem.capacity[r]
        expected = attrs.asdict(compile_problem(alone), recurse=False)
        assert attrs.asdict(part, recurse=False) == expected
