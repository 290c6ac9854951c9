"""``padplanner new-plugin NAME --municipality GMxxxx``: a ready, installable, tested plugin.

Writes ``padplanner-NAME/`` from the templates in ``padplanner/templates/plugin/``: a
pyproject with the entry point and the municipality code in its keywords, a hook module with
two example rules, a catalogue with a dated parameter and plain-words rule descriptions, rule
cases on both sides of each rule, a test module and a README. It passes its own tests as
generated (``pip install -e padplanner-NAME && pytest padplanner-NAME``).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import typer

from padplanner.cli.options import lang_option
from padplanner.model.client import is_municipality_code

# template file -> path in the new package ({package} and {name} filled in)
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "gitignore.tmpl": ".gitignore",
    "init.py.tmpl": "{package}/__init__.py",
    "hooks.py.tmpl": "{package}/hooks.py",
    "catalog.toml.tmpl": "{package}/catalog/{name}.toml",
    "rules.toml.tmpl": "{package}/catalog/rules.toml",
    "cases.toml.tmpl": "tests/rules/{name}.toml",
    "test_plugin.py.tmpl": "tests/test_{package}.py",
}
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RESERVED = {"wi2021", "padplanner", "counsellor", "law"}


def register(app: typer.Typer) -> None:
    app.command("new-plugin")(new_plugin_command)


def template_dir() -> Path:
    """The plugin templates, shipped as package data."""
    return Path(__file__).resolve().parent.parent / "templates" / "plugin"


def check_name(name: str, code: str, target: Path) -> None:
    """Raise :class:`InputError` naming each problem with NAME, the code or the target folder."""
    from padplanner.errors import InputError, Problem

    problems = []
    if not NAME.match(name) or len(name) > 40:
        problems.append(Problem.worded("NAME", "", "cli.problem.plugin.name", name=repr(name)))
    elif name in RESERVED:
        problems.append(Problem.worded("NAME", "", "cli.problem.plugin.reserved", name=repr(name)))
    if not is_municipality_code(code):
        problems.append(Problem.worded("--municipality", "", "cli.problem.code", code=repr(code)))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problems.append(Problem.worded(str(target), "", "cli.problem.plugin.exists"))
    if problems:
        raise InputError(problems)


def render(name: str, code: str) -> dict[str, str]:
    """Relative path → file content of the new plugin package."""
    from padplanner import __version__

    package = "padplanner_" + name.replace("-", "_")
    values = {
        "name": name,
        "name_re": re.escape(name),
        "package": package,
        "param": name.replace("-", "_"),
        "code": code,
        "title": " ".join(word.capitalize() for word in name.split("-")),
        "padplanner_version": __version__,
    }
    folder = template_dir()
    out = {}
    for template, path in FILES.items():
        text = (folder / template).read_text(encoding="utf-8")
        out[path.format(package=package, name=name)] = Template(text).substitute(values)
    return out


def create(name: str, code: str, output: Path) -> Path:
    """Write the package ``padplanner-NAME`` into ``output``; return its folder."""
    from padplanner.files import WriteError, write_file

    target = output / f"padplanner-{name}"
    check_name(name, code, target)
    files = render(name, code)  # everything is rendered before anything is written
    for path, content in files.items():
        file = target / path
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(file.parent, f"cannot create the folder: {exc.strerror}") from None
        # source code without personal data, meant to be shared: the usual mode, not 0600
        write_file(file, content, private=False, overwrite=False)
    return target


def new_plugin_command(
    name: str = typer.Argument(..., help="Plugin name, e.g. den-haag (also the rule id prefix)."),
    municipality: str = typer.Option(
        ..., "--municipality", "-m", help="The CBS code it serves, e.g. GM0518."
    ),
    output: Path = typer.Option(Path("."), "-o", "--output", help="Folder to create it in."),
    lang: str | None = lang_option(),
) -> int:
    """Write a ready, installable, tested municipality plugin package."""
    from padplanner.cli.common import language
    from padplanner.i18n import texts

    t = texts(language(lang))
    target = create(name, municipality.strip().upper(), output)
    typer.echo(t("cli.wrote", file=target))
    typer.echo(t("cli.new_plugin.next", folder=target))
    return 0
