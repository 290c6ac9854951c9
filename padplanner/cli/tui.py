"""``padplanner tui``: open the counsellor's terminal UI."""

from __future__ import annotations

import typer

from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("tui")(tui_command)


def tui_command(
    db: str | None = typer.Option(
        None, "--db", help="Database URL (default: SQLite in the user data folder)."
    ),
    demo: bool = typer.Option(
        False, "--demo", help="Fill an empty database with synthetic people."
    ),
    lang: str | None = lang_option(),
) -> int:
    """Open the terminal UI (Dutch unless --lang, PADPLANNER_LANG or a saved setting says)."""
    return open_tui(db=db, demo=demo, lang=lang)


def open_tui(db: str | None, demo: bool, lang: str | None = None) -> int:
    from padplanner.cli.common import language
    from padplanner.tui.app import run

    chosen = language(lang)  # an unknown --lang or PADPLANNER_LANG: exit 2 before the screen
    return run(db=db, demo=demo, lang=chosen if lang else None)
