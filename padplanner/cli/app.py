"""The root Typer app; each command lives in its own module under ``padplanner/cli/``.

A command's module is imported when that command runs, not before: ``padplanner --help`` lists
the commands from :data:`COMMANDS` without importing any of them (nor building their options),
and ``padplanner plan ...`` imports only ``padplanner/cli/plan.py``. Adding a command: write its
module with a ``register(app)`` function, and add a line per command it registers to
:data:`COMMANDS` with the first paragraph of its help (``tests/test_cli_startup.py`` checks
that the list matches the commands and that ``--help`` reads as if every module were loaded).
"""

from __future__ import annotations

import functools
import importlib
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from padplanner.cli.coercion import install

# The root's settings; a command's module registers on a Typer made with the same ones.
SETTINGS: dict[str, Any] = {
    "no_args_is_help": False,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}

# command -> (the modules that register it, the help `padplanner --help` shows for it), in the
# order `--help` lists them: single commands first, then groups (as Typer orders them).
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "plan": (
        ("plan",),
        "Plan one client file and print or write the plan; exit 3 when the plan cannot work.",
    ),
    "check": (
        ("check",),
        "Validate catalogues, plugins and client files; exit 2 if anything is wrong.",
    ),
    "graph": (
        ("graph",),
        "Print the module dependency graph, or with --client one person's path through it.",
    ),
    "plugins": (("plugins",), "List the plugins padplanner loaded, and those that failed to load."),
    "rules": (
        ("rules",),
        "Print every rule active for a municipality: what it does, its source, what it reads, "
        "its tests.",
    ),
    "tui": (
        ("tui",),
        "Open the terminal UI (Dutch unless --lang, PADPLANNER_LANG or a saved setting says).",
    ),
    "replan": (
        ("revisions",),
        "Make a new plan revision from the person's state today; exit 3 when it cannot work.",
    ),
    "history": (
        ("revisions",),
        "The plan revisions with their reasons, and what changed between two of them.",
    ),
    "decide": (("revisions",), "Record a counsellor decision; it counts from the next replan."),
    "demo": (
        ("demo",),
        "Fill an empty database with synthetic people, planned, with their simulated progress.",
    ),
    "compare": (
        ("compare",),
        "Plan one person under several municipalities' rules; show every difference and its rule.",
    ),
    "new-plugin": (
        ("newplugin",),
        "Write a ready, installable, tested municipality plugin package.",
    ),
    "calibrate": (
        ("evidence",),
        "Hours per level step per learner profile, from the hours and exams recorded.",
    ),
    "evaluate": (
        ("evidence",),
        "Compare people who did and did not get an intervention, with 95 % intervals.",
    ),
    "lottery": (
        ("evidence",),
        "Give scarce places by the municipality's priority rule, drawing lots among ties.",
    ),
    "audit": (
        ("audit",),
        "Who changed and who looked at what, when (for the auditor; read-only).",
    ),
    "handover": (
        ("handover",),
        "Write a person's plan, history and decisions for another municipality (checksummed).",
    ),
    "serve": (
        ("serve",),
        "Serve the terminal UI in a browser (it authenticates no one: see docs/deployment.md).",
    ),
    "import": (
        ("importing",),
        "Import people from a caseload export: add or update each, plan them, in one go.",
    ),
    "agenda": (
        ("agenda",),
        "What is due or overdue this week: conversations, PIPs, plans to amend, follow-ups.",
    ),
    "monitor": (
        ("monitor",),
        "Quarterly figures with trends: routes, PIPs, progress, exams, work, fines at stake.",
    ),
    "progress": (
        ("progress",),
        "Show planned against actual for ID, or record what happened (a subcommand).",
    ),
    "db": (
        ("db",),
        "The caseload database: create, migrate, check, back up and restore it.",
    ),
    "person": (  # handover adds `person import-handover`
        ("person", "handover"),
        "People in the caseload: add, list, show, forget, assign, share, import a handover.",
    ),
    "export": (
        ("research",),
        "Export a person's plan (export ID) or the pseudonymised research dataset.",
    ),
    "cohort": (
        ("cohort",),
        "Plan a whole intake with shared seats, coaches and budget; compare policies.",
    ),
    "user": (
        ("users",),
        "Users of a shared PostgreSQL database: add, list, change role, disable, enable.",
    ),
    "team": (("users",), "Teams: add and list."),
}


def command_modules() -> tuple[str, ...]:
    """Every module that registers commands, each once, in the order of :data:`COMMANDS`."""
    return tuple(dict.fromkeys(m for modules, _ in COMMANDS.values() for m in modules))


@functools.cache
def _commands(modules: tuple[str, ...]) -> dict[str, Any]:
    """The click commands that ``modules`` register, built once per process."""
    sub = typer.Typer(**SETTINGS)
    for name in modules:
        importlib.import_module(f"padplanner.cli.{name}").register(sub)
    return dict(typer.main.get_group(sub).commands)


class LazyGroup(TyperGroup):
    """The root group: knows its commands by :data:`COMMANDS` and loads one when it runs."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        modules, help_text = COMMANDS[cmd_name]
        if self._listing:  # `--help` needs the name and help only
            return TyperCommand(cmd_name, help=help_text)
        return _commands(modules).get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS and not ctx.resilient_parsing:
            matches = get_close_matches(args[0], list(COMMANDS))
            if matches and not args[0].startswith("-"):
                suggestions = ", ".join(repr(m) for m in matches)
                ctx.fail(f"No such command {args[0]!r}. Did you mean {suggestions}?")
        return super().resolve_command(ctx, args)


install()  # option values that need no conversion do not load pydantic
app = typer.Typer(
    name="padplanner",
    help="Plan individual civic-integration paths (inburgering): CLI, TUI and JSON output.",
    invoke_without_command=True,
    cls=LazyGroup,
    **SETTINGS,
)


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
