"""``padplanner calibrate``, ``padplanner lottery`` and ``padplanner evaluate``: the
evidence tools on the caseload store (``docs/evidence.md``)."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import parse_date, write_output
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate_command)


def _histories(store, municipality: str | None, today):
    from padplanner.store.histories import research_histories

    found = research_histories(store, store.actor, today)
    if municipality:
        found = [h for h in found if h.profile["municipality"] == municipality]
    return found


def calibrate_command(
    municipality: str | None = typer.Option(
        None, "--municipality", help="Only this municipality's people (CBS code, e.g. GM0034)."
    ),
    at: str | None = typer.Option(None, "--at", help="Data up to this date (default: today)."),
    applies_from: str | None = typer.Option(
        None, "--applies-from", help="Plans use the figures from this date (default: --at)."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the padplanner.calibration/1 file here."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
) -> int:
    """Hours per level step per learner profile, from the hours and exams recorded.

    Prints the figures next to the catalogue's reference figures (with 95 % intervals and the
    number of people behind each); with -o also writes the calibration file a municipality
    can opt into (see docs/evidence.md).
    """
    from padplanner import Planner
    from padplanner.evidence.calibrate import calibrate, to_toml

    today = parse_date(at)
    start = parse_date(applies_from, "--applies-from")
    with open_db(db, create=False, actor=author) as store:
        day = today or store.today()
        histories = _histories(store, municipality, day)
        catalog = Planner.default().catalog(municipality or "")
        result = calibrate(histories, catalog, day, municipality or "")
        where = f"municipality {municipality}" if municipality else "every municipality"
        source = (
            f"padplanner calibrate: {result.people} people of {where} with language hours "
            f"recorded up to {day.isoformat()}"
        )
    typer.echo(report(result))
    if output is not None:
        write_output(to_toml(result, source, start), output)
    return 0


def report(result) -> str:
    """The figures as a plain table (hours per level step: the factor × the reference)."""
    step = result.reference_hours_per_step
    lines = [
        f"Hours per level step (reference {step:g} h), calibrated on {result.people} people "
        f"on {result.made.isoformat()}",
        f"{'profile':<14}{'reference':>10}{'calibrated':>12}{'95 % interval':>17}"
        f"{'people':>8}{'finished':>10}{'weight':>8}",
    ]
    for f in result.figures:
        if f.uses_data:
            figure = f"{f.factor * step:>12.0f}{f.low * step:>9.0f} – {f.high * step:<6.0f}"
        else:
            figure = f"{'(reference)':>12}{'':>17}"
        lines.append(
            f"{f.profile:<14}{f.reference * step:>10.0f}{figure}{f.n:>8}{f.completed:>10}"
            f"{f.weight:>8.2f}"
        )
    lines.append(
        f"spread of one person's hours around their profile: log sd {result.sigma:.2f}; "
        f"profiles around the reference: tau {result.tau:.2f}"
    )
    return "\n".join(lines)
