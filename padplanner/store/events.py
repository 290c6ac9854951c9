"""Progress events and counsellor decisions: what happened to a person, and what was decided.

The person's current state is never edited by hand: it is the intake with these events and
decisions applied (``derive.py``). Every event has a date (``on``) and an optional free-text
``note`` (erased by ``forget``). As data (the CLI's JSON, the store's rows) an event is
``{"kind": "hours", "on": "2025-10-06", "module": "nt2-a0-a1", "hours": 12}``.

==================  ==========================================================================
kind                fields
==================  ==========================================================================
hours               module, hours, in_person (default true): hours attended in a module
exam                skill (reading|listening|writing|speaking), level (CEFR), passed
completed           component: knm | pvt | map | values | diploma-evaluated
placement-started   sector (a catalogue sector key): a work-experience place began
placement-ended     sector, completed (default true; a completed placement grants work:<sector>)
job-started         sector, hours_per_week, path_hours (hours a week left for the path)
job-ended           (nothing)
extension           weeks, cause: illness | birth | other (DUO extension; birth = +16 weeks)
moved               municipality (CBS code): the person moved
term-ended          outcome: completed | fined | exempted | other
contact             topic: progress | map-final | job-follow-up | other (a conversation held)
intervention        name: mediation | dual | values (intensive mediation, a dual trajectory or
                    a series of values conversations began; what ``padplanner evaluate``
                    compares)
pip-set             revision (optional): the PIP was set (the formal decision), on ``on``
discussed           revision (optional), interpreter (default false), agreement: agrees |
                    partly | disagrees: the plan was discussed with the person, on ``on``
==================  ==========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, ClassVar

import attrs
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
from padplanner.model.levels import SKILLS, Level

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
MAX_TEXT = 2000
MAX_AUTHOR = 100

COMPONENTS: tuple[str, ...] = ("knm", "pvt", "map", "values", "diploma-evaluated")
CAUSES: tuple[str, ...] = ("illness", "birth", "other")
OUTCOMES: tuple[str, ...] = ("completed", "fined", "exempted", "other")
TOPICS: tuple[str, ...] = ("progress", "map-final", "job-follow-up", "other")
AGREEMENTS: tuple[str, ...] = ("agrees", "partly", "disagrees")
DECISION_KINDS: tuple[str, ...] = ("route", "remove", "add", "restore", "lottery")
INTERVENTIONS: tuple[str, ...] = ("mediation", "dual", "values")
DRAWN: tuple[str, ...] = ("drawn", "not-drawn")
BIRTH_EXTENSION_WEEKS = 16  # docs/domain.md: birth of a child, +16 weeks [law]

_MODULE = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,63}$")
_SECTOR = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def _level(value: Any) -> Level:
    if isinstance(value, Level):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return Level(value)
    return Level.parse(str(value))


@attrs.frozen
class Event:
    """Base of every progress event: the date it happened and an optional note."""

    kind: ClassVar[str] = ""
    on: date

    def data(self) -> dict[str, Any]:
        """The kind-specific fields as JSON-ready data (without ``on`` and ``note``)."""
        out = {}
        for field in attrs.fields(type(self)):
            if field.name in ("on", "note"):
                continue
            value = getattr(self, field.name)
            out[field.name] = str(value) if isinstance(value, Level) else value
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "on": self.on.isoformat(), **self.data()}
        if getattr(self, "note", None):
            out["note"] = self.note  # type: ignore[attr-defined]
        return out


@attrs.frozen
class HoursAttended(Event):
    kind: ClassVar[str] = "hours"
    module: str
    hours: float
    in_person: bool = True
    note: str | None = None


@attrs.frozen
class ExamResult(Event):
    kind: ClassVar[str] = "exam"
    skill: str
    level: Level = attrs.field(converter=_level)
    passed: bool = True
    note: str | None = None


@attrs.frozen
class ComponentCompleted(Event):
    kind: ClassVar[str] = "completed"
    component: str
    note: str | None = None


@attrs.frozen
class PlacementStarted(Event):
    kind: ClassVar[str] = "placement-started"
    sector: str
    note: str | None = None


@attrs.frozen
class PlacementEnded(Event):
    kind: ClassVar[str] = "placement-ended"
    sector: str
    completed: bool = True
    note: str | None = None


@attrs.frozen
class JobStarted(Event):
    kind: ClassVar[str] = "job-started"
    sector: str
    hours_per_week: int
    path_hours: int | None = None
    note: str | None = None


@attrs.frozen
class JobEnded(Event):
    kind: ClassVar[str] = "job-ended"
    note: str | None = None


@attrs.frozen
class ExtensionGranted(Event):
    kind: ClassVar[str] = "extension"
    weeks: int
    cause: str = "other"
    note: str | None = None

    @classmethod
    def birth(cls, on: date, note: str | None = None) -> ExtensionGranted:
        """The statutory extension for the birth of a child: 16 weeks."""
        return cls(on, BIRTH_EXTENSION_WEEKS, "birth", note)


@attrs.frozen
class Moved(Event):
    kind: ClassVar[str] = "moved"
    municipality: str
    note: str | None = None


@attrs.frozen
class TermEnded(Event):
    kind: ClassVar[str] = "term-ended"
    outcome: str = "completed"
    note: str | None = None


@attrs.frozen
class ContactHeld(Event):
    kind: ClassVar[str] = "contact"
    topic: str = "progress"
    note: str | None = None


@attrs.frozen
class InterventionStarted(Event):
    kind: ClassVar[str] = "intervention"
    name: str
    note: str | None = None


@attrs.frozen
class PipSet(Event):
    """The PIP was set: the municipality's formal decision, on ``on`` (``revision``: the plan
    revision it sets, when known)."""

    kind: ClassVar[str] = "pip-set"
    revision: int | None = None
    note: str | None = None


@attrs.frozen
class PlanDiscussed(Event):
    """The plan was discussed with the person on ``on``: with or without an interpreter, and
    whether they agree (``agrees``, ``partly``, ``disagrees``). ``revision``: the plan revision
    discussed, when known (otherwise the plan in force on that day)."""

    kind: ClassVar[str] = "discussed"
    revision: int | None = None
    interpreter: bool = False
    agreement: str = "agrees"
    note: str | None = None


def discussion(events: Sequence[Event], revision: int, made_on: date) -> PlanDiscussed | None:
    """The latest discussion of plan ``revision`` (made for ``made_on``): one naming the
    revision, or one without a revision held on or after ``made_on``."""
    found = [
        e
        for e in events
        if isinstance(e, PlanDiscussed)
        and (e.revision == revision or (e.revision is None and e.on >= made_on))
    ]
    return max(found, key=lambda e: e.on, default=None)


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        HoursAttended,
        ExamResult,
        ComponentCompleted,
        PlacementStarted,
        PlacementEnded,
        JobStarted,
        JobEnded,
        ExtensionGranted,
        Moved,
        TermEnded,
        ContactHeld,
        InterventionStarted,
        PipSet,
        PlanDiscussed,
    )
}


@attrs.frozen
class Decision:
    """A counsellor decision with its mandatory reason (the plan is appealable).

    ``route``: value is b1 | onderwijs | z (the route the person follows, whatever the rules
    advise); ``remove`` / ``add``: value is a module id left out of or added to the plan;
    ``restore``: undoes an earlier remove or add of that module; ``lottery``: value is
    ``INTERVENTION:drawn`` or ``INTERVENTION:not-drawn``, a fair draw among people with equal
    priority at a cut-off (``padplanner.store.lottery``), its reason names the seed. ``previous`` (filled in by
    the store for route decisions) is the route the plan followed before: a switch after the
    window is a finding.
    """

    kind: str
    value: str
    reason: str
    previous: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "value": self.value,
            "reason": self.reason,
            "previous": self.previous,
        }


# -- validation ------------------------------------------------------------------------------
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


# -- data <-> events -------------------------------------------------------------------------
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


def event_from_row(kind: str, on: date, data: str | dict, note: str | None) -> Event:
    """Rebuild a stored event (trusted data: already validated when it was recorded)."""
    import json

    fields = json.loads(data) if isinstance(data, str) else dict(data)
    cls = EVENT_TYPES[kind]
    if cls is ExamResult:
        fields["level"] = Level.parse(fields["level"])
    return cls(on=on, note=note, **fields)  # type: ignore[call-arg]
