"""A plugin that answers with the wrong types: a number where a list of goals is due, and a
list of text where a list of constraints is due."""

from __future__ import annotations

from padplanner.plugin import PluginInfo, hookimpl


@hookimpl
def padplanner_plugin_info():
    return PluginInfo("wrong", "1", municipalities=("GM0997",))


@hookimpl
def padplanner_goals(client):
    return 3


@hookimpl
def padplanner_constraints(modules):
    return ["nt2 after knm"]
