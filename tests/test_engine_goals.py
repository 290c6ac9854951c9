"""Goals stage: by route, plus a work sector at its level, a diploma evaluation, plugin goals."""

from __future__ import annotations

from padplanner.plugin import Goal, PluginInfo, Reason, hookimpl

B1 = ["reading>=B1", "listening>=B1", "writing>=B1", "speaking>=B1", "knm", "map", "pvt"]


def goals(plan) -> dict[str, str]:
    return {g.competency: g.reason.rule for g in plan.goals}


def test_b1_route_goals(planner, make_client):
    plan = planner.plan(make_client())
    assert goals(plan) == dict.fromkeys(B1, "wi2021.goals.b1")


def test_onderwijsroute_goals(planner, make_client):
    plan = planner.plan(make_client(age=20, aim="study"))
    assert goals(plan) == dict.fromkeys(["bridging", "knm", "pvt"], "wi2021.goals.onderwijs")


def test_z_route_goals(planner, make_client):
    plan = planner.plan(make_client(route={"choice": "z", "reason": "intake"}))
    assert goals(plan) == dict.fromkeys(
        ["z-language", "z-participation", "map", "pvt"], "wi2021.goals.z"
    )


def test_a_work_goal_adds_the_sector_and_keeps_the_higher_level(planner, make_client):
    plan = planner.plan(make_client(work={"goal": "logistics"}))
    found = goals(plan)
    assert found["work:logistics"] == "wi2021.goals.work"
    # logistics needs A2 speaking and listening; the route's B1 is higher and wins
    assert found["speaking>=B1"] == "wi2021.goals.b1"
    assert sum(1 for g in plan.goals if g.competency.startswith("speaking")) == 1
    reason = next(g.reason for g in plan.goals if g.competency == "work:logistics")
    assert "A2 in speaking, listening" in reason.text


def test_a_work_goal_on_the_z_route_is_practice(planner, make_client):
    plan = planner.plan(
        make_client(work={"goal": "care"}, route={"choice": "z", "reason": "intake"})
    )
    assert goals(plan)["practice:care"] == "wi2021.goals.work.z"
    assert "work:care" not in goals(plan)


def test_a_sector_goal_only_when_aiming_at_work(planner, make_client):
    plan = planner.plan(make_client(aim="participation", work={"goal": "care"}))
    assert "work:care" not in goals(plan)


def test_a_foreign_degree_adds_an_evaluation_until_it_is_evaluated(planner, make_client):
    plan = planner.plan(make_client(work={"foreign_diploma": "bachelor"}))
    assert goals(plan)["diploma-evaluated"] == "wi2021.diploma.evaluate"
    plan = planner.plan(
        make_client(work={"foreign_diploma": "bachelor", "diploma_evaluated": True})
    )
    assert "diploma-evaluated" not in goals(plan)
    plan = planner.plan(make_client(work={"foreign_diploma": "secondary"}))
    assert "diploma-evaluated" not in goals(plan)


class WantsB2:
    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("highbar", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_goals(self, client, route, ctx):
        reason = Reason("highbar.speaking", "Speaking at B2 for local jobs", ("levels",))
        return [Goal("speaking>=B2", reason), Goal("values", reason)]


def test_a_plugin_goal_at_a_higher_level_wins_and_travels_to_the_activity(
    plugin_planner, make_client
):
    plan = plugin_planner(WantsB2()).plan(make_client())
    assert goals(plan)["speaking>=B2"] == "highbar.speaking"
    assert "speaking>=B1" not in goals(plan)
    modules = {a.module for a in plan.activities}
    assert "values-series" in modules
    assert any(
        r.rule == "highbar.speaking"
        for a in plan.activities
        if "speaking>=B2" in a.grants
        for r in a.reasons
    )
