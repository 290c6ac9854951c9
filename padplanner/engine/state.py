"""What a person already has: a competency → rank map derived from the intake and progress."""

from __future__ import annotations

from padplanner.catalog import Catalog
from padplanner.model import ClientView, Requirement
from padplanner.model.levels import SKILLS

State = dict[str, int]


def initial_state(client: ClientView, catalog: Catalog) -> State:
    state: State = {name: 0 for name, comp in catalog.competencies.items() if comp.scale}
    for skill in SKILLS:
        state[skill] = int(client.levels.get(skill))
    literacy_levels = catalog.scales["literacy"]
    if client.literacy == "latin":
        state["literacy"] = len(literacy_levels) - 1
    elif client.literacy == "other-script":
        state["literate"] = 1
    if client.work.diploma_evaluated:
        state["diploma-evaluated"] = 1
    for flag in client.progress.completed:
        try:
            requirement = Requirement.parse(flag)
        except ValueError:
            continue
        if requirement.name in catalog.competencies:
            state[requirement.name] = max(state.get(requirement.name, 0), catalog.rank(requirement))
    return state


def has(state: State, requirement: Requirement, catalog: Catalog) -> bool:
    return state.get(requirement.name, 0) >= catalog.rank(requirement)


def apply(state: State, grants, catalog: Catalog) -> None:
    for grant in grants:
        rank = catalog.rank(grant)
        if state.get(grant.name, 0) < rank:
            state[grant.name] = rank
