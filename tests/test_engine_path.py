"""Path stage: backward chaining from the goals, deterministic, preferring covering modules."""

from __future__ import annotations

from datetime import date

import pytest
from corehelp import A0

from padplanner import Adjustments
from padplanner.plugin import Goal, PluginInfo, Reason, hookimpl


def modules(plan) -> set[str]:
    return {a.module for a in plan.activities}


def test_an_integrated_course_beats_four_single_skill_courses(planner, make_client):
    plan = planner.plan(make_client(weekly_hours=12, levels=A0))
    assert "nt2-a0-a1" in modules(plan)
    assert not {m for m in modules(plan) if m.startswith("nt2-") and m.count("-") == 3}
    reason = next(r for r in plan.activity("nt2-a0-a1").reasons if r.rule.endswith("choice"))
    assert "per competency covered" in reason.text and "alternatives" in reason.text


def test_a_single_lagging_skill_gets_a_single_skill_course(planner, make_client):
    levels = {"reading": "A1", "listening": "A1", "writing": "A0", "speaking": "A1"}
    plan = planner.plan(make_client(weekly_hours=12, levels=levels))
    assert "nt2-writing-a0-a1" in modules(plan)
    assert "nt2-a0-a1" not in modules(plan)


def test_requirements_come_first_and_are_named_in_depends_on(planner, make_client):
    plan = planner.plan(make_client(learnability="low", levels=A0))
    a0, a1, a2 = (plan.activity(m) for m in ("nt2-a0-a1", "nt2-a1-a2", "nt2-a2-b1"))
    assert a1.depends_on == ("nt2-a0-a1",) and a2.depends_on == ("nt2-a1-a2",)
    assert a0.end <= a1.start and a1.end <= a2.start
    assert "nt2-a1-a2" in plan.activity("knm").depends_on  # KNM needs reading at A2


def test_filters_leave_modules_out(planner, make_client):
    low = planner.plan(make_client(learnability="low"))
    assert not {m for m in modules(low) if m.endswith("-intensive")}
    removed = planner.plan(
        make_client(),
        adjust=Adjustments(remove={"nt2-a1-a2-intensive": "no place", "nt2-a1-a2": "waiting list"}),
    )
    assert not {"nt2-a1-a2", "nt2-a1-a2-intensive"} & modules(removed)
    assert {"nt2-reading-a1-a2", "nt2-listening-a1-a2"} <= modules(removed)


def test_a_module_needing_more_hours_than_available_is_left_out(planner, make_client):
    plan = planner.plan(make_client(weekly_hours=20, availability={"days": ["mon"]}))
    # one day a week is 8 hours: intensive courses need 16
    assert not {m for m in modules(plan) if m.endswith("-intensive")}
    assert max(a.hours_per_week for a in plan.activities) <= 8


class NoKnm:
    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("noknm", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_module_filter(self, client, module, ctx):
        if module.id == "knm":
            return Reason("noknm.filter", "No KNM provider this year", ())
        return None


def test_a_goal_nobody_can_reach_is_an_error_that_says_why(plugin_planner, make_client):
    plan = plugin_planner(NoKnm()).plan(make_client())
    assert "knm" not in modules(plan)
    (finding,) = [f for f in plan.findings if f.rule == "padplanner.path.unreachable"]
    assert finding.severity == "error" and not plan.feasible
    assert "to knm" in finding.message and "knm: No KNM provider this year" in finding.message


def test_completed_flags_need_no_module(planner, make_client):
    plan = planner.plan(make_client(progress={"completed": ["pvt", "knm"]}))
    assert not {"pvt", "knm"} & modules(plan)
    assert {"pvt", "knm"} <= {g.competency for g in plan.goals}
    reached = {m.id: m.date for m in plan.milestones}
    assert reached["goal-pvt"] == plan.reference_date  # already had it


def test_hours_done_count_against_the_estimate(planner, make_client):
    fresh = planner.plan(make_client(learnability="low"))
    base = fresh.activity("nt2-a1-a2")
    plan = planner.plan(
        make_client(learnability="low", progress={"hours_done": {"nt2-a1-a2": 100}})
    )
    activity = plan.activity("nt2-a1-a2")
    assert activity.hours == pytest.approx(base.hours - 100)
    assert activity.hours_range == pytest.approx(
        (base.hours_range[0] - 100, base.hours_range[1] - 100)
    )
    assert any(r.rule == "padplanner.progress.hours_done" for r in activity.reasons)


def test_hours_done_beyond_the_estimate_count_the_module_as_done(planner, make_client):
    plan = planner.plan(
        make_client(learnability="low", progress={"hours_done": {"nt2-a1-a2": 500}})
    )
    assert "nt2-a1-a2" not in modules(plan)
    assert "nt2-a2-b1" in modules(plan) and plan.activity("nt2-a2-b1").depends_on == ()
    (finding,) = [f for f in plan.findings if f.rule == "padplanner.progress.finished"]
    assert finding.severity == "info" and finding.message.startswith("nt2-a1-a2:")


def test_start_after_and_the_reference_date_bound_every_start(planner, make_client):
    client = make_client(availability={"start_after": date(2026, 2, 4)})
    plan = planner.plan(client)
    assert min(a.start for a in plan.activities) >= date(2026, 2, 4)
    later = planner.plan(client, at=date(2026, 6, 1))
    assert min(a.start for a in later.activities) >= date(2026, 6, 1)


TIE = """schema = "padplanner.catalog/1"
[competency.tie]
[[module]]
id = "tie-b"
title = "B"
kind = "support"
grants = ["tie"]
hours = 10
hours_per_week = 2
source = "rule of thumb: test"
[[module]]
id = "tie-a"
title = "A"
kind = "support"
grants = ["tie"]
hours = 10
hours_per_week = 2
source = "rule of thumb: test"
"""


def test_ties_are_broken_by_module_id(plugin_planner, make_client, tmp_path):
    extra = tmp_path / "tie.toml"
    extra.write_text(TIE)

    class Tie:
        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo("tie", "1", municipalities=("GM0000",))

        @hookimpl
        def padplanner_catalogs(self):
            return [extra]

        @hookimpl
        def padplanner_goals(self):
            return [Goal("tie", Reason("tie.goal", "a tie", ()))]

    planner = plugin_planner(Tie())
    for _ in range(3):
        plan = planner.plan(make_client())
        assert "tie-a" in modules(plan) and "tie-b" not in modules(plan)
        choice = next(r for r in plan.activity("tie-a").reasons if r.rule.endswith("choice"))
        assert "alternatives: tie-b ~10 h" in choice.text
