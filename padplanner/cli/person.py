"""``padplanner person add FILE|list|show ID|forget ID``: the people in the caseload."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from padplanner.cli.common import language
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.i18n import N_, texts

person_app = typer.Typer(
    name="person",
    help="People in the caseload: add, list, show, forget, assign, share, import a handover.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")


def read_client_file(path: Path) -> Any:
    """A client from a TOML or JSON intake file (a regular file of at most 1 MiB; see
    ``padplanner.limits``). JSON has no dates: they are written ``"2025-09-01"``."""
    from padplanner.clientfile import load_client, parse_client
    from padplanner.errors import InputError, Problem
    from padplanner.limits import read_json

    if path.suffix.lower() != ".json":
        return load_client(path)
    data = read_json(path)
    if not isinstance(data, dict):
        raise InputError([Problem.worded(str(path), "", "cli.problem.person.json")])
    return parse_client(data, str(path), dates_as_text=True)


def mask(bsn: str | None) -> str | None:
    return None if bsn is None else "*****" + bsn[-4:]


@person_app.command("add")
def add_command(
    file: Path = typer.Argument(..., help="A padplanner.client/1 intake (TOML or JSON)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    team: str | None = typer.Option(None, "--team", help="Default: yours (or the default)."),
    counsellor: str | None = typer.Option(
        None, "--counsellor", help="Their counsellor's login (default: you, if a counsellor)."
    ),
    lang: str | None = lang_option(),
) -> int:
    """Add a person from an intake file (plan them with: padplanner replan ID)."""
    t = texts(language(lang))
    client = read_client_file(file)
    with open_db(db) as store:
        store.add_person(client, author or store.actor, team=team, counsellor=counsellor)
    typer.echo(t("cli.person.added", person=client.id))
    return 0


@person_app.command("list")
def list_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    search: str = typer.Option("", "--search", "-s", help="Part of a name or id, or a BSN."),
    route: str | None = typer.Option(None, "--route", help="b1 | onderwijs | z"),
    risk: str | None = typer.Option(None, "--risk", help="any | contact | behind | deadline"),
    municipality: str | None = typer.Option(None, "--municipality", help="CBS code"),
    sort: str = typer.Option("name", "--sort", help="name, id, deadline, slack, risk, ..."),
    descending: bool = typer.Option(False, "--desc", help="Sort descending."),
    limit: int = typer.Option(100, "--limit", help="At most this many people."),
    offset: int = typer.Option(0, "--offset", help="Skip this many first."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """List the caseload (with filters, sorting and paging)."""
    from padplanner.limits import printable

    with open_db(db) as store:
        filters = dict(search=search, route=route, risk=risk, municipality=municipality)
        rows = store.list_people(
            **filters, order_by=sort, descending=descending, limit=limit, offset=offset
        )
        total = store.count_people(**filters)
    if as_json:
        out = {
            "schema": "padplanner.caseload/1",
            "total": total,
            "people": [
                {
                    "id": r.id,
                    "name": r.name,
                    "municipality": r.municipality,
                    "route": r.route,
                    "phase": r.phase,
                    "next_milestone": r.next_milestone,
                    "next_milestone_date": _iso(r.next_milestone_date),
                    "deadline": _iso(r.deadline),
                    "slack_weeks": r.slack_weeks,
                    "risk": r.risk,
                    "risk_flags": list(r.risk_flags),
                    "revision": r.revision,
                    "last_contact": _iso(r.last_contact),
                }
                for r in rows
            ],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    t = texts(language(lang))
    head = [
        t(key)
        for key in (
            N_("cli.person.col.id"),
            N_("cli.person.col.name"),
            N_("cli.person.col.municipality"),
            N_("cli.person.col.route"),
            N_("cli.person.col.phase"),
            N_("cli.person.col.deadline"),
            N_("cli.person.col.slack"),
            N_("cli.person.col.risk"),
            N_("cli.person.col.revision"),
        )
    ]
    typer.echo(
        f"{head[0]:<12} {head[1]:<28} {head[2]:<6} {head[3]:<9} {head[4]:<9} "
        f"{head[5]:<11} {head[6]:>7} {head[7]:<8} {head[8]}"
    )
    from padplanner.cli.progress_report import RISKS
    from padplanner.tui.words import PHASES

    for r in rows:
        name = printable(r.name or "-")  # one person, one line, whatever was stored
        phase = t.get(PHASES.get(r.phase), r.phase)
        risk = t.get(RISKS.get(r.risk), r.risk)
        typer.echo(
            f"{r.id:<12} {name[:28]:<28} {r.municipality:<6} {r.route or '-':<9} "
            f"{phase:<9} {t.short_date(r.deadline) if r.deadline else '-':<11} "
            f"{'-' if r.slack_weeks is None else r.slack_weeks:>7} {risk:<8} {r.revision}"
        )
    typer.echo(t("cli.person.count", shown=t.number(len(rows)), total=t.number(total)), err=True)
    return 0


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@person_app.command("show")
def show_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    show_bsn: bool = typer.Option(False, "--bsn", help="Show the full BSN."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """Show a person: intake, current state, latest plan and progress."""
    import attrs

    from padplanner.clientfile import client_to_dict, dump_client

    with open_db(db) as store:
        intake = store.get_person(person_id)
        current = store.current_client(person_id)
        latest = store.latest_plan(person_id)
        report = store.progress(person_id)
        store.look(person_id, "show", "with the full BSN" if show_bsn else "")
    if not show_bsn:
        intake = attrs.evolve(intake, bsn=mask(intake.bsn))
    if as_json:
        data = client_to_dict(intake)
        out = {
            "schema": "padplanner.person/1",
            "intake": json.loads(json.dumps(data, default=str)),
            "current": {
                "municipality": current.municipality,
                "weekly_hours": current.weekly_hours,
                "levels": {k: str(v) for k, v in current.levels.as_dict().items()},
                "completed": list(current.progress.completed),
                "hours_done": current.progress.hours_done,
                "extensions_weeks": current.progress.extensions_weeks,
            },
            "revision": latest[0] if latest else 0,
            "route": latest[1].route.id if latest else None,
            "risk": report.risk,
            "risk_flags": list(report.flags),
            "explanations": list(report.explanations),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    t = texts(language(lang))
    typer.echo(dump_client(intake).rstrip())
    typer.echo("")
    levels = " ".join(f"{k} {v}" for k, v in current.levels.as_dict().items())
    now = t(
        "cli.person.now",
        municipality=current.municipality,
        hours=t.hours(current.weekly_hours),
        levels=levels,
    )
    typer.echo(f"# {now}")
    done = ", ".join(current.progress.completed) or "-"
    hours = t.hours(sum(current.progress.hours_done.values()))
    typer.echo("# " + t("cli.person.completed", done=done, hours=hours))
    if latest:
        rev, plan = latest
        summary = t(
            "cli.person.plan",
            revision=rev,
            route=plan.route.id,
            completion=t.date(plan.completion_date),
            deadline=t.date(plan.deadline),
            slack=t.weeks(plan.slack_weeks),
        )
        typer.echo(f"# {summary}")
    else:
        typer.echo("# " + t("cli.person.no_plan", person=person_id))
    typer.echo("# " + t("cli.progress.risk", risk=report.risk))
    for line in report.explain(t):
        typer.echo(f"#   {line}")
    return 0


@person_app.command("forget")
def forget_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    lang: str | None = lang_option(),
) -> int:
    """Erase a person's personal data (name, BSN, birth date, free text); keep statistics."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        if not store.has_person(person_id):
            from padplanner.store.errors import UnknownPerson

            raise UnknownPerson(person_id)
        if not yes:
            import sys

            from padplanner.errors import InputError, Problem

            if not sys.stdin.isatty():
                raise InputError([Problem.worded(person_id, "", "cli.problem.person.yes")])
            if not typer.confirm(t("cli.person.forget.confirm", person=person_id)):
                typer.echo(t("cli.nothing_changed"), err=True)
                return 1
        done = store.forget(person_id, author or store.actor)
    typer.echo(t("cli.person.forgotten", person=person_id))
    if done.file_clean is False:
        typer.echo(t("cli.person.forget.still_read"), err=True)
    if done.backups:
        typer.echo(
            t.ngettext("cli.person.forget.held", "cli.person.forget.held.plural", len(done.backups))
        )
        for held in done.backups:
            when = f"{t.date(held.written_at.date())} {held.written_at:%H:%M} UTC"
            typer.echo(t("cli.person.forget.backup", path=held.path, when=when, by=held.actor))
    typer.echo(t("cli.person.forget.backups_keep"))
    return 0


@person_app.command("assign")
def assign_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    counsellor: str | None = typer.Option(None, "--counsellor", help="The new counsellor."),
    team: str | None = typer.Option(None, "--team", help="Another team (its lead assigns)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
) -> int:
    """Hand a person over to another counsellor or team (a team lead's task; logged)."""
    with open_db(db, create=False) as store:
        old_team, old, new_team, new = store.assign(
            person_id, team=team, counsellor=counsellor, author=author
        )
    typer.echo(f"{person_id}: {old or '-'} ({old_team}) -> {new or '-'} ({new_team})")
    return 0


@person_app.command("share")
def share_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    user: str = typer.Option(..., "--with", help="The colleague's login."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Let a colleague see this person too (a shared database; logged)."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.share(person_id, user)
    typer.echo(t("cli.person.shared", person=person_id, user=user))
    return 0


@person_app.command("unshare")
def unshare_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    user: str = typer.Option(..., "--with", help="The colleague's login."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Stop sharing this person with a colleague (logged)."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.unshare(person_id, user)
    typer.echo(t("cli.person.unshared", person=person_id, user=user))
    return 0
