"""The municipality's monitor: the figures of one quarter, counted from what is recorded.

Pure functions of each person's intake, events, decisions and plan revisions. A quarter runs
from its first to its last day; "at the end" means on its last day; "in the quarter" means an
event dated within it. A quarter still running is counted up to today: its end is today. The plan in force at a date is the latest revision made for a date on
or before it (its reference date). Each figure is a count of people or events (or euros with
the number of people they concern), so small cells can be suppressed (``suppress``).

Figures (``key``, ``category``):

- ``people.route`` (b1, onderwijs, z, none): people in their term at the end, by the route of
  the plan in force (none: no plan yet); ``people.phase``: the same people by phase.
- ``pip`` (in_time, late, not_set): people whose PIP was due in the quarter (``pip_weeks``
  after the notice date), by whether it was set by then, later, or not yet.
- ``progress`` (on_track, behind): people in their term with a plan at the end, by whether an
  activity is behind (less than 75 % of the hours expected by then, docs/store.md).
- ``exams`` (reading, listening, writing, speaking): exams passed in the quarter.
- ``components`` (knm, map, pvt): components completed in the quarter.
- ``values`` (attended): people who attended values conversations in the quarter.
- ``work`` (placement, job): people in a placement, in a job at the end.
- ``follow_up`` (after_term): job follow-up conversations held in the quarter after the
  person's term had ended.
- ``deadline`` (past): people past their deadline at the end whose term has not ended;
  ``fines`` (route, pvt, map): the fines at stake for them, in euros (``fines_eur``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from padplanner.model import Client, Level, Plan, Requirement
from padplanner.store.derive import derive, status
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    Decision,
    Event,
    ExamResult,
    HoursAttended,
    PipSet,
    TermEnded,
)
from padplanner.store.risk import PHASES, assess, phase

SMALL = 10  # cells about fewer people than this (but more than none) are suppressed
SKILL_KEYS = ("reading", "listening", "writing", "speaking")
ROUTE_KEYS = ("b1", "onderwijs", "z", "none")
GROUPS: dict[str, tuple[str, ...]] = {
    "people.route": ROUTE_KEYS,
    "people.phase": tuple(p for p in PHASES if p != "ended"),
    "pip": ("in_time", "late", "not_set"),
    "progress": ("on_track", "behind"),
    "exams": SKILL_KEYS,
    "components": ("knm", "map", "pvt"),
    "values": ("attended",),
    "work": ("placement", "job"),
    "follow_up": ("after_term",),
    "deadline": ("past",),
    "fines": ("route", "pvt", "map"),
}
PARTITIONS = ("people.route", "people.phase", "pip", "progress")


@attrs.frozen
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026-Q4`` (also ``2026q4``); ``ValueError`` otherwise."""
        cleaned = text.strip().upper().replace(" ", "")
        year, sep, number = cleaned.partition("-Q") if "-Q" in cleaned else cleaned.partition("Q")
        if not sep or not year.isdigit() or number not in ("1", "2", "3", "4"):
            raise ValueError(f"{text!r} is not a quarter (write 2026-Q4)")
        if not 2000 <= int(year) <= 2100:
            raise ValueError(f"{text!r} is out of range (2000-2100)")
        return cls(int(year), int(number))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = self.next()
        return following.start - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


@attrs.frozen
class Person:
    """What the monitor reads about one person (never a name, a BSN or free text)."""

    intake: Client
    events: tuple[Event, ...]
    decisions: tuple[Decision, ...]
    plans: tuple[Plan, ...]  # every revision, oldest first
    module_kinds: Mapping[str, str] = attrs.field(factory=dict)

    def plan_at(self, day: date) -> Plan | None:
        found = [p for p in self.plans if p.reference_date <= day]
        return found[-1] if found else None


@attrs.frozen
class Cell:
    """One figure of one quarter: ``value`` and the number of ``people`` it is about;
    ``suppressed`` when that number is small (the value is then not shown)."""

    key: str
    category: str
    value: float
    people: int
    suppressed: bool = False


Param = Callable[[str, str, date], Any]  # (municipality, parameter, date) -> value


