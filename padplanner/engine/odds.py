"""The chance to finish on time of a planned schedule: its activities as the draws see them
(:mod:`padplanner.engine.chance` draws and reschedules them)."""

from __future__ import annotations

from collections.abc import Mapping

from padplanner.engine import chance
from padplanner.engine.hours import HoursBook
from padplanner.engine.order import Step
from padplanner.model import OnTime


def steps(
    timed, starts: Mapping[str, int], hours: HoursBook, done: Mapping[str, float]
) -> list[Step]:
    """The activities of the schedule ``timed`` starting at ``starts`` as the draws see
    them: their hours a week and weeks, their ranges of hours and the hours already done."""
    out = []
    for module_id, item in timed.items():
        estimate = hours.estimate(item.module)
        task = item.task
        out.append(
            Step(
                id=module_id,
                per_week=item.hours_per_week,
                start=starts.get(module_id, 0),
                weeks=item.weeks,
                min_weeks=item.module.min_weeks,
                low=estimate.low,
                mode=estimate.hours,
                high=estimate.high,
                done=done.get(module_id, 0.0),
                shared=item.module.scaling != "fixed",
                after=task.predecessors,
                release=task.release,
                every=task.every,
                pin=task.pin,
            )
        )
    return out


def chance_of(
    timed,
    starts: Mapping[str, int],
    path,
    wanted,
    hours: HoursBook,
    done: Mapping[str, float],
    deadline_week: int,
    capacity: int,
    draws: int,
) -> OnTime:
    """The chance to finish on time, from ``draws`` draws of the hours of the schedule
    ``timed`` starting at ``starts``, kept within the ``capacity`` hours a week it was made
    for; ``done`` the hours already recorded, ``deadline_week`` counted from the plan's
    start."""
    goals: dict[str, list[str]] = {goal.competency: [] for goal in wanted}
    for module_id, served in path.serves.items():
        for goal in served:
            goals.setdefault(goal.competency, []).append(module_id)
    unreachable = {item.goal.competency for item in path.unreachable}
    return chance.on_time(
        steps(timed, starts, hours, done),
        capacity,
        deadline_week,
        goals,
        draws=draws,
        unreachable=unreachable,
    )


def share_of(
    chosen, hours: HoursBook, done: Mapping[str, float], deadline_week: int, draws: int
) -> float:
    """The chance alone (no goals, no drivers) of the schedule ``chosen`` (a
    :class:`~padplanner.engine.fewer.Chosen`) within the hours a week it was made for: what
    a choice between schedules compares."""
    return chance.share(
        steps(chosen.timed, chosen.result.start, hours, done),
        chosen.capacity,
        deadline_week,
        draws=draws,
    )
