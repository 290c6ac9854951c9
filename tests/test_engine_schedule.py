"""Schedule stage: weekly capacity, course calendars, release weeks, plugin constraints, pins."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

import pytest

from padplanner import Adjustments
from padplanner.engine.timeline import MAIN_LINE, calendar, intensity, keeping_differs, week_date
from padplanner.errors import InputError
from padplanner.plugin import Constraint, Goal, PluginInfo, Reason, hookimpl


def load(plan) -> Counter:
    weeks: Counter = Counter()
    for a in plan.activities:
        for week in range(a.start_week, a.start_week + a.weeks):
            weeks[week] += a.hours_per_week
    return weeks


@pytest.mark.parametrize(
    ("weekly_hours", "days", "capacity"),
    [(16, ["mon", "tue", "wed", "thu", "fri"], 16), (40, ["mon", "tue"], 16), (6, ["sat"], 6)],
)
def test_no_week_asks_more_than_the_hours_and_days_allow(
    planner, make_client, weekly_hours, days, capacity
):
    plan = planner.plan(make_client(weekly_hours=weekly_hours, availability={"days": days}))
    assert max(load(plan).values()) <= capacity
    assert all(a.hours_per_week <= capacity for a in plan.activities)


def test_main_line_courses_leave_room_for_side_activities(planner):
    catalog = planner.catalog("")
    course, pvt = catalog.modules["nt2-a1-a2"], catalog.modules["pvt"]
    assert intensity(course, 16) == 12  # 16 minus a reserve of 4, within 6-16
    assert intensity(course, 40) == 16  # capped by the course's intensity range
    assert intensity(course, 8) == 8  # 8 - 4 is below the minimum of 6: all 8 hours
    assert intensity(course, 10) == 6  # 10 - 4: the full reserve
    assert intensity(pvt, 16) == 3  # side activities keep their default


def test_keeping_the_hours_never_gives_a_course_fewer_hours_for_more_time(planner):
    """The other way to share the week, which the planner also schedules when it differs:
    the main line keeps the hours it had with fewer hours a week, so its hours and the
    hours left beside it both grow with the person's hours."""
    course = planner.catalog("").modules["nt2-a1-a2"]
    assert [intensity(course, c, keep=True) for c in (8, 9, 10, 13, 14)] == [8, 9, 9, 9, 10]
    assert keeping_differs([course], 10) and not keeping_differs([course], 9)
    catalog = planner.catalog("GM0034")  # the national catalogue and Almere's modules
    for module in catalog.modules.values():
        capacities = range(module.intensity_range[0], 49)
        hours = [intensity(module, capacity, keep=True) for capacity in capacities]
        assert hours == sorted(hours), module.id
        beside = [capacity - h for h, capacity in zip(hours, capacities, strict=True)]
        assert min(beside) >= 0, module.id
        if module.kind in MAIN_LINE and module.week_share is None:
            assert beside == sorted(beside), module.id


def test_a_plan_with_more_hours_a_week_never_ends_later(planner, make_client):
    """From 9 to 10 hours a week the reserve for side activities once slowed the main
    course from 9 to 6 hours a week; the planner now also schedules it at 9 and keeps the
    plan that ends first."""
    ends = [
        planner.plan(make_client(weekly_hours=hours, aim="participation")).completion_date
        for hours in range(6, 25)
    ]
    assert ends == sorted(ends, reverse=True)


def test_weeks_follow_the_hours_and_the_minimum_length(planner, make_client):
    plan = planner.plan(make_client(work={"foreign_diploma": "master"}))
    pvt, map_, evaluation = (plan.activity(m) for m in ("pvt", "map", "diploma-evaluation"))
    assert (pvt.weeks, pvt.hours_per_week) == (4, 3)  # 12 h at 3 h a week
    assert (map_.weeks, map_.hours_per_week) == (16, 4)  # 64 h at 4 h a week
    assert evaluation.weeks == 10  # 4 h, but the IDW takes up to 10 weeks
    for a in plan.activities:
        assert a.weeks >= math.ceil(a.hours / a.hours_per_week - 1e-9)
        assert a.start == week_date(plan.reference_date, a.start_week)
        assert a.end == a.start + timedelta(weeks=a.weeks)


