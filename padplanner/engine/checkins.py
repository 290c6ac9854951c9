"""Check-ins stage: every plugin contributes; a municipality's kind replaces the built-in
law's."""

from __future__ import annotations

from collections.abc import Sequence

from padplanner.context import PlanContext
from padplanner.model import Activity, ClientView, PlannedCheckIn
from padplanner.plugins import Rules


def collect(
    rules: Rules, client: ClientView, activities: Sequence[Activity], ctx: PlanContext
) -> list[PlannedCheckIn]:
    by_plugin = rules.collect_by_plugin(
        "padplanner_check_ins", client.id, client=client, activities=activities, ctx=ctx
    )
    local_kinds = {
        c.kind for plugin, batch in by_plugin if not rules.national(plugin) for c in batch
    }
    out = [
        PlannedCheckIn(c.date, c.kind, [c.reason])
        for plugin, batch in by_plugin
        for c in batch
        if not rules.national(plugin) or c.kind not in local_kinds
    ]
    out.sort(key=lambda c: (c.date, c.kind))
    return out
