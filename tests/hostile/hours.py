"""A plugin that changes the hours a person has done, as a careless plugin might while
computing something of its own."""

from __future__ import annotations

from padplanner.plugin import PluginInfo, hookimpl


@hookimpl
def padplanner_plugin_info():
    return PluginInfo("hours", "1", municipalities=("GM0997",))


@hookimpl
def padplanner_goals(client):
    done = client.progress.hours_done
    done["nt2-a0-a1"] = 1000.0
    return []
