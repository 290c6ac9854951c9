"""``padplanner replan ID``, ``history ID`` and ``decide ID ...``: a person's plan revisions.

``replan`` makes a new revision from what was recorded; ``history`` lists the revisions and
says what changed between two of them in the reader's language (the JSON keeps the lines as
data, the same in every language); ``decide`` records a counsellor's decision.
"""

from __future__ import annotations

import json
from typing import Any

import typer

from padplanner.cli.common import language, parse_date
from padplanner.cli.database import AUTHOR_HELP, DB_HELP, open_db, stale_to_input
from padplanner.cli.options import lang_option
from padplanner.i18n import N_, texts

SEVERITIES = {
    "error": N_("cli.severity.error"),
    "warning": N_("cli.severity.warning"),
    "info": N_("cli.severity.info"),
}
DB = typer.Option(None, "--db", help=DB_HELP)
AUTHOR = typer.Option(None, "--author", help=AUTHOR_HELP)


def register(app: typer.Typer) -> None:
    app.command("replan")(replan_command)
    app.command("history")(history_command)
    app.command("decide")(decide_command)


def replan_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    at: str | None = typer.Option(None, "--at", help="Plan from this date (default: today)."),
    reason: str | None = typer.Option(None, "--reason", help="Why (default: replanned)."),
    db: str | None = DB,
    author: str | None = AUTHOR,
    lang: str | None = lang_option(),
) -> int:
    """Make a new plan revision from the person's state today; exit 3 when it cannot work."""
    from padplanner import Planner
    from padplanner.store import StaleRevision

    when = parse_date(at)
    t = texts(language(lang))
    planner = Planner.default()
    with open_db(db, create=False) as store:
        if reason is None:  # recorded with the revision, in the language of who replanned
            day = t.date(when or store.today())
            first = store.latest_plan(person_id) is None
            reason = t("cli.replan.first", date=day) if first else t("cli.replan.reason", date=day)
        try:
            number = store.replan(
                person_id, planner, author or store.actor, today=when, reason=reason
            )
        except StaleRevision as exc:
            raise stale_to_input(exc) from None
        _, plan = store.latest_plan(person_id)
    typer.echo(
        t(
            "cli.replan.done",
            person=person_id,
            revision=number,
            route=plan.route.id,
            completion=t.date(plan.completion_date),
            deadline=t.date(plan.deadline),
            slack=t.weeks(plan.slack_weeks),
        )
    )
    say = _sentences(planner, plan, t.lang)
    for finding in plan.findings:
        if finding.severity != "info":
            typer.echo(
                f"  {t.get(SEVERITIES.get(finding.severity), finding.severity)}: {say(finding)}"
            )
    return 0 if plan.feasible else 3


def _sentences(planner: Any, plan: Any, lang: str) -> Any:
    """The rules' sentences of the plan's municipality, in ``lang``."""
    from padplanner.catalog.sentences import Sentences

    return Sentences(planner.catalog(plan.municipality), lang)


def history_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    first: int | None = typer.Argument(None, help="Compare this revision ..."),
    second: int | None = typer.Argument(
        None, help="... with this one (default: the next, or for the latest the one before)."
    ),
    db: str | None = DB,
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
    lang: str | None = lang_option(),
) -> int:
    """The plan revisions with their reasons, and what changed between two of them."""
    from padplanner.errors import InputError, Problem
    from padplanner.model.diff import diff_plans

    with open_db(db, create=False) as store:
        saved = store.revisions(person_id)
    by_number = {r.revision: r for r in saved}
    if first is None and len(saved) >= 2:
        first, second = saved[-2].revision, saved[-1].revision
    elif first is not None and second is None:  # with the next one, or the one before
        second = first + 1 if first + 1 in by_number else first - 1
    diff = None
    if first is not None:
        for n in (first, second):
            if n not in by_number:
                raise InputError(
                    [Problem.worded(person_id, "revision", "cli.problem.revision", n=n)]
                )
        diff = diff_plans(by_number[first].plan, by_number[second].plan)
    if as_json:
        out = {
            "schema": "padplanner.history/1",
            "person": person_id,
            "revisions": [
                {
                    "revision": r.revision,
                    "author": r.author,
                    "created_at": r.created_at.isoformat(),
                    "reason": r.reason,
                    "route": r.plan.route.id,
                    "completion_date": r.plan.completion_date.isoformat(),
                    "slack_weeks": r.plan.slack_weeks,
                }
                for r in saved
            ],
            "diff": {"from": first, "to": second, "changes": diff.lines()} if diff else None,
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    t = texts(language(lang))
    if not saved:
        typer.echo(t("cli.history.none", person=person_id))
        return 0
    for r in saved:
        slack = t("cli.history.slack", weeks=f"{r.plan.slack_weeks:>4}")
        saved_on = f"{t.short_date(r.created_at.date()):>11} {r.created_at:%H:%M}"
        typer.echo(
            f"{r.revision:>3}  {saved_on}  {r.author:<16} "
            f"{r.plan.route.id:<9} {t.short_date(r.plan.completion_date):>11}  {slack}  {r.reason}"
        )
    if diff is not None:
        from padplanner import Planner
        from padplanner.export.changes import change_lines

        say = _sentences(Planner.default(), diff.new, t.lang)
        typer.echo("\n" + t("cli.history.between", first=first, second=second))
        lines = change_lines(diff, t, say, lambda activity: say.module(activity.module))
        for line in lines or [t("cli.history.same")]:
            typer.echo(f"  {line}")
    return 0


def decide_command(
    person_id: str = typer.Argument(..., metavar="ID"),
    kind: str = typer.Argument(..., help="route | remove | add | restore"),
    value: str = typer.Argument(..., help="The route (b1, onderwijs, z) or a module id."),
    reason: str = typer.Option(..., "--reason", help="Why (mandatory; the plan is appealable)."),
    db: str | None = DB,
    author: str | None = AUTHOR,
    lang: str | None = lang_option(),
) -> int:
    """Record a counsellor decision; it counts from the next replan."""
    from padplanner.store.events import Decision

    with open_db(db, create=False) as store:
        store.decide(person_id, Decision(kind, value, reason), author or store.actor)
    t = texts(language(lang))
    typer.echo(t("cli.decide.done", person=person_id, kind=kind, value=value))
    return 0
