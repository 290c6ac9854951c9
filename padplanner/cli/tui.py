"""``padplanner tui``: open the counsellor's terminal UI."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("tui")(tui_command)


def tui_command(
    db: str | None = typer.Option(
        None, "--db", help="Database URL (default: SQLite in the user data folder)."
    ),
    demo: bool = typer.Option(
        False, "--demo", help="Fill an empty database with synthetic people."
    ),
) -> int:
    """Open the terminal UI."""
    return open_tui(db=db, demo=demo)


def open_tui(db: str | None, demo: bool) -> int:
    from padplanner.tui.app import run

    return run(db=db, demo=demo)
