"""Proefstad (GM9901, fictional): a test municipality's rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from padplanner.plugin import (
    Activity,
    CheckIn,
    ClientView,
    CohortPolicy,
    Finding,
    Goal,
    Plan,
    PlanContext,
    PluginInfo,
    Priority,
    Reason,
    every_weeks,
    hookimpl,
)

HERE = Path(__file__).resolve().parent
CODE = "GM9901"


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    return PluginInfo(
        "proefstad",
        "1.0",
        municipalities=(CODE,),
        laws=("wi2021",),
        owner="Gemeente Proefstad (fictional, for tests)",
        rule_cases=str(HERE / "proefstad_cases"),
    )


@hookimpl
def padplanner_catalogs() -> list[Path]:
    return [HERE / "proefstad.toml"]


@hookimpl
def padplanner_goals(client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    return [Goal("values", Reason("proefstad.values.series", "Values conversations for everyone"))]


@hookimpl
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    start = min((a.start for a in activities), default=ctx.plan_start or ctx.reference_date)
    end = max((a.end for a in activities), default=start)
    weeks = ctx.param("proefstad_progress_weeks")
    reason = Reason("proefstad.checkins.progress", f"A progress conversation every {weeks} weeks")
    return [CheckIn(day, "progress", reason) for day in every_weeks(start, end, weeks)]


@hookimpl
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    if client.dutch_contact != "none":
        return []
    return [
        Finding(
            "info",
            "proefstad.contact.advice",
            "No Dutch contact outside the lessons: suggest the neighbourhood language café.",
            ("dutch_contact",),
        )
    ]


@hookimpl
def padplanner_cohort_priority(clients: Sequence[ClientView], ctx: PlanContext) -> list[Priority]:
    """Most hours a week first; the first share gets intensive mediation."""
    ranked = sorted(clients, key=lambda c: (-c.weekly_hours, c.id))
    top = int(len(ranked) * ctx.param("proefstad_intensive_share"))
    return [
        Priority(
            c.id,
            rank,
            Reason("proefstad.cohort.hours", f"{c.weekly_hours} h a week", ("weekly_hours",)),
            intensive=rank < top,
        )
        for rank, c in enumerate(ranked)
    ]


@hookimpl
def padplanner_cohort_policies(municipality: str) -> list[CohortPolicy]:
    return [
        CohortPolicy(
            "proefstad-30",
            "Proefstad: intensive mediation for 30 %",
            "Proefstad's priority rule ranks the cohort by hours a week; the first 30 % get "
            "intensive mediation.",
            order="municipal",
            intensive="rule",
            follow_up_weeks=26,
            source="policy: Proefstad (fictional, for tests; parameter proefstad_intensive_share)",
            municipality=CODE,
        )
    ]
