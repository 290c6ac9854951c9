"""A plan as plain text for the terminal: route and why, activities, check-ins, findings."""

from __future__ import annotations

from typing import Any

from padplanner.model import Plan

ROUTE_NAMES = {"b1": "B1-route", "onderwijs": "onderwijsroute", "z": "Z-route"}


def render_text(plan: Plan, *, client: Any = None, **_: Any) -> str:
    lines = []
    who = getattr(client, "name", None) or plan.client
    lines.append(
        f"Plan for {who} ({plan.client}, {plan.municipality}, {plan.law}) as of {plan.reference_date}"
    )
    lines.append("")
    lines.append(f"Route: {ROUTE_NAMES.get(plan.route.id, plan.route.id)}")
    lines.extend(f"  why: {r.text}  [{r.rule}]" for r in plan.route.reasons)
    lines.append("Goals: " + ", ".join(g.competency for g in plan.goals))
    lines.append("")
    lines.append(f"{'start':<10}  {'end':<10}  {'weeks':>5}  {'h/w':>3}  {'hours':>9}  activity")
    for a in plan.activities:
        low, high = a.hours_range
        hours = f"{a.hours:,.0f}" if low == high else f"{a.hours:,.0f}~{high:,.0f}"
        lines.append(
            f"{a.start}  {a.end}  {a.weeks:>5}  {a.hours_per_week:>3}  {hours:>9}  {a.title} [{a.id}]"
        )
        for r in a.reasons:
            lines.append(f"{'':>45}why: {r.text} [{r.rule}]")
    lines.append("")
    lines.append(
        f"Completion {plan.completion_date}, deadline {plan.deadline}, slack {plan.slack_weeks} weeks; "
        f"{plan.total_hours:,.0f} h, €{plan.cost_eur:,.0f}"
    )
    if plan.check_ins:
        lines.append("Check-ins: " + ", ".join(f"{c.date} {c.kind}" for c in plan.check_ins))
    if plan.findings:
        lines.append("")
        lines.append("Findings:")
        lines.extend(f"  {f.severity.upper():<7} {f.message} [{f.rule}]" for f in plan.findings)
    return "\n".join(lines) + "\n"
