"""What changed between two plan revisions, in plain lines (for ``padplanner history``)."""

from __future__ import annotations

from padplanner.model import Plan


def diff_plans(old: Plan, new: Plan) -> list[str]:
    """Route, dates, totals, activities and findings that differ; empty when equal."""
    out: list[str] = []
    if old.municipality != new.municipality:
        out.append(f"municipality: {old.municipality} -> {new.municipality}")
    if old.route.id != new.route.id:
        out.append(f"route: {old.route.id} -> {new.route.id}")
    for label, a, b in (
        ("reference date", old.reference_date, new.reference_date),
        ("completion", old.completion_date, new.completion_date),
        ("deadline", old.deadline, new.deadline),
    ):
        if a != b:
            out.append(f"{label}: {a.isoformat()} -> {b.isoformat()}")
    if old.slack_weeks != new.slack_weeks:
        out.append(f"slack: {old.slack_weeks} -> {new.slack_weeks} weeks")
    if old.total_hours != new.total_hours:
        out.append(f"total hours: {old.total_hours:g} -> {new.total_hours:g}")
    if old.cost_eur != new.cost_eur:
        out.append(f"cost: EUR {old.cost_eur:,.0f} -> EUR {new.cost_eur:,.0f}")
    before = {a.id: a for a in old.activities}
    after = {a.id: a for a in new.activities}
    for key in sorted(before.keys() - after.keys()):
        out.append(f"- {key} (was {before[key].start.isoformat()}, {before[key].hours:g} h)")
    for key in sorted(after.keys() - before.keys()):
        a = after[key]
        out.append(f"+ {key} from {a.start.isoformat()} to {a.end.isoformat()}, {a.hours:g} h")
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        changes = []
        if a.start != b.start:
            changes.append(f"start {a.start.isoformat()} -> {b.start.isoformat()}")
        if a.end != b.end:
            changes.append(f"end {a.end.isoformat()} -> {b.end.isoformat()}")
        if a.hours != b.hours:
            changes.append(f"hours {a.hours:g} -> {b.hours:g}")
        if a.hours_per_week != b.hours_per_week:
            changes.append(f"{a.hours_per_week} -> {b.hours_per_week} h/week")
        if changes:
            out.append(f"~ {key}: " + ", ".join(changes))
    old_findings = {(f.rule, f.message) for f in old.findings}
    new_findings = {(f.rule, f.message) for f in new.findings}
    for rule, message in sorted(old_findings - new_findings):
        out.append(f"- finding {rule}: {message}")
    for rule, message in sorted(new_findings - old_findings):
        out.append(f"+ finding {rule}: {message}")
    return out
