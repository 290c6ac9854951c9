"""``padplanner audit [--person ID] [--user NAME] [--since DATE] [--json]``: the logs.

Both logs, newest first: the change log (``audit``: created, changed, assigned, users and
roles) and the access log (``look``: who opened, showed, exported or handed over whose
file). On a shared database only an auditor (or the owner) may read them. A lottery draw's
detail is stored as data (a rule id and its values) and said in the language asked; ``--json``
gives it as stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import typer

from padplanner.cli.common import language, parse_date
from padplanner.cli.database import DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.i18n import texts


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_command)


def audit_command(
    person: str | None = typer.Option(None, "--person", help="Only this person (id)."),
    user: str | None = typer.Option(None, "--user", help="Only what this login did."),
    since: str | None = typer.Option(None, "--since", help="From this date (2026-01-05)."),
    limit: int = typer.Option(1000, "--limit", help="At most this many of each log."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """Who changed and who looked at what, when (for the auditor; read-only)."""
    from padplanner.errors import InputError, Problem

    start = parse_date(since, "--since")
    when = datetime(start.year, start.month, start.day, tzinfo=UTC) if start else None
    if not 1 <= limit <= 100_000:
        raise InputError([Problem.worded("--limit", "", "cli.problem.audit.limit")])
    with open_db(db, create=False) as store:
        changes = store.audit(person_id=person, actor=user, limit=limit, since=when)
        looks = store.accesses(person_id=person, actor=user, since=when, limit=limit)
    rows = [("change", e) for e in changes] + [("look", e) for e in looks]
    rows.sort(key=lambda r: (r[1].at, r[0], r[1].id), reverse=True)
    if as_json:
        out = {
            "schema": "padplanner.audit/1",
            "entries": [
                {
                    "log": log,
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "person": e.person_id,
                    "detail": e.detail,
                }
                for log, e in rows
            ],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    from padplanner.store.lottery import say

    t = texts(language(lang))
    for log, e in rows:
        detail = say(e.detail, t) if e.action == "lottery" else e.detail
        typer.echo(
            f"{e.at:%Y-%m-%d %H:%M:%S} {log:<6} {e.actor:<24} {e.action:<12} "
            f"{e.person_id or '-':<16} {detail}"
        )
    changed = t.ngettext("cli.audit.changes", "cli.audit.changes.plural", len(changes))
    looked = t.ngettext("cli.audit.looks", "cli.audit.looks.plural", len(looks))
    typer.echo(t("cli.audit.counts", changes=changed, looks=looked), err=True)
    return 0
