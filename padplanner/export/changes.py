"""What changed between two plans, in lines for people (``padplanner history``), in a language.

The lines follow :meth:`padplanner.model.diff.PlanDiff.lines` (facts, activities removed, added
and changed, in the order of their ids, then findings gone and new) but say them in the
reader's language: dates, hours, weeks and money as the language writes them, routes by name,
activities by their module's title, findings in their rules' sentences. ``PlanDiff.lines()`` stays as it is for the JSON, which is the same in every
language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from padplanner.export.words import ROUTES
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.model import Activity, Finding
from padplanner.model.diff import PlanDiff

FACTS = {
    "municipality": N_("cli.diff.municipality"),
    "route": N_("cli.diff.route"),
    "reference_date": N_("cli.diff.reference_date"),
    "completion_date": N_("cli.diff.completion_date"),
    "deadline": N_("cli.diff.deadline"),
    "slack_weeks": N_("cli.diff.slack_weeks"),
    "total_hours": N_("cli.diff.total_hours"),
    "cost_eur": N_("cli.diff.cost_eur"),
}


def change_lines(
    diff: PlanDiff,
    t: Texts,
    say: Callable[[Finding], str] | None = None,
    name: Callable[[Activity], str] | None = None,
) -> list[str]:
    """The differences of ``diff`` in ``t``'s language; ``say(finding)`` words a finding
    (default: its message as recorded), ``name(activity)`` names an activity (default: its
    id)."""
    say = say or (lambda finding: finding.message)
    name = name or (lambda activity: activity.id)
    out = [
        t(FACTS[name], old=_fact(t, name, old), new=_fact(t, name, new))
        if name in FACTS
        else f"{name}: {old} → {new}"
        for name, (old, new) in diff.facts.items()
    ]
    by_id = sorted(diff.activities, key=lambda d: d.id)
    for item in by_id:
        if item.new is None:
            a = item.old
            out.append(
                t(
                    "cli.diff.removed",
                    activity=name(a),
                    start=t.date(a.start),
                    hours=_hours(t, a.hours),
                )
            )
    for item in by_id:
        if item.old is None:
            a = item.new
            out.append(
                t(
                    "cli.diff.added",
                    activity=name(a),
                    start=t.date(a.start),
                    end=t.date(a.end),
                    hours=_hours(t, a.hours),
                )
            )
    for item in by_id:
        words = [_timing(t, f, item.old, item.new) for f in item.changed()]
        words = [w for w in words if w]
        if words:
            out.append(t("cli.diff.changed", activity=name(item.new), changes=", ".join(words)))
    for finding in _unique(diff.findings_gone):
        out.append(t("cli.diff.finding_gone", rule=finding.rule, message=say(finding)))
    for finding in _unique(diff.findings_new):
        out.append(t("cli.diff.finding_new", rule=finding.rule, message=say(finding)))
    return out


def _unique(findings: tuple[Finding, ...]) -> list[Finding]:
    """One finding per (rule, message), sorted so, as ``PlanDiff.lines`` lists them."""
    seen: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.rule, finding.message), finding)
    return [seen[key] for key in sorted(seen)]


def _hours(t: Texts, value: float) -> str:
    return t.hours(round(value, 1))


def _fact(t: Texts, name: str, value: Any) -> str:
    if isinstance(value, date):
        return t.date(value)
    if name == "route":
        return t.get(ROUTES.get(value), str(value))
    if name == "slack_weeks":
        return t.weeks(value)
    if name == "total_hours":
        return _hours(t, value)
    if name == "cost_eur":
        return t.money(value)
    return str(value)


def _timing(t: Texts, field: str, old: Activity, new: Activity) -> str:
    a, b = getattr(old, field), getattr(new, field)
    if field == "start":
        return t("cli.diff.start", old=t.date(a), new=t.date(b))
    if field == "end":
        return t("cli.diff.end", old=t.date(a), new=t.date(b))
    if field == "hours":
        return t("cli.diff.hours", old=t.decimal(a), new=t.decimal(b))
    if field == "hours_per_week":
        return t("cli.diff.hours_per_week", old=t.decimal(a), new=t.decimal(b))
    return ""  # start and end weeks follow from the dates shown
