"""The plan's activities: each scheduled module with its dates, hours and the reasons for it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from padplanner.engine import said
from padplanner.engine.hours import HoursBook
from padplanner.engine.timeline import week_date
from padplanner.model import Activity, Reason


def planned(
    timed,
    starts: Mapping[str, int],
    path,
    hours: HoursBook,
    done: Mapping[str, float],
    notes: Mapping[str, list[Reason]],
    instead: Mapping[str, Reason],
    pins: Mapping[str, int],
    plan_start: date,
    lang: str,
) -> list[Activity]:
    """The activities of the schedule ``timed`` starting at ``starts`` (plan weeks), with the
    reasons for each: the goals it serves, why it was chosen (``instead``: in place of a
    module of the person's own hours), its hours, the plugins' ``notes``, a pin and the
    hours already ``done``. Sorted by start week, then id."""
    activities = []
    for module_id, item in timed.items():
        start_week = starts[module_id]
        estimate = hours.estimate(item.module)
        hours_done = done.get(module_id, 0.0)
        reasons = [goal.reason for goal in path.serves.get(module_id, ())]
        if module_id in path.choice:
            reasons.append(path.choice[module_id])
        if module_id in instead:
            reasons.append(instead[module_id])
        reasons.append(estimate.reason)
        reasons.extend(notes.get(module_id, ()))
        if module_id in pins:
            reasons.append(
                Reason(
                    "counsellor.pin",
                    f"Start pinned by hand at week {start_week}",
                    (),
                    {"week": start_week},
                )
            )
        if hours_done:
            reasons.append(
                Reason(
                    "padplanner.progress.hours_done",
                    f"{hours_done:g} h already done",
                    ("progress.hours_done",),
                    {"hours": hours_done},
                )
            )
        activities.append(
            Activity(
                id=module_id,
                module=module_id,
                title=item.module.title.get(lang),
                kind=item.module.kind,
                start=week_date(plan_start, start_week),
                end=week_date(plan_start, start_week + item.weeks),
                start_week=start_week,
                weeks=item.weeks,
                hours_per_week=item.hours_per_week,
                hours=round(item.hours, 1),
                hours_range=(
                    max(0.0, round(estimate.low - hours_done, 1)),
                    max(0.0, round(estimate.high - hours_done, 1)),
                ),
                cost_eur=item.module.cost_eur,
                grants=[str(g) for g in item.module.grants],
                depends_on=[d for d in path.depends_on.get(module_id, ()) if d in timed],
                reasons=said.unique(reasons),
                pinned=module_id in pins,
            )
        )
    activities.sort(key=lambda a: (a.start_week, a.id))
    return activities
