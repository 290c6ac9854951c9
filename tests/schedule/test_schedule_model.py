"""The contract of padplanner.schedule: the documented example, constraints, errors, validate."""

from __future__ import annotations

import pytest

from padplanner.schedule import Problem, Schedule, ScheduleError, Task, solve, validate

H = {"hours": 16}


def test_contract_example():
    p = Problem(
        capacity={"hours": 16},
        tasks=[
            Task("a", duration=4, demand={"hours": 12}),
            Task("b", duration=2, demand={"hours": 8}, after=("a",)),
        ],
    )
    s = solve(p)
    assert s.start["a"] == 0
    assert s.start["b"] == 4
    assert s.makespan == 6
    assert s.end("a") == 4 and s.end("b") == 6
    assert s.engine == "heuristic"
    assert s.optimal and s.lower_bound == 6
    assert s.overloads == ()
    assert validate(p, s) == []


def test_parallel_when_capacity_allows_serial_when_not():
    both = [Task("a", 3, {"hours": 8}), Task("b", 3, {"hours": 8})]
    assert solve(Problem(both, H)).makespan == 3
    heavy = [Task("a", 3, {"hours": 10}), Task("b", 3, {"hours": 8})]
    s = solve(Problem(heavy, H))
    assert s.makespan == 6 and s.optimal
    assert sorted([s.start["a"], s.start["b"]]) == [0, 3]


def test_lag_waits_after_the_predecessor_ends():
    p = Problem([Task("a", 4, {"hours": 4}), Task("b", 2, {"hours": 4}, after=(("a", 3),))], H)
    s = solve(p)
    assert s.start["b"] == 7 and s.makespan == 9
    # a list entry is accepted as a pair too
    assert Task("b", 1, after=[["a", 3]]).predecessors == (("a", 3),)


def test_a_negative_lag_down_to_minus_the_duration_is_start_to_start():
    # b may start when a starts (lag -4) but not before, even though b fits in week 0 alone and
    # a is held back by c: capacity pressure decides a's start, b follows a's start.
    p = Problem(
        [
            Task("c", 3, {"hours": 10}),
            Task("a", 4, {"hours": 8}, release=1),
            Task("b", 2, {"hours": 6}, after=(("a", -4),)),
        ],
        H,
    )
    for engine in ("heuristic", "cp-sat"):
        s = solve(p, engine=engine)
        assert validate(p, s) == []
        assert s.start["a"] == 3  # c and a do not fit together (18 > 16)
        assert s.start["b"] >= s.start["a"]
        assert s.start["b"] < s.end("a")  # runs alongside a, not after it
        assert s.makespan == 7
    # lag -1: b may start in a's last week
    late = Problem([Task("a", 4, {"hours": 8}), Task("b", 2, {"hours": 8}, after=(("a", -1),))], H)
    s = solve(late)
    assert s.start == {"a": 0, "b": 3} and s.makespan == 5 and s.optimal


def test_a_start_to_start_edge_still_closes_a_cycle():
    with pytest.raises(ScheduleError, match="precedence cycle: a → b → a"):
        Problem([Task("a", 2, after=(("b", -1),)), Task("b", 2, after=(("a", -2),))], H)


def test_validate_explains_a_broken_start_to_start_lag():
    p = Problem([Task("a", 4, {"hours": 4}), Task("b", 2, {"hours": 4}, after=(("a", -3),))], H)
    early = Schedule({"a": 2, "b": 0}, 6, "manual", False, 0, durations={"a": 4, "b": 2})
    assert validate(p, early) == [
        "'b' starts in week 0 but may start at most 3 weeks before 'a' ends (week 3)"
    ]


def test_lag_zero_and_plain_id_are_the_same():
    assert Task("b", 1, after=("a", ("c", 0))).predecessors == (("a", 0), ("c", 0))


