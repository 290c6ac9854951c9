"""``padplanner db init|migrate|check|refresh|backup FILE|restore FILE``: the database."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.database import DB_HELP, open_db, shown

db_app = typer.Typer(
    name="db",
    help="The caseload database: create, migrate, check, back up and restore it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("init")
def init_command(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> int:
    """Create the database (or bring an existing one to the current schema)."""
    store = open_db(db)
    with store:
        typer.echo(f"database ready: {shown(store.url)} (schema version {store.schema_version()})")
    return 0


@db_app.command("migrate")
def migrate_command(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> int:
    """Apply pending schema migrations."""
    from padplanner.store.connect import default_url, make_engine
    from padplanner.store.migrations import migrate

    url = db or default_url()
    engine = make_engine(url, create=False)
    try:
        before, after = migrate(engine)
        if before != after:  # new tables get their grants and policies too
            from padplanner.store import identity, roles
            from padplanner.store.connect import WRITE

            with engine.execution_options(**{WRITE: True}).begin() as conn:
                prefix = identity.roles_prefix(conn)
                if prefix:
                    roles.setup(conn, prefix)
    finally:
        engine.dispose()
    if before == after:
        typer.echo(f"schema version {after}: nothing to do")
    else:
        typer.echo(f"migrated {shown(url)} from schema version {before} to {after}")
    return 0


@db_app.command("roles")
def roles_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    prefix: str = typer.Option(
        "padplanner", "--prefix", help="Group roles are PREFIX_counsellor, PREFIX_teamlead, ..."
    ),
) -> int:
    """Set up (or bring up to date) roles, grants and row-level security on PostgreSQL.

    Run it as the database owner (the login that migrated the schema, with CREATEROLE). It
    is idempotent; docs/deployment.md says what it creates."""
    with open_db(db, create=False) as store:
        made = store.setup_roles(prefix)
    typer.echo(f"roles, grants and row-level security set up: {', '.join(made)}")
    return 0


@db_app.command("check")
def check_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> int:
    """Check integrity, schema version, revision numbering and plan checksums."""
    from padplanner.store.connect import default_url, make_engine
    from padplanner.store.health import table_counts
    from padplanner.store.repository import Store

    url = db or default_url()
    store = Store(make_engine(url, create=False), url)
    with store:
        problems = store.check()
        if problems:
            for line in problems:
                typer.echo(f"problem: {line}", err=True)
            typer.echo(f"{len(problems)} problem(s) in {shown(url)}", err=True)
            return 1
        counts = ", ".join(f"{n} {name}" for name, n in table_counts(store).items())
        typer.echo(f"ok: {shown(url)} (schema version {store.schema_version()}; {counts})")
    return 0


@db_app.command("refresh")
def refresh_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    at: str | None = typer.Option(None, "--at", help="As of this date (default: today)."),
) -> int:
    """Recompute everyone's phase, risk and next milestone as of today (run it daily)."""
    from padplanner.cli.common import parse_date

    with open_db(db, create=False) as store:
        count = store.refresh(parse_date(at))
    typer.echo(f"refreshed the caseload summary of {count} people")
    return 0


@db_app.command("backup")
def backup_command(
    file: Path = typer.Argument(..., help="The backup file to write (a new SQLite file)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> int:
    """Write a consistent copy of the database to FILE (while others keep working)."""
    store = open_db(db, create=False)
    with store:
        store.backup(file)
    typer.echo(f"wrote {file}", err=True)
    typer.echo(
        "A backup keeps everyone's personal data until it is deleted; padplanner person forget "
        "names the backups that still hold a person.",
        err=True,
    )
    return 0


@db_app.command("restore")
def restore_command(
    file: Path = typer.Argument(..., help="A backup written by padplanner db backup."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    force: bool = typer.Option(
        False, "--force", help="Replace the people of a database that already holds some."
    ),
) -> int:
    """Restore FILE into the database (which must be empty unless --force)."""
    from padplanner.store.connect import default_url
    from padplanner.store.restore import restore

    url = db or default_url()
    done = restore(file, url, force=force)
    typer.echo(f"restored {done.people} people into {shown(url)}")
    if done.erased_again:
        typer.echo(
            f"erased {done.erased_again} people again: their data was erased after the "
            "backup was taken"
        )
    if done.appended:
        typer.echo(f"the backup's audit log ({done.appended} rows) follows this database's")
    return 0
