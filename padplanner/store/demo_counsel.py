"""What the demo's counsellors do with the simulated history (``demo_history.py``): they keep
the plan and the conversations up to date, as a counsellor working from the agenda would.

* **Amending the plan after exams and decisions.** An exam result means the PIP must be
  amended, and so does a decision the rules ask for (``padplanner_switch_question``: whether
  the route still fits, one conversation cycle before the switch window closes;
  ``padplanner_a2_decision``: a skill's drop to A2 once the language lessons reach the hours
  the law names). Within ``REPLAN_DAYS`` of the exam or the day the decision falls due (a
  conversation arranged for it) the counsellor replans the person's state on that day and
  saves it as the next revision. What falls due before that conversation is amended in it
  too. One whose conversation would fall after ``today`` is still open: that is the agenda's
  backlog.
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
from padplanner.engine.asked import Asked
from padplanner.errors import InputError, PlanningError
from padplanner.model import Plan
from padplanner.store.derive import derive, language_hours_reached
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
    planner: Any,
    decisions: Sequence[Decision] = (),
) -> tuple[list[Event], list[Plan]]:
    """The history with the counsellor's conversations, and the plans saved after the first
    (revisions 2, 3, ...), oldest first. The law's figures and questions are asked of the
    rules of the person's municipality (``planner``), as the agenda asks them."""
    asked = Asked(planner, client.municipality)
    out = list(events)
    out.extend(_follow_ups(events, today, rng, asked.param))
    plans: list[Plan] = []
    latest = plan
    due = _decisions_due(client, plan, events, decisions, asked)
    for day in _replan_days(events, due, today, rng):
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


def _decisions_due(
    client: Any, plan: Plan, events: Sequence[Event], decisions: Sequence[Decision], asked: Asked
) -> list[date]:
    """The days the rules ask the counsellor to decide about the route, as the agenda asks
    them: whether the route still fits, one conversation cycle before the switch window
    closes; a skill's drop to A2, once the language lessons reach the hours the rules name
    (for the skills still below B1 that day)."""
    out = []
    route = plan.route.id
    closes = plan.term.switch_until if plan.term is not None else None
    if closes is not None:
        due = closes - timedelta(weeks=int(asked.param("check_in_weeks", client.term_start)))
        if asked.switch_question(client, route, due) is not None:
            out.append(due)
    first = asked.a2_decision(client, route, client.term_start)
    if first is not None:
        modules = asked.planner.catalog(client.municipality).modules
        kinds = {m: modules[m].kind for m in modules}
        reached = language_hours_reached(client, events, kinds, float(first.values["hours"]))
        then = derive(client, events, decisions, reached) if reached is not None else None
        if then is not None and asked.a2_decision(then, route, reached) is not None:
            out.append(reached)
    return out


def _replan_days(
    events: Sequence[Event], due: Sequence[date], today: date, rng: random.Random
) -> list[date]:
    """The days the plan is amended: each a few days to three weeks after an exam or a
    decision due (``due``) not amended yet, up to ``today``."""
    days: list[date] = []
    for exam in sorted({e.on for e in events if isinstance(e, ExamResult)} | set(due)):
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
