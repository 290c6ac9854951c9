"""Small helpers shared by the command modules."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from padplanner.errors import InputError, Problem
from padplanner.files import write_file
from padplanner.i18n import texts
from padplanner.limits import date_problem


def parse_date(text: str | None, option: str = "--at") -> date | None:
    if text is None:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise InputError(
            [Problem.worded(option, "", "cli.problem.date", value=repr(text))]
        ) from None
    if (problem := date_problem(value)) is not None:
        raise InputError([Problem(option, "", problem)])
    return value


def write_output(content: str | bytes, output: Path | None, lang: str | None = None) -> None:
    """Write to ``output`` (atomically, mode 0600: see ``padplanner.files``) or standard
    output; bytes (PDF) need a file. ``wrote FILE`` goes to standard error in ``lang``."""
    if output is None:
        if isinstance(content, bytes):
            raise InputError([Problem.worded("-o", "", "cli.problem.binary")])
        sys.stdout.write(content)
        return
    write_file(output, content)
    t = texts(language(lang))
    typer.echo(t("cli.wrote", file=output), err=True)


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise InputError(
            [
                Problem.worded(
                    option, "", "cli.problem.choice", value=repr(value), allowed=", ".join(allowed)
                )
            ]
        )
    return value


def language(value: str | None) -> str:
    """The language of ``--lang``, else ``PADPLANNER_LANG``, else Dutch; exit 2 on another."""
    from padplanner.i18n import LanguageError, check_lang, resolve_lang

    try:
        return check_lang(value, "--lang") if value else resolve_lang()
    except LanguageError as exc:
        raise InputError([Problem(exc.where, "", exc.problem)]) from None
