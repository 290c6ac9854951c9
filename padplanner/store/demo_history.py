"""The demo caseload's history, drawn from known true values.

So that the evidence tools can be checked against the truth, the synthetic progress of the
demo caseload (``padplanner.demo.fill_demo``) comes from :data:`TRUTH`:

* **Hours.** A person needs ``the hours the law's rule plans per unit of the profile factor
  (the reference hours × the catalogue's learnability and Dutch-contact factors, asked of
  padplanner_module_hours: padplanner.engine.asked.ProfileHours) × the true factor of their
  learner profile × their own speed`` for each language course (the person's speed is log-normal with sd ``person_sd``, shared by all
  their courses, times a course's own variation with sd ``course_sd``). The true profile
  factors differ from the catalogue's reference factors (the Flemish figures) on purpose:
  ``padplanner calibrate`` should find them. Other activities take their planned hours.
* **Attendance.** Each person attends a share of the planned hours a week (normal around
  0.9, sd 0.1, between 0.5 and 1.05). A course ends when the person has attended the hours
  they need; the exams of its level are passed then; the next course waits for it.
* **Interventions.** Intensive mediation goes to the people aiming at work, the most
  promising first (by learnability), for 40 % of them per municipality: a lottery (seeded)
  decides among those tied at the cut-off. A dual trajectory is whatever the plan holds (a
  ``practice:`` activity); values conversations likewise (an activity that brings
  ``values``).
* **Jobs.** The first job comes after an exponential time from the term start, with a
  yearly chance by aim and education level, multiplied by the true effect (hazard ratio)
  of every intervention the person gets: intensive mediation 1.6, a dual trajectory 1.3,
  values conversations 1.0 (no effect on work).

The figures are [thumb] values for a demo, not findings about the world: real effects are
what a municipality measures with ``padplanner evaluate``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from padplanner.engine.asked import PROFILE_FIELDS, ProfileHours
from padplanner.model import Level
from padplanner.model.levels import SKILLS
from padplanner.model.profiles import hours_profile


@attrs.frozen
class Truth:
    hours_factor: Mapping[str, float]  # per learner profile, × the reference hours
    person_sd: float  # log sd of a person's own speed, shared by all their courses
    course_sd: float  # log sd of one course's own variation
    job_per_year: Mapping[str, float]  # yearly chance of a first job by aim, no intervention
    job_by_education: Mapping[str, float]  # multiplies the job hazard
    job_effect: Mapping[str, float]  # hazard ratio of each intervention on finding work
    mediation_share: float  # places for intensive mediation: share of those aiming at work


TRUTH = Truth(
    hours_factor={
        "not-literate": 2.9,
        "fast-track": 0.45,
        "none": 2.2,
        "primary": 1.25,
        "secondary": 1.1,
        "vocational": 0.85,
        "higher": 0.6,
    },
    person_sd=0.25,
    course_sd=0.15,
    job_per_year={"work": 0.12, "study": 0.05, "participation": 0.03},
    job_by_education={
        "none": 0.5,
        "primary": 0.7,
        "secondary": 1.0,
        "vocational": 1.2,
        "higher": 1.3,
    },
    job_effect={"mediation": 1.6, "dual": 1.3, "values": 1.0},
    mediation_share=0.4,
)

PROMISE = {"high": 1, "average": 2, "low": 3}  # the lottery's priority: lower goes first


def mediation_candidates(clients) -> dict[str, list[tuple[str, float]]]:
    """Per municipality, the people aiming at work and their priority (by learnability)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for client in clients:
        if client.aim == "work":
            out.setdefault(client.municipality, []).append(
                (client.id, float(PROMISE[client.learnability]))
            )
    return out


def _batches(start: date, end: date, hours: float, out: list, module: str, event) -> None:
    """``hours`` spread evenly over four-week batches from ``start`` to ``end``."""
    days = max(1, (end - start).days)
    day = start
    while day < end:
        step = min(28, (end - day).days)
        part = round(hours * step / days, 1)
        if part > 0:
            out.append(event(day + timedelta(days=max(0, step - 1)), module, part))
        day += timedelta(days=step)


