"""What the law asks the counsellor to decide between plans: whether the route still fits
before the switch window closes, and whether a skill drops from B1 to A2 once the hours of
language education are reached. The counsellor's agenda asks these hooks; the plan's own
findings (``findings.py``) say the same at planning time, from the plan."""

from __future__ import annotations

from padplanner.law.wi2021.term import switch_closes
from padplanner.plugin import SKILLS, ClientView, Level, PlanContext, Reason, hookimpl

SWITCH_ROUTES = ("b1", "z")  # from the onderwijsroute the B1-route stays open at any time


@hookimpl
def padplanner_switch_question(client: ClientView, route: str, ctx: PlanContext) -> Reason | None:
    if ctx.law != "wi2021" or route not in SWITCH_ROUTES:
        return None
    months, closes = switch_closes(client.term_start, ctx)
    return Reason(
        "wi2021.agenda.switch_question",
        f"After {closes.isoformat()} ({months} months from the term start) the {route} route "
        "can no longer change: decide before then whether it still fits",
        ("route", "term_start"),
        {"route": route, "months": months, "closes": closes},
    )


@hookimpl(trylast=True)  # a municipality's own answer comes first
def padplanner_a2_decision(client: ClientView, route: str, ctx: PlanContext) -> Reason | None:
    if ctx.law != "wi2021" or route != "b1":
        return None
    levels = client.levels.as_dict()
    below = [skill for skill in SKILLS if levels[skill] < Level.B1]
    if not below:
        return None
    hours = ctx.param("a2_drop_hours")
    return Reason(
        "wi2021.agenda.a2_decision",
        f"After {hours} h of Dutch lessons, {', '.join(below)} still below B1 may drop to A2: "
        "decide, and amend the PIP",
        ("route", "levels"),
        {"hours": hours, "skills": below},
    )
