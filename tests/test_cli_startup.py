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

from padplanner.cli import main
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
    assert loaded <= {"padplanner.cli.app", "padplanner.cli.coercion", "padplanner.cli.stdout"}, (
        loaded
    )


def test_a_command_loads_its_own_module_only():
    loaded = loaded_by("compare", "--help")
    modules = {m for m in loaded if m.startswith("padplanner.cli.")}
    assert modules <= {
        "padplanner.cli.app",
        "padplanner.cli.coercion",
        "padplanner.cli.stdout",
        "padplanner.cli.compare",
        "padplanner.cli.common",
        "padplanner.cli.options",
    }, modules
    assert not loaded & set(HEAVY) - {"cattrs"}, loaded


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


def test_a_saved_plan_as_pdf_loads_no_pydantic_and_no_planning_graph(tmp_path):
    db = f"sqlite:///{tmp_path}/demo.db"
    assert main(["demo", "--db", db, "-n", "2", "--no-progress"]) == 0
    loaded = loaded_by(
        "export", "demo-00001", "-f", "pdf", "-o", str(tmp_path / "x.pdf"), "--db", db
    )
    assert not loaded & {"pydantic", "networkx", "numpy", "PIL", "textual"}, loaded


def typer_param(command: str, option: str):
    """The option and a context of one command, as Typer builds them."""
    click_command = typer.main.get_group(eager_app()).commands[command]
    param = next(p for p in click_command.params if p.name == option)
    return param, typer.Context(click_command)


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("demo", "size", "5"),  # int
        ("demo", "size", "five"),  # refused as Typer refuses it
        ("demo", "size", None),
        ("plan", "output", "plan.pdf"),  # a path
        ("plan", "output", "."),  # an existing path
        ("plan", "fmt", "json"),  # text
        ("plan", "lang", None),
        ("demo", "progress", True),  # a flag
    ],
)
def test_deferred_conversion_is_typers(command, option, value):
    from typer._coercion import build_runtime_param

    from padplanner.cli.coercion import Deferred

    param, ctx = typer_param(command, option)

    def convert(converter):
        try:
            return "value", converter.coerce(value, param=param, ctx=ctx)
        except Exception as exc:  # the same refusal, the same words
            return type(exc).__name__, str(exc)

    typers = convert(build_runtime_param(param.type_descriptor))
    ours = convert(Deferred(build_runtime_param, param.type_descriptor))
    assert ours == typers
