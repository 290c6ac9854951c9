"""The Wet inburgering 2021, as a plugin like any municipality's.

Every rule here has a stable id (``wi2021.*``), reads its numbers from dated catalogue
parameters (``curricula/wi2021/parameters.toml``) and explains itself with the inputs it used.
It answers the "who decides" hooks last (``trylast``), so a municipality may decide first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from padplanner import __version__
from padplanner.plugin import (
    SKILLS,
    Activity,
    CheckIn,
    ClientView,
    Finding,
    Goal,
    HoursEstimate,
    Module,
    Plan,
    PlanContext,
    PluginInfo,
    Priority,
    Reason,
    RouteAdvice,
    add_months,
    every_weeks,
    hookimpl,
    hours_profile,
    job_start,
    reference_factor,
    weekly_capacity,
)

A2_ALL = tuple(f"{skill}>=A2" for skill in SKILLS)
DEGREES = ("vocational", "bachelor", "master", "doctorate")
_EDUCATION_LABEL = {
    "none": "no schooling",
    "primary": "primary education",
    "secondary": "secondary education",
    "vocational": "vocational education",
    "higher": "higher education",
}
_CASES = Path(__file__).resolve().parents[2] / "tests" / "rules"  # in a source checkout


_ROUTE_INPUTS = (
    "levels",
    "literacy",
    "education",
    "learnability",
    "weekly_hours",
    "availability.days",
)


def _h(hours: float) -> str:
    return f"{hours:,.0f}"


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    return PluginInfo(
        "wi2021",
        __version__,
        municipalities=(),
        laws=("wi2021",),
        owner="padplanner (national law, Wet inburgering 2021)",
        description="Routes, goals, hours, check-ins and findings of the Wet inburgering 2021",
        rule_cases=str(_CASES) if _CASES.is_dir() else "",
    )


# -- route ---------------------------------------------------------------------------------
@hookimpl(trylast=True)  # the law decides only when no municipality has
def padplanner_route(client: ClientView, ctx: PlanContext) -> RouteAdvice:
    max_age = ctx.param("onderwijs_max_age")
    if (
        client.aim == "study"
        and client.age_at_term_start < max_age
        and client.learnability != "low"
    ):
        return RouteAdvice(
            "onderwijs",
            [
                Reason(
                    "wi2021.route.onderwijs",
                    f"Aims at study, {client.age_at_term_start} years old at the start of the term "
                    f"(under {max_age}) with {client.learnability} learnability: onderwijsroute",
                    ("aim", "age", "learnability"),
                )
            ],
        )
    needed, _ = ctx.hours_to(A2_ALL)
    weeks = ctx.weeks_left
    share = ctx.param("usable_share")
    hours = weekly_capacity(client)
    available = hours * weeks
    usable = available * share
    if needed > usable:
        est = "no route" if math.isinf(needed) else f"est. {_h(needed)} h"
        return RouteAdvice(
            "z",
            [
                Reason(
                    "wi2021.route.z",
                    f"{est} to A2 in every skill; {hours} h/w × {weeks} w = "
                    f"{_h(available)} h available, {share:.0%} usable ({_h(usable)} h) → Z-route",
                    _ROUTE_INPUTS,
                )
            ],
        )
    return RouteAdvice(
        "b1",
        [
            Reason(
                "wi2021.route.b1",
                f"est. {_h(needed)} h to A2 in every skill; {hours} h/w × {weeks} w = "
                f"{_h(available)} h available, {share:.0%} usable ({_h(usable)} h) → B1-route",
                _ROUTE_INPUTS,
            )
        ],
    )


# -- cohort priority -----------------------------------------------------------------------
@hookimpl(trylast=True)  # the national default: a municipality's own order comes first
def padplanner_cohort_priority(clients: Sequence[ClientView], ctx: PlanContext) -> list[Priority]:
    """First come, first served: by term start, then by id; nobody gets intensive mediation."""
    ordered = sorted(clients, key=lambda c: (c.term_start, c.id))
    total = len(ordered)
    return [
        Priority(
            client.id,
            float(place),
            Reason(
                "wi2021.cohort.fifo",
                f"First come, first served: the term started on {client.term_start.isoformat()} "
                f"(place {place} of {total})",
                ("term_start",),
            ),
        )
        for place, client in enumerate(ordered, start=1)
    ]


# -- goals ---------------------------------------------------------------------------------
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
            goals.append(
                Goal(
                    f"practice:{sector.key}",
                    Reason(
                        "wi2021.goals.work.z",
                        f"Works towards {sector.title.en.lower()} through a dual trajectory "
                        "(language and practice), realistic on the Z-route",
                        ("work.goal", "route"),
                    ),
                )
            )
        else:
            reason = Reason(
                "wi2021.goals.work",
                f"Aims at work in {sector.title.en.lower()}, which realistically needs "
                f"{sector.level} in {', '.join(sector.skills)}",
                ("aim", "work.goal"),
            )
            goals.append(Goal(f"work:{sector.key}", reason))
            goals.extend(Goal(f"{skill}>={sector.level}", reason) for skill in sector.skills)
    if client.work.foreign_diploma in DEGREES and not client.work.diploma_evaluated:
        goals.append(
            Goal(
                "diploma-evaluated",
                Reason(
                    "wi2021.diploma.evaluate",
                    f"A foreign {client.work.foreign_diploma} diploma: an IDW evaluation "
                    "(free once during integration) shows its Dutch value",
                    ("work.foreign_diploma", "work.diploma_evaluated"),
                ),
            )
        )
    return goals


# -- module filter ---------------------------------------------------------------------------
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


# -- hours -----------------------------------------------------------------------------------
_PROFILE_LABEL = {
    "not-literate": "not literate at intake",
    "fast-track": "fast track",
    **_EDUCATION_LABEL,
}


@hookimpl(trylast=True)  # a municipality's own figures come first
def padplanner_module_hours(client: ClientView, module: Module, ctx: PlanContext) -> HoursEstimate:
    if module.scaling == "fixed":
        return HoursEstimate(
            module.hours,
            module.hours,
            module.hours,
            Reason("wi2021.hours.fixed", f"{module.hours:g} h as the programme prescribes", ()),
        )
    factors: list[tuple[float, str]] = []
    inputs: list[str] = ["learnability"]
    calibrated = None
    if module.scaling == "profile":
        inputs += ["education", "literacy", "aim", "dutch_contact"]
        profile = hours_profile(client.education, client.literacy, client.learnability, client.aim)
        calibration = ctx.param("hours_calibration") or {}
        calibrated = calibration.get("profiles", {}).get(profile)
        if calibrated is not None:
            factors.append(
                (
                    calibrated["factor"],
                    f"{_PROFILE_LABEL[profile]}, calibrated on {calibrated['n']} people, "
                    f"95 % interval {calibrated['low']:g}–{calibrated['high']:g}",
                )
            )
        else:
            factors.append((reference_factor(ctx.param, profile), _PROFILE_LABEL[profile]))
        factors.append(
            (
                ctx.param("hours_factor_contact")[client.dutch_contact],
                f"{client.dutch_contact} Dutch contact",
            )
        )
    factors.append(
        (
            ctx.param("hours_factor_learnability")[client.learnability],
            f"{client.learnability} learnability",
        )
    )
    hours = module.hours
    for factor, _ in factors:
        hours *= factor
    spread = calibration["spread"] if calibrated is not None else ctx.param("hours_range")
    low, high = hours * spread["low"], hours * spread["high"]
    steps = " × ".join(f"{factor:g} ({label})" for factor, label in factors if factor != 1)
    text = (
        f"{module.hours:g} h reference"
        + (f" × {steps}" if steps else "")
        + (f" = {_h(hours)} h (range {_h(low)}–{_h(high)} h)")
    )
    if calibrated is not None:
        text += f"; calibration of {calibration['made']}"
        values = {
            "reference": module.hours,
            "profile": profile,
            "factor": calibrated["factor"],
            "n": calibrated["n"],
            "interval": [calibrated["low"], calibrated["high"]],
            "made": calibration["made"],
            "hours": round(hours),
            "range": [round(low), round(high)],
        }
        reason = Reason("wi2021.hours.calibrated", text, tuple(inputs), values)
        return HoursEstimate(hours, low, high, reason)
    return HoursEstimate(hours, low, high, Reason("wi2021.hours.profile", text, tuple(inputs)))


# -- check-ins -------------------------------------------------------------------------------
@hookimpl
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    start = min((a.start for a in activities), default=ctx.plan_start)
    end = max((a.end for a in activities), default=start)
    cadence = ctx.param("check_in_weeks")
    reason = Reason(
        "wi2021.checkins.progress", f"A progress conversation every {cadence} weeks", ()
    )
    out = [CheckIn(day, "progress", reason) for day in every_weeks(start, end, cadence)]
    for activity in activities:
        if "map" in activity.grants:
            out.append(
                CheckIn(
                    activity.end,
                    "map-final",
                    Reason("wi2021.checkins.map_final", "The MAP ends with a final interview", ()),
                )
            )
    started = job_start(activities)
    if started is not None:
        months = ctx.param("job_follow_up_months")
        reason = Reason(
            "wi2021.checkins.job",
            "Keep following people after a job starts: follow-up at "
            + ", ".join(str(m) for m in months)
            + " months",
            ("work.goal",),
        )
        out.extend(CheckIn(add_months(started, m), "job-follow-up", reason) for m in months)
    return out


# -- findings --------------------------------------------------------------------------------
@hookimpl
def padplanner_validate(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    findings: list[Finding] = []
    findings.extend(_deadline(client, plan, ctx))
    findings.extend(_a2_drop(plan, ctx))
    findings.extend(_switch_window(client, plan, ctx))
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
                )
            ]
    return []


def switch_too_late(before: str, after: str, closes: date, on: date) -> bool:
    """True when a route switch from ``before`` to ``after`` on ``on`` falls after the switch
    window, which closed on ``closes``. From the onderwijsroute to the B1-route a person may
    switch at any time."""
    return before != after and (before, after) != ("onderwijs", "b1") and on > closes


def _switch_window(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    months = ctx.param("switch_window_months")
    closes = add_months(client.term_start, months)
    out: list[Finding] = []
    route = client.route
    if (
        route is not None
        and route.previous
        and switch_too_late(route.previous, route.choice, closes, ctx.reference_date)
    ):
        out.append(
            Finding(
                "error",
                "wi2021.route.switch_late",
                f"A route switch from {route.previous} to {route.choice} is only "
                f"possible within {months} months of the term start (until {closes.isoformat()}).",
                ("route", "term_start"),
            )
        )
    if ctx.reference_date <= closes and (closes - ctx.reference_date).days <= 13 * 7:
        out.append(
            Finding(
                "warning",
                "wi2021.route.switch_window_closing",
                f"The window for switching route closes on {closes.isoformat()}; decide now if the "
                f"{plan.route.id} route no longer fits.",
                ("term_start",),
            )
        )
    return out


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
            )
        )
    weeks: dict[int, int] = {}
    for activity in plan.activities:
        for week in range(activity.start_week, activity.start_week + activity.weeks):
            weeks[week] = weeks.get(week, 0) + activity.hours_per_week
    capacity = weekly_capacity(client)
    over = sorted(w for w, load in weeks.items() if load > capacity)
    if over:
        out.append(
            Finding(
                "warning",
                "wi2021.load.overload",
                f"{len(over)} weeks ask more than the {capacity} h a week available "
                f"(from week {over[0]}, at most {max(weeks[w] for w in over)} h), because of a start "
                "pinned by hand.",
                ("weekly_hours", "availability.days"),
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
            )
        ]
    return [
        Finding(
            "warning",
            "wi2021.diploma.missing",
            f"A foreign {client.work.foreign_diploma} diploma aimed at {sector.title.en.lower()} "
            "(a regulated profession) without a diploma evaluation: request an IDW evaluation.",
            ("work.foreign_diploma", "work.diploma_evaluated", "work.goal"),
        )
    ]
