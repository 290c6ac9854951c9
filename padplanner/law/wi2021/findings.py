"""Findings about a finished plan: the deadline and the fines at stake, the A2 drop, the route
switch window, activities before the level they need, overloaded weeks, and a diploma for a
regulated profession."""

from __future__ import annotations

import math

from padplanner.law.wi2021.goals import DEGREES
from padplanner.law.wi2021.term import switch_findings
from padplanner.plugin import (
    ClientView,
    Finding,
    Plan,
    PlanContext,
    hookimpl,
    weekly_capacity,
)


# -- findings --------------------------------------------------------------------------------
@hookimpl
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    findings: list[Finding] = []
    findings.extend(_deadline(client, plan, ctx))
    findings.extend(_a2_drop(plan, ctx))
    findings.extend(switch_findings(client, plan, ctx))
    findings.extend(_order_and_load(client, plan, ctx))
    findings.extend(_diploma(client, plan, ctx))
    return findings


def _deadline(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    if plan.completion_date <= plan.deadline:
        return []
    late = math.ceil((plan.completion_date - plan.deadline).days / 7)
    fines = ctx.param("fines_eur")
    at_stake = {"route": fines["route"]}
    for part in ("pvt", "map"):
        for activity in plan.activities:
            if part in activity.grants and activity.end > plan.deadline:
                at_stake[part] = fines[part]
    total = sum(at_stake.values())
    parts = ", ".join(
        f"{k.upper() if k != 'route' else 'route'} €{v:,}" for k, v in at_stake.items()
    )
    return [
        Finding(
            "error",
            "wi2021.deadline.exceeded",
            f"The plan ends {late} weeks after the deadline of {plan.deadline.isoformat()}; "
            f"fines at stake up to €{total:,} ({parts}). Consider more hours per week, another "
            "route, or an extension.",
            ("term_start", "weekly_hours", "progress.extensions_weeks"),
            {
                "weeks": late,
                "deadline": plan.deadline,
                "completion": plan.completion_date,
                "fines": total,
                "parts": tuple(at_stake),
            },
        )
    ]


def _a2_drop(plan: Plan, ctx: PlanContext) -> list[Finding]:
    if plan.route.id != "b1":
        return []
    threshold = ctx.param("a2_drop_hours")
    share = ctx.param("a2_drop_in_person_share")
    total = in_person = 0.0
    modules = ctx.catalog.modules
    for activity in sorted(plan.activities, key=lambda a: (a.end, a.id)):
        if activity.kind not in ("language", "literacy"):
            continue
        module = modules.get(activity.module)
        total += activity.hours
        in_person += activity.hours * (module.in_person_share if module else 1.0)
        if total >= threshold and in_person >= share * total:
            severity = "warning" if plan.completion_date > plan.deadline else "info"
            return [
                Finding(
                    severity,
                    "wi2021.a2_drop.possible",
                    f"After {threshold} h of education (at least {share:.0%} in person), reached "
                    f"around {activity.end.isoformat()}, a skill that stays behind may drop from B1 "
                    "to A2; the PIP must then be amended.",
                    ("levels",),
                    {"hours": threshold, "share": share, "date": activity.end},
                )
            ]
    return []


def _order_and_load(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    out: list[Finding] = []
    by_id = {a.id: a for a in plan.activities}
    for activity in plan.activities:
        early = [d for d in activity.depends_on if d in by_id and by_id[d].end > activity.start]
        if not early:
            continue
        what = "placement" if activity.kind == "work" else "activity"
        out.append(
            Finding(
                "warning",
                "wi2021.order.too_early",
                f"The {what} {activity.title!r} starts on {activity.start.isoformat()}, before "
                + ", ".join(f"{by_id[d].title!r} ends ({by_id[d].end.isoformat()})" for d in early)
                + " that brings the language level it needs.",
                ("levels",),
                {
                    "what": what,
                    "module": activity.module,
                    "start": activity.start,
                    "before": tuple(by_id[d].module for d in early),
                    "ends": tuple(by_id[d].end for d in early),
                },
            )
        )
    weeks: dict[int, int] = {}
    for activity in plan.activities:
        for week in range(activity.start_week, activity.start_week + activity.weeks):
            weeks[week] = weeks.get(week, 0) + activity.hours_per_week
    capacity = weekly_capacity(client)
    over = sorted(w for w, load in weeks.items() if load > capacity)
    if over:
        most = max(weeks[w] for w in over)
        out.append(
            Finding(
                "warning",
                "wi2021.load.overload",
                f"{len(over)} weeks ask more than the {capacity} h a week available "
                f"(from week {over[0]}, at most {most} h), because of a start pinned by hand.",
                ("weekly_hours", "availability.days"),
                {"weeks": len(over), "capacity": capacity, "first": over[0], "most": most},
            )
        )
    return out


def _diploma(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    sector = ctx.catalog.sectors.get(client.work.goal or "")
    if (
        sector is None
        or not sector.regulated
        or client.work.foreign_diploma not in DEGREES
        or client.work.diploma_evaluated
    ):
        return []
    planned = [a for a in plan.activities if "diploma-evaluated" in a.grants]
    if planned:
        return [
            Finding(
                "info",
                "wi2021.diploma.regulated",
                f"{sector.title.en} is a regulated profession: the diploma evaluation is planned "
                f"(ready around {planned[0].end.isoformat()}); registration usually also needs "
                "B2 Dutch.",
                ("work.foreign_diploma", "work.goal"),
                {"sector": sector.key, "ready": planned[0].end},
            )
        ]
    return [
        Finding(
            "warning",
            "wi2021.diploma.missing",
            f"A foreign {client.work.foreign_diploma} diploma aimed at {sector.title.en.lower()} "
            "(a regulated profession) without a diploma evaluation: request an IDW evaluation.",
            ("work.foreign_diploma", "work.diploma_evaluated", "work.goal"),
            {"diploma": client.work.foreign_diploma, "sector": sector.key},
        )
    ]