def simulate(
    client: Any,
    plan: Any,
    today: date,
    rng: random.Random,
    catalog: Any,
    unit_hours: ProfileHours,
    mediation: bool = False,
    truth: Truth = TRUTH,
) -> list[Any]:
    """Progress events from the plan's start up to ``today`` (see the module docs).
    ``unit_hours`` is the hours rule per unit of the profile factor (the law's)."""
    from padplanner.store.events import (
        ComponentCompleted,
        ContactHeld,
        ExamResult,
        ExtensionGranted,
        HoursAttended,
        InterventionStarted,
        JobStarted,
        PlacementEnded,
        PlacementStarted,
    )

    out: list[Any] = []
    rate = min(1.05, max(0.5, rng.gauss(0.9, 0.1)))
    speed = rng.gauss(0.0, truth.person_sd)
    profile = hours_profile(client.education, client.literacy, client.learnability, client.aim)
    fields = {name: getattr(client, name) for name in PROFILE_FIELDS}
    ends: dict[str, date] = {}
    got = {"mediation": mediation, "dual": False, "values": False}
    if mediation:
        out.append(InterventionStarted(client.term_start + timedelta(weeks=1), "mediation"))
    for activity in sorted(plan.activities, key=lambda a: (a.start, a.id)):
        module = catalog.modules.get(activity.module)
        start = max([activity.start, *(ends[d] for d in activity.depends_on if d in ends)])
        unit = unit_hours(fields, module, client.term_start) if module is not None else None
        if unit is not None:
            need = unit * truth.hours_factor[profile]
            need *= math.exp(speed + rng.gauss(0.0, truth.course_sd))
        else:
            need = activity.hours
        weekly = max(0.5, activity.hours_per_week * rate)
        end = start + timedelta(days=math.ceil(7 * need / weekly))
        ends[activity.id] = end
        if start >= today:
            continue
        if any(g.startswith("practice:") for g in activity.grants):
            got["dual"] = True
            out.append(InterventionStarted(start, "dual"))
        if "values" in activity.grants:
            got["values"] = True
            out.append(InterventionStarted(start, "values"))
        if activity.module.startswith("wep-"):
            out.append(PlacementStarted(start, activity.module.removeprefix("wep-")))
        stop = min(end, today)
        attended = need if end <= today else need * (stop - start).days / max(1, (end - start).days)
        _batches(start, stop, attended, out, activity.module, HoursAttended)
        if end > today:
            continue
        for grant in activity.grants:
            name, _, level = grant.partition(">=")
            if name in SKILLS and level:
                out.append(ExamResult(end, name, Level.parse(level), passed=True))
            elif name in ("knm", "pvt", "map", "values", "diploma-evaluated"):
                out.append(ComponentCompleted(end, name))
        if activity.module.startswith("wep-"):
            out.append(PlacementEnded(end, activity.module.removeprefix("wep-"), completed=True))
    hazard = -math.log(1 - truth.job_per_year[client.aim]) / 52
    hazard *= truth.job_by_education[client.education]
    for name, present in got.items():
        if present:
            hazard *= truth.job_effect[name]
    job_week = rng.expovariate(hazard)
    job_day = client.term_start + timedelta(days=round(7 * job_week))
    if job_day <= today:
        sector = client.work.goal or "retail"
        out.append(JobStarted(job_day, sector, rng.choice((16, 24, 32)), path_hours=8))
    for check_in in plan.check_ins:  # most conversations are held, each on its own topic
        if check_in.date <= today and rng.random() < 0.85:
            topic = "map-final" if check_in.kind == "map-final" else "progress"
            out.append(ContactHeld(check_in.date, topic))
    if rng.random() < 0.03:
        day = client.term_start + timedelta(days=rng.randint(30, 700))
        if day <= today:
            out.append(ExtensionGranted.birth(day))
    out.sort(key=lambda e: e.on)
    return out
