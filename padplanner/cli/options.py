"""Options several commands share, kept light: importing this costs only Typer."""

from __future__ import annotations

import typer

LANG_HELP = "Language of the text for people: nl | en (default: PADPLANNER_LANG, else nl)."


def lang_option() -> str | None:
    """The ``--lang`` option of every command that prints for people (checked by
    :func:`padplanner.cli.common.language`)."""
    return typer.Option(None, "--lang", help=LANG_HELP, show_default=False)
