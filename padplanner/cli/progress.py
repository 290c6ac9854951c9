"""``padplanner progress ID ...``: planned against actual, or record what happened.

``padplanner progress ID`` alone shows planned against actual and the risk flags; with a
subcommand it records one event::

    padplanner progress demo-0001 hours nt2-a0-a1 12 --on 2025-10-06
    padplanner progress demo-0001 exam reading A2
    padplanner progress demo-0001 completed knm
    padplanner progress demo-0001 extension --cause birth        # +16 weeks
    padplanner progress demo-0001 moved GM0363                   # keeps the route, replans

This module holds the commands; the report they show without a subcommand (JSON or a table)
is made in ``progress_report.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from padplanner.cli import progress_report
from padplanner.cli.common import language, parse_date
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db, stale_to_input
from padplanner.cli.options import lang_option
from padplanner.i18n import texts


def _texts(ctx: typer.Context):
    """The texts of the language the progress group was given (``--lang``, else the default)."""
    return texts(language(ctx.obj.get("lang")))


class _IdFirst(TyperGroup):
    """``progress ID --at DATE``: options after the id (no subcommand) still reach the group;
    ``progress ID --lang en hours ...`` gives the group's options to a subcommand."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and (len(args) == 1 or args[1].startswith("-")):
            command = next((i for i, a in enumerate(args[1:], 1) if a in self.commands), None)
            if command is None:
                args = [*args[1:], args[0]]
            else:  # progress ID --lang en hours ... → progress --lang en ID hours ...
                args = [*args[1:command], args[0], *args[command:]]
        return super().parse_args(ctx, args)


progress_app = typer.Typer(
    name="progress",
    cls=_IdFirst,
    help="Show planned against actual for ID, or record what happened (a subcommand).",
    invoke_without_command=True,
    no_args_is_help=True,
    rich_markup_mode=None,
)

DB = typer.Option(None, "--db", help=DB_HELP)
AUTHOR = typer.Option(None, "--author", help=AUTHOR_HELP)
ON = typer.Option(None, "--on", help="When it happened (default: today).")
NOTE = typer.Option(None, "--note", help="A short free-text note (erased by forget).")


def register(app: typer.Typer) -> None:
    app.add_typer(progress_app, name="progress")


