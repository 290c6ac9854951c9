"""Path stage: which modules, by backward chaining from the goals to what the person has.

For each unmet goal the search picks, among the modules that can bring the person up to it,
the one with the lowest estimated hours for this person (its own hours plus what its
requirements still cost), divided by how many needed competencies it covers at once. Ties are
broken by module id, so the same input always gives the same path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from padplanner.catalog import Catalog
from padplanner.engine.hours import HoursBook
from padplanner.engine.state import State, apply, has
from padplanner.model import Goal, Module, Reason, Requirement

Filter = Callable[[Module], Reason | None]


@attrs.frozen
class Unreachable:
    goal: Goal
    requirement: Requirement
    excluded: tuple[tuple[str, Reason], ...]


@attrs.frozen
class PathResult:
    modules: tuple[Module, ...]  # in the order chosen: requirements before the modules needing them
    depends_on: dict[str, tuple[str, ...]]
    serves: dict[str, tuple[Goal, ...]]
    choice: dict[str, Reason]
    finished: tuple[str, ...]  # chosen, but the progress record already covers the hours
    excluded: dict[str, Reason]
    unreachable: tuple[Unreachable, ...]
    state: State
    # per module chosen for a requirement: that requirement (the planner asks which modules
    # could replace it when it needs more hours a week than a path of fewer hours allows)
    targets: dict[str, Requirement] = attrs.field(factory=dict)


class _Search:
    def __init__(self, catalog: Catalog, state: State, hours: HoursBook, allowed: Filter):
        self.catalog, self.state, self.hours, self.allowed = catalog, dict(state), hours, allowed
        self.initial = dict(state)
        self.chosen: dict[str, Module] = {}
        self.serves: dict[str, list[Goal]] = {}
        self.choice: dict[str, Reason] = {}
        self.depends: dict[str, list[str]] = {}
        self.excluded: dict[str, Reason] = {}
        self.achieved: dict[str, list[tuple[int, str]]] = {}  # competency -> (rank, module id)
        self._usable: dict[str, bool] = {}
        self._memo: dict[Requirement, float] = {}
        self.unreachable: list[Unreachable] = []
        self.targets: dict[str, Requirement] = {}

    # -- helpers ----------------------------------------------------------------------------
    def usable(self, module: Module) -> bool:
        known = self._usable.get(module.id)
        if known is None:
            reason = self.allowed(module)
            if reason is not None:
                self.excluded[module.id] = reason
            known = self._usable[module.id] = reason is None
        return known

    def producers(self, requirement: Requirement) -> list[Module]:
        return [
            m
            for m in self.catalog.producers(requirement)
            if m.id not in self.chosen and self.usable(m)
        ]

    def has(self, requirement: Requirement) -> bool:
        return has(self.state, requirement, self.catalog)

    def cost(self, requirement: Requirement, depth: int = 0) -> float:
        """Estimated hours to reach ``requirement`` from the current state (not committed)."""
        if self.has(requirement):
            return 0.0
        if requirement in self._memo:
            return self._memo[requirement]
        if depth > 32:
            return float("inf")
        best = min(
            (self.cost_via(m, depth + 1) for m in self.producers(requirement)), default=float("inf")
        )
        self._memo[requirement] = best
        return best

    def cost_via(self, module: Module, depth: int = 0) -> float:
        total = self.hours.remaining(module)
        for requirement in module.requires:
            total += self.cost(requirement, depth)
        if module.requires_any and not any(self.has(r) for r in module.requires_any):
            total += min(self.cost(r, depth) for r in module.requires_any)
        return total

    def cover(self, module: Module, need: Iterable[Requirement]) -> int:
        granted = {g.name: self.catalog.rank(g) for g in module.grants}
        return max(
            1,
            sum(
                1
                for r in need
                if r.name in granted and granted[r.name] >= self.catalog.rank(r) and not self.has(r)
            ),
        )

    def achiever(self, requirement: Requirement) -> str | None:
        rank = self.catalog.rank(requirement)
        if self.initial.get(requirement.name, 0) >= rank:
            return None  # the person already had it
        for got, module_id in self.achieved.get(requirement.name, ()):
            if got >= rank:
                return module_id
        return None

    # -- the search ---------------------------------------------------------------------------
    def satisfy(self, requirement: Requirement, goal: Goal, need: list[Requirement]) -> bool:
        if self.has(requirement):
            source = self.achiever(requirement)
            if source is not None:
                self._serve(source, goal)
            return True
        options = self.producers(requirement)
        if not options:
            return False
        scored = sorted(
            ((self.cost_via(m) / self.cover(m, need), m.id, m) for m in options),
            key=lambda item: (item[0], item[1]),
        )
        score, _, module = scored[0]
        if score == float("inf"):
            return False
        others = [(s, m.id) for s, _, m in scored[1:4] if s != float("inf")]
        alternatives = ", ".join(f"{m} ~{s:,.0f} h" for s, m in others)
        text = f"The shortest way to {requirement} for this person (~{score:,.0f} h per competency covered)"
        values = {"target": str(requirement), "hours": round(score)}
        if others:
            values["alternatives"] = tuple(m for _, m in others)
        else:
            values["variant"] = "alone"
        self.targets[module.id] = requirement
        self.choice[module.id] = Reason(
            "padplanner.path.choice",
            text + (f"; alternatives: {alternatives}" if alternatives else ""),
            ("levels", "literacy", "education", "learnability"),
            values,
        )
        return self.add(module, goal, need)

    def add(self, module: Module, goal: Goal, need: list[Requirement]) -> bool:
        inner = [r for r in module.requires if not self.has(r)]
        for r in module.requires:
            if not self.satisfy(r, goal, inner + need):
                return False
        needed_any = [r for r in module.requires_any if self.has(r)]
        if module.requires_any and not needed_any:
            pick = min(module.requires_any, key=lambda r: (self.cost(r), str(r)))
            if not self.satisfy(pick, goal, [pick, *need]):
                return False
            needed_any = [pick]
        deps: list[str] = []
        for r in (*module.requires, *needed_any[:1]):
            source = self.achiever(r)
            if source is not None and source not in deps:
                deps.append(source)
        self.chosen[module.id] = module
        self.depends[module.id] = deps
        self._serve(module.id, goal)
        for grant in module.grants:
            rank = self.catalog.rank(grant)
            if self.state.get(grant.name, 0) < rank:
                self.achieved.setdefault(grant.name, []).append((rank, module.id))
        apply(self.state, module.grants, self.catalog)
        self._memo.clear()
        return True

    def _serve(self, module_id: str, goal: Goal) -> None:
        goals = self.serves.setdefault(module_id, [])
        if goal not in goals:
            goals.append(goal)


def find_path(
    catalog: Catalog,
    state: State,
    goals: Iterable[Goal],
    hours: HoursBook,
    allowed: Filter,
    add: Iterable[tuple[Module, Reason]] = (),
) -> PathResult:
    """Choose the modules that take a person from ``state`` to every goal."""
    search = _Search(catalog, state, hours, allowed)
    goal_list = list(goals)
    requirements = [(g, Requirement.parse(g.competency)) for g in goal_list]
    for module, reason in add:
        if module.id not in search.chosen:
            search.choice[module.id] = reason
            search.add(
                module, Goal(module.grants[0].name if module.grants else module.id, reason), []
            )
    for goal, requirement in requirements:
        need = [r for _, r in requirements if not search.has(r)]
        if not search.satisfy(requirement, goal, need):
            excluded = tuple(
                (m.id, search.excluded[m.id])
                for m in catalog.producers(requirement)
                if m.id in search.excluded
            )
            search.unreachable.append(Unreachable(goal, requirement, excluded))
    finished = tuple(m.id for m in search.chosen.values() if hours.remaining(m) <= 0)
    return PathResult(
        modules=tuple(search.chosen.values()),
        depends_on={k: tuple(v) for k, v in search.depends.items()},
        serves={k: tuple(v) for k, v in search.serves.items()},
        choice=search.choice,
        finished=finished,
        excluded=search.excluded,
        unreachable=tuple(search.unreachable),
        state=search.state,
        targets=search.targets,
    )


def hours_to(
    catalog: Catalog, state: State, targets: Iterable[str], hours: HoursBook, allowed: Filter
) -> tuple[float, tuple[str, ...]]:
    """Estimated hours (and modules) to reach ``targets``; ``inf`` when a target is unreachable."""
    dummy = Reason("padplanner.estimate", "estimate")
    goals = [Goal(text, dummy) for text in targets]
    result = find_path(catalog, state, goals, hours, allowed)
    if result.unreachable:
        return float("inf"), ()
    ids = tuple(m.id for m in result.modules)
    return sum(hours.remaining(m) for m in result.modules), ids


def count_within(path: PathResult, hours: HoursBook) -> PathResult:
    """A module that includes others (``includes``: the Z-route's 800 h of language include
    its literacy courses) takes their hours from its own, and they run as its part: at its
    pace and share of the week, so the route's other part still runs beside them."""
    within: dict[str, Module] = {}
    for module in path.modules:
        if not module.includes:
            continue
        kinds = set(module.includes)
        parts = [m for m in path.modules if m.kind in kinds and m.id != module.id]
        hours.include(module, parts)
        for part in parts:
            within[part.id] = attrs.evolve(
                part,
                hours_per_week=module.hours_per_week,
                intensity=module.intensity,
                week_share=module.week_share,
            )
    if not within:
        return path
    return attrs.evolve(path, modules=tuple(within.get(m.id, m) for m in path.modules))