def count(
    people: Sequence[Person], quarter: Quarter, param: Param, until: date | None = None
) -> list[Cell]:
    """Every figure of ``quarter`` (before suppression); of a quarter still running, as of
    ``until`` (its "end" is then that day, and "in the quarter" up to it)."""
    end = quarter.end if until is None else min(quarter.end, until)

    def _in(day: date) -> bool:
        return quarter.start <= day <= end

    tally: dict[tuple[str, str], list[float]] = {
        (key, cat): [0.0, 0] for key, cats in GROUPS.items() for cat in cats
    }

    def add(key: str, category: str, value: float = 1, persons: int = 1) -> None:
        tally[(key, category)][0] += value
        tally[(key, category)][1] += persons

    for person in people:
        intake = person.intake
        events = [e for e in person.events if e.on <= end]
        state = status(events, end)
        ended = state.ended is not None
        plan = person.plan_at(end)
        current = derive(intake, events, person.decisions, end)
        active = intake.term_start <= end and not ended
        if active:
            add("people.route", plan.route.id if plan else "none")
            add("people.phase", phase(plan, state, end))
            if plan is not None:
                report = assess(intake.id, 0, plan, current, events, state, end)
                add("progress", "behind" if "behind" in report.flags else "on_track")
            if state.in_placement:
                add("work", "placement")
            if state.in_job:
                add("work", "job")
            if plan is not None and plan.deadline < end:
                add("deadline", "past")
                fines = param(current.municipality, "fines_eur", end)
                if not _route_done(plan, current):
                    add("fines", "route", fines["route"])
                for part in (p for p in fines if p != "route"):  # the PVT, the MAP
                    needed = any(g.competency == part for g in plan.goals)
                    if needed and part not in current.progress.completed:
                        add("fines", part, fines[part])
        if intake.notice_date is not None:
            due = intake.notice_date + timedelta(
                weeks=int(param(current.municipality, "pip_weeks", intake.notice_date))
            )
            if _in(due):
                sets = [e.on for e in person.events if isinstance(e, PipSet)]
                if not sets or min(sets) > end:
                    add("pip", "not_set")
                else:
                    add("pip", "in_time" if min(sets) <= due else "late")
        values = False
        for event in person.events:
            if not _in(event.on):
                continue
            if isinstance(event, ExamResult) and event.passed and event.skill in SKILL_KEYS:
                add("exams", event.skill)
            elif isinstance(event, ComponentCompleted) and event.component in ("knm", "map", "pvt"):
                add("components", event.component)
            elif (
                isinstance(event, HoursAttended)
                and person.module_kinds.get(event.module) == "values"
            ):
                values = True
            elif (
                isinstance(event, ContactHeld)
                and event.topic == "job-follow-up"
                and any(isinstance(e, TermEnded) and e.on < event.on for e in person.events)
            ):
                add("follow_up", "after_term")
        if values:
            add("values", "attended")
    return [Cell(key, cat, value, int(n)) for (key, cat), (value, n) in tally.items()]


def _route_done(plan: Plan, client: Client) -> bool:
    """Every language goal of the plan reached: the route's exams (a skill at its level; the
    Z-route and the onderwijsroute are done when their programme is completed)."""
    for goal in plan.goals:
        requirement = Requirement.parse(goal.competency)
        if requirement.name in SKILL_KEYS and requirement.level:
            if client.levels.get(requirement.name) < Level.parse(requirement.level):
                return False
        elif (
            requirement.name in ("bridging", "z-language", "z-participation")
            and requirement.name not in client.progress.completed
        ):
            return False
    return True


def suppress(cells: Sequence[Cell], small: int = SMALL) -> list[Cell]:
    """Cells about 1 to ``small - 1`` people suppressed; in a partition (route, phase, PIP,
    progress) where that leaves exactly one suppressed cell, the next smallest non-empty
    cell is suppressed too, so it cannot be worked out from the total."""
    out = [attrs.evolve(c, suppressed=0 < c.people < small) for c in cells]
    for key in PARTITIONS:
        group = [i for i, c in enumerate(out) if c.key == key]
        hidden = [i for i in group if out[i].suppressed]
        if len(hidden) == 1:
            shown = [i for i in group if not out[i].suppressed and out[i].people > 0]
            if shown:
                smallest = min(shown, key=lambda i: out[i].people)
                out[smallest] = attrs.evolve(out[smallest], suppressed=True)
    return out
