"""``padplanner check [PATH ...]``: validate catalogues, plugins and client files, all at once."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)


def _read(path: Path) -> tuple[str, dict]:
    """What ``path`` is (client, cases or catalog) and its data, read once: within the input
    limits, so a device or a pipe is never read or waited on."""
    from padplanner.errors import InputError
    from padplanner.limits import read_toml

    try:
        data = read_toml(path)
    except InputError:  # reported when the file is read as a client file
        return "client", {}
    if str(data.get("schema", "")).startswith("padplanner.client"):
        return "client", data
    if "case" in data:
        return "cases", data
    return "catalog", data


def check_command(
    paths: list[Path] = typer.Argument(None, help="Catalogue or client files, or folders."),
    lang: str | None = lang_option(),
) -> int:
    """Validate catalogues, plugins and client files; exit 2 if anything is wrong."""
    from padplanner.catalog import load_catalog
    from padplanner.catalog.load import expand, unsaid_rules
    from padplanner.cli.common import language
    from padplanner.clientfile import load_client
    from padplanner.cohort.policies import unsaid_policies
    from padplanner.engine.planner import Planner
    from padplanner.engine.validate import client_problems
    from padplanner.errors import InputError, Problem
    from padplanner.i18n import texts
    from padplanner.plugins import PluginManager

    t = texts(language(lang))
    problems: list[Problem] = []
    checked = 0
    manager = PluginManager.default()
    planner = Planner(manager)
    for error in manager.errors:
        problems.append(Problem(f"plugin {error.plugin}", "", error.message))
    if not paths:
        try:
            problems.extend(unsaid_rules(load_catalog()))
            checked += 1
        except InputError as exc:
            problems.extend(exc.problems)
        try:
            problems.extend(unsaid_policies(manager, planner.catalog))
        except InputError as exc:
            problems.extend(exc.problems)
        for plugin in manager.plugins.values():
            for code in plugin.info.municipalities:
                try:
                    catalog = load_catalog(overrides=manager.catalog_paths(code))
                    problems.extend(unsaid_rules(catalog))
                    checked += 1
                except InputError as exc:
                    problems.extend(exc.problems)
    else:
        missing = [p for p in paths if not p.exists()]
        problems.extend(Problem.worded(str(p), "", "cli.problem.not_found") for p in missing)
        files = expand([p for p in paths if p.exists()])
        read = {file: _read(file) for file in files}
        catalogs = [f for f in files if read[f][0] == "catalog"]
        for file in files:
            if read[file][0] == "client":
                checked += 1
                try:
                    client = load_client(file)
                    catalog = planner.catalog(client.municipality)
                    problems.extend(
                        client_problems(client, catalog, str(file), planner.known_names())
                    )
                except InputError as exc:
                    problems.extend(exc.problems)
        if catalogs:
            checked += len(catalogs)
            national = any(_is_national(read[file][1]) for file in catalogs)
            try:
                catalog = load_catalog(catalogs) if national else load_catalog(overrides=catalogs)
                problems.extend(unsaid_rules(catalog))
            except InputError as exc:
                problems.extend(exc.problems)
    problems = list(dict.fromkeys(problems))  # a file read for several municipalities
    for problem in problems:
        typer.echo(f"error: {problem.text(t)}", err=True)
    if problems:
        typer.echo(
            t.ngettext("cli.check.problems", "cli.check.problems.plural", len(problems)), err=True
        )
        return 2
    typer.echo(t.ngettext("cli.check.ok", "cli.check.ok.plural", checked))
    return 0


def _is_national(data: dict) -> bool:
    """A set of files that declares the exam skills is a base catalogue, not an extension."""
    competencies = data.get("competency")
    return isinstance(competencies, dict) and "speaking" in competencies