@progress_app.callback()
def progress_root(
    ctx: typer.Context,
    person_id: str = typer.Argument(..., metavar="ID", help="The person's id."),
    db: str | None = DB,
    at: str | None = typer.Option(None, "--at", help="As of this date (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> None:
    ctx.obj = {"id": person_id, "db": db, "lang": lang}
    if ctx.invoked_subcommand is not None:
        return
    with open_db(db, create=False) as store:
        report = store.progress(person_id, parse_date(at))
        latest = None if as_json else store.latest_plan(person_id)
    if as_json:
        typer.echo(json.dumps(progress_report.to_json(report), ensure_ascii=False, indent=2))
        return
    for line in progress_report.table(report, latest, texts(language(lang))):
        typer.echo(line)


def _record(ctx: typer.Context, db: str | None, author: str | None, event: Any) -> int:
    with open_db(db or ctx.obj["db"], create=False) as store:
        store.record_event(ctx.obj["id"], event, author or store.actor)
    t = _texts(ctx)
    typer.echo(
        t("cli.progress.recorded", person=ctx.obj["id"], kind=event.kind, date=t.date(event.on))
    )
    return 0


def _on(on: str | None) -> Any:
    from datetime import date

    return parse_date(on, "--on") or date.today()


@progress_app.command("hours")
def hours_command(
    ctx: typer.Context,
    module: str = typer.Argument(..., help="The module id (see padplanner graph)."),
    hours: float = typer.Argument(..., help="Hours attended."),
    remote: bool = typer.Option(False, "--remote", help="Not in person (online)."),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """Hours attended in a module."""
    from padplanner.store.events import HoursAttended

    event = HoursAttended(_on(on), module, hours, in_person=not remote, note=note)
    return _record(ctx, db, author, event)


@progress_app.command("exam")
def exam_command(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help="reading | listening | writing | speaking"),
    level: str = typer.Argument(..., help="The CEFR level of the exam (A1 .. C2)."),
    failed: bool = typer.Option(False, "--failed", help="The exam was not passed."),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """An exam result for one skill."""
    from padplanner.errors import InputError, Problem
    from padplanner.model import Level
    from padplanner.store.events import ExamResult

    try:
        parsed = Level.parse(level)
    except ValueError as exc:
        raise InputError([Problem("LEVEL", "", exc.args[0])]) from None
    event = ExamResult(_on(on), skill, parsed, passed=not failed, note=note)
    return _record(ctx, db, author, event)


def _simple_event(name: str, kind: str, value: Any, doc: str) -> None:
    """Register ``progress ID NAME VALUE``: one event class built as ``kind(day, value, note)``.

    ``value`` is the Typer parameter for the one field that differs (its metavar names it).
    """

    def command(
        ctx: typer.Context,
        value: str = value,
        on: str | None = ON,
        note: str | None = NOTE,
        db: str | None = DB,
        author: str | None = AUTHOR,
    ) -> int:
        from padplanner.store import events

        return _record(ctx, db, author, getattr(events, kind)(_on(on), value, note))

    command.__doc__ = doc
    progress_app.command(name)(command)


_simple_event(
    "completed",
    "ComponentCompleted",
    typer.Argument(..., metavar="component", help="knm | pvt | map | values | diploma-evaluated"),
    "A component completed (KNM exam, PVT, MAP, ...).",
)


@progress_app.command("pip-set")
def pip_set_command(
    ctx: typer.Context,
    revision: int | None = typer.Option(None, "--revision", help="The plan revision it sets."),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """The PIP was set (the formal decision): the agenda stops asking for it."""
    from padplanner.store.events import PipSet

    return _record(ctx, db, author, PipSet(_on(on), revision, note))


@progress_app.command("discussed")
def discussed_command(
    ctx: typer.Context,
    revision: int | None = typer.Option(None, "--revision", help="The plan revision discussed."),
    interpreter: bool = typer.Option(False, "--interpreter", help="With an interpreter."),
    agreement: str = typer.Option(
        "agrees", "--agreement", help="Does the person agree: agrees | partly | disagrees."
    ),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """The plan was discussed with the person (the PIP says when, how and whether they agree)."""
    from padplanner.store.events import PlanDiscussed

    event = PlanDiscussed(_on(on), revision, interpreter, agreement, note)
    return _record(ctx, db, author, event)


@progress_app.command("placement")
def placement_command(
    ctx: typer.Context,
    action: str = typer.Argument(..., help="start | end"),
    sector: str = typer.Argument(..., help="The sector key (care, logistics, ...)."),
    not_completed: bool = typer.Option(
        False, "--not-completed", help="Ended early (grants nothing)."
    ),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """A work-experience placement started or ended."""
    from padplanner.cli.common import choice
    from padplanner.store.events import PlacementEnded, PlacementStarted

    choice(action, ("start", "end"), "ACTION")
    day = _on(on)
    if action == "start":
        event: Any = PlacementStarted(day, sector, note)
    else:
        event = PlacementEnded(day, sector, completed=not not_completed, note=note)
    return _record(ctx, db, author, event)


@progress_app.command("job")
def job_command(
    ctx: typer.Context,
    action: str = typer.Argument(..., help="start | end"),
    sector: str | None = typer.Argument(None, help="The sector key (for start)."),
    hours_per_week: int = typer.Option(24, "--hours-per-week", help="Hours of the job."),
    path_hours: int | None = typer.Option(
        None, "--path-hours", help="Hours a week left for the integration path."
    ),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """A job started or ended."""
    from padplanner.cli.common import choice
    from padplanner.errors import InputError, Problem
    from padplanner.store.events import JobEnded, JobStarted

    choice(action, ("start", "end"), "ACTION")
    day = _on(on)
    if action == "start":
        if not sector:
            raise InputError([Problem.worded("SECTOR", "", "cli.problem.progress.sector")])
        event: Any = JobStarted(day, sector, hours_per_week, path_hours, note)
    else:
        event = JobEnded(day, note)
    return _record(ctx, db, author, event)


@progress_app.command("extension")
def extension_command(
    ctx: typer.Context,
    weeks: int | None = typer.Argument(None, help="Weeks granted (birth: 16 by default)."),
    cause: str = typer.Option("other", "--cause", help="illness | birth | other"),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """A term extension granted by DUO."""
    from padplanner.errors import InputError, Problem
    from padplanner.store.events import BIRTH_EXTENSION_WEEKS, ExtensionGranted

    if weeks is None:
        if cause != "birth":
            raise InputError([Problem.worded("WEEKS", "", "cli.problem.progress.weeks")])
        weeks = BIRTH_EXTENSION_WEEKS
    return _record(ctx, db, author, ExtensionGranted(_on(on), weeks, cause, note))


_simple_event(
    "term-ended",
    "TermEnded",
    typer.Argument(..., metavar="outcome", help="completed | fined | exempted | other"),
    "The integration term ended.",
)
_simple_event(
    "contact",
    "ContactHeld",
    typer.Option("progress", "--topic", help="progress | map-final | job-follow-up | other"),
    "A conversation with the person took place.",
)


@progress_app.command("event")
def event_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help='A JSON event {"kind": ..., "on": ...} or a list.'),
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """Record events from a JSON file (all or nothing is checked first)."""
    from padplanner.errors import InputError
    from padplanner.limits import read_json, shape_problems
    from padplanner.store.validation import event_from_dict

    data = read_json(file)  # a regular file of at most 1 MiB, strict JSON
    if problems := shape_problems(data, str(file)):
        raise InputError(problems)
    if isinstance(data, list):
        parsed = [event_from_dict(item, f"{file}[{i}]") for i, item in enumerate(data)]
    else:
        parsed = [event_from_dict(data, str(file))]
    with open_db(db or ctx.obj["db"], create=False) as store:
        for event in parsed:
            store.record_event(ctx.obj["id"], event, author or store.actor)
    t = _texts(ctx)
    typer.echo(
        t.ngettext(
            "cli.progress.recorded_events",
            "cli.progress.recorded_events.plural",
            len(parsed),
            person=ctx.obj["id"],
        )
    )
    return 0


@progress_app.command("moved")
def moved_command(
    ctx: typer.Context,
    municipality: str = typer.Argument(..., help="The new municipality (CBS code, GM....)."),
    on: str | None = ON,
    note: str | None = NOTE,
    db: str | None = DB,
    author: str | None = AUTHOR,
) -> int:
    """The person moved: keep the route and replan under the new municipality."""
    from padplanner import Planner
    from padplanner.store import StaleRevision

    with open_db(db or ctx.obj["db"], create=False) as store:
        try:
            number = store.move(
                ctx.obj["id"],
                municipality,
                Planner.default(),
                author or store.actor,
                _on(on),
                note,
            )
        except StaleRevision as exc:
            raise stale_to_input(exc) from None
    t = _texts(ctx)
    typer.echo(
        t("cli.progress.moved", person=ctx.obj["id"], municipality=municipality, revision=number)
    )
    return 0
