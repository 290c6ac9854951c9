"""``padplanner export ID`` (a plan document) and ``padplanner export research``.

``export`` is a group whose default command is ``plan``: ``padplanner export demo-0001 -f md``
is ``padplanner export plan demo-0001 -f md``. (A person whose id is literally ``research``
or ``plan`` is exported with ``padplanner export plan ID``.)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import typer
from typer.core import TyperGroup

from padplanner.cli.common import choice, language, write_output
from padplanner.cli.database import DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.i18n import texts

PLAN_FORMATS = ("text", "json", "md", "html", "pdf", "ics")


class DefaultToPlan(TyperGroup):
    """A group that treats an unknown first word as the person id of ``plan``."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["plan", *args]
        return super().parse_args(ctx, args)


export_app = typer.Typer(
    name="export",
    cls=DefaultToPlan,
    help="Export a person's plan (export ID) or the pseudonymised research dataset.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("plan")
def plan_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    fmt: str = typer.Option("md", "--format", "-f", help="md | html | pdf | ics | json | text"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    revision: int | None = typer.Option(None, "--revision", help="Default: the latest."),
    lang: str | None = lang_option(),
    audience: str = typer.Option(
        "formal", "--audience", help="formal (the PIP) | person (an A2 summary)"
    ),
    show_bsn: bool = typer.Option(False, "--bsn", help="Print the BSN in the document."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> int:
    """Write a saved plan as a document."""
    from padplanner import Planner
    from padplanner.errors import InputError, Problem
    from padplanner.export import FORMATS, render
    from padplanner.store.events import discussion

    choice(fmt, PLAN_FORMATS, "--format")
    lang = language(lang)
    choice(audience, ("formal", "person"), "--audience")
    if fmt not in FORMATS:
        raise InputError([Problem.worded("--format", "", "cli.problem.format", format=fmt)])
    with open_db(db, create=False) as store:
        if revision is None:
            latest = store.latest_plan(person_id)
            if latest is None:
                raise InputError(
                    [Problem.worded(person_id, "", "cli.problem.no_plan", person=person_id)]
                )
            number, plan = latest
        else:
            number, plan = revision, store.revision(person_id, revision).plan
        client = store.current_client(person_id, at=plan.reference_date)
        recorded = [r.event for r in store.events(person_id)]
        content = render(
            plan,
            fmt,
            client=client,
            catalog=Planner.default().catalog(plan.municipality),
            lang=lang,
            audience=audience,
            show_bsn=show_bsn,
            discussion=discussion(recorded, number, plan.reference_date),
        )
        write_output(content, output, lang)  # the look is recorded once it is written
        store.look(person_id, "document", f"revision {number} as {fmt}")
    return 0


@export_app.command("research")
def research_command(
    output: Path = typer.Option(..., "-o", "--output", help="The file to write (.csv, .jsonl)."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="csv | jsonl (default: suffix)"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Write the pseudonymised dataset (no names, BSNs or birth dates) for research."""
    from padplanner.store.research import RESEARCH_FIELDS, research_rows

    lang = language(lang)

    fmt = fmt or ("jsonl" if output.suffix.lower() in (".jsonl", ".json") else "csv")
    choice(fmt, ("csv", "jsonl"), "--format")
    with open_db(db, create=False) as store:
        rows = research_rows(store, store.actor, log=False)
        if fmt == "jsonl":
            text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(RESEARCH_FIELDS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            text = buffer.getvalue()
        write_output(text, output, lang)  # the export is recorded once it is written
        store.look(None, "export", f"research dataset: {len(rows)} people")
    typer.echo(
        texts(lang).ngettext("cli.research.rows", "cli.research.rows.plural", len(rows)), err=True
    )
    return 0
