"""``padplanner import FILE.csv|FILE.xlsx --mapping MAP.toml``: a caseload from another system.

Exit codes: 0 imported (or, in a dry run, importable); 2 a problem with the file, the mapping
or any row (nothing was written, unless ``--skip-bad`` took the good rows).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db
from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)


def import_command(
    file: Path = typer.Argument(..., help="The export: a .csv or .xlsx file."),
    mapping: Path = typer.Option(
        ..., "--mapping", "-m", help="A padplanner.mapping/1 TOML file (docs/import.md)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Check and report every row; save nothing."
    ),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Import the good rows when some are refused."
    ),
    at: str | None = typer.Option(None, "--at", help="Plan as of this date (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="The report as JSON."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Import people from a caseload export: add or update each, plan them, in one go."""
    from padplanner import Planner
    from padplanner.cli.common import language, parse_date
    from padplanner.importer.mapping import MAX_MAPPING_BYTES, load_mapping
    from padplanner.importer.report import to_json, to_text
    from padplanner.importer.run import read_export, run_import
    from padplanner.importer.sheets import read_bytes

    lang = language(lang)
    today = parse_date(at)
    cmap = load_mapping(read_bytes(mapping, MAX_MAPPING_BYTES), mapping.name)
    sheet = read_export(file, cmap)  # a file that is not an export never opens the database
    with open_db(db) as store:
        report = run_import(
            store,
            file,
            cmap,
            Planner.default(),
            today=today or store.today(),
            author=author or store.actor,
            dry_run=dry_run,
            skip_bad=skip_bad,
            sheet=sheet,
        )
    sys.stdout.write(to_json(report, lang) if as_json else to_text(report, lang))
    return 0 if report.ok else 2
