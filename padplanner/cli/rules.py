"""``padplanner rules``: the transparency report of every active rule, in plain words."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import choice, language, write_output
from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)


def rules_command(
    municipality: str = typer.Option(
        "GM0000", "--municipality", "-m", help="CBS code, e.g. GM0034."
    ),
    fmt: str = typer.Option("md", "--format", "-f", help="md | json"),
    lang: str | None = lang_option(),
    output: Path | None = typer.Option(None, "-o", "--output"),
) -> int:
    """Print every rule active for a municipality: what it does, its source, what it reads, its tests."""
    from padplanner.engine.planner import Planner
    from padplanner.rules_report import report, to_json, to_markdown

    choice(fmt, ("md", "json"), "--format")
    lang = language(lang)
    data = report(Planner.default(), municipality, lang)
    write_output(to_markdown(data, lang) if fmt == "md" else to_json(data), output, lang)
    return 0
