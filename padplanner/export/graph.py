"""The module graph as Graphviz dot, Mermaid or indented text."""

from __future__ import annotations

import networkx as nx

from padplanner.catalog import Catalog
from padplanner.model import Requirement


def subgraph(catalog: Catalog, goal: str | None = None) -> nx.DiGraph:
    """The whole graph, or only the modules that can lead to ``goal``."""
    graph = catalog.graph
    if goal is None:
        return graph
    producers = [m.id for m in catalog.producers(Requirement.parse(goal))]
    keep = set(producers)
    for node in producers:
        keep |= nx.ancestors(graph, node)
    return graph.subgraph(sorted(keep))


def _label(catalog: Catalog, node: str, lang: str) -> str:
    module = catalog.modules[node]
    return f"{module.title.get(lang)}\\n{module.hours:g} h"


def to_dot(catalog: Catalog, graph: nx.DiGraph, lang: str = "en") -> str:
    lines = ["digraph modules {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    for node in sorted(graph.nodes):
        lines.append(f'  "{node}" [label="{_label(catalog, node, lang)}"];')
    for a, b, data in sorted(graph.edges(data=True)):
        lines.append(f'  "{a}" -> "{b}" [label="{data.get("competency", "")}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mid(node: str) -> str:
    return node.replace("-", "_").replace(":", "_")


def to_mermaid(catalog: Catalog, graph: nx.DiGraph, lang: str = "en") -> str:
    lines = ["flowchart LR"]
    for node in sorted(graph.nodes):
        title = catalog.modules[node].title.get(lang).replace('"', "'")
        lines.append(f'  {_mid(node)}["{title}"]')
    for a, b, data in sorted(graph.edges(data=True)):
        lines.append(f"  {_mid(a)} -->|{data.get('competency', '')}| {_mid(b)}")
    return "\n".join(lines) + "\n"


def to_text(catalog: Catalog, graph: nx.DiGraph, lang: str = "en") -> str:
    lines = []
    for node in nx.lexicographical_topological_sort(graph):
        module = catalog.modules[node]
        needs = sorted(graph.predecessors(node))
        after = f"  after: {', '.join(needs)}" if needs else ""
        lines.append(
            f"{node:<28} {module.kind:<10} {module.hours:>6g} h  {module.title.get(lang)}{after}"
        )
    return "\n".join(lines) + "\n"
