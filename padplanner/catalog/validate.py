"""Catalogue validation: every problem at once, each with its file and key path.

Checks: unknown scales and competencies (with a "did you mean"), levels not on a scale,
impossible numbers, cycles in the module graph (named as a path), and goals, sector levels and
module requirements that no chain of modules can reach.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from padplanner.catalog.catalog import Catalog, Competency
from padplanner.errors import Phrased, Problem, phrased, phrased_closest
from padplanner.i18n import N_
from padplanner.model.levels import SKILLS, Requirement
from padplanner.model.module import Module, Parameter, Sector

Origins = Mapping[str, tuple[str, str]]


def _check_requirement(
    req: Requirement,
    scales: Mapping[str, tuple[str, ...]],
    competencies: Mapping[str, Competency],
) -> Phrased | None:
    comp, key = competencies.get(req.name), repr(req.name)
    if comp is None:
        return phrased_closest(
            N_("input.catalog.competency"),
            N_("input.catalog.competency.close"),
            req.name,
            competencies,
            key=key,
            name=req.name,
        )
    if comp.scale is None and req.level is not None:
        return phrased("input.catalog.flag", key=key)
    if comp.scale is not None:
        levels = " ".join(scales.get(comp.scale, ()))
        if req.level is None:
            return phrased(
                "input.catalog.needs_level", key=key, scale=comp.scale, name=req.name, levels=levels
            )
        if req.level not in scales.get(comp.scale, ()):
            return phrased(
                "input.catalog.level", level=repr(req.level), scale=comp.scale, levels=levels
            )
    return None


def _in_module(problem: str, module: str) -> Phrased:
    """A problem of one module's field, naming the module."""
    return phrased("input.catalog.in_module", problem=problem, module=repr(module))


def validate_catalog(
    scales: Mapping[str, tuple[str, ...]],
    competencies: Mapping[str, Competency],
    modules: Mapping[str, Module],
    sectors: Mapping[str, Sector],
    parameters: Mapping[str, Parameter],
    origins: Origins,
) -> list[Problem]:
    problems: list[Problem] = []
    for name, comp in competencies.items():
        if comp.scale is not None and comp.scale not in scales:
            file, path = origins.get(f"competency:{name}", ("catalogue", f"competency.{name}"))
            key = repr(comp.scale)
            said = phrased_closest(
                N_("input.catalog.scale"),
                N_("input.catalog.scale.close"),
                comp.scale,
                scales,
                key=key,
                name=comp.scale,
            )
            problems.append(Problem(file, f"{path}.scale", said))
    for skill in SKILLS:
        if skill not in competencies:
            said = phrased("input.catalog.skills", skills=" ".join(SKILLS))
            problems.append(Problem("catalogue", f"competency.{skill}", said))
    for module in modules.values():
        file, path = origins[module.id]
        for field in ("requires", "requires_any", "grants"):
            for position, req in enumerate(getattr(module, field)):
                message = _check_requirement(req, scales, competencies)
                if message:
                    where = f"{path}.{field}[{position}]"
                    problems.append(Problem(file, where, _in_module(message, module.id)))
        problems.extend(_numbers(module, file, path))
    for sector in sectors.values():
        file, path = origins[f"sector:{sector.key}"]
        if sector.level not in scales.get("cefr", ()):
            levels = " ".join(scales.get("cefr", ()))
            said = phrased("input.value.cefr", value=repr(sector.level), names=levels)
            problems.append(Problem(file, f"{path}.level", said))
        for skill in sector.skills:
            if skill not in SKILLS:
                said = phrased("input.catalog.skill", value=repr(skill), skills=" ".join(SKILLS))
                problems.append(Problem(file, f"{path}.skills", said))
    for name, param in parameters.items():
        if name.startswith("goals_"):
            file, path = origins[f"parameter:{name}"]
            for position, value in enumerate(param.values):
                if not isinstance(value.value, list | tuple):
                    said = phrased("input.catalog.goals")
                    problems.append(Problem(file, f"{path}.values[{position}].value", said))
                    continue
                for text in value.value:
                    try:
                        message = _check_requirement(Requirement.parse(text), scales, competencies)
                    except (ValueError, TypeError) as exc:
                        message = exc.args[0] if exc.args else str(exc)
                    if message:
                        problems.append(Problem(file, f"{path}.values[{position}].value", message))
    return problems


def usable_modules(
    modules: Mapping[str, Module],
    scales: Mapping[str, tuple[str, ...]],
    competencies: Mapping[str, Competency],
) -> dict[str, Module]:
    """The modules with their invalid references left out (they are reported separately), so
    the graph can still be compiled and checked for cycles and unreachable goals."""
    out = {}
    for module_id, module in modules.items():
        changes = {}
        for field in ("requires", "requires_any", "grants"):
            items = getattr(module, field)
            valid = tuple(r for r in items if _check_requirement(r, scales, competencies) is None)
            if len(valid) != len(items):
                changes[field] = valid
        out[module_id] = attrs.evolve(module, **changes) if changes else module
    return out


