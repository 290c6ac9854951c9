"""Almere's rules (GM0034) as padplanner hooks.

One section per policy point of the alderman's interview; every rule id is described in plain
words in ``catalog/rules.toml`` and pinned by rule cases in ``tests/rules/``. Numbers come from
dated parameters (``ctx.param``), never from this code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from padplanner.plugin import (
    SKILLS,
    Activity,
    CheckIn,
    ClientView,
    CohortPolicy,
    Constraint,
    Finding,
    Goal,
    Level,
    Module,
    Plan,
    PlanContext,
    PluginInfo,
    Priority,
    Reason,
    Requirement,
    add_months,
    hookimpl,
    job_start,
    weekly_capacity,
)
from padplanner_almere import CATALOG_DIR, MUNICIPALITY, __version__, rule_cases_dir
from padplanner_almere.budget import rank_cohort
from padplanner_almere.findings import LESSON_KINDS, dual_findings, registration

DEGREES = ("vocational", "bachelor", "master", "doctorate")


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    cases = rule_cases_dir()
    return PluginInfo(
        "almere",
        __version__,
        municipalities=(MUNICIPALITY,),
        laws=("wi2021",),
        owner="Gemeente Almere (policy from the alderman's interview)",
        description="Values conversations, language through work, professional teaching, Dutch "
        "contact, keep following people, realistic perspective, higher ambition, budget",
        rule_cases=str(cases) if cases else "",
    )


@hookimpl
def padplanner_catalogs() -> list[Path]:
    return [CATALOG_DIR]


# -- goals: 1 values, 2 language through work, 4 Dutch contact, 7 higher ambition ---------------
@hookimpl
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    goals = [
        Goal(
            "values",
            Reason(
                "almere.values.series",
                "Values conversations for everyone, after the participation declaration (PVT) "
                "and spread over the term; attendance is recorded, attitudes are never scored",
                (),
            ),
        )
    ]
    sector = _goal_sector(client, ctx)
    if sector is not None and route == "b1":
        goals.append(
            Goal(
                f"practice:{sector.key}",
                Reason(
                    "almere.dual.goal",
                    f"Language through work: from A1 a dual trajectory in "
                    f"{sector.title.en.lower()} runs beside the language lessons",
                    ("aim", "work.goal"),
                    {"sector": sector.key},
                ),
            )
        )
    if client.dutch_contact == "none":
        goals.append(
            Goal(
                "dutch-contact",
                Reason(
                    "almere.contact.practice",
                    "No contact with Dutch speakers outside the lessons: a conversation group "
                    "with Dutch speakers",
                    ("dutch_contact",),
                ),
            )
        )
    if sector is not None and route == "b1":
        raised = ctx.param("almere_sector_levels").get(sector.key, {})
        for skill in SKILLS:
            level = raised.get(skill)
            if level is not None and Level.parse(level) > Level.B1:
                goals.append(
                    Goal(
                        f"{skill}>={level}",
                        Reason(
                            "almere.ambition.level",
                            f"Higher ambition: B1 in all four skills, and {level} {skill} because "
                            f"work in {sector.title.en.lower()} needs it",
                            ("aim", "work.goal"),
                            {"level": level, "skill": skill, "sector": sector.key},
                        ),
                    )
                )
    return goals


def _goal_sector(client: ClientView, ctx: PlanContext):
    if client.aim != "work" or not client.work.goal:
        return None
    return ctx.catalog.sectors.get(client.work.goal)


# -- module filter: 1 attendance only, 2 Almere's dual, 3 professional teaching -----------------
@hookimpl
def padplanner_module_filter(client: ClientView, module: Module, ctx: PlanContext) -> Reason | None:
    if "volunteer-led" in module.tags and module.kind in LESSON_KINDS:
        return Reason(
            "almere.language.professional",
            "Led by volunteers: in Almere only professional teachers count as language teaching",
            (),
        )
    if module.kind == "values" and "attendance-only" not in module.tags:
        return Reason(
            "almere.values.attendance",
            "Values conversations must record attendance only, never attitudes",
            (),
        )
    if "dual" in module.tags and "almere" not in module.tags:
        local = f"almere-dual-{_sector_tag(module)}"
        if local in ctx.catalog.modules:
            return Reason(
                "almere.dual.local",
                f"Almere's own dual trajectory ({local}) runs half a day a week beside the "
                "lessons instead",
                (),
                {"module": local},
            )
    if "intensive" in module.tags and module.kind in LESSON_KINDS:
        sector = _goal_sector(client, ctx)
        room = weekly_capacity(client) - module.intensity_range[0]
        dual = _dual_hours(ctx, sector.key) if sector is not None else 0
        if sector is not None and room < dual:
            return Reason(
                "almere.dual.room",
                f"An intensive course takes at least {module.intensity_range[0]} of the "
                f"{weekly_capacity(client)} h a week, leaving no room for the dual trajectory "
                f"({dual} h a week) beside it",
                ("weekly_hours", "availability.days", "aim", "work.goal"),
                {
                    "minimum": module.intensity_range[0],
                    "capacity": weekly_capacity(client),
                    "dual": dual,
                },
            )
    return None


def _sector_tag(module: Module) -> str:
    return next((t.split(":", 1)[1] for t in module.tags if t.startswith("sector:")), "")


def _dual_hours(ctx: PlanContext, sector: str) -> int:
    module = ctx.catalog.modules.get(f"almere-dual-{sector}")
    return module.intensity_range[0] if module is not None else 0


# -- constraints: 1 not early, 2 alongside the lessons, 6 diploma evaluation first --------------
@hookimpl
def padplanner_constraints(
    client: ClientView, modules: Sequence[Module], ctx: PlanContext
) -> list[Constraint]:
    out: list[Constraint] = []
    weeks = ctx.param("almere_values_earliest_week")
    for module in modules:
        if module.kind == "values":
            out.append(
                Constraint(
                    "earliest",
                    module.id,
                    Reason(
                        "almere.values.not_early",
                        f"Values conversations not in the first {weeks} weeks",
                        (),
                        {"weeks": weeks},
                    ),
                    weeks=weeks,
                )
            )
    lessons = _main_lessons(modules)
    if lessons is not None:
        for module in modules:
            if "dual" in module.tags:
                out.append(
                    Constraint(
                        "with",
                        module.id,
                        Reason(
                            "almere.dual.parallel",
                            f"Starts alongside {lessons.title.en}, not after it",
                            ("levels",),
                            {"module": lessons.id},
                        ),
                        other=lessons.id,
                    )
                )
    if _regulated_unevaluated(client, ctx) is not None:
        evaluation = next((m for m in modules if _grants(m, "diploma-evaluated")), None)
        if evaluation is not None:
            reason = Reason(
                "almere.diploma.first",
                "The diploma evaluation comes first: it shows which work and level are realistic",
                ("work.foreign_diploma", "work.diploma_evaluated", "work.goal"),
            )
            out.extend(
                Constraint("after", module.id, reason, other=evaluation.id)
                for module in modules
                if module.id != evaluation.id and (module.kind == "work" or _above_b1(module))
            )
    return out


def _main_lessons(modules: Sequence[Module]) -> Module | None:
    """The language course that runs from A1 on.

    The first language course that needs speaking at A1 or above; otherwise (the Z-route's
    language part) the first that does not itself bring speaking up to A1.
    """
    lessons = [
        m for m in modules if m.kind in ("language", "education") and "volunteer-led" not in m.tags
    ]
    for module in lessons:
        if any(_speaking(r) >= Level.A1 for r in module.requires):
            return module
    return next((m for m in lessons if not any(_speaking(g) for g in m.grants)), None)


def _speaking(requirement: Requirement) -> Level:
    """The speaking level a requirement or grant names (A0 for anything else)."""
    if requirement.name != "speaking" or requirement.level is None:
        return Level.A0
    return Level.parse(requirement.level)


def _grants(module: Module, name: str) -> bool:
    return any(g.name == name for g in module.grants)


def _above_b1(module: Module) -> bool:
    return any(
        g.name in SKILLS and g.level is not None and Level.parse(g.level) > Level.B1
        for g in module.grants
    )


def _regulated_unevaluated(client: ClientView, ctx: PlanContext):
    sector = ctx.catalog.sectors.get(client.work.goal or "")
    if (
        sector is None
        or not sector.regulated
        or client.work.foreign_diploma not in DEGREES
        or client.work.diploma_evaluated
    ):
        return None
    return sector


# -- check-ins: 5 keep following people ----------------------------------------------------------
@hookimpl
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    start = min((a.start for a in activities), default=ctx.plan_start or ctx.reference_date)
    end = max((a.end for a in activities), default=start)
    cadence = ctx.param("almere_progress_weeks")
    first, after = cadence["first_year"], cadence["after"]
    year_end = add_months(client.term_start, 12)
    reason = Reason(
        "almere.checkins.progress",
        f"Keep following people: a progress conversation every {first} weeks in the first "
        f"year of the term, every {after} weeks after it",
        ("term_start",),
        {"first": first, "after": after},
    )
    out = []
    day = start
    while True:
        day += timedelta(weeks=first if day < year_end else after)
        if day > end:
            break
        out.append(CheckIn(day, "progress", reason))
    started = job_start(activities)
    if started is not None:
        months = ctx.param("almere_job_follow_up_months")
        reason = Reason(
            "almere.checkins.job",
            "Keep following people after a job starts: follow-up at "
            + ", ".join(str(m) for m in months)
            + " months, also after the end of the term",
            ("work.goal",),
            {"months": months},
        )
        out.extend(CheckIn(add_months(started, m), "job-follow-up", reason) for m in months)
    return out


# -- findings: 2 alongside, 4 Dutch contact, 6 realistic perspective ----------------------------
@hookimpl
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    findings: list[Finding] = []
    if client.dutch_contact == "none":
        findings.append(
            Finding(
                "info",
                "almere.contact.advice",
                "No contact with Dutch speakers outside the lessons: advise a placement, "
                "volunteer work or housing with daily Dutch contact (a Dutch-speaking "
                "neighbourhood or workplace), besides the conversation group.",
                ("dutch_contact",),
            )
        )
    findings.extend(dual_findings(client, plan, ctx))
    sector = _regulated_unevaluated(client, ctx)
    if sector is not None:
        findings.append(registration(client, plan, ctx, sector))
    return findings


# -- cohort: 8 budget ----------------------------------------------------------------------------
INTENSIVE_40 = CohortPolicy(
    "almere-40",
    "Almere: intensive mediation for the most promising 40 %",
    "Almere's own priority rule ranks the cohort and marks at most 40 % for intensive "
    "mediation (the dated parameter almere_intensive_share); they go first for seats and "
    "coaches and are followed for 6 months after their path. The rest follow in the rule's "
    "order with standard guidance.",
    order="municipal",
    intensive="rule",
    follow_up_weeks=26,
    source="policy: Almere, budget for the most promising 40 % (alderman De Jonge, Sociale "
    "Vraagstukken, March 2018); follow-up: the law's job follow-up at 3 and 6 months",
    municipality=MUNICIPALITY,
)


@hookimpl
def padplanner_cohort_policies(municipality: str) -> list[CohortPolicy]:
    """Almere's 40 % policy, offered to the cohort simulation (only for Almere's cohort)."""
    return [INTENSIVE_40]


@hookimpl
def padplanner_cohort_priority(
    clients: Sequence[ClientView], ctx: PlanContext
) -> list[Priority] | None:
    return rank_cohort(clients, ctx)
