"""The pseudonymised research dataset: one row per person, for evaluating what works.

It is kept in the ``research`` table as last built (by ``padplanner db refresh``, daily, and
by every export where the login may read the caseload): on a shared PostgreSQL database this
snapshot is all an analyst can read (``roles.py``), and ``research_rows`` is what both the
export and the evaluation read.

A keyed hash (``pseudonyms.py``) instead of the id, an age band instead of the birth date,
the term start as a year, no name, BSN or free text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from padplanner.errors import InputError, Problem
from padplanner.model.levels import SKILLS, Level
from padplanner.store import accesslog
from padplanner.store.codec import to_json
from padplanner.store.events import event_from_row
from padplanner.store.pseudonyms import pseudonym, research_key
from padplanner.store.schema import events, people, research, revisions

if TYPE_CHECKING:
    from padplanner.store.core import Core

AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 17, "<18"),
    (18, 22, "18-22"),
    (23, 27, "23-27"),
    (28, 34, "28-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, 200, "65+"),
)


INTAKE_FIELDS = ("education", "literacy", "learnability", "dutch_contact", "aim", "weekly_hours")


def intake_fields(intake: dict[str, Any]) -> dict[str, Any]:
    """The intake fields research may use, from the stored intake ("" when an old intake
    lacks one)."""
    return {name: intake.get(name, "") for name in INTAKE_FIELDS}


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "unknown"


def _age(birth: date, when: date) -> int:
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


RESEARCH_FIELDS: tuple[str, ...] = (
    "pid",
    "age_band",
    "municipality",
    "term_start_year",
    "education",
    "literacy",
    "learnability",
    "dutch_contact",
    "aim",
    "weekly_hours",
    *[f"intake_{s}" for s in SKILLS],
    *[f"reached_{s}" for s in SKILLS],
    "route",
    "revisions",
    "planned_hours",
    "slack_weeks",
    "hours_attended",
    "exams_passed",
    "knm",
    "pvt",
    "map",
    "placement",
    "job",
    "weeks_to_job",
    "extension_weeks",
    "moved",
    "term_outcome",
    "risk",
    "forgotten",
)


def research_rows(core: Core, author: str, *, log: bool = True) -> list[dict[str, Any]]:
    """The pseudonymised dataset, one row per person, sorted by pseudonym.

    Built afresh (and kept as the snapshot analysts read) where this login may read the
    people; an analyst on a shared database reads the snapshot as last built (``padplanner
    db refresh``, daily). The export is recorded in the access log, unless ``log`` is false:
    the command line records it itself once the file is written."""
    if core.access.enforced:
        if core.access.role != "analyst" and not core.access.may_see_people():
            with core.read() as conn:  # the database refuses: say it in its words
                conn.execute(select(research.c.pid).limit(1)).all()
        rows = snapshot(core)
    else:
        rows = rebuild(core)
    if log:
        with core.write() as conn:
            accesslog.append(
                conn, core.now(), author, "export", None, f"research dataset: {len(rows)} people"
            )
    return rows


def snapshot(core: Core) -> list[dict[str, Any]]:
    """The research dataset as last built (what an analyst reads)."""
    with core.read() as conn:
        found = conn.execute(select(research.c.row).order_by(research.c.pid)).scalars().all()
    if not found:
        raise InputError(
            [
                Problem(
                    "research",
                    "",
                    "the research dataset has not been built yet; the database owner builds "
                    "it with: padplanner db refresh",
                )
            ]
        )
    return [json.loads(row) for row in found]


def rebuild(core: Core) -> list[dict[str, Any]]:
    """Build the dataset from the caseload and keep it as the snapshot; returns its rows."""
    rows = build(core)
    now = core.now()
    with core.write() as conn:
        conn.execute(research.delete())
        if rows:
            conn.execute(
                research.insert(),
                [{"pid": r["pid"], "row": to_json(r), "built_at": now} for r in rows],
            )
    return rows


def build(core: Core) -> list[dict[str, Any]]:
    """The dataset from the caseload (every person this login sees), sorted by pseudonym."""
    key = research_key(core)
    with core.read() as conn:
        persons = conn.execute(select(people)).all()
        by_person: dict[str, list] = defaultdict(list)
        for r in conn.execute(
            select(events.c.person_id, events.c.kind, events.c.occurred_on, events.c.data)
        ):
            by_person[r.person_id].append(event_from_row(r.kind, r.occurred_on, r.data, None))
        latest: dict[str, tuple[int, str]] = {}
        for r in conn.execute(
            select(revisions.c.person_id, revisions.c.revision, revisions.c.plan)
        ):
            if r.revision > latest.get(r.person_id, (0, ""))[0]:
                latest[r.person_id] = (r.revision, r.plan)
    rows = []
    for person in persons:
        intake = json.loads(person.intake)
        term_start = date.fromisoformat(intake["term_start"])
        birth = person.birth_date or date(person.birth_year, 7, 1)
        recorded = by_person.get(person.id, [])
        levels = {s: Level.parse(intake["levels"][s]) for s in SKILLS}
        reached = dict(levels)
        hours = 0.0
        exams = 0
        flags = set()
        placement = job = moved = False
        weeks_to_job = None
        extension = 0
        outcome = ""
        for event in sorted(recorded, key=lambda e: e.on):
            kind = event.kind
            if kind == "hours":
                hours += event.hours
            elif kind == "exam" and event.passed:
                exams += 1
                reached[event.skill] = max(reached[event.skill], event.level)
            elif kind == "completed":
                flags.add(event.component)
            elif kind == "placement-started":
                placement = True
            elif kind == "job-started":
                job = True
                if weeks_to_job is None:
                    weeks_to_job = max(0, (event.on - term_start).days // 7)
            elif kind == "extension":
                extension += event.weeks
            elif kind == "moved":
                moved = True
            elif kind == "term-ended":
                outcome = event.outcome
        plan = json.loads(latest[person.id][1]) if person.id in latest else None
        rows.append(
            {
                "pid": pseudonym(key, person.id),
                "age_band": age_band(_age(birth, term_start)),
                "municipality": person.municipality,
                "term_start_year": term_start.year,
                **intake_fields(intake),
                **{f"intake_{s}": str(levels[s]) for s in SKILLS},
                **{f"reached_{s}": str(reached[s]) for s in SKILLS},
                "route": plan["route"]["id"] if plan else "",
                "revisions": latest.get(person.id, (0, ""))[0],
                "planned_hours": plan["total_hours"] if plan else "",
                "slack_weeks": plan["slack_weeks"] if plan else "",
                "hours_attended": round(hours, 1),
                "exams_passed": exams,
                "knm": "knm" in flags,
                "pvt": "pvt" in flags,
                "map": "map" in flags,
                "placement": placement,
                "job": job,
                "weeks_to_job": weeks_to_job if weeks_to_job is not None else "",
                "extension_weeks": extension,
                "moved": moved,
                "term_outcome": outcome,
                "risk": person.risk,
                "forgotten": person.forgotten_at is not None,
            }
        )
    rows.sort(key=lambda r: r["pid"])
    return rows