def test_release_week():
    s = solve(Problem([Task("a", 2, {"hours": 1}, release=5)], H))
    assert s.start["a"] == 5 and s.makespan == 7


def test_calendar_start_every_six_weeks():
    p = Problem(
        [
            Task("intake", 5, {"hours": 4}),
            Task("course", 10, {"hours": 8}, after=("intake",), release=2, every=6),
        ],
        H,
    )
    s = solve(p)
    assert s.start["course"] == 8  # weeks 2, 8, 14, ...: the first one after week 5
    assert validate(p, s) == []


def test_calendar_and_capacity_together():
    # two courses that cannot run together, both starting only every 4 weeks
    tasks = [Task(x, 3, {"hours": 10}, every=4) for x in ("a", "b")]
    s = solve(Problem(tasks, H))
    assert sorted(s.start.values()) == [0, 4] and s.makespan == 7


def test_milestone_has_no_duration_and_uses_nothing():
    p = Problem(
        [Task("a", 4, {"hours": 16}), Task("exam", 0, {"hours": 16}, after=("a",))],
        H,
    )
    s = solve(p)
    assert s.start["exam"] == 4 and s.end("exam") == 4 and s.makespan == 4


def test_pin_overload_is_reported_and_avoided_by_others():
    p = Problem(
        [
            Task("a", 2, {"hours": 12}, pin=1),
            Task("b", 2, {"hours": 10}, pin=2),
            Task("c", 1, {"hours": 1}),
        ],
        H,
    )
    s = solve(p)
    assert s.start["a"] == 1 and s.start["b"] == 2
    assert s.overloads == ((2, "hours", 6),)
    assert s.start["c"] == 0  # fits in week 0, not in the overloaded week 2
    assert validate(p, s) == []


def test_pin_may_exceed_capacity_for_one_task():
    p = Problem([Task("a", 2, {"hours": 20}, pin=0), Task("b", 1, {"hours": 1})], H)
    s = solve(p)
    assert s.overloads == ((0, "hours", 4), (1, "hours", 4))
    assert s.start["b"] == 2


def test_pin_breaks_predecessor_and_calendar_but_successors_wait():
    p = Problem(
        [
            Task("a", 4, {"hours": 4}),
            Task("b", 2, {"hours": 4}, after=("a",), every=5, release=3, pin=1),
            Task("c", 1, {"hours": 4}, after=(("b", 2),)),
        ],
        H,
    )
    s = solve(p)
    assert s.start["b"] == 1 and s.start["c"] == 5
    assert validate(p, s) == []


def test_empty_problem():
    s = solve(Problem([], H))
    assert s.makespan == 0 and s.start == {} and s.optimal


def test_validate_names_every_violation():
    p = Problem(
        [
            Task("a", 2, {"hours": 10}),
            Task("b", 2, {"hours": 10}, after=(("a", 1),)),
            Task("c", 1, {"hours": 1}, release=3, every=2),
            Task("d", 1, {}, pin=4),
        ],
        H,
    )
    bad = Schedule(
        start={"a": 0, "b": 1, "c": 4, "d": 0},
        makespan=9,
        engine="manual",
        optimal=False,
        lower_bound=0,
        durations={"a": 2, "b": 2, "c": 1, "d": 1},
    )
    text = "\n".join(validate(p, bad))
    assert "'b' starts in week 1 but must wait for 'a' + 1 weeks lag (week 3)" in text
    assert "'c' starts in week 4, not on its calendar" in text
    assert "'d' is pinned at week 4 but starts in week 0" in text
    assert "week 1: hours use 20 exceeds 16" in text
    assert "makespan is 9" in text
    missing = Schedule({"a": 0}, 2, "manual", False, 0)
    assert "'b' has no start week" in validate(p, missing)
    early = Schedule({"a": 0, "b": 3, "c": 1, "d": 4}, 5, "manual", False, 0)
    assert any("before its release week 3" in m for m in validate(p, early))


