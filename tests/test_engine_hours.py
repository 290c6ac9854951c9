"""Hours stage: reference hours scaled by learner profile, always a range with its assumption."""

from __future__ import annotations

from datetime import date

import pytest

from padplanner.context import PlanContext
from padplanner.law import wi2021
from padplanner.plugin import HoursEstimate, PluginInfo, Reason, hookimpl


@pytest.fixture(scope="module")
def ctx(planner):
    return PlanContext(date(2025, 9, 1), "GM0000", "wi2021", planner.catalog(""))


def estimate(ctx, client, module_id: str) -> HoursEstimate:
    return wi2021.padplanner_module_hours(
        client.view(date(2025, 9, 1)), ctx.catalog.modules[module_id], ctx
    )


@pytest.mark.parametrize(
    ("profile", "hours", "says"),
    [
        ({}, 240, "240 h reference = 240 h"),  # low educated, average: the reference learner
        ({"education": "higher"}, 120, "× 0.5 (higher education)"),
        ({"education": "vocational"}, 180, "× 0.75 (vocational education)"),
        ({"education": "none"}, 600, "× 2.5 (no schooling)"),
        ({"literacy": "none", "education": "higher"}, 600, "× 2.5 (not literate at intake)"),
        ({"learnability": "low"}, 312, "× 1.3 (low learnability)"),
        ({"learnability": "high"}, 192, "× 0.8 (high learnability)"),
        ({"dutch_contact": "none"}, 264, "× 1.1 (none Dutch contact)"),
        ({"dutch_contact": "daily"}, 216, "× 0.9 (daily Dutch contact)"),
        (
            {"education": "higher", "learnability": "high", "aim": "study"},
            240 * 0.375 * 0.8,
            "× 0.375 (fast track)",
        ),
    ],
)
def test_language_hours_follow_the_learner_profile(ctx, make_client, profile, hours, says):
    found = estimate(ctx, make_client(**profile), "nt2-a0-a1")
    assert found.hours == pytest.approx(hours)
    assert (found.low, found.high) == pytest.approx((hours * 0.8, hours * 1.3))
    assert found.reason.rule == "wi2021.hours.profile" and says in found.reason.text
    assert f"(range {found.low:,.0f}–{found.high:,.0f} h)" in found.reason.text
    assert {"education", "literacy", "learnability"} <= set(found.reason.inputs)


def test_literacy_and_knm_scale_by_learnability_only(ctx, make_client):
    found = estimate(ctx, make_client(education="none", learnability="low"), "knm")
    assert found.hours == pytest.approx(72 * 1.3)
    assert found.reason.inputs == ("learnability",)
    assert estimate(ctx, make_client(education="none"), "alfa-a").hours == pytest.approx(180)


@pytest.mark.parametrize("module", ["pvt", "map", "z-language", "wep-care", "taalschakeltraject"])
def test_fixed_programmes_keep_their_hours(ctx, make_client, module):
    found = estimate(ctx, make_client(education="none", learnability="low"), module)
    hours = ctx.catalog.modules[module].hours
    assert (found.hours, found.low, found.high) == (hours, hours, hours)
    assert found.reason.rule == "wi2021.hours.fixed"


def test_the_plan_shows_the_estimate_and_its_range(planner, make_client):
    plan = planner.plan(make_client(learnability="low"))
    activity = plan.activity("nt2-a1-a2")
    assert activity.hours == pytest.approx(312)
    assert activity.hours_range == pytest.approx((249.6, 405.6))
    assert any(r.rule == "wi2021.hours.profile" for r in activity.reasons)
    assert plan.total_hours == pytest.approx(sum(a.hours for a in plan.activities), abs=0.1)


class Calibrated:
    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("calibrated", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_module_hours(self, module):
        if module.id == "nt2-a1-a2":
            return HoursEstimate(100, 90, 110, Reason("calibrated.hours", "local figures", ()))
        return None


def test_a_municipalitys_calibrated_hours_come_first(plugin_planner, make_client):
    plan = plugin_planner(Calibrated()).plan(make_client(learnability="low"))
    activity = plan.activity("nt2-a1-a2")
    assert (activity.hours, activity.hours_range) == (100, (90, 110))
    assert any(r.rule == "calibrated.hours" for r in activity.reasons)
    assert plan.activity("nt2-a2-b1").hours == pytest.approx(480 * 1.3)  # the law's figure
