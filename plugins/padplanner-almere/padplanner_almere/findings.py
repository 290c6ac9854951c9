"""Almere's findings on a plan (rules 2 and 6 of the alderman's interview): the dual
trajectory beside the lessons, and the realistic perspective in a regulated profession.
Called from ``padplanner_validate`` in :mod:`padplanner_almere.hooks`; each finding's id is
described in ``catalog/rules.toml`` and its words come from its id and values.
"""

from __future__ import annotations

from padplanner.plugin import (
    SKILLS,
    Activity,
    ClientView,
    Finding,
    Level,
    Plan,
    PlanContext,
    Requirement,
)

LESSON_KINDS = ("language", "literacy", "education")


def dual_findings(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    if client.aim == "work" and not client.work.goal and plan.route.id == "b1":
        return [
            Finding(
                "info",
                "almere.dual.no_sector",
                "Aims at work without a goal sector: choose one, so the dual trajectory "
                "(language through work) can start beside the lessons.",
                ("aim", "work.goal"),
            )
        ]
    out = []
    lessons = [a for a in plan.activities if a.kind in LESSON_KINDS]
    for dual in (a for a in plan.activities if a.module.startswith("almere-dual-")):
        if lessons and not any(overlap(dual, lesson) for lesson in lessons):
            out.append(
                Finding(
                    "warning",
                    "almere.dual.late",
                    f"The dual trajectory {dual.title!r} does not run beside any language "
                    f"lessons (it starts on {dual.start.isoformat()}); more hours a week or "
                    "another start would let it run alongside.",
                    ("weekly_hours",),
                    {"module": dual.module, "start": dual.start},
                )
            )
    return out


def overlap(a: Activity, b: Activity) -> bool:
    return a.start_week < b.end_week and b.start_week < a.end_week


def registration(client: ClientView, plan: Plan, ctx: PlanContext, sector) -> Finding:
    info = ctx.param("almere_registration").get(sector.key, {})
    level = info.get("level", sector.level)
    way = ctx.catalog.words.get("almere_registration", {}).get(sector.key)
    evaluation = next((a for a in plan.activities if "diploma-evaluated" in a.grants), None)
    when = f" (ready around {evaluation.end.isoformat()})" if evaluation else ""
    reached = {
        skill: max(
            [client.levels.get(skill)]
            + [
                Level.parse(r.level)
                for a in plan.activities
                for r in map(Requirement.parse, a.grants)
                if r.name == skill and r.level
            ]
        )
        for skill in SKILLS
    }
    lowest = min(reached.values())
    short = lowest < Level.parse(level)
    gap = (
        f"this plan reaches {lowest} in every skill, so {level} comes after the term"
        if short
        else f"this plan reaches {level}"
    )
    values = {"sector": sector.key, "level": level, "reached": str(lowest)}
    if evaluation is not None:
        values["ready"] = evaluation.end
    variant = ("" if evaluation else "unplanned") + ("" if short else "_reached")
    if variant:
        values["variant"] = variant.lstrip("_")
    return Finding(
        "info",
        "almere.diploma.registration",
        f"Realistic perspective in {sector.title.en.lower()}, a regulated profession: first the "
        f"diploma evaluation{when}; then {way.en if way else 'registration'}. Registration "
        f"needs Dutch at {level}; {gap}.",
        ("work.foreign_diploma", "work.diploma_evaluated", "work.goal", "levels"),
        values,
    )
