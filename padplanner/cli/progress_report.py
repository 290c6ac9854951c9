"""``padplanner progress ID`` alone: planned against actual, as JSON or as a table.

The report itself (per activity the hours planned, expected by now and attended, the status,
the risk flags and what they mean) is made by the store (``padplanner.store.risk``); this
module says it: :func:`to_json` as ``padplanner.progress/1`` data (the same in every
language), :func:`table` as the lines of a table in the reader's language, courses by their
titles in the municipality's catalogue. The commands that record events are in
``progress.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from padplanner.i18n import N_

if TYPE_CHECKING:
    from padplanner.i18n.messages import Texts
    from padplanner.model import Plan
    from padplanner.store.risk import ProgressReport

STATUSES = {
    "planned": N_("cli.progress.status.planned"),
    "on-track": N_("cli.progress.status.on-track"),
    "ahead": N_("cli.progress.status.ahead"),
    "behind": N_("cli.progress.status.behind"),
    "done": N_("cli.progress.status.done"),
}
RISKS = {
    "none": N_("cli.risk.none"),
    "contact": N_("cli.risk.contact"),
    "behind": N_("cli.risk.behind"),
    "deadline": N_("cli.risk.deadline"),
}


def to_json(report: ProgressReport) -> dict[str, Any]:
    """The report as ``padplanner.progress/1`` data."""
    return {
        "schema": "padplanner.progress/1",
        "person": report.person_id,
        "today": report.today.isoformat(),
        "revision": report.revision,
        "risk": report.risk,
        "flags": list(report.flags),
        "explanations": list(report.explanations),
        "last_contact": report.last_contact.isoformat() if report.last_contact else None,
        "slack_weeks": report.slack_weeks,
        "activities": [
            {
                "activity": a.activity,
                "start": a.start.isoformat(),
                "end": a.end.isoformat(),
                "planned_hours": a.planned_hours,
                "expected_by_now": a.expected_by_now,
                "attended": a.attended,
                "status": a.status,
            }
            for a in report.activities
        ],
    }


def table(report: ProgressReport, latest: tuple[int, Plan] | None, t: Texts) -> Iterator[str]:
    """The report's lines in ``t``'s language: a heading, a row per activity, the risk and
    what each flag means (``latest``: the latest revision and plan, whose municipality's
    catalogue names the courses; ids when there is none)."""
    title = _titles(latest[1].municipality, t.lang) if latest else str
    yield t(
        "cli.progress.heading",
        person=report.person_id,
        date=t.date(report.today),
        revision=report.revision,
    )
    head = [
        t(key)
        for key in (
            N_("cli.progress.col.activity"),
            N_("cli.progress.col.start"),
            N_("cli.progress.col.end"),
            N_("cli.progress.col.planned"),
            N_("cli.progress.col.by_now"),
            N_("cli.progress.col.done"),
            N_("cli.progress.col.status"),
        )
    ]
    yield (
        f"{head[0]:<30} {head[1]:<12} {head[2]:<12} {head[3]:>8} {head[4]:>8} {head[5]:>8}  "
        + head[6]
    )
    for a in report.activities:
        yield (
            f"{_cut(title(a.module), 30):<30} {t.short_date(a.start):<12} {t.short_date(a.end):<12} "
            f"{t.decimal(a.planned_hours):>8} {t.decimal(a.expected_by_now):>8} "
            f"{t.decimal(a.attended):>8}  {t.get(STATUSES.get(a.status), a.status)}"
        )
    yield t("cli.progress.risk", risk=t.get(RISKS.get(report.risk), report.risk))
    for line in report.explain(t, title):
        yield f"  {line}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _titles(municipality: str, lang: str) -> Callable[[str], str]:
    """A module id → its title in ``lang`` from the municipality's catalogue; ids when the
    catalogue does not load (a plugin that fails: the report is still shown)."""
    from padplanner import Planner
    from padplanner.catalog.sentences import Sentences
    from padplanner.errors import InputError, PlanningError

    try:
        return Sentences(Planner.default().catalog(municipality), lang).module
    except (InputError, PlanningError):
        return str
