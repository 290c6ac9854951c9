"""``padplanner monitor --period 2026-Q4 [-o monitor.html|monitor.csv]``: the figures a
municipality reports and steers on, per quarter with its trend (docs/monitor.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.database import DB_HELP, open_db
from padplanner.cli.options import lang_option
from padplanner.model.client import is_municipality_code


def register(app: typer.Typer) -> None:
    app.command("monitor")(monitor_command)


def monitor_command(
    period: str = typer.Option(..., "--period", help="The quarter: 2026-Q4."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="monitor.html or monitor.csv (default: text on screen)."
    ),
    quarters: int = typer.Option(4, "--quarters", help="Quarters shown, the period last (1-12)."),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Only this municipality (CBS code)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Quarterly figures with trends: routes, PIPs, progress, exams, work, fines at stake."""

    from padplanner import Planner
    from padplanner.cli.common import language, write_output
    from padplanner.errors import InputError, Problem
    from padplanner.i18n import N_
    from padplanner.monitor.collect import monitor
    from padplanner.monitor.figures import Quarter
    from padplanner.monitor.render import to_csv, to_html, to_text

    lang = language(lang)

    def bad(option: str, key: str, **values: object) -> InputError:
        return InputError([Problem.worded(option, "", key, **values)])

    try:
        quarter = Quarter.parse(period)
    except ValueError:
        raise bad("--period", N_("cli.problem.monitor.period"), value=repr(period[:20])) from None
    if not 1 <= quarters <= 12:
        raise bad("--quarters", N_("cli.problem.monitor.quarters"))
    if municipality is not None and not is_municipality_code(municipality):
        raise bad("--municipality", N_("cli.problem.code"), code=repr(municipality[:20]))
    suffix = output.suffix.lower() if output else ""
    if output is not None and suffix not in (".html", ".htm", ".csv"):
        raise bad(str(output), N_("cli.problem.monitor.output"))
    with open_db(db, create=False) as store:
        today = store.today()
        if quarter.start > today:
            raise bad("--period", N_("cli.problem.monitor.not_begun"), period=str(quarter))
        result = monitor(store, Planner.default(), quarter, quarters, municipality, today=today)
    if output is None:
        write_output(to_text(result, lang), None, lang)
    else:
        write_output(to_csv(result) if suffix == ".csv" else to_html(result, lang), output, lang)
    return 0
