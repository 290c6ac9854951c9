"""``padplanner user add|list|role|disable|enable`` and ``padplanner team add|list``.

Users are the login roles of a shared PostgreSQL database (``padplanner db roles`` first);
padplanner stores no passwords: the deployment authenticates (password, certificate or peer
authentication, see docs/deployment.md). Teams work on SQLite too.
"""

from __future__ import annotations

import json

import typer

from padplanner.cli.common import language
from padplanner.cli.database import DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.i18n import texts

ROLE_HELP = "counsellor | teamlead | analyst | admin | auditor"

user_app = typer.Typer(
    name="user",
    help="Users of a shared PostgreSQL database: add, list, change role, disable, enable.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
team_app = typer.Typer(
    name="team", help="Teams: add and list.", no_args_is_help=True, rich_markup_mode=None
)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(team_app, name="team")


@user_app.command("add")
def add_command(
    name: str = typer.Argument(..., help="The database login to create (lower case)."),
    role: str = typer.Option(..., "--role", help=ROLE_HELP),
    team: str | None = typer.Option(None, "--team", help="Needed for counsellors and leads."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Create a login role with a padplanner role (no password: see docs/deployment.md)."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.add_user(name, role, team)
    if team:
        typer.echo(t("cli.user.added.team", user=name, role=role, team=team))
    else:
        typer.echo(t("cli.user.added", user=name, role=role))
    return 0


@user_app.command("list")
def list_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """The users, their role, team and whether they may log in."""
    with open_db(db, create=False) as store:
        found = store.users()
    if as_json:
        out = {
            "schema": "padplanner.users/1",
            "users": [
                {"name": u.name, "role": u.role, "team": u.team, "active": u.active} for u in found
            ],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    t = texts(language(lang))
    for u in found:
        state = "" if u.active else "  " + t("cli.user.disabled.mark")
        typer.echo(f"{u.name:<32} {u.role:<11} {u.team or '-':<16}{state}")
    return 0


@user_app.command("role")
def role_command(
    name: str = typer.Argument(...),
    role: str = typer.Argument(..., help=ROLE_HELP),
    team: str | None = typer.Option(None, "--team", help="Default: the user's team."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Change a user's role (and team); logged."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.set_role(name, role, team)
    typer.echo(t("cli.user.role", user=name, role=role))
    return 0


@user_app.command("disable")
def disable_command(
    name: str = typer.Argument(...),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """The user can no longer log in, and an open session loses its role at once; logged."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.disable_user(name)
    typer.echo(t("cli.user.disabled", user=name))
    return 0


@user_app.command("enable")
def enable_command(
    name: str = typer.Argument(...),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Let a disabled user log in again, with the role they had; logged."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.enable_user(name)
    typer.echo(t("cli.user.enabled", user=name))
    return 0


@team_app.command("add")
def team_add_command(
    team: str = typer.Argument(..., help="The team's id (lower case)."),
    name: str = typer.Option("", "--name", help="A name to show (default: the id)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Add a team."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        store.add_team(team, name)
    typer.echo(t("cli.team.added", team=team))
    return 0


@team_app.command("list")
def team_list_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """The teams and how many people each has (that you may see)."""
    with open_db(db, create=False) as store:
        found = store.teams()
    if as_json:
        out = {
            "schema": "padplanner.teams/1",
            "teams": [{"id": k.id, "name": k.name, "people": k.people} for k in found],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    t = texts(language(lang))
    for k in found:
        people = t.ngettext("cli.db.people", "cli.db.people.plural", k.people)
        typer.echo(f"{k.id:<20} {k.name:<30} {people:>14}")
    return 0
