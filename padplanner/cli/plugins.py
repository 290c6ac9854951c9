"""``padplanner plugins``: name, version, municipalities, hooks and load errors."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    app.command("plugins")(plugins_command)


def plugins_command(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> int:
    """List the plugins padplanner loaded, and those that failed to load."""
    from padplanner.plugins import PluginManager

    manager = PluginManager.default()
    rows = [
        {
            "name": p.name,
            "version": p.info.version,
            "municipalities": list(p.info.municipalities),
            "laws": list(p.info.laws),
            "owner": p.info.owner,
            "builtin": p.builtin,
            "hooks": list(p.hooks),
        }
        for p in manager.plugins.values()
    ]
    errors = [
        {"plugin": e.plugin, "message": e.message, "blocks": list(e.municipalities) or ["*"]}
        for e in manager.errors
    ]
    if as_json:
        typer.echo(
            json.dumps(
                {"schema": "padplanner.plugins/1", "plugins": rows, "errors": errors}, indent=2
            )
        )
        return 0
    for row in rows:
        serves = ", ".join(row["municipalities"]) or "all municipalities"
        typer.echo(f"{row['name']} {row['version']}  ({serves}; {row['owner']})")
        typer.echo(f"  hooks: {', '.join(row['hooks'])}")
    for error in errors:
        typer.echo(
            f"FAILED {error['plugin']}: {error['message']} (blocks: {', '.join(error['blocks'])})"
        )
    return 0
