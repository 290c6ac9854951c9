"""`padplanner --help` stays light: it imports no command module and none of the heavy
libraries, and the command list it shows from `padplanner/cli/app.py` is the real one.

The speed itself is measured in benchmarks/startup_bench.py; these tests fail when someone adds
an eager import that would slow every start."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from padplanner.cli.app import COMMANDS, SETTINGS, command_modules

root = importlib.import_module("padplanner.cli.app")  # the package's `app` is the Typer

# libraries that cost tens of milliseconds or more to import; no `--help` needs any of them
HEAVY = (
    "textual",
    "rich",
    "sqlalchemy",
    "fpdf",
    "fontTools",
    "PIL",
    "ortools",
    "numpy",
    "scipy",
    "statsmodels",
    "lifelines",
    "networkx",
    "pydantic",
    "cattrs",
    "babel",
    "jinja2",
    "pluggy",
    "icalendar",
    "openpyxl",
    "python_calamine",
)

PROBE = """
import sys
from padplanner.cli import main
argv = sys.argv[1:]
code = main(argv)
heavy = {heavy!r}
loaded = sorted(
    {{name.split(".")[0] for name in sys.modules}} & set(heavy)
    | {{name for name in sys.modules if name.startswith("padplanner.cli.")}}
)
print("LOADED", " ".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def loaded_by(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = [x for x in result.stderr.splitlines() if x.startswith("LOADED")][-1]
    return set(line.split()[1:])


def test_help_imports_no_command_module_and_no_heavy_library():
    loaded = loaded_by("--help")
    # the root app and the helpers main() needs to report errors; no command module
    assert loaded <= {"padplanner.cli.app", "padplanner.cli.stdout"}, loaded


def test_a_command_loads_its_own_module_only():
    loaded = loaded_by("compare", "--help")
    modules = {m for m in loaded if m.startswith("padplanner.cli.")}
    assert modules <= {
        "padplanner.cli.app",
        "padplanner.cli.stdout",
        "padplanner.cli.compare",
        "padplanner.cli.common",
        "padplanner.cli.options",
    }, modules
    # Typer converts option values with pydantic once a command runs
    assert not loaded & set(HEAVY) - {"cattrs", "pydantic"}, loaded


def eager_app() -> typer.Typer:
    """The root app as it would be with every command module registered up front."""
    eager = typer.Typer(
        name="padplanner",
        help=root.app.info.help,
        invoke_without_command=True,
        **SETTINGS,
    )
    eager.callback()(root.app.registered_callback.callback)
    for module in command_modules():
        importlib.import_module(f"padplanner.cli.{module}").register(eager)
    return eager


def test_the_command_list_is_every_command_in_its_order_with_its_help():
    group = typer.main.get_group(eager_app())
    assert list(COMMANDS) == group.list_commands(None)
    for name, (_, text) in COMMANDS.items():
        command = group.commands[name]
        assert text == (command.help or "").split("\n\n")[0].replace("\n", " ").strip(), name


@pytest.mark.parametrize("width", [80, 120, 200])
def test_help_reads_as_with_every_module_loaded(width):
    runner = CliRunner()
    lazy = runner.invoke(root.app, ["--help"], terminal_width=width, prog_name="padplanner")
    eager = runner.invoke(eager_app(), ["--help"], terminal_width=width, prog_name="padplanner")
    assert lazy.exit_code == eager.exit_code == 0
    assert lazy.output == eager.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_is_the_registered_one(name):
    runner = CliRunner()
    lazy = runner.invoke(root.app, [name, "--help"], terminal_width=100, prog_name="padplanner")
    eager = runner.invoke(eager_app(), [name, "--help"], terminal_width=100, prog_name="padplanner")
    assert lazy.exit_code == eager.exit_code == 0, lazy.output
    assert lazy.output == eager.output


def test_a_mistyped_command_is_named_with_the_close_ones(cli):
    code, _, err = cli("plna")
    assert code == 2
    assert "No such command 'plna'" in err and "'plan'" in err
