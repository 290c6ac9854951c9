"""The pseudonymised research histories: what the evidence tools may read, and nothing more.

One :class:`History` per person: the keyed-hash pseudonym of ``pseudonyms.py`` instead of the id,
the permitted intake fields (:data:`PERMITTED`; an age band instead of the birth date, the
term start's year instead of its date), and what happened as weeks since the term start:
hours attended per module, exams, components, placements, jobs, interventions, moves, the
end of the term, and lottery draws (the draw's result, not its reason). No name, BSN, birth
date, free text or date is in it, and nationality, country of birth, ethnicity, religion and
home language are not modelled at all. ``padplanner calibrate`` and ``padplanner evaluate``
read only this. Every read is one audit entry (``export``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import select

from padplanner.errors import InputError, Problem
from padplanner.model.levels import SKILLS
from padplanner.store.events import event_from_row
from padplanner.store.pseudonyms import pseudonym, research_key
from padplanner.store.research import RESEARCH_FIELDS, age_band, intake_fields
from padplanner.store.schema import decisions, events, people, research

if TYPE_CHECKING:
    from padplanner.store.core import Core

PERMITTED: tuple[str, ...] = RESEARCH_FIELDS[1 : RESEARCH_FIELDS.index("intake_speaking") + 1]
"""The only personal fields a model may use: the research dataset's intake fields, from the
age band to the intake levels (``padplanner evaluate`` adjusts on a subset)."""

EXCLUDED: tuple[str, ...] = (
    "nationality",
    "country_of_birth",
    "ethnicity",
    "religion",
    "home_language",
    "name",
    "bsn",
    "birth_date",
    "notes",
    "own_goals",
    "own_wishes",
    "own_worries",
)
"""Never in a history: not modelled at all, proxies for origin, or identifying."""


@attrs.frozen
class Happening:
    """One event, ``week`` weeks after the term start (fractions for the day of the week)."""

    week: float
    kind: str
    module: str = ""  # hours: the module
    hours: float = 0.0  # hours: how many
    skill: str = ""  # exam
    level: str = ""  # exam: the CEFR level
    passed: bool = True  # exam
    name: str = ""  # intervention, lottery: which intervention; completed: the component
    value: str = ""  # lottery: "drawn" | "not-drawn"; job-started: the sector


@attrs.frozen
class History:
    pid: str
    profile: Mapping[str, Any]  # the PERMITTED fields
    observed_weeks: float  # from the term start to the end of the record (today)
    events: tuple[Happening, ...]

    def of(self, kind: str) -> list[Happening]:
        return [e for e in self.events if e.kind == kind]


def _weeks(day: date, start: date) -> float:
    return round((day - start).days / 7, 3)


def _happening(event: Any, start: date) -> Happening | None:
    week = _weeks(event.on, start)
    kind = event.kind
    if kind == "hours":
        return Happening(week, kind, module=event.module, hours=float(event.hours))
    if kind == "exam":
        return Happening(week, kind, skill=event.skill, level=str(event.level), passed=event.passed)
    if kind == "completed":
        return Happening(week, kind, name=event.component)
    if kind == "intervention":
        return Happening(week, kind, name=event.name)
    if kind in ("job-started", "placement-started", "placement-ended"):
        return Happening(week, kind, value=event.sector)
    if kind in ("job-ended", "moved", "term-ended", "extension"):
        return Happening(week, kind, value=getattr(event, "outcome", ""))
    return None  # conversations held: not an outcome the tools study


def research_histories(store: Core, author: str, today: date | None = None) -> list[History]:
    """Everyone's pseudonymised history as of ``today`` (default: the store's today), sorted
    by pseudonym; audited as one export. On a shared database (an analyst) the histories of
    the research snapshot, as of the day it was built (``padplanner db refresh``)."""
    out = snapshot(store) if store.access.enforced else build(store, today)
    with store.write() as conn:
        store.log(conn, "export", None, f"research histories: {len(out)} people", actor=author)
    return out


def _to_json(history: History) -> str:
    return json.dumps(attrs.asdict(history), sort_keys=True, separators=(",", ":"))


def _from_json(text: str) -> History:
    data = json.loads(text)
    happened = tuple(Happening(**e) for e in data["events"])
    return History(data["pid"], data["profile"], data["observed_weeks"], happened)


def rebuild_snapshot(store: Core) -> int:
    """Keep today's histories beside the research rows (after ``research.rebuild``)."""
    found = build(store, store.today())
    with store.write() as conn:
        for history in found:
            conn.execute(
                research.update()
                .where(research.c.pid == history.pid)
                .values(history=_to_json(history))
            )
    return len(found)


def snapshot(store: Core) -> list[History]:
    """The histories as last built (what an analyst reads)."""
    with store.read() as conn:
        found = conn.execute(
            select(research.c.history)
            .where(research.c.history.is_not(None))
            .order_by(research.c.pid)
        ).scalars()
        out = [_from_json(text) for text in found]
    if not out:
        raise InputError(
            [
                Problem(
                    "research",
                    "",
                    "the research histories have not been built yet; the database owner "
                    "builds them with: padplanner db refresh",
                )
            ]
        )
    return out


def build(store: Core, today: date | None = None) -> list[History]:
    """Everyone's history from the caseload (every person this login sees)."""
    key = research_key(store)
    today = today or store.today()
    with store.read() as conn:
        persons = conn.execute(
            select(people.c.id, people.c.intake, people.c.birth_date, people.c.birth_year,
                   people.c.municipality)
        ).all()  # fmt: skip
        recorded: dict[str, list] = defaultdict(list)
        for r in conn.execute(
            select(events.c.person_id, events.c.kind, events.c.occurred_on, events.c.data)
            .where(events.c.occurred_on <= today)
            .order_by(events.c.person_id, events.c.occurred_on, events.c.id)
        ):
            recorded[r.person_id].append(event_from_row(r.kind, r.occurred_on, r.data, None))
        draws: dict[str, list] = defaultdict(list)
        for r in conn.execute(
            select(decisions.c.person_id, decisions.c.value, decisions.c.decided_at)
            .where(decisions.c.kind == "lottery")
            .order_by(decisions.c.id)
        ):
            draws[r.person_id].append((r.value, r.decided_at))
    out = []
    for person in persons:
        intake = json.loads(person.intake)
        start = date.fromisoformat(intake["term_start"])
        birth = person.birth_date or date(person.birth_year, 7, 1)
        age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
        profile = {
            "age_band": age_band(age),
            "municipality": person.municipality,
            "term_start_year": start.year,
            **intake_fields(intake),
            **{f"intake_{s}": intake["levels"][s] for s in SKILLS},
        }
        happened = [h for e in recorded.get(person.id, []) if (h := _happening(e, start))]
        for value, at in draws.get(person.id, []):
            name, _, result = value.partition(":")
            happened.append(Happening(_weeks(at.date(), start), "lottery", name=name, value=result))
        happened.sort(key=lambda h: (h.week, h.kind))
        out.append(
            History(
                pseudonym(key, person.id),
                profile,
                max(0.0, _weeks(today, start)),
                tuple(happened),
            )
        )
    out.sort(key=lambda h: h.pid)
    return out
