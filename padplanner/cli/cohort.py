"""``padplanner cohort plan|simulate|policies``: a whole intake with shared capacities.

``cohort simulate`` plans a synthetic year's intake and projects it under one or more
policies side by side; ``cohort plan`` plans everyone active in the store (or a synthetic
cohort) under one policy and says per person when they start, finish and why they wait.
Capacities: a ``padplanner.capacity/1`` file (``--capacity``), options, or documented defaults.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer

from padplanner.cli.common import choice, language, parse_date, write_output
from padplanner.cli.options import lang_option
from padplanner.i18n import N_
from padplanner.model.client import is_municipality_code

FORMATS = ("text", "json", "html")

cohort_app = typer.Typer(
    name="cohort",
    help="Plan a whole intake with shared seats, coaches and budget; compare policies.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(cohort_app, name="cohort")


def _problem(option: str, key: str, **values: object):
    """Bad input in ``option``: the catalogues' message ``key`` with ``values``."""
    from padplanner.errors import InputError, Problem

    return InputError([Problem.worded(option, "", key, **values)])


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"html": "html", "htm": "html", "json": "json"}.get(suffix, "text")
    return choice(fmt, FORMATS, "--format")


def _municipality(code: str) -> str:
    if not is_municipality_code(code):
        raise _problem("--municipality", N_("cli.problem.code"), code=repr(code))
    return code


def _overrides(capacity: Path | None, catalog, budget, coaches, caseload, groups, mediation):
    from padplanner.cohort.capacity import Overrides, load_capacity

    base = load_capacity(capacity, catalog) if capacity else Overrides()
    given = Overrides(
        budget_eur=budget,
        coaches=coaches,
        caseload=caseload,
        mediation_eur=mediation,
        groups={"default": groups} if groups is not None else {},
        source="command-line option",
    )
    if not any(v is not None for v in (budget, coaches, caseload, groups, mediation)):
        return base
    return base.merge(given)


def _emit(
    doc: dict,
    fmt: str,
    output: Path | None,
    lang: str,
    people_of: str | None = None,
    catalog=None,
) -> None:
    """Write the document as ``fmt``; ``people_of``: with everyone's place and reason under
    that policy, said with the rules of ``catalog`` (the municipality's)."""
    from padplanner.cohort import people, render, render_html, report

    text = render.render_text(doc, lang)
    if people_of is not None:
        text += "\n" + people.render_people(doc, people_of, lang, catalog)
    if fmt == "text":
        write_output(text, output, lang)
        return
    html = render_html.render_html
    content = report.to_json(doc) if fmt == "json" else html(doc, lang, catalog)
    if output is None:
        write_output(content, None)
        return
    sys.stdout.write(text)
    write_output(content, output, lang)


# Options shared by both commands
_CAPACITY = typer.Option(None, "--capacity", help="A padplanner.capacity/1 TOML file.")
_BUDGET = typer.Option(None, "--budget", min=0, help="Budget in euros per calendar year.")
_COACHES = typer.Option(None, "--coaches", min=0, help="Job coaches for intensive mediation.")
_CASELOAD = typer.Option(None, "--caseload", min=1, help="People per coach in intensive mediation.")
_GROUPS = typer.Option(None, "--groups", min=0, help="Groups per course start for every module.")
_MEDIATION = typer.Option(
    None, "--mediation-eur", min=0, help="Cost of intensive mediation per person."
)
_WORKERS = typer.Option(
    None,
    "--workers",
    min=1,
    max=64,
    help="Processes for the individual plans (default: the CPUs present).",
)
_FORMAT = typer.Option(
    None, "--format", "-f", help="text | json | html (default: from -o, else text)"
)
_OUTPUT = typer.Option(
    None, "-o", "--output", help="Write to this file (the text table is printed too)."
)


@cohort_app.command("simulate")
def simulate_command(
    size: int = typer.Option(
        700, "--size", min=1, max=99_999, help="People in the synthetic intake."
    ),
    seed: int = typer.Option(
        1, "--seed", help="Seed of the synthetic people (same seed, same numbers)."
    ),
    municipality: str = typer.Option(..., "--municipality", help="CBS code, e.g. GM0363."),
    policy: list[str] = typer.Option(
        [], "--policy", help="A policy to compare (repeat; see `padplanner cohort policies`)."
    ),
    start: str | None = typer.Option(
        None, "--start", help="First day of the intake year (default 2026-01-05)."
    ),
    capacity: Path | None = _CAPACITY,
    budget: int | None = _BUDGET,
    coaches: int | None = _COACHES,
    caseload: int | None = _CASELOAD,
    groups: int | None = _GROUPS,
    mediation: int | None = _MEDIATION,
    workers: int | None = _WORKERS,
    fmt: str | None = _FORMAT,
    output: Path | None = _OUTPUT,
    people: bool = typer.Option(
        False, "--people", help="Include every person's placement in JSON."
    ),
    lang: str | None = lang_option(),
    effects: Path | None = typer.Option(
        None,
        "--effects",
        help="A padplanner.effects/1 file: the assumptions behind the work outcomes "
        "(default: the shipped one, with the interventions' effects unknown).",
    ),
) -> int:
    """Plan a synthetic year's intake and project it under each policy, side by side."""
    from padplanner.cohort import intake, report
    from padplanner.cohort.policies import get_policy, municipal_rules
    from padplanner.cohort.simulate import simulate
    from padplanner.engine.planner import Planner
    from padplanner.i18n import texts

    t = texts(language(lang))
    fmt = _format(fmt, output)
    code = _municipality(municipality)
    first = parse_date(start, "--start") or intake.INTAKE_START
    planner = Planner.default()
    names = list(policy) or ["fifo", "everyone"] + (
        ["municipal"] if municipal_rules(planner.manager, code) else []
    )
    if len(set(names)) != len(names):
        raise _problem("--policy", N_("cli.problem.cohort.twice"))
    chosen = [get_policy(name, code, planner.manager) for name in names]
    catalog = planner.catalog(code)
    overrides = _overrides(capacity, catalog, budget, coaches, caseload, groups, mediation)
    began = time.perf_counter()
    from padplanner.cohort.effects import load_effects

    assumed = load_effects(effects)
    clients = intake.synthetic_intake(size, seed, code, first)
    sim = simulate(
        clients, code, chosen, planner, overrides=overrides, workers=workers, effects=assumed
    )
    took = time.perf_counter() - began
    source = t(
        "cli.cohort.source.synthetic",
        size=size,
        seed=seed,
        start=t.date(intake.monday(first)),
    )
    doc = report.document(sim, kind="simulation", source=source, people=people)
    typer.echo(
        t(
            "cli.cohort.done",
            people=t.number(size),
            policies=t.number(len(chosen)),
            seconds=t.decimal(took),
        ),
        err=True,
    )
    _emit(doc, fmt, output, t.lang)
    return 0


