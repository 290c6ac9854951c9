"""Conversations: progress at the national cadence, the MAP's final interview, and follow-up
after a job starts."""

from __future__ import annotations

from collections.abc import Sequence

from padplanner.plugin import (
    Activity,
    CheckIn,
    ClientView,
    PlanContext,
    Reason,
    add_months,
    every_weeks,
    hookimpl,
    job_start,
)


@hookimpl
def padplanner_check_ins(
    client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[CheckIn]:
    start = min((a.start for a in activities), default=ctx.plan_start)
    end = max((a.end for a in activities), default=start)
    cadence = ctx.param("check_in_weeks")
    reason = Reason(
        "wi2021.checkins.progress",
        f"A progress conversation every {cadence} weeks",
        (),
        {"weeks": cadence},
    )
    out = [CheckIn(day, "progress", reason) for day in every_weeks(start, end, cadence)]
    final = Reason("wi2021.checkins.map_final", "The MAP ends with a final interview", ())
    out += [CheckIn(a.end, "map-final", final) for a in activities if "map" in a.grants]
    started = job_start(activities)
    if started is not None:
        months = ctx.param("job_follow_up_months")
        reason = Reason(
            "wi2021.checkins.job",
            "Keep following people after a job starts: follow-up at "
            + ", ".join(str(m) for m in months)
            + " months",
            ("work.goal",),
            {"months": months},
        )
        out.extend(CheckIn(add_months(started, m), "job-follow-up", reason) for m in months)
    return out
