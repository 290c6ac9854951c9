"""Pictures of the path: the person's modules, what each brings and which goal it serves."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docshelp import ROUTES

from padplanner.export import graph
from padplanner.export.words import ROUTES as ROUTES_DOC
from padplanner.i18n import texts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "clients"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("route", ROUTES)
def test_the_path_has_the_plans_modules_in_dependency_layers(person, route):
    made = person(route)
    path = graph.path_graph(made.plan, made.catalog, client=made.client, lang="nl")
    assert {n.id for n in path.nodes} == {a.id for a in made.plan.activities}
    layer = {n.id: n.layer for n in path.nodes}
    deps = {(d, a.id) for a in made.plan.activities for d in a.depends_on}
    assert {(a, b) for a, b, _ in path.edges} == deps
    assert all(layer[a] < layer[b] for a, b in deps)
    for node in path.nodes:
        assert node.serves
    assert path.title == f"{made.client.name}: {texts('nl')(ROUTES_DOC[route])}"


def test_edges_name_the_competency_that_links_two_modules(person):
    made = person("b1")
    path = graph.path_graph(made.plan, made.catalog, client=made.client, lang="nl")
    labelled = [link for _, _, link in path.edges if link]
    assert labelled and all(
        any(s in link for s in ("Lezen", "Luisteren", "Schrijven", "Spreken")) for link in labelled
    )


def test_every_format_shows_each_module_and_its_why(person):
    made = person("b1")
    path = graph.path_graph(made.plan, made.catalog, client=made.client, lang="en")
    dot = graph.path_to_dot(path, "en")
    mermaid = graph.path_to_mermaid(path, "en")
    svg = graph.path_to_svg(path, "en")
    text = graph.path_to_text(path, "en")
    root = ET.fromstring(svg)
    svg_text = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for node in path.nodes:
        assert f'"{node.id}"' in dot and "Brings: " in dot and "Needed for: " in dot
        assert node.title in mermaid and f"[{node.id}]" in text
        assert node.title.split()[0] in svg_text
    assert dot.startswith("digraph path {") and mermaid.startswith("flowchart LR")
    assert len(list(root.iter(f"{SVG}g"))) == len(path.nodes)


def test_the_catalogue_graph_as_svg(planner):
    catalog = planner.catalog("")
    svg = graph.to_svg(catalog, graph.subgraph(catalog, "speaking>=B1"), "en")
    root = ET.fromstring(svg)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert "n-nt2-a2-b1" in ids and len(ids) == len(graph.subgraph(catalog, "speaking>=B1"))


def test_graph_command_draws_a_persons_path(cli, tmp_path):
    target = tmp_path / "path.svg"
    code, _, err = cli("graph", "--client", EXAMPLES / "amal.toml", "--format", "svg", "-o", target)
    assert code == 0, err
    assert ET.parse(target).getroot().tag == f"{SVG}svg"
    code, out, err = cli("graph", "--client", EXAMPLES / "amal.toml", "--format", "mermaid")
    assert code == 0, err
    assert out.startswith("flowchart LR") and "Nodig voor: " in out  # Dutch by default
    code, out, _ = cli(
        "graph", "--client", EXAMPLES / "amal.toml", "--format", "dot", "--lang", "en"
    )
    assert code == 0 and "Needed for: " in out
    code, out, _ = cli("graph", "--format", "svg")
    assert code == 0 and out.startswith("<svg")


def test_graph_command_refuses_bad_combinations(cli, tmp_path):
    code, _, err = cli("graph", "--client", EXAMPLES / "amal.toml", "--goal", "pvt")
    assert code == 2 and "--goal" in err
    code, _, err = cli("graph", "--format", "png")
    assert code == 2 and "--format" in err
    code, _, err = cli("graph", "--client", tmp_path / "missing.toml")
    assert code == 2 and "missing.toml" in err