def test_schedule_error_is_a_value_error():
    assert issubclass(ScheduleError, ValueError)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Problem([Task("a", 1), Task("a", 2)], H), "duplicate task id 'a'"),
        (
            lambda: Problem([Task("a", 1, {"seats": 1})], H),
            "task 'a' uses unknown resource 'seats' (known: 'hours')",
        ),
        (lambda: Problem([Task("a", 1, after=("x",))], H), "task 'a' comes after unknown task 'x'"),
        (
            lambda: Problem([Task("a", 1, {"hours": 17})], H),
            "task 'a' needs 17 hours per week but the capacity is 16",
        ),
        (lambda: Problem([Task("a", 1, after=("a",))], H), "precedence cycle: a → a"),
        (lambda: Task("a", -1), "task 'a': duration must be a whole number >= 0"),
        (lambda: Task("a", 1, {"hours": -2}), "task 'a': demand for 'hours' must be"),
        (
            lambda: Problem([Task("b", 2), Task("a", 1, after=(("b", -3),))], H),
            "task 'a': lag -3 after 'b' is below minus its duration (-2); a task cannot start "
            "before its predecessor starts (use a lag >= -2)",
        ),
        (lambda: Task("a", 1, after=(("b", 1, 2),)), "is not 'id' or ('id', lag)"),
        (lambda: Task("a", 1, every=0), "task 'a': every must be a whole number >= 1"),
        (lambda: Task("a", 1, release=-1), "task 'a': release must be"),
        (lambda: Task("a", 1, pin=-3), "task 'a': pin must be a week number >= 0"),
        (lambda: Task("", 1), "task id must be a non-empty string"),
        (lambda: Problem([], {"hours": -1}), "capacity of 'hours' must be"),
    ],
)
def test_errors_name_the_task(make, message):
    with pytest.raises(ScheduleError) as info:
        make()
    assert message in str(info.value)


def test_cycle_error_shows_the_path():
    tasks = [
        Task("start", 1),
        Task("a", 1, after=("start", "c")),
        Task("b", 1, after=("a",)),
        Task("c", 1, after=(("b", 2),)),
        Task("end", 1, after=("c",)),
    ]
    with pytest.raises(ScheduleError, match="precedence cycle: a → b → c → a"):
        Problem(tasks, H)


def test_pinned_task_may_demand_more_than_capacity():
    """A pin may ask more than the capacity (a free task may not): no error, the task keeps
    its week and the overload is reported."""
    p = Problem([Task("a", 2, {"hours": 40}, pin=3), Task("b", 1, {"hours": 10})], H)
    s = solve(p)
    assert s.start == {"a": 3, "b": 0} and s.makespan == 5
    assert s.overloads == ((3, "hours", 24), (4, "hours", 24))
    assert validate(p, s) == []
    with pytest.raises(ScheduleError, match="needs 40 hours per week"):
        Problem([Task("a", 2, {"hours": 40})], H)


def test_unknown_effort_and_engine():
    p = Problem([Task("a", 1)], H)
    with pytest.raises(ScheduleError, match="unknown effort 'slow'"):
        solve(p, effort="slow")
    with pytest.raises(ScheduleError, match="unknown engine 'magic'"):
        solve(p, engine="magic")


def test_same_input_same_schedule():
    tasks = [Task(f"t{k}", 1 + k % 4, {"hours": 3 + 2 * (k % 5)}) for k in range(14)]
    tasks += [Task("x", 2, {"hours": 9}, after=("t1", ("t5", 2)), every=3)]
    p = Problem(tasks, H)
    for effort in ("fast", "thorough"):
        runs = {repr(solve(p, effort=effort, seed=7)) for _ in range(3)}
        assert len(runs) == 1
        rebuilt = Problem(list(tasks), dict(H))  # a fresh but equal problem
        assert solve(rebuilt, effort=effort, seed=7) == solve(p, effort=effort, seed=7)
