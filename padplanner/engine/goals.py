"""Goals stage: every plugin contributes; for one leveled competency the highest level counts."""

from __future__ import annotations

from padplanner.context import PlanContext
from padplanner.model import ClientView, Goal, Requirement
from padplanner.plugins import Rules


def collect(rules: Rules, client: ClientView, route: str, ctx: PlanContext) -> list[Goal]:
    merged: dict[str, tuple[Requirement, Goal]] = {}
    for batch in rules.collect("padplanner_goals", client.id, client=client, route=route, ctx=ctx):
        for goal in batch:
            requirement = Requirement.parse(goal.competency)
            current = merged.get(requirement.name)
            if current is None or ctx.catalog.rank(requirement) > ctx.catalog.rank(current[0]):
                merged[requirement.name] = (requirement, goal)
    return [goal for _, goal in merged.values()]
