"""``padplanner calibrate``, ``padplanner lottery`` and ``padplanner evaluate``: the
evidence tools on the caseload store (``docs/evidence.md``)."""

from __future__ import annotations

from pathlib import Path

import typer

from padplanner.cli.common import language, parse_date, write_output
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db
from padplanner.cli.options import lang_option


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate_command)
    app.command("evaluate")(evaluate_command)
    app.command("lottery")(lottery_command)


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
    lang: str | None = lang_option(),
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
    lang = language(lang)
    with open_db(db, create=False, actor=author) as store:
        day = today or store.today()
        histories = _histories(store, municipality, day)
        result = calibrate(histories, Planner.default(), day, municipality or "")
        where = f"municipality {municipality}" if municipality else "every municipality"
        source = (
            f"padplanner calibrate: {result.people} people of {where} with language hours "
            f"recorded up to {day.isoformat()}"
        )
    typer.echo(report(result, lang))
    if output is not None:
        write_output(to_toml(result, source, start), output, lang)
    return 0


def report(result, lang: str) -> str:
    """The figures as a plain table (hours per level step: the factor × the reference)."""
    from padplanner.i18n import texts

    t = texts(lang)
    step = result.reference_hours_per_step
    lines = [
        t(
            "ev.cal.heading",
            step=t.number(step),
            people=t.number(result.people),
            date=t.date(result.made),
        ),
        "".join(
            f"{text:{align}{width}}"
            for text, align, width in (
                (t("ev.cal.col.profile"), "<", 14),
                (t("ev.cal.col.reference"), ">", 11),
                (t("ev.cal.col.calibrated"), ">", 13),
                (t("ev.cal.col.interval"), ">", 17),
                (t("ev.cal.col.people"), ">", 9),
                (t("ev.cal.col.finished"), ">", 11),
                (t("ev.cal.col.weight"), ">", 9),
            )
        ),
    ]
    for f in result.figures:
        if f.uses_data:
            interval = f"{t.number(f.low * step)}–{t.number(f.high * step)}"
            figure = f"{t.number(f.factor * step):>13}{interval:>17}"
        else:
            only = t("ev.cal.reference_only")
            figure = f"{only:>13}{'':>17}"
        lines.append(
            f"{f.profile:<14}{t.number(f.reference * step):>11}{figure}"
            f"{t.number(f.n):>9}{t.number(f.completed):>11}{t.decimal(f.weight, 2):>9}"
        )
    lines.append(t("ev.cal.spread", sigma=t.decimal(result.sigma, 2), tau=t.decimal(result.tau, 2)))
    return "\n".join(lines)


def evaluate_command(
    intervention: str = typer.Option(
        ..., "--intervention", help="mediation | dual | values: what to evaluate."
    ),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Only this municipality's people (CBS code)."
    ),
    at: str | None = typer.Option(None, "--at", help="Data up to this date (default: today)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | html"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Write the report here (.html, .json or text)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Compare people who did and did not get an intervention, with 95 % intervals.

    Randomised where lots were drawn (padplanner lottery), otherwise adjusted for the
    permitted intake fields with its caveat; groups under 10 people are suppressed. Reads
    only the pseudonymised research data.
    """
    import json

    from padplanner.cli.common import choice
    from padplanner.evidence.evaluate import evaluate, to_dict
    from padplanner.evidence.report import render_html, render_text
    from padplanner.store.events import INTERVENTIONS

    choice(intervention, INTERVENTIONS, "--intervention")
    lang = language(lang)
    if output is not None and fmt == "text":
        fmt = {".html": "html", ".json": "json"}.get(output.suffix.lower(), "text")
    choice(fmt, ("text", "json", "html"), "--format")
    day = parse_date(at)
    with open_db(db, create=False, actor=author) as store:
        histories = _histories(store, municipality, day or store.today())
    doc = to_dict(evaluate(histories, intervention))
    if fmt == "json":
        content = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        content = render_html(doc, lang)
    else:
        content = render_text(doc, lang)
    write_output(content, output, lang)
    if output is not None and fmt != "text":
        typer.echo(render_text(doc, lang), err=True)
    return 0


def lottery_command(
    intervention: str = typer.Option(..., "--intervention", help="mediation | dual | values"),
    places: int = typer.Option(..., "--places", min=0, help="How many places there are."),
    seed: int | None = typer.Option(
        None, "--seed", help="The draw's seed (default: a new random one; it is recorded)."
    ),
    municipality: str = typer.Option(..., "--municipality", help="CBS code, e.g. GM0034."),
    at: str | None = typer.Option(None, "--at", help="Reference date (default: today)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the draw, record nothing."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    author: str | None = typer.Option(None, "--author", help=AUTHOR_HELP),
    lang: str | None = lang_option(),
) -> int:
    """Give scarce places by the municipality's priority rule, drawing lots among ties.

    Everyone in the caseload of the municipality whose term has not ended is ranked by the
    priority rule (padplanner_cohort_priority); places go in that order, and only the people
    tied at the cut-off draw lots, with a recorded seed. Each of them gets a decision with
    its reason in the audit log; people drawn out keep their normal plan.
    """
    import secrets

    from padplanner import Planner
    from padplanner.cli.common import choice
    from padplanner.cohort import policies
    from padplanner.i18n import texts
    from padplanner.store.events import INTERVENTIONS
    from padplanner.store.lottery import draw_lots, record

    choice(intervention, INTERVENTIONS, "--intervention")
    t = texts(language(lang))
    seed = secrets.randbelow(2**31) if seed is None else seed
    day = parse_date(at)
    planner = Planner.default()
    with open_db(db, create=False, actor=author) as store:
        day = day or store.today()
        ids: list[str] = []
        while True:
            page = store.list_people(municipality=municipality, limit=10_000, offset=len(ids))
            ids += [r.id for r in page]
            if len(page) < 10_000:
                break
        ended = {r.id for r in store.list_people(municipality=municipality, phase="ended",
                                                 limit=100_000)}  # fmt: skip
        ids = [i for i in ids if i not in ended]
        clients = store.current_clients(ids, day)
        ctx = policies.context(planner, municipality, day)
        views = [c.view(day) for c in clients.values()]
        ranked = policies.ranking(views, ctx, planner.manager)
        lottery = draw_lots(ranked, places, seed, intervention)
        head = t("ev.lottery.ranked", people=t.number(len(ranked)), places=t.number(places),
                 seed=seed)  # fmt: skip
        if lottery.held:
            tie = t("ev.lottery.tie", tied=t.number(lottery.tied),
                    rank=t.decimal(lottery.cut_rank or 0, 2), left=t.number(lottery.left))  # fmt: skip
        else:
            tie = t("ev.lottery.no_tie")
        typer.echo(f"{head}; {tie}")
        for d in lottery.draws:
            if d.result in ("drawn", "not-drawn"):
                result = t("ev.lottery.drawn") if d.result == "drawn" else t("ev.lottery.not_drawn")
                typer.echo(f"  {d.person}: {result} ({d.number})")
        if not dry_run:
            count = record(store, lottery, store.actor)
            typer.echo(t("ev.lottery.recorded", count=t.number(count)))
    return 0
