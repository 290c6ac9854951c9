"""The module graph, and one person's path through it, as dot, Mermaid, SVG or text."""

from __future__ import annotations

import attrs
import networkx as nx

from padplanner.catalog import Catalog
from padplanner.i18n import texts
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
    return f"{module.title.get(lang)}\\n{texts(lang).hours(module.hours)}"


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
    t, lines = texts(lang), []
    for node in nx.lexicographical_topological_sort(graph):
        module = catalog.modules[node]
        needs = sorted(graph.predecessors(node))
        after = "  " + t("doc.graph.after", modules=", ".join(needs)) if needs else ""
        hours = t.hours(module.hours)
        lines.append(f"{node:<28} {module.kind:<10} {hours:>10}  {module.title.get(lang)}{after}")
    return "\n".join(lines) + "\n"


def to_svg(catalog: Catalog, graph: nx.DiGraph, lang: str = "en") -> str:
    """The module graph as SVG with a layered layout (no Graphviz needed)."""
    from padplanner.export.svg import graph_svg

    layers = [sorted(layer) for layer in nx.topological_generations(graph)]
    t = texts(lang)
    labels = {
        node: [catalog.modules[node].title.get(lang), t.hours(catalog.modules[node].hours)]
        for node in graph.nodes
    }
    edges = [(a, b, data.get("competency", "")) for a, b, data in sorted(graph.edges(data=True))]
    kinds = {node: catalog.modules[node].kind for node in graph.nodes}
    return graph_svg(layers, labels, edges, kinds, title=t("doc.graph.title")) + "\n"


# -- one person's path: the modules of a plan and why each is needed ----------------------
@attrs.frozen
class PathNode:
    id: str
    title: str
    kind: str
    brings: tuple[str, ...]  # the competencies it brings, in words
    serves: tuple[str, ...]  # the goals it serves, in words
    layer: int


@attrs.frozen
class PathGraph:
    nodes: tuple[PathNode, ...]
    edges: tuple[tuple[str, str, str], ...]  # (before, after, the competency that links them)
    title: str

    def layers(self) -> list[list[str]]:
        out: list[list[str]] = [
            [] for _ in range(1 + max((n.layer for n in self.nodes), default=-1))
        ]
        for node in self.nodes:
            out[node.layer].append(node.id)
        return out

    def lines(self, node: PathNode, t) -> list[str]:
        return [
            node.title,
            t("doc.act.brings", what=t.join(list(node.brings))).rstrip("."),
            t("doc.act.serves", what=t.join(list(node.serves))).rstrip("."),
        ]


def path_graph(plan, catalog: Catalog, *, client=None, lang: str = "en") -> PathGraph:
    """The person's modules (from ``plan``), ordered by ``depends_on``, each with its why."""
    from padplanner.export.context import DocContext
    from padplanner.export.plain import brings, serves

    ctx = DocContext.make(
        plan,
        client=client,
        catalog=catalog,
        lang=lang,
        today=plan.reference_date,
        show_bsn=False,
        municipality_name=None,
    )
    by_id = {a.id: a for a in plan.activities}
    layer: dict[str, int] = {}

    def depth(activity_id: str, seen: frozenset = frozenset()) -> int:
        if activity_id not in layer:
            deps = [d for d in by_id[activity_id].depends_on if d in by_id and d not in seen]
            layer[activity_id] = 1 + max((depth(d, seen | {activity_id}) for d in deps), default=-1)
        return layer[activity_id]

    ordered = sorted(plan.activities, key=lambda a: (depth(a.id), a.start, a.id))
    nodes = tuple(
        PathNode(
            a.id, ctx.title(a), a.kind, tuple(brings(ctx, a)), tuple(serves(ctx, a)), depth(a.id)
        )
        for a in ordered
    )
    edges = []
    for activity in plan.activities:
        module = catalog.modules.get(activity.module)
        needs = {r.name for r in (*module.requires, *module.requires_any)} if module else set()
        for dep in activity.depends_on:
            if dep not in by_id:
                continue
            link = [
                ctx.competency(g) for g in by_id[dep].grants if Requirement.parse(g).name in needs
            ]
            edges.append((dep, activity.id, ", ".join(link)))
    name = getattr(client, "name", None) or plan.client
    return PathGraph(nodes, tuple(sorted(edges)), f"{name}: {ctx.route_name()}")


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def path_to_dot(path: PathGraph, lang: str = "en") -> str:
    t = texts(lang)
    lines = [
        "digraph path {",
        "  rankdir=LR;",
        f'  label="{_dot_text(path.title)}"; labelloc=t;',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
    ]
    for node in path.nodes:
        label = "\\n".join(_dot_text(line) for line in path.lines(node, t))
        lines.append(f'  "{_dot_text(node.id)}" [label="{label}"];')
    for a, b, link in path.edges:
        lines.append(f'  "{_dot_text(a)}" -> "{_dot_text(b)}" [label="{_dot_text(link)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def path_to_mermaid(path: PathGraph, lang: str = "en") -> str:
    t = texts(lang)
    lines = ["flowchart LR", f"  %% {path.title}"]
    for node in path.nodes:
        label = "<br/>".join(_mermaid_text(line) for line in path.lines(node, t))
        lines.append(f'  {_mid(node.id)}["{label}"]')
    for a, b, link in path.edges:
        arrow = f"-->|{_mermaid_text(link)}|" if link else "-->"
        lines.append(f"  {_mid(a)} {arrow} {_mid(b)}")
    return "\n".join(lines) + "\n"


def path_to_svg(path: PathGraph, lang: str = "en") -> str:
    from padplanner.export.svg import graph_svg

    t = texts(lang)
    labels = {node.id: path.lines(node, t) for node in path.nodes}
    kinds = {node.id: node.kind for node in path.nodes}
    return graph_svg(path.layers(), labels, list(path.edges), kinds, title=path.title) + "\n"


def path_to_text(path: PathGraph, lang: str = "en") -> str:
    t = texts(lang)
    out = [path.title]
    for node in path.nodes:
        title, brings_line, serves_line = path.lines(node, t)
        after = [a for a, b, _ in path.edges if b == node.id]
        out.append(
            f"{'  ' * node.layer}{title} [{node.id}]" + (f"  ← {', '.join(after)}" if after else "")
        )
        out.append(f"{'  ' * node.layer}  {brings_line}")
        out.append(f"{'  ' * node.layer}  {serves_line}")
    return "\n".join(out) + "\n"
