"""The Wet inburgering 2021, as a plugin like any municipality's.

Every rule here has a stable id (``wi2021.*``), reads its numbers from dated catalogue
parameters (``curricula/wi2021/parameters.toml``) and explains itself with the inputs it used
and the values its sentence is made from; the sentences themselves, in Dutch and English, are
declared with the rule in ``curricula/wi2021/rules.toml``. It answers the "who decides" hooks
last (``trylast``), so a municipality may decide first. One module per stage: ``term``
(which law, the term, the route switch window), ``route``, ``goals``, ``hours``, ``checkins``,
``findings``, ``agenda`` (what the counsellor decides between plans), ``cohort``.
"""

from __future__ import annotations

from pathlib import Path

from padplanner import __version__
from padplanner.law.wi2021.agenda import padplanner_a2_decision, padplanner_switch_question
from padplanner.law.wi2021.checkins import padplanner_check_ins
from padplanner.law.wi2021.cohort import padplanner_cohort_priority
from padplanner.law.wi2021.findings import padplanner_validate
from padplanner.law.wi2021.goals import padplanner_goals, padplanner_module_filter
from padplanner.law.wi2021.hours import padplanner_module_hours
from padplanner.law.wi2021.route import padplanner_route
from padplanner.law.wi2021.term import (
    padplanner_law,
    padplanner_route_switch,
    padplanner_term,
)
from padplanner.plugin import PluginInfo, hookimpl

_CASES = Path(__file__).resolve().parents[3] / "tests" / "rules"  # in a source checkout

__all__ = [
    "padplanner_a2_decision",
    "padplanner_check_ins",
    "padplanner_cohort_priority",
    "padplanner_goals",
    "padplanner_law",
    "padplanner_module_filter",
    "padplanner_module_hours",
    "padplanner_plugin_info",
    "padplanner_route",
    "padplanner_route_switch",
    "padplanner_switch_question",
    "padplanner_term",
    "padplanner_validate",
]


@hookimpl
def padplanner_plugin_info() -> PluginInfo:
    return PluginInfo(
        "wi2021",
        __version__,
        municipalities=(),
        laws=("wi2021",),
        owner="padplanner (national law, Wet inburgering 2021)",
        description="Routes, goals, hours, check-ins and findings of the Wet inburgering 2021",
        rule_cases=str(_CASES) if _CASES.is_dir() else "",
    )
