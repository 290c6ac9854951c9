"""The catalogue's own cycle check (plain Python, so loading a catalogue needs no networkx)
against networkx on random graphs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from padplanner.catalog.validate import _shortest_cycle, _strong_components

NODES = [f"m{i}" for i in range(8)]
edges = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=20)


@settings(max_examples=300, deadline=None)
@given(edges)
def test_the_groups_and_cycles_are_those_networkx_finds(pairs):
    pairs = [(a, b) for a, b in pairs if a != b]
    succ: dict[str, list[str]] = {n: [] for n in NODES}
    for a, b in pairs:
        if b not in succ[a]:
            succ[a].append(b)
    graph = nx.DiGraph(pairs)
    graph.add_nodes_from(NODES)
    ours = sorted(sorted(g) for g in _strong_components(succ))
    assert ours == sorted(sorted(g) for g in nx.strongly_connected_components(graph))
    for group in _strong_components(succ):
        if len(group) < 2:
            continue
        cycle = _shortest_cycle(min(group), group, succ)
        assert cycle[0] == min(group) and set(cycle) <= group and len(set(cycle)) == len(cycle)
        closed = [*cycle, cycle[0]]
        assert all(graph.has_edge(a, b) for a, b in itertools.pairwise(closed))
        shortest = min(len(c) for c in nx.simple_cycles(graph.subgraph(group)) if min(group) in c)
        assert len(cycle) == shortest
