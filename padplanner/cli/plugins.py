"""``padplanner plugins``: each plugin's name, the package it came from, municipalities, hooks,
and the plugins that failed to load.

``name`` is the entry-point name a plugin is registered under, ``plugin`` what the plugin says
about itself (``PluginInfo``), ``distribution`` the installed package (the name and version
``pip uninstall`` and ``pip install --upgrade`` take; the built-in law comes with padplanner).
"""

from __future__ import annotations

import json

import typer

from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("plugins")(plugins_command)


def plugins_command(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    lang: str | None = lang_option(),
) -> int:
    """List the plugins padplanner loaded, and those that failed to load."""
    from padplanner.cli.common import language
    from padplanner.errors import said
    from padplanner.i18n import texts
    from padplanner.plugins import PluginManager

    manager = PluginManager.default()
    rows = [
        {
            "name": p.name,
            "version": p.info.version,
            "plugin": {"name": p.info.name, "version": p.info.version},
            "distribution": p.distribution.to_dict() if p.distribution else None,
            "municipalities": list(p.info.municipalities),
            "laws": list(p.info.laws),
            "owner": p.info.owner,
            "builtin": p.builtin,
            "hooks": list(p.hooks),
        }
        for p in manager.plugins.values()
    ]
    errors = [
        {
            "plugin": e.plugin,
            "distribution": e.distribution.to_dict() if e.distribution else None,
            "message": e.message,
            "blocks": list(e.municipalities) or ["*"],
        }
        for e in manager.errors
    ]
    if as_json:
        typer.echo(
            json.dumps(
                {"schema": "padplanner.plugins/1", "plugins": rows, "errors": errors}, indent=2
            )
        )
        return 0
    t = texts(language(lang))
    for row in rows:
        serves = ", ".join(row["municipalities"]) or t("cli.plugins.everywhere")
        typer.echo(f"{row['name']} {row['version']}  ({serves}; {row['owner']})")
        plugin = f"{row['plugin']['name']} {row['plugin']['version']}"
        typer.echo("  " + t("cli.plugins.plugin", plugin=plugin))
        typer.echo("  " + _package(t, row["distribution"], row["builtin"]))
        typer.echo("  " + t("cli.plugins.hooks", hooks=", ".join(row["hooks"])))
    for error in errors:
        blocks = ", ".join(error["blocks"])
        typer.echo(
            t(
                "cli.plugins.failed",
                plugin=error["plugin"],
                message=said(t, error["message"]),
                blocks=blocks,
            )
        )
        if error["distribution"]:
            typer.echo("  " + _package(t, error["distribution"], False))
    return 0


def _package(t, distribution: dict[str, str] | None, builtin: bool) -> str:
    """Where a plugin comes from, as an administrator acts on it."""
    if distribution is None:
        return t("cli.plugins.package.none")
    name, version = distribution["name"], distribution["version"]
    if builtin:
        return t("cli.plugins.package.builtin", name=name, version=version)
    return t("cli.plugins.package", name=name, version=version)
