"""The compiled, read-only module catalogue: scales, competencies, modules, sectors, parameters.

Build one with :func:`padplanner.catalog.load_catalog`; it is validated once and then shared.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from padplanner.model.levels import Requirement
from padplanner.model.module import Module, Parameter, Sector, Title

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen
class Competency:
    name: str
    title: Title
    scale: str | None = None
    intake: bool = False
    source: str = ""


@attrs.frozen(eq=False)
class Catalog:
    scales: Mapping[str, tuple[str, ...]]
    competencies: Mapping[str, Competency]
    modules: Mapping[str, Module]
    sectors: Mapping[str, Sector]
    parameters: Mapping[str, Parameter]
    files: tuple[Path, ...] = ()
    rules: Mapping[str, Any] = attrs.field(factory=dict)  # rule id -> RuleSpec
    words: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)  # table -> value -> words
    # competency name -> modules granting it, with the (level index) they grant
    providers: Mapping[str, tuple[tuple[Module, int], ...]] = attrs.field(factory=dict)
    _producers: dict[Requirement, tuple[Module, ...]] = attrs.field(
        factory=dict, init=False, repr=False
    )
    _graph: list[nx.DiGraph] = attrs.field(factory=list, init=False, repr=False)

    @property
    def graph(self) -> nx.DiGraph:
        """The dependency graph (networkx, frozen): a node per module, an edge from each module
        that can bring a person up to a requirement to the module requiring it. Built on first
        use, so planning and documents do not load networkx."""
        if not self._graph:
            self._graph.append(_graph(self))
        return self._graph[0]

    def edges(self) -> list[tuple[str, str, str]]:
        """``(producer, module, requirement)`` for every edge of :attr:`graph`, in module order."""
        out = []
        for module in self.modules.values():
            for requirement in (*module.requires, *module.requires_any):
                for producer in self.producers(requirement):
                    if producer.id != module.id:
                        out.append((producer.id, module.id, str(requirement)))
        return out

    def rank(self, requirement: Requirement) -> int:
        """The position of a requirement's level on its scale (1 for a flag)."""
        if requirement.level is None:
            return 1
        scale = self.competencies[requirement.name].scale
        return self.scales[scale].index(requirement.level)

    def param(self, name: str, at: date) -> Any:
        try:
            parameter = self.parameters[name]
        except KeyError:
            raise LookupError(f"no parameter {name!r} in the catalogue") from None
        return parameter.at(at)

    def title(self, module_id: str, lang: str = "nl") -> str:
        return self.modules[module_id].title.get(lang)

    def producers(self, requirement: Requirement) -> tuple[Module, ...]:
        """Modules that can bring a person *up to* this requirement.

        A module produces ``speaking>=A2`` when it grants speaking at A2 or higher and does not
        itself require speaking at A2 or higher (it starts below the level).
        """
        cached = self._producers.get(requirement)
        if cached is not None:
            return cached
        need = self.rank(requirement)
        found = []
        for module, granted in self.providers.get(requirement.name, ()):
            if granted < need:
                continue
            entry = max(
                (self.rank(r) for r in module.requires if r.name == requirement.name),
                default=0,
            )
            if entry < need:
                found.append(module)
        self._producers[requirement] = result = tuple(found)  # the catalogue never changes
        return result


def compile_catalog(
    scales: dict[str, tuple[str, ...]],
    competencies: dict[str, Competency],
    modules: dict[str, Module],
    sectors: dict[str, Sector],
    parameters: dict[str, Parameter],
    files: tuple[Path, ...] = (),
    rules: dict[str, Any] | None = None,
    words: dict[str, dict[str, Any]] | None = None,
) -> Catalog:
    """Index the modules by the competencies they grant (the graph follows on first use)."""
    providers: dict[str, list[tuple[Module, int]]] = {}
    bare = Catalog(scales, competencies, modules, sectors, parameters)
    for module in sorted(modules.values(), key=lambda m: m.id):
        for grant in module.grants:
            providers.setdefault(grant.name, []).append((module, bare.rank(grant)))
    frozen_providers = {name: tuple(items) for name, items in providers.items()}
    catalog = Catalog(
        scales=MappingProxyType(dict(scales)),
        competencies=MappingProxyType(dict(competencies)),
        modules=MappingProxyType(dict(sorted(modules.items()))),
        sectors=MappingProxyType(dict(sectors)),
        parameters=MappingProxyType(dict(parameters)),
        files=files,
        rules=MappingProxyType(dict(sorted((rules or {}).items()))),
        words=MappingProxyType(
            {name: MappingProxyType(dict(table)) for name, table in (words or {}).items()}
        ),
        providers=MappingProxyType(frozen_providers),
    )
    return catalog


def _graph(catalog: Catalog) -> nx.DiGraph:
    import networkx as nx

    graph = nx.DiGraph()
    for module in catalog.modules.values():
        graph.add_node(module.id, kind=module.kind)
    for producer, module, requirement in catalog.edges():
        graph.add_edge(producer, module, competency=requirement)
    return nx.freeze(graph)  # shared by every plan and plugin: read-only
