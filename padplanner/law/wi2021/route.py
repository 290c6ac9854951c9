"""Which route: the onderwijsroute for young people aiming at study, the Z-route when A2 in
every skill is out of reach within the term, the B1-route otherwise."""

from __future__ import annotations

import math

from padplanner.plugin import (
    SKILLS,
    ClientView,
    PlanContext,
    Reason,
    RouteAdvice,
    hookimpl,
    weekly_capacity,
)

A2_ALL = tuple(f"{skill}>=A2" for skill in SKILLS)
_INPUTS = ("levels", "literacy", "education", "learnability", "weekly_hours", "availability.days")


def _h(hours: float) -> str:
    return f"{hours:,.0f}"


@hookimpl(trylast=True)  # the law decides only when no municipality has
def padplanner_route(client: ClientView, ctx: PlanContext) -> RouteAdvice:
    max_age = ctx.param("onderwijs_max_age")
    age = client.age_at_term_start
    if client.aim == "study" and age < max_age and client.learnability != "low":
        reason = Reason(
            "wi2021.route.onderwijs",
            f"Aims at study, {age} years old at the start of the term (under {max_age}) with "
            f"{client.learnability} learnability: onderwijsroute",
            ("aim", "age", "learnability"),
            {"age": age, "max_age": max_age, "learnability": client.learnability},
        )
        return RouteAdvice("onderwijs", [reason])
    needed, _ = ctx.hours_to(A2_ALL)
    weeks = ctx.weeks_left
    share = ctx.param("usable_share")
    hours = weekly_capacity(client)
    available = hours * weeks
    usable = available * share
    values = {
        "weekly": hours,
        "weeks": weeks,
        "available": round(available),
        "share": share,
        "usable": round(usable),
    }
    numbers = (
        f"{hours} h/w × {weeks} w = {_h(available)} h available, {share:.0%} usable "
        f"({_h(usable)} h)"
    )
    if math.isinf(needed):
        text = f"no route to A2 in every skill; {numbers} → Z-route"
        values["variant"] = "unreachable"
        return RouteAdvice("z", [Reason("wi2021.route.z", text, _INPUTS, values)])
    values["needed"] = round(needed)
    route = "z" if needed > usable else "b1"
    text = f"est. {_h(needed)} h to A2 in every skill; {numbers} → {route.upper()}-route"
    return RouteAdvice(route, [Reason(f"wi2021.route.{route}", text, _INPUTS, values)])
