"""Plan a cohort once, then share its capacities under one or more policies, side by side.

:func:`prepare` plans everyone independently (in parallel) and sizes the capacities;
:func:`run_policy` ranks the cohort under a policy and runs the capacity pass;
:func:`simulate` does both for a list of policies and adds the projection of the individual
plans without any capacity limit (the baseline). Everything is deterministic: the same
people, date, capacities and plugins give the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from padplanner.cohort import fairness, policies
from padplanner.cohort.allocation import AS_PLANNED, Allocation, Placement, allocate
from padplanner.cohort.capacity import Capacities, Overrides, sized_for
from padplanner.cohort.effects import Effects, load_effects
from padplanner.cohort.individual import Skipped, plan_all
from padplanner.cohort.outcomes import Outcomes, outcomes
from padplanner.cohort.outline import Outline
from padplanner.cohort.policies import Policy
from padplanner.cohort.project import Projection, project
from padplanner.engine.planner import Planner
from padplanner.model import Client, ClientView


@attrs.frozen(eq=False)
class Cohort:
    """A planned cohort: everyone's individual plan and the capacities they will share."""

    municipality: str
    reference_date: date
    views: tuple[ClientView, ...]  # of the people planned, in input order
    outlines: tuple[Outline, ...]
    skipped: tuple[Skipped, ...]
    capacities: Capacities
    groups: dict[str, dict[str, str]]  # person → permitted attribute → group (fairness view)
    titles: dict[str, dict[str, str]] = attrs.Factory(dict)  # module → lang → its title


@attrs.frozen(eq=False)
class Run:
    """One policy applied to a cohort."""

    policy: Policy
    allocation: Allocation
    projection: Projection
    fairness: fairness.Fairness
    priority_fields: tuple[str, ...]  # what the priority rule said it read
    outcomes: Outcomes | None = None  # work and welfare, as bands (``outcomes.py``)
    words: dict[str, dict[str, str]] = attrs.Factory(dict)  # lang -> title, description


@attrs.frozen(eq=False)
class Simulation:
    cohort: Cohort
    baseline: Projection
    runs: tuple[Run, ...]
    effects: Effects | None = None  # the assumptions behind the outcomes
    baseline_outcomes: Outcomes | None = None  # the plans as made: nobody mediated


def prepare(
    clients: Sequence[Client],
    municipality: str,
    planner: Planner,
    *,
    at: date | None = None,
    overrides: Overrides = Overrides(),
    workers: int | None = None,
) -> Cohort:
    """Plan ``clients`` under ``municipality``'s rules and size the shared capacities.

    ``at`` is the reference date of every plan (default: each person's term start) and of the
    priority rules (default: the earliest term start).
    """
    clients = [
        c if c.municipality == municipality else attrs.evolve(c, municipality=municipality)
        for c in clients
    ]
    outlines, skipped = plan_all(clients, at, workers=workers, planner=planner)
    reference = at or min((c.term_start for c in clients), default=date.today())
    planned = {o.id for o in outlines}
    views = tuple(c.view(reference) for c in clients if c.id in planned)
    catalog = planner.catalog(municipality)
    by_id = {o.id: o for o in outlines}
    capacities = sized_for(outlines, catalog, overrides)
    return Cohort(
        municipality=municipality,
        reference_date=reference,
        views=views,
        outlines=tuple(outlines),
        skipped=tuple(skipped),
        capacities=capacities,
        groups={v.id: fairness.groups_of(v, by_id[v.id]) for v in views},
        titles={
            m: {"nl": catalog.modules[m].title.nl, "en": catalog.modules[m].title.en}
            for m in capacities.seats
            if m in catalog.modules
        },
    )


def run_policy(
    cohort: Cohort, policy: Policy, planner: Planner, effects: Effects | None = None
) -> Run:
    """Rank the cohort under ``policy`` and share the capacities in that order; with
    ``effects``, also project the work outcomes (``outcomes.py``)."""
    catalog = planner.catalog(cohort.municipality)
    ctx = policies.context(planner, cohort.municipality, cohort.reference_date)
    tickets = policies.tickets(policy, cohort.views, ctx, planner.manager)
    allocation = allocate(cohort.outlines, tickets, cohort.capacities, catalog)
    projection = project(cohort.outlines, allocation.placements, cohort.capacities, catalog)
    fields = sorted({name for t in tickets for name in t.reason.inputs})
    found = None
    if effects is not None:
        found = outcomes(cohort.views, cohort.outlines, allocation.placements, catalog, effects)
    return Run(
        policy=policy,
        allocation=allocation,
        projection=projection,
        fairness=fairness.assess(cohort.groups, cohort.outlines, allocation.placements),
        priority_fields=tuple(fields),
        outcomes=found,
        words=policies.words(policy, catalog),
    )


def baseline(cohort: Cohort, planner: Planner) -> Projection:
    """The individual plans as made: no capacity limits, nobody waits."""
    catalog = planner.catalog(cohort.municipality)
    placements = [
        Placement(
            id=o.id,
            place=0,
            priority=AS_PLANNED,
            intensive=False,
            follow_up_weeks=0,
            starts=tuple(step.start for step in o.steps),
            delay=0,
            waits=(),
            reason=AS_PLANNED,
        )
        for o in cohort.outlines
    ]
    return project(cohort.outlines, placements, cohort.capacities, catalog)


def simulate(
    clients: Sequence[Client],
    municipality: str,
    chosen: Sequence[Policy],
    planner: Planner,
    *,
    at: date | None = None,
    overrides: Overrides = Overrides(),
    workers: int | None = None,
    effects: Effects | None = None,
) -> Simulation:
    """Plan the cohort once and project it under every policy in ``chosen``, with the work
    outcomes from ``effects`` (default: the shipped assumptions, ``load_effects()``)."""
    effects = effects or load_effects()
    cohort = prepare(clients, municipality, planner, at=at, overrides=overrides, workers=workers)
    runs = tuple(run_policy(cohort, policy, planner, effects) for policy in chosen)
    catalog = planner.catalog(municipality)
    return Simulation(
        cohort=cohort,
        baseline=baseline(cohort, planner),
        runs=runs,
        effects=effects,
        baseline_outcomes=outcomes(cohort.views, cohort.outlines, None, catalog, effects),
    )
