"""The public plugin API: everything a municipality's rule plugin imports.

::

    from padplanner.plugin import hookimpl, PluginInfo, Reason, Goal, Finding

Keep imports in plugins to this module; the rest of padplanner may change between versions.
"""

from padplanner.context import PlanContext
from padplanner.dates import add_months, every_weeks
from padplanner.hooks import hookimpl
from padplanner.model import (
    HOURS_PER_DAY,
    SKILLS,
    Activity,
    CheckIn,
    ClientView,
    CohortPolicy,
    Constraint,
    Finding,
    Goal,
    HoursEstimate,
    Law,
    Level,
    Module,
    Plan,
    PluginInfo,
    Priority,
    Reason,
    Requirement,
    RouteAdvice,
    Term,
    weekly_capacity,
)
from padplanner.model.plan import job_start
from padplanner.model.profiles import hours_profile, reference_factor

__all__ = [
    "HOURS_PER_DAY",
    "SKILLS",
    "Activity",
    "CheckIn",
    "ClientView",
    "CohortPolicy",
    "Constraint",
    "Finding",
    "Goal",
    "HoursEstimate",
    "Law",
    "Level",
    "Module",
    "Plan",
    "PlanContext",
    "PluginInfo",
    "Priority",
    "Reason",
    "Requirement",
    "RouteAdvice",
    "Term",
    "add_months",
    "every_weeks",
    "hookimpl",
    "hours_profile",
    "job_start",
    "reference_factor",
    "weekly_capacity",
]
