"""``padplanner graph``: the module graph as dot, mermaid or text."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import choice, write_output


def register(app: typer.Typer) -> None:
    app.command("graph")(graph_command)


def graph_command(
    fmt: str = typer.Option("text", "--format", "-f", help="dot | mermaid | text"),
    goal: str | None = typer.Option(
        None, "--goal", help="Only modules leading to this competency, e.g. speaking>=B1."
    ),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Include this municipality's plugin modules."
    ),
    lang: str = typer.Option("en", "--lang", help="nl | en"),
    output: Path | None = typer.Option(None, "-o", "--output"),
) -> int:
    """Print the module dependency graph."""
    from padplanner.engine.planner import Planner
    from padplanner.errors import InputError, Problem
    from padplanner.export import graph as render
    from padplanner.model import Requirement

    choice(fmt, ("dot", "mermaid", "text"), "--format")
    catalog = Planner.default().catalog(municipality or "")
    if goal is not None:
        try:
            requirement = Requirement.parse(goal)
        except ValueError as exc:
            raise InputError([Problem("--goal", "", str(exc))]) from None
        if requirement.name not in catalog.competencies:
            raise InputError([Problem("--goal", "", f"unknown competency {requirement.name!r}")])
    graph = render.subgraph(catalog, goal)
    text = {"dot": render.to_dot, "mermaid": render.to_mermaid, "text": render.to_text}[fmt](
        catalog, graph, lang
    )
    write_output(text, output)
    return 0
