"""What differs between two plans, as data: one diff for every caller.

``diff_plans(old, new)`` pairs the two plans' parts and keeps what differs: the scalar facts
(municipality, route, dates, slack, hours, cost), the goals (paired by competency name), the
activities (paired by id; added, removed, or with another timing), the check-ins (per kind,
when their dates differ) and the findings (new and gone). Callers choose what to show and how
to word it: ``padplanner history`` prints :meth:`PlanDiff.lines`, the TUI shows its own texts,
``padplanner compare`` explains each difference with the rules behind it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from padplanner.model.levels import Requirement
from padplanner.model.plan import Activity, Plan, PlannedCheckIn
from padplanner.model.reasons import Finding
from padplanner.model.rules import Goal

# the facts compared one to one, in the order they are reported
FACTS: tuple[str, ...] = (
    "municipality",
    "route",
    "reference_date",
    "completion_date",
    "deadline",
    "slack_weeks",
    "total_hours",
    "cost_eur",
)
# what places an activity in time; a difference in any of these makes it "changed"
TIMING: tuple[str, ...] = ("start", "end", "start_week", "weeks", "hours", "hours_per_week")


@attrs.frozen
class ActivityDiff:
    """One activity in either plan: ``old`` is None when added, ``new`` when removed."""

    id: str
    old: Activity | None
    new: Activity | None

    @property
    def added(self) -> bool:
        return self.old is None

    @property
    def removed(self) -> bool:
        return self.new is None

    def changed(self) -> tuple[str, ...]:
        """The timing fields that differ (empty for an added or removed activity)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(f for f in TIMING if getattr(self.old, f) != getattr(self.new, f))


@attrs.frozen
class GoalDiff:
    """A goal of the same competency name (``speaking``) reached at another level, or only
    in one plan."""

    name: str
    old: Goal | None
    new: Goal | None


@attrs.frozen
class CheckInDiff:
    kind: str
    old: tuple[PlannedCheckIn, ...]
    new: tuple[PlannedCheckIn, ...]


@attrs.frozen
class PlanDiff:
    old: Plan
    new: Plan
    facts: dict[str, tuple[Any, Any]]  # name -> (old, new), only those that differ
    goals: tuple[GoalDiff, ...]
    activities: tuple[ActivityDiff, ...]
    check_ins: tuple[CheckInDiff, ...]
    findings_gone: tuple[Finding, ...]
    findings_new: tuple[Finding, ...]

    def __bool__(self) -> bool:
        return bool(
            self.facts
            or self.goals
            or self.activities
            or self.check_ins
            or self.findings_gone
            or self.findings_new
        )

    def lines(self) -> list[str]:
        """The differences in plain lines (``padplanner history``): facts, activities removed,
        added and changed (each sorted by id), findings gone and new."""
        out = [_fact_line(name, *pair) for name, pair in self.facts.items()]
        by_id = sorted(self.activities, key=lambda d: d.id)
        for item in by_id:
            if item.new is None:
                a = item.old
                out.append(f"- {item.id} (was {a.start.isoformat()}, {a.hours:g} h)")
        for item in by_id:
            if item.old is None:
                a = item.new
                out.append(
                    f"+ {item.id} from {a.start.isoformat()} to {a.end.isoformat()}, {a.hours:g} h"
                )
        for item in by_id:
            words = [_timing_words(f, item.old, item.new) for f in item.changed()]
            words = [w for w in words if w]
            if words:
                out.append(f"~ {item.id}: " + ", ".join(words))
        for rule, message in sorted({(f.rule, f.message) for f in self.findings_gone}):
            out.append(f"- finding {rule}: {message}")
        for rule, message in sorted({(f.rule, f.message) for f in self.findings_new}):
            out.append(f"+ finding {rule}: {message}")
        return out


def _fact_line(name: str, old: Any, new: Any) -> str:
    if isinstance(old, date):
        label = {"reference_date": "reference date", "completion_date": "completion"}
        return f"{label.get(name, name)}: {old.isoformat()} -> {new.isoformat()}"
    if name == "slack_weeks":
        return f"slack: {old} -> {new} weeks"
    if name == "total_hours":
        return f"total hours: {old:g} -> {new:g}"
    if name == "cost_eur":
        return f"cost: EUR {old:,.0f} -> EUR {new:,.0f}"
    return f"{name}: {old} -> {new}"


def _timing_words(field: str, old: Activity, new: Activity) -> str:
    a, b = getattr(old, field), getattr(new, field)
    if field in ("start", "end"):
        return f"{field} {a.isoformat()} -> {b.isoformat()}"
    if field == "hours":
        return f"hours {a:g} -> {b:g}"
    if field == "hours_per_week":
        return f"{a} -> {b} h/week"
    return ""  # start and end weeks follow from the dates shown


def _fact(plan: Plan, name: str) -> Any:
    return plan.route.id if name == "route" else getattr(plan, name)


def _goal_name(goal: Goal) -> str:
    return Requirement.parse(goal.competency).name


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Everything that differs from ``old`` to ``new`` (falsy when nothing does)."""
    facts = {
        name: (_fact(old, name), _fact(new, name))
        for name in FACTS
        if _fact(old, name) != _fact(new, name)
    }
    old_goals = {_goal_name(g): g for g in old.goals}
    new_goals = {_goal_name(g): g for g in new.goals}
    goals = tuple(
        GoalDiff(name, old_goals.get(name), new_goals.get(name))
        for name in sorted(old_goals.keys() | new_goals.keys())
        if getattr(old_goals.get(name), "competency", None)
        != getattr(new_goals.get(name), "competency", None)
    )
    before = {a.id: a for a in old.activities}
    after = {a.id: a for a in new.activities}
    activities = [
        ActivityDiff(a.id, before.get(a.id), a)
        for a in new.activities
        if a.id not in before or ActivityDiff(a.id, before[a.id], a).changed()
    ]
    activities += [ActivityDiff(a.id, a, None) for a in old.activities if a.id not in after]
    check_ins = tuple(
        CheckInDiff(kind, a, b)
        for kind in sorted({c.kind for c in (*old.check_ins, *new.check_ins)})
        for a, b in [(_of_kind(old, kind), _of_kind(new, kind))]
        if [c.date for c in a] != [c.date for c in b]
    )
    old_keys = {(f.rule, f.message) for f in old.findings}
    new_keys = {(f.rule, f.message) for f in new.findings}
    return PlanDiff(
        old=old,
        new=new,
        facts=facts,
        goals=goals,
        activities=tuple(activities),
        check_ins=check_ins,
        findings_gone=tuple(f for f in old.findings if (f.rule, f.message) not in new_keys),
        findings_new=tuple(f for f in new.findings if (f.rule, f.message) not in old_keys),
    )


def _of_kind(plan: Plan, kind: str) -> tuple[PlannedCheckIn, ...]:
    return tuple(c for c in plan.check_ins if c.kind == kind)
