"""The compact form of one individual plan that the capacity pass works on.

Worker processes plan people one by one and send back an :class:`Outline` instead of the whole
:class:`~padplanner.model.Plan`: the activities as weeks, hours and money, what brings each
skill to A2 and B1, and the person's own weekly hours. That keeps the data crossing process
boundaries small (a few hundred bytes per person).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

import attrs

from padplanner.model import SKILLS, Client, Constraint, Level, Plan, Requirement

TARGETS = ("A2", "B1")
"""Levels whose arrival the projection reports (time to A2 and to B1 in all four skills)."""


class Step(NamedTuple):
    """One activity of an individual plan, in weeks from the plan's first week."""

    module: str
    kind: str
    start: int
    weeks: int
    hours_per_week: int
    hours: float
    cost_eur: float

    @property
    def end(self) -> int:
        return self.start + self.weeks


@attrs.frozen
class Outline:
    """One person's individual plan, as the capacity pass needs it.

    ``reach[level]`` holds, per skill, the indexes of the steps that bring the skill to that
    level (``()`` when the person already has it, ``None`` when the plan never gets there).
    ``capacity`` is the person's own hours per week (the plan never asks for more).
    ``after[i]`` lists ``(step, lag)``: step ``i`` starts at least ``lag`` weeks after that
    step ends (the path's dependencies and the plugins' ``after`` constraints);
    ``along[i]`` names the step that step ``i`` runs alongside (a ``with`` constraint), whose
    delay it shares.
    """

    id: str
    route: str
    term_start: date
    plan_start: date
    deadline: date
    capacity: int
    steps: tuple[Step, ...]
    after: tuple[tuple[tuple[int, int], ...], ...]
    along: tuple[int | None, ...]
    reach: dict[str, tuple[tuple[int, ...] | None, ...]]
    total_hours: float
    feasible: bool
    running: tuple[int, ...] = ()  # steps already under way at the reference date

    @property
    def completion(self) -> int:
        """The first week after the last activity (0 for an empty plan)."""
        return max((step.end for step in self.steps), default=0)

    @property
    def cost_eur(self) -> float:
        return sum(step.cost_eur for step in self.steps)


@functools.lru_cache(maxsize=4096)
def _skill_grant(text: str) -> tuple[str, Level] | None:
    """``("speaking", Level.B1)`` for a grant ``speaking>=B1``; ``None`` for anything else."""
    grant = Requirement.parse(text)
    if grant.name in SKILLS and grant.level:
        return grant.name, Level.parse(grant.level)
    return None


def _reach(client: Client, plan: Plan) -> dict[str, tuple[tuple[int, ...] | None, ...]]:
    granted: list[dict[str, Level]] = []
    for activity in plan.activities:
        levels: dict[str, Level] = {}
        for text in activity.grants:
            found = _skill_grant(text)
            if found is not None and found[1] > levels.get(found[0], Level.A0):
                levels[found[0]] = found[1]
        granted.append(levels)
    out: dict[str, tuple[tuple[int, ...] | None, ...]] = {}
    for name in TARGETS:
        level = Level.parse(name)
        per_skill: list[tuple[int, ...] | None] = []
        for skill in SKILLS:
            if client.levels.get(skill) >= level:
                per_skill.append(())
                continue
            steps = tuple(i for i, g in enumerate(granted) if g.get(skill, Level.A0) >= level)
            per_skill.append(steps or None)
        out[name] = tuple(per_skill)
    return out


def orderings(
    plan: Plan, constraints: Sequence[Constraint] | None
) -> tuple[tuple[tuple[tuple[int, int], ...], ...], tuple[int | None, ...]]:
    """What must stay in order when activities move: ``(after, along)`` per activity.

    ``constraints`` are the plugins' constraints for this plan; ``None`` when they could not be
    read back, and then every gap the plan has between one activity's end and a later one's
    start is kept (strict, but never breaks a rule).
    """
    index = {a.module: i for i, a in enumerate(plan.activities)}
    acts = plan.activities
    after: list[dict[int, int]] = [{} for _ in acts]
    along: list[int | None] = [None] * len(acts)
    if constraints is None:
        for i, a in enumerate(acts):
            for b, other in enumerate(acts):
                if other.end_week <= a.start_week:
                    after[i][b] = a.start_week - other.end_week
    else:
        for i, a in enumerate(acts):
            for dep in a.depends_on:
                if dep in index:
                    after[i][index[dep]] = 0
        for c in constraints:
            i, b = index.get(c.module), index.get(c.other or "")
            if i is None or b is None or i == b:
                continue
            if c.kind == "after":
                after[i][b] = max(after[i].get(b, 0), max(0, c.weeks))
            elif c.kind == "with":
                along[i] = b
    return tuple(tuple(sorted(d.items())) for d in after), tuple(along)


def outline(
    client: Client, plan: Plan, capacity: int, constraints: Sequence[Constraint] | None = None
) -> Outline:
    """The outline of ``plan``, made for ``client`` with ``capacity`` hours a week.

    A plan never asks more than ``capacity`` in a week unless a start was pinned by hand; the
    outline then keeps the plan's own peak as the person's limit, so shifting never makes it
    worse.
    """
    steps = tuple(
        Step(
            a.module,
            a.kind,
            a.start_week,
            a.weeks,
            a.hours_per_week,
            float(a.hours),
            float(a.cost_eur),
        )
        for a in plan.activities
    )
    plan_start = max(plan.reference_date, client.term_start)
    if plan.activities:  # week 0 of the plan: the first activity's start minus its week
        first = plan.activities[0]
        plan_start = first.start - timedelta(weeks=first.start_week)
    changes = sorted(
        [(step.start, step.hours_per_week) for step in steps]
        + [(step.end, -step.hours_per_week) for step in steps]
    )
    peak = load = 0
    for _, change in changes:  # at equal weeks the ends (negative) come first
        load += change
        peak = max(peak, load)
    after, along = orderings(plan, constraints)
    return Outline(
        id=client.id,
        route=plan.route.id,
        term_start=client.term_start,
        plan_start=plan_start,
        deadline=plan.deadline,
        capacity=max(capacity, peak),
        steps=steps,
        after=after,
        along=along,
        reach=_reach(client, plan),
        total_hours=float(plan.total_hours),
        feasible=plan.feasible,
        running=tuple(
            i
            for i, a in enumerate(plan.activities)
            if a.start_week == 0 and client.progress.hours_done.get(a.module, 0) > 0
        ),
    )