def course(planner, module_id="nt2-a1-a2"):
    return planner.catalog("").modules[module_id]


def test_a_course_calendar_gives_the_first_start_on_or_after_the_plan_start(planner):
    module = course(planner)  # every 6 weeks from Monday 2022-01-03
    first, every = module.starts.first, module.starts.every_weeks
    for plan_start in (date(2025, 9, 1), date(2025, 9, 3), date(2025, 10, 6), date(2026, 3, 8)):
        release, step = calendar(module, plan_start, 0)
        assert step == every
        start = week_date(plan_start, release)
        offset = (start - first).days % (7 * every)
        assert offset < 7  # joined in the week a course starts (the next week if mid-week)
        assert release < every  # and no later than the first such week


def test_a_release_week_moves_to_the_next_course_start(planner):
    module = course(planner)
    base, every = calendar(module, date(2025, 9, 1), 0)
    release, _ = calendar(module, date(2025, 9, 1), base + 1)
    assert release == base + every


def test_rolling_modules_start_any_week(planner):
    release, every = calendar(course(planner, "map"), date(2025, 9, 3), 5)
    assert (release, every) == (5, 1)


def test_activities_start_on_their_course_calendar(planner, make_client):
    plan = planner.plan(make_client(levels={"writing": "A0"}))
    catalog = planner.catalog("")
    for a in plan.activities:
        starts = catalog.modules[a.module].starts
        if starts.first is not None:
            assert (a.start - starts.first).days % (7 * starts.every_weeks) < 7, a.module


class Values:
    """Adds the values conversations and three scheduling rules."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("rules", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_goals(self):
        return [Goal("values", Reason("rules.values", "values conversations", ()))]

    @hookimpl
    def padplanner_constraints(self, modules):
        ids = {m.id for m in modules}
        assert {"knm", "map", "pvt"} <= ids
        return [
            Constraint("earliest", "knm", Reason("rules.knm", "KNM from week 30", ()), weeks=30),
            Constraint("after", "map", Reason("rules.map", "MAP 2 weeks after PVT", ()), "pvt", 2),
            Constraint("earliest", "nowhere", Reason("rules.none", "not in the plan", ()), weeks=1),
        ]


def test_earliest_weeks_and_plugin_constraints_are_kept(plugin_planner, make_client):
    plan = plugin_planner(Values()).plan(make_client())
    values = plan.activity("values-series")
    assert values.start_week >= 6  # the catalogue: not in the first weeks
    assert values.weeks >= 20 and values.depends_on == ("pvt",)
    knm, map_, pvt = (plan.activity(m) for m in ("knm", "map", "pvt"))
    assert knm.start_week >= 30 and any(r.rule == "rules.knm" for r in knm.reasons)
    assert map_.start_week >= pvt.end_week + 2 and any(r.rule == "rules.map" for r in map_.reasons)


class Dual:
    """A logistics dual trajectory that must start no later than the first language course."""

    def __init__(self, together: bool = True) -> None:
        self.together = together

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("dualtest", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_goals(self):
        return [Goal("practice:logistics", Reason("dualtest.goal", "dual trajectory", ()))]

    @hookimpl
    def padplanner_constraints(self, modules):
        if not self.together:
            return []
        lessons = next(m for m in modules if m.kind == "language")
        reason = Reason("dualtest.with", "alongside the lessons", ())
        return [Constraint("with", "dual-logistics", reason, other=lessons.id)]


def test_a_with_constraint_starts_the_module_no_later_than_the_other(plugin_planner, make_client):
    client = make_client(weekly_hours=12)
    free = plugin_planner(Dual(together=False)).plan(client)
    assert free.activity("dual-logistics").start_week > free.activity("nt2-a1-a2").start_week
    plan = plugin_planner(Dual()).plan(client)
    dual, lessons = plan.activity("dual-logistics"), plan.activity("nt2-a1-a2")
    assert dual.start_week <= lessons.start_week  # guaranteed, even with 12 h a week
    assert any(r.rule == "dualtest.with" for r in dual.reasons)
    assert max(load(plan).values()) <= 12


class Backwards:
    """Asks for a course to start alongside the course it needs: impossible, so ignored."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("cycletest", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_constraints(self, modules):
        reason = Reason("cycletest.with", "alongside", ())
        return [Constraint("with", "nt2-a2-b1", reason, other="nt2-a1-a2")]


