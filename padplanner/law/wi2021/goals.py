"""What each route asks (goals), a work goal and a diploma evaluation, and which modules the
law leaves out for a person."""

from __future__ import annotations

from padplanner.plugin import ClientView, Goal, Module, PlanContext, Reason, hookimpl

DEGREES = ("vocational", "bachelor", "master", "doctorate")
_ROUTE_TEXT = {
    "b1": "The B1-route: the four skills at B1, KNM, MAP and the PVT",
    "onderwijs": "The onderwijsroute: the bridging programme, KNM and the PVT",
    "z": "The Z-route: 800 h language and 800 h participation, including MAP and the PVT",
}


@hookimpl
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    reason = Reason(f"wi2021.goals.{route}", _ROUTE_TEXT[route], ("route",))
    goals = [Goal(text, reason) for text in ctx.param(f"goals_{route}")]
    sector = ctx.catalog.sectors.get(client.work.goal or "")
    if sector is not None and client.aim == "work":
        if route == "z":
            reason = Reason(
                "wi2021.goals.work.z",
                f"Works towards {sector.title.en.lower()} through a dual trajectory "
                "(language and practice), realistic on the Z-route",
                ("work.goal", "route"),
                {"sector": sector.key},
            )
            goals.append(Goal(f"practice:{sector.key}", reason))
        else:
            reason = Reason(
                "wi2021.goals.work",
                f"Aims at work in {sector.title.en.lower()}, which realistically needs "
                f"{sector.level} in {', '.join(sector.skills)}",
                ("aim", "work.goal"),
                {"sector": sector.key, "level": sector.level, "skills": sector.skills},
            )
            goals.append(Goal(f"work:{sector.key}", reason))
            goals.extend(Goal(f"{skill}>={sector.level}", reason) for skill in sector.skills)
    diploma = client.work.foreign_diploma
    if diploma in DEGREES and not client.work.diploma_evaluated:
        reason = Reason(
            "wi2021.diploma.evaluate",
            f"A foreign {diploma} diploma: an IDW evaluation (free once during integration) "
            "shows its Dutch value",
            ("work.foreign_diploma", "work.diploma_evaluated"),
            {"diploma": diploma},
        )
        goals.append(Goal("diploma-evaluated", reason))
    return goals


@hookimpl
def padplanner_module_filter(client: ClientView, module: Module, ctx: PlanContext) -> Reason | None:
    if module.kind == "literacy" and module.id != "latin-script" and client.literacy != "none":
        return Reason(
            "wi2021.literacy.nonliterate_only",
            "Literacy courses (Alfa A-C) are for people who cannot read or write any script",
            ("literacy",),
        )
    if "intensive" in module.tags and client.learnability == "low":
        return Reason(
            "wi2021.intensive.learnability",
            "Intensive courses are not advised with a low learnability outcome",
            ("learnability",),
        )
    return None
