"""A plan as Markdown (a short technical summary; the full PIP document is in documents)."""

from __future__ import annotations

from typing import Any

from padplanner.export.text import ROUTE_NAMES
from padplanner.model import Plan


def render_markdown(plan: Plan, *, client: Any = None, **_: Any) -> str:
    who = getattr(client, "name", None) or plan.client
    out = [f"# Plan for {who}", ""]
    out.append(f"- Client: `{plan.client}`, municipality {plan.municipality}, law {plan.law}")
    out.append(
        f"- Reference date: {plan.reference_date}; completion {plan.completion_date}; deadline {plan.deadline} (slack {plan.slack_weeks} weeks)"
    )
    out.append(f"- Total: {plan.total_hours:,.0f} h, €{plan.cost_eur:,.0f}")
    out += ["", f"## Route: {ROUTE_NAMES.get(plan.route.id, plan.route.id)}", ""]
    out += [f"- {r.text} (`{r.rule}`)" for r in plan.route.reasons]
    out += [
        "",
        "## Activities",
        "",
        "| start | end | weeks | h/week | hours | activity | why |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in plan.activities:
        why = "; ".join(f"{r.text} (`{r.rule}`)" for r in a.reasons).replace("|", "\\|")
        out.append(
            f"| {a.start} | {a.end} | {a.weeks} | {a.hours_per_week} | {a.hours:,.0f} ({a.hours_range[0]:,.0f}–{a.hours_range[1]:,.0f}) | {a.title} | {why} |"
        )
    if plan.check_ins:
        out += ["", "## Check-ins", ""]
        out += [f"- {c.date}: {c.kind}" for c in plan.check_ins]
    out += ["", "## Findings", ""]
    out += [f"- **{f.severity}** {f.message} (`{f.rule}`)" for f in plan.findings] or ["- none"]
    return "\n".join(out) + "\n"
