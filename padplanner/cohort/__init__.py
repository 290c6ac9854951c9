"""Cohort planning and policy simulation: what a municipality's choices do to its intake.

Individual plans are made independently (in parallel processes), then one capacity pass
shares course seats, job coaches and a yearly budget in the order a policy's priority rule
gives (``padplanner_cohort_priority``). Modules: ``individual`` (parallel plans),
``outline`` (the compact plan), ``capacity`` (limits and their defaults), ``allocation`` (the
capacity pass), ``policies`` (named policies and the priority hook), ``project`` (the
figures), ``fairness`` (rates per permitted group), ``intake`` (a synthetic year's intake),
``simulate`` (putting it together), ``report`` (text, JSON ``padplanner.cohort/1`` and HTML),
``people`` (everyone's place and reason in the reader's language) and ``svg`` (its charts).
See ``docs/cohort.md``.
"""

from padplanner.cohort.allocation import Allocation, Placement, Ticket, Wait, allocate
from padplanner.cohort.capacity import Capacities, Overrides, load_capacity, sized_for
from padplanner.cohort.policies import POLICIES, Policy, get_policy
from padplanner.cohort.simulate import Cohort, Run, Simulation, prepare, run_policy, simulate

__all__ = [
    "POLICIES",
    "Allocation",
    "Capacities",
    "Cohort",
    "Overrides",
    "Placement",
    "Policy",
    "Run",
    "Simulation",
    "Ticket",
    "Wait",
    "allocate",
    "get_policy",
    "load_capacity",
    "prepare",
    "run_policy",
    "simulate",
    "sized_for",
]