def _numbers(module: Module, file: str, path: str) -> list[Problem]:
    out = []

    def bad(field: str, message: Phrased) -> None:
        out.append(Problem(file, f"{path}.{field}", _in_module(message, module.id)))

    if module.hours <= 0:
        bad("hours", phrased("input.catalog.hours", value=f"{module.hours:g}"))
    if module.hours_per_week <= 0:
        said = phrased("input.catalog.hours_per_week", value=f"{module.hours_per_week:g}")
        bad("hours_per_week", said)
    if module.intensity is not None:
        low, high = (f"{x:g}" for x in module.intensity)
        if module.intensity[0] <= 0 or module.intensity[0] > module.intensity[1]:
            bad("intensity", phrased("input.catalog.intensity", low=low, high=high))
        elif not module.intensity[0] <= module.hours_per_week <= module.intensity[1]:
            value = f"{module.hours_per_week:g}"
            said = phrased("input.catalog.intensity.outside", value=value, low=low, high=high)
            bad("hours_per_week", said)
    if module.starts.every_weeks < 1:
        bad("starts.every_weeks", phrased("input.catalog.every_weeks"))
    if module.min_weeks < 0 or module.earliest_week < 0:
        bad("min_weeks", phrased("input.catalog.weeks"))
    if module.cost_eur < 0:
        bad("cost_eur", phrased("input.catalog.cost"))
    if module.week_share is not None and not 0 < module.week_share <= 1:
        bad("week_share", phrased("input.catalog.week_share", value=f"{module.week_share:g}"))
    if not 0 <= module.in_person_share <= 1:
        said = phrased("input.catalog.in_person_share", value=f"{module.in_person_share:g}")
        bad("in_person_share", said)
    if module.group_size is not None and module.group_size < 1:
        bad("group_size", phrased("input.catalog.group_size"))
    if not module.source.strip():
        bad("source", phrased("input.catalog.source"))
    return out


def reachable(catalog: Catalog) -> dict[str, int]:
    """What a person with nothing (no Dutch, not literate, no flags) can reach by modules."""
    state = {name: 0 for name, comp in catalog.competencies.items() if comp.scale is not None}
    changed = True
    while changed:
        changed = False
        for module in catalog.modules.values():
            if not all(state.get(r.name, 0) >= catalog.rank(r) for r in module.requires):
                continue
            if module.requires_any and not any(
                state.get(r.name, 0) >= catalog.rank(r) for r in module.requires_any
            ):
                continue
            for grant in module.grants:
                if state.get(grant.name, 0) < catalog.rank(grant):
                    state[grant.name] = catalog.rank(grant)
                    changed = True
    return state


def _cycles(catalog: Catalog) -> list[list[str]]:
    """One cycle (as a closed path of module ids) per strongly connected group of modules: the
    shortest through the group's smallest id, starting there (the same text every run).

    Plain Python over the catalogue's edges, so loading a catalogue does not load networkx."""
    succ: dict[str, list[str]] = {module: [] for module in catalog.modules}
    for producer, module, _ in catalog.edges():
        if module not in succ[producer]:
            succ[producer].append(module)
    out = []
    for group in _strong_components(succ):
        if len(group) > 1:
            nodes = _shortest_cycle(min(group), group, succ)
            out.append([*nodes, nodes[0]])
    return sorted(out)


def _strong_components(succ: Mapping[str, list[str]]) -> list[set[str]]:
    """The strongly connected components of a graph (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)

    for root in succ:
        if root in index:
            continue
        visit(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    visit(child)
                    work.append((child, iter(succ[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    found.append(group)
    return found


def _shortest_cycle(start: str, group: set[str], succ: Mapping[str, list[str]]) -> list[str]:
    """The nodes of a shortest cycle from ``start`` back to it within ``group``."""
    parent: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for child in succ[node]:
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if child in group and child not in parent:
                parent[child] = node
                queue.append(child)
    raise AssertionError(f"{start} is on no cycle of its strongly connected group")


def validate_graph(catalog: Catalog, origins: Origins) -> list[Problem]:
    problems: list[Problem] = []
    on_cycle: set[str] = set()
    for nodes in _cycles(catalog):
        on_cycle.update(nodes)
        file, path = origins[nodes[0]]
        said = phrased("input.catalog.cycle", cycle=" → ".join(nodes))
        problems.append(Problem(file, path, said))
    state = reachable(catalog)

    def valid(req: Requirement) -> bool:
        return _check_requirement(req, catalog.scales, catalog.competencies) is None

    def ok(req: Requirement) -> bool:
        comp = catalog.competencies[req.name]
        return comp.intake or state.get(req.name, 0) >= catalog.rank(req)

    for module in catalog.modules.values():
        if module.id in on_cycle:
            continue  # the cycle is the explanation
        file, path = origins[module.id]
        for position, req in enumerate(module.requires):
            if not ok(req):
                said = phrased(
                    "input.catalog.unreachable", requirement=str(req), module=repr(module.id)
                )
                problems.append(Problem(file, f"{path}.requires[{position}]", said))
        if module.requires_any and not any(ok(r) for r in module.requires_any):
            said = phrased("input.catalog.unreachable.any", module=repr(module.id))
            problems.append(Problem(file, f"{path}.requires_any", said))
    for sector in catalog.sectors.values():
        file, path = origins[f"sector:{sector.key}"]
        for skill in sector.skills:
            req = Requirement(skill, sector.level)
            if valid(req) and not ok(req):
                said = phrased("input.catalog.sector.level", requirement=f"{skill}>={sector.level}")
                problems.append(Problem(file, f"{path}.level", said))
    for name, param in catalog.parameters.items():
        if not name.startswith("goals_"):
            continue
        file, path = origins[f"parameter:{name}"]
        for position, value in enumerate(param.values):
            if not isinstance(value.value, list | tuple):
                continue  # reported by validate_catalog
            for text in value.value:
                try:
                    req = Requirement.parse(text)
                except (ValueError, TypeError):
                    continue  # reported by validate_catalog
                if valid(req) and not ok(req):
                    said = phrased("input.catalog.goal", goal=repr(text))
                    problems.append(Problem(file, f"{path}.values[{position}].value", said))
    return problems
