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

This module holds what the events and decisions are: their classes, the kinds and the choices
of their fields, and how a stored row becomes an event again (:func:`event_from_row`). What
the store accepts, and reading an event from untrusted data (``event_from_dict``), is in
``validation.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

import attrs

from padplanner.model.levels import Level

COMPONENTS: tuple[str, ...] = ("knm", "pvt", "map", "values", "diploma-evaluated")
CAUSES: tuple[str, ...] = ("illness", "birth", "other")
OUTCOMES: tuple[str, ...] = ("completed", "fined", "exempted", "other")
TOPICS: tuple[str, ...] = ("progress", "map-final", "job-follow-up", "other")
AGREEMENTS: tuple[str, ...] = ("agrees", "partly", "disagrees")
DECISION_KINDS: tuple[str, ...] = ("route", "remove", "add", "restore", "lottery")
INTERVENTIONS: tuple[str, ...] = ("mediation", "dual", "values")
DRAWN: tuple[str, ...] = ("drawn", "not-drawn")
BIRTH_EXTENSION_WEEKS = 16  # docs/domain.md: birth of a child, +16 weeks [law]


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


def event_from_row(kind: str, on: date, data: str | dict, note: str | None) -> Event:
    """Rebuild a stored event (trusted data: already validated when it was recorded)."""
    import json

    fields = json.loads(data) if isinstance(data, str) else dict(data)
    cls = EVENT_TYPES[kind]
    if cls is ExamResult:
        fields["level"] = Level.parse(fields["level"])
    return cls(on=on, note=note, **fields)  # type: ignore[call-arg]
