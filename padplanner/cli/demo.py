"""``padplanner demo --size N``: fill a database with synthetic people (never real ones)."""

from __future__ import annotations

import typer

from padplanner.cli.common import language
from padplanner.cli.database import DB_HELP, open_db, shown
from padplanner.cli.options import lang_option
from padplanner.i18n import texts


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


def demo_command(
    size: int = typer.Option(700, "--size", "-n", help="How many people (1..99,999)."),
    seed: int = typer.Option(0, "--seed", help="Same seed, same people."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Simulate the progress recorded so far."
    ),
    lang: str | None = lang_option(),
) -> int:
    """Fill an empty database with synthetic people, planned, with their simulated progress."""
    import time

    from padplanner.errors import InputError, Problem
    from padplanner.store.demo_fill import fill_demo

    if not 1 <= size <= 99_999:
        raise InputError([Problem.worded("--size", "", "cli.problem.demo.size", size=size)])
    t = texts(language(lang))  # a bad --lang stops before anything is written
    started = time.perf_counter()
    with open_db(db) as store:
        added = fill_demo(store, size, seed, progress=progress, lang=t.lang)
        url = shown(store.url)
    seconds = t.decimal(time.perf_counter() - started)
    typer.echo(
        t.ngettext("cli.demo.added", "cli.demo.added.plural", added, url=url, seconds=seconds)
    )
    return 0
