"""The ``padplanner`` command line (Typer).

Importing this package must stay light: no Textual, SQLAlchemy or PDF library at import time,
so ``padplanner --help`` is fast. Each command module imports what it needs inside its
functions. Exit codes: 0 done, 2 bad input or usage, 3 no feasible plan, 1 internal error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from padplanner.cli.app import app
from padplanner.i18n import N_

__all__ = ["app", "main"]


def _reader_texts(argv: list[str]) -> Any:
    """The texts of the language the command line asks for (``--lang``, else
    ``PADPLANNER_LANG``, else Dutch), for its error messages; Dutch when it names none that
    padplanner speaks (that is an error of its own)."""
    from padplanner.i18n import LanguageError, resolve_lang, texts

    asked = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
    for choice in (asked, None):
        try:
            return texts(resolve_lang(choice))
        except LanguageError:
            continue
    return texts()


def _said(argv: list[str] | None, key: str, english: str) -> str:
    """The message ``key`` in the command line's language; ``english`` if even that fails
    (this is the last line of defence)."""
    try:
        return _reader_texts(sys.argv[1:] if argv is None else argv)(key)
    except Exception:
        return english


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; never shows a traceback unless ``PADPLANNER_DEBUG`` is set."""
    import typer

    from padplanner.cli.stdout import PIPE_CLOSED, CheckedOutput, PipeClosed
    from padplanner.errors import InputError, PlanningError

    try:  # Typer >= 0.2x vendors click
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover - older Typer on plain click
        from click.exceptions import ClickException

    stdout = sys.stdout
    sys.stdout = CheckedOutput(stdout)
    try:
        try:
            result = app(args=argv, prog_name="padplanner", standalone_mode=False)
        finally:
            sys.stdout.flush()  # a full device shows here for short output
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        print(_said(argv, N_("cli.aborted"), "Aborted."), file=sys.stderr)
        code = 1
    except ClickException as exc:
        exc.show()
        code = 2
    except InputError as exc:
        t = _reader_texts(sys.argv[1:] if argv is None else argv)
        for problem in exc.problems:
            print(f"error: {problem.text(t)}", file=sys.stderr)
        code = 2
    except PlanningError as exc:
        t = _reader_texts(sys.argv[1:] if argv is None else argv)
        print(f"error: {exc.text(t)}", file=sys.stderr)
        code = 1
    except PipeClosed:
        code = PIPE_CLOSED
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if os.environ.get("PADPLANNER_DEBUG"):
            raise
        report = "Please report it; run with PADPLANNER_DEBUG=1 for the traceback."
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            + _said(argv, N_("cli.internal.report"), report),
            file=sys.stderr,
        )
        code = 1
    else:
        code = result if isinstance(result, int) else 0
    finally:
        sys.stdout = stdout
    if argv is None:
        sys.exit(code)
    return code
