"""Voorbeeldstad's rules (GM9001, a fictional municipality) as padplanner hooks.

Every rule id is described in plain words in ``catalog/rules.toml`` and pinned by rule cases in
``tests/rules/``; numbers are dated parameters in ``catalog/voorbeeldstad.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from padplanner.plugin import (
    Activity,
    CheckIn,
    ClientView,
    Constraint,
    Finding,
    Goal,
    Module,
    Plan,
    PlanContext,
    PluginInfo,
    Reason,
    every_weeks,
    hookimpl,
)
from padplanner_voorbeeldstad import CATALOG_DIR, MUNICIPALITY, __version__, rule_cases_dir

VOLUNTEER = "voorbeeldstad-volunteer-work"
SOCIAL = "voorbeeldstad-social-workplace"
VARIANT = "variant-of:"


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    cases = rule_cases_dir()
    return PluginInfo(
        "voorbeeldstad",
        __version__,
        municipalities=(MUNICIPALITY,),
        laws=("wi2021",),
        owner="Gemeente Voorbeeldstad (fictional example municipality)",
        description="Volunteer work from the first month, a social workplace when the regular "
        "labour market is out of reach, mixed language groups, progress every 8 weeks",
        rule_cases=str(cases) if cases else "",
    )


@hookimpl
def padplanner_catalogs() -> list[Path]:
    return [CATALOG_DIR]


# -- goals ---------------------------------------------------------------------------------------
@hookimpl
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    goals = []
    if route != "onderwijs":  # the onderwijsroute is full-time school
        goals.append(
            Goal(
                "volunteering",
                Reason(
                    "voorbeeldstad.volunteer.first_month",
                    "Volunteer work from the first month, as a step towards a paid job: a Dutch "
                    "CV from day one",
                    ("route",),
                ),
            )
        )
    if _out_of_reach(client, route, ctx):
        goals.append(
            Goal(
                "social-workplace",
                Reason(
                    "voorbeeldstad.work.social_workplace",
                    f"The regular labour market is out of reach for now ({route}-route, "
                    f"{client.learnability} learnability): a social workplace with supervision",
                    ("route", "learnability"),
                    {"route": route, "learnability": client.learnability},
                ),
            )
        )
    return goals


def _out_of_reach(client: ClientView, route: str, ctx: PlanContext) -> bool:
    when = ctx.param("voorbeeldstad_social_workplace")
    return route in when["routes"] or client.learnability in when["learnability"]


# -- module filter: mixed groups -----------------------------------------------------------------
@hookimpl
def padplanner_module_filter(client: ClientView, module: Module, ctx: PlanContext) -> Reason | None:
    if VARIANT in "".join(module.tags):
        return None  # a local variant itself
    for local in ctx.catalog.modules.values():
        if f"{VARIANT}{module.id}" in local.tags:
            return Reason(
                "voorbeeldstad.language.mixed",
                f"Voorbeeldstad teaches this step in a mixed group with Dutch speakers "
                f"({local.id})",
                (),
                {"module": local.id},
            )
    return None


# -- constraints: the social workplace as a step to a regular place ------------------------------
@hookimpl
def padplanner_constraints(
    client: ClientView, modules: Sequence[Module], ctx: PlanContext
) -> list[Constraint]:
    if not any(m.id == SOCIAL for m in modules):
        return []
    reason = Reason(
        "voorbeeldstad.work.step",
        "A regular work-experience place follows the social workplace, as the next step",
        ("route", "learnability"),
    )
    return [
        Constraint("after", m.id, reason, other=SOCIAL)
        for m in modules
        if "placement" in m.tags and m.id != SOCIAL
    ]


# -- check-ins -----------------------------------------------------------------------------------
@hookimpl
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    start = min((a.start for a in activities), default=ctx.plan_start or ctx.reference_date)
    end = max((a.end for a in activities), default=start)
    weeks = ctx.param("voorbeeldstad_check_in_weeks")
    reason = Reason(
        "voorbeeldstad.checkins.progress",
        f"A progress conversation every {weeks} weeks",
        (),
        {"weeks": weeks},
    )
    return [CheckIn(day, "progress", reason) for day in every_weeks(start, end, weeks)]


# -- findings ------------------------------------------------------------------------------------
@hookimpl
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    latest = ctx.param("voorbeeldstad_volunteer_latest_week")
    out = []
    for activity in plan.activities:
        if activity.module == VOLUNTEER and activity.start_week > latest:
            out.append(
                Finding(
                    "warning",
                    "voorbeeldstad.volunteer.late",
                    f"Volunteer work starts in week {activity.start_week} "
                    f"({activity.start.isoformat()}), after the first month (week {latest}); "
                    "find an organisation that can start sooner or pin its start.",
                    ("weekly_hours",),
                    {"week": activity.start_week, "start": activity.start, "latest": latest},
                )
            )
    return out
