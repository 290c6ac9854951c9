"""``padplanner handover ID -o FILE`` and ``padplanner person import-handover FILE``: a warm
handover to another municipality (the format: ``padplanner/store/handover.py``)."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import language
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.cli.person import person_app
from padplanner.i18n import texts


def register(app: typer.Typer) -> None:
    app.command("handover")(handover_command)
    person_app.command("import-handover")(import_command)


def handover_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    output: Path = typer.Option(..., "-o", "--output", help="The handover file to write."),
    to: str | None = typer.Option(None, "--to", help="The receiving municipality (GMxxxx)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Write a person's plan, history and decisions for another municipality (checksummed)."""
    from padplanner.cli.common import write_output
    from padplanner.errors import InputError, Problem
    from padplanner.store import handover

    if to is not None and not (len(to) == 6 and to.startswith("GM") and to[2:].isdigit()):
        raise InputError([Problem.worded("--to", "", "cli.problem.code", code=repr(to[:20]))])
    with open_db(db, create=False) as store:
        text, now_in = handover.write(store, person_id, to)
        write_output(text, output, lang)  # logged once the file is written
        store.look(person_id, "handover", f"from {now_in} to {to or '?'}")
        with store.write() as conn:
            store.log(conn, "handover-out", person_id, f"from {now_in} to {to or '?'}")
    return 0


def import_command(
    file: Path = typer.Argument(..., help="A padplanner.handover file."),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Ours (GMxxxx); default: the file's receiving one."
    ),
    person_id: str | None = typer.Option(None, "--id", help="Another id for the person here."),
    team: str | None = typer.Option(None, "--team", help="Default: yours (or the default)."),
    counsellor: str | None = typer.Option(None, "--counsellor", help="Their counsellor here."),
    at: str | None = typer.Option(None, "--at", help="Replan as of this date (default today)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Take in a handover: check it, add the person with their history, replan here."""
    from padplanner import Planner
    from padplanner.cli.common import parse_date
    from padplanner.errors import InputError, Problem
    from padplanner.store import handover

    received = handover.read(file)
    target = municipality or received.to_municipality
    if target is None:
        raise InputError([Problem.worded(str(file), "", "cli.problem.handover.to")])
    with open_db(db) as store:
        if store.access.enforced:
            team = team or store.access.team
            if counsellor is None and store.access.role == "counsellor":
                counsellor = store.access.user
        number = handover.take_in(
            store,
            received,
            Planner.default(),
            target,
            person_id=person_id,
            author=author or store.actor,
            today=parse_date(at),
            team=team,
            counsellor=counsellor,
        )
    t = texts(language(lang))
    who = person_id or received.person.id
    came = received.from_municipality
    typer.echo(t("cli.handover.taken_in", person=who, came=came, revision=number, to=target))
    return 0
