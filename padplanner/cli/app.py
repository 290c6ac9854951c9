"""The root Typer app; each command lives in its own module under ``padplanner/cli/``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="padplanner",
    help="Plan individual civic-integration paths (inburgering): CLI, TUI and JSON output.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Command modules register themselves with ``register(app)``; add new ones here.
COMMAND_MODULES = (
    "plan",
    "check",
    "graph",
    "plugins",
    "rules",
    "tui",
    "db",  # the caseload database: init, migrate, check, refresh, backup, restore
    "person",  # people in the caseload: add, list, show, forget
    "progress",  # progress, replan, history, decide
    "demo",  # a synthetic caseload
    "research",  # export: a plan document or the research dataset
    "cohort",  # cohort plan, simulate, policies
    "compare",  # one person under several municipalities' rules
    "newplugin",  # new-plugin: a ready plugin package for a municipality
    "evidence",  # calibrate, lottery, evaluate
    "users",  # user and team: the users and teams of a shared database
    "audit",  # the change and access logs, for the auditor
    "handover",  # handover ID -o FILE; person import-handover FILE
    "serve",  # the TUI in a browser (textual-serve)
    "importing",  # import: a caseload exported from another system
    "agenda",  # the counsellor's week: what is due or overdue
    "monitor",  # the municipality's quarterly figures
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"padplanner.cli.{_name}").register(app)


def _show_version(value: bool) -> None:
    if value:
        from padplanner import __version__

        typer.echo(f"padplanner {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False,
        "--version",
        help="Show the installed version and exit.",
        callback=_show_version,
        is_eager=True,
    ),
) -> None:
    """Without a command, open the counsellor's terminal UI."""
    if ctx.invoked_subcommand is None:
        from padplanner.cli import tui as tui_command

        tui_command.open_tui(db=None, demo=False)
