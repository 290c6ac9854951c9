"""What the store accepts from a counsellor: events, decisions, their author and reason.

Every problem is found, not only the first, and said as (field, message) with a message id
(``input.event.*``, ``input.decision.*``), so the CLI, the TUI and an import name the field and
the fix: :func:`event_problems` and :func:`decision_problems` list them, :func:`check_event`
and :func:`check_decision` raise them as one ``InputError``. :func:`event_from_dict` reads an
event from untrusted data (the CLI's JSON, a handover file) with every problem reported; the
store rebuilds its own, already checked rows with ``events.event_from_row``. The author and the
reason of a change, and any free text, are checked here too (:func:`check_author`,
:func:`reason_problem`, :func:`text_problem`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import cattrs

from padplanner import limits
from padplanner.convert import text_converter
from padplanner.errors import (
    InputError,
    Phrased,
    Problem,
    phrased,
    phrased_closest,
    problems_from_cattrs,
)
from padplanner.i18n import N_
from padplanner.model.client import ROUTES, is_municipality_code
from padplanner.model.levels import SKILLS
from padplanner.store.events import (
    AGREEMENTS,
    CAUSES,
    COMPONENTS,
    DECISION_KINDS,
    DRAWN,
    EVENT_TYPES,
    INTERVENTIONS,
    OUTCOMES,
    TOPICS,
    ComponentCompleted,
    ContactHeld,
    Decision,
    Event,
    ExamResult,
    ExtensionGranted,
    HoursAttended,
    InterventionStarted,
    JobStarted,
    Moved,
    PipSet,
    PlacementEnded,
    PlacementStarted,
    PlanDiscussed,
    TermEnded,
)

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
MAX_TEXT = 2000
MAX_AUTHOR = 100

_MODULE = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,63}$")
_SECTOR = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def text_problem(value: str | None, limit: int = MAX_TEXT, *, lines: bool = True) -> str | None:
    """Why a free text is refused (too long, control characters, text-direction marks), or
    None when it is fine (see :func:`padplanner.limits.text_problem`)."""
    return limits.text_problem(value, limit, lines=lines)


def reason_problem(reason: str) -> Phrased | None:
    """Why the reason of a change is refused (too long, control characters, empty), or None."""
    problem = text_problem(reason)
    if problem is None and not reason.strip():
        problem = phrased("input.text.empty")
    return phrased("input.reason", problem=problem) if problem else None


def check_author(author: str, source: str = "author") -> None:
    problem = text_problem(author, MAX_AUTHOR, lines=False)
    if problem is None and not author.strip():
        problem = phrased("input.event.author.empty")
    if problem:
        raise InputError([Problem(source, "", phrased("input.event.author", problem=problem))])


def date_problem(value: date) -> str | None:
    if not EARLIEST <= value <= LATEST:
        return phrased(
            "input.event.date",
            value=value.isoformat(),
            earliest=str(EARLIEST.year),
            latest=str(LATEST.year),
        )
    return None


def _choice(value: str, choices: Iterable[str], *, close: bool = False) -> Phrased:
    """``value`` is not one of ``choices`` (with a "did you mean" when ``close``)."""
    choices = list(choices)
    values = {"value": repr(value[:80]), "allowed": ", ".join(choices)}
    if close:
        return phrased_closest(
            N_("input.value.choice"), N_("input.value.choice.close"), value, choices, **values
        )
    return phrased("input.value.choice", **values)


def event_problems(event: Event) -> list[tuple[str, str]]:
    """Every problem with one event, as (field, message)."""
    out: list[tuple[str, str]] = []
    if (problem := date_problem(event.on)) is not None:
        out.append(("on", problem))
    if (problem := text_problem(getattr(event, "note", None))) is not None:
        out.append(("note", problem))
    if isinstance(event, HoursAttended):
        if not _MODULE.match(event.module):
            out.append(("module", phrased("input.event.module", value=repr(event.module[:80]))))
        if not 0 < event.hours <= 1000:
            out.append(("hours", phrased("input.event.hours", hours=f"{event.hours:g}")))
    elif isinstance(event, ExamResult):
        if event.skill not in SKILLS:
            skills = " ".join(SKILLS)
            out.append(
                ("skill", phrased("input.event.skill", value=repr(event.skill[:80]), skills=skills))
            )
    elif isinstance(event, ComponentCompleted):
        if event.component not in COMPONENTS:
            out.append(("component", _choice(event.component, COMPONENTS, close=True)))
    elif isinstance(event, PlacementStarted | PlacementEnded | JobStarted):
        if not _SECTOR.match(event.sector):
            out.append(("sector", phrased("input.event.sector", value=repr(event.sector[:80]))))
        if isinstance(event, JobStarted):
            if not 1 <= event.hours_per_week <= 60:
                out.append(("hours_per_week", phrased("input.event.hours_per_week")))
            if event.path_hours is not None and not 1 <= event.path_hours <= 60:
                out.append(("path_hours", phrased("input.event.path_hours")))
    elif isinstance(event, ExtensionGranted):
        if not 1 <= event.weeks <= 156:
            out.append(("weeks", phrased("input.event.weeks", weeks=event.weeks)))
        if event.cause not in CAUSES:
            out.append(("cause", _choice(event.cause, CAUSES)))
    elif isinstance(event, Moved):
        if not is_municipality_code(event.municipality):
            value = repr(event.municipality[:80])
            out.append(("municipality", phrased("input.client.municipality", value=value)))
    elif isinstance(event, TermEnded):
        if event.outcome not in OUTCOMES:
            out.append(("outcome", _choice(event.outcome, OUTCOMES)))
    elif isinstance(event, InterventionStarted) and event.name not in INTERVENTIONS:
        out.append(("name", _choice(event.name, INTERVENTIONS, close=True)))
    elif isinstance(event, PlanDiscussed):
        if event.agreement not in AGREEMENTS:
            out.append(("agreement", _choice(event.agreement, AGREEMENTS)))
        if event.revision is not None and (
            isinstance(event.revision, bool) or not 1 <= event.revision <= 100_000
        ):
            out.append(("revision", phrased("input.event.revision")))
    elif isinstance(event, PipSet) and event.revision is not None:
        if isinstance(event.revision, bool) or not 1 <= event.revision <= 100_000:
            out.append(("revision", phrased("input.event.revision")))
    elif isinstance(event, ContactHeld) and event.topic not in TOPICS:
        out.append(("topic", _choice(event.topic, TOPICS)))
    return out


def check_event(event: Event, source: str = "event") -> None:
    if type(event) not in EVENT_TYPES.values():
        name = type(event).__name__
        raise InputError([Problem(source, "kind", phrased("input.event.not_event", name=name))])
    problems = event_problems(event)
    if problems:
        raise InputError([Problem(source, path, message) for path, message in problems])


def decision_problems(decision: Decision) -> list[tuple[str, str]]:
    out = []
    if decision.kind not in DECISION_KINDS:
        out.append(("kind", _choice(decision.kind, DECISION_KINDS)))
    elif decision.kind == "route" and decision.value not in ROUTES:
        value, routes = repr(decision.value[:80]), ", ".join(ROUTES)
        out.append(("value", phrased("input.decision.route", value=value, routes=routes)))
    elif decision.kind == "lottery":
        name, _, result = decision.value.partition(":")
        if name not in INTERVENTIONS or result not in DRAWN:
            value, names = repr(decision.value[:80]), ", ".join(INTERVENTIONS)
            out.append(("value", phrased("input.decision.lottery", value=value, names=names)))
    elif decision.kind != "route" and not _MODULE.match(decision.value):
        out.append(("value", phrased("input.event.module", value=repr(decision.value[:80]))))
    problem = text_problem(decision.reason)
    if problem is None and not decision.reason.strip():
        problem = phrased("input.decision.reason")
    if problem:
        out.append(("reason", problem))
    return out


def check_decision(decision: Decision, source: str = "decision") -> None:
    problems = decision_problems(decision)
    if problems:
        raise InputError([Problem(source, path, message) for path, message in problems])


# -- data -> events ------------------------------------------------------------------------
def event_from_dict(data: dict[str, Any], source: str = "event") -> Event:
    """Read ``{"kind": ..., "on": ..., ...}`` with every problem reported; validated."""
    if not isinstance(data, dict):
        raise InputError([Problem(source, "", phrased("input.event.table"))])
    if shape := limits.shape_problems(data, source):
        raise InputError(shape)
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        value, kinds = repr(str(kind)[:80]), ", ".join(EVENT_TYPES)
        worded = phrased_closest(
            N_("input.event.kind"),
            N_("input.event.kind.close"),
            str(kind),
            EVENT_TYPES,
            value=value,
            kinds=kinds,
        )
        raise InputError([Problem(source, "kind", worded)])
    cls = EVENT_TYPES[kind]
    body = {k: v for k, v in data.items() if k != "kind"}
    try:
        event = text_converter.structure(body, cls)  # JSON: "on" is "2025-10-06"
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        raise InputError(problems_from_cattrs(exc, source)) from None
    check_event(event, source)
    return event
