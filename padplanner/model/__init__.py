"""The domain model: small frozen attrs classes, no behaviour beyond local invariants."""

from padplanner.model.client import HOURS_PER_DAY, Client, ClientView, weekly_capacity
from padplanner.model.levels import SKILLS, Level, Requirement
from padplanner.model.module import Module, Parameter, Sector
from padplanner.model.plan import (
    Activity,
    Driver,
    GoalChance,
    Milestone,
    OnTime,
    Plan,
    PlannedCheckIn,
    RoutePick,
    milestone_id,
)
from padplanner.model.reasons import Finding, Reason
from padplanner.model.rules import (
    CheckIn,
    CohortPolicy,
    Constraint,
    Goal,
    HoursEstimate,
    Law,
    PluginInfo,
    Priority,
    RouteAdvice,
    Term,
)

__all__ = [
    "HOURS_PER_DAY",
    "SKILLS",
    "Activity",
    "CheckIn",
    "Client",
    "ClientView",
    "CohortPolicy",
    "Constraint",
    "Driver",
    "Finding",
    "Goal",
    "GoalChance",
    "HoursEstimate",
    "Law",
    "Level",
    "Milestone",
    "Module",
    "OnTime",
    "Parameter",
    "Plan",
    "PlannedCheckIn",
    "PluginInfo",
    "Priority",
    "Reason",
    "Requirement",
    "RouteAdvice",
    "RoutePick",
    "Sector",
    "Term",
    "milestone_id",
    "weekly_capacity",
]
