"""Route stage: onderwijsroute for young students, the Z-route threshold, the counsellor's choice."""

from __future__ import annotations

import re

from corehelp import A0

from padplanner.plugin import PluginInfo, Reason, RouteAdvice, hookimpl

NOT_LITERATE = {"literacy": "none", "education": "none", "learnability": "low", "levels": A0}


def test_young_students_get_the_onderwijsroute(planner, make_client):
    plan = planner.plan(make_client(age=19, aim="study"))
    assert plan.route.id == "onderwijs"
    (reason,) = plan.route.reasons
    assert reason.rule == "wi2021.route.onderwijs"
    assert "19 years old" in reason.text and set(reason.inputs) == {"aim", "age", "learnability"}


def test_the_age_counts_at_the_term_start_not_at_the_reference_date(planner, make_client):
    from datetime import date

    client = make_client(age=27, aim="study")
    later = planner.plan(client, at=date(2027, 1, 4))  # 28 by then
    assert later.route.id == "onderwijs"


def test_the_z_route_reason_shows_the_numbers(planner, make_client):
    plan = planner.plan(make_client(weekly_hours=13, **NOT_LITERATE))
    assert plan.route.id == "z"
    (reason,) = plan.route.reasons
    assert reason.rule == "wi2021.route.z"
    numbers = re.search(
        r"est\. ([\d,]+) h to A2 in every skill; 13 h/w × 156 w = ([\d,]+) h available, "
        r"70% usable \(([\d,]+) h\) → Z-route",
        reason.text,
    )
    assert numbers, reason.text
    needed, available, usable = (int(n.replace(",", "")) for n in numbers.groups())
    assert available == 13 * 156 and usable == round(available * 0.7) and needed > usable
    assert "weekly_hours" in reason.inputs and "literacy" in reason.inputs


def test_more_hours_a_week_move_the_same_person_to_the_b1_route(planner, make_client):
    plan = planner.plan(make_client(weekly_hours=14, **NOT_LITERATE))
    assert plan.route.id == "b1"
    assert plan.route.reasons[0].rule == "wi2021.route.b1"
    assert "→ B1-route" in plan.route.reasons[0].text


def test_a_later_start_leaves_fewer_weeks(planner, make_client):
    from datetime import date

    client = make_client(
        weekly_hours=16, availability={"start_after": date(2026, 9, 7)}, **NOT_LITERATE
    )
    plan = planner.plan(client)
    assert "16 h/w × 103 w" in plan.route.reasons[0].text
    assert plan.route.id == "z"  # 16 h/w at the term start would be the B1-route
    assert planner.plan(make_client(weekly_hours=16, **NOT_LITERATE)).route.id == "b1"


def test_the_counsellors_choice_wins_and_keeps_the_advice(planner, make_client):
    choice = {"choice": "z", "reason": "The intake agrees with the learnability test"}
    plan = planner.plan(make_client(route=choice))
    assert plan.route.id == "z"
    rules = [r.rule for r in plan.route.reasons]
    assert rules == ["counsellor.route", "counsellor.route.advice"]
    assert plan.route.reasons[0].text == choice["reason"]
    assert plan.route.reasons[1].text.startswith("The rules advised the b1 route: ")


def test_a_choice_that_agrees_with_the_advice_has_one_reason(planner, make_client):
    plan = planner.plan(make_client(route={"choice": "b1", "reason": "As advised"}))
    assert [r.rule for r in plan.route.reasons] == ["counsellor.route"]


class SaysZ:
    """A municipality that sends everyone over 60 to the Z-route."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("oldage", "1", municipalities=("GM0000",))

    @hookimpl
    def padplanner_route(self, client, ctx):
        if client.age >= 60:
            return RouteAdvice("z", [Reason("oldage.route", "60 or older", ("age",))])
        return None


def test_a_municipality_decides_before_the_law(plugin_planner, make_client):
    planner = plugin_planner(SaysZ())
    assert planner.plan(make_client(age=61)).route.id == "z"
    assert planner.plan(make_client(age=61)).route.reasons[0].rule == "oldage.route"
    assert planner.plan(make_client(age=40)).route.reasons[0].rule == "wi2021.route.b1"


def test_the_hours_available_are_capped_at_eight_a_day(planner, make_client):
    client = make_client(weekly_hours=40, availability={"days": ["mon", "thu"]}, **NOT_LITERATE)
    plan = planner.plan(client)
    assert "16 h/w × 156 w = 2,496 h available" in plan.route.reasons[0].text
    assert "availability.days" in plan.route.reasons[0].inputs
