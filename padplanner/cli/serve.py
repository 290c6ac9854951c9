"""``padplanner serve``: the terminal UI in a browser, through textual-serve.

Each browser tab gets its own ``padplanner tui`` process on the server, connected to the
database given here (``--db`` or ``PADPLANNER_DB``, passed in the environment, never on a
command line others can read). The server itself authenticates no one: it listens on
127.0.0.1 by default, and anyone who can reach its port works with the database login it was
started with. Put it behind a reverse proxy that authenticates (docs/deployment.md), and on
a shared database run one server per user, each with that user's own login. Exports arrive
as browser downloads.
"""

from __future__ import annotations

import os
import shlex
import sys

import typer

from padplanner.cli.database import DB_HELP

LOCAL = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    public_url: str | None = typer.Option(
        None, "--public-url", help="The URL people use (behind a proxy), e.g. https://x/pad"
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = typer.Option(None, "--lang", help="nl | en (default: PADPLANNER_LANG)."),
) -> int:
    """Serve the terminal UI in a browser (it authenticates no one: see docs/deployment.md)."""
    from padplanner.errors import InputError, Problem

    if not 1 <= port <= 65535:
        raise InputError([Problem.worded("--port", "", "cli.problem.serve.port", port=port)])
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError([Problem.worded("serve", "", "cli.problem.serve.web")]) from None
    if db:
        os.environ["PADPLANNER_DB"] = db
    if lang:
        from padplanner.i18n import check_lang

        try:
            os.environ["PADPLANNER_LANG"] = check_lang(lang, "--lang")
        except ValueError as exc:
            raise InputError([Problem("--lang", "", str(exc))]) from None
    if host not in LOCAL:
        from padplanner.cli.common import language
        from padplanner.i18n import texts

        t = texts(language(lang))
        typer.echo(t("cli.serve.exposed", host=host), err=True)
    command = f"{shlex.quote(sys.executable)} -m padplanner tui"
    server = Server(command, host=host, port=port, title="padplanner", public_url=public_url)
    server.serve()
    return 0
