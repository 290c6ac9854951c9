"""``padplanner graph``: the module graph, or one person's path, as dot, mermaid, svg or text."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import choice, language, parse_date, write_output
from padplanner.cli.options import lang_option

GRAPH_FORMATS = ("dot", "mermaid", "svg", "text")


def register(app: typer.Typer) -> None:
    app.command("graph")(graph_command)


def graph_command(
    fmt: str = typer.Option("text", "--format", "-f", help="dot | mermaid | svg | text"),
    goal: str | None = typer.Option(
        None, "--goal", help="Only modules leading to this competency, e.g. speaking>=B1."
    ),
    client_file: Path | None = typer.Option(
        None,
        "--client",
        help="A padplanner.client/1 TOML file: draw this person's path (the modules of the "
        "plan, what each brings and which goal it serves) instead of the whole graph.",
    ),
    at: str | None = typer.Option(
        None, "--at", help="With --client: the reference date (default: the term start)."
    ),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Include this municipality's plugin modules."
    ),
    lang: str | None = lang_option(),
    output: Path | None = typer.Option(None, "-o", "--output"),
) -> int:
    """Print the module dependency graph, or with --client one person's path through it."""
    from padplanner.engine.planner import Planner
    from padplanner.errors import InputError, Problem
    from padplanner.export import graph as render
    from padplanner.model import Requirement

    choice(fmt, GRAPH_FORMATS, "--format")
    lang = language(lang)
    planner = Planner.default()
    if client_file is not None:
        if goal is not None:
            raise InputError([Problem.worded("--goal", "", "cli.problem.graph.both")])
        from padplanner.clientfile import load_client

        client = load_client(client_file)
        plan = planner.plan(client, at=parse_date(at), municipality=municipality)
        catalog = planner.catalog(plan.municipality)
        path = render.path_graph(plan, catalog, client=client, lang=lang)
        draw = {
            "dot": render.path_to_dot,
            "mermaid": render.path_to_mermaid,
            "svg": render.path_to_svg,
            "text": render.path_to_text,
        }[fmt]
        write_output(draw(path, lang), output, lang)
        return 0
    catalog = planner.catalog(municipality or "")
    if goal is not None:
        try:
            requirement = Requirement.parse(goal)
        except ValueError as exc:
            raise InputError([Problem("--goal", "", exc.args[0])]) from None
        if requirement.name not in catalog.competencies:
            raise InputError(
                [
                    Problem.worded(
                        "--goal", "", "cli.problem.graph.competency", name=repr(requirement.name)
                    )
                ]
            )
    graph = render.subgraph(catalog, goal)
    text = {
        "dot": render.to_dot,
        "mermaid": render.to_mermaid,
        "svg": render.to_svg,
        "text": render.to_text,
    }[fmt](catalog, graph, lang)
    write_output(text, output, lang)
    return 0
