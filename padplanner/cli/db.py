"""``padplanner db init|migrate|check|refresh|backup FILE|restore FILE``: the database."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import language
from padplanner.cli.database import DB_HELP, open_db, shown
from padplanner.cli.options import lang_option
from padplanner.i18n import texts

db_app = typer.Typer(
    name="db",
    help="The caseload database: create, migrate, check, back up and restore it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("init")
def init_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Create the database (or bring an existing one to the current schema)."""
    t = texts(language(lang))
    store = open_db(db)
    with store:
        typer.echo(t("cli.db.ready", url=shown(store.url), version=store.schema_version()))
    return 0


@db_app.command("migrate")
def migrate_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Apply pending schema migrations."""
    t = texts(language(lang))
    from padplanner.store.connect import default_url, make_engine
    from padplanner.store.migrations import migrate

    url = db or default_url()
    engine = make_engine(url, create=False)
    try:
        before, after = migrate(engine)
        # grants, policies and triggers brought up to date every time, not only after a step:
        # a deployment migrated by an older padplanner that did not may still lack them
        from padplanner.store import roles
        from padplanner.store.connect import WRITE

        with engine.execution_options(**{WRITE: True}).begin() as conn:
            prefix = roles.bring_up_to_date(conn)
    finally:
        engine.dispose()
    if before == after:
        typer.echo(t("cli.db.migrate.current", version=after))
    else:
        typer.echo(t("cli.db.migrated", url=shown(url), before=before, after=after))
    if prefix:
        typer.echo(t("cli.db.roles.again", prefix=prefix))
    return 0


@db_app.command("roles")
def roles_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    prefix: str = typer.Option(
        "padplanner", "--prefix", help="Group roles are PREFIX_counsellor, PREFIX_teamlead, ..."
    ),
    lang: str | None = lang_option(),
) -> int:
    """Set up (or bring up to date) roles, grants and row-level security on PostgreSQL.

    Run it as the database owner (the login that migrated the schema, with CREATEROLE). It
    is idempotent; docs/deployment.md says what it creates."""
    t = texts(language(lang))
    with open_db(db, create=False) as store:
        made = store.setup_roles(prefix)
    typer.echo(t("cli.db.roles", roles=", ".join(made)))
    return 0


@db_app.command("check")
def check_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Check integrity, schema version, revision numbering and plan checksums."""
    t = texts(language(lang))
    from padplanner.errors import said
    from padplanner.store.connect import default_url, make_engine
    from padplanner.store.health import table_counts
    from padplanner.store.repository import Store

    url = db or default_url()
    store = Store(make_engine(url, create=False), url)
    with store:
        problems = store.check()
        if problems:
            for line in problems:
                typer.echo(t("cli.db.check.problem", problem=said(t, line)), err=True)
            found = t.ngettext(
                "cli.db.check.problems", "cli.db.check.problems.plural", len(problems)
            )
            typer.echo(t("cli.db.check.failed", problems=found, url=shown(url)), err=True)
            return 1
        counts = ", ".join(f"{name} {t.number(n)}" for name, n in table_counts(store).items())
        version = store.schema_version()
        typer.echo(t("cli.db.check.ok", url=shown(url), version=version, counts=counts))
    return 0


@db_app.command("refresh")
def refresh_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    at: str | None = typer.Option(None, "--at", help="As of this date (default: today)."),
    lang: str | None = lang_option(),
) -> int:
    """Recompute everyone's phase, risk and next milestone as of today (run it daily)."""
    from padplanner.cli.common import parse_date

    t = texts(language(lang))
    with open_db(db, create=False) as store:
        count = store.refresh(parse_date(at))
    typer.echo(t.ngettext("cli.db.refreshed", "cli.db.refreshed.plural", count))
    return 0


@db_app.command("backup")
def backup_command(
    file: Path = typer.Argument(..., help="The backup file to write (a new SQLite file)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Write a consistent copy of the database to FILE (while others keep working)."""
    t = texts(language(lang))
    store = open_db(db, create=False)
    with store:
        store.backup(file)
    typer.echo(t("cli.wrote", file=file), err=True)
    typer.echo(t("cli.db.backup.keeps"), err=True)
    return 0


@db_app.command("restore")
def restore_command(
    file: Path = typer.Argument(..., help="A backup written by padplanner db backup."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    force: bool = typer.Option(
        False, "--force", help="Replace the people of a database that already holds some."
    ),
    lang: str | None = lang_option(),
) -> int:
    """Restore FILE into the database (which must be empty unless --force)."""
    from padplanner.store.connect import default_url
    from padplanner.store.restore import restore

    t = texts(language(lang))
    url = db or default_url()
    done = restore(file, url, force=force)
    people = t.ngettext("cli.db.people", "cli.db.people.plural", done.people)
    typer.echo(t("cli.db.restored", people=people, url=shown(url)))
    if done.erased_again:
        typer.echo(
            t.ngettext("cli.db.erased_again", "cli.db.erased_again.plural", done.erased_again)
        )
    if done.appended:
        typer.echo(t.ngettext("cli.db.appended", "cli.db.appended.plural", done.appended))
    if done.looks_appended:
        typer.echo(
            t.ngettext("cli.db.looks_appended", "cli.db.looks_appended.plural", done.looks_appended)
        )
    return 0
