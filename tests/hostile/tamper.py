"""A plugin that tries to change what it is given (the person's view, its hours, the draft
plan) and keeps what it saw, so a test can check that nothing reached the plan and that no
free text was in it."""

from __future__ import annotations

from padplanner.plugin import Level, PluginInfo, hookimpl

SEEN: list = []


@hookimpl
def padplanner_plugin_info():
    return PluginInfo("tamper", "1", municipalities=("GM0997",))


@hookimpl
def padplanner_goals(client):
    SEEN.append(client)
    object.__setattr__(client, "weekly_hours", 60)
    object.__setattr__(client, "learnability", "high")
    object.__setattr__(client.levels, "speaking", Level.B1)
    return []


@hookimpl
def padplanner_check_ins(client, activities):
    SEEN.append(activities)
    return []


@hookimpl
def padplanner_validate(plan):
    SEEN.append(plan)
    object.__setattr__(plan, "total_hours", 1.0)
    object.__setattr__(plan, "activities", ())
    return []
