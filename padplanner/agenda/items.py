"""What falls due for one person in a week: pure functions of the intake, the record, the
latest plan and the law's dated parameters.

A week runs from Monday to Sunday. An item is shown when its ``due`` date is on or before the
week's Sunday and it is still open; it is ``overdue`` when it was due before the Monday. The
kinds, and when each is open (docs/agenda.md says the same for counsellors):

- ``progress``, ``map-final``: a conversation the latest plan schedules (on or after the day
  it was made). Held when a conversation on that topic was recorded on or after four weeks
  before the date (``HELD_WITHIN_DAYS``); one item per kind, the earliest still open.
- ``job-follow-up``: after each job that started, at the months of the parameter
  ``job_follow_up_months`` (also after the term ended). Held like a conversation.
- ``pip``: the PIP must be set within ``pip_weeks`` of the notice date (``notice_date`` of the
  intake); open until a ``pip-set`` event is recorded.
- ``switch-window``: when the rules ask it for the route (``padplanner_switch_question``; the
  law: on the B1- and Z-routes), the route can be switched until the day the latest plan's
  term names (``term.switch_until``, set by the law's rule, so the agenda and the planner
  never count the window differently); due ``check_in_weeks`` (one conversation cycle) before
  the window closes, open until it closes or a plan is made on or after the due date (the
  route was reconsidered).
- ``a2-decision``: when the rules name a decision on dropping skills to A2 for the route and
  the levels (``padplanner_a2_decision``; the law: on the B1-route, for every skill below B1,
  from ``a2_drop_hours``), from the day the language lessons attended reach the hours it
  names; open until a plan is made on or after.
- ``moved``, ``exam``: a move or an exam result means the PIP must be amended; open until a
  plan is made on or after it.

The figures and the answers come from the catalogue and the plugins of the person's
municipality (``asked``: an :class:`padplanner.engine.asked.Asked`, or anything with its
``param``, ``switch_question`` and ``a2_decision``), so a municipality's plugin or a change of
the law moves them without touching this code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from padplanner.dates import add_months
from padplanner.model import Client, Plan
from padplanner.store.derive import language_hours_reached
from padplanner.store.events import (
    ContactHeld,
    Event,
    ExamResult,
    JobStarted,
    Moved,
    PipSet,
    TermEnded,
)

HELD_WITHIN_DAYS = 28
KINDS: tuple[str, ...] = (
    "pip",
    "progress",
    "map-final",
    "job-follow-up",
    "switch-window",
    "a2-decision",
    "moved",
    "exam",
)


@attrs.frozen
class Item:
    """One thing due for one person: what (``kind``), when (``due``), and the values its
    sentence is made from (``values``: dates as ISO text, numbers, codes)."""

    person_id: str
    kind: str
    due: date
    overdue: bool
    name: str | None = None
    counsellor: str | None = None
    values: Mapping[str, Any] = attrs.field(
        factory=dict, converter=lambda v: MappingProxyType(dict(v))
    )


@attrs.frozen
class Week:
    """Monday to Sunday."""

    start: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


@attrs.frozen
class PersonState:
    """What the agenda reads about one person."""

    intake: Client
    current: Client
    events: tuple[Event, ...]
    plan: Plan | None
    name: str | None = None
    counsellor: str | None = None
    module_kinds: Mapping[str, str] = attrs.field(factory=dict)


class Asks(Protocol):
    """What the agenda asks the rules (:class:`padplanner.engine.asked.Asked`)."""

    def param(self, name: str, at: date) -> Any: ...
    def switch_question(self, client: Client, route: str, at: date) -> Any: ...
    def a2_decision(self, client: Client, route: str, at: date) -> Any: ...


def _held(contacts: Sequence[date], due: date) -> bool:
    return any(day >= due - timedelta(days=HELD_WITHIN_DAYS) for day in contacts)


def _contacts(events: Sequence[Event], topic: str, until: date) -> list[date]:
    return [
        e.on for e in events if isinstance(e, ContactHeld) and e.topic == topic and e.on <= until
    ]


def _amended(plan: Plan | None, since: date) -> bool:
    return plan is not None and plan.reference_date >= since


def items_for(state: PersonState, week: Week, asked: Asks) -> list[Item]:
    """Every open item of one person that is due on or before the week's end."""
    param = asked.param
    out: list[tuple[str, date, dict[str, Any]]] = []
    events = [e for e in state.events if e.on <= week.end]
    plan, intake = state.plan, state.intake
    ended = any(isinstance(e, TermEnded) for e in events)
    # job follow-ups: after every job, also after the term
    for job in (e for e in events if isinstance(e, JobStarted)):
        contacts = _contacts(events, "job-follow-up", week.end)
        for months in param("job_follow_up_months", job.on):
            due = add_months(job.on, int(months))
            if due <= week.end and not _held(contacts, due):
                out.append(("job-follow-up", due, {"months": int(months), "job": job.on}))
    if ended:
        return _items(state, week, out)
    # the PIP within ten weeks of the notice
    if intake.notice_date is not None and not any(isinstance(e, PipSet) for e in events):
        weeks = int(param("pip_weeks", intake.notice_date))
        due = intake.notice_date + timedelta(weeks=weeks)
        out.append(("pip", due, {"weeks": weeks, "notice": intake.notice_date}))
    if plan is not None:
        for kind in ("progress", "map-final"):
            contacts = _contacts(events, kind, week.end)
            planned = sorted(
                c.date
                for c in plan.check_ins
                if c.kind == kind and plan.reference_date <= c.date <= week.end
            )
            open_ = [day for day in planned if not _held(contacts, day)]
            if open_:
                out.append((kind, open_[0], {"last": max(contacts, default=None)}))
        out.extend(_amendments(state, week, asked, events))
    return _items(state, week, out)