@cohort_app.command("plan")
def plan_command(
    db: str | None = typer.Option(
        None, "--db", help="Database URL (default: PADPLANNER_DB or the user's SQLite file)."
    ),
    municipality: str | None = typer.Option(
        None,
        "--municipality",
        help="CBS code (needed when the store holds several; with --size, default "
        "PADPLANNER_MUNICIPALITY, else the first municipality an installed plugin serves).",
    ),
    policy: str = typer.Option(
        "municipal", "--policy", help="The policy (default: the municipality's own rule)."
    ),
    at: str | None = typer.Option(
        None,
        "--at",
        help=(
            "Plan as of this date (default: today). With --size: the day the synthetic "
            "intake starts, each person planned from their own term start (default: "
            "2026-01-05)."
        ),
    ),
    size: int | None = typer.Option(
        None,
        "--size",
        min=1,
        max=99_999,
        help="Plan a synthetic cohort of this size instead of the store.",
    ),
    seed: int = typer.Option(1, "--seed", help="Seed of the synthetic cohort."),
    capacity: Path | None = _CAPACITY,
    budget: int | None = _BUDGET,
    coaches: int | None = _COACHES,
    caseload: int | None = _CASELOAD,
    groups: int | None = _GROUPS,
    mediation: int | None = _MEDIATION,
    workers: int | None = _WORKERS,
    fmt: str | None = _FORMAT,
    output: Path | None = _OUTPUT,
    lang: str | None = lang_option(),
) -> int:
    """Plan everyone active in the store (or a synthetic cohort) with shared capacities."""
    from datetime import date

    from padplanner.cohort import intake, report
    from padplanner.cohort.policies import get_policy
    from padplanner.cohort.simulate import simulate
    from padplanner.engine.planner import Planner
    from padplanner.engine.served import default_municipality
    from padplanner.i18n import texts

    t = texts(language(lang))
    fmt = _format(fmt, output)
    when = parse_date(at)
    planner = Planner.default()
    if size is not None:
        code = _municipality(municipality or default_municipality(planner.manager))
        first = when or intake.INTAKE_START
        clients = intake.synthetic_intake(size, seed, code, first)
        source = t("cli.cohort.source.cohort", size=size, seed=seed)
        when = None
    else:
        clients, code, url = _from_store(db, municipality, when)
        when = when or date.today()
        source = t("cli.cohort.source.store", store=url, date=t.date(when))
    chosen = get_policy(policy, code, planner.manager)
    overrides = _overrides(
        capacity, planner.catalog(code), budget, coaches, caseload, groups, mediation
    )
    sim = simulate(clients, code, [chosen], planner, at=when, overrides=overrides, workers=workers)
    doc = report.document(sim, kind="plan", source=source, people=True)
    _emit(doc, fmt, output, t.lang, chosen.name if fmt == "text" else None, planner.catalog(code))
    return 0


def _from_store(db: str | None, municipality: str | None, when):
    from padplanner.cli.database import open_db, shown
    from padplanner.cohort.intake import store_intake

    store = open_db(db, create=False)
    url = shown(store.url) if hasattr(store, "url") else (db or "default")
    codes = store.municipalities()
    if municipality is None:
        if len(codes) != 1:
            found = ", ".join(codes) or "none"
            raise _problem("--municipality", N_("cli.problem.cohort.which"), found=found)
        municipality = codes[0]
    code = _municipality(municipality)
    clients = store_intake(store, code, when)
    if not clients:
        raise _problem("--db", N_("cli.problem.cohort.none"), code=code, url=url)
    return clients, code, url


@cohort_app.command("policies")
def policies_command(lang: str | None = lang_option()) -> int:
    """List the named policies and what each does."""
    from padplanner.cohort.policies import offered, said
    from padplanner.engine.planner import Planner
    from padplanner.i18n import texts

    lang = language(lang)
    t = texts(lang)
    planner = Planner.default()
    for policy in offered(planner.manager).values():
        title, about = said(policy, planner.catalog(policy.municipality or "GM0000"), lang)
        only = t("cli.cohort.only", municipality=policy.municipality)
        typer.echo(f"{policy.name}{' ' + only if policy.municipality else ''}: {title}")
        typer.echo(f"  {about}")
        typer.echo("  " + t("cli.cohort.policy_source", source=policy.source))
    return 0
