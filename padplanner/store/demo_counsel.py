"""What the demo's counsellors do with the simulated history (``demo_history.py``): they keep
the plan and the conversations up to date, as a counsellor working from the agenda would.

* **Amending the plan after exams.** An exam result means the PIP must be amended: within
  ``REPLAN_DAYS`` of the exam (a conversation arranged for it) the counsellor replans the
  person's state on that day and saves it as the next revision. Exams taken before that
  conversation are amended in it too. An exam whose conversation would fall after ``today``
  is still open: that is the agenda's backlog.
* **Conversations follow the plan in force.** From a new revision on, the progress
  conversations and MAP final interviews held are those of the new plan (most of them, as
  before: ``HELD_SHARE``), instead of the first plan's; the amending conversation itself is
  recorded as a progress conversation. A conversation missed on its day is mostly held a
  few weeks later (``CATCH_UP_SHARE``, within ``CATCH_UP_DAYS``), the rest stays missed.
* **Job follow-ups.** After a job starts, the counsellor holds the follow-up conversations
  at the months the law's ``job_follow_up_months`` names, within ``FOLLOW_UP_DAYS`` of the
  date, most of them (``FOLLOW_UP_SHARE``).

What the person learns is not changed by a revision: their hours, exams, placements and job
stay those simulated from the first plan (so the evidence tools still find the known true
values); a later revision plans what is left from the person's recorded state. The
counsellor's choices draw from their own random stream per person, so the simulated
progress is the same as without them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from padplanner.dates import add_months
from padplanner.errors import InputError, PlanningError
from padplanner.model import Plan
from padplanner.store.events import ContactHeld, Decision, Event, ExamResult, JobStarted
from padplanner.store.workflow import plan_state

REPLAN_DAYS = (3, 21)
HELD_SHARE = 0.85
CATCH_UP_SHARE = 0.8
CATCH_UP_DAYS = (7, 42)
FOLLOW_UP_DAYS = (0, 10)
FOLLOW_UP_SHARE = 0.9
PLANNED_TOPICS = ("progress", "map-final")


@attrs.frozen
class _Latest:
    """A revision as ``plan_state`` reads it."""

    revision: int
    plan: str
    adjustments: str = "{}"


def counsel(
    client: Any,
    plan: Plan,
    events: Sequence[Event],
    today: date,
    rng: random.Random,
    param: Any,
    planner: Any,
    decisions: Sequence[Decision] = (),
) -> tuple[list[Event], list[Plan]]:
    """The history with the counsellor's conversations, and the plans saved after the first
    (revisions 2, 3, ...), oldest first. ``param(name, at)`` reads the law's figures."""
    out = list(events)
    out.extend(_follow_ups(events, today, rng, param))
    plans: list[Plan] = []
    latest = plan
    for day in _replan_days(events, today, rng):
        try:
            _, made, _ = plan_state(
                planner,
                client,
                out,
                list(decisions),
                _Latest(len(plans) + 1, latest.to_json(indent=None)),
                day,
            )
        except (InputError, PlanningError):
            continue  # nothing left to plan for this person
        out = [e for e in out if not _planned_contact(e, day)]
        out.append(ContactHeld(day, "progress"))
        out.extend(
            ContactHeld(c.date, c.kind)
            for c in made.check_ins
            if c.kind in PLANNED_TOPICS and day < c.date <= today and rng.random() < HELD_SHARE
        )
        plans.append(made)
        latest = made
    out.extend(_caught_up(out, [plan, *plans], today, rng))
    out.sort(key=lambda e: e.on)
    return out, plans


def _caught_up(
    events: Sequence[Event], plans: Sequence[Plan], today: date, rng: random.Random
) -> list[ContactHeld]:
    """The conversations missed on their day that the counsellor holds later (most of them,
    ``CATCH_UP_SHARE``, within ``CATCH_UP_DAYS``), each plan's while it is in force."""
    held = {(e.topic, e.on) for e in events if isinstance(e, ContactHeld)}
    out = []
    for plan, until in zip(plans, [*(p.reference_date for p in plans[1:]), today], strict=True):
        for check in plan.check_ins:
            if check.kind not in PLANNED_TOPICS or not plan.reference_date <= check.date < until:
                continue
            if (check.kind, check.date) in held or rng.random() >= CATCH_UP_SHARE:
                continue
            day = check.date + timedelta(days=rng.randint(*CATCH_UP_DAYS))
            if day <= min(until, today):
                out.append(ContactHeld(day, check.kind))
    return out


def _planned_contact(event: Event, since: date) -> bool:
    return isinstance(event, ContactHeld) and event.topic in PLANNED_TOPICS and event.on >= since


def _replan_days(events: Sequence[Event], today: date, rng: random.Random) -> list[date]:
    """The days the plan is amended after exams: each a few days to three weeks after an exam
    not amended yet, up to ``today``."""
    days: list[date] = []
    for exam in sorted({e.on for e in events if isinstance(e, ExamResult)}):
        if days and exam <= days[-1]:
            continue  # amended in that conversation
        day = exam + timedelta(days=rng.randint(*REPLAN_DAYS))
        if day > today:
            break
        days.append(day)
    return days


def _follow_ups(
    events: Sequence[Event], today: date, rng: random.Random, param: Any
) -> list[ContactHeld]:
    out = []
    for job in (e for e in events if isinstance(e, JobStarted)):
        for months in param("job_follow_up_months", job.on):
            day = add_months(job.on, int(months)) + timedelta(days=rng.randint(*FOLLOW_UP_DAYS))
            if day <= today and rng.random() < FOLLOW_UP_SHARE:
                out.append(ContactHeld(day, "job-follow-up"))
    return out
