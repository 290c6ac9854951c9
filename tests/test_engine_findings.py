"""Findings: deadline and fines, A2 drop, the route-switch window, early placements, overload,
and a foreign degree without evaluation."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest
from corehelp import A0

from padplanner import Adjustments

LATE = {
    "literacy": "none",
    "education": "none",
    "learnability": "low",
    "weekly_hours": 14,
    "levels": A0,
}


def finding(plan, rule: str):
    found = [f for f in plan.findings if f.rule == rule]
    assert len(found) == 1, [f.rule for f in plan.findings]
    return found[0]


def rules(plan) -> set[str]:
    return {f.rule for f in plan.findings}


def test_a_late_plan_says_by_how_many_weeks_and_which_fines(planner, make_client):
    plan = planner.plan(make_client(**LATE))
    late = finding(plan, "wi2021.deadline.exceeded")
    weeks = math.ceil((plan.completion_date - plan.deadline).days / 7)
    assert late.severity == "error" and not plan.feasible
    assert f"ends {weeks} weeks after the deadline of {plan.deadline}" in late.message
    assert "fines at stake up to €1,000 (route €1,000)" in late.message
    assert plan.slack_weeks < 0 and plan.findings[0] is late  # errors come first


def test_the_fines_count_the_parts_that_end_late(planner, make_client):
    plan = planner.plan(make_client(**LATE), adjust=Adjustments(pins={"map": 160, "pvt": 158}))
    late = finding(plan, "wi2021.deadline.exceeded")
    assert "up to €1,680 (route €1,000, PVT €340, MAP €340)" in late.message


def test_the_deadline_is_three_years_plus_extensions(planner, make_client):
    plan = planner.plan(make_client(progress={"extensions_weeks": 16}))
    assert planner.plan(make_client()).deadline == date(2028, 9, 1)  # three calendar years
    assert plan.deadline == date(2028, 12, 22)  # and 16 weeks more
    assert plan.slack_weeks == (plan.deadline - plan.completion_date).days // 7
    assert "wi2021.deadline.exceeded" not in rules(plan)


def test_an_a2_drop_names_when_600_hours_are_reached(planner, make_client):
    plan = planner.plan(make_client(**LATE))
    drop = finding(plan, "wi2021.a2_drop.possible")
    when = re.search(r"reached around (\d{4}-\d\d-\d\d)", drop.message).group(1)
    hours = 0.0
    for a in sorted(plan.activities, key=lambda a: (a.end, a.id)):
        if a.kind in ("language", "literacy"):
            hours += a.hours
            if hours >= 600:
                assert a.end.isoformat() == when
                break
    assert drop.severity == "warning"  # the plan is late, so the drop is a real option
    on_time = planner.plan(make_client())
    assert finding(on_time, "wi2021.a2_drop.possible").severity == "info"


def test_a_switch_after_18_months_is_an_error(planner, make_client):
    client = make_client(route={"choice": "z", "previous": "b1", "reason": "stalled"})
    late = finding(planner.plan(client, at=date(2027, 3, 2)), "wi2021.route.switch_late")
    assert late.severity == "error"
    assert "from b1 to z is only possible within 18 months" in late.message
    assert "until 2027-03-01" in late.message
    on_time = planner.plan(client, at=date(2027, 3, 1))
    assert "wi2021.route.switch_late" not in rules(on_time)
    same = make_client(route={"choice": "z", "previous": "z", "reason": "confirmed"})
    assert "wi2021.route.switch_late" not in rules(planner.plan(same, at=date(2028, 1, 3)))


def test_the_switch_window_closing_warning(planner, make_client):
    plan = planner.plan(make_client(), at=date(2027, 1, 4))
    closing = finding(plan, "wi2021.route.switch_window_closing")
    assert closing.severity == "warning" and "closes on 2027-03-01" in closing.message
    assert "wi2021.route.switch_window_closing" not in rules(planner.plan(make_client()))


def test_a_placement_pinned_before_its_language_level(planner, make_client):
    client = make_client(work={"goal": "logistics"})
    assert "wi2021.order.too_early" not in rules(planner.plan(client))
    plan = planner.plan(client, adjust=Adjustments(pins={"wep-logistics": 0}))
    early = finding(plan, "wi2021.order.too_early")
    assert early.severity == "warning"
    assert early.message.startswith("The placement 'Werkervaringsplaats logistiek' starts on")
    assert "that brings the language level it needs" in early.message


def test_overload_only_where_a_start_is_pinned(planner, make_client):
    client = make_client(weekly_hours=16)
    assert "wi2021.load.overload" not in rules(planner.plan(client))
    plan = planner.plan(client, adjust=Adjustments(pins={"nt2-a1-a2-intensive": 1, "pvt": 1}))
    overload = finding(plan, "wi2021.load.overload")
    assert overload.severity == "warning"
    assert "more than the 16 h a week available (from week 1, at most 19 h)" in overload.message
    assert "pinned by hand" in overload.message


@pytest.mark.parametrize("sector", ["care", "childcare-education"])
def test_a_foreign_degree_aimed_at_a_regulated_sector_without_evaluation(
    planner, make_client, sector
):
    client = make_client(education="higher", work={"goal": sector, "foreign_diploma": "master"})
    planned = planner.plan(client)
    assert finding(planned, "wi2021.diploma.regulated").severity == "info"
    skipped = planner.plan(
        client, adjust=Adjustments(remove={"diploma-evaluation": "the person declined"})
    )
    missing = finding(skipped, "wi2021.diploma.missing")
    assert missing.severity == "warning" and "request an IDW evaluation" in missing.message
    assert "work.foreign_diploma" in missing.inputs


def test_no_diploma_finding_outside_regulated_sectors(planner, make_client):
    plan = planner.plan(make_client(work={"goal": "retail", "foreign_diploma": "master"}))
    assert not {"wi2021.diploma.missing", "wi2021.diploma.regulated"} & rules(plan)


def test_overload_counts_the_days_available(planner, make_client):
    client = make_client(weekly_hours=40, availability={"days": ["mon", "tue"]})
    plan = planner.plan(client, adjust=Adjustments(pins={"nt2-a1-a2-intensive": 1, "pvt": 1}))
    overload = finding(plan, "wi2021.load.overload")
    assert "more than the 16 h a week available" in overload.message