def _amendments(
    state: PersonState, week: Week, asked: Asks, events: list[Event]
) -> list[tuple[str, date, dict[str, Any]]]:
    plan, intake = state.plan, state.intake
    assert plan is not None
    out: list[tuple[str, date, dict[str, Any]]] = []
    route = plan.route.id
    closes = plan.term.switch_until if plan.term is not None else None
    if closes is not None and closes >= week.start:
        asks = asked.switch_question(state.current, route, week.end)
        notice = int(asked.param("check_in_weeks", intake.term_start))
        due = closes - timedelta(weeks=notice)
        if asks is not None and not _amended(plan, due):
            out.append(("switch-window", due, {"closes": closes, "route": route}))
    decision = asked.a2_decision(state.current, route, week.end)
    if decision is not None:
        threshold = float(decision.values["hours"])
        reached = language_hours_reached(intake, events, state.module_kinds, threshold)
        if reached is not None and not _amended(plan, reached):
            skills = list(decision.values["skills"])
            out.append(("a2-decision", reached, {"hours": threshold, "skills": skills}))
    moves = [e for e in events if isinstance(e, Moved)]
    if moves and not _amended(plan, moves[-1].on):
        out.append(("moved", moves[-1].on, {"municipality": moves[-1].municipality}))
    exams = [e for e in events if isinstance(e, ExamResult)]
    if exams and not _amended(plan, exams[-1].on):
        last = exams[-1]
        out.append(
            (
                "exam",
                last.on,
                {"skill": last.skill, "level": str(last.level), "passed": last.passed},
            )
        )
    return out


def _items(
    state: PersonState, week: Week, found: list[tuple[str, date, dict[str, Any]]]
) -> list[Item]:
    return [
        Item(
            state.intake.id,
            kind,
            due,
            due < week.start,
            state.name,
            state.counsellor,
            {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
        )
        for kind, due, values in found
        if due <= week.end
    ]


def order(items: Sequence[Item]) -> list[Item]:
    """Overdue first, then by date, kind and person."""
    return sorted(items, key=lambda i: (not i.overdue, i.due, KINDS.index(i.kind), i.person_id))