def test_a_with_constraint_against_the_path_order_is_skipped(plugin_planner, make_client):
    plan = plugin_planner(Backwards()).plan(make_client(weekly_hours=12))
    first, second = plan.activity("nt2-a1-a2"), plan.activity("nt2-a2-b1")
    assert second.start_week >= first.end_week and second.depends_on == ("nt2-a1-a2",)
    assert not any(r.rule == "cycletest.with" for r in second.reasons)


def test_a_pinned_start_is_kept_and_explained(planner, make_client):
    plan = planner.plan(make_client(), adjust=Adjustments(pins={"knm": 40}))
    knm = plan.activity("knm")
    assert knm.start_week == 40 and knm.pinned
    assert any(r.rule == "counsellor.pin" and "week 40" in r.text for r in knm.reasons)
    unpinned = planner.plan(make_client())
    assert not any(a.pinned for a in unpinned.activities)


def test_the_plan_starts_at_the_latest_of_term_start_start_after_and_reference(
    planner, make_client
):
    client = make_client(availability={"start_after": date(2025, 11, 5)})
    plan = planner.plan(client)
    assert plan.activities[0].start >= date(2025, 11, 5)
    assert all(
        a.start == date(2025, 11, 5) + timedelta(weeks=a.start_week) for a in plan.activities
    )
    later = planner.plan(client, at=date(2026, 1, 7))
    assert all(
        a.start == date(2026, 1, 7) + timedelta(weeks=a.start_week) for a in later.activities
    )


def test_a_pin_on_a_module_the_plan_does_not_hold_is_an_error_naming_the_pin(planner, make_client):
    client = make_client()
    assert "wep-logistics" not in {a.module for a in planner.plan(client).activities}
    with pytest.raises(InputError) as raised:
        planner.plan(client, adjust=Adjustments(pins={"knm": 40, "wep-logistics": 3}))
    (problem,) = raised.value.problems
    assert problem.path == "pins.wep-logistics"
    assert "not in this plan" in problem.message and "remove the pin" in problem.message
    kept = planner.plan(client, adjust=Adjustments(pins={"knm": 40}))
    assert kept.activity("knm").start_week == 40  # a pin on a module of the plan holds


class Circular:
    """Asks for the A1-A2 course to start after the A2-B1 course, which needs it first."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("circulartest", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_constraints(self, modules):
        reason = Reason("circulartest.after", "A1-A2 after A2-B1", ())
        return [Constraint("after", "nt2-a1-a2", reason, other="nt2-a2-b1")]


def test_an_after_rule_that_would_make_a_cycle_is_an_error_naming_the_plugin_and_rule(
    plugin_planner, make_client
):
    with pytest.raises(InputError) as raised:
        plugin_planner(Circular()).plan(make_client(weekly_hours=12))
    (problem,) = raised.value.problems
    assert problem.file.startswith("plugin ") and "circulartest.after" in problem.path
    assert "nt2-a2-b1 needs nt2-a1-a2 first" in problem.message
    assert "change or remove this rule" in problem.message
