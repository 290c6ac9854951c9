"""``padplanner plan FILE``: plan one client file, no database."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import choice, language, parse_date, write_output
from padplanner.cli.options import lang_option

PLAN_FORMATS = ("text", "json", "md", "html", "pdf", "ics")
EFFORTS = ("fast", "thorough", "exact")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)


def plan_command(
    file: Path = typer.Argument(..., help="A padplanner.client/1 TOML file."),
    at: str | None = typer.Option(None, "--at", help="Reference date (default: the term start)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html | pdf | ics"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Plan under another municipality's rules (a move)."
    ),
    effort: str = typer.Option(
        "fast", "--effort", help="fast | thorough | exact (needs padplanner[optimal])"
    ),
    lang: str | None = lang_option(),
    audience: str = typer.Option(
        "formal", "--audience", help="formal (the PIP) | person (an A2 summary)"
    ),
    show_bsn: bool = typer.Option(False, "--bsn", help="Print the BSN in the document."),
    pin: list[str] = typer.Option(
        [],
        "--pin",
        help="Pin a module's start at a week of the plan: MODULE=WEEK (repeat for more).",
    ),
    draws: int = typer.Option(
        1000,
        "--draws",
        min=0,
        max=100_000,
        help="Draws of the hours for the chance to finish on time (0: leave it out).",
    ),
) -> int:
    """Plan one client file and print or write the plan; exit 3 when the plan cannot work."""
    from padplanner import Adjustments, Planner, load_client
    from padplanner.engine.validate import client_problems
    from padplanner.errors import InputError
    from padplanner.export import FORMATS, render

    choice(fmt, PLAN_FORMATS, "--format")
    choice(effort, EFFORTS, "--effort")
    lang = language(lang)
    choice(audience, ("formal", "person"), "--audience")
    when = parse_date(at)
    client = load_client(file)
    planner = Planner.default()
    catalog = planner.catalog(municipality or client.municipality)
    problems = client_problems(client, catalog, str(file), planner.known_names())
    if problems:
        raise InputError(problems)
    if effort == "exact":
        _require_exact()
    adjust = Adjustments(pins=_pins(pin))
    plan = planner.plan(
        client, at=when, municipality=municipality, effort=effort, draws=draws, adjust=adjust
    )
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"the {fmt} format is not available in this installation", param_hint="--format"
        )
    content = render(
        plan,
        fmt,
        client=client,
        catalog=planner.catalog(plan.municipality),
        lang=lang,
        audience=audience,
        show_bsn=show_bsn,
    )
    write_output(content, output, lang)
    return 0 if plan.feasible else 3


def _pins(given: list[str]) -> dict[str, int]:
    """``--pin knm=12`` -> ``{"knm": 12}``; exit 2 with the fix on anything else."""
    from padplanner.errors import InputError, Problem

    pins: dict[str, int] = {}
    problems = []
    for item in given:
        module, _, week = item.partition("=")
        module, week = module.strip(), week.strip()
        if not module or not week.isdigit() or int(week) > 520:
            problems.append(Problem.worded("--pin", item, "cli.problem.plan.pin"))
        elif module in pins:
            problems.append(
                Problem.worded("--pin", item, "cli.problem.plan.pin_twice", module=module)
            )
        else:
            pins[module] = int(week)
    if problems:
        raise InputError(problems)
    return pins


def _require_exact() -> None:
    import importlib.util

    from padplanner.errors import InputError, Problem

    if importlib.util.find_spec("ortools") is None:
        raise InputError([Problem.worded("--effort", "", "cli.problem.exact")])
