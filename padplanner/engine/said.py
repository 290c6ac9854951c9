"""What the engine itself says about a plan, beside the rules: the findings of the path (goals
out of reach, modules left out, hours already done), the milestones, a reason list without
repeats, and the edits and rules planning refuses (a pin on a module not in the plan, an
``after`` rule that would make a cycle)."""

from __future__ import annotations

from datetime import date

from padplanner.errors import Problem
from padplanner.model import Activity, Finding, Milestone, Reason, milestone_id
from padplanner.plugins import Rules


def unique(reasons: list[Reason]) -> list[Reason]:
    seen, out = set(), []
    for reason in reasons:
        key = (reason.rule, reason.text)
        if key not in seen:
            seen.add(key)
            out.append(reason)
    return out


def milestones(wanted, activities: list[Activity], path, plan_start: date) -> list[Milestone]:
    """The date each goal is reached: the end of the activity that brings it (or already had)."""
    ends = {a.id: a.end for a in activities}
    out = []
    for goal in wanted:
        sources = [m for m, served in path.serves.items() if goal in served and m in ends]
        when = max((ends[m] for m in sources), default=plan_start)
        out.append(Milestone(milestone_id(goal.competency), when, [goal.reason]))
    out.sort(key=lambda m: (m.date, m.id))
    return out


def cycles(skipped, owners: dict[int, str], rules: Rules) -> list[Problem]:
    """A plugin's ``after`` rule that would make a cycle with the path (``other`` needs
    ``module`` first, or another ``after`` rule already orders them the other way) cannot be
    met: an error naming the plugin and the rule, for its author to fix."""
    return [
        Problem(
            f"plugin {rules.manager.label(owners.get(id(c), '?'))}",
            f"padplanner_constraints ({c.reason.rule})",
            f"asks {c.module} to start after {c.other}, but {c.other} needs {c.module} first, "
            "so neither could start; change or remove this rule in the plugin (or uninstall "
            "the plugin)",
        )
        for c in skipped
    ]


def stale_pins(client_id: str, pins: dict[str, int], planned) -> list[Problem]:
    """A start pinned on a module the plan does not hold (not needed, left out, or its hours
    already done) cannot be kept: an error naming the pin, rather than a pin dropped."""
    return [
        Problem(
            client_id,
            f"pins.{module_id}",
            f"{module_id} is pinned at week {week}, but it is not in this plan (not needed, "
            "left out, or its hours are done); remove the pin, or add the module first",
        )
        for module_id, week in sorted(pins.items())
        if module_id not in planned
    ]


def _excluded(reason: Reason) -> str:
    """Why a module was left out, for a finding that rule plugins read too: a counsellor's
    own words stay in the decision (and the edits list), not in the finding."""
    return "left out by the counsellor" if reason.rule == "counsellor.remove" else reason.text


def path_findings(path) -> list[Finding]:
    out = []
    for item in path.unreachable:
        why = "; ".join(f"{mid}: {_excluded(reason)}" for mid, reason in item.excluded)
        out.append(
            Finding(
                "error",
                "padplanner.path.unreachable",
                f"No module can bring this person to {item.requirement} (goal from "
                f"{item.goal.reason.rule})" + (f"; left out: {why}" if why else ""),
                ("levels", "weekly_hours"),
                {
                    "target": str(item.requirement),
                    "goal": item.goal.reason.rule,
                    "excluded": tuple(mid for mid, _ in item.excluded),
                }
                if item.excluded
                else {
                    "target": str(item.requirement),
                    "goal": item.goal.reason.rule,
                    "variant": "none_left_out",
                },
            )
        )
    for module_id in path.finished:
        out.append(
            Finding(
                "info",
                "padplanner.progress.finished",
                f"{module_id}: the hours recorded cover the estimate; counted as done",
                ("progress.hours_done",),
                {"module": module_id},
            )
        )
    return out


def instead(own, path, likelier: bool = False) -> dict[str, Reason]:
    """Why a module is in the plan instead of one the person's hours a week would allow:
    per module not in ``own``, the path of the person's own hours, a reason naming the
    modules of ``own`` left out for it: the plan ends earlier with it, or, ``likelier``, it
    ends on time more often."""
    if path is own:
        return {}
    ids = {m.id for m in path.modules}
    fewest = max((m.intensity_range[0] for m in path.modules), default=0)
    left = tuple(m.id for m in own.modules if m.id not in ids and m.intensity_range[0] > fewest)
    if not left:
        return {}
    own_ids = {m.id for m in own.modules}
    if likelier:
        rule, how = "padplanner.path.likelier", "ends on time more often"
    else:
        rule, how = "padplanner.path.earlier", "ends earlier"
    reason = Reason(
        rule,
        f"The plan {how} with this than with {', '.join(left)}, which need more hours a week",
        ("weekly_hours", "availability.days"),
        {"instead": left},
    )
    return {m.id: reason for m in path.modules if m.id not in own_ids}


def likelier(hits: int, earliest: int, draws: int, weeks: int, hours: int) -> Finding:
    """The plan is one of fewer hours a week than the person has, chosen because it ends on
    time in more of the ``draws`` (``hits``) than the plan that ends first (``earliest``),
    which ends ``weeks`` earlier."""
    values = {"hits": hits, "earliest": earliest, "draws": draws, "weeks": weeks, "hours": hours}
    if weeks <= 0:
        values["variant"] = "same"
    return Finding(
        "info",
        "padplanner.plan.likelier",
        f"This plan ends on time more often: in {hits} of {draws} draws, against {earliest} "
        f"for the plan that ends first ({weeks} weeks earlier). It is made for {hours} h a week",
        ("weekly_hours", "availability.days"),
        values,
    )
