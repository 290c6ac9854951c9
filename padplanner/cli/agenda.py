"""``padplanner agenda [--week DATE] [--counsellor NAME] [--format text|json|ics]``: what is due
or overdue in a counsellor's week (docs/agenda.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from padplanner.cli.database import DB_HELP, open_db
from padplanner.cli.options import lang_option

FORMATS = ("text", "json", "ics")


def register(app: typer.Typer) -> None:
    app.command("agenda")(agenda_command)


def agenda_command(
    week: str | None = typer.Option(
        None, "--week", help="A day of the week to show (default: today)."
    ),
    counsellor: str | None = typer.Option(
        None, "--counsellor", help="Only this counsellor's people (user name)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | ics"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """What is due or overdue this week: conversations, PIPs, plans to amend, follow-ups."""
    from padplanner import Planner
    from padplanner.agenda.collect import agenda
    from padplanner.agenda.render import to_ics, to_json, to_text
    from padplanner.cli.common import choice, language, parse_date, write_output
    from padplanner.store.validation import check_author

    choice(fmt, FORMATS, "--format")
    lang = language(lang)
    day = parse_date(week, "--week")
    if counsellor is not None:
        check_author(counsellor, "--counsellor")
    with open_db(db, create=False) as store:
        shown, items = agenda(store, Planner.default(), day or store.today(), counsellor)
        now = store.now()
    if fmt == "ics":
        calendar = to_ics(shown, items, lang, now)
        if output is None:
            sys.stdout.write(calendar.decode("utf-8"))
        else:
            write_output(calendar, output, lang)
        return 0
    text = to_json(shown, items, lang) if fmt == "json" else to_text(shown, items, lang)
    write_output(text, output, lang)
    return 0
