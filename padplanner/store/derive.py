"""A person's current state: the intake with every progress event and decision applied.

Pure functions: the same intake, events and decisions give the same ``Client``. Nothing in the
store edits levels, hours or extensions by hand; they follow from what was recorded.

=====================  =======================================================================
event                  effect on the derived ``Client``
=====================  =======================================================================
hours                  ``progress.hours_done[module] += hours``
exam (passed)          ``levels.<skill>`` rises to the level reached (never drops)
completed              the component joins ``progress.completed`` (``diploma-evaluated``
                       sets ``work.diploma_evaluated``)
placement-ended        a completed placement adds ``work:<sector>`` and work experience
job-started            adds ``work:<sector>`` and experience; ``path_hours`` becomes the
                       ``weekly_hours`` available for the path
job-ended              ``weekly_hours`` back to the intake's
extension              ``progress.extensions_weeks += weeks``
moved                  ``municipality`` becomes the new one
route decision         ``route`` = the counsellor's choice with its reason (``previous`` is the
                       route the plan followed before)
=====================  =======================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import attrs

from padplanner.engine.adjust import Adjustments
from padplanner.model import Client
from padplanner.model.client import Levels, Progress, RouteChoice
from padplanner.model.levels import Level
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    Decision,
    Event,
    ExamResult,
    ExtensionGranted,
    HoursAttended,
    JobEnded,
    JobStarted,
    Moved,
    PlacementEnded,
    PlacementStarted,
    TermEnded,
)


def _ordered(events: Iterable[Event], at: date | None) -> list[Event]:
    indexed = [(e.on, i, e) for i, e in enumerate(events) if at is None or e.on <= at]
    return [e for _, _, e in sorted(indexed, key=lambda t: (t[0], t[1]))]


def derive(
    intake: Client,
    events: Sequence[Event],
    decisions: Sequence[Decision] = (),
    at: date | None = None,
) -> Client:
    """The intake with ``events`` up to ``at`` (all when None) and ``decisions`` applied."""
    levels: dict[str, Level] = intake.levels.as_dict()
    hours = dict(intake.progress.hours_done)
    completed = list(intake.progress.completed)
    extensions = intake.progress.extensions_weeks
    municipality = intake.municipality
    weekly_hours = intake.weekly_hours
    experience = list(intake.work.experience)
    evaluated = intake.work.diploma_evaluated

    def add(items: list[str], item: str) -> None:
        if item not in items:
            items.append(item)

    for event in _ordered(events, at):
        if isinstance(event, HoursAttended):
            hours[event.module] = round(hours.get(event.module, 0.0) + event.hours, 2)
        elif isinstance(event, ExamResult):
            if event.passed and event.level > levels[event.skill]:
                levels[event.skill] = event.level
        elif isinstance(event, ComponentCompleted):
            if event.component == "diploma-evaluated":
                evaluated = True
            else:
                add(completed, event.component)
        elif isinstance(event, PlacementEnded):
            if event.completed:
                add(completed, f"work:{event.sector}")
                add(experience, event.sector)
        elif isinstance(event, JobStarted):
            add(completed, f"work:{event.sector}")
            add(experience, event.sector)
            if event.path_hours is not None:
                weekly_hours = event.path_hours
        elif isinstance(event, JobEnded):
            weekly_hours = intake.weekly_hours
        elif isinstance(event, ExtensionGranted):
            extensions += event.weeks
        elif isinstance(event, Moved):
            municipality = event.municipality

    route = intake.route
    for decision in decisions:
        if decision.kind == "route":
            route = RouteChoice(decision.value, decision.reason, decision.previous)

    return attrs.evolve(
        intake,
        municipality=municipality,
        weekly_hours=weekly_hours,
        levels=Levels(**levels),
        work=attrs.evolve(intake.work, experience=tuple(experience), diploma_evaluated=evaluated),
        route=route,
        progress=Progress(
            completed=tuple(completed), hours_done=hours, extensions_weeks=extensions
        ),
    )


def module_adjustments(
    decisions: Sequence[Decision], base: Adjustments | None = None
) -> Adjustments:
    """``base`` with the counsellor's module decisions (remove, add, restore) applied in order."""
    base = base or Adjustments()
    remove, add = dict(base.remove), dict(base.add)
    for decision in decisions:
        if decision.kind == "remove":
            remove[decision.value] = decision.reason
            add.pop(decision.value, None)
        elif decision.kind == "add":
            add[decision.value] = decision.reason
            remove.pop(decision.value, None)
        elif decision.kind == "restore":
            remove.pop(decision.value, None)
            add.pop(decision.value, None)
    return attrs.evolve(base, remove=remove, add=add)


@attrs.frozen
class Status:
    """What the events say beyond the ``Client``: contact, placement, job, the term's end."""

    last_contact: date | None = None
    in_placement: str | None = None
    in_job: str | None = None
    ended: date | None = None
    outcome: str | None = None
    moved: int = 0


def status(events: Sequence[Event], at: date | None = None) -> Status:
    last_contact = placement = job = ended = outcome = None
    moved = 0
    for event in _ordered(events, at):
        if isinstance(event, ContactHeld):
            last_contact = event.on
        elif isinstance(event, PlacementStarted):
            placement = event.sector
        elif isinstance(event, PlacementEnded):
            placement = None
        elif isinstance(event, JobStarted):
            job = event.sector
        elif isinstance(event, JobEnded):
            job = None
        elif isinstance(event, TermEnded):
            ended, outcome = event.on, event.outcome
        elif isinstance(event, Moved):
            moved += 1
    return Status(last_contact, placement, job, ended, outcome, moved)


def hours_since(events: Sequence[Event], start: date, at: date) -> dict[str, float]:
    """Hours attended per module from ``start`` up to and including ``at``."""
    out: dict[str, float] = {}
    for event in events:
        if isinstance(event, HoursAttended) and start <= event.on <= at:
            out[event.module] = out.get(event.module, 0.0) + event.hours
    return out


LANGUAGE_KINDS = ("language", "literacy")


def language_hours_reached(
    intake: Client, events: Sequence[Event], module_kinds: Mapping[str, str], threshold: float
) -> date | None:
    """The day the hours of language education (modules of kind language or literacy: the
    intake's hours and those recorded since) reach ``threshold``, or None. Hours the intake
    brought already count from the first lesson recorded, else from the term start."""
    total = sum(
        hours
        for module, hours in intake.progress.hours_done.items()
        if module_kinds.get(module) in LANGUAGE_KINDS
    )
    for event in sorted((e for e in events if isinstance(e, HoursAttended)), key=lambda e: e.on):
        if module_kinds.get(event.module) in LANGUAGE_KINDS:
            total += event.hours
            if total >= threshold:
                return event.on
    return intake.term_start if total >= threshold else None
